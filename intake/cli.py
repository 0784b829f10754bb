"""`mappa-intake`: one command in front of everything, JSON for machines, tables for people."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

import click

from intake import database
from intake.address_space import keep_small
from intake.cli_errors import failures_as_messages
from intake.config_cli import config
from intake.documents_cli import parse_command, reparse_command
from intake.due_date_cli import due_date_command
from intake.first_run_cli import setup_command
from intake.queries import get_submission, list_messages, list_submissions, raw_message
from intake.serve_cli import retention_command, serve_command, worker_command
from intake.service import Service
from intake.settings import SettingsError, load_settings
from intake.stopping import StopSignal
from intake.users_cli import users


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log what the service does.")
@click.pass_context
def main(ctx: click.Context, verbose: bool) -> None:
    """Reads MAPPA referral forms from the SPOC mailbox into a triage queue."""
    keep_small()
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        ctx.obj = Service(load_settings())
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None
    ctx.call_on_close(ctx.obj.close)


def _emit_rows(rows: list[dict[str, Any]], as_json: bool, line: Callable[[Any], str]) -> None:
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        for row in rows:
            click.echo(line(row))


def _emit_record(record: dict[str, Any], as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(record, indent=2, ensure_ascii=False))
    else:
        for key, value in record.items():
            click.echo(f"{key:>18}: {value}")


def _message_line(m: dict[str, Any]) -> str:
    count, sender, subject = len(m["attachments"]), m["sender"] or "?", m["subject"] or ""
    return f"{m['id']:>6}  {m['status']:<11}  {sender:<32}  {count:>3} attached  {subject}"


def _submission_line(s: dict[str, Any]) -> str:
    flag = "  QUARANTINED" if s["quarantined"] else ""
    return f"{s['id']:>6}  msg {s['message']:>5}  {s['status']:<11}{flag}  {s['reason']}"


@main.group()
def db() -> None:
    """The database schema."""


@db.command("upgrade")
@click.pass_obj
def db_upgrade(service: Service) -> None:
    """Create or migrate the database to this version's schema."""
    database.upgrade(service.settings.effective_database_url)
    click.echo("database is up to date")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the pass's figures as JSON.")
@click.pass_obj
def fetch(service: Service, as_json: bool) -> None:
    """One pass over the mailbox: store, move and split what is there, then exit."""
    with failures_as_messages():
        watcher = service.watcher()
        with watcher.source:
            report = watcher.run_pass()
    _emit_record(asdict(report), as_json)


@main.command()
@click.pass_obj
def watch(service: Service) -> None:
    """Watch the mailbox (IMAP IDLE, or polling) until SIGTERM or Ctrl-C."""
    stop = StopSignal().install()
    with failures_as_messages():
        watcher = service.watcher()
    click.echo(f"watching {watcher.source.identity}; Ctrl-C to stop", err=True)
    watcher.watch(stop, wait_seconds=service.settings.idle_seconds)
    click.echo("stopped", err=True)


@main.group()
def messages() -> None:
    """Stored e-mails, exactly as received."""


@messages.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def messages_list(service: Service, as_json: bool) -> None:
    """Every stored message with its attachments."""
    with failures_as_messages():
        service.require_schema()
    with service.sessions() as session:
        rows = list_messages(session)
    _emit_rows(rows, as_json, _message_line)


@messages.command("export")
@click.argument("message_id", type=int)
@click.option(
    "-o",
    "--output",
    type=click.File("wb"),
    default="-",
    help="Write to this file instead of standard output.",
)
@click.pass_obj
def messages_export(service: Service, message_id: int, output: Any) -> None:
    """The raw message, byte for byte as it arrived (an .eml)."""
    with service.sessions() as session:
        raw = raw_message(session, message_id)
    if raw is None:
        raise click.ClickException(f"no message {message_id}")
    output.write(raw)
    output.flush()


@main.group()
def submissions() -> None:
    """Submissions: one per attached form, or one saying why there is none."""


@submissions.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def submissions_list(service: Service, as_json: bool) -> None:
    """Every submission, oldest first."""
    with failures_as_messages():
        service.require_schema()
    with service.sessions() as session:
        rows = list_submissions(session)
    _emit_rows(rows, as_json, _submission_line)


@submissions.command("show")
@click.argument("submission_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def submissions_show(service: Service, submission_id: int, as_json: bool) -> None:
    """One submission in full."""
    with service.sessions() as session:
        row = get_submission(session, submission_id)
    if row is None:
        raise click.ClickException(f"no submission {submission_id}")
    _emit_record(row, as_json)


main.add_command(parse_command)
main.add_command(reparse_command)
main.add_command(due_date_command)
main.add_command(config)
main.add_command(users)
main.add_command(serve_command)
main.add_command(worker_command)
main.add_command(retention_command)
main.add_command(setup_command)


if __name__ == "__main__":
    sys.exit(main())
