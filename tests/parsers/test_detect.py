"""Which form a document is (FORMS.md §5): titles, label cues and the look-alikes."""

from __future__ import annotations

import pytest

from parsers.detect import detect
from tests.parsers.documents import paragraphs, table, tables

FORM_G_TITLE = "MAPPA Form G – Initial Notification of MAPPA Nominal (Mental Health)"
CHECKLIST_TITLE = "Best Practice Guidance Check List to use alongside Form G"
MAPPA_A_TITLE = "MAPPA A – Referral"
PDP_TITLE = "Potentially Dangerous Person – Proactive Disclosure"


@pytest.mark.parametrize(
    ("title", "form"),
    [
        (FORM_G_TITLE, "form_g"),
        ("MAPPA FORM G", "form_g"),
        (CHECKLIST_TITLE, "form_g"),
        ("Outcome of Form G screening", "form_g"),
        (MAPPA_A_TITLE, "mappa_a"),
        ("MAPPA Referral Form", "mappa_a"),
        ("Form A (MAPPA)", "mappa_a"),
        (PDP_TITLE, "pdp"),
        ("Person presenting risk: Potentially Dangerous Person", "pdp"),
    ],
)
def test_a_title_on_a_line_of_its_own_names_the_form(title, form):
    assert detect(paragraphs(title, "Family name: Smith")).form == form


def test_a_title_in_a_table_heading_row_counts():
    document = tables(table((MAPPA_A_TITLE,), ("Family name:", "Smith")))
    assert detect(document).form == "mappa_a"


def test_a_title_inside_a_sentence_is_not_a_title():
    sentence = (
        "Thank you for your call this morning; as agreed I will send the MAPPA Form G to the "
        "SPOC once the care team has met and agreed what it should say."
    )
    detection = detect(paragraphs("Dear colleague,", sentence, "Best wishes"))
    assert (detection.form, detection.code) == ("unknown", "not_a_form")
    assert "not a MAPPA A, Form G or PDP form" in detection.message


def test_three_label_cues_name_a_form_without_its_title():
    document = paragraphs(
        "Person presenting risk", "Information provider", "Nature of risk posed", "Notes"
    )
    assert detect(document).form == "pdp"


def test_two_label_cues_are_not_enough():
    assert detect(paragraphs("Index offence: theft", "Relevant dates: none")).form == "unknown"


def test_form_g_with_its_checklist_is_one_form_not_several():
    assert detect(paragraphs(FORM_G_TITLE, "Name: A", CHECKLIST_TITLE, "DOB: 1/2/1980")).form == (
        "form_g"
    )


def test_two_forms_in_one_file_ask_for_one_file_each():
    detection = detect(paragraphs(FORM_G_TITLE, "Family name: Smith", PDP_TITLE, "Address: x"))
    assert (detection.form, detection.code) == ("unknown", "several_forms")
    assert "each form as its own file" in detection.message


def test_two_forms_by_labels_alone_are_several_forms():
    document = paragraphs(
        "Person presenting risk",
        "Information provider",
        "Nature of risk posed",
        "Index offence",
        "Reason for referral",
        "Level being referred",
    )
    assert detect(document).code == "several_forms"


@pytest.mark.parametrize(
    "lines",
    [
        ("MAPPA B – Level 2 Meeting Minutes", "Present: Chair, Probation, Police", "Actions"),
        (
            "Meeting details",
            "Minutes",
            "Present: Chair (Police), Probation officer",
            "Apologies: Housing",
            "Category of offender: 2",
            "Index offence: wounding",
            "Reason for referral: release",
            "Actions agreed: review in 6 weeks",
        ),
    ],
)
def test_mappa_b_minutes_are_not_a_referral(lines):
    detection = detect(paragraphs(*lines))
    assert (detection.form, detection.code) == ("unknown", "mappa_b_minutes")


def test_risk_meeting_minutes_are_not_a_pdp_form():
    document = paragraphs(
        "Multi Agency Risk Management Meeting",
        "Case introduction",
        "Nature of concerns",
        "Tests applied to provision of information",
        "Information provider",
        "Person presenting risk",
        "Action plan agreed",
    )
    detection = detect(document)
    assert (detection.form, detection.code) == ("unknown", "risk_meeting_minutes")


def test_the_national_mappa_i_is_read_as_a_form_g():
    detection = detect(paragraphs("Initial notification of MAPPA eligible patients", "Name: A"))
    assert (detection.form, detection.mappa_i) == ("form_g", True)
    assert detect(paragraphs(FORM_G_TITLE)).mappa_i is False
