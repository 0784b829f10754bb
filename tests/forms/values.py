"""Filled-in answers for each printed form, with the record FORMS.md says they read back as.

Each filler picks a fictional case, writes it the way referrers do (dates many ways,
identifiers spaced or in lower case, "N/A", multi-line addresses) and records the canonical
value beside every answer. Truth is a flat {dotted key: value}; a key written with a not-known
marker is in it as None.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from scripts.form_layouts import CONSIDERATIONS, DATE_ROWS, OUTCOMES, POWERS, PROVIDERS, TESTS
from tests.forms import people
from tests.forms.answers import PAIR_STYLES, Answer, chosen, ticked, written
from tests.forms.writing import (
    NOT_KNOWN,
    NOW,
    crn,
    cro,
    day_between,
    nino,
    nomis,
    pnc,
    postcode_written,
    write_date,
)

Place = tuple[str, Any]  # (key, option) naming a printed cell; option None for most


@dataclass
class Filled:
    answers: dict[Place, Answer] = field(default_factory=dict)
    truth: dict[str, Any] = field(default_factory=dict)


class Filler:
    """Writes answers into a Filled, each with its canonical value."""

    def __init__(self, rng: random.Random, prefix: str = "") -> None:
        self.rng = rng
        self.prefix = prefix  # "checklist." for the Appendix C keys
        self.filled = Filled()

    def put(self, key: str, answer: Answer, truth: Any, option: Any = None) -> None:
        self.filled.answers[(self.prefix + key, option)] = answer
        self.filled.truth[self.prefix + key] = truth

    def text(self, key: str, value: str, unknown: float = 0.0) -> None:
        """Free text; sometimes a not-known marker instead (null, no issue)."""
        if self.rng.random() < unknown:
            self.put(key, written(self.rng.choice(NOT_KNOWN)), None)
        else:
            self.put(key, written(self.messy(value)), value)

    def messy(self, value: str) -> str:
        """The same text as a careless typist leaves it: stray and doubled spaces."""
        lines = value.split("\n")
        if self.rng.random() < 0.2:
            lines = [f" {line}  " for line in lines]
        if self.rng.random() < 0.2:
            lines = [line.replace(" ", "  ", 1) for line in lines]
        return "\n".join(lines)

    def lines(self, key: str, items: list[str], separator: str = "\n") -> None:
        self.put(key, written(separator.join(items)), items)

    def date(self, key: str, value: date, of_birth: bool = False) -> None:
        self.put(key, written(write_date(self.rng, value, of_birth)), value.isoformat())

    def yes_no(self, key: str, value: bool, printed: str = "Yes/No") -> None:
        """A printed pair answered one of the ways of FORMS.md §6."""
        yes, no = (word.strip() for word in printed.split("/"))
        self.pair(key, yes if value else no, value)

    def pair(self, key: str, word: str, truth: Any) -> None:
        style = self.rng.choice(PAIR_STYLES)
        if style == "typed":
            short = (word[0],) if word.lower() in ("yes", "no") else ()
            word = self.rng.choice((word, word.lower(), word.upper(), *short))
        self.put(key, chosen(word, style), truth)

    def postcode(self, key: str, canonical: str) -> None:
        self.put(key, written(postcode_written(self.rng, canonical)), canonical)

    def tick(self, key: str, option: Any, on: bool) -> None:
        self.filled.answers[(self.prefix + key, option)] = ticked(on)


def past(rng: random.Random, years: int) -> date:
    return day_between(rng, NOW - timedelta(days=365 * years), NOW - timedelta(days=1))


def future(rng: random.Random, years: int = 2) -> date:
    return day_between(rng, NOW + timedelta(days=30), NOW + timedelta(days=365 * years))


def birth(rng: random.Random) -> date:
    return day_between(rng, date(1955, 1, 1), date(2004, 12, 31))


def address_lines(rng: random.Random) -> tuple[str, str]:
    lines, code = people.address(rng)
    return "\n".join(lines), code


def staff(rng: random.Random) -> str:
    first, family = people.person(rng)
    return f"{first} {family}"


def contact(rng: random.Random) -> str:
    return f"{staff(rng)}, {rng.choice(people.ROLES)}\n{people.phone(rng)}"


def form_g(rng: random.Random) -> Filled:
    f = Filler(rng)
    category = rng.choice((1, 2))
    f.filled.truth["category"] = category
    for number in (1, 2):
        if number == category:
            f.filled.answers[("category", number)] = chosen("Yes", rng.choice(PAIR_STYLES))
        elif rng.random() < 0.8:
            f.filled.answers[("category", number)] = chosen("No", rng.choice(PAIR_STYLES))
    f.yes_no("disclosure.discussed", rng.random() < 0.8)
    f.yes_no("disclosure.informed_of_right", rng.random() < 0.8)
    offender(f, rng, born := birth(rng))
    f.text("offender.diversity", rng.choice(("Hearing impaired", "Dyslexia")), unknown=0.3)
    if rng.random() < 0.6:
        f.put("ids.nino", *identifier(nino(rng)))
    if rng.random() < 0.5:
        f.put("ids.prison_number", *identifier(nomis(rng)))
    if rng.random() < 0.7:
        f.put("ids.pnc", *identifier(pnc(rng, born)))
    if rng.random() < 0.4:
        number = f"{rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
        f.put(
            "ids.other",
            written(f"NHS number {number}"),
            [{"type": "NHS number", "value": number}],
        )
    status = rng.choice(("Community", "Hospital"))
    f.pair("current_status", status, status.lower())
    if rng.random() < 0.5:
        f.text("rmo_contact", contact(rng))
    f.text("sentence.offence", rng.choice(people.OFFENCES))
    sentenced = day_between(rng, born + timedelta(days=365 * 18), NOW - timedelta(days=200))
    f.date("sentence.date", sentenced)
    f.text("sentence.court", rng.choice(people.COURTS))
    if rng.random() < 0.5:
        f.filled.truth["sentence.type"] = "transfer"
        f.date("transfer.date", day_between(rng, sentenced, NOW - timedelta(days=30)))
        f.text("transfer.from_establishment", rng.choice(people.PRISONS))
        f.text("transfer.length", f"{rng.randint(2, 12)} years")
        f.date("transfer.licence_end", future(rng, 6))
        f.text("transfer.offender_manager", contact(rng), unknown=0.2)
        f.date("transfer.next_tribunal", future(rng))
    else:
        f.filled.truth["sentence.type"] = "hospital_order"
        f.text("order.type", rng.choice(("s37", "s37/41", "Guardianship (s37)", "s45A")))
        f.yes_no("order.time_limited", rng.random() < 0.3)
        f.yes_no("order.restriction_order", rng.random() < 0.5)
        f.date("order.next_tribunal", future(rng))
    notifier(f, rng)
    return f.filled


def identifier(pair: tuple[str, str]) -> tuple[Answer, str]:
    as_written, canonical = pair
    return written(as_written), canonical


def offender(f: Filler, rng: random.Random, born: date) -> None:
    first, family = people.person(rng)
    f.text("offender.family_name", family)
    f.text("offender.first_name", first)
    if rng.random() < 0.5:
        f.text("offender.middle_name", rng.choice(people.MIDDLE_NAMES))
    if rng.random() < 0.4:
        aliases = [f"{rng.choice(people.FIRST_NAMES)} {family}", rng.choice(("JT", "Tam", "Kit"))]
        f.put("offender.aliases", written(", ".join(aliases)), aliases)
    if not f.filled.truth.get("offender.nfa"):
        place, code = address_lines(rng)
        f.text("offender.current_address", place)
        f.postcode("offender.current_postcode", code)
    f.date("offender.dob", born, of_birth=True)
    f.text("offender.gender", rng.choice(("Male", "Female", "male", "Non-binary")))
    f.text("offender.ethnicity", rng.choice(people.ETHNICITIES))


def notifier(f: Filler, rng: random.Random) -> None:
    f.text("notifier.name", staff(rng))
    f.text("notifier.role", rng.choice(people.ROLES))
    place, code = address_lines(rng)
    f.text("notifier.address", place)
    f.postcode("notifier.postcode", code)
    f.text("notifier.phone", people.phone(rng))
    f.text("notifier.fax", people.phone(rng), unknown=0.6)
    mailbox = rng.choice(people.MAILBOXES)
    f.put("notifier.email", written(rng.choice((mailbox, f"mailto:{mailbox}"))), mailbox)
    f.text("notifier.organisation", rng.choice(people.TRUSTS))
    if rng.random() < 0.3:
        f.text("notifier.funding_authority", rng.choice(people.TRUSTS))
    f.date("date_sent", past(rng, 1))


def checklist(rng: random.Random) -> Filled:
    """Appendix C, on its own: its keys carry the "checklist." prefix."""
    f = Filler(rng, "checklist.")
    born = birth(rng)
    f.date("date", past(rng, 1))
    f.text("offender.full_name", staff(rng))
    f.date("offender.dob", born, of_birth=True)
    f.text("care_coordinator", staff(rng))
    f.text("care_coordinator_contact", people.phone(rng) + "\n" + rng.choice(people.MAILBOXES))
    f.text("responsible_clinician", f"Dr {staff(rng)}")
    f.text("responsible_clinician_contact", rng.choice(people.WARDS) + "\n" + people.phone(rng))
    f.text("sentence.offence", rng.choice(people.OFFENCES))
    f.date("sentence.date", day_between(rng, born + timedelta(days=6570), NOW - timedelta(200)))
    f.text("sentence.court", rng.choice(people.COURTS))
    f.yes_no("order.hospital_order", rng.random() < 0.7, "Y/N")
    f.text("order.type", rng.choice(("s37", "s37/41", "s47/49")))
    f.yes_no("order.restriction_order", rng.random() < 0.5)
    f.date("order.next_tribunal", future(rng))
    if rng.random() < 0.3:
        f.text("other_legal_dates", f"Judicial review listed {write_date(rng, future(rng))}")
    category = rng.choice((1, 2, 3))
    f.filled.truth["checklist.category"] = category
    for number in (1, 2, 3):
        if number == category or rng.random() < 0.7:
            word = "Yes" if number == category else "No"
            f.filled.answers[("checklist.category", number)] = chosen(word, "typed")
    discussed = rng.random() < 0.7
    f.yes_no("disclosure.discussed", discussed)
    if not discussed:
        f.text("disclosure.not_discussed_reason", "Too unwell at present; to be revisited")
    f.yes_no("disclosure.informed_of_right", rng.random() < 0.7)
    for item, _ in CONSIDERATIONS:
        if rng.random() < 0.6:
            f.yes_no(f"considerations.{item}", rng.random() < 0.5, "Y/N")
            if rng.random() < 0.3:
                f.text(f"considerations.{item}_notes", "Discussed at CPA review")
    f.date("date_sent_to_spoc", past(rng, 1))
    name = staff(rng)
    f.text("signed", name)
    f.text("print_name", name)
    if rng.random() < 0.4:
        f.date("spoc_forward_date", past(rng, 1))
    outcomes = [o for o, _ in OUTCOMES if rng.random() < 0.3]
    for outcome in outcomes:
        f.text(f"screening.{outcome}_rationale", "Agreed at screening meeting")
    if outcomes:
        f.filled.truth["checklist.screening.outcomes"] = outcomes
        f.date("screening.date", past(rng, 1))
        f.text("screening.print_name", staff(rng))
    return f.filled


def mappa_a(rng: random.Random) -> Filled:
    f = Filler(rng)
    f.text("mappa_area", rng.choice(people.AREAS))
    level = rng.choice((2, 3))
    level_words = {2: ("2", "Level 2", "Level two", "II"), 3: ("3", "Level 3", "Level three")}
    f.put("level_referred", written(rng.choice(level_words[level])), level)
    f.date("referral_date", past(rng, 1))
    f.text("referrer.agency", rng.choice(people.AGENCIES))
    f.text("referrer.name", staff(rng))
    f.text("referrer.role", rng.choice(people.ROLES))
    f.text("referrer.phone", people.phone(rng))
    f.put("referrer.email", written(email := rng.choice(people.MAILBOXES)), email)
    f.text("authorised_by.name", staff(rng))
    f.date("authorised_by.date", past(rng, 1))
    category = rng.choice((1, 2, 2, 3, 3, 4))
    f.filled.truth["category"] = category
    for number in (1, 2, 3, 4):
        f.tick("category", number, number == category)
    born = birth(rng)
    nfa = rng.random() < 0.2
    f.yes_no("offender.nfa", nfa)
    if nfa:
        f.put("offender.current_address", written("No fixed abode"), None)
        f.text("offender.closest_link_area", rng.choice(people.AREAS))
    offender(f, rng, born)
    if rng.random() < 0.3:
        nicknames = [rng.choice(("Smudge", "Tiny", "Jonno")), rng.choice(("Red", "Doc"))]
        f.put("offender.nicknames", written(", ".join(nicknames)), nicknames)
    if rng.random() < 0.5:
        place, code = address_lines(rng)
        f.text("offender.proposed_release_address", place)
        f.postcode("offender.proposed_release_postcode", code)
    if rng.random() < 0.4:
        f.text("ids.visor_ref", f"VR{rng.randint(100000, 999999)}")
    shared_identifiers(f, rng, born)
    offences = rng.sample(people.OFFENCES, rng.choice((1, 2)))
    f.lines("conviction.index_offences", offences)
    f.text("conviction.sentence", f"{rng.randint(2, 12)} years' imprisonment")
    f.text("conviction.details", "Attacked a former partner at her home after a dispute.")
    f.text("conviction.previous_related", "Common assault (2015)", unknown=0.3)
    if rng.random() < 0.4:
        f.text("conviction.additional_info", "Breached a restraining order twice.")
    rows = [label for label in DATE_ROWS if rng.random() < 0.5]
    days = {label: future(rng, 5) if "expiry" in label else past(rng, 5) for label in rows}
    for label in rows:
        f.filled.answers[("dates", label)] = written(write_date(rng, days[label]))
    if rows:
        f.filled.truth["dates"] = [{"label": r, "date": days[r].isoformat()} for r in rows]
    if rng.random() < 0.4:
        f.yes_no("hospital.detained", True)
        f.text("hospital.name", rng.choice(people.WARDS))
        f.text("hospital.responsible_clinician", f"Dr {staff(rng)}")
        f.text("order.type", rng.choice(("s37/41", "s47/49", "s45A")))
        f.yes_no("order.time_limited", rng.random() < 0.3)
        f.yes_no("order.restriction_order", rng.random() < 0.5)
        f.date("order.next_tribunal", future(rng))
    elif rng.random() < 0.5:
        f.yes_no("hospital.detained", False)
    f.text("reason_for_referral", "Escalating threats towards his former partner since release.")
    f.text("risk.nature", "Serious physical harm through violence.")
    f.text("risk.who", "Former partner and her two children.")
    f.text("risk.increasing_factors", "Alcohol misuse; loss of accommodation.")
    f.text("risk.reducing_factors", "Engagement with the substance misuse service.")
    f.text("multi_agency_added_value", "Shared safety planning with police and housing.")
    invitees = rng.sample(people.AGENCIES, 3)
    f.lines("invitees", invitees, rng.choice(("\n", "; ")))
    informed = rng.random() < 0.7
    f.yes_no("disclosure.offender_informed", informed)
    if not informed:
        f.text("disclosure.not_informed_reason", "Informing him may raise the risk to the victim.")
    return f.filled


def shared_identifiers(f: Filler, rng: random.Random, born: date) -> None:
    """MAPPA A's one "Agency unique identifier" cell: labelled numbers, one per line."""
    lines = []
    if rng.random() < 0.8:
        as_written, f.filled.truth["ids.pnc"] = pnc(rng, born)
        lines.append(f"{rng.choice(('PNC', 'PNC ID', 'PNC No'))}: {as_written}")
    if rng.random() < 0.7:
        as_written, f.filled.truth["ids.crn"] = crn(rng)
        lines.append(f"{rng.choice(('nDelius', 'CRN', 'Delius'))}: {as_written}")
    if rng.random() < 0.3:
        as_written, f.filled.truth["ids.cro"] = cro(rng)
        lines.append(f"CRO: {as_written}")
    if lines:
        f.filled.answers[("ids.other", None)] = written("\n".join(lines))


