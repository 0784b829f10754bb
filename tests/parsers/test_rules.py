"""Every record-level rule of FORMS.md §2.5 and §3 gives its issue: field, severity, code and a
message a SPOC can act on. Documents are "Label: value" lines, the simplest layout."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from parsers import parse_read
from tests.parsers.documents import paragraphs

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)

FORM_G = (
    "MAPPA Form G – Initial Notification of MAPPA Nominal (Mental Health)",
    "Category 1: Registered Sexual Offender (or will be once discharged): No",
    "Category 2: Violent Offender: Yes",
    "Family name: Trelawny",
    "First name: Jory",
    "Date of birth: 03/02/1979",
    "Offence: Wounding with intent",
)
CHECKLIST = ("Best Practice Guidance Check List to use alongside Form G",)
MAPPA_A = (
    "MAPPA A – Referral",
    "MAPPA Area: Devon and Cornwall",
    "Level being referred to: 2",
    "Category 2 Violent Offender: X",
    "Family name: Pascoe",
    "First name: Morwenna",
    "Date of birth: 12/07/1985",
    "Index offence(s): Assault occasioning actual bodily harm",
    "Reason for referral: Release due next month.",
)
PDP = (
    "Potentially Dangerous Person – Proactive Disclosure",
    "Information provider",
    "☒ Devon & Cornwall Police",
    "Person presenting risk",
    "Name: Kit Nance",
    "Date of Birth: 01/01/1990",
)


def issues(*lines: str) -> dict[str, list[tuple[str | None, str, str]]]:
    """Each code found, with the (field, severity, message) of every issue under it."""
    found: dict[str, list[tuple[str | None, str, str]]] = {}
    for i in parse_read(paragraphs(*lines), "form.docx", NOW).issues:
        found.setdefault(i.code, []).append((i.field, i.severity, i.message))
    return found


def replaced(lines: tuple[str, ...], old: str, *new: str) -> tuple[str, ...]:
    """The lines with the one starting `old` replaced by `new` (none: removed)."""
    at = next(n for n, line in enumerate(lines) if line.startswith(old))
    return (*lines[:at], *new, *lines[at + 1 :])


CASES = {
    "missing_required": (
        replaced(FORM_G, "Family name"),
        ("offender.family_name", "error", "Family name"),
    ),
    "missing_expected": (FORM_G, ("offender.gender", "warning", "Gender")),
    "choice_ambiguous": (
        (*FORM_G, "Current status (delete one): Community/ Hospital"),
        ("current_status", "warning", "Current status"),
    ),
    "date_unreadable": (
        replaced(FORM_G, "Date of birth", "Date of birth: the spring of 79"),
        ("offender.dob", "error", "the spring of 79"),
    ),
    "date_incomplete": (
        replaced(FORM_G, "Date of birth", "Date of birth: March 1979"),
        ("offender.dob", "error", "March 1979"),
    ),
    "date_in_future": (
        (*FORM_G, "Sentence date: 12/03/2030"),
        ("sentence.date", "warning", "12/03/2030"),
    ),
    "date_in_past": (
        (*FORM_G, "B) Hospital/Guardianship order", "Next Mental Health Tribunal date: 1/1/2024"),
        ("order.next_tribunal", "info", "01/01/2024"),
    ),
    "date_order": (
        (*FORM_G, "Sentence date: 12/03/1975"),
        ("sentence.date", "warning", "12/03/1975"),
    ),
    "dob_implausible": (
        replaced(FORM_G, "Date of birth", "Date of birth: 03/02/2020"),
        ("offender.dob", "warning", "5"),
    ),
    "category_missing": (
        replaced(FORM_G, "Category 2", "Category 2: Violent Offender: No"),
        ("category", "error", "ategory"),
    ),
    "category_multiple": (
        replaced(FORM_G, "Category 1", "Category 1: Registered Sexual Offender: Yes"),
        ("category", "error", "ategor"),
    ),
    "sentence_type_both": (
        (
            *FORM_G,
            "A) Transfer from prison/custody",
            "Transfer date: 01/02/2020",
            "B) Hospital/Guardianship order",
            "Type of Order: s37",
        ),
        ("sentence.type", "warning", ""),
    ),
    "postcode_invalid": (
        (*FORM_G, "Postcode: TR99 ZZZ1"),
        ("offender.current_postcode", "warning", "TR99 ZZZ1"),
    ),
    "email_invalid": (
        (*FORM_G, "5. Your Details", "Email address: nurse at trust"),
        ("notifier.email", "warning", "nurse at trust"),
    ),
    "ethnicity_code": (
        (*FORM_G, "Ethnicity: W1"),
        ("offender.ethnicity", "warning", "W1"),
    ),
    "identifier_conflict": (
        (*FORM_G, "PNC number (if known): 08/56560Z", "PNC: 2009/0012345E"),
        ("ids.pnc", "warning", ""),
    ),
    "contact_index_over_16": (
        (*FORM_G, "Contact index number (under 16s only): 1234567"),
        ("ids.contact_index", "info", ""),
    ),
    "checklist_missing": (FORM_G, ("checklist", "info", "checklist")),
    "form_g_missing": (
        (*CHECKLIST, "Name of Service User: Jory Trelawny"),
        (None, "warning", "Form G"),
    ),
    "checklist_mismatch": (
        (*FORM_G, *CHECKLIST, "Name of Service User: Jory Trelawny", "DOB: 04/02/1979"),
        ("offender.dob", "warning", "04/02/1979"),
    ),
    "reason_missing": (
        (
            *FORM_G,
            *CHECKLIST,
            "If MAPPA notification has not been discussed with service user"
            " - please record reason for not discussing at this time:",
            "Disclosure to the Service User",
            "Has the MAPPA notification been discussed with and explained to the offender? No",
        ),
        ("checklist.disclosure.not_discussed_reason", "warning", ""),
    ),
    "mappa_i_form": (
        ("Initial notification of MAPPA eligible patients", *FORM_G[1:]),
        (None, "warning", "MAPPA I"),
    ),
    "level_invalid": (
        replaced(MAPPA_A, "Level being referred", "Level being referred to: 1"),
        ("level_referred", "error", "1"),
    ),
    "category_4": (
        replaced(MAPPA_A, "Category 2", "Category 4 Terrorism: X"),
        ("category", "warning", ""),
    ),
    "category_invalid": (
        replaced(MAPPA_A, "Category 2", "Category of offender: 5"),
        ("category", "error", "5"),
    ),
    "closest_link_missing": (
        (*MAPPA_A, "Current address: No fixed abode"),
        ("offender.closest_link_area", "warning", ""),
    ),
    "provider_multiple": (
        replaced(PDP, "☒ Devon", "☒ Devon & Cornwall Police", "☒ Torbay Council"),
        ("information_provider", "warning", ""),
    ),
    "provider_other_missing": (
        replaced(PDP, "☒ Devon", "☒ Voluntary sector; partner (cite):"),
        ("information_provider_other", "warning", ""),
    ),
    "mopi_not_police": (
        (
            *replaced(PDP, "☒ Devon", "☒ Torbay Council"),
            "Power cited as basis of disclosure (tick any that are valid)",
            "☒ MoPI Police Act 1996 (Police Only) – Policing Purpose",
        ),
        ("disclosure_powers", "warning", "MoPI"),
    ),
    "consider_mappa_a": (
        (*PDP, "Nature of risk: Convicted of wounding in 2019."),
        (None, "warning", "MAPPA A"),
    ),
}


@pytest.mark.parametrize("code", CASES)
def test_each_rule_gives_its_issue(code):
    lines, (field, severity, quoted) = CASES[code]
    found = issues(*lines)
    assert code in found, sorted(found)
    [(severity_found, message)] = [(s, m) for f, s, m in found[code] if f == field]
    assert severity_found == severity
    assert quoted in message and message[0].isupper() and message.endswith((".", "?"))


def test_a_previous_conviction_denied_is_not_a_reason_for_mappa_a():
    assert "consider_mappa_a" not in issues(*PDP, "Nature of risk: No previous convictions.")


def test_a_complete_and_consistent_form_g_has_no_warnings_about_its_checklist():
    found = issues(*FORM_G, *CHECKLIST, "Name of Service User: Jory Trelawny", "DOB: 3 Feb 1979")
    assert not {"checklist_mismatch", "checklist_missing", "form_g_missing"} & set(found)
