"""`mappa-intake users …` as an operator runs it: one-time passwords printed once, clear errors."""

from __future__ import annotations

import json
import re

from tests.support.cli import cli_env, run_cli


def test_accounts_are_added_reset_and_disabled_from_the_command_line(tmp_path):
    env = cli_env(tmp_path / "var")
    assert run_cli(env, "db", "upgrade").returncode == 0
    added = run_cli(env, "users", "add", "Sam.Spoc@Trust.test", "--name", "Sam", "--role", "spoc")
    assert added.returncode == 0, added.stderr.decode()
    first = re.search(r"one-time password (\S+)", added.stdout.decode()).group(1)
    again = run_cli(env, "users", "add", "sam.spoc@trust.test", "--name", "Sam", "--role", "spoc")
    assert again.returncode == 1
    assert "already an account for sam.spoc@trust.test" in again.stderr.decode()
    no_area = run_cli(env, "users", "add", "a@x.test", "--name", "A", "--role", "administrator")
    assert "an administrator needs an area" in no_area.stderr.decode()
    wrong_area = run_cli(
        env,
        "users",
        "add",
        "a@x.test",
        "--name",
        "A",
        "--role",
        "administrator",
        "--area",
        "Atlantis",
    )
    assert "no area 'Atlantis' in config/areas.toml" in wrong_area.stderr.decode()

    reset = run_cli(env, "users", "reset-password", "sam.spoc@trust.test")
    second = re.search(r"one-time password (\S+)", reset.stdout.decode()).group(1)
    assert second != first
    assert run_cli(env, "users", "disable", "sam.spoc@trust.test").returncode == 0
    listed = json.loads(run_cli(env, "users", "list", "--json").stdout)
    assert listed == [
        {
            "email": "sam.spoc@trust.test",
            "name": "Sam",
            "role": "spoc",
            "area": None,
            "locality": None,
            "mailbox": None,
            "disabled": True,
        }
    ]
    missing = run_cli(env, "users", "disable", "nobody@trust.test")
    assert missing.returncode == 1 and "no account for nobody@trust.test" in missing.stderr.decode()
