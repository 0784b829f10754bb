"""config/: the shipped demo deployment, and faults reported with their file, key and cause."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from intake.config_files import ConfigError
from intake.deployment import load_deployment
from intake.senders import AllowlistError, load_allowlist
from routing.directory import Directory, Place
from tests.support.cli import ROOT, cli_env, run_cli

SHIPPED = ROOT / "config"


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    """A copy of the shipped configuration for a test to break."""
    target = tmp_path / "config"
    shutil.copytree(SHIPPED, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def problems(config_dir: Path) -> list[str]:
    with pytest.raises(ConfigError) as error:
        load_deployment(config_dir)
    return error.value.lines


def test_the_demo_has_devon_and_cornwalls_six_localities_and_a_second_area():
    deployment = load_deployment(SHIPPED)
    devon_cornwall = deployment.areas["Devon and Cornwall"]
    assert sorted(devon_cornwall.localities) == [
        "East Cornwall",
        "Exeter and East Devon",
        "North Devon",
        "Plymouth",
        "South Devon",
        "West Cornwall",
    ]
    assert devon_cornwall.level3_administrator.endswith(".test")
    assert deployment.pdp.mailbox.endswith(".police.test")
    assert "Dorset" in deployment.areas


@pytest.mark.parametrize(
    ("postcode", "place"),
    [
        ("TR1 3XQ", ("Devon and Cornwall", "West Cornwall")),
        ("TR21 0JQ", ("Devon and Cornwall", "West Cornwall")),  # Isles of Scilly
        ("PL25 5AS", ("Devon and Cornwall", "East Cornwall")),
        ("PL15 8AA", ("Devon and Cornwall", "East Cornwall")),  # PL15, not PL1
        ("PL1 2EJ", ("Devon and Cornwall", "Plymouth")),
        ("TQ1 3YA", ("Devon and Cornwall", "South Devon")),
        ("EX2 7HQ", ("Devon and Cornwall", "Exeter and East Devon")),
        ("EX31 1AA", ("Devon and Cornwall", "North Devon")),
        ("BH15 1AA", ("Dorset", "Bournemouth, Christchurch and Poole")),
        ("DT1 1AA", ("Dorset", "Dorset")),
    ],
)
def test_demo_postcodes_fall_in_their_localities(postcode, place):
    assert Directory(load_deployment(SHIPPED)).place_of_postcode(postcode) == Place(*place)


def test_every_demo_mailbox_is_an_invented_role_mailbox_on_a_test_domain():
    text = "\n".join(p.read_text() for p in SHIPPED.glob("*.toml"))
    deployment = load_deployment(SHIPPED)
    mailboxes = [deployment.pdp.mailbox]
    for area in deployment.areas.values():
        mailboxes += [area.level3_administrator, area.manager]
        mailboxes += [locality.administrator for locality in area.localities.values()]
    mailboxes += [org.spoc for org in deployment.organisations.values()]
    assert all(m.endswith(".test") for m in mailboxes)
    assert text.count("@") == len(set(mailboxes))  # no other address anywhere in config/


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "areas.toml",
            '"PL8", "PL21"',
            '"PL8", "PL99X", "PL21"',
            'areas.toml: areas."Devon and Cornwall".localities."South Devon".districts[2]: '
            "'PL99X' is not a postcode area (TR), district (PL15) or sector (PL18 9)",
        ),
        (
            "areas.toml",
            'administrator = "mappa.plymouth@devon-cornwall.probation.justice.test"',
            'administrator = "Plymouth office"',
            'areas.toml: areas."Devon and Cornwall".localities.Plymouth.administrator: '
            "'Plymouth office' is not an e-mail address",
        ),
        (
            "areas.toml",
            "decision_working_days = 10",
            "decision_days = 10",
            'areas.toml: areas."Devon and Cornwall".decision_days: unknown key',
        ),
        (
            "areas.toml",
            '"PL8", "PL21"',
            '"PL8", "PL21", "PL4"',
            'areas.toml: areas."Devon and Cornwall".localities."South Devon".districts: '
            "postcode district 'PL4' already belongs to Plymouth (Devon and Cornwall)",
        ),
        (
            "organisations.toml",
            'locality = "Plymouth"',
            'locality = "Plymuoth"',
            'organisations.toml: organisations."Livewell Southwest".locality: '
            "'Plymuoth' is not a locality of Devon and Cornwall",
        ),
        (
            "organisations.toml",
            'pdp_provider = "plymouth_pct"',
            'pdp_provider = "plymouth"',
            'organisations.toml: organisations."Livewell Southwest".pdp_provider: '
            "Input should be 'devon_cornwall_police'",
        ),
        (
            "organisations.toml",
            'mailbox = "ppu.referrals@devon-cornwall.police.test"',
            'mailbox = "ppu@police.example"',
            "organisations.toml: pdp.mailbox: ppu@police.example is not on a secure domain",
        ),
        (
            "deadlines.toml",
            "after_working_days = [5, 8]",
            "after_working_days = [8, 5]",
            "deadlines.toml: reminders.after_working_days: must be ascending, without repeats",
        ),
        (
            "deadlines.toml",
            "pdp_screening_working_days = 3",
            "pdp_screening_working_days = -1",
            "deadlines.toml: clocks.pdp_screening_working_days: "
            "Input should be greater than or equal to 0",
        ),
    ],
)
def test_a_fault_names_the_file_the_key_and_what_is_wrong(config_dir, file, old, new, expected):
    edit(config_dir / file, old, new)
    assert [line for line in problems(config_dir) if expected in line] != []
    assert all(line.startswith(str(config_dir)) for line in problems(config_dir))


def test_missing_files_unknown_sections_and_bad_toml_are_reported_together(config_dir):
    (config_dir / "organisations.toml").unlink()
    (config_dir / "deadlines.toml").write_text("[clocks]\n[reminder]\n")
    (config_dir / "areas.toml").write_text('[areas.Devon\nlevel3 = "x"\n')
    lines = problems(config_dir)
    assert f"{config_dir}/organisations.toml: missing: the service cannot route without it" in lines
    assert (
        f"{config_dir}/deadlines.toml: reminder: unknown key (this file holds clocks, reminders)"
        in lines
    )
    assert any(line.startswith(f"{config_dir}/areas.toml: not valid TOML:") for line in lines)


def test_a_bad_allowlist_pattern_is_named_with_its_file_and_key(config_dir):
    (config_dir / "senders.toml").write_text('allow = ["nhs.net", "*"]\n')
    with pytest.raises(AllowlistError) as error:
        load_allowlist(config_dir)
    assert error.value.lines == [
        f"{config_dir}/senders.toml: allow[1]: '*' is not a domain or *.domain pattern"
    ]


def test_config_check_says_what_is_wrong_and_fails(tmp_path, config_dir):
    edit(config_dir / "areas.toml", 'manager = "mappa.manager@dorset.probation.justice.test"', "")
    result = run_cli(cli_env(tmp_path, config_dir=str(config_dir)), "config", "check")
    assert result.returncode == 1
    assert (
        f"{config_dir}/areas.toml: areas.Dorset.manager: Field required" in result.stderr.decode()
    )
    shipped = run_cli(cli_env(tmp_path), "config", "check")
    assert shipped.returncode == 0 and b"is valid" in shipped.stdout
