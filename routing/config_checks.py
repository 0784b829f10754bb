"""What pydantic cannot see in one file: names that clash, references that lead nowhere, and
personal data addressed outside the secure domains."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from routing.config import Deployment
from routing.domains import address_matches
from routing.names import name_key


class Problem(NamedTuple):
    key: tuple[str, ...]  # the first part names the section, hence the file
    message: str


def problems(deployment: Deployment) -> list[Problem]:
    return [
        *_references(deployment),
        *_clashes(deployment),
        *_insecure_mailboxes(deployment),
    ]


def _references(deployment: Deployment) -> Iterator[Problem]:
    for org_name, org in deployment.organisations.items():
        key = ("organisations", org_name)
        area = deployment.areas.get(org.area)
        if area is None:
            yield Problem((*key, "area"), f"{org.area!r} is not an area in areas.toml")
        elif org.locality is not None and org.locality not in area.localities:
            yield Problem((*key, "locality"), f"{org.locality!r} is not a locality of {org.area}")


def _clashes(deployment: Deployment) -> Iterator[Problem]:
    """A name, alias, postcode prefix or PDP provider may mean one place or organisation only."""
    seen: dict[tuple[str, str], str] = {}

    def claim(kind: str, value: str, owner: str, key: tuple[str, ...]) -> Iterator[Problem]:
        first = seen.setdefault((kind, value), owner)
        if first != owner:
            yield Problem(key, f"{kind} {value!r} already belongs to {first}")

    for area_name, area in deployment.areas.items():
        key = ("areas", area_name)
        for name in (area_name, *area.aliases):
            yield from claim("area name", name_key(name), area_name, (*key, "aliases"))
        for locality_name, locality in area.localities.items():
            owner, where = f"{locality_name} ({area_name})", (*key, "localities", locality_name)
            for prefix in locality.districts:
                yield from claim("postcode district", prefix, owner, (*where, "districts"))
            for name in (locality_name, *locality.aliases):
                yield from claim("locality name", name_key(name), owner, (*where, "aliases"))
            for hospital in locality.hospitals:
                yield from claim("hospital", name_key(hospital), owner, (*where, "hospitals"))
    for org_name, org in deployment.organisations.items():
        key = ("organisations", org_name)
        for name in (org_name, *org.aliases):
            yield from claim("organisation name", name_key(name), org_name, (*key, "aliases"))
        for pattern in org.sender_domains:
            yield from claim("sender domain", pattern, org_name, (*key, "sender_domains"))
        if org.pdp_provider:
            yield from claim("PDP provider", org.pdp_provider, org_name, (*key, "pdp_provider"))


def _insecure_mailboxes(deployment: Deployment) -> Iterator[Problem]:
    secure = deployment.secure_domains
    mailboxes: list[tuple[tuple[str, ...], str]] = [(("pdp", "mailbox"), deployment.pdp.mailbox)]
    for area_name, area in deployment.areas.items():
        key = ("areas", area_name)
        mailboxes += [((*key, "level3_administrator"), area.level3_administrator)]
        mailboxes += [((*key, "manager"), area.manager)]
        for locality_name, locality in area.localities.items():
            where = (*key, "localities", locality_name, "administrator")
            mailboxes.append((where, locality.administrator))
    for org_name, org in deployment.organisations.items():
        mailboxes.append((("organisations", org_name, "spoc"), org.spoc))
    for key, mailbox in mailboxes:
        if not address_matches(mailbox, secure):
            yield Problem(key, f"{mailbox} is not on a secure domain (secure_domains.toml)")
