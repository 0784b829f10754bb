"""Look-ups over the deployment data, built once: postcode, name, sender or PDP provider → where.

Routing asks these questions for every record; the answers come from dictionaries, never from a
scan of the configuration.
"""

from __future__ import annotations

from typing import NamedTuple

from routing.config import Deployment
from routing.domains import domain_matches, domain_of
from routing.names import name_key
from routing.postcodes import prefixes


class Place(NamedTuple):
    area: str
    locality: str


class Directory:
    def __init__(self, deployment: Deployment):
        self.deployment = deployment
        self.areas: dict[str, str] = {}
        self.places_by_prefix: dict[str, Place] = {}
        self.places_by_name: dict[str, Place] = {}
        self.hospitals: dict[str, tuple[str, Place]] = {}
        self.organisations: dict[str, str] = {}
        self.providers: dict[str, str] = {}
        for area_name, area in deployment.areas.items():
            for name in (area_name, *area.aliases):
                self.areas.setdefault(name_key(name), area_name)
            for locality_name, locality in area.localities.items():
                place = Place(area_name, locality_name)
                for prefix in locality.districts:
                    self.places_by_prefix.setdefault(prefix, place)
                for name in (locality_name, *locality.aliases):
                    self.places_by_name.setdefault(name_key(name), place)
                for hospital in locality.hospitals:
                    self.hospitals.setdefault(name_key(hospital), (hospital, place))
        for org_name, org in deployment.organisations.items():
            for name in (org_name, *org.aliases):
                self.organisations.setdefault(name_key(name), org_name)
            if org.pdp_provider:
                self.providers.setdefault(org.pdp_provider, org_name)

    def area_named(self, text: str) -> str | None:
        return self.areas.get(name_key(text))

    def place_of_postcode(self, postcode: str) -> Place | None:
        for prefix in prefixes(postcode):
            if prefix in self.places_by_prefix:
                return self.places_by_prefix[prefix]
        return None

    def place_named(self, text: str) -> Place | None:
        """A locality named by its name or an alias ("area of closest links")."""
        return self.places_by_name.get(name_key(text))

    def hospital_in(self, *texts: str | None) -> tuple[str, Place] | None:
        """The first configured hospital named anywhere in these texts, whole words only."""
        for text in texts:
            padded = f" {name_key(text)} " if text else ""
            for key, found in self.hospitals.items():
                if f" {key} " in padded:
                    return found
        return None

    def organisation_named(self, text: str) -> str | None:
        return self.organisations.get(name_key(text))

    def organisation_of_sender(self, sender: str | None) -> str | None:
        domain = domain_of(sender)
        if domain is None:
            return None
        for org_name, org in self.deployment.organisations.items():
            if any(domain_matches(domain, pattern) for pattern in org.sender_domains):
                return org_name
        return None

    def organisation_of_provider(self, provider: str) -> str | None:
        return self.providers.get(provider)