def pdp(rng: random.Random) -> Filled:
    f = Filler(rng)
    provider = rng.choice([key for key, _ in PROVIDERS] + ["voluntary_sector"])
    for key, _ in PROVIDERS:
        f.tick("information_provider", key, key == provider)
    f.filled.truth["information_provider"] = [provider]
    if provider == "voluntary_sector":
        partner = rng.choice(people.PARTNERS)
        f.put("information_provider", ticked(True, partner), [provider], "voluntary_sector")
        f.filled.truth["information_provider_other"] = partner
    f.text("offender.full_name", staff(rng))
    f.date("offender.dob", birth(rng), of_birth=True)
    place, code = address_lines(rng)
    shown = postcode_written(rng, code)
    f.put("offender.current_address", written(f"{place}\n{shown}"), f"{place}\n{shown}")
    f.filled.truth["offender.current_postcode"] = code
    f.text("offender.ethnicity", rng.choice(people.ETHNICITIES))
    f.text("risk.pattern", "Repeated threats to harm staff at the day centre when intoxicated.")
    f.text("risk.nature", "Physical violence, possibly with a weapon.")
    f.text("risk.who", "Day centre staff; his mother.")
    f.text("risk.increasing_factors", "Stopping his medication; drinking.")
    f.text("risk.reducing_factors", "Regular contact with his CPN.")
    likely = rng.random() < 0.7
    details = "Yes – he has named a member of staff." if likely else "No, not at present."
    f.put("risk.present_likelihood", written(details), likely)
    f.filled.truth["risk.present_likelihood_details"] = details
    police = provider == "devon_cornwall_police"
    powers = [p for p, _ in POWERS if rng.random() < 0.5 and (police or "mopi" not in p)]
    for key, _ in POWERS:
        f.tick("disclosure_powers", key, key in powers)
    if powers:
        f.filled.truth["disclosure_powers"] = powers
    for key, _, _ in TESTS:
        if rng.random() < 0.9:
            value = rng.random() < 0.8
            extra = "Risk to named staff outweighs his privacy." if key == "proportional" else ""
            f.put(
                f"hr_tests.{key}",
                chosen("Yes" if value else "No", text=extra if value else ""),
                value,
            )
            if extra and value:
                f.filled.truth["hr_tests.proportional_details"] = extra
    agencies = rng.sample(people.AGENCIES, 2)
    f.lines("other_agencies", agencies)
    f.text("spoc.signed_by", staff(rng))
    f.date("spoc.endorsed_date", past(rng, 1))
    return f.filled


FILLERS = {"form_g": form_g, "appendix_c_checklist": checklist, "mappa_a": mappa_a, "pdp": pdp}
