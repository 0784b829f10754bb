"""The printed forms as data: Form G (Appendix B), its Appendix C checklist and the PDP form
(Appendix H) as the policy prints them, and MAPPA A from FORMS.md §3.2's labels.

One description serves twice: `build_form_templates.py` draws the blank forms from it, and the
test fixtures fill the same cells. Each answer cell names the canonical key it holds, so a
filler never has to guess which of two "Postcode:" cells it is writing in.
"""

from __future__ import annotations

from dataclasses import dataclass

YES_NO = "Yes/No"
BOX = "☐"


@dataclass(frozen=True)
class Cell:
    """One printed cell: its text, and what a referrer writes there.

    `key` is the canonical key the cell's answer fills; `option` is the value a tick or a Yes
    here stands for (a tick box's enum, a category line's number); `inline` puts the answer in
    the same cell after the printed text ("Name: …"), else the printed text is replaced or, for
    a label cell (no key), left alone."""

    text: str = ""
    key: str | None = None
    option: str | int | None = None
    span: int = 1
    inline: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Para:
    text: str
    style: str | None = None  # a python-docx paragraph style, e.g. "Title"
    bold: bool = False


@dataclass(frozen=True)
class Grid:
    """A table: every row spans `columns` grid columns in all."""

    columns: int
    rows: tuple[tuple[Cell, ...], ...]


Block = Para | Grid


@dataclass(frozen=True)
class Form:
    name: str  # the template's file name without .docx
    form: str  # the parser's form name
    blocks: tuple[Block, ...]


def heading(text: str, columns: int = 2) -> tuple[Cell, ...]:
    return (Cell(text, span=columns, bold=True),)


def ask(label: str, key: str, printed: str = "", columns: int = 2) -> tuple[Cell, ...]:
    """A label cell and the answer cell beside it (spanning the rest of the row)."""
    return (Cell(label), Cell(printed, key, span=columns - 1))


CATEGORY_1 = "Category 1: Registered Sexual Offender (or will be once discharged):"
CATEGORY_2 = (
    "Category 2: Violent Offender who has been sentenced to:\n"
    "i) 12 months or more in custody (e.g. prison) but has since been transferred to "
    "hospital, or;\n"
    "ii) Detention in hospital (e.g. section 37 hospital order):"
)
CATEGORY_3 = "Category 3: other offences and concerns re. Risk of serious harm."
DISCUSSED = "Has the MAPPA notification been discussed with and explained to the offender?"
INFORMED = (
    "Has the offender been informed of their right to present written information to any "
    "meetings under MAPPA for which they are a subject?"
)

