"""The MAPPA A referral (FORMS.md §3.2). Its national wording is unconfirmed, so every field
carries the wordings of both generations of the notes for completion, matched by meaning."""

from __future__ import annotations

from parsers.fields import Kind, Section
from parsers.forms.common import DATE, EXPECTED, REQUIRED, YES_NO, field, identifier_fields

SECTIONS = (
    Section(
        "start",
        (
            "MAPPA A – Referral",
            "MAPPA A Referral",
            "MAPPA Referral Form",
            "MAPPA A",
            "MAPPA Form A",
            "MAPPA Referral Form A",
            "Referral to MAPPA level 2 or 3",
        ),
    ),
    Section(
        "category",
        (
            "Category of offender",
            "Category of offender (the offender can fall into only one category)",
        ),
    ),
    Section("offender", ("Offender information", "Offender details")),
    Section("conviction", ("Conviction / caution information", "Conviction information")),
    Section("dates", ("Relevant dates",), collects="dates"),
    Section(
        "hospital",
        ("Detained in hospital", "Detained in hospital (completed by mental health services)"),
    ),
    Section("relevant", ("Relevant information",)),
)

CATEGORIES = (
    (
        1,
        (
            "Category 1 Registered Sexual Offender",
            "Category 1 Registered Sex Offender",
            "Category 1",
        ),
    ),
    (
        2,
        (
            "Category 2 Violent Offender (and other sexual offenders)",
            "Category 2 Violent Offender",
            "Category 2",
        ),
    ),
    (3, ("Category 3 Other Dangerous Offender", "Category 3")),
    (4, ("Category 4 Terrorism", "Category 4")),
)
HEADER = ("start",)

