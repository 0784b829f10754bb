"""A SPOC reads what the referrer typed, without the form's clutter (FORMS.md §2.3 text rules)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.document import PICTURE
from parsers.text import clean_text, is_not_known, normalise, split_items, split_names


@pytest.mark.parametrize(
    ("written", "seen"),
    [
        # rule 2: breaks stay, tabs and non-breaking spaces become spaces, runs of spaces one
        ("12 High Street\r\nTruro", "12 High Street\nTruro"),
        ("12 High Street\rTruro", "12 High Street\nTruro"),
        ("Smith\tJones", "Smith Jones"),
        ("John\u00a0\u00a0Smith", "John Smith"),
        ("John\u2003Smith\u202fJnr", "John Smith Jnr"),
        ("  Smith   Jones  ", "Smith Jones"),
        ("Line one\n\n\n   \nLine two", "Line one\nLine two"),
        # rule 3: a list marker starting a line, when a space follows it
        ("• Assault", "Assault"),
        ("◦ Assault\n▪ Robbery\n‣ Arson", "Assault\nRobbery\nArson"),
        ("● Assault\n○ Robbery", "Assault\nRobbery"),
        ("- Assault\n– Robbery\n* Arson\n> Burglary", "Assault\nRobbery\nArson\nBurglary"),
        ("1. Assault\n2) Robbery\n(3) Arson", "Assault\nRobbery\nArson"),
        ("a) Assault\n(b) Robbery", "Assault\nRobbery"),
        ("i) Assault\n(ii) Robbery\niv) Arson", "Assault\nRobbery\nArson"),
        ("\t•\tAssault", "Assault"),
        # ...and only then: no space after it, or not at the start, is text
        ("-5 degrees", "-5 degrees"),
        ("1.5 metres", "1.5 metres"),
        ("J. Smith", "J. Smith"),
        ("Assault - common", "Assault - common"),
        # rule 4: case, spelling and punctuation stay as written
        ("jOHN o'brien", "jOHN o'brien"),
        ("Smyth-Jones!!", "Smyth-Jones!!"),
        # pictures and zero-width characters are never text
        (f"Dr A Khan{PICTURE}", "Dr A Khan"),
        ("Smi\u200bth\ufeff", "Smith"),
        # rule 1: an empty content control's placeholder is removed, the answer kept
        ("Smith Click or tap here to enter text.", "Smith"),
        # rule 6: guidance beside a date is not part of it
        ("12/03/2025 (dd/mm/yyyy)", "12/03/2025"),
    ],
)
def test_the_value_is_the_text_a_reader_sees(written: str, seen: str) -> None:
    assert clean_text(written) == seen


@pytest.mark.parametrize(
    "guidance",
    [
        "",
        "   \n\t ",
        "dd/mm/yyyy",
        "DD/MM/YYYY",
        "DD/MM/YY",
        "dd.mm.yyyy",
        "dd-mm-yy",
        "(dd/mm/yyyy)",
        "[enter date]",
        "[Enter name here]",
        "<insert address>",
        "Click or tap here to enter text.",
        "Click here to enter text.",
        "Click or tap to enter a date.",
        "Click here to enter a date.",
        "click or tap here to enter text",
        "(e.g. PNC ID, CRAMS/Delius reference number)",
        "(e.g. particular individuals, children, vulnerable adults)",
        "(eg s37, s37/41)",
        ".....",
        "_____",
        "…",
        ". . . . .",
        f"{PICTURE}",
        "\u200b",
    ],
)
def test_guidance_left_in_a_cell_is_blank(guidance: str) -> None:
    assert clean_text(guidance) is None


@pytest.mark.parametrize(
    "answer",
    ["[x]", "[ ]", "(x)", "<jane.doe@nhs.net>", "..", "No", "-", "?"],
)
def test_short_answers_that_look_like_clutter_are_kept(answer: str) -> None:
    """A tick box, an address in angle brackets or a lone dash is the referrer's answer."""
    assert clean_text(answer) == answer


