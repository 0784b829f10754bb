"""Writes the blank fillable forms in templates/forms/ from the printed layouts in
form_layouts.py: Form G, its Appendix C checklist, the PDP form and MAPPA A.

    .venv/bin/python scripts/build_form_templates.py [--check]

The output is deterministic (fixed document dates and zip timestamps), so the committed files
can be compared with a fresh build; `--check` only compares and exits 1 when they differ.
"""

from __future__ import annotations

import sys
import zipfile
from datetime import datetime
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.shared import Cm
from docx.table import _Cell

if __package__ in (None, ""):  # run as a script: the layouts sit beside it
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from form_layouts import FORMS, Cell, Form, Grid, Para
else:
    from scripts.form_layouts import FORMS, Cell, Form, Grid, Para

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "forms"
FIXED_TIME = datetime(2024, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
PAGE_WIDTH_CM = 17.0
WIDTHS_CM = {2: (7.0, 10.0), 3: (6.5, 7.5, 3.0), 4: (3.0, 5.5, 3.0, 5.5)}


def build(form: Form) -> bytes:
    """The blank form as the bytes of a .docx."""
    document = docx.Document()
    for block in form.blocks:
        if isinstance(block, Para):
            add_paragraph(document, block)
        else:
            add_grid(document, block)
    document.add_paragraph()  # Word ends a document with a paragraph; .doc export needs one
    return saved(document)


def add_paragraph(document: WordDocument, block: Para) -> None:
    paragraph = document.add_paragraph(style=block.style)
    paragraph.add_run(block.text).bold = block.bold or None


def add_grid(document: WordDocument, grid: Grid) -> None:
    table = document.add_table(rows=0, cols=grid.columns)
    table.style = "Table Grid"
    widths = WIDTHS_CM.get(grid.columns, (PAGE_WIDTH_CM / grid.columns,) * grid.columns)
    for row in grid.rows:
        cells = table.add_row().cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = Cm(width)
        position = 0
        for printed in row:
            target = cells[position]
            if printed.span > 1:
                target = target.merge(cells[position + printed.span - 1])
            write_cell(target, printed)
            position += printed.span


def write_cell(target: _Cell, printed: Cell) -> None:
    """The printed text, one paragraph per line, bold where the form prints it bold."""
    for number, line in enumerate(printed.text.split("\n")):
        paragraph = target.paragraphs[0] if number == 0 else target.add_paragraph()
        if line:
            paragraph.add_run(line).bold = printed.bold or None


def saved(document: WordDocument) -> bytes:
    """The document's bytes, the same on every run: fixed dates inside and in the zip."""
    properties = document.core_properties
    properties.created = properties.modified = FIXED_TIME
    properties.last_printed = FIXED_TIME
    properties.author = properties.last_modified_by = "mappa-intake"
    properties.revision = 1
    buffer = BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue())


def fixed_zip(data: bytes) -> bytes:
    """The same package with every member's timestamp set to one fixed time."""
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member))
    return out.getvalue()


def built() -> dict[str, bytes]:
    """Every template's file name and bytes."""
    return {f"{form.name}.docx": build(form) for form in FORMS}


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name, data in built().items():
        path = TEMPLATES / name
        if path.exists() and path.read_bytes() == data:
            continue
        stale.append(name)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if check and stale:
        print(f"out of date: {', '.join(stale)} (run scripts/build_form_templates.py)")
        return 1
    print(
        f"{'checked' if check else 'written'}: {len(FORMS) - len(stale) if check else len(stale)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
