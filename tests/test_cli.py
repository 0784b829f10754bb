"""The default set-up end to end: .eml files dropped in the local Maildir, read with the CLI."""

from __future__ import annotations

import hashlib
import json

import pytest

from intake.mime.sniff import DOCX
from tests.support.cli import cli_env, run_cli
from tests.support.mail import UNTRUSTED, email_bytes, form_email, minimal_docx
from tests.support.word import FORM_G_LINES, word


@pytest.fixture
def env(tmp_path, database_url):
    return cli_env(tmp_path, database_url=database_url)


def drop(tmp_path, name: str, raw: bytes) -> None:
    new = tmp_path / "mailbox" / "new"
    new.mkdir(parents=True, exist_ok=True)
    (new / name).write_bytes(raw)


def cli_json(env, *args):
    result = run_cli(env, *args, "--json")
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def test_dropped_mail_is_stored_listed_and_exported(tmp_path, env):
    form = form_email(message_id="<g-1@trust.test>")
    drop(tmp_path, "form.eml", form)
    drop(tmp_path, "spam.eml", form_email(sender=UNTRUSTED))
    report = cli_json(env, "fetch")
    assert (report["stored"], report["moved"], report["processed"]) == (2, 2, 2)
    assert list((tmp_path / "mailbox" / ".Processed" / "cur").iterdir())
    assert list((tmp_path / "mailbox" / ".Quarantine" / "cur").iterdir())

    messages = cli_json(env, "messages", "list")
    first = messages[0]
    assert first["message_id"] == "<g-1@trust.test>"
    assert first["sha256"] == hashlib.sha256(form).hexdigest()
    assert (first["sender"], first["status"]) == ("referrer@trust.nhs.uk", "processed")
    [attachment] = first["attachments"]
    assert attachment["file_name"] == "Form G - J Smith.docx"
    assert attachment["content_type"] == DOCX
    assert attachment["size"] == len(minimal_docx())
    assert attachment["sha256"] == hashlib.sha256(minimal_docx()).hexdigest()
    assert messages[1]["status"] == "quarantined"

    assert run_cli(env, "messages", "export", str(first["id"])).stdout == form

    submissions = cli_json(env, "submissions", "list")
    assert [(s["message"], s["status"], s["quarantined"]) for s in submissions] == [
        (first["id"], "parsed", False),
        (messages[1]["id"], "parsed", True),
    ]
    shown = cli_json(env, "submissions", "show", str(submissions[0]["id"]))
    assert shown["attachment"]["file_name"] == "Form G - J Smith.docx"
    assert shown["form"] == "form_g"
    assert "nothing filled in" in shown["reason"]


def test_the_same_file_dropped_twice_is_one_submission(tmp_path, env):
    raw = form_email()
    drop(tmp_path, "a.eml", raw)
    drop(tmp_path, "b.eml", raw)
    cli_json(env, "fetch")
    [message] = cli_json(env, "messages", "list")
    assert (message["deliveries"], message["repeat_deliveries"]) == (2, 1)
    assert len(cli_json(env, "submissions", "list")) == 1


def test_lists_for_people_are_readable(tmp_path, env):
    drop(tmp_path, "a.eml", email_bytes(subject="Photo only"))
    run_cli(env, "fetch")
    listing = run_cli(env, "messages", "list").stdout.decode()
    assert "referrer@trust.nhs.uk" in listing and "Photo only" in listing
    assert "No form attached" in run_cli(env, "submissions", "list").stdout.decode()


def test_unknown_ids_are_clear_errors(env):
    result = run_cli(env, "submissions", "show", "999")
    assert result.returncode == 1 and "no submission 999" in result.stderr.decode()
    result = run_cli(env, "messages", "export", "999")
    assert result.returncode == 1 and "no message 999" in result.stderr.decode()


def test_an_unmigrated_database_asks_for_db_upgrade(tmp_path):
    env = cli_env(tmp_path / "fresh")
    result = run_cli(env, "fetch")
    assert result.returncode == 1
    assert "run `mappa-intake db upgrade`" in result.stderr.decode()
    assert run_cli(env, "db", "upgrade").returncode == 0
    assert run_cli(env, "fetch").returncode == 0


def test_parse_prints_one_json_object_per_file_in_order(tmp_path):
    env = cli_env(tmp_path)
    (tmp_path / "Form G - J Trelawny.docx").write_bytes(word(*FORM_G_LINES))
    (tmp_path / "empty.pdf").write_bytes(b"")
    files = [
        str(tmp_path / name) for name in ("Form G - J Trelawny.docx", "empty.pdf", "gone.docx")
    ]
    result = run_cli(env, "parse", *files, "--json", "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr.decode()
    form_g, empty, gone = json.loads(result.stdout)
    assert (form_g["file"], form_g["form"]) == ("Form G - J Trelawny.docx", "form_g")
    assert form_g["record"]["offender"]["dob"] == "1979-02-03"
    assert form_g["record"]["checklist"] is None
    assert form_g["provenance"]["offender.dob"] == "paragraph 5"
    assert (empty["form"], empty["record"], [i["code"] for i in empty["issues"]]) == (
        "unknown",
        None,
        ["file_empty"],
    )
    assert (
        gone["issues"][0]["code"] == "file_unreadable"
        and "gone.docx" in gone["issues"][0]["message"]
    )


def test_parse_without_json_is_a_summary_for_people(tmp_path):
    (tmp_path / "g.docx").write_bytes(word(*FORM_G_LINES, "PNC number: 2008/0056560A"))
    out = run_cli(cli_env(tmp_path), "parse", str(tmp_path / "g.docx")).stdout.decode()
    assert out.startswith("g.docx: FORM G")
    assert "offender.family_name" in out and "Trelawny" in out
    assert "ids.pnc" in out and "check letter" in out


def test_reparse_reads_a_stored_message_again_and_says_what_changed(tmp_path, env):
    raw = email_bytes(attachments=[("Form G.docx", word(*FORM_G_LINES), DOCX)])
    drop(tmp_path, "a.eml", raw)
    cli_json(env, "fetch")
    [change] = cli_json(env, "reparse", "1")
    assert (change["file"], change["changed"]) == ("Form G.docx", [])
    assert change["after"] == {"form": "form_g", "status": "parsed"}
    assert "nothing changed" in run_cli(env, "reparse", "1").stdout.decode()
    missing = run_cli(env, "reparse", "99")
    assert missing.returncode != 0 and "no stored documents" in missing.stderr.decode()
