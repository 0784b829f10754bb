"""The first start of a new installation: the first sysadmin, demo accounts with one-time
passwords, sample e-mails that become a real queue, and nothing at all on the second start."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from intake.accounts import check_login
from intake.first_run import DEMO_ADMINISTRATOR, DEMO_SPOC, SAMPLES, SYSADMIN_EMAIL, first_run
from intake.first_run_cli import setup_command
from intake.schema import Role, Stage, Submission, User
from intake.service import Service
from intake.settings import load_settings
from tests.web.conftest import receive
from tests.web.mail import referral_email

ROOT = Path(__file__).resolve().parents[2]


def _run_watcher(service: Service) -> None:
    receive(service)  # no new e-mail of its own: one pass over what is in the Maildir


def _logs_in(service: Service, email: str, password: str) -> User | None:
    with service.sessions.begin() as session:
        result = check_login(session, email, password, datetime.now(UTC), 5, timedelta(minutes=1))
        return None if result.user is None else result.user


def test_first_start_makes_the_sysadmin_demo_accounts_and_a_real_queue(service: Service):
    made = first_run(service)

    roles = {account.email: account.role for account in made.accounts}
    assert roles == {
        SYSADMIN_EMAIL: Role.SYSADMIN,
        DEMO_SPOC: Role.SPOC,
        DEMO_ADMINISTRATOR: Role.ADMINISTRATOR,
    }
    assert [a.demo for a in made.accounts] == [False, True, True]
    assert all(a.email.endswith(".test") for a in made.accounts)
    passwords = {a.password for a in made.accounts}
    assert len(passwords) == 3 and all(len(p) >= 12 for p in passwords)
    for account in made.accounts:
        user = _logs_in(service, account.email, account.password)
        assert user is not None and user.must_change_password

    assert len(made.samples) == len(list(SAMPLES.glob("*.eml"))) == 4
    _run_watcher(service)
    with service.sessions() as session:
        stages = dict(
            session.execute(select(Submission.form, Submission.stage).order_by(Submission.id)).all()
        )
        stage_counts = dict(
            session.execute(select(Submission.stage, func.count()).group_by(Submission.stage)).all()
        )
        form_g = session.scalar(
            select(Submission).where(Submission.stage == Stage.TRIAGE, Submission.form == "form_g")
        )
    assert set(stages) == {"mappa_a", "form_g", "pdp"}
    assert stage_counts == {Stage.TRIAGE: 3, Stage.QUARANTINE: 1}
    # The demo administrator is the one the sample Form G is proposed to.
    assert form_g.proposed_route["locality"] == "West Cornwall"


def test_second_start_changes_nothing_and_prints_nothing(service: Service):
    runner = CliRunner()
    first = runner.invoke(setup_command, [], obj=service)
    assert first.exit_code == 0, first.output
    assert "DEMO ACCOUNT: spoc" in first.output and "one-time password" in first.output
    assert "4 sample e-mails" in first.output
    new = Path(service.settings.data_dir) / "mailbox" / "new"
    dropped = sorted(new.iterdir())

    second = runner.invoke(setup_command, [], obj=service)
    assert second.exit_code == 0
    assert second.output == ""
    assert sorted(new.iterdir()) == dropped
    with service.sessions() as session:
        assert session.scalar(select(func.count(User.id))) == 3


def test_an_installation_that_already_holds_mail_gets_only_its_sysadmin(service: Service):
    receive(service, referral_email("form_g", 3)[0])

    made = first_run(service, sysadmin_email="first.admin@ops.test")

    assert [(a.email, a.role) for a in made.accounts] == [("first.admin@ops.test", "sysadmin")]
    assert made.samples == []


def test_no_demo_makes_only_the_sysadmin(service: Service):
    made = first_run(service, demo=False)

    assert [a.role for a in made.accounts] == [Role.SYSADMIN]
    assert made.samples == []
    assert not list((Path(service.settings.data_dir) / "mailbox").glob("new/*"))


def test_the_committed_samples_are_what_the_script_builds():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_samples.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_imap_mailbox_gets_no_sample_mail(service: Service):
    settings = load_settings(
        **{
            **service.settings.model_dump(),
            "mailbox": "imaps://spoc@imap.mappa.test:993/INBOX",
            "mailbox_password": "not-used",
        }
    )
    remote = Service(settings)
    try:
        made = first_run(remote)
    finally:
        remote.close()

    assert [a.role for a in made.accounts] == [Role.SYSADMIN, Role.SPOC, Role.ADMINISTRATOR]
    assert made.samples == []
