"""`mappa-intake parse` and `reparse`: what the parsers make of documents, on disk or stored."""

from __future__ import annotations

import getpass
import json
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from intake.reparse import reparse_message
from parsers import ParseResult, failed

LONDON = ZoneInfo("Europe/London")


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON array, one object per file.")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The date to judge dates against (default: today in Europe/London).",
)
@click.pass_obj
def parse_command(service, files: tuple[Path, ...], as_json: bool, today: datetime | None) -> None:
    """Read MAPPA A, Form G and PDP documents and print their records and issues."""
    now = datetime.combine(today.date(), time(12), LONDON) if today else datetime.now(LONDON)
    readable: list[tuple[str, bytes]] = []
    unreadable: dict[int, ParseResult] = {}
    for index, path in enumerate(files):
        try:
            readable.append((path.name, path.read_bytes()))
        except OSError as exc:
            unreadable[index] = failed(
                path.name, "file_unreadable", f"“{path.name}” could not be read: {exc.strerror}."
            )
            readable.append((path.name, b""))
    parsed = service.documents.parse_many(
        [doc for n, doc in enumerate(readable) if n not in unreadable], now
    )
    results = iter(parsed)
    ordered = [unreadable[n] if n in unreadable else next(results) for n in range(len(files))]
    if as_json:
        click.echo(
            json.dumps([r.model_dump(mode="json") for r in ordered], indent=2, ensure_ascii=False)
        )
    else:
        for result in ordered:
            click.echo(summary(result))


def summary(result: ParseResult) -> str:
    """A person's view: the form, each value written, then what to check."""
    counts = {s: sum(i.severity == s for i in result.issues) for s in ("error", "warning", "info")}
    lines = [
        f"{result.file}: {result.form.replace('_', ' ').upper()} — "
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} notes"
    ]
    for key, value in flatten(result.record or {}).items():
        where = result.provenance.get(key, "")
        lines.append(f"  {key:<42} {value}" + (f"   [{where}]" if where else ""))
    for issue in result.issues:
        lines.append(
            f"  {issue.severity.upper():<7} {issue.field or '(document)'}: {issue.message}"
        )
    return "\n".join(lines) + "\n"


def flatten(record: dict, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        elif value is not None:
            shown = value if not isinstance(value, (date, list)) else json.dumps(value, default=str)
            out[prefix + key] = shown
    return out


@click.command("reparse")
@click.argument("message_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def reparse_command(service, message_id: int, as_json: bool) -> None:
    """Read a stored message's documents again; each change is recorded in the audit."""
    service.require_schema()
    summaries = reparse_message(
        service.sessions,
        service.documents,
        message_id,
        f"cli:{getpass.getuser()}",
        datetime.now(UTC),
    )
    if not summaries:
        raise click.ClickException(f"message {message_id} has no stored documents to read")
    if as_json:
        click.echo(json.dumps(summaries, indent=2, ensure_ascii=False))
        return
    for s in summaries:
        change = ", ".join(s["changed"]) or "nothing changed"
        click.echo(f"submission {s['submission']} ({s['file']}): {s['after']['status']}; {change}")
