"""`mappa-intake setup`: the first start's accounts and demo, printed once (see first_run.py)."""

from __future__ import annotations

import click

from intake.cli_errors import failures_as_messages
from intake.first_run import SYSADMIN_EMAIL, FirstRun, first_run
from intake.service import Service

RULE = "=" * 72


@click.command("setup")
@click.option(
    "--sysadmin-email",
    default=SYSADMIN_EMAIL,
    show_default=True,
    help="The first sysadmin's e-mail (their login name).",
)
@click.option(
    "--demo/--no-demo",
    default=True,
    show_default=True,
    help="Sample e-mails and demo SPOC and administrator accounts (only in an empty database).",
)
@click.pass_obj
def setup_command(service: Service, sysadmin_email: str, demo: bool) -> None:
    """On the first start only: the first sysadmin (and the demo), with one-time passwords."""
    with failures_as_messages():
        made = first_run(service, sysadmin_email, demo)
    if made.done_anything:
        click.echo(report(made))


def report(made: FirstRun) -> str:
    lines = [RULE, "First start: these accounts were created.", ""]
    for account in made.accounts:
        label = "DEMO ACCOUNT" if account.demo else "ACCOUNT"
        scope = f" ({account.scope})" if account.scope else ""
        lines += [
            f"  {label}: {account.role}{scope}",
            f"    e-mail:            {account.email}",
            f"    one-time password: {account.password}",
            "",
        ]
    lines.append("Each password works once: a new one is chosen at the first sign-in.")
    lines.append("They are not stored anywhere and will not be shown again;")
    lines.append("`mappa-intake users reset-password EMAIL` prints a new one.")
    if any(account.demo for account in made.accounts):
        lines.append("Demo accounts (.test addresses) are for trying the service: disable them")
        lines.append("before real use with `mappa-intake users disable EMAIL`.")
    if made.samples:
        lines += [
            "",
            f"{len(made.samples)} sample e-mails (invented people) were put in the mailbox:",
        ]
        lines += [f"  {path}" for path in made.samples]
    lines.append(RULE)
    return "\n".join(lines)
