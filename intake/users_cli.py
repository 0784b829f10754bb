"""`mappa-intake users …`: accounts from the command line, for the first sysadmin and for
scripts. One-time passwords and API tokens are printed once and never stored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy import select

from intake.accounts import (
    AccountError,
    Scope,
    add_user,
    disable_user,
    issue_api_token,
    reset_password,
)
from intake.cli_errors import failures_as_messages
from intake.schema import Role, User
from intake.service import Service

ACTOR = "command line"


@contextmanager
def _account_errors() -> Iterator[None]:
    """An account that cannot be changed as asked: one line saying why, not a traceback."""
    try:
        yield
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def users() -> None:
    """Accounts of the web UI and the API."""


@users.command("add")
@click.argument("email")
@click.option("--name", required=True, help="The person's name, as others will see it.")
@click.option("--role", type=click.Choice(Role.ALL), required=True)
@click.option("--area", help="Administrators: the MAPPA area (as in config/areas.toml).")
@click.option("--locality", help="Administrators of one locality of that area.")
@click.option("--mailbox", help="SPOCs: the mailbox they work (default: the service's own).")
@click.pass_obj
def users_add(
    service: Service,
    email: str,
    name: str,
    role: str,
    area: str | None,
    locality: str | None,
    mailbox: str | None,
) -> None:
    """Create an account and print its one-time password."""
    with failures_as_messages():
        service.require_schema()
        areas = service.deployment.areas
    if area and area not in areas:
        raise click.ClickException(f"no area {area!r} in config/areas.toml")
    if area and locality and locality not in areas[area].localities:
        raise click.ClickException(f"no locality {locality!r} in the area {area!r}")
    with service.sessions.begin() as session, _account_errors():
        password = add_user(session, email, name, role, Scope(area, locality, mailbox), ACTOR)
    click.echo(f"{email}: one-time password {password} (they choose their own at first login)")


@users.command("disable")
@click.argument("email")
@click.pass_obj
def users_disable(service: Service, email: str) -> None:
    """Refuse the account's logins and end its sessions and API token."""
    with service.sessions.begin() as session, _account_errors():
        disable_user(session, email, ACTOR)
    click.echo(f"{email}: disabled")


@users.command("reset-password")
@click.argument("email")
@click.pass_obj
def users_reset_password(service: Service, email: str) -> None:
    """Print a new one-time password; every session of the account ends."""
    with service.sessions.begin() as session, _account_errors():
        password = reset_password(session, email, ACTOR)
    click.echo(f"{email}: one-time password {password}")


@users.command("token")
@click.argument("email")
@click.pass_obj
def users_token(service: Service, email: str) -> None:
    """Print a new API token for the account (the old one stops working)."""
    with service.sessions.begin() as session, _account_errors():
        token = issue_api_token(session, email, ACTOR)
    click.echo(token)


@users.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def users_list(service: Service, as_json: bool) -> None:
    """Every account: e-mail, role, scope, and whether it is disabled."""
    with service.sessions() as session:
        rows = [
            {
                "email": u.email,
                "name": u.name,
                "role": u.role,
                "area": u.area,
                "locality": u.locality,
                "mailbox": u.mailbox,
                "disabled": u.disabled,
            }
            for u in session.scalars(select(User).order_by(User.email))
        ]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
    for row in [] if as_json else rows:
        scope = " / ".join(filter(None, [row["area"], row["locality"], row["mailbox"]]))
        flag = "  DISABLED" if row["disabled"] else ""
        click.echo(f"{row['email']:<40} {row['role']:<14} {scope}{flag}")
