"""Form G's Appendix C checklist as printed (FORMS.md §3.3, `checklist.*`)."""

from __future__ import annotations

from parsers.fields import Kind, Section
from parsers.forms.common import DATE, EXPECTED, YES_NO, field
from parsers.forms.form_g import CATEGORY_1, CATEGORY_2, DISCUSSED, INFORMED

PART = "checklist"
SECTIONS = (
    Section(
        "c_top",
        (
            "Best Practice Guidance Check List to use alongside Form G",
            "Best Practice Guidance Check List",
            "Appendix C",
        ),
        PART,
    ),
    Section("c_offence", ("Offence Information",), PART),
    Section("c_category", ("MAPPA Category Select one only", "MAPPA Category"), PART),
    Section("c_disclosure", ("Disclosure to the Service User",), PART),
    Section("c_considerations", ("Additional Considerations When completing Form G",), PART),
    Section("c_screening", ("Outcome of Form G screening",), PART),
)

# (key, label as printed) in printed order: FORMS.md §3.3 ITEM.
CONSIDERATIONS = (
    ("victim_liaison_review", "Request for review by Victim Liaison Scheme regarding"),
    ("mhrt_input", "MHRT input"),
    ("s17_leave_victim_issues", "Section 17 leave and related victim issues"),
    (
        "discharge_conditions_moj_mhu",
        "Input to decisions regarding conditions for discharge through MoJ MHU",
    ),
    ("cto_conditions", "Input to decisions regarding CTO conditions"),
    ("risk_assessment_information", "Information for risk assessment purposes"),
    ("victim_engagement", "Engagement of victim in offender care and treatment"),
    (
        "offender_manager_discussion",
        "Preliminary discussion with offender manager regarding "
        "MAPPA level and need to develop interagency plan",
    ),
    (
        "police_s17_leave_plan",
        "Preliminary discussion with Police Public Protection Officer "
        "regarding local policing plan to cover S 17 leave",
    ),
    (
        "police_level_allocation",
        "Preliminary discussion with Police Public Protection Officer "
        "regarding MAPPA level allocation",
    ),
)
OUTCOMES = (
    ("level2_review", "Decision to refer to Level 2 MAPPA review."),
    ("police_liaison", "Police liaison with care team to develop joint agency management plan."),
    (
        "victim_liaison",
        "Victim Liaison Scheme involvement with care team to enable leave planning or other input.",
    ),
    ("mhrt_liaison", "Joint agency liaison regarding MHRT information."),
    ("other", "Other: (detail)"),
)
CATEGORY_3 = (
    "Category 3: other offences and concerns re. Risk of serious harm.",
    "Category 3: other offences and concerns",
    "Category 3",
)


def consideration_fields() -> tuple:
    fields = []
    for item, label in CONSIDERATIONS:
        key = f"checklist.considerations.{item}"
        fields.append(
            field(key, label, kind=YES_NO, then=key + "_notes", sections=("c_considerations",))
        )
        fields.append(
            field(
                key + "_notes",
                "Notes",
                under=key,
                sections=("c_considerations",),
                title=f"Notes on {label}",
            )
        )
    return tuple(fields)


def outcome_fields() -> tuple:
    fields = []
    for outcome, label in OUTCOMES:
        fields.append(
            field(f"_outcome_{outcome}", label, kind=Kind.TEXT, sections=("c_screening",))
        )
        fields.append(
            field(
                f"checklist.screening.{outcome}_rationale",
                "Note rationale for decision:",
                under=f"_outcome_{outcome}",
                sections=("c_screening",),
                title=f"Rationale for {label}",
            )
        )
    return tuple(fields)


