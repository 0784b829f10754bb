"""Whether a line of text starts a label or heading printed on one of the forms.

A reader of laid-out text (a PDF's text layer) cannot see where a label cell's wrapped line
ends and the next row's label begins when neither has a colon ("Care Co-ordinator / Care" then
"Manager"); a line that begins some printed label or heading starts a row, any other goes on
with the label above. Matching is on normalised words, exact: no typos, so that a wrapped
line is never taken for a label it only resembles.
"""

from __future__ import annotations

from functools import lru_cache

from parsers.labels import normalise


def starts_label(text: str) -> bool:
    """Whether the line's words are the first words (or all) of a printed label or heading."""
    words = normalise(text)
    return bool(words) and words in _label_starts()


@lru_cache(maxsize=1)
def _label_starts() -> frozenset[str]:
    """The first words (one, two, … all) of every label, heading and printed text."""
    from parsers.forms import FORMS  # the forms import the engine, which the reader need not

    texts = set()
    for plan in FORMS.values():
        spec = plan.spec
        texts.update(label for field in spec.fields for label in field.labels)
        texts.update(heading for section in spec.sections for heading in section.headings)
        texts.update(spec.printed)
    starts = set()
    for text in texts:
        words = normalise(text).split()
        starts.update(" ".join(words[:count]) for count in range(1, len(words) + 1))
    return frozenset(starts)