FIELDS = (
    field("mappa_area", "MAPPA Area", "Area", need=REQUIRED, sections=HEADER, strict=True),
    field(
        "level_referred",
        "Level being referred to",
        "Level referred to",
        "Referral to level 2 / 3",
        "Referral to level",
        "Level",
        kind=Kind.RAW,
        need=REQUIRED,
        sections=HEADER,
    ),
    field(
        "referral_date",
        "Date of referral",
        "Referral date",
        "Date",
        kind=DATE,
        need=EXPECTED,
        sections=HEADER,
        strict=True,
    ),
    field("referrer.agency", "Referring agency", "Agency", need=EXPECTED, sections=HEADER),
    field(
        "referrer.name",
        "Name of referrer",
        "Referrer name",
        "Referred by",
        "Completed by",
        need=EXPECTED,
    ),
    field("referrer.role", "Job title", "Role", sections=HEADER),
    field("referrer.phone", "Telephone", "Tel", "Phone", "Telephone number", sections=HEADER),
    field(
        "referrer.email",
        "E-mail",
        "Email",
        "Email address",
        "E-mail address",
        kind=Kind.EMAIL,
        sections=HEADER,
    ),
    field(
        "authorised_by.name",
        "Manager authorising the referral",
        "Authorised by",
        "Countersigned by",
        "Authorising manager",
        need=EXPECTED,
    ),
    field("authorised_by.date", "Date authorised", kind=DATE),
    *(
        field(f"_category_{number}", *labels, kind=Kind.RAW, sections=("category", "start"))
        for number, labels in CATEGORIES
    ),
    field("_category", "Category", "MAPPA category", kind=Kind.INT),
    field("offender.family_name", "Family name", "Surname", need=REQUIRED),
    field(
        "offender.first_name",
        "First name(s)",
        "First names",
        "First name",
        "Forename(s)",
        "Forenames",
        need=REQUIRED,
    ),
    field("offender.middle_name", "Middle name(s)", "Middle names", "Middle name"),
    field(
        "offender.aliases",
        "Aliases",
        "Alias",
        "Alternative name/s",
        "Alternative names",
        "AKA",
        "Other names",
        kind=Kind.NAME_LIST,
    ),
    field("offender.nicknames", "Nicknames", "Nickname", kind=Kind.NAME_LIST),
    field("offender.dob", "Date of birth", "DOB", kind=DATE, need=REQUIRED),
    field("offender.gender", "Gender", "Sex", need=EXPECTED),
    field("offender.ethnicity", "Ethnicity", need=EXPECTED),
    field(
        "offender.diversity", "Diversity issues", "Disability/diversity considerations", "Diversity"
    ),
    field("offender.current_address", "Current address", "Address", need=EXPECTED),
    field(
        "offender.current_postcode",
        "Postcode of the current address",
        "Current postcode",
        "Postcode",
        kind=Kind.POSTCODE,
        need=EXPECTED,
        under="offender.current_address",
        title="Postcode of the current address",
    ),
    field("offender.nfa", "No fixed abode (NFA)", "No fixed abode", "NFA", kind=YES_NO),
    field(
        "offender.closest_link_area",
        "Area with which the offender has closest links",
        "Area of closest links",
        "Closest links",
    ),
    field(
        "offender.proposed_release_address",
        "Proposed (approved) release address",
        "Proposed release address",
        "Approved release address",
        "Discharge address",
    ),
    field(
        "offender.proposed_release_postcode",
        "Postcode of the proposed release address",
        "Proposed release postcode",
        "Release postcode",
        "Discharge postcode",
        "Postcode",
        kind=Kind.POSTCODE,
        under="offender.proposed_release_address",
        title="Postcode of the proposed release address",
    ),
    *identifier_fields(
        (
            "Agency unique identifier",
            "Agency unique identifier (e.g. PNC ID, CRAMS/Delius reference number)",
            "Agency unique identifier (e.g. PNC ID, nDelius reference number)",
        )
    ),
    field(
        "conviction.index_offences",
        "Index offence(s) or relevant caution",
        "Index offence(s)",
        "Index offences",
        "Index offence",
        "Offence(s)",
        "Offences",
        "Offence",
        kind=Kind.TEXT_LIST,
        need=REQUIRED,
    ),
    field("conviction.sentence", "Sentence length and type", "Sentence", need=EXPECTED),
    field(
        "conviction.details",
        "Brief details of offence",
        "Brief details of the offence",
        "Brief details",
        need=EXPECTED,
    ),
    field("conviction.previous_related", "Previous related offences", need=EXPECTED),
    field("conviction.additional_info", "Additional information"),
    field("hospital.detained", "Detained in hospital", kind=YES_NO),
    field("hospital.name", "Hospital", "Hospital name", "Ward"),
    field("hospital.responsible_clinician", "Responsible clinician", "RC", "RMO"),
    field("order.type", "Type of order", "Section"),
    field("order.time_limited", "Time limited", kind=YES_NO),
    field("order.restriction_order", "Restriction order", "s41", kind=YES_NO),
    field(
        "order.next_tribunal",
        "Next tribunal / review date",
        "Next tribunal date",
        "Next tribunal",
        kind=DATE,
    ),
    field("reason_for_referral", "Reason for referral", need=REQUIRED),
    field("risk.nature", "Nature of the risk", "Nature of risk"),
    field("risk.who", "Who is at risk", "Identified victims"),
    field(
        "risk.increasing_factors",
        "Factors that increase risk",
        "Factors that increase the risk",
        "Risk factors",
    ),
    field(
        "risk.reducing_factors",
        "Factors that may reduce risk",
        "Factors that reduce risk",
        "Protective factors",
    ),
    field(
        "multi_agency_added_value",
        "What multi-agency management would add",
        "What would multi-agency management add",
    ),
    field(
        "invitees",
        "People / agencies to invite to the meeting",
        "Agencies to invite",
        "Invitees",
        kind=Kind.TEXT_LIST,
        need=EXPECTED,
    ),
    field(
        "disclosure.offender_informed",
        "Has the offender been informed of the referral?",
        "Offender informed of the referral",
        kind=YES_NO,
    ),
    field("disclosure.not_informed_reason", "If not, why not?", "If not why not"),
)

IGNORED = (
    "Police",
    "Probation",
    "Prison",
    "Health",
    "Mental health services",
    "Mental health",
    "Children's services",
    "Youth offending",
    "Youth Offending Service",
    "Housing",
    "All agencies",
    "Police/Probation",
    "Probation/Police",
    "Agency to complete",
)
PRINTED = ("The offender can fall into only one category",)
