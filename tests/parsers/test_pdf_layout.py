"""The PDF text layer's lines as blocks: wrapped labels, words broken at a cell's edge, and tick
boxes that pypdf's layout mode puts after the text they sit in."""

from __future__ import annotations

import re

from parsers.document import TICKED, UNTICKED, Paragraph, Table
from parsers.pdf_layout import PageGeometry, PageText, text_blocks
from parsers.pdf_overlay import NEW_LINE
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


def test_a_row_a_page_break_cut_in_two_goes_on_on_the_next_page() -> None:
    blocks = text_blocks(
        [
            (1, "Has the offender been informed        Yes\n"),
            (2, "of their right to present written\ninformation to any meetings\n"),
        ],
        starts_label,
    )

    (table,) = blocks
    assert isinstance(table, Table)
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        [
            "Has the offender been informed of their right to present written information to"
            " any meetings",
            "Yes",
        ]
    ]


def test_a_grid_cut_by_a_page_break_is_one_table_with_its_answers_under_its_labels() -> None:
    first = (
        "Decision to         Police liaison      Other:\n"
        "refer to Level      with care           (detail)\n"
    )
    second = (  # another page: its own character width, so the columns lie a little apart
        "Note rationale      Note rationale       Note rationale\n"
        "for decision:       for decision:        for decision:\n"
        "Agreed at           Agreed at\n"
        "screening           screening\n"
    )

    blocks = text_blocks([(1, first), (2, second)], starts_label)

    (table,) = blocks
    assert isinstance(table, Table)
    texts = [[cell.text for cell in row.cells] for row in table.rows]
    assert texts[0] == ["Decision to refer to Level", "Police liaison with care", "Other: (detail)"]
    assert texts[1][1:] == [
        "Note rationale for decision:\nAgreed at screening",
        "Note rationale for decision:",
    ]


def test_an_address_a_number_or_a_labelled_line_is_a_line_of_its_own() -> None:
    text = (
        "Contact Details          01632 960121\n"
        "                         ward.manager@clayhill.nhs.test\n"
        "Responsible Clinician    PNC No: 20010078516H\n"
        "                         nDelius: w462669\n"
    )

    assert rows(text) == [
        ["Contact Details", "01632 960121\nward.manager@clayhill.nhs.test"],
        ["Responsible Clinician", "PNC No: 20010078516H\nnDelius: w462669"],
    ]


def test_a_printed_line_under_a_row_is_not_taken_for_the_rest_of_its_label() -> None:
    text = (
        "Signed (SPOC): Lowen Pascoe                 Date: 24th of May 2025\n"
        "email to your local SPOC local who will screen the referral and send to D&C\n"
    )

    assert rows(text) == [["Signed (SPOC): Lowen Pascoe", "Date: 24th of May 2025"]]
    assert paragraphs(text) == [
        "email to your local SPOC local who will screen the referral and send to D&C"
    ]


def test_a_first_box_drawn_on_the_line_above_goes_back_before_its_option() -> None:
    text = "(f)        has the records been updated?     ☒\n\n           Yes     No☐\n"

    (row,) = rows(text)

    assert " ".join(row[1].split()) == f"has the records been updated? {TICKED} Yes {UNTICKED} No"


def test_boxes_a_viewer_draws_where_they_sit_join_their_options_and_question() -> None:
    text = "(a)        in accordance with the law?          ☒   Yes  ☐   No\n"

    (row,) = rows(text)

    assert row[0] == "(a)"
    assert " ".join(row[1].split()) == f"in accordance with the law? {TICKED} Yes {UNTICKED} No"


def test_a_blank_answer_beside_a_third_column_is_given_back_as_a_blank_cell() -> None:
    text = (
        "Postcode            EX76ZL\n"
        "ViSOR reference                          Police\n"
        "Agency identifier   PNC No: 1234         Police/\n"
    )

    assert rows(text)[1] == ["ViSOR reference", "", "Police"]


def test_line_breaks_typed_in_a_form_field_are_kept() -> None:
    text = (
        "Address:     24 Church Terrace\n"
        f"             {NEW_LINE}Camborne\n"
        f"             {NEW_LINE}tr25 7gr\n"
    )

    assert rows(text) == [["Address:", "24 Church Terrace\nCamborne\ntr25 7gr"]]


def geometry_rows(text: str, edges: tuple[float, ...]) -> list[list[str]]:
    """The rows of a page whose pieces each end where their text does, one column a character."""
    pieces = tuple(
        tuple((m.start(), float(m.end())) for m in re.finditer(r"\S+(?: \S+)*", line))
        for line in text.split("\n")
        if line.strip()
    )
    page = PageText(1, text, PageGeometry(edges, pieces))
    blocks = text_blocks([page], starts_label)
    return [
        [cell.text for cell in row.cells]
        for block in blocks
        if isinstance(block, Table)
        for row in block.rows
    ]


def test_a_line_that_could_not_have_fitted_after_the_line_above_is_a_wrap() -> None:
    text = (
        "Job title      Approved Mental Health\n"
        "               Professional\n"
        "Offences       Arson\n"
        "               Manslaughter\n"
        "Contact        Piran Penhallow, Consultant\n"
        "               01632 960810\n"
    )

    assert geometry_rows(text, (-1.0, 14.0, 40.0)) == [
        ["Job title", "Approved Mental Health Professional"],
        ["Offences", "Arson\nManslaughter"],
        ["Contact", "Piran Penhallow, Consultant\n01632 960810"],
    ]


def test_a_label_line_that_would_have_fitted_on_the_line_above_starts_a_row() -> None:
    text = "Licence expiry date           16th of September 2029\nSentence expiry date\n"

    assert rows(text) == [
        ["Licence expiry date Sentence expiry date", "16th of September 2029"]
    ]  # the text alone cannot tell
    assert geometry_rows(text, (-1.0, 29.0, 60.0)) == [
        ["Licence expiry date", "16th of September 2029"]
    ]


def test_a_value_drawn_with_its_label_may_lie_right_of_its_next_line() -> None:
    text = (
        "Who is at risk                          Former partner and her two\n"
        "                                      children.\n"
    )

    assert rows(text) == [["Who is at risk", "Former partner and her two children."]]


def test_one_answer_under_a_grid_of_labels_is_read_under_its_label() -> None:
    text = (
        "Note rationale      Note rationale       Note rationale\n"
        "for decision:       for decision:        for decision:\n"
        "Agreed at\n"
        "screening\n"
    )

    assert rows(text) == [
        [
            "Note rationale for decision: Agreed at screening",
            "Note rationale for decision:",
            "Note rationale for decision:",
        ]
    ]


def test_the_rest_of_an_answer_beside_its_label_wraps_where_it_could_not_have_fitted() -> None:
    text = (
        "Signed (SPOC): Conan                        Date: 11/5/2025\n"
        "Kowalczyk\n"
        "Address: 86 Mill Lane\n"
    )

    assert rows(text) == [["Signed (SPOC): Conan", "Date: 11/5/2025"]]  # the text cannot tell
    assert geometry_rows(text, (-1.0, 23.0, 60.0)) == [
        ["Signed (SPOC): Conan Kowalczyk", "Date: 11/5/2025"]  # not the next label's line
    ]
