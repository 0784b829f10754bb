"""The PDF text layer's lines as blocks: wrapped labels, words broken at a cell's edge, and tick
boxes that pypdf's layout mode puts after the text they sit in."""

from __future__ import annotations

from parsers.document import TICKED, UNTICKED, Paragraph, Table
from parsers.pdf_layout import text_blocks
from parsers.printed_labels import starts_label


def rows(text: str) -> list[list[str]]:
    blocks = text_blocks([(1, text)], starts_label)
    return [
        [cell.text for cell in row.cells]
        for block in blocks
        if isinstance(block, Table)
        for row in block.rows
    ]


def paragraphs(text: str) -> list[str]:
    blocks = text_blocks([(1, text)], starts_label)
    return [block.line.text for block in blocks if isinstance(block, Paragraph)]


def test_a_label_wrapped_without_a_colon_goes_on_until_a_printed_label_starts() -> None:
    text = (
        "Care Co-ordinator / Care      Lowen Nancarrow\n"
        "Manager\n"
        "Contact Details               01632 960121\n"
        "Input to decisions regarding    Y           Discussed at\n"
        "CTO conditions                               CPA review\n"
    )

    assert rows(text) == [
        ["Care Co-ordinator / Care Manager", "Lowen Nancarrow"],
        ["Contact Details", "01632 960121"],
        ["Input to decisions regarding CTO conditions", "Y", "Discussed at\nCPA review"],
    ]


def test_lone_lines_that_make_one_printed_label_are_one_paragraph() -> None:
    text = "Name and contact details of\nOffender Manager\nNext Mental Health Tribunal\ndate:\n"

    assert paragraphs(text) == [
        "Name and contact details of Offender Manager",
        "Next Mental Health Tribunal date:",
    ]


def test_an_address_broken_at_the_edge_of_its_cell_is_joined_without_a_space() -> None:
    text = (
        "Email address:     mappa.referrals@probation.exampl\n"
        "                   e\n"
        "Telephone:         01632 960000\n"
    )

    assert rows(text)[0] == ["Email address:", "mappa.referrals@probation.example"]


def test_tick_boxes_drawn_after_the_line_they_sit_in_go_back_into_its_gaps() -> None:
    text = "(a)        in accordance with the law?     Yes     No☒        ☐\n"

    (row,) = rows(text)

    assert " ".join(row[1].split()) == f"in accordance with the law? {TICKED} Yes {UNTICKED} No"


def test_a_tick_typed_after_a_label_is_left_where_it_is() -> None:
    text = "Consent given:     ☒\n"

    assert rows(text) == [["Consent given:", TICKED]]
