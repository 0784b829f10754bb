"""A SPOC gets the answer the referrer gave, however they gave it, and is told when it cannot
be told (FORMS.md §6 and the int rule of §2.3)."""

from __future__ import annotations

import pytest

from parsers.answers import (
    AMBIGUOUS,
    leading_tick,
    read_int,
    read_ints,
    read_pair,
    read_yes_no,
    tick_state,
)
from parsers.document import Line, Run

YES_NO = ("yes", "no")
Y_N = ("y", "n")
STATUS = ("community", "hospital")
BOLD = frozenset({"bold"})
HIGHLIGHT = frozenset({"highlight"})
COLOUR = frozenset({"colour"})


def line(*parts: str | Run) -> Line:
    """A line as a Word reader would give it: plain text or runs with their formatting."""
    return Line(tuple(part if isinstance(part, Run) else Run(part) for part in parts))


def gone(text: str) -> Run:
    return Run(text, deleted=True)


def struck(text: str) -> Run:
    return Run(text, struck=True)


def marked(text: str, marks: frozenset[str] = HIGHLIGHT) -> Run:
    return Run(text, marks=marks)


@pytest.mark.parametrize(
    ("written", "answer"),
    [
        ("Yes", True),
        ("yes", True),
        ("YES", True),
        ("y", True),
        ("Y", True),
        ("✓", True),
        ("✔", True),
        ("No", False),
        ("no", False),
        ("n", False),
        ("N.", False),
        ("✗", False),
        ("✘", False),
        ("No – too unwell to discuss", False),
        ("Yes, on 3/2/24", True),
        ("  yes - by the care coordinator", True),
        ("✓ discussed on the ward", True),
    ],
)
def test_a_written_yes_or_no_is_read_from_its_first_word(written: str, answer: bool) -> None:
    assert read_yes_no(written) is answer


@pytest.mark.parametrize(
    "written",
    [
        "X",
        "x",
        "Yes/No",
        "Y/N",
        "yes / no",
        "Not yet",
        "Possibly",
        "Nope",
        "Discussed",
        "Yesterday",
    ],
)
def test_a_lone_x_or_other_text_cannot_be_told(written: str) -> None:
    assert read_yes_no(written) is AMBIGUOUS


@pytest.mark.parametrize("written", ["", "   ", "\n"])
def test_a_blank_yes_no_is_none(written: str) -> None:
    assert read_yes_no(written) is None


@pytest.mark.parametrize(
    "box",
    [
        *("☒", "☑", "✓", "✔", "✗", "✘", "■", "●", "X", "x"),
        *("[x]", "(x)", "[X]", "(X)", "[ x ]", "[✓]"),
        *(" X ", "☐X", "☐ x", "X ☐"),  # an X beside the box
    ],
)
def test_a_ticked_box(box: str) -> None:
    assert tick_state(box) is True


@pytest.mark.parametrize("box", ["☐", "□", "[ ]", "( )", "[]", "()", "", "  "])
def test_a_box_not_ticked(box: str) -> None:
    assert tick_state(box) is False


@pytest.mark.parametrize("text", ["Yes", "Torbay Council", "xyz", "[yes]", "1"])
def test_text_that_is_no_tick_box(text: str) -> None:
    assert tick_state(text) is None


@pytest.mark.parametrize(
    ("text", "state", "rest"),
    [
        ("☒ Devon County Council", True, "Devon County Council"),
        ("[x] Torbay Council", True, "Torbay Council"),
        ("X Torbay Council", True, "Torbay Council"),
        ("x  Torbay Council ", True, "Torbay Council"),
        ("(x)Plymouth City Council", True, "Plymouth City Council"),
        ("✓ Devon Partnership NHS Trust", True, "Devon Partnership NHS Trust"),
        ("☐ X Torbay Council", True, "Torbay Council"),
        ("☐ Plymouth City Council", False, "Plymouth City Council"),
        ("[ ] Torbay Council", False, "Torbay Council"),
        ("□ Torbay Council", False, "Torbay Council"),
        ("Torbay Council", None, "Torbay Council"),
        ("Xavier House", None, "Xavier House"),
    ],
)
def test_a_tick_box_starting_a_line(text: str, state: bool | None, rest: str) -> None:
    assert leading_tick(text) == (state, rest)


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("2", 2),
        ("Category 2", 2),
        ("Cat. 2 – Violent", 2),
        ("II", 2),
        ("ii", 2),
        ("two", 2),
        ("Two.", 2),
        ("Level 2", 2),
        ("level three", 3),
        ("Level III", 3),
        ("Category 1 Registered Sexual Offender", 1),
        ("Cat 2 (two)", 2),
        ("Level 2 – agreed at the meeting of 03/02/2024", 2),
        ("IV", 4),
    ],
)
def test_an_int_is_read_from_the_number_written(written: str, number: int) -> None:
    assert read_int(written) == number
    assert read_ints(written) == [number]


@pytest.mark.parametrize(
    ("written", "numbers"),
    [
        ("2 or 3", [2, 3]),
        ("2/3", [2, 3]),
        ("Level 2, possibly level three", [2, 3]),
        ("3 and 2 and 3", [3, 2]),
        ("", []),
        ("Violent offender", []),
        ("I think so", []),
    ],
)
def test_none_or_several_numbers_give_no_int(written: str, numbers: list[int]) -> None:
    assert read_ints(written) == numbers
    assert read_int(written) is None


