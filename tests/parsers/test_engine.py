"""The label-matching engine on every layout, with documents built in the neutral shape."""

from __future__ import annotations

from datetime import UTC, datetime

from parsers import parse_read
from tests.parsers.documents import paragraphs, struck, table, tables

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


def read(document):
    result = parse_read(document, "form.docx", NOW)
    return result, {issue.code for issue in result.issues}


FORM_G_TOP = ("MAPPA Form G – Initial Notification of MAPPA Nominal (Mental Health)",)


def form_g_table(category_row=("Category 2: Violent Offender", "Yes"), **changes):
    rows = {
        "family": ("Family name:", "Smith"),
        "first": ("First name:", "John"),
        "address": ("Current address:", "12 High Street\nTruro"),
        "postcode": ("Postcode:", "tr1 2ab"),
        "dob": ("Date of birth:", "3rd Feb 1979"),
        "pnc": ("PNC number (if known):", "08/56560z"),
        "status": ("Current status (delete one):", "Community/ Hospital"),
    }
    rows.update(changes)
    return tables(
        *FORM_G_TOP,
        table(
            ("Category 1: Registered Sexual Offender (or will be once discharged):", "Yes/No"),
            category_row,
            number=1,
        ),
        "3. Offender Information",
        table(*rows.values(), number=2),
        "4. Sentence Information",
        table(
            ("Offence:", "Wounding with intent"),
            ("Sentence date:", "12.3.2015"),
            ("Court:", "Truro Crown Court"),
            number=3,
        ),
        "5. Your Details",
        table(
            ("Name:", "A Nurse"),
            ("Address:", "Ward 3, Bodmin Hospital, PL31 2QT"),
            ("Email address:", "mailto:nurse@trust.nhs.example"),
            number=4,
        ),
    )


def test_form_g_in_its_table_template_gives_canonical_values():
    result, codes = read(form_g_table())
    record = result.record
    assert result.form == "form_g"
    assert record["category"] == 2
    assert record["offender"]["family_name"] == "Smith"
    assert record["offender"]["current_address"] == "12 High Street\nTruro"
    assert record["offender"]["current_postcode"] == "TR1 2AB"
    assert record["offender"]["dob"] == "1979-02-03"
    assert record["ids"]["pnc"] == "2008/0056560Z"
    assert record["sentence"]["date"] == "2015-03-12"
    assert record["notifier"]["address"] == "Ward 3, Bodmin Hospital, PL31 2QT"
    assert record["notifier"]["postcode"] == "PL31 2QT"
    assert record["notifier"]["email"] == "nurse@trust.nhs.example"
    assert record["current_status"] is None and "choice_ambiguous" in codes
    assert record["checklist"] is None and "checklist_missing" in codes
    assert result.provenance["offender.family_name"] == "table 2 row 1 cell 2"


def test_delete_one_answered_by_striking_or_deleting_a_word():
    for answer in (
        struck(("Community", "struck"), ("/ Hospital", "")),
        struck(("Community/ ", "deleted"), ("Hospital", "")),
        struck(("Community/ ", ""), ("Hospital", "marked")),
    ):
        result, _ = read(form_g_table(status=("Current status (delete one):", answer)))
        assert result.record["current_status"] == "hospital", answer


def test_form_g_as_label_value_paragraphs():
    document = paragraphs(
        *FORM_G_TOP,
        "Category 1: Registered Sexual Offender (or will be once discharged): Yes/No: No",
        "Category 2: Violent Offender who has been sentenced to: Yes",
        "3. Offender Information",
        "Family name: O'Neill",
        "First name:",
        "Mary-Jane",
        "Current address: 4 Quay Road",
        "Falmouth",
        "TR11 3HH",
        "Date of birth: 1979-02-03",
        "NI number: ab 12 34 56 c",
        "Gender: N/A",
    )
    result, codes = read(document)
    offender = result.record["offender"]
    assert result.record["category"] == 2
    assert (offender["family_name"], offender["first_name"]) == ("O'Neill", "Mary-Jane")
    assert offender["current_address"] == "4 Quay Road\nFalmouth\nTR11 3HH"
    assert offender["current_postcode"] == "TR11 3HH"
    assert result.record["ids"]["nino"] == "AB123456C"
    assert offender["gender"] is None and "offender.gender" not in {i.field for i in result.issues}
    assert "missing_required" in codes  # the offence is blank


