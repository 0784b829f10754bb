"""The MAPPA category: one line per category answered Yes or ticked, or a number written.

FORMS.md §3.2 and §3.3: exactly one category; none → category_missing, several →
category_multiple, a number the form does not offer → category_invalid (all errors).
"""

from __future__ import annotations

from parsers.answers import AMBIGUOUS, read_ints, tick_state
from parsers.draft import Context
from parsers.interpret import choose
from parsers.locate import TICK_PREFIX, Answer


def line_chosen(answer: Answer | None) -> bool:
    """A category line is chosen by a tick before or after it, or by Yes."""
    if answer is None or not answer.text.strip():
        return False
    text = answer.text.strip()
    if tick := TICK_PREFIX.match(text):
        return bool(tick_state(tick[1]))
    if tick_state(text):
        return True
    return choose(answer.lines, ("yes", "no")) == "yes"


def settle_category(
    ctx: Context, key: str, lines: dict[int, str], typed: str | None, allowed: set[int]
) -> None:
    chosen = [number for number, line in lines.items() if line_chosen(ctx.answer(line))]
    where = next((ctx.answer(lines[n]).where for n in chosen), None)
    written = ctx.answer(typed) if typed else None
    if written is not None and written.text.strip():
        chosen = list(dict.fromkeys([*chosen, *read_ints(written.text)]))
        where = where or written.where
    if not chosen:
        ctx.issues.add(key, "error", "category_missing", "No MAPPA category is selected.")
        ctx.draft.set(key, None)
    elif len(chosen) > 1:
        ctx.issues.add(
            key,
            "error",
            "category_multiple",
            "More than one MAPPA category is selected: the offender can be in one category only.",
        )
        ctx.draft.set(key, None)
    elif chosen[0] not in allowed:
        ctx.issues.add(
            key,
            "error",
            "category_invalid",
            f"Category {chosen[0]} is not a category this form offers"
            f" ({', '.join(map(str, sorted(allowed)))}).",
        )
        ctx.draft.set(key, None)
    else:
        ctx.draft.set(key, chosen[0], where)


def pair_answer(answer: Answer | None) -> object:
    """Yes or No on a line that may carry a tick instead."""
    if answer is None or not answer.text.strip():
        return None
    if tick := TICK_PREFIX.match(answer.text):
        return "yes" if tick_state(tick[1]) else None
    return choose(answer.lines, ("yes", "no"))


__all__ = ["AMBIGUOUS", "line_chosen", "pair_answer", "settle_category"]
