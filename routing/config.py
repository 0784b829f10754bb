"""Deployment data as validated values: areas, localities, administrators, SPOCs, clocks, reminders.

The shell reads the TOML files in config/ into these models at start-up (intake/deployment.py);
routing only ever sees the validated values.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from parsers.forms import PROVIDER
from routing.domains import DomainPattern

ADDRESS = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
# A postcode area ("TR"), district ("PL15") or sector ("PL18 9"): FORMS.md §4.7's outward code.
POSTCODE_PREFIX = re.compile(r"^[A-PR-UWYZ]([A-HK-Y]?|[A-HK-Y]?\d[A-Z\d]?( \d)?)$")
SECURE_DEFAULTS = ["nhs.net", "cjsm.net", "*.gov.uk", "*.police.uk", "*.pnn.police.uk"]


def check_mailbox(value: str) -> str:
    cleaned = value.strip().lower()
    if not ADDRESS.match(cleaned):
        raise ValueError(f"{value!r} is not an e-mail address")
    return cleaned


def check_postcode_prefix(value: str) -> str:
    cleaned = " ".join(value.upper().split())
    if not POSTCODE_PREFIX.match(cleaned):
        raise ValueError(
            f"{value!r} is not a postcode area (TR), district (PL15) or sector (PL18 9)"
        )
    return cleaned


Mailbox = Annotated[str, AfterValidator(check_mailbox)]
PostcodePrefix = Annotated[str, AfterValidator(check_postcode_prefix)]
Name = Annotated[str, Field(min_length=1)]
WorkingDays = Annotated[int, Field(ge=0, le=60)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Locality(Strict):
    """A local MAPPA administrator's patch: level 2 referrals and Form G notifications go here."""

    administrator: Mailbox
    districts: Annotated[list[PostcodePrefix], Field(min_length=1)]
    aliases: list[Name] = []
    hospitals: list[Name] = []


class Area(Strict):
    """A MAPPA area (one Strategic Management Board): its level 3 administrator and localities."""

    level3_administrator: Mailbox
    manager: Mailbox  # reminders escalate to this mailbox
    localities: Annotated[dict[Name, Locality], Field(min_length=1)]
    aliases: list[Name] = []
    decision_working_days: WorkingDays | None = None  # MAPPA A decision; else clocks' default


class Organisation(Strict):
    """A referring organisation and its SPOC, known by its senders' domains or its names."""

    spoc: Mailbox
    area: Name
    locality: Name | None = None  # set when the organisation serves a single locality
    aliases: list[Name] = []
    sender_domains: list[DomainPattern] = []
    pdp_provider: PROVIDER | None = None  # type: ignore[valid-type]  # PDP "Information provider"


class PdpDestination(Strict):
    """Where every PDP goes once screened: the police public protection unit."""

    name: Name = "Police public protection unit"
    mailbox: Mailbox


class Clocks(Strict):
    mappa_a_decision_working_days: WorkingDays = 10
    form_g_forward_working_days: WorkingDays = 3  # SPOC forwards to the administrator
    form_g_notification_working_days: WorkingDays = 3  # from the patient's receipt into care
    pdp_screening_working_days: WorkingDays = 3
    pre_discharge_months: Annotated[int, Field(ge=1, le=24)] = 6


class ReminderPlan(Strict):
    """Reminders while a clock runs: never on a weekend or bank holiday, stopped by a decision."""

    after_working_days: list[Annotated[int, Field(ge=1, le=60)]] = [5, 8]
    on_due_day: bool = True
    overdue_every_working_day: bool = True
    escalate_after_overdue_working_days: Annotated[int, Field(ge=0, le=60)] = 2

    @field_validator("after_working_days")
    @classmethod
    def _ascending(cls, days: list[int]) -> list[int]:
        if days != sorted(set(days)):
            raise ValueError("must be ascending, without repeats")
        return days


class Deployment(Strict):
    areas: Annotated[dict[Name, Area], Field(min_length=1)]
    organisations: dict[Name, Organisation] = {}
    pdp: PdpDestination
    clocks: Clocks = Clocks()
    reminders: ReminderPlan = ReminderPlan()
    secure_domains: list[DomainPattern] = SECURE_DEFAULTS

    def decision_working_days(self, area: str | None) -> int:
        own = self.areas[area].decision_working_days if area in self.areas else None
        return self.clocks.mappa_a_decision_working_days if own is None else own
