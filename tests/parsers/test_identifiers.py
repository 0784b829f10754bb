"""A SPOC can search PNC, nDelius and NOMIS with what the referrer wrote, or sees why not
(FORMS.md §4 and the shared cells of §3.1)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.identifiers import (
    CHECK_LETTERS,
    IdItem,
    IdReading,
    last_postcode_in,
    read_crn,
    read_cro,
    read_nino,
    read_pnc,
    read_postcode,
    read_prison_number,
    split_identifiers,
)

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("2008/0056560Z", "2008/0056560Z"),
        ("20030011985X", "2003/0011985X"),
        ("81/34U", "1981/0000034U"),
        ("79/163001B", "1979/0163001B"),
        ("02/73319Z", "2002/0073319Z"),
        ("08/56560z", "2008/0056560Z"),
        (" 2008 / 0056560 Z ", "2008/0056560Z"),
        ("PNC: 2008/0056560Z", "2008/0056560Z"),
        ("PNC ID 02/73319Z", "2002/0073319Z"),
    ],
)
def test_a_pnc_id_is_read_in_its_canonical_form(written: str, canonical: str) -> None:
    assert read_pnc(written, TODAY) == IdReading(canonical, None, written.strip())


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("20030011985Z", "pnc_check_letter"),  # should end X
        ("2001/0171310S", "pnc_invalid"),  # S is never a check letter
        ("08/56560A", "pnc_check_letter"),
        ("2008/0056560", "pnc_invalid"),
        ("2008/12345678Z", "pnc_invalid"),
        ("208/0056560Z", "pnc_invalid"),
        ("2008/0056560I", "pnc_invalid"),
        ("2008/0056560O", "pnc_invalid"),
        ("not known yet", "pnc_invalid"),
        ("X123456", "pnc_invalid"),
    ],
)
def test_a_pnc_id_that_fails_is_null_with_its_code(written: str, code: str) -> None:
    assert read_pnc(written, TODAY) == IdReading(None, code, written)


def test_a_two_digit_pnc_year_is_this_century_unless_that_is_after_this_year() -> None:
    # 25 → 2025 in 2025 (check letter for 25 + 0000001 is F), 1925 the year before
    assert read_pnc("25/1F", TODAY).value == "2025/0000001F"
    assert read_pnc("25/1F", date(2024, 12, 31)).value == "1925/0000001F"


def pnc_letter(year: int, serial: int) -> str:
    return CHECK_LETTERS[int(f"{year % 100:02}{serial:07}") % 23]


@given(st.integers(1900, 2025), st.integers(0, 9_999_999), st.booleans())
def test_a_pnc_built_with_its_check_letter_always_passes(
    year: int, serial: int, slash: bool
) -> None:
    canonical = f"{year}/{serial:07}{pnc_letter(year, serial)}"
    written = canonical if slash else canonical.replace("/", "")
    assert read_pnc(written, TODAY).value == canonical
    assert read_pnc(canonical, TODAY).value == canonical


@given(st.integers(1900, 2025), st.integers(0, 9_999_999), st.sampled_from(CHECK_LETTERS))
def test_a_pnc_with_another_check_letter_always_fails(year: int, serial: int, letter: str) -> None:
    if letter != pnc_letter(year, serial):
        written = f"{year}/{serial:07}{letter}"
        assert read_pnc(written, TODAY).code == "pnc_check_letter"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("265416/21G", "265416/21G"),
        ("SF05/482703J", "SF05/482703J"),
        ("sf05/482703j", "SF05/482703J"),
        ("CRO 265416/21G", "265416/21G"),
        ("CRO No: SF05/482703J", "SF05/482703J"),
    ],
)
def test_a_cro_number_is_read_in_its_canonical_form(written: str, canonical: str) -> None:
    assert read_cro(written) == IdReading(canonical, None, written)


def test_a_short_cro_serial_is_padded_to_six() -> None:
    letter = CHECK_LETTERS[int("21" + "000416") % 23]
    assert read_cro(f"416/21{letter}").value == f"000416/21{letter}"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("265416/21A", "cro_check_letter"),
        ("SF05/482703A", "cro_check_letter"),
        ("265416-21G", "cro_invalid"),
        ("1234567/21G", "cro_invalid"),
        ("265416/2021G", "cro_invalid"),
        ("SF5/482703J", "cro_invalid"),
        ("265416/21S", "cro_invalid"),
    ],
)
def test_a_cro_number_that_fails_is_null_with_its_code(written: str, code: str) -> None:
    assert read_cro(written) == IdReading(None, code, written)


@given(st.integers(0, 99), st.integers(1, 999_999), st.booleans())
def test_a_cro_built_with_its_check_letter_always_passes(year: int, serial: int, sf: bool) -> None:
    if sf:
        canonical = f"SF{year:02}/{serial}{CHECK_LETTERS[int(f'{year:02}{serial}') % 23]}"
    else:
        canonical = f"{serial:06}/{year:02}{CHECK_LETTERS[int(f'{year:02}{serial:06}') % 23]}"
    assert read_cro(canonical).value == canonical


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("AB123456C", "AB123456C"),
        ("ab 12 34 56 c", "AB123456C"),
        ("JG103759A", "JG103759A"),
        ("NI No: AB123456D", "AB123456D"),
        ("National Insurance number AB 123456 A", "AB123456A"),
    ],
)
def test_a_nino_is_read_in_its_canonical_form(written: str, canonical: str) -> None:
    assert read_nino(written) == IdReading(canonical, None, written)


@pytest.mark.parametrize(
    "written",
    [
        "QQ 12 34 56 A",  # HMRC's example
        "AB123456E",
        "AB12345C",
        "DA123456A",  # D never first
        "FA123456A",
        "IA123456A",
        "UA123456A",
        "VA123456A",
        "AD123456A",  # D never second
        "AO123456A",  # O never second
        "BG123456A",
        "GB123456A",
        "KN123456A",
        "NK123456A",
        "NT123456A",
        "TN123456A",
        "ZZ123456A",
        "CR123456A",  # administrative prefixes
        "FY123456A",
        "MW123456A",
        "NC123456A",
        "PP123456A",
        "PY123456A",
        "PZ123456A",
        "TN 01 02 79 M",  # a temporary reference number
    ],
)
def test_a_nino_that_fails_is_null_with_nino_invalid(written: str) -> None:
    assert read_nino(written) == IdReading(None, "nino_invalid", written)


def test_a_nino_without_its_suffix_is_kept_with_a_warning() -> None:
    assert read_nino("AB 12 34 56") == IdReading("AB123456", "nino_suffix_missing", "AB 12 34 56")


@pytest.mark.parametrize(
    ("written", "reading"),
    [
        ("A1234BC", IdReading("A1234BC", None, "A1234BC")),
        ("a 1234 bc", IdReading("A1234BC", None, "a 1234 bc")),
        ("NOMIS: A1234BC", IdReading("A1234BC", None, "NOMIS: A1234BC")),
        ("BT1234", IdReading("BT1234", "prison_number_not_nomis", "BT1234")),
        ("bt 12 34", IdReading("BT1234", "prison_number_not_nomis", "bt 12 34")),
        ("A1234B", IdReading("A1234B", "prison_number_not_nomis", "A1234B")),
    ],
)
def test_a_prison_number_is_nomis_or_kept_as_written(written: str, reading: IdReading) -> None:
    assert read_prison_number(written) == reading


@pytest.mark.parametrize(
    ("written", "reading"),
    [
        ("X123456", IdReading("X123456", None, "X123456")),
        ("x 123 456", IdReading("X123456", None, "x 123 456")),
        ("CRN: X123456", IdReading("X123456", None, "CRN: X123456")),
        ("nDelius X123456", IdReading("X123456", None, "nDelius X123456")),
        ("X12345", IdReading(None, "crn_invalid", "X12345")),
        ("XX123456", IdReading(None, "crn_invalid", "XX123456")),
        ("1234567", IdReading(None, "crn_invalid", "1234567")),
    ],
)
def test_a_crn_is_one_letter_and_six_digits(written: str, reading: IdReading) -> None:
    assert read_crn(written) == reading


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("PL25 5AS", "PL25 5AS"),
        ("pl255as", "PL25 5AS"),
        ("PL25  5AS", "PL25 5AS"),
        ("TR1 2AB", "TR1 2AB"),
        ("EX1 1AA", "EX1 1AA"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("W1A 0AX", "W1A 0AX"),
        ("M1 1AE", "M1 1AE"),
        ("gir 0aa", "GIR 0AA"),
        ("Postcode: TR1 2AB", "TR1 2AB"),
    ],
)
def test_a_postcode_has_one_space_before_its_last_three_characters(
    written: str, canonical: str
) -> None:
    assert read_postcode(written) == IdReading(canonical, None, written.strip())


@pytest.mark.parametrize(
    "written", ["PL25", "PL25 5A", "QL25 5AS", "PL25 5CS", "VL25 5AS", "12 High Street", "NFA"]
)
def test_a_postcode_that_fails_is_null_with_postcode_invalid(written: str) -> None:
    assert read_postcode(written) == IdReading(None, "postcode_invalid", written)


@given(
    st.from_regex(r"\A[A-PR-UWYZ][A-HK-Y]?[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}\Z"),
)
def test_a_canonical_postcode_round_trips(postcode: str) -> None:
    assert read_postcode(postcode).value == postcode
    assert read_postcode(postcode.lower().replace(" ", "")).value == postcode


@pytest.mark.parametrize(
    ("address", "postcode"),
    [
        ("12 High Street\nSt Austell\nPL25 5AS", "PL25 5AS"),
        ("12 High Street, St Austell, pl255as", "PL25 5AS"),
        ("12 High Street, St Austell PL25  5AS, Cornwall", "PL25 5AS"),
        ("Ward 3, Bodmin Hospital PL31 2QT (was TR1 2AB)", "TR1 2AB"),
        ("Flat 3, 12 High Street, Truro", None),
        ("NFA", None),
        ("Unit PL255ASX", None),
    ],
)
def test_the_last_valid_postcode_inside_an_address(address: str, postcode: str | None) -> None:
    assert last_postcode_in(address) == postcode


def test_labelled_items_of_a_shared_cell_go_to_their_keys() -> None:
    cell = (
        "PNC: 2008/0056560Z; CRO 265416/21G\nDelius X123456, NOMIS A1234BC\n"
        "NI number AB123456C; ViSOR ref 12/3456"
    )
    assert [
        (i.key, i.value, i.reading and i.reading.value) for i in split_identifiers(cell, TODAY)
    ] == [
        ("pnc", "2008/0056560Z", "2008/0056560Z"),
        ("cro", "265416/21G", "265416/21G"),
        ("crn", "X123456", "X123456"),
        ("prison_number", "A1234BC", "A1234BC"),
        ("nino", "AB123456C", "AB123456C"),
        ("visor_ref", "12/3456", None),
    ]


@pytest.mark.parametrize(
    ("item", "key"),
    [
        ("PNC 08/56560Z", "pnc"),
        ("PNC No. 08/56560Z", "pnc"),
        ("PNC ID: 08/56560Z", "pnc"),
        ("CRO No: 265416/21G", "cro"),
        ("CRN X123456", "crn"),
        ("Delius: X123456", "crn"),
        ("nDelius reference number X123456", "crn"),
        ("Case reference number X123456", "crn"),
        ("NOMIS number A1234BC", "prison_number"),
        ("NOMS A1234BC", "prison_number"),
        ("Prison no. A1234BC", "prison_number"),
        ("Prison number A1234BC", "prison_number"),
        ("NI AB123456C", "nino"),
        ("NINO: AB123456C", "nino"),
        ("National Insurance AB123456C", "nino"),
        ("ViSOR ref 123", "visor_ref"),
        ("VISOR reference 123", "visor_ref"),
        ("ViSOR no. 123", "visor_ref"),
        ("ViSOR number 123", "visor_ref"),
        ("ViSOR ID 123", "visor_ref"),
        ("ViSOR: 123", "visor_ref"),
    ],
)
def test_each_label_picks_its_key(item: str, key: str) -> None:
    assert [found.key for found in split_identifiers(item, TODAY)] == [key]


def test_a_labelled_but_invalid_value_carries_its_error() -> None:
    [item] = split_identifiers("PNC: 12345", TODAY)
    assert item == IdItem("pnc", "12345", None, IdReading(None, "pnc_invalid", "12345"))


@pytest.mark.parametrize(
    ("item", "key", "code"),
    [
        ("2008/0056560Z", "pnc", None),
        ("20030011985Z", "pnc", "pnc_check_letter"),
        ("265416/21G", "cro", None),
        ("SF05/482703J", "cro", None),
        ("AB 12 34 56 C", "nino", None),
        ("A1234BC", "prison_number", None),
        ("X123456", "crn", None),
    ],
)
def test_an_unlabelled_item_goes_to_the_first_key_whose_pattern_it_matches(
    item: str, key: str, code: str | None
) -> None:
    [found] = split_identifiers(item, TODAY)
    assert (found.key, found.value, found.reading.code) == (key, item, code)


@pytest.mark.parametrize(
    ("item", "kind", "value"),
    [
        ("NHS number 943 476 5919", "NHS number", "943 476 5919"),
        ("CRAMS: 12345", "CRAMS", "12345"),
        ("CRAMS 12345", "CRAMS", "12345"),
        ("Hospital no: RK1-234", "Hospital no", "RK1-234"),
        ("Local ref: ABC: 99", "Local ref: ABC", "99"),
        ("MARAC ref - 2024/77", "MARAC ref", "2024/77"),
        ("Passport # 123456789", "Passport", "123456789"),
        ("943 476 5919", None, "943 476 5919"),
        ("AB123456", None, "AB123456"),
        ("Held by Probation", None, "Held by Probation"),
    ],
)
def test_other_items_keep_their_type_and_value_as_written(
    item: str, kind: str | None, value: str
) -> None:
    assert split_identifiers(item, TODAY) == [IdItem(None, value, kind, None)]


def test_a_shared_cell_splits_at_lines_semicolons_and_commas_and_drops_not_known() -> None:
    cell = "NHS number 943 476 5919, CRAMS: 12345\nN/A; PNC: not known\n\n;X123456"
    assert split_identifiers(cell, TODAY) == [
        IdItem(None, "943 476 5919", "NHS number", None),
        IdItem(None, "12345", "CRAMS", None),
        IdItem("crn", "X123456", None, IdReading("X123456", None, "X123456")),
    ]
