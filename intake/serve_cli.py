"""`mappa-intake serve`: the web UI and API under waitress, with the mailbox watched beside it."""

from __future__ import annotations

import logging
import threading

import click
from waitress import serve

from intake.service import Service
from intake.stopping import StopSignal

log = logging.getLogger(__name__)


def watch_in_background(service: Service, stop: StopSignal) -> threading.Thread:
    watcher = service.watcher()

    def run() -> None:
        watcher.watch(stop, wait_seconds=service.settings.idle_seconds)

    thread = threading.Thread(target=run, name="mailbox-watch", daemon=True)
    thread.start()
    return thread


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option("--watch/--no-watch", default=True, help="Watch the mailbox in the same process.")
@click.pass_obj
def serve_command(service: Service, host: str, port: int, threads: int, watch: bool) -> None:
    """Serve the web UI and the JSON API (waitress), watching the mailbox beside them."""
    from intake.web import create_app

    service.require_schema()
    app = create_app(service)
    if watch:
        stop = StopSignal()
        watch_in_background(service, stop)
    click.echo(f"serving on http://{host}:{port}/ ; Ctrl-C to stop", err=True)
    serve(app, host=host, port=port, threads=threads, ident="mappa-intake")
