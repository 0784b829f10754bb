"""The Devon & Cornwall PDP disclosure form, Appendix H (FORMS.md §3.4), labels as printed."""

from __future__ import annotations

from parsers.fields import Kind, Section
from parsers.forms.common import DATE, EXPECTED, REQUIRED, YES_NO, field

SECTIONS = (
    Section(
        "title",
        (
            "Proactive Disclosure under Potentially Dangerous Persons Protocol",
            "Devon & Cornwall Constabulary Proactive Disclosure under Potentially "
            "Dangerous Persons Protocol",
        ),
    ),
    Section("provider", ("Information provider",)),
    Section("person", ("Person presenting risk",)),
    Section("risk", ("Nature of risk posed",)),
    Section(
        "powers",
        (
            "Power cited as basis of disclosure (tick any that are valid)",
            "Power cited as basis of disclosure",
        ),
    ),
    Section(
        "tests",
        (
            "Tests applied to provision of information",
            "Justification under Human Rights: Is the disclosure:",
        ),
    ),
    Section("spoc", ("Information to be verified and endorsed by SPOC for referring agency:",)),
)

# FORMS.md §3.4: the ten boxes in printed order; the last one carries the cited partner.
PROVIDERS = (
    ("devon_cornwall_police", "Devon & Cornwall Police"),
    ("cornwall_county_council", "Cornwall County Council"),
    ("cornwall_partnership_nhs_trust", "Cornwall Partnership NHS Trust"),
    ("devon_county_council", "Devon County Council"),
    ("devon_partnership_nhs_trust", "Devon Partnership NHS Trust"),
    ("isles_of_scilly_council", "The Council for the Isles of Scilly"),
    ("plymouth_city_council", "Plymouth City Council"),
    ("plymouth_pct", "Plymouth Primary Care Trust"),
    ("torbay_council", "Torbay Council"),
)
POWERS = (
    (
        "cda1998_s115",
        "Crime & Disorder Act 1998 – Section 115: Disclosure of information to a "
        "relevant authority to prevent or detect crime and disorder.",
        "Crime & Disorder Act 1998",
    ),
    (
        "dpa1998_s29_3",
        "Data Protection Act 1998 – Section 29(3): Disclosure for the prevention "
        "or detection of crime, apprehension and prosecution of offenders.",
        "Data Protection Act 1998",
    ),
    (
        "mopi_policing_purpose",
        "MoPI Police Act 1996 (Police Only) – Policing Purpose: Protecting "
        "life and property, and preventing the commission of offences.",
        "MoPI Police Act 1996",
    ),
    (
        "common_law",
        "Common Law: Will disclosure aid prevention / detection of crime?",
        "Common Law",
    ),
)
TESTS = (
    ("lawful", "(a) in accordance with the law?", "In accordance with the law"),
    (
        "public_safety",
        "(b) in the interests of public safety?",
        "In the interests of public safety",
    ),
    (
        "health_morals",
        "(c) for the protection of health and morals? (e.g. where the person is "
        "involved in drug dealing or procuring for prostitution etc.)",
        "for the protection of health and morals?",
    ),
    (
        "rights_of_others",
        "(d) for the protection of rights and freedoms of others?",
        "for the protection of rights and freedoms of others",
    ),
    (
        "proportional",
        "(e) is the circumstances proportional? (if yes – give details below)",
        "is the circumstances proportional?",
        "Are the circumstances proportional? (if yes – give details below)",
        "Are the circumstances proportional?",
    ),
    (
        "records_updated",
        "(f) has the information provider's records been updated to record the "
        "proposed disclosure?",
        "has the information provider's records been updated",
    ),
)


def tick_fields() -> tuple:
    providers = tuple(
        field(f"_provider_{key}", label, kind=Kind.RAW, sections=("provider",))
        for key, label in PROVIDERS
    )
    powers = tuple(
        field(f"_power_{key}", *labels, kind=Kind.RAW, sections=("powers",))
        for key, *labels in POWERS
    )
    return providers + powers


def test_fields() -> tuple:
    return tuple(
        field(
            f"hr_tests.{key}",
            *labels,
            kind=YES_NO,
            need=EXPECTED,
            then="hr_tests.proportional_details" if key == "proportional" else None,
            title=labels[0].split(") ", 1)[1].split("?")[0],
        )
        for key, *labels in TESTS
    )


FIELDS = (
    *tick_fields(),
    field(
        "information_provider_other",
        "Voluntary sector; partner (cite):",
        "Voluntary sector",
        kind=Kind.RAW,
        sections=("provider",),
        title="Voluntary sector; partner (cite)",
    ),
    field(
        "offender.full_name",
        "Name:",
        need=REQUIRED,
        sections=("person", "start", "title"),
        title="Name of the person presenting risk",
    ),
    field("offender.dob", "Date of Birth:", "DOB", kind=DATE, need=EXPECTED),
    field("offender.current_address", "Address:", need=EXPECTED),
    field("offender.ethnicity", "Ethnicity:", need=EXPECTED),
    field(
        "risk.pattern",
        "Nature and pattern of the person presenting risky behaviour:",
        "Nature and pattern of behaviour",
        need=EXPECTED,
    ),
    field("risk.nature", "Nature of risk:", need=EXPECTED),
    field(
        "risk.who",
        "Who is at risk (e.g. particular individuals, children, vulnerable adults):",
        "Who is at risk",
        need=EXPECTED,
    ),
    field(
        "risk.increasing_factors",
        "In what circumstances is likely to increase (e.g. issues "
        "relating to mental health, medication, drugs, alcohol, housing, employment, "
        "relationships):",
        "In what circumstances is likely to increase",
        "In what circumstances is risk likely to increase",
        need=EXPECTED,
    ),
    field("risk.reducing_factors", "What factors are likely to reduce risk?", need=EXPECTED),
    field(
        "risk.present_likelihood",
        "In your professional judgement do any of the above "
        "factors indicate that there is a present likelihood of the individual causing "
        "serious harm?",
        "In your professional judgement do any of the above factors indicate",
        kind=Kind.RAW,
        need=EXPECTED,
        title="Present likelihood of serious harm",
    ),
    *test_fields(),
    field(
        "hr_tests.proportional_details",
        "Details",
        under="hr_tests.proportional",
        sections=("tests",),
        title="Proportionality details",
    ),
    field(
        "other_agencies",
        "Identify and list names / contact details of other agencies who "
        "are / need to be involved with the person presenting risk or informed.",
        "Identify and list names / contact details of other agencies",
        "Other agencies",
        kind=Kind.TEXT_LIST,
    ),
    field("spoc.signed_by", "Signed (SPOC):", "Signed", sections=("spoc", "tests")),
    field("spoc.endorsed_date", "Date:", kind=DATE, sections=("spoc", "tests")),
)

PRINTED = (
    "Definition of Potentially Dangerous Person",
    "A person who has not been convicted of, or cautioned for, any offence placing them in one "
    "of the three MAPPA categories, but whose behaviour gives reasonable grounds that there is "
    "a present likelihood of them committing an offence or offences that will cause serious "
    "harm.",
    "Definition of Serious Harm",
    "As defined in Section 224(3) of the Criminal Justice Act as ‘death or serious personal "
    "injury whether physical or psychological’",
    "email to your local SPOC local who will screen the referral and send to D&C Police HQ PPU",
    "Devon & Cornwall Constabulary",
)
