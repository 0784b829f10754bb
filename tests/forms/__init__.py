"""Generated filled forms with known truth, for scoring the parsers' field accuracy.

`generate(seed, count, converter)` returns Samples: a file in one of eight layouts (the
official table, "Label: value" paragraphs, content controls, legacy form fields, a PDF exported
by LibreOffice, an AcroForm PDF, and .doc and .rtf saved by LibreOffice) with the record the
generator wrote into it. The truth comes from the generator's own choices, never from a parser.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any, Protocol

from scripts.form_layouts import CHECKLIST, FORM_G, MAPPA_A, PDP, Form
from tests.forms import values
from tests.forms.word import WORD_LAYOUTS, Writer

# Converted layouts: (the Word layout drawn first, LibreOffice's target, file suffix).
CONVERTED = {
    "pdf_export": ("table", "pdf", "pdf"),
    "acroform": ("legacy_fields", "pdf-form", "pdf"),
    "doc": ("table", "doc", "doc"),
    "rtf": ("table", "rtf", "rtf"),
}
LAYOUTS = (*WORD_LAYOUTS, *CONVERTED)
# What a sample holds: the printed forms in the file, the record's form type, their fillers.
KINDS = (
    ("form_g", (FORM_G,), "form_g"),
    ("form_g_with_checklist", (FORM_G, CHECKLIST), "form_g"),
    ("checklist", (CHECKLIST,), "form_g"),
    ("mappa_a", (MAPPA_A,), "mappa_a"),
    ("pdp", (PDP,), "pdp"),
)
KIND_WEIGHTS = (3, 2, 1, 3, 3)


class Converts(Protocol):
    def convert(self, data: bytes, source_suffix: str, target: str) -> bytes: ...


@dataclass(frozen=True)
class Sample:
    name: str
    data: bytes
    layout: str
    form: str
    truth: dict[str, Any]  # dotted key → canonical value (None: a not-known marker)


def generate(seed: int, count: int, converter: Converts, layouts=LAYOUTS) -> list[Sample]:
    """`count` samples, the layouts taken in turn, each form chosen at random."""
    rng = random.Random(seed)
    samples = []
    for number in range(count):
        layout = layouts[number % len(layouts)]
        kind, forms, form_type = rng.choices(KINDS, KIND_WEIGHTS)[0]
        samples.append(sample(rng, number, layout, kind, forms, form_type, converter))
    return samples


def sample(
    rng: random.Random,
    number: int,
    layout: str,
    kind: str,
    forms: tuple[Form, ...],
    form_type: str,
    converter: Converts,
) -> Sample:
    filled = values.Filled()
    for form in forms:
        part = values.FILLERS[form.name](rng)
        filled.answers.update(part.answers)
        filled.truth.update(part.truth)
    word_layout, target, suffix = CONVERTED.get(layout, (layout, None, "docx"))
    writer = Writer(word_layout, filled.answers, rng, formatting=target != "pdf")
    data = writer.document(list(forms))
    if target is not None:
        data = converter.convert(data, "docx", target)
    name = f"{number:04d}-{kind}-{layout}.{suffix}"
    return Sample(name, data, layout, form_type, filled.truth)
