"""The PDF reader: real PDFs in, the neutral Document that the label engine reads out."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from reportlab.pdfgen.canvas import Canvas

from parsers import pdf_reader
from parsers.document import TICKED, UNTICKED, Document, Paragraph, Row, Table
from parsers.pdf_layout import clean_text
from parsers.pdf_reader import read_pdf
from parsers.problems import DocumentProblem
from tests.support.pdf_builder import (
    canvas_pdf,
    encrypted,
    image_only_pdf,
    lines,
    many_pages_pdf,
    table,
    text_pdf,
    together,
    with_form_drawing_itself,
    with_page_loop,
    with_to_unicode,
)


def paragraphs(document: Document) -> list[tuple[str, str]]:
    return [(b.line.text, b.where) for b in document.blocks if isinstance(b, Paragraph)]


def tables(document: Document) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table)]


def row_texts(row: Row) -> list[str]:
    return [cell.text for cell in row.cells]


def problem(data: bytes, **options: int) -> DocumentProblem:
    with pytest.raises(DocumentProblem) as raised:
        read_pdf(data, **options)
    return raised.value


@contextmanager
def within(seconds: float) -> Iterator[None]:
    started = time.monotonic()
    yield
    assert time.monotonic() - started < seconds


# -- the text layer ------------------------------------------------------------------------------
def test_label_value_lines_are_paragraphs_numbered_by_page_and_line() -> None:
    data = text_pdf(
        ["MAPPA Form G", "Section 1", "Family name: Smith", "Date of birth: 03/02/1979"],
        ["Section 2", "Notifier: Dr A Jones"],
    )

    document = read_pdf(data)

    assert paragraphs(document) == [
        ("MAPPA Form G", "page 1 line 1"),
        ("Section 1", "page 1 line 2"),
        ("Family name: Smith", "page 1 line 3"),
        ("Date of birth: 03/02/1979", "page 1 line 4"),
        ("Section 2", "page 2 line 1"),
        ("Notifier: Dr A Jones", "page 2 line 2"),
    ]
    assert document.notes == ["read from the PDF text layer"]


def test_a_table_row_is_one_cell_per_column_and_rows_stay_together() -> None:
    data = canvas_pdf(
        together(
            lines("Offender details"),
            table([("Family name:", ["Smith"]), ("Forename(s):", ["John Paul"])], top=740),
            lines("Risk", top=600),
            table([("Date of birth:", ["03/02/1979"])], top=560),
        )
    )

    document = read_pdf(data)

    assert [type(block).__name__ for block in document.blocks] == [
        "Paragraph",
        "Table",
        "Paragraph",
        "Table",
    ]
    first, second = tables(document)
    assert (first.number, second.number) == (1, 2)
    assert [row_texts(row) for row in first.rows] == [
        ["Family name:", "Smith"],
        ["Forename(s):", "John Paul"],
    ]
    assert [cell.where for cell in first.rows[1].cells] == ["page 1 line 3", "page 1 line 3"]
    assert row_texts(second.rows[0]) == ["Date of birth:", "03/02/1979"]


def test_a_wrapped_value_cell_continues_the_right_hand_column() -> None:
    data = canvas_pdf(
        table(
            [
                ("Family name:", ["Smith"]),
                ("Current address:", ["12 High Street", "St Austell", "PL25 5AS"]),
                ("Telephone:", ["01726 000000"]),
            ]
        )
    )

    (found,) = tables(read_pdf(data))

    assert [row_texts(row) for row in found.rows] == [
        ["Family name:", "Smith"],
        ["Current address:", "12 High Street\nSt Austell\nPL25 5AS"],
        ["Telephone:", "01726 000000"],
    ]
    address = found.rows[1].cells[1]
    assert [line.text for line in address.lines] == ["12 High Street", "St Austell", "PL25 5AS"]
    assert address.where == "page 1 line 2"
    assert found.rows[2].cells[0].where == "page 1 line 5"


def test_wrapped_sentences_and_labels_are_joined() -> None:
    data = canvas_pdf(
        table(
            [
                (
                    ["Index offence and date of", "conviction:"],
                    ["Wounding with intent, which he", "denies.", "Convicted 2019."],
                ),
                ("Date of birth:", ["03/02/1979"]),
            ]
        )
    )

    (found,) = tables(read_pdf(data))

    assert [row_texts(row) for row in found.rows] == [
        [
            "Index offence and date of conviction:",
            "Wounding with intent, which he denies.\nConvicted 2019.",
        ],
        ["Date of birth:", "03/02/1979"],
    ]


def test_a_grid_row_in_lower_case_is_a_row_of_its_own() -> None:
    columns = [("PNC", "n/k"), ("CRO", "12345/67X"), ("NI number", "QQ123456C")]
    draws = [lines(heading, value, x=72 + 150 * n) for n, (heading, value) in enumerate(columns)]
    data = canvas_pdf(together(*draws))

    (found,) = tables(read_pdf(data))

    assert [row_texts(row) for row in found.rows] == [
        ["PNC", "CRO", "NI number"],
        ["n/k", "12345/67X", "QQ123456C"],
    ]


def test_a_row_left_unanswered_is_a_line_between_the_rows_around_it() -> None:
    data = canvas_pdf(
        table([("Family name:", ["Smith"]), ("Telephone:", []), ("Date of birth:", ["03/02/1979"])])
    )

    document = read_pdf(data)

    assert [type(block).__name__ for block in document.blocks] == ["Table", "Paragraph", "Table"]
    assert paragraphs(document) == [("Telephone:", "page 1 line 2")]
    assert [row_texts(t.rows[0]) for t in tables(document)] == [
        ["Family name:", "Smith"],
        ["Date of birth:", "03/02/1979"],
    ]


def test_tick_glyphs_are_read_as_ticked_and_unticked_boxes() -> None:
    def ticks(canvas: Canvas) -> None:
        canvas.drawString(72, 780, "Consent given:")
        canvas.drawString(220, 780, "Interpreter needed:")
        canvas.setFont("ZapfDingbats", 11)
        canvas.drawString(160, 780, "✔")
        canvas.drawString(330, 780, "❏")
        canvas.setFont("Courier", 11)
        canvas.drawString(72, 760, "Yes A No B")

    data = with_to_unicode(canvas_pdf(ticks), "Courier", {"A": "\uf0fe", "B": "\uf0a8"})

    document = read_pdf(data)

    assert row_texts(tables(document)[0].rows[0]) == [
        "Consent given:",
        TICKED,
        "Interpreter needed:",
        UNTICKED,
    ]
    assert paragraphs(document) == [(f"Yes {TICKED} No {UNTICKED}", "page 1 line 2")]


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("Con\ufb01rmed by the o\ufb03cer", "Confirmed by the officer"),
        ("Smith\x00\x07\x1b", "Smith"),
        ("\uf078 Yes \uf06f No ☑ ✓ □", f"{TICKED} Yes {UNTICKED} No {TICKED} {TICKED} {UNTICKED}"),
        ("line one\nline\ttwo", "line one\nline two"),
    ],
)
def test_text_is_cleaned_as_a_reader_sees_it(raw: str, read: str) -> None:
    assert clean_text(raw) == read


def test_text_drawn_inside_a_form_xobject_is_still_read() -> None:
    def drawn_in_a_form(canvas: Canvas) -> None:
        canvas.beginForm("page")
        canvas.drawString(72, 780, "Family name: Smith")
        canvas.endForm()
        canvas.doForm("page")

    document = read_pdf(canvas_pdf(drawn_in_a_form))

    assert paragraphs(document) == [("Family name: Smith", "page 1 line 1")]


@pytest.mark.timeout(30)
def test_a_drawing_that_draws_itself_is_read_once_and_does_not_hang() -> None:
    def drawn_in_a_form(canvas: Canvas) -> None:
        canvas.beginForm("page")
        canvas.drawString(72, 780, "Family name: Smith")
        canvas.endForm()
        canvas.doForm("page")

    data = with_form_drawing_itself(canvas_pdf(drawn_in_a_form))

    with within(seconds=5):
        document = read_pdf(data)

    assert paragraphs(document) == [("Family name: Smith", "page 1 line 1")]


# -- files that cannot be read -------------------------------------------------------------------
def test_an_image_only_pdf_is_a_scan() -> None:
    found = problem(image_only_pdf(pages=2))

    assert found.code == "file_scanned"
    assert found.message == "scanned document with no text: ask the referrer for the Word version"


def test_a_form_whose_only_fields_are_unticked_boxes_and_no_text_is_a_scan() -> None:
    def empty_box(canvas: Canvas) -> None:
        canvas.acroForm.checkbox(name="consent", checked=False, x=72, y=700)

    assert problem(canvas_pdf(empty_box)).code == "file_scanned"


def test_a_pdf_that_needs_a_password_to_open_is_refused() -> None:
    data = encrypted(text_pdf(["Family name: Smith"]), "secret", "owner")

    found = problem(data)

    assert found.code == "file_encrypted"
    assert found.message == "password protected: ask the referrer for an unprotected copy"


def test_a_pdf_locked_with_a_certificate_is_refused_as_protected() -> None:
    data = encrypted(text_pdf(["Family name: Smith"]), "", "owner")
    locked = data.replace(b"/Filter /Standard", b"/Filter /Adobe.PubSec")

    assert problem(locked).code == "file_encrypted"


def test_a_pdf_with_only_an_owner_password_is_read() -> None:
    data = encrypted(text_pdf(["Family name: Smith"]), "", "owner")

    assert paragraphs(read_pdf(data)) == [("Family name: Smith", "page 1 line 1")]


def damaged(kind: str) -> bytes:
    whole = text_pdf(["Family name: Smith", "Date of birth: 03/02/1979"])
    if kind == "truncated":
        return whole[: len(whole) // 2]
    if kind == "random bytes":
        return random.Random(7).randbytes(20_000)
    if kind == "zero bytes":
        return b""
    if kind == "a header and nothing else":
        return b"%PDF-1.7\n" + random.Random(8).randbytes(2_000)
    return with_page_loop(whole)


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "kind",
    ["truncated", "random bytes", "zero bytes", "a header and nothing else", "page tree loop"],
)
def test_a_damaged_pdf_is_corrupt_and_refused_quickly(kind: str) -> None:
    data = damaged(kind)

    with within(seconds=5):
        found = problem(data)

    assert found.code == "file_corrupt"
    assert found.message == "the PDF is damaged or incomplete: ask the referrer to send it again"


@pytest.mark.timeout(30)
def test_a_pdf_of_hundreds_of_pages_is_refused_before_any_is_read() -> None:
    data = many_pages_pdf(500)

    with within(seconds=5):
        found = problem(data, max_pages=100)

    assert found.code == "parse_limit"
    assert "500 pages" in found.message
    assert len(read_pdf(many_pages_pdf(3), max_pages=3).blocks) == 3


def test_a_page_with_far_more_drawing_than_a_form_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGE_CONTENT", 20_000)
    data = text_pdf(["Short page"], [f"Line {n} of a very long page" for n in range(600)])

    found = problem(data)

    assert found.code == "parse_limit"
    assert "page 2" in found.message


@pytest.mark.parametrize(
    ("right_border", "value"),
    [
        (400, "Approved Mental Health Professional"),  # "Professional" could not fit: a wrap
        (560, "Approved Mental Health\nProfessional"),  # it could have: a new line
    ],
)
def test_a_value_wraps_where_its_next_word_would_not_have_fitted_in_its_cell(
    right_border: int, value: str
) -> None:
    def cell(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 11)
        for x in (70, 250, right_border):
            canvas.line(x, 800, x, 700)
        canvas.drawString(75, 780, "Job title")
        canvas.drawString(255, 780, "Approved Mental Health")
        canvas.drawString(255, 767, "Professional")
        canvas.drawString(75, 740, "Telephone")
        canvas.drawString(255, 740, "01632 960911")

    document = read_pdf(canvas_pdf(cell))

    assert [row_texts(row) for row in tables(document)[0].rows] == [
        ["Job title", value],
        ["Telephone", "01632 960911"],
    ]
