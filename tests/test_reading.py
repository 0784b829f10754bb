"""Stored attachments are read into records: the parse stage, the Form G + checklist join,
re-reading a message (audited), and the audit table that refuses to be rewritten."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from intake.documents import DocumentReader
from intake.mime.sniff import DOCX, PDF
from intake.pipeline import process_pending
from intake.queries import get_submission, list_submissions
from intake.reading import parse_pending
from intake.reparse import reparse_message
from intake.schema import AuditEvent
from tests.support.mail import UNTRUSTED, email_bytes
from tests.support.pdf_builder import encrypted, text_pdf
from tests.support.word import CHECKLIST_LINES as CHECKLIST
from tests.support.word import FORM_G_LINES as FORM_G
from tests.support.word import word
from tests.test_pipeline import store

NOW = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def reader():
    documents = DocumentReader(workers=1, memory_bytes=512 * 1024 * 1024, seconds=30)
    yield documents
    documents.close()


def receive(sessions, allowlist, splitter, reader, raw: bytes, uid: str = "1") -> list[dict]:
    message_pk = store(sessions, allowlist, raw, uid)
    process_pending(sessions, splitter, NOW)
    parse_pending(sessions, reader, NOW)
    with sessions() as session:
        return [
            get_submission(session, s["id"])
            for s in list_submissions(session)
            if s["message"] == message_pk
        ]


def test_an_attached_form_g_becomes_a_record_with_issues_and_provenance(
    sessions, allowlist, splitter, reader
):
    raw = email_bytes(attachments=[("Form G.docx", word(*FORM_G), DOCX)])
    [row] = receive(sessions, allowlist, splitter, reader, raw)
    assert (row["status"], row["form"]) == ("parsed", "form_g")
    offender = row["record"]["offender"]
    assert (offender["family_name"], offender["dob"], offender["current_postcode"]) == (
        "Trelawny",
        "1979-02-03",
        "TR1 2AB",
    )
    assert row["provenance"]["offender.family_name"].startswith("paragraph ")
    assert row["reason"].startswith("Form G read: ")
    assert any(issue["code"] == "checklist_missing" for issue in row["issues"])


def test_a_form_g_and_its_checklist_in_one_email_become_one_record(
    sessions, allowlist, splitter, reader
):
    raw = email_bytes(
        attachments=[
            ("Form G.docx", word(*FORM_G), DOCX),
            ("Appendix C.docx", word(*CHECKLIST), DOCX),
        ]
    )
    form_g, checklist = receive(sessions, allowlist, splitter, reader, raw)
    assert (form_g["status"], form_g["form"]) == ("parsed", "form_g")
    assert form_g["record"]["checklist"]["offender"]["full_name"] == "Jory Trelawny"
    assert form_g["record"]["checklist"]["offender"]["dob"] == "1979-02-03"
    assert form_g["provenance"]["checklist.offender.full_name"].startswith("Appendix C.docx: ")
    assert not any(issue["code"] == "checklist_missing" for issue in form_g["issues"])
    assert checklist["status"] == "joined" and checklist["joined_into"] == form_g["id"]
    assert "read together with its Form G" in checklist["reason"]


def test_a_document_that_cannot_be_read_says_why_and_the_others_are_still_read(
    sessions, allowlist, splitter, reader
):
    raw = email_bytes(
        attachments=[
            ("Form G.pdf", encrypted(text_pdf(list(FORM_G)), "secret", "owner"), PDF),
            ("Form G.docx", word(*FORM_G), DOCX),
        ]
    )
    locked, readable = receive(sessions, allowlist, splitter, reader, raw)
    assert (locked["status"], locked["form"], locked["record"]) == ("unreadable", None, None)
    assert "password protected" in locked["reason"]
    assert [issue["code"] for issue in locked["issues"]] == ["file_encrypted"]
    assert readable["status"] == "parsed"


def test_a_quarantined_message_is_read_but_stays_quarantined(sessions, allowlist, splitter, reader):
    raw = email_bytes(sender=UNTRUSTED, attachments=[("Form G.docx", word(*FORM_G), DOCX)])
    [row] = receive(sessions, allowlist, splitter, reader, raw)
    assert (row["status"], row["quarantined"]) == ("parsed", True)
    assert row["reason"].startswith(f"Quarantined: the sender {UNTRUSTED} is not on the allowlist")
    assert "Form G read: " in row["reason"]
    [again] = reparse_message(sessions, reader, row["message"], "cli:spoc", NOW)
    assert again["changed"] == []


def test_reading_a_message_again_gives_the_same_result_and_is_audited(
    sessions, allowlist, splitter, reader
):
    raw = email_bytes(
        attachments=[
            ("Form G.docx", word(*FORM_G), DOCX),
            ("Appendix C.docx", word(*CHECKLIST), DOCX),
        ]
    )
    before = receive(sessions, allowlist, splitter, reader, raw)
    later = datetime(2026, 11, 17, 10, tzinfo=UTC)
    changes = reparse_message(sessions, reader, before[0]["message"], "cli:spoc", later)
    assert [change["changed"] for change in changes] == [[], []]
    with sessions() as session:
        after = [get_submission(session, row["id"]) for row in before]
        events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    for old, new in zip(before, after, strict=True):
        for key in ("form", "status", "reason", "record", "issues", "provenance"):
            assert new[key] == old[key], key
    assert [(e.action, e.actor, e.submission_pk) for e in events] == [
        ("reparse", "cli:spoc", before[0]["id"]),
        ("reparse", "cli:spoc", before[1]["id"]),
    ]
    assert events[0].detail["file"] == "Form G.docx"


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_events SET actor = 'someone else'", "DELETE FROM audit_events"]
)
def test_the_database_refuses_to_rewrite_the_audit(
    sessions, allowlist, splitter, reader, statement
):
    raw = email_bytes(attachments=[("Form G.docx", word(*FORM_G), DOCX)])
    [row] = receive(sessions, allowlist, splitter, reader, raw)
    reparse_message(sessions, reader, row["message"], "cli:spoc", NOW)
    with pytest.raises(DatabaseError, match="append-only"), sessions.begin() as session:
        session.execute(text(statement))
    with sessions() as session:
        [event] = session.scalars(select(AuditEvent))
    assert event.actor == "cli:spoc"
