"""Fictional people, places and services for generated forms: nobody here is real.

Telephone numbers are Ofcom's drama ranges, e-mail addresses are role mailboxes on reserved
domains, and postcodes are well-formed but chosen at random.
"""

from __future__ import annotations

import random

FIRST_NAMES = (
    "Jory", "Morwenna", "Tamsin", "Kit", "Elowen", "Bryok", "Demelza", "Lowen", "Jago", "Wenna",
    "Zoë", "Piran", "Kerensa", "Austell", "Senara", "Conan", "Ryan", "Aisha", "Tomasz", "Niamh",
)  # fmt: skip
MIDDLE_NAMES = ("James", "Rose", "Peder", "Ann", "Lee", "Marie", "Tudor", "Grace")
FAMILY_NAMES = (
    "Penhallow", "Tregenza", "Nancarrow", "Pascoe", "Rowe", "Hocking", "Jewell", "Carne",
    "Trebilcock", "Chenoweth", "O’Brien", "Polglase", "Santo", "Kowalczyk", "Quiller-Penn",
)  # fmt: skip
STREETS = (
    "Fore Street", "Chapel Row", "Quay Road", "Trelawney Close", "Harbour View", "Mill Lane",
    "Station Hill", "Bodmin Road", "Well Park", "Church Terrace",
)  # fmt: skip
TOWNS = (
    ("Lostwithiel", "PL"), ("Truro", "TR"), ("Camborne", "TR"), ("Liskeard", "PL"),
    ("Newton Abbot", "TQ"), ("Exmouth", "EX"), ("Barnstaple", "EX"), ("Plymouth", "PL"),
    ("Paignton", "TQ"), ("Bude", "EX"),
)  # fmt: skip
UNITS = ("Flat 2", "Flat 4B", "Room 7", "Annexe")
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
WARDS = (
    "Fern Ward, Tamar Valley Hospital", "Heron Ward, Kernow Secure Unit",
    "Willow Unit, Dartside Hospital", "Oak Ward, Clayhill Medium Secure Unit",
)  # fmt: skip
TRUSTS = (
    "Tamar Valley Partnership NHS Trust", "Kernow Community Health NHS Trust",
    "Dartside Mental Health NHS Foundation Trust", "Clayhill Forensic Services",
)  # fmt: skip
ROLES = (
    "Care Co-ordinator", "Community Psychiatric Nurse", "Social Worker", "Ward Manager",
    "Forensic CPN", "Approved Mental Health Professional", "Consultant Psychiatrist",
)  # fmt: skip
PRISONS = ("HMP Moorside", "HMP Channel View", "HMYOI Ashcombe", "HMP Westerleigh")
COURTS = (
    "Truro Crown Court", "Exeter Crown Court", "Plymouth Crown Court",
    "Bodmin Magistrates' Court", "Torquay Magistrates' Court",
)  # fmt: skip
OFFENCES = (
    "Wounding with intent (s18)", "Assault occasioning actual bodily harm", "Arson with intent "
    "to endanger life", "Sexual assault", "Robbery", "Grievous bodily harm (s20)",
    "Attempted murder", "Threats to kill", "Manslaughter",
)  # fmt: skip
ETHNICITIES = (
    "White British", "White – Irish", "Mixed White and Black Caribbean", "Asian British – "
    "Pakistani", "Black British", "White – other European", "Gypsy or Irish Traveller",
)  # fmt: skip
MAILBOXES = (
    "forensic.cmht@tamarvalley.nhs.test", "mappa.spoc@kernowhealth.nhs.test",
    "duty.team@dartside.nhs.test", "public.protection@police.example",
    "mappa.referrals@probation.example", "ward.manager@clayhill.nhs.test",
)  # fmt: skip
AGENCIES = (
    "Probation Service", "Devon & Cornwall Police", "Housing Options, Kernow Council",
    "Adult Social Care", "Community Mental Health Team", "Victim Liaison Unit",
    "Children's Social Care",
)  # fmt: skip
AREAS = ("Cornwall and Isles of Scilly", "Plymouth", "Torbay", "Devon", "North Devon", "Exeter")
PARTNERS = ("Harbour Housing Trust", "Kernow Women's Refuge", "St Piran's Day Centre")


def person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(FAMILY_NAMES)


def phone(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return f"07700 900{rng.randint(0, 999):03d}"
    return f"01632 960{rng.randint(0, 999):03d}"


def postcode(rng: random.Random, area: str) -> str:
    """A well-formed postcode in the area: outward code, space, inward code."""
    inward = f"{rng.randint(0, 9)}{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"
    return f"{area}{rng.randint(1, 35)} {inward}"


def address(rng: random.Random) -> tuple[list[str], str]:
    """An address's lines (without its postcode) and a postcode for it."""
    town, area = rng.choice(TOWNS)
    lines = [f"{rng.randint(1, 120)} {rng.choice(STREETS)}", town]
    if rng.random() < 0.3:
        lines.insert(0, rng.choice(UNITS))
    return lines, postcode(rng, area)
