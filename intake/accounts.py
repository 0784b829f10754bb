"""User accounts: argon2 password hashes, one-time passwords, lock-out after failed logins,
and service-account API tokens (only their sha256 is stored).

Every change is written to the audit in the same transaction.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from intake.audit import record_event
from intake.schema import Role, User

HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 12
# Verified when the e-mail is unknown, so that a login takes as long either way.
DUMMY_HASH = HASHER.hash(secrets.token_urlsafe(16))


class AccountError(Exception):
    """A request about accounts that cannot be done; the message says why."""


@dataclass(frozen=True)
class Scope:
    """Which submissions an account may see, beside its role."""

    area: str | None = None
    locality: str | None = None
    mailbox: str | None = None


def one_time_password() -> str:
    return secrets.token_urlsafe(12)


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    return HASHER.hash(password)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_user(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def add_user(
    session: Session,
    email: str,
    name: str,
    role: str,
    scope: Scope,
    actor: str,
    now: datetime | None = None,
) -> str:
    """Create an account with a one-time password (returned once, never stored)."""
    if role not in Role.ALL:
        raise AccountError(f"role must be one of {', '.join(Role.ALL)}")
    if role == Role.ADMINISTRATOR and not scope.area:
        raise AccountError("an administrator needs an area (and optionally a locality)")
    if scope.locality and not scope.area:
        raise AccountError("a locality needs its area")
    if find_user(session, email):
        raise AccountError(f"there is already an account for {email}")
    password = one_time_password()
    user = User(
        email=email.strip().lower(),
        name=name,
        role=role,
        area=scope.area,
        locality=scope.locality,
        mailbox=scope.mailbox,
        password_hash=hash_password(password),
        must_change_password=True,
        disabled=False,
        failed_logins=0,
        session_version=1,
        created_at=now or datetime.now(UTC),
    )
    session.add(user)
    session.flush()
    record_event(
        session,
        actor,
        "user_added",
        detail={"user": user.email, "role": role, **scope.__dict__},
        at=now,
    )
    return password


def _existing(session: Session, email: str) -> User:
    user = find_user(session, email)
    if user is None:
        raise AccountError(f"no account for {email}")
    return user


def disable_user(session: Session, email: str, actor: str) -> None:
    """Sign the account out everywhere and refuse its logins and its API token."""
    user = _existing(session, email)
    user.disabled = True
    user.session_version += 1
    record_event(session, actor, "user_disabled", detail={"user": user.email})


def reset_password(session: Session, email: str, actor: str) -> str:
    """A new one-time password; the old one and every session stop working."""
    user = _existing(session, email)
    password = one_time_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.failed_logins = 0
    user.locked_until = None
    user.session_version += 1
    record_event(session, actor, "password_reset", detail={"user": user.email})
    return password


def change_password(session: Session, user: User, new_password: str) -> None:
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    record_event(session, user.email, "password_changed", detail={"user": user.email})


def issue_api_token(session: Session, email: str, actor: str) -> str:
    """A new token for a service account; shown once, stored as its sha256."""
    user = _existing(session, email)
    token = secrets.token_urlsafe(32)
    user.api_token_hash = token_digest(token)
    record_event(session, actor, "api_token_issued", detail={"user": user.email})
    return token


def user_of_token(session: Session, token: str) -> User | None:
    user = session.scalar(select(User).where(User.api_token_hash == token_digest(token)))
    return user if user and not user.disabled else None


@dataclass(frozen=True)
class LoginResult:
    user: User | None
    reason: str | None = None  # why not, in words the person can act on


def check_login(
    session: Session,
    email: str,
    password: str,
    now: datetime,
    max_failures: int,
    lockout: timedelta,
    remote_addr: str | None = None,
) -> LoginResult:
    """Verify a password, counting failures; too many lock the account for a while."""
    user = find_user(session, email)
    refused = LoginResult(None, "Enter a correct e-mail address and password.")
    if user is None or user.disabled or not user.password_hash:
        _verify(DUMMY_HASH, password)
        record_event(
            session,
            email[:255],
            "login_failed",
            detail={"why": "unknown or disabled"},
            remote_addr=remote_addr,
            at=now,
        )
        return refused
    if user.locked_until and user.locked_until > now:
        record_event(
            session,
            user.email,
            "login_refused",
            detail={"why": "locked"},
            remote_addr=remote_addr,
            at=now,
        )
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        return LoginResult(
            None, f"Too many failed attempts. Try again in {minutes} minutes or ask a sysadmin."
        )
    if not _verify(user.password_hash, password):
        user.failed_logins += 1
        if user.failed_logins >= max_failures:
            user.locked_until = now + lockout
            user.failed_logins = 0
        record_event(
            session,
            user.email,
            "login_failed",
            detail={"why": "wrong password"},
            remote_addr=remote_addr,
            at=now,
        )
        return refused
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    record_event(session, user.email, "login", remote_addr=remote_addr, at=now)
    return LoginResult(user)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
