"""MAPPA Form G as printed in the policy's Appendix B (FORMS.md §3.3), labels as printed."""

from __future__ import annotations

from parsers.fields import Kind, Section
from parsers.forms.common import DATE, EXPECTED, REQUIRED, YES_NO, field, identifier_fields

SECTIONS = (
    Section(
        "category",
        (
            "MAPPA Form G – Initial Notification of MAPPA Nominal (Mental Health)",
            "MAPPA Form G",
            "Initial Notification of MAPPA Nominal",
            "Initial Notification of MAPPA Nominal (Mental Health)",
            "Initial notification of MAPPA eligible patients",
            "Select one only",
            "Category",
        ),
    ),
    Section("disclosure", ("Disclosure to the Nominee",)),
    Section("offender", ("Offender Information",)),
    Section("sentence", ("Sentence Information",)),
    Section("transfer", ("Transfer from prison/custody",)),
    Section("order", ("Hospital/Guardianship order",)),
    Section("notifier", ("Your Details",)),
)

DISCUSSED = (
    "Has the MAPPA notification been discussed with and explained to the offender?",
    "Has the MAPPA notification been discussed with and",
)
INFORMED = (
    "Has the offender been informed of their right to present written information to "
    "any meetings under MAPPA for which they are a subject?",
    "Has the offender been informed of their right to present written information",
)
CATEGORY_1 = (
    "Category 1: Registered Sexual Offender (or will be once discharged):",
    "Category 1: Registered Sexual Offender",
    "Category 1",
)
CATEGORY_2 = (
    "Category 2: Violent Offender who has been sentenced to: i) 12 months or more in "
    "custody (e.g. prison) but has since been transferred to hospital, or; ii) "
    "Detention in hospital (e.g. section 37 hospital order):",
    "Category 2: Violent Offender who has been sentenced to:",
    "Category 2: Violent Offender",
    "Category 2",
)
CATEGORY_2_PRINTED = (
    "i) 12 months or more in custody (e.g. prison) but has since been transferred to hospital, or;",
    "ii) Detention in hospital (e.g. section 37 hospital order):",
    "explained to the offender?",
)

FIELDS = (
    field("_category_1", *CATEGORY_1, kind=YES_NO, sections=("category", "start")),
    field("_category_2", *CATEGORY_2, kind=YES_NO, sections=("category", "start")),
    field("_category", "MAPPA category", "Category", kind=Kind.INT, sections=("category", "start")),
    field(
        "disclosure.discussed",
        *DISCUSSED,
        kind=YES_NO,
        need=EXPECTED,
        sections=("disclosure", "category", "start"),
        title="Discussed with the offender",
    ),
    field(
        "disclosure.informed_of_right",
        *INFORMED,
        kind=YES_NO,
        need=EXPECTED,
        sections=("disclosure", "category", "start"),
        title="Informed of their right to present written information",
    ),
    field("offender.family_name", "Family name:", "Surname", need=REQUIRED),
    field(
        "offender.first_name",
        "First name:",
        "First names",
        "Forename(s)",
        "Forenames",
        "Forename",
        need=REQUIRED,
    ),
    field("offender.middle_name", "Middle name:", "Middle names"),
    field(
        "offender.aliases",
        "Alternative name/s:",
        "Alternative names",
        "Aliases",
        "Alias",
        "AKA",
        "Other names",
        kind=Kind.NAME_LIST,
    ),
    field(
        "offender.current_address",
        "Current address:",
        "Address",
        need=EXPECTED,
        sections=("offender", "category", "disclosure", "start"),
    ),
    field(
        "offender.current_postcode",
        "Postcode:",
        kind=Kind.POSTCODE,
        need=EXPECTED,
        sections=("offender", "category", "disclosure", "start"),
        title="Postcode",
    ),
    field("offender.dob", "Date of birth:", "DOB", "D.O.B", kind=DATE, need=REQUIRED),
    field("offender.gender", "Gender:", "Sex", need=EXPECTED),
    field("offender.ethnicity", "Ethnicity:", need=EXPECTED),
    field(
        "offender.diversity",
        "Disability/diversity considerations:",
        "Diversity considerations",
        "Disability",
    ),
    *identifier_fields(
        (
            "Other unique identifying number (please specify):",
            "Other unique identifying number",
            "Other identifying number",
        )
    ),
    field(
        "current_status",
        "Current status (delete one):",
        "Current status",
        kind=Kind.ENUM,
        options=("community", "hospital"),
        need=EXPECTED,
    ),
    field(
        "rmo_contact",
        "Current responsible medical officer contact details (if different to 5 below):",
        "Current responsible medical officer contact details",
        "Responsible medical officer contact details",
    ),
    field("sentence.offence", "Offence:", need=REQUIRED, sections=("sentence", "start")),
    field(
        "sentence.date", "Sentence date:", kind=DATE, need=EXPECTED, sections=("sentence", "start")
    ),
    field("sentence.court", "Court:", need=EXPECTED, sections=("sentence", "start")),
    field("_sentence_type", "Sentence type (please complete A or B):", "Sentence type"),
    field("transfer.date", "Transfer date:", kind=DATE),
    field("transfer.from_establishment", "From HM Prison/YOI:", "From HM Prison", "HM Prison/YOI"),
    field("transfer.length", "Sentence length:"),
    field("transfer.licence_end", "Licence supervision end date:", kind=DATE),
    field(
        "transfer.offender_manager",
        "Name and contact details of Offender Manager",
        "Offender Manager",
    ),
    field(
        "transfer.next_tribunal",
        "Next Mental Health Tribunal date:",
        kind=DATE,
        sections=("transfer",),
        title="Next Mental Health Tribunal date (A)",
    ),
    field("order.type", "Type of Order:", sections=("order", "transfer", "sentence")),
    field(
        "order.time_limited",
        "Time limited:",
        kind=YES_NO,
        sections=("order", "transfer", "sentence"),
    ),
    field(
        "order.restriction_order",
        "Restriction order:",
        kind=YES_NO,
        sections=("order", "transfer", "sentence"),
    ),
    field(
        "order.next_tribunal",
        "Next Mental Health Tribunal date:",
        kind=DATE,
        sections=("order",),
        title="Next Mental Health Tribunal date (B)",
    ),
    field("notifier.name", "Name:", need=EXPECTED, sections=("notifier",)),
    field("notifier.role", "Position held:", "Job title"),
    field("notifier.address", "Address:", sections=("notifier",)),
    field("notifier.postcode", "Postcode:", kind=Kind.POSTCODE, sections=("notifier",)),
    field("notifier.phone", "Telephone number:", "Telephone", "Tel", "Phone"),
    field("notifier.fax", "Fax number:", "Fax"),
    field(
        "notifier.email",
        "Email address:",
        "E-mail address",
        "Email",
        "E-mail",
        kind=Kind.EMAIL,
        need=EXPECTED,
    ),
    field(
        "notifier.organisation",
        "Your Trust/Local or Health Authority:",
        "Your Trust/Local Authority",
        "Your Trust",
        need=EXPECTED,
    ),
    field(
        "notifier.funding_authority",
        "Service user's funding Authority (if different)",
        "Service user's funding Authority",
        "Funding authority",
    ),
    field("date_sent", "Date notification sent:", kind=DATE, need=EXPECTED),
)

PRINTED = (*CATEGORY_2_PRINTED, "Select one only")
