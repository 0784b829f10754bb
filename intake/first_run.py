"""The first start of a new installation: the first sysadmin and, for a demo, a few sample
e-mails in the local Maildir with a demo SPOC and a demo administrator, so that a new user
sees a real triage queue at once.

Nothing happens when any account exists: a second start changes nothing. No password is ever
fixed in advance: each account gets a one-time password, shown once, changed at first login.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from intake.accounts import Scope, add_user
from intake.schema import Message, Role, User
from intake.service import Service

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
ACTOR = "first run"
SYSADMIN_EMAIL = "sysadmin@mappa-intake.test"
# Demo accounts: invented role mailboxes on .test, named as such wherever they are shown.
DEMO_SPOC = "demo.spoc@mappa-demo.test"
DEMO_ADMINISTRATOR = "demo.administrator@mappa-demo.test"
# The locality the sample Form G is routed to (its offender's postcode is in TR).
DEMO_AREA, DEMO_LOCALITY = "Devon and Cornwall", "West Cornwall"


@dataclass(frozen=True)
class NewAccount:
    email: str
    name: str
    role: str
    password: str  # one-time: shown once, changed at first login
    demo: bool
    scope: str = ""


@dataclass
class FirstRun:
    """What the first start made; empty when it was not the first start."""

    accounts: list[NewAccount] = field(default_factory=list)
    samples: list[Path] = field(default_factory=list)

    @property
    def done_anything(self) -> bool:
        return bool(self.accounts or self.samples)


def first_run(
    service: Service, sysadmin_email: str = SYSADMIN_EMAIL, demo: bool = True
) -> FirstRun:
    """Make the first accounts (and the demo) if the database has no account yet."""
    service.require_schema()
    made = FirstRun()
    with service.sessions.begin() as session:
        if session.scalar(select(exists().where(User.id.is_not(None)))):
            return made
        fresh = not session.scalar(select(exists().where(Message.id.is_not(None))))
        made.accounts.append(
            _account(session, sysadmin_email, "System administrator", Role.SYSADMIN, Scope())
        )
        if demo and fresh:
            made.accounts.extend(_demo_accounts(session, service))
    maildir = _local_maildir(service)
    if demo and fresh and maildir is not None:
        made.samples = drop_samples(maildir)
    return made


def _account(session: Session, email: str, name: str, role: str, scope: Scope) -> NewAccount:
    password = add_user(session, email, name, role, scope, ACTOR)
    where = " / ".join(filter(None, [scope.area, scope.locality]))
    return NewAccount(email.lower(), name, role, password, email.endswith("mappa-demo.test"), where)


def _demo_accounts(session: Session, service: Service) -> list[NewAccount]:
    accounts = [_account(session, DEMO_SPOC, "Demo SPOC", Role.SPOC, Scope())]
    area = service.deployment.areas.get(DEMO_AREA)
    if area is not None and DEMO_LOCALITY in area.localities:
        scope = Scope(DEMO_AREA, DEMO_LOCALITY)
        accounts.append(
            _account(session, DEMO_ADMINISTRATOR, "Demo administrator", Role.ADMINISTRATOR, scope)
        )
    return accounts


def _local_maildir(service: Service) -> Path | None:
    """The Maildir the service watches, or None when it reads a real IMAP mailbox."""
    mailbox = service.settings.effective_mailbox
    return Path(mailbox.removeprefix("maildir:")) if mailbox.startswith("maildir:") else None


def drop_samples(maildir: Path, samples: Path = SAMPLES) -> list[Path]:
    """Deliver the sample e-mails as a mail server would: written in tmp/, moved into new/."""
    for folder in ("tmp", "new", "cur"):
        (maildir / folder).mkdir(parents=True, exist_ok=True)
    dropped = []
    for number, sample in enumerate(sorted(samples.glob("*.eml"))):
        name = f"{int(time.time())}.demo{number}.{os.getpid()}.{sample.stem}"
        staged = maildir / "tmp" / name
        shutil.copyfile(sample, staged)
        os.replace(staged, maildir / "new" / name)
        dropped.append(maildir / "new" / name)
    return dropped
