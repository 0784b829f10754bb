"""The PDF reader's form fields: what a referrer typed into a fillable PDF, drawn into the text
beside the labels printed on its page, or as rows to match where the page prints no text."""

from __future__ import annotations

import pytest
from pypdf.generic import ArrayObject, TextStringObject
from reportlab.pdfgen.canvas import Canvas

from parsers.document import TICKED, UNTICKED, Document, Paragraph, Row, Table
from parsers.pdf_reader import read_pdf
from tests.support.pdf_builder import canvas_pdf, with_field_entry, with_fields_grouped


def tables(document: Document) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table)]


def row_texts(row: Row) -> list[str]:
    return [cell.text for cell in row.cells]


def filled_form(canvas: Canvas) -> None:
    form = canvas.acroForm
    form.textfield(name="family_name", value="Smith", x=220, y=700, width=200, height=18)
    form.textfield(
        name="dob", tooltip="Date of birth", value="03/02/1979", x=220, y=670, width=200, height=18
    )
    form.textfield(
        name="CurrentAddress",
        value="12 High Street\nSt Austell",
        fieldFlags="multiline",
        x=220,
        y=600,
        width=200,
        height=50,
    )
    form.textfield(name="nickname", value="", x=220, y=570, width=200, height=18)
    form.checkbox(name="consent", tooltip="Consent given", checked=True, x=72, y=520)
    form.checkbox(name="interpreterNeeded", checked=False, x=220, y=520)
    form.radio(name="sentenced", value="Yes", selected=True, x=72, y=470)
    form.radio(name="sentenced", value="No", selected=False, x=150, y=470)


def test_filled_fields_on_a_page_without_text_are_rows_of_label_and_value() -> None:
    document = read_pdf(canvas_pdf(filled_form))

    fields = document.blocks[0]
    assert isinstance(fields, Table) and fields.number == 0
    assert [row_texts(row) for row in fields.rows] == [
        ["family name", "Smith"],
        ["Date of birth", "03/02/1979"],
        ["Current Address", "12 High Street\nSt Austell"],
        ["Consent given", TICKED],
        ["interpreter Needed", UNTICKED],
        ["sentenced", "Yes"],
        ["sentenced: Yes", TICKED],
        ["sentenced: No", UNTICKED],
    ]
    assert [line.text for line in fields.rows[2].cells[1].lines] == ["12 High Street", "St Austell"]
    assert {cell.where for cell in fields.rows[1].cells} == {"page 1 field 'dob'"}
    assert fields.rows[6].cells[1].where == "page 1 field 'sentenced'"
    assert document.notes == ["read from the PDF form fields"]


def labelled_form(canvas: Canvas) -> None:
    """A fillable form as Word exports it: labels printed, each box beside its label (some
    hanging below the label's baseline), the boxes holding what the referrer typed."""
    form = canvas.acroForm
    canvas.drawString(72, 780, "Offender")
    canvas.drawString(72, 750, "Family name:")
    form.textfield(name="Text1", value="Smith", x=240, y=745, width=200, height=16)
    canvas.drawString(72, 720, "Address:")
    form.textfield(
        name="Text2", value="12 High Street\nSt Austell", x=240, y=706, width=200, height=12
    )
    canvas.drawString(72, 700, "Postcode:")
    form.textfield(name="Text3", value="PL25 5AS", x=240, y=690, width=200, height=12)
    canvas.drawString(72, 660, "Restricted?")
    form.checkbox(name="Check1", checked=True, x=170, y=656, size=10)
    canvas.drawString(185, 660, "Yes")
    form.checkbox(name="Check2", checked=False, x=215, y=656, size=10)
    canvas.drawString(230, 660, "No")


def test_values_typed_in_a_form_are_read_beside_their_printed_labels() -> None:
    document = read_pdf(canvas_pdf(labelled_form))

    assert not any(isinstance(block, Table) and block.number == 0 for block in document.blocks)
    rows = [row_texts(row) for table in tables(document) for row in table.rows]
    assert ["Family name:", "Smith"] in rows
    assert ["Address:", "12 High Street\nSt Austell"] in rows
    assert ["Postcode:", "PL25 5AS"] in rows
    last = document.blocks[-1]  # the question with its boxes: one line of text
    assert isinstance(last, Paragraph)
    assert " ".join(last.line.text.split()) == f"Restricted? {TICKED} Yes {UNTICKED} No"
    assert document.notes == ["read from the PDF form fields", "read from the PDF text layer"]


def test_fields_are_in_page_order_then_top_to_bottom_and_left_to_right() -> None:
    def first_page(canvas: Canvas) -> None:
        canvas.acroForm.textfield(name="right", value="B", x=300, y=700, width=100, height=18)
        canvas.acroForm.textfield(name="lower", value="C", x=72, y=600, width=100, height=18)
        canvas.acroForm.textfield(name="left", value="A", x=72, y=700, width=100, height=18)

    def second_page(canvas: Canvas) -> None:
        canvas.acroForm.textfield(name="top", value="D", x=72, y=780, width=100, height=18)

    document = read_pdf(canvas_pdf(second_page, first_page))

    (fields,) = tables(document)
    assert [row_texts(row) for row in fields.rows] == [
        ["top", "D"],
        ["left", "A"],
        ["right", "B"],
        ["lower", "C"],
    ]
    assert [row.cells[0].where for row in fields.rows] == [
        "page 1 field 'top'",
        "page 2 field 'left'",
        "page 2 field 'right'",
        "page 2 field 'lower'",
    ]
    assert document.notes == ["read from the PDF form fields"]


