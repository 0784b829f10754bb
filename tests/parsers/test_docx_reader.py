"""The Word reader's blocks: real .docx files in, paragraphs and tables with their places out."""

from __future__ import annotations

from copy import deepcopy
from io import BytesIO
from zipfile import ZipFile

from docx.document import Document as WordDocument
from docx.oxml.ns import qn

from parsers.document import Cell, Paragraph, Table
from parsers.docx_reader import read_docx
from tests.support.docx_builder import (
    all_tables,
    body_docx,
    cell_texts,
    control,
    docx_bytes,
    p,
    paragraph_texts,
    r,
    read_body,
    rezip,
    table,
    tc,
    text_box,
    tr,
)

# Tables and places


def test_label_value_table_gives_each_cell_its_place() -> None:
    def build(document: WordDocument) -> None:
        grid = document.add_table(rows=2, cols=2)
        for row, (label, value) in enumerate([("Family name", "Smith"), ("Date of birth", "")]):
            grid.cell(row, 0).text = label
            grid.cell(row, 1).text = value

    (found,) = all_tables(read_docx(docx_bytes(build)))
    assert found.number == 1
    assert cell_texts(found) == [
        [("table 1 row 1 cell 1", "Family name"), ("table 1 row 1 cell 2", "Smith")],
        [("table 1 row 2 cell 1", "Date of birth"), ("table 1 row 2 cell 2", "")],
    ]


def test_row_of_label_value_and_agency_is_three_cells() -> None:
    def build(document: WordDocument) -> None:
        row = document.add_table(rows=1, cols=3).rows[0]
        for cell, text in zip(row.cells, ["Risk to children", "Yes", "Police"], strict=True):
            cell.text = text

    (found,) = all_tables(read_docx(docx_bytes(build)))
    assert [text for _, text in cell_texts(found)[0]] == ["Risk to children", "Yes", "Police"]


def test_merged_cells_appear_once_in_their_row() -> None:
    def build(document: WordDocument) -> None:
        grid = document.add_table(rows=3, cols=3)
        grid.cell(0, 0).merge(grid.cell(0, 1)).text = "Offender details"
        grid.cell(0, 2).text = "Agency"
        grid.cell(1, 0).merge(grid.cell(2, 0)).text = "Address"
        grid.cell(1, 1).text, grid.cell(1, 2).text = "1 High St", "Police"
        grid.cell(2, 1).text, grid.cell(2, 2).text = "PL25 5AS", "Probation"

    (found,) = all_tables(read_docx(docx_bytes(build)))
    assert cell_texts(found) == [
        [("table 1 row 1 cell 1", "Offender details"), ("table 1 row 1 cell 2", "Agency")],
        [
            ("table 1 row 2 cell 1", "Address"),
            ("table 1 row 2 cell 2", "1 High St"),
            ("table 1 row 2 cell 3", "Police"),
        ],
        [("table 1 row 3 cell 2", "PL25 5AS"), ("table 1 row 3 cell 3", "Probation")],
    ]


def test_nested_tables_are_numbered_depth_first() -> None:
    def build(document: WordDocument) -> None:
        outer = document.add_table(rows=2, cols=2)
        outer.cell(0, 0).text = "Victims"
        inner = outer.cell(0, 1).add_table(rows=1, cols=2)
        inner.cell(0, 0).text, inner.cell(0, 1).text = "Name", "Jane"
        outer.cell(1, 0).text = "After"
        document.add_table(rows=1, cols=1).cell(0, 0).text = "Second"

    document = read_docx(docx_bytes(build))
    outer, inner, second = all_tables(document)
    assert (outer.number, inner.number, second.number) == (1, 2, 3)
    holder = outer.rows[0].cells[1]
    assert holder.tables == (inner,)
    assert "Jane" not in holder.text
    assert cell_texts(inner) == [
        [("table 2 row 1 cell 1", "Name"), ("table 2 row 1 cell 2", "Jane")]
    ]
    assert cell_texts(second) == [[("table 3 row 1 cell 1", "Second")]]
    assert "Jane" in document.all_text()


def test_rows_and_cells_wrapped_in_content_controls_are_read_in_place() -> None:
    document = read_body(
        table(
            control(tr(tc(p(r("Name"))), tc(p(r("Smith"))))),
            tr(tc(p(r("Town"))), control(tc(p(r("Exeter"))), tag="town")),
        )
    )
    (found,) = all_tables(document)
    assert cell_texts(found) == [
        [("table 1 row 1 cell 1", "Name"), ("table 1 row 1 cell 2", "Smith")],
        [("table 1 row 2 cell 1", "Town"), ("table 1 row 2 cell 2", "Exeter")],
    ]
    assert found.rows[1].cells[1].lines[0].source == "content control 'town'"


