"""What a referrer puts in one printed cell, independent of how a layout draws it.

A filler decides the answer and its canonical value together; each layout (table cells,
"Label: value" lines, content controls, legacy form fields) then draws the same answer its own
way, so that every layout must read back to the same truth.
"""

from __future__ import annotations

from dataclasses import dataclass

# How a printed pair such as "Yes/No" or "Community/ Hospital" is answered (FORMS.md §6).
PAIR_STYLES = ("typed", "deleted", "struck", "highlighted", "after")


@dataclass(frozen=True)
class Answer:
    """`text`: what is written (lines split at "\\n"); `choice`: the option word kept of a
    printed pair or ticked of separate boxes; `tick`: a tick box ticked or left empty."""

    text: str = ""
    choice: str | None = None
    tick: bool | None = None
    pair_style: str = "typed"


def written(text: str) -> Answer:
    return Answer(text=text)


def chosen(option: str, style: str = "typed", text: str = "") -> Answer:
    """An option of a printed pair, answered in `style`; `text` follows on later lines."""
    return Answer(text=text, choice=option, pair_style=style)


def ticked(on: bool = True, text: str = "") -> Answer:
    return Answer(text=text, tick=on)