FORM_G = Form(
    "form_g",
    "form_g",
    (
        Para("MAPPA Form G – Initial Notification of MAPPA Nominal (Mental Health)", "Title"),
        Grid(
            2,
            (
                heading("Select one only"),
                (Cell(CATEGORY_1, bold=True), Cell(YES_NO, "category", 1, bold=True)),
                (Cell(CATEGORY_2, bold=True), Cell(YES_NO, "category", 2, bold=True)),
                heading("2. Disclosure to the Nominee"),
                ask(DISCUSSED, "disclosure.discussed", YES_NO),
                ask(INFORMED, "disclosure.informed_of_right", YES_NO),
                heading("3. Offender Information"),
                ask("Family name:", "offender.family_name"),
                ask("First name:", "offender.first_name"),
                ask("Middle name:", "offender.middle_name"),
                ask("Alternative name/s:", "offender.aliases"),
                ask("Current address:", "offender.current_address"),
                ask("Postcode:", "offender.current_postcode"),
                ask("Date of birth:", "offender.dob"),
                ask("Gender:", "offender.gender"),
                ask("Ethnicity:", "offender.ethnicity"),
                ask("Disability/diversity considerations:", "offender.diversity"),
                ask("Contact index number (under 16s only):", "ids.contact_index"),
                ask("NI number:", "ids.nino"),
                ask("Prison number (if known):", "ids.prison_number"),
                ask("PNC number (if known):", "ids.pnc"),
                ask("Other unique identifying number (please specify):", "ids.other"),
                ask("Current status (delete one):", "current_status", "Community/ Hospital"),
                ask(
                    "Current responsible medical officer contact details (if different to 5 "
                    "below):",
                    "rmo_contact",
                ),
                heading("4. Sentence Information"),
                ask("Offence:", "sentence.offence"),
                ask("Sentence date:", "sentence.date"),
                ask("Court:", "sentence.court"),
                heading("Sentence type (please complete A or B):"),
                heading("A) Transfer from prison/custody"),
                ask("Transfer date:", "transfer.date"),
                ask("From HM Prison/YOI:", "transfer.from_establishment"),
                ask("Sentence length:", "transfer.length"),
                ask("Licence supervision end date:", "transfer.licence_end"),
                ask("Name and contact details of Offender Manager", "transfer.offender_manager"),
                ask("Next Mental Health Tribunal date:", "transfer.next_tribunal"),
                heading("B) Hospital/Guardianship order"),
                ask("Type of Order:", "order.type"),
                ask("Time limited:", "order.time_limited", YES_NO),
                ask("Restriction order:", "order.restriction_order", YES_NO),
                ask("Next Mental Health Tribunal date:", "order.next_tribunal"),
                heading("5. Your Details"),
                ask("Name:", "notifier.name"),
                ask("Position held:", "notifier.role"),
                ask("Address:", "notifier.address"),
                ask("Postcode:", "notifier.postcode"),
                ask("Telephone number:", "notifier.phone"),
                ask("Fax number:", "notifier.fax"),
                ask("Email address:", "notifier.email"),
                ask("Your Trust/Local or Health Authority:", "notifier.organisation"),
                ask(
                    "Service user's funding Authority (if different)", "notifier.funding_authority"
                ),
                ask("Date notification sent:", "date_sent"),
            ),
        ),
    ),
)

