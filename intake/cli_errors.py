"""The errors a user can fix (an unmigrated database, a fault in config/), said in one line by
every command instead of a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from intake.config_files import ConfigError
from intake.service import SchemaNotReady


@contextmanager
def failures_as_messages() -> Iterator[None]:
    try:
        yield
    except (SchemaNotReady, ConfigError) as exc:
        raise click.ClickException(str(exc)) from None