@pytest.mark.parametrize(
    ("answer", "options", "chosen"),
    [
        # rule 1: typed after or instead of the pair
        (line("Yes/No: No"), YES_NO, "no"),
        (line("Yes/No – yes"), YES_NO, "yes"),
        (line("Yes/No No"), YES_NO, "no"),
        (line("Yes / No  - YES, on the ward"), YES_NO, "yes"),
        (line("N"), YES_NO, "no"),
        (line("N"), Y_N, "n"),
        (line("Yes"), Y_N, "y"),
        (line("Hospital"), STATUS, "hospital"),
        (line("community"), STATUS, "community"),
        (line("No – too unwell to discuss"), YES_NO, "no"),
        (line(": yes"), YES_NO, "yes"),
        (line("Community/ Hospital - hospital"), STATUS, "hospital"),
        # rule 2: the option left when the other is deleted or removed
        (line("Yes/", gone("No")), YES_NO, "yes"),
        (line(gone("Yes/"), "No"), YES_NO, "no"),
        (line("Community/ ", gone("Hospital")), STATUS, "community"),
        (line("Yes"), YES_NO, "yes"),
        (line("Yes/"), YES_NO, "yes"),
        (line("/No"), YES_NO, "no"),
        # rule 3: the option not struck through when the other is
        (line(struck("Yes"), "/No"), YES_NO, "no"),
        (line("Yes/", struck("No")), YES_NO, "yes"),
        (line("Community/ ", struck("Hospital")), STATUS, "community"),
        (line("Yes/", Run("No", struck=True, marks=COLOUR)), YES_NO, "yes"),
        (line("2/", struck("3")), ("2", "3"), "2"),
        # rule 4: the option marked when the other is not
        (line(marked("Yes"), "/No"), YES_NO, "yes"),
        (line("Yes/", marked("No", BOLD)), YES_NO, "no"),
        (line(marked("Yes", BOLD | HIGHLIGHT), marked("/No", BOLD)), YES_NO, "yes"),
        (line("Community/ ", marked("Hospital", frozenset({"underline"}))), STATUS, "hospital"),
        (line("YES/no"), YES_NO, "yes"),
        (line("yes/NO"), YES_NO, "no"),
        (line("Y/", marked("N")), Y_N, "n"),
        (line("Y/", marked("N")), YES_NO, "no"),
        (line("☒ Yes ☐ No"), YES_NO, "yes"),
        (line("☐ Yes ☒ No"), YES_NO, "no"),
        (line("Yes ☐ No ☒"), YES_NO, "no"),
        (line("Yes ☒/☐ No"), YES_NO, "yes"),
        (line("[x] Yes [ ] No"), YES_NO, "yes"),
        (line("Yes X/No"), YES_NO, "yes"),
        (line("Yes/No ✓"), YES_NO, "no"),
        # words split across runs, a run holding several words
        (line("Y", marked("es"), "/No"), YES_NO, "yes"),
        (line(marked("Y"), marked("e"), "s/N", "o"), YES_NO, "yes"),
        (line("Y", gone("es/"), "N", "o"), YES_NO, "no"),
        (line(marked("Yes/"), "No"), YES_NO, "yes"),
        (line("Ye", struck("s/No")), YES_NO, "yes"),
    ],
)
def test_the_option_the_referrer_chose(answer: Line, options: tuple[str, ...], chosen: str) -> None:
    assert read_pair(answer, options) == chosen


@pytest.mark.parametrize(
    ("answer", "options"),
    [
        (line("Yes/No"), YES_NO),
        (line("Y/N"), Y_N),
        (line("Community/ Hospital"), STATUS),
        (line("Yes/No (delete as appropriate)"), YES_NO),
        (line(marked("Yes/No", BOLD)), YES_NO),  # printed bold: no difference, no mark
        (line(marked("Yes", BOLD), "/", marked("No", BOLD)), YES_NO),
        (line(marked("Yes"), "/", marked("No")), YES_NO),
        (line(struck("Yes/No")), YES_NO),
        (line(gone("Yes/No")), YES_NO),
        (line(marked("Yes", BOLD), "/", marked("No", HIGHLIGHT)), YES_NO),
        (line("☒ Yes ☒ No"), YES_NO),
        (line("YES/NO"), YES_NO),
        # rules pointing different ways
        (line(marked("Yes"), "/No: No"), YES_NO),
        (line("Yes/", struck("No"), " – no"), YES_NO),
        (line("YES/", marked("no")), YES_NO),
        (line("☒ ", struck("Yes"), " ☐ No"), YES_NO),
        # other text, or a lone X
        (line("X"), YES_NO),
        (line("See notes"), YES_NO),
        (line("Yes/No – see notes"), YES_NO),
        (line("Ward 3"), STATUS),
    ],
)
def test_an_answer_that_cannot_be_told_is_ambiguous(answer: Line, options: tuple[str, ...]) -> None:
    assert read_pair(answer, options) is AMBIGUOUS


@pytest.mark.parametrize("answer", [line(), line(""), line("  "), line(" ", " ")])
def test_a_blank_pair_is_none(answer: Line) -> None:
    assert read_pair(answer, YES_NO) is None


def test_a_pair_after_its_label_keeps_its_formatting() -> None:
    """The caller cuts the label with Line.after; the answer's runs keep their marks."""
    full = line("Time limited: Yes/", struck("No"))
    assert read_pair(full.after(len("Time limited: ")), YES_NO) == "yes"
