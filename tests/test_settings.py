"""Settings: MAPPA_ variables and .env; a wrong one stops start-up naming it and the fault."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from intake.mailbox.factory import open_mailbox
from intake.mailbox.imap import ImapSource
from intake.mailbox.maildir import MaildirSource
from intake.settings import SettingsError, load_settings
from tests.support.cli import cli_env, run_cli


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch, tmp_path):
    for name in [n for n in os.environ if n.startswith("MAPPA_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_defaults_need_no_server(tmp_path):
    settings = load_settings()
    assert settings.data_dir == Path("var")
    assert settings.effective_database_url == f"sqlite:///{tmp_path / 'var/mappa-intake.sqlite3'}"
    assert settings.effective_mailbox == f"maildir:{tmp_path / 'var/mailbox'}"
    assert settings.outbox_dir == Path("var/outbox")
    assert isinstance(open_mailbox(settings), MaildirSource)


def test_environment_and_dotenv_are_read(monkeypatch, tmp_path):
    (tmp_path / ".env").write_text("MAPPA_DATA_DIR=/srv/mappa\nMAPPA_MAX_ATTACHMENTS=7\n")
    monkeypatch.setenv("MAPPA_MAX_ATTACHMENTS", "9")  # the environment beats .env
    settings = load_settings()
    assert settings.data_dir == Path("/srv/mappa") and settings.max_attachments == 9


def test_an_imap_mailbox_is_built_from_the_url(monkeypatch):
    monkeypatch.setenv("MAPPA_MAILBOX", "imaps://spoc%40trust.nhs.test@imap.example:993/SPOC")
    monkeypatch.setenv("MAPPA_MAILBOX_PASSWORD", "pw")
    source = open_mailbox(load_settings())
    assert isinstance(source, ImapSource)
    assert source.address.user == "spoc@trust.nhs.test" and source.address.folder == "SPOC"
    assert source.address.security == "tls"
    assert source.identity == "imap://spoc@trust.nhs.test@imap.example:993/SPOC"


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"MAPPA_MAX_ATTACHMENTS": "0"}, "MAPPA_MAX_ATTACHMENTS: Input should be greater than 0"),
        ({"MAPPA_POLL_SECONDS": "soon"}, "MAPPA_POLL_SECONDS: Input should be a valid number"),
        ({"MAPPA_MAILBOX": "pop3://x@y"}, "MAPPA_MAILBOX: must start with maildir:, imap://"),
        (
            {
                "MAPPA_MAILBOX": "imap://spoc@mail.example/INBOX?security=plain",
                "MAPPA_MAILBOX_PASSWORD": "pw",
            },
            "MAPPA_MAILBOX: plain-text IMAP is allowed only on loopback, not 'mail.example'",
        ),
        (
            {"MAPPA_MAILBOX": "imaps://spoc:pw@mail.example/INBOX"},
            "put the password in MAPPA_MAILBOX_PASSWORD",
        ),
        (
            {"MAPPA_MAILBOX": "imaps://spoc@mail.example/INBOX"},
            "an IMAP mailbox needs MAPPA_MAILBOX_PASSWORD or the MAPPA_MAILBOX_OAUTH_* settings",
        ),
        ({"MAPPA_MAILBOX_OAUTH_CLIENT_ID": "x"}, "must be set together"),
        ({"MAPPA_DATABASE_URL": "mysql://db/mappa"}, "MAPPA_DATABASE_URL: must be a sqlite:///"),
    ],
)
def test_an_invalid_setting_is_named_with_what_is_wrong(monkeypatch, variables, message):
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError, match="invalid settings") as error:
        load_settings()
    assert message in str(error.value)


def test_the_cli_refuses_to_start_with_a_bad_setting(tmp_path):
    result = run_cli(cli_env(tmp_path, max_nesting_depth="-1"), "fetch")
    assert result.returncode == 1
    assert "MAPPA_MAX_NESTING_DEPTH: Input should be greater than 0" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_plain_text_imap_is_allowed_on_loopback(monkeypatch):
    monkeypatch.setenv("MAPPA_MAILBOX", "imap://spoc@127.0.0.1:1143/INBOX?security=plain")
    monkeypatch.setenv("MAPPA_MAILBOX_PASSWORD", "pw")
    assert open_mailbox(load_settings()).address.security == "plain"
