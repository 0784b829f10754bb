"""The blank forms in templates/forms/: built by scripts/build_form_templates.py, and each read
back by the parser as its form with nothing filled in (FORMS.md §2.2: one error, form_blank)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from parsers import parse
from scripts.build_form_templates import TEMPLATES, built

NOW = datetime(2025, 6, 1, 12, 0)
FORMS = {
    "form_g.docx": "form_g",
    "appendix_c_checklist.docx": "form_g",
    "mappa_a.docx": "mappa_a",
    "pdp.docx": "pdp",
}


def test_committed_templates_are_what_the_script_builds():
    assert {path.name for path in TEMPLATES.glob("*.docx")} == set(FORMS)
    for name, data in built().items():
        assert (TEMPLATES / name).read_bytes() == data, f"rebuild {name}"


@pytest.mark.parametrize(("name", "form"), sorted(FORMS.items()))
def test_each_blank_form_reads_as_its_form_with_nothing_filled_in(name, form):
    result = parse(Path(TEMPLATES / name).read_bytes(), name, NOW)
    assert result.form == form
    assert [(i.code, i.severity) for i in result.issues] == [("form_blank", "error")]