def test_a_radio_group_with_an_options_array_names_the_option_chosen() -> None:
    def outcome(canvas: Canvas) -> None:
        canvas.acroForm.radio(name="Outcome", value="0", selected=False, x=72, y=700)
        canvas.acroForm.radio(name="Outcome", value="1", selected=True, x=150, y=700)

    options = ArrayObject([TextStringObject("Community"), TextStringObject("Hospital")])
    data = with_field_entry(canvas_pdf(outcome), "Outcome", "/Opt", options)

    (fields,) = tables(read_pdf(data))

    assert [row_texts(row) for row in fields.rows] == [
        ["Outcome", "Hospital"],
        ["Outcome: Community", UNTICKED],
        ["Outcome: Hospital", TICKED],
    ]


def test_a_radio_group_with_nothing_chosen_shows_both_options_unticked() -> None:
    def unanswered(canvas: Canvas) -> None:
        canvas.acroForm.textfield(name="surname", value="Smith", x=72, y=750, width=100)
        canvas.acroForm.radio(name="sentenced", value="Yes", selected=False, x=72, y=700)
        canvas.acroForm.radio(name="sentenced", value="No", selected=False, x=150, y=700)

    (fields,) = tables(read_pdf(canvas_pdf(unanswered)))

    assert [row_texts(row) for row in fields.rows] == [
        ["surname", "Smith"],
        ["sentenced: Yes", UNTICKED],
        ["sentenced: No", UNTICKED],
    ]


def test_choice_fields_give_the_values_chosen() -> None:
    def area(canvas: Canvas) -> None:
        canvas.acroForm.choice(
            name="mappa_area", value="Cornwall", options=["Devon", "Cornwall"], x=220, y=700
        )
        canvas.acroForm.listbox(
            name="agencies",
            value=["Police", "Health"],
            options=["Police", "Probation", "Health"],
            fieldFlags="multiSelect",
            x=220,
            y=600,
        )

    (fields,) = tables(read_pdf(canvas_pdf(area)))

    assert [row_texts(row) for row in fields.rows] == [
        ["mappa area", "Cornwall"],
        ["agencies", "Police\nHealth"],
    ]


def three_fields(canvas: Canvas) -> None:
    canvas.acroForm.textfield(name="family_name", value="Smith", x=220, y=700, width=100)
    canvas.acroForm.textfield(name="DOB", value="03/02/1979", x=220, y=650, width=100)
    canvas.acroForm.textfield(name="notes", value="None", x=220, y=600, width=100)


@pytest.mark.timeout(5)
@pytest.mark.parametrize("loop", [False, True], ids=["tree", "tree with a loop"])
def test_fields_under_a_parent_have_qualified_names(loop: bool) -> None:
    data = with_fields_grouped(canvas_pdf(three_fields), "offender", ["family_name", "DOB"], loop)

    (fields,) = tables(read_pdf(data))

    assert [(row_texts(row), row.cells[1].where) for row in fields.rows] == [
        (["family name", "Smith"], "page 1 field 'offender.family_name'"),
        (["DOB", "03/02/1979"], "page 1 field 'offender.DOB'"),
        (["notes", "None"], "page 1 field 'notes'"),
    ]


def test_a_form_with_filled_fields_and_no_text_is_read_from_its_fields() -> None:
    def fields_only(canvas: Canvas) -> None:
        canvas.acroForm.textfield(name="FamilyName", value="Smith", x=72, y=700, width=200)

    document = read_pdf(canvas_pdf(fields_only))

    assert [row_texts(row) for row in tables(document)[0].rows] == [["Family Name", "Smith"]]
    assert document.notes == ["read from the PDF form fields"]


def test_boxes_wider_than_their_grid_cells_are_read_under_their_own_labels() -> None:
    """LibreOffice gives a grid's boxes the row's width: each runs over the labels beside it,
    so its value is drawn under the labels and wrapped before the next box."""

    def grid(canvas: Canvas) -> None:
        form = canvas.acroForm
        for number, x in enumerate((90, 186, 282), 1):
            canvas.drawString(x, 700, "Note rationale")
            canvas.drawString(x, 688, "for decision:")
            form.textfield(
                name=f"Rationale{number}",
                value="Agreed at screening meeting",
                x=x + 2,
                y=672,
                width=170,
                height=12,
                fontSize=8,
            )
        canvas.drawString(90, 640, "Date:")
        canvas.drawString(186, 640, "12/03/2025")

    document = read_pdf(canvas_pdf(grid))

    (table,) = tables(document)
    cells = [text for row in table.rows for text in row_texts(row)]
    assert [text.count("Agreed at screening meeting") for text in cells] == [0, 0, 1, 1, 1, 0, 0]
    assert cells[3:5] == ["Agreed at screening meeting"] * 2  # under the first two labels
