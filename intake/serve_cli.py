"""`mappa-intake serve` (the web UI and API under waitress, with the background jobs beside
them) and `mappa-intake worker` (the background jobs alone)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from waitress import serve

from intake.cli_errors import failures_as_messages
from intake.retention import purge
from intake.scheduler import AlreadyRunning, Jobs, schedule, single_instance
from intake.service import Service
from intake.stopping import StopRequested, StopSignal


def _jobs_ready(service: Service) -> Jobs:
    with failures_as_messages():
        service.require_schema()
        service.directory  # noqa: B018  config/ is checked before anything runs
    return Jobs(service)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option("--jobs/--no-jobs", default=True, help="Run the background jobs in this process.")
@click.pass_obj
def serve_command(service: Service, host: str, port: int, threads: int, jobs: bool) -> None:
    """Serve the web UI and the JSON API (waitress), running the background jobs beside them
    (mailbox watch, reminders, outbox delivery, retention) unless --no-jobs."""
    from intake.web import create_app

    ready = _jobs_ready(service)
    app = create_app(service)
    scheduler = None
    if jobs:
        try:
            lock = single_instance(service)
        except AlreadyRunning as exc:
            raise click.ClickException(f"{exc}; or start this one with --no-jobs") from None
        scheduler = BackgroundScheduler(timezone="UTC")
        stop = StopSignal()
        schedule(ready, scheduler, stop)
        scheduler.start()
    click.echo(f"serving on http://{host}:{port}/ ; Ctrl-C to stop", err=True)
    try:
        serve(app, host=host, port=port, threads=threads, ident="mappa-intake")
    finally:
        if scheduler is not None:
            stop.stop()
            scheduler.shutdown(wait=False)
            del lock


@click.command("worker")
@click.option("--once", is_flag=True, help="Run each job once and exit (for cron and checks).")
@click.pass_obj
def worker_command(service: Service, once: bool) -> None:
    """Run the background jobs without the web UI, until SIGTERM or Ctrl-C."""
    ready = _jobs_ready(service)
    try:
        lock = single_instance(service)
    except AlreadyRunning as exc:
        raise click.ClickException(str(exc)) from None
    if once:
        click.echo(json.dumps(ready.run_once()))
        return
    stop = StopSignal().install()
    scheduler = BlockingScheduler(timezone="UTC")
    schedule(ready, scheduler, stop)
    click.echo("worker running; Ctrl-C to stop", err=True)
    try:
        scheduler.start()
    except (StopRequested, KeyboardInterrupt):
        pass
    finally:
        stop.stop()
        if scheduler.running:
            scheduler.shutdown(wait=False)
        del lock
    click.echo("stopped", err=True)


@click.command("retention")
@click.option("--months", type=int, help="Override MAPPA_RETENTION_MONTHS for this run.")
@click.option("--dry-run", is_flag=True, help="List what would be purged; change nothing.")
@click.pass_obj
def retention_command(service: Service, months: int | None, dry_run: bool) -> None:
    """Remove the personal data of submissions closed more than N months ago (audited)."""
    months = months or service.settings.retention_months
    if months is None:
        raise click.ClickException("retention is off: set MAPPA_RETENTION_MONTHS or --months")
    _jobs_ready(service)
    report = purge(service.sessions, months, datetime.now(UTC), dry_run=dry_run)
    verb = "would purge" if dry_run else "purged"
    click.echo(
        f"{verb} {len(report.submissions)} submissions and {len(report.messages)} e-mails "
        f"closed before {report.cutoff:%d %B %Y}"
    )
