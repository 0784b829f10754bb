"""`mappa-intake config check`: read config/ as start-up does; say what is wrong or there."""

from __future__ import annotations

import json

import click

from intake.config_files import ConfigError
from intake.senders import load_allowlist


@click.group()
def config() -> None:
    """The deployment data in MAPPA_CONFIG_DIR."""


@config.command("check")
@click.option("--json", "as_json", is_flag=True, help="Print the areas and organisations as JSON.")
@click.pass_obj
def config_check(service, as_json: bool) -> None:
    """Validate every file; exit 1 naming each file, key and fault."""
    try:
        load_allowlist(service.settings.config_dir)
        deployment = service.deployment
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(deployment.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    for name, area in deployment.areas.items():
        click.echo(f"{name}: {len(area.localities)} localities ({', '.join(area.localities)})")
    click.echo(f"{len(deployment.organisations)} organisations; PDP to {deployment.pdp.name}")
    click.echo(f"configuration in {service.settings.config_dir} is valid")
