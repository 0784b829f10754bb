"""The deployment data in config/, read and checked once at start-up into one `Deployment`.

areas.toml           MAPPA areas, their localities, postcode districts and administrators
organisations.toml   referring organisations and their SPOCs; the PDP destination
deadlines.toml       clocks and the reminder plan (optional: defaults apply)
secure_domains.toml  where personal data may be e-mailed (optional: defaults apply)
senders.toml         the sender allowlist (intake/senders.py)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from intake.config_files import ConfigError, dotted, explain, read_toml
from routing.config import Deployment
from routing.config_checks import problems

SECTIONS = {
    "areas.toml": ("areas",),
    "organisations.toml": ("organisations", "pdp"),
    "deadlines.toml": ("clocks", "reminders"),
    "secure_domains.toml": ("secure_domains",),
}
REQUIRED = ("areas.toml", "organisations.toml")
FILE_OF_SECTION = {section: name for name, sections in SECTIONS.items() for section in sections}


def load_deployment(config_dir: Path) -> Deployment:
    """Every file read, every fault reported at once; a ConfigError names file, key and fault."""
    data, errors = _read_sections(config_dir)
    if errors:
        raise ConfigError(errors)

    def file_of(key: Sequence[str | int]) -> Path:
        return config_dir / FILE_OF_SECTION.get(str(key[0]) if key else "", "areas.toml")

    try:
        deployment = Deployment.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(explain(exc, file_of)) from None
    found = problems(deployment)
    if found:
        raise ConfigError([f"{file_of(p.key)}: {dotted(p.key)}: {p.message}" for p in found])
    return deployment


def _read_sections(config_dir: Path) -> tuple[dict[str, Any], list[str]]:
    data: dict[str, Any] = {}
    errors: list[str] = []
    for name, sections in SECTIONS.items():
        path = config_dir / name
        try:
            content = read_toml(path)
        except FileNotFoundError:
            if name in REQUIRED:
                errors.append(f"{path}: missing: the service cannot route without it")
            continue
        except ConfigError as exc:
            errors += exc.lines
            continue
        for key, value in content.items():
            if key in sections:
                data[key] = value
            else:
                errors.append(f"{path}: {key}: unknown key (this file holds {', '.join(sections)})")
    return data, errors