@pytest.mark.parametrize(
    "marker",
    [
        "n/a",
        "N/A",
        "na",
        "NA",
        "not applicable",
        "Not Applicable",
        "not known",
        "NOT KNOWN",
        "unknown",
        "Unknown.",
        "n/k",
        "N/K",
        "nk",
        "none",
        "None",
        "nil",
        "NIL",
        "tbc",
        "TBC",
        "to be confirmed",
        "-",
        "–",
        "—",
        "?",
        " N/A ",
        "(none)",
        "n / a",
        "N.A.",
        "not  known!",
        "'unknown'",
        "unknown?",
        "- -",
    ],
)
def test_a_not_known_marker_is_an_answer_with_no_value(marker: str) -> None:
    assert is_not_known(marker)


@pytest.mark.parametrize(
    "answer",
    ["No", "no", "N", "", "   ", ".", "none known", "not known yet", "Nina", "N/A – see notes"],
)
def test_other_answers_are_not_not_known_markers(answer: str) -> None:
    """ "No" answers yes/no fields; a marker counts only as the whole value."""
    assert not is_not_known(answer)


@pytest.mark.parametrize(
    ("written", "items"),
    [
        ("Assault\nRobbery", ["Assault", "Robbery"]),
        ("Assault; Robbery;Arson", ["Assault", "Robbery", "Arson"]),
        ("• Assault (s47)\n• Robbery; 2. Arson", ["Assault (s47)", "Robbery", "Arson"]),
        ("Probation, Police\nAMHP", ["Probation, Police", "AMHP"]),
        ("Assault\nN/A\n;\n–", ["Assault"]),
        ("Click or tap here to enter text.", []),
        ("none", []),
    ],
)
def test_a_text_list_has_one_item_per_line_and_per_semicolon_part(
    written: str, items: list[str]
) -> None:
    assert split_items(written) == items


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("Johnny Smith, Jack Smith", ["Johnny Smith", "Jack Smith"]),
        ("JJ; Smithy\nJ-Dog", ["JJ", "Smithy", "J-Dog"]),
        ("Smudge,, N/K", ["Smudge"]),
        ("not known", []),
    ],
)
def test_a_name_list_is_also_split_at_commas(written: str, names: list[str]) -> None:
    assert split_names(written) == names


@pytest.mark.parametrize(
    ("label", "normal"),
    [
        ("3. Offender Information", "offender information"),
        ("(a) in accordance with the law?", "in accordance with the law"),
        ("A) Transfer from prison/custody:", "transfer from prison custody"),
        (
            "ii) Detention in hospital (e.g. section 37 hospital order): Yes/No",
            "detention in hospital e g section 37 hospital order yes no",
        ),
        (
            "Service user's funding Authority (if different)",
            "service users funding authority if different",
        ),
        ("Service user’s funding Authority", "service users funding authority"),
        ("Crime & Disorder Act 1998 – Section 115", "crime and disorder act 1998 section 115"),
        ("  PNC   number (if known):  ", "pnc number if known"),
        ("3.1 Identifiers", "identifiers"),
        ("5.Your Details", "your details"),
        ("• Information provider", "information provider"),
        (
            "(f) has the information provider's records been updated",
            "has the information providers records been updated",
        ),
        ("e.g. PNC ID", "e g pnc id"),
        ("Category 2", "category 2"),
        ("2.", "2"),
        ("Your Trust/Local or Health Authority:", "your trust local or health authority"),
        ("Date_of_birth", "date of birth"),
        ("", ""),
    ],
)
def test_labels_are_compared_without_case_punctuation_or_numbering(label: str, normal: str) -> None:
    assert normalise(label) == normal


@given(st.text())
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(st.text())
def test_a_cleaned_value_has_no_blank_or_untrimmed_lines(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned is None or all(line and line == line.strip() for line in cleaned.split("\n"))