TOP = ("c_top",)
OFFENCE = ("c_offence", "c_top")
FIELDS = (
    field("checklist.date", "Date", kind=DATE, sections=TOP),
    field("checklist.offender.full_name", "Name of Service User", need=EXPECTED),
    field("checklist.offender.dob", "DOB", "Date of birth", kind=DATE, need=EXPECTED, sections=TOP),
    field(
        "checklist.care_coordinator",
        "Care Co-ordinator / Care Manager",
        "Care Co-ordinator",
        "Care Manager",
    ),
    field(
        "checklist.care_coordinator_contact",
        "Contact Details",
        under="checklist.care_coordinator",
        title="Care co-ordinator's contact details",
    ),
    field("checklist.responsible_clinician", "Responsible Clinician", sections=TOP),
    field(
        "checklist.responsible_clinician_contact",
        "Contact Details",
        under="checklist.responsible_clinician",
        title="Responsible clinician's contact details",
    ),
    field("checklist.sentence.offence", "Offence:", sections=OFFENCE),
    field("checklist.sentence.date", "Sentence date:", kind=DATE, sections=OFFENCE),
    field("checklist.sentence.court", "Court:", sections=OFFENCE),
    field(
        "checklist.order.hospital_order",
        "Hospital/Guardianship order Y/N",
        "Hospital/Guardianship order",
        kind=YES_NO,
        sections=OFFENCE,
    ),
    field("checklist.order.type", "Type of Order:", sections=OFFENCE),
    field("checklist.order.time_limited", "Time limited:", kind=Kind.RAW, sections=OFFENCE),
    field("checklist.order.restriction_order", "Restriction order:", kind=YES_NO, sections=OFFENCE),
    field(
        "checklist.order.next_tribunal",
        "Next Mental Health Tribunal / Managers Review date:",
        "Next Mental Health Tribunal date",
        "Managers Review date",
        kind=DATE,
        sections=OFFENCE,
    ),
    field(
        "checklist.other_legal_dates",
        "Other significant legal dates (e.g. Judicial Reviews)",
        "Other significant legal dates",
        sections=OFFENCE,
    ),
    field("_checklist_category_1", *CATEGORY_1, kind=YES_NO, sections=("c_category",)),
    field("_checklist_category_2", *CATEGORY_2, kind=YES_NO, sections=("c_category",)),
    field("_checklist_category_3", *CATEGORY_3, kind=YES_NO, sections=("c_category",)),
    field(
        "checklist.disclosure.discussed",
        *DISCUSSED,
        kind=YES_NO,
        need=EXPECTED,
        sections=("c_disclosure", "c_category"),
        title="Discussed with the service user",
    ),
    field(
        "checklist.disclosure.not_discussed_reason",
        "If MAPPA notification has not been "
        "discussed with service user - please record reason for not discussing at this time",
        "If MAPPA notification has not been discussed with service user",
        title="Reason for not discussing",
    ),
    field(
        "checklist.disclosure.informed_of_right",
        *INFORMED,
        kind=YES_NO,
        sections=("c_disclosure", "c_category"),
    ),
    *consideration_fields(),
    field(
        "checklist.considerations.other",
        "Other: please detail:",
        "Other",
        sections=("c_considerations",),
    ),
    field(
        "checklist.date_sent_to_spoc",
        "Date notification sent to MAPPA Single Point of Contact:",
        "Date notification sent to MAPPA SPOC",
        "Date sent to SPOC",
        kind=DATE,
        need=EXPECTED,
    ),
    field("checklist.signed", "Signed:", sections=("c_considerations", "c_disclosure")),
    field("checklist.print_name", "Print Name:", sections=("c_considerations", "c_disclosure")),
    field("checklist.spoc_forward_date", "SPOC forward to MAPPA Administrator date:", kind=DATE),
    *outcome_fields(),
    field("checklist.screening.date", "Date:", kind=DATE, sections=("c_screening",)),
    field("checklist.screening.signed", "Signed", sections=("c_screening",)),
    field(
        "checklist.screening.print_name", "Name (Print)", "Print name", sections=("c_screening",)
    ),
)

PRINTED = ("Additional Considerations Notes", "Y/N", "explained to the offender?")