# Appendix C, "Additional Considerations When completing Form G": (ITEM, label as printed).
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
        "Preliminary discussion with offender manager regarding MAPPA level and need to develop "
        "interagency plan",
    ),
    (
        "police_s17_leave_plan",
        "Preliminary discussion with Police Public Protection Officer regarding local policing "
        "plan to cover S 17 leave",
    ),
    (
        "police_level_allocation",
        "Preliminary discussion with Police Public Protection Officer regarding MAPPA level "
        "allocation",
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
RATIONALE = "Note rationale for decision:"
NOT_DISCUSSED = (
    "If MAPPA notification has not been discussed with service user - please record reason for "
    "not discussing at this time"
)
TIME_LIMITED = "Time limited: Yes/No expiry date of order:"

CHECKLIST = Form(
    "appendix_c_checklist",
    "form_g",
    (
        Para("APPENDIX C", bold=True),
        Para("Best Practice Guidance Check List to use alongside Form G", "Title"),
        Grid(
            2,
            (
                ask("Date", "checklist.date"),
                ask("Name of Service User", "checklist.offender.full_name"),
                ask("DOB", "checklist.offender.dob"),
                ask("Care Co-ordinator / Care Manager", "checklist.care_coordinator"),
                ask("Contact Details", "checklist.care_coordinator_contact"),
                ask("Responsible Clinician", "checklist.responsible_clinician"),
                ask("Contact Details", "checklist.responsible_clinician_contact"),
            ),
        ),
        Para("Offence Information", bold=True),
        Grid(
            2,
            (
                ask("Offence:", "checklist.sentence.offence"),
                ask("Sentence date:", "checklist.sentence.date"),
                ask("Court:", "checklist.sentence.court"),
                ask("Hospital/Guardianship order Y/N", "checklist.order.hospital_order"),
                ask("Type of Order:", "checklist.order.type"),
                ask(TIME_LIMITED, "checklist.order.time_limited"),
                ask("Restriction order: Yes/No", "checklist.order.restriction_order"),
                ask(
                    "Next Mental Health Tribunal / Managers Review date:",
                    "checklist.order.next_tribunal",
                ),
                ask(
                    "Other significant legal dates (e.g. Judicial Reviews)",
                    "checklist.other_legal_dates",
                ),
            ),
        ),
        Para("MAPPA Category Select one only", bold=True),
        Grid(
            2,
            (
                (Cell(CATEGORY_1), Cell(YES_NO, "checklist.category", 1)),
                (Cell(CATEGORY_2.replace("\n", " ")), Cell(YES_NO, "checklist.category", 2)),
                (Cell(CATEGORY_3), Cell(YES_NO, "checklist.category", 3)),
            ),
        ),
        Para("Disclosure to the Service User", bold=True),
        Grid(
            2,
            (
                ask(DISCUSSED, "checklist.disclosure.discussed", YES_NO),
                ask(NOT_DISCUSSED, "checklist.disclosure.not_discussed_reason"),
                ask(INFORMED, "checklist.disclosure.informed_of_right", YES_NO),
            ),
        ),
        Para("Additional Considerations When completing Form G", bold=True),
        Grid(
            3,
            (
                (Cell("Additional Considerations", bold=True), Cell(), Cell("Notes", bold=True)),
                *(
                    (
                        Cell(label),
                        Cell("Y/N", f"checklist.considerations.{item}"),
                        Cell("", f"checklist.considerations.{item}_notes"),
                    )
                    for item, label in CONSIDERATIONS
                ),
                ask("Other: please detail:", "checklist.considerations.other", columns=3),
            ),
        ),
        Grid(
            2,
            (
                ask(
                    "Date notification sent to MAPPA Single Point of Contact:",
                    "checklist.date_sent_to_spoc",
                ),
                ask("Signed:", "checklist.signed"),
                ask("Print Name:", "checklist.print_name"),
                ask("SPOC forward to MAPPA Administrator date:", "checklist.spoc_forward_date"),
            ),
        ),
        Para("Outcome of Form G screening:", bold=True),
        Grid(
            5,
            (
                tuple(
                    Cell(label, "checklist.screening.outcomes", outcome, bold=True)
                    for outcome, label in OUTCOMES
                ),
                tuple(
                    Cell(RATIONALE, f"checklist.screening.{outcome}_rationale", inline=True)
                    for outcome, _ in OUTCOMES
                ),
            ),
        ),
        Grid(
            4,
            (
                (
                    Cell("Date:"),
                    Cell("", "checklist.screening.date"),
                    Cell("Signed"),
                    Cell("", "checklist.screening.signed"),
                ),
                ask("Name (Print)", "checklist.screening.print_name", columns=4),
            ),
        ),
    ),
)

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
VOLUNTARY = "Voluntary sector; partner (cite):"
POWERS = (
    (
        "cda1998_s115",
        "Crime & Disorder Act 1998 – Section 115: Disclosure of information to a relevant "
        "authority to prevent or detect crime and disorder.",
    ),
    (
        "dpa1998_s29_3",
        "Data Protection Act 1998 – Section 29(3): Disclosure for the prevention or detection of "
        "crime, apprehension and prosecution of offenders.",
    ),
    (
        "mopi_policing_purpose",
        "MoPI Police Act 1996 (Police Only) – Policing Purpose: Protecting life and property, "
        "and preventing the commission of offences.",
    ),
    ("common_law", "Common Law: Will disclosure aid prevention / detection of crime?"),
)
TESTS = (
    ("lawful", "(a)", "in accordance with the law?"),
    ("public_safety", "(b)", "in the interests of public safety?"),
    (
        "health_morals",
        "(c)",
        "for the protection of health and morals? (e.g. where the person is involved in drug "
        "dealing or procuring for prostitution etc.)",
    ),
    ("rights_of_others", "(d)", "for the protection of rights and freedoms of others?"),
    ("proportional", "(e)", "is the circumstances proportional? (if yes – give details below)"),
    (
        "records_updated",
        "(f)",
        "has the information provider's records been updated to record the proposed disclosure?",
    ),
)
YES_NO_BOXES = f"{BOX} Yes {BOX} No"
PDP_QUESTIONS = (
    ("Nature and pattern of the person presenting risky behaviour:", "risk.pattern"),
    ("Nature of risk:", "risk.nature"),
    (
        "Who is at risk (e.g. particular individuals, children, vulnerable adults):",
        "risk.who",
    ),
    (
        "In what circumstances is likely to increase (e.g. issues relating to mental health, "
        "medication, drugs, alcohol, housing, employment, relationships):",
        "risk.increasing_factors",
    ),
    ("What factors are likely to reduce risk?", "risk.reducing_factors"),
    (
        "In your professional judgement do any of the above factors indicate that there is a "
        "present likelihood of the individual causing serious harm?",
        "risk.present_likelihood",
    ),
)
OTHER_AGENCIES = (
    "Identify and list names / contact details of other agencies who are / need to be involved "
    "with the person presenting risk or informed."
)


def provider_rows() -> tuple[tuple[Cell, ...], ...]:
    boxes = [Cell(f"{BOX} {label}", "information_provider", key) for key, label in PROVIDERS] + [
        Cell(f"{BOX} {VOLUNTARY}", "information_provider", "voluntary_sector", inline=True)
    ]
    return tuple((boxes[i], boxes[i + 1]) for i in range(0, len(boxes), 2))


PDP = Form(
    "pdp",
    "pdp",
    (
        Para("Devon & Cornwall Constabulary", bold=True),
        Para("Proactive Disclosure under Potentially Dangerous Persons Protocol", "Title"),
        Para("Definition of Potentially Dangerous Person", bold=True),
        Para(
            "A person who has not been convicted of, or cautioned for, any offence placing them "
            "in one of the three MAPPA categories, but whose behaviour gives reasonable grounds "
            "that there is a present likelihood of them committing an offence or offences that "
            "will cause serious harm."
        ),
        Para("Definition of Serious Harm", bold=True),
        Para(
            "As defined in Section 224(3) of the Criminal Justice Act as ‘death or serious "
            "personal injury whether physical or psychological’"
        ),
        Grid(
            2,
            (
                heading("Information provider"),
                *provider_rows(),
                heading("Person presenting risk"),
                (
                    Cell("Name:", "offender.full_name", inline=True),
                    Cell("Date of Birth:", "offender.dob", inline=True),
                ),
                (Cell("Address:", "offender.current_address", span=2, inline=True),),
                (Cell("Ethnicity:", "offender.ethnicity", span=2, inline=True),),
                heading("Nature of risk posed"),
                *(ask(label, key) for label, key in PDP_QUESTIONS),
            ),
        ),
        Grid(
            2,
            (
                heading("Power cited as basis of disclosure (tick any that are valid)"),
                *((Cell(BOX, "disclosure_powers", key), Cell(label)) for key, label in POWERS),
                heading("Tests applied to provision of information"),
                heading("Justification under Human Rights: Is the disclosure:"),
                *(
                    (Cell(letter), Cell(f"{label} {YES_NO_BOXES}", f"hr_tests.{key}"))
                    for key, letter, label in TESTS
                ),
                ask(OTHER_AGENCIES, "other_agencies"),
                heading("Information to be verified and endorsed by SPOC for referring agency:"),
                (
                    Cell("Signed (SPOC):", "spoc.signed_by", inline=True),
                    Cell("Date:", "spoc.endorsed_date", inline=True),
                ),
            ),
        ),
        Para(
            "email to your local SPOC local who will screen the referral and send to D&C Police "
            "HQ PPU via secure email: ppu.referrals@police.example"
        ),
    ),
)

AGENCY_NOTE = "Agency to complete"
MAPPA_A_CATEGORIES = (
    (1, "Category 1 Registered Sexual Offender"),
    (2, "Category 2 Violent Offender (and other sexual offenders)"),
    (3, "Category 3 Other Dangerous Offender"),
    (4, "Category 4 Terrorism"),
)
# The relevant dates table: rows a referrer fills as they apply (FORMS.md §3.2 `dates`).
DATE_ROWS = (
    "Sentence date",
    "Release date",
    "Licence expiry date",
    "Sentence expiry date",
    "Parole eligibility date",
)


def row3(
    label: str, key: str, agency: str = "", printed: str = "", option: str | int | None = None
) -> tuple[Cell, ...]:
    """A MAPPA A row: label, answer, and the agency that should complete it (never a value)."""
    return (Cell(label), Cell(printed, key, option), Cell(agency))


MAPPA_A = Form(
    "mappa_a",
    "mappa_a",
    (
        Para("MAPPA A – Referral", "Title"),
        Grid(
            3,
            (
                (Cell("", span=2), Cell(AGENCY_NOTE, bold=True)),
                row3("MAPPA Area", "mappa_area"),
                row3("Level being referred to", "level_referred"),
                row3("Date of referral", "referral_date"),
                row3("Referring agency", "referrer.agency"),
                row3("Name of referrer", "referrer.name"),
                row3("Job title", "referrer.role"),
                row3("Telephone", "referrer.phone"),
                row3("E-mail", "referrer.email"),
                row3("Manager authorising the referral", "authorised_by.name"),
                row3("Date authorised", "authorised_by.date"),
                heading("CATEGORY OF OFFENDER (the offender can fall into only one category)", 3),
                *(
                    row3(label, "category", "Police/Probation", option=number)
                    for number, label in MAPPA_A_CATEGORIES
                ),
                heading("OFFENDER INFORMATION", 3),
                row3("Family name", "offender.family_name"),
                row3("First name(s)", "offender.first_name"),
                row3("Middle name(s)", "offender.middle_name"),
                row3("Aliases", "offender.aliases"),
                row3("Nicknames", "offender.nicknames"),
                row3("Date of birth", "offender.dob"),
                row3("Gender", "offender.gender"),
                row3("Ethnicity", "offender.ethnicity"),
                row3("Diversity issues", "offender.diversity"),
                row3("Current address", "offender.current_address"),
                row3("Postcode", "offender.current_postcode"),
                row3("No fixed abode (NFA)", "offender.nfa"),
                row3(
                    "Area with which the offender has closest links", "offender.closest_link_area"
                ),
                row3("Proposed (approved) release address", "offender.proposed_release_address"),
                row3("Postcode", "offender.proposed_release_postcode"),
                row3("ViSOR reference", "ids.visor_ref", "Police"),
                row3(
                    "Agency unique identifier (e.g. PNC ID, nDelius reference number)",
                    "ids.other",
                    "Police/Probation",
                ),
                heading("CONVICTION / CAUTION INFORMATION", 3),
                row3("Index offence(s) or relevant caution", "conviction.index_offences"),
                row3("Sentence length and type", "conviction.sentence"),
                row3("Brief details of offence", "conviction.details"),
                row3("Previous related offences", "conviction.previous_related"),
                row3("Additional information", "conviction.additional_info"),
                heading("RELEVANT DATES", 3),
                *(row3(label, "dates", option=label) for label in DATE_ROWS),
                heading("DETAINED IN HOSPITAL (completed by mental health services)", 3),
                row3("Detained in hospital", "hospital.detained", "Mental health services", YES_NO),
                row3("Hospital", "hospital.name"),
                row3("Responsible clinician", "hospital.responsible_clinician"),
                row3("Type of order", "order.type"),
                row3("Time limited", "order.time_limited", printed=YES_NO),
                row3("Restriction order", "order.restriction_order", printed=YES_NO),
                row3("Next tribunal / review date", "order.next_tribunal"),
                heading("RELEVANT INFORMATION", 3),
                row3("Reason for referral", "reason_for_referral"),
                row3("Nature of the risk", "risk.nature"),
                row3("Who is at risk", "risk.who"),
                row3("Factors that increase risk", "risk.increasing_factors"),
                row3("Factors that may reduce risk", "risk.reducing_factors"),
                row3("What multi-agency management would add", "multi_agency_added_value"),
                row3("People / agencies to invite to the meeting", "invitees"),
                row3(
                    "Has the offender been informed of the referral?",
                    "disclosure.offender_informed",
                    printed=YES_NO,
                ),
                row3("If not, why not?", "disclosure.not_informed_reason"),
            ),
        ),
    ),
)

FORMS = (FORM_G, CHECKLIST, PDP, MAPPA_A)
