"""Running `mappa-intake` as a real process, the way an operator or systemd would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.dovecot import PASSWORD, Dovecot

ROOT = Path(__file__).resolve().parents[2]


def cli_env(data_dir: Path, **settings: str) -> dict[str, str]:
    """The process environment: only MAPPA_ settings the test chose, plus the basics."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("MAPPA_")}
    env.update(
        {
            "MAPPA_DATA_DIR": str(data_dir),
            "MAPPA_CONFIG_DIR": str(ROOT / "config"),
            "MAPPA_MAILDIR_SETTLE_SECONDS": "0",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update({f"MAPPA_{key.upper()}": value for key, value in settings.items()})
    return env


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "intake.cli", *args]


def run_cli(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        cli_command(*args), env=env, cwd=ROOT, capture_output=True, timeout=timeout
    )


def start_cli(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        cli_command(*args), env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def imap_env(
    data_dir: Path, dovecot: Dovecot, user: str, database_url: str, **settings: str
) -> dict[str, str]:
    """The environment of a `mappa-intake` that watches this user's INBOX on the test Dovecot."""
    return cli_env(
        data_dir,
        mailbox=dovecot.url(user),
        mailbox_password=PASSWORD,
        database_url=database_url,
        **settings,
    )