def test_body_paragraphs_are_numbered_empty_ones_included_tables_not() -> None:
    def build(document: WordDocument) -> None:
        document.add_paragraph("MAPPA A")
        document.add_paragraph("")
        document.add_table(rows=1, cols=1).cell(0, 0).text = "in a cell"
        document.add_paragraph("Section 2")

    document = read_docx(docx_bytes(build))
    assert paragraph_texts(document) == [
        ("paragraph 1", "MAPPA A"),
        ("paragraph 2", ""),
        ("paragraph 3", "Section 2"),
    ]
    assert isinstance(document.blocks[2], Table)


# Text boxes, headers, footers


def test_text_box_is_read_once_right_after_its_anchor() -> None:
    document = read_body(
        p(r("Before"), text_box(p(r("Inside the box")), p(r("Second line")))),
        p(r("After")),
    )
    assert paragraph_texts(document) == [
        ("paragraph 1", "Before"),
        ("text box 1", "Inside the box"),
        ("text box 1", "Second line"),
        ("paragraph 2", "After"),
    ]
    assert document.all_text().count("Inside the box") == 1


def test_text_box_in_a_cell_is_read_into_that_cell() -> None:
    document = read_body(
        p(r("Box"), text_box(p(r("first")))),
        table(tr(tc(p(r("Notes"))), tc(p(r("See:"), text_box(p(r("boxed answer"))))))),
    )
    (found,) = all_tables(document)
    assert [line.text for line in found.rows[0].cells[1].lines] == ["See:", "boxed answer"]
    assert ("text box 1", "first") in paragraph_texts(document)


def test_headers_come_first_and_footers_last_each_part_once() -> None:
    def build(document: WordDocument) -> None:
        section = document.sections[0]
        section.header.paragraphs[0].text = "OFFICIAL SENSITIVE"
        section.header.add_table(rows=1, cols=1, width=section.page_width).cell(0, 0).text = "Logo"
        section.different_first_page_header_footer = True
        section.first_page_header.paragraphs[0].text = "First page"
        section.footer.paragraphs[0].text = "Page footer"
        document.add_paragraph("Body")
        document.add_table(rows=1, cols=1).cell(0, 0).text = "Body table"
        # A second section naming the same header parts again: each part is read once.
        document.add_section()
        first, second = document.sections
        for reference in first._sectPr.findall(qn("w:headerReference")):
            second._sectPr.insert(0, deepcopy(reference))
        assert len(second._sectPr.findall(qn("w:headerReference"))) == 2

    document = read_docx(docx_bytes(build))
    places = [(b.where if isinstance(b, Paragraph) else b.number) for b in document.blocks]
    texts = [b.line.text if isinstance(b, Paragraph) else None for b in document.blocks]
    assert texts.count("OFFICIAL SENSITIVE") == 1
    assert places[0] == "header" and places[-1] == "footer"
    assert "paragraph 1" in places
    header_table, body_table = all_tables(document)  # in reading order; the body's counted first
    assert cell_texts(body_table) == [[("table 1 row 1 cell 1", "Body table")]]
    assert cell_texts(header_table) == [[("table 2 row 1 cell 1", "Logo")]]
    assert ("header", "First page") in paragraph_texts(document)
    assert paragraph_texts(document)[-1] == ("footer", "Page footer")


# Content controls around blocks, other kinds of package


def test_content_control_showing_its_placeholder_gives_no_text() -> None:
    placeholder = r("Click or tap here to enter text.", '<w:rStyle w:val="PlaceholderText"/>')
    document = read_body(
        p(r("Date of birth: "), control(placeholder, tag="dob", extra="<w:showingPlcHdr/>")),
        control(p(placeholder), tag="notes", extra="<w:showingPlcHdr/>"),
    )
    assert paragraph_texts(document) == [("paragraph 1", "Date of birth: "), ("paragraph 2", "")]


def test_block_content_control_is_read_in_place_and_innermost_source_wins() -> None:
    document = read_body(
        p(r("Before")),
        control(p(r("Risk "), control(r("high"), tag="level")) + p(r("to staff")), tag="risk"),
        p(r("After")),
    )
    assert paragraph_texts(document) == [
        ("paragraph 1", "Before"),
        ("paragraph 2", "Risk high"),
        ("paragraph 3", "to staff"),
        ("paragraph 4", "After"),
    ]
    assert [(run.text, run.source) for run in document.blocks[1].line.runs] == [
        ("Risk ", "content control 'risk'"),
        ("high", "content control 'level'"),
    ]


def test_macro_enabled_document_is_read_like_any_other() -> None:
    data = body_docx(p(r("Form G")))
    with ZipFile(BytesIO(data)) as archive:
        listing = archive.read("[Content_Types].xml").decode()
    listing = listing.replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    document = read_docx(rezip(data, {"[Content_Types].xml": listing.encode()}))
    assert paragraph_texts(document) == [("paragraph 1", "Form G")]


def test_cells_keep_their_lines() -> None:
    document = read_body(table(tr(tc(p(r("Address"))), tc(p(r("1 High St")), p(r("Exeter"))))))
    (found,) = all_tables(document)
    cell = found.rows[0].cells[1]
    assert isinstance(cell, Cell)
    assert [line.text for line in cell.lines] == ["1 High St", "Exeter"]
    assert cell.text == "1 High St\nExeter"