def test_a_label_with_a_small_typo_is_still_read():
    result, _ = read(form_g_table(family=("Famly name:", "Smith")))
    assert result.record["offender"]["family_name"] == "Smith"


def test_pdp_tick_grid_and_yes_no_boxes():
    document = tables(
        "Proactive Disclosure under Potentially Dangerous Persons Protocol",
        table(
            ("Information provider", ""),
            ("☐ Devon & Cornwall Police", "☒ Cornwall County Council"),
            ("☐ Torbay Council", "☐ Voluntary sector; partner (cite):"),
            number=1,
        ),
        table(
            ("Person presenting risk", ""),
            ("Name: Sam Jones", "Date of Birth: 01/01/1990"),
            ("Address: 1 Lane, Penzance TR18 4AA", ""),
            number=2,
        ),
        table(
            ("Tests applied to provision of information", ""),
            ("(a)", "in accordance with the law? ☒ Yes ☐ No"),
            ("(e)", "is the circumstances proportional? (if yes – give details below) ☒ Yes ☐ No"),
            ("", "Risk to a named child."),
            number=3,
        ),
    )
    result, codes = read(document)
    record = result.record
    assert result.form == "pdp"
    assert record["information_provider"] == ["cornwall_county_council"]
    assert record["offender"]["full_name"] == "Sam Jones"
    assert record["offender"]["dob"] == "1990-01-01"
    assert record["offender"]["current_postcode"] == "TR18 4AA"
    assert record["hr_tests"]["lawful"] is True
    assert record["hr_tests"]["proportional"] is True
    assert record["hr_tests"]["proportional_details"] == "Risk to a named child."
    assert "details_missing" not in codes


def test_mappa_a_with_agency_column_and_dates_table():
    document = tables(
        "MAPPA A – Referral",
        table(
            ("MAPPA Area", "Devon and Cornwall", ""),
            ("Level being referred to", "3", ""),
            ("Referring agency", "Probation", "Probation"),
            number=1,
        ),
        "CATEGORY OF OFFENDER",
        table(
            ("☒", "Category 2 Violent Offender (and other sexual offenders)"),
            ("☐", "Category 1 Registered Sexual Offender"),
            number=2,
        ),
        "OFFENDER INFORMATION",
        table(
            ("Family name", "Smith", "Police"),
            ("First name(s)", "John", "Police"),
            ("Date of birth", "03/02/1979", "Police"),
            number=3,
        ),
        "CONVICTION / CAUTION INFORMATION",
        table(("Index offence(s) or relevant caution", "Robbery\nWounding", "Probation"), number=4),
        "RELEVANT DATES",
        table(
            ("Sentence date", "01/02/2020"),
            ("Release date", "31/02/2026"),
            ("Licence expiry", ""),
            number=5,
        ),
    )
    result, codes = read(document)
    record = result.record
    assert result.form == "mappa_a"
    assert (record["mappa_area"], record["level_referred"], record["category"]) == (
        "Devon and Cornwall",
        3,
        2,
    )
    assert record["referrer"]["agency"] == "Probation"
    assert record["offender"]["family_name"] == "Smith"
    assert record["conviction"]["index_offences"] == ["Robbery", "Wounding"]
    assert record["dates"] == [
        {"label": "Sentence date", "date": "2020-02-01"},
        {"label": "Release date", "date": None},
    ]
    assert "date_unreadable" in codes


def test_an_unknown_heading_with_text_is_kept_as_an_extra_section():
    document = paragraphs(
        *FORM_G_TOP, "Family name: Smith", "Further concerns:", "Has been seen near the school."
    )
    result, _ = read(document)
    assert result.record["extra_sections"] == [
        {"heading": "Further concerns", "text": "Has been seen near the school."}
    ]


def test_a_blank_form_is_one_error():
    result, codes = read(tables(*FORM_G_TOP, table(("Family name:", ""), ("First name:", ""))))
    assert codes == {"form_blank"}
    assert result.record["offender"]["family_name"] is None
