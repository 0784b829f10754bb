"""Stored messages become submissions: one per form, or one saying why there is none."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from intake.mime.sniff import DOCX, PDF
from intake.pipeline import process_pending, write_splits
from intake.queries import list_submissions, raw_message
from intake.schema import Message
from intake.splitting import MimeSplitter
from intake.store import MailboxIdentity, store_raw_message
from tests.conftest import DEFAULT_LIMITS, make_splitter
from tests.support.mail import UNTRUSTED, email_bytes, minimal_docx, minimal_pdf

NOW = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)


def store(sessions, allowlist, raw: bytes, uid: str = "1") -> int:
    where = MailboxIdentity("maildir:/spoc", 0, uid)
    return store_raw_message(sessions, where, raw, allowlist, NOW).message_pk


def submissions(sessions) -> list[dict]:
    with sessions() as session:
        return list_submissions(session)


def test_each_attached_document_becomes_a_submission_waiting_to_be_read(
    sessions, allowlist, splitter
):
    raw = email_bytes(
        attachments=[
            ("Form G.docx", minimal_docx(), DOCX),
            ("logo.png", b"\x89PNG\r\n\x1a\n0000", "image/png"),
            ("Appendix C.pdf", minimal_pdf(), PDF),
        ]
    )
    message_pk = store(sessions, allowlist, raw)
    assert process_pending(sessions, splitter, NOW) == 1
    rows = submissions(sessions)
    assert [(s["attachment"]["file_name"], s["status"], s["form"]) for s in rows] == [
        ("Form G.docx", "not_parsed", None),
        ("Appendix C.pdf", "not_parsed", None),
    ]
    assert all(s["reason"] == "Waiting to be read." and s["message"] == message_pk for s in rows)
    with sessions() as session:
        assert session.get(Message, message_pk).status == "processed"


def test_a_message_without_a_form_says_so_and_lists_its_attachments(sessions, allowlist, splitter):
    raw = email_bytes(attachments=[("photo.jpg", b"\xff\xd8\xff\xe0" + b"0" * 50, "image/jpeg")])
    store(sessions, allowlist, raw)
    process_pending(sessions, splitter, NOW)
    [row] = submissions(sessions)
    assert row["status"] == "no_form" and row["attachment"] is None
    assert row["reason"].startswith("No form attached")
    assert "photo.jpg (image/jpeg, 54 bytes)" in row["reason"]


def test_a_message_with_no_attachments_at_all(sessions, allowlist, splitter):
    store(sessions, allowlist, email_bytes())
    process_pending(sessions, splitter, NOW)
    [row] = submissions(sessions)
    assert row["reason"] == "No form attached: the message has no attachments."


def test_an_untrusted_sender_is_quarantined_never_routed(sessions, allowlist, splitter):
    raw = email_bytes(sender=UNTRUSTED, attachments=[("Form G.docx", minimal_docx(), DOCX)])
    message_pk = store(sessions, allowlist, raw)
    process_pending(sessions, splitter, NOW)
    [row] = submissions(sessions)
    assert row["quarantined"]
    assert "someone@mail.example is not on the allowlist" in row["reason"]
    with sessions() as session:
        assert session.get(Message, message_pk).status == "quarantined"


def test_processing_twice_makes_no_second_submission(sessions, allowlist, splitter):
    message_pk = store(
        sessions, allowlist, email_bytes(attachments=[("Form G.docx", minimal_docx(), DOCX)])
    )
    with sessions() as session:
        raw = raw_message(session, message_pk)
    split = splitter.split([raw])[0]
    assert write_splits(sessions, {message_pk: split}, NOW) == 1
    assert write_splits(sessions, {message_pk: split}, NOW) == 0  # a second worker, too late
    assert process_pending(sessions, splitter, NOW) == 0
    assert len(submissions(sessions)) == 1


def test_a_repeat_delivery_makes_no_second_submission(sessions, allowlist, splitter):
    raw = email_bytes(attachments=[("Form G.docx", minimal_docx(), DOCX)])
    store(sessions, allowlist, raw, uid="1")
    process_pending(sessions, splitter, NOW)
    store(sessions, allowlist, raw, uid="2")
    process_pending(sessions, splitter, NOW)
    assert len(submissions(sessions)) == 1


def test_an_oversized_message_is_stored_whole_and_names_the_limit(sessions, allowlist, splitter):
    raw = email_bytes(attachments=[("Form G.pdf", minimal_pdf() + b"0" * 4000, PDF)])
    message_pk = store(sessions, allowlist, raw)
    with make_splitter(replace(DEFAULT_LIMITS, max_message_bytes=3000)) as small:
        process_pending(sessions, small, NOW)
    [row] = submissions(sessions)
    assert row["status"] == "unreadable" and "(MAPPA_MAX_MESSAGE_BYTES)" in row["reason"]
    with sessions() as session:
        assert raw_message(session, message_pk) == raw


def test_an_oversized_form_is_an_item_naming_the_limit(sessions, allowlist, splitter):
    raw = email_bytes(attachments=[("Form G.pdf", minimal_pdf() + b"0" * 4000, PDF)])
    store(sessions, allowlist, raw)
    with make_splitter(replace(DEFAULT_LIMITS, max_attachment_bytes=2000)) as small:
        process_pending(sessions, small, NOW)
    [row] = submissions(sessions)
    assert row["status"] == "unreadable" and row["attachment"]["file_name"] == "Form G.pdf"
    assert "over the limit of 2 KB (MAPPA_MAX_ATTACHMENT_BYTES)" in row["reason"]


def test_a_malformed_message_says_how(sessions, allowlist, splitter):
    raw = (
        b"From: referrer@trust.nhs.uk\r\nContent-Type: multipart/mixed\r\n\r\n"
        b"--x\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--x--\r\n"
    )
    store(sessions, allowlist, raw)
    process_pending(sessions, splitter, NOW)
    [row] = submissions(sessions)
    assert row["status"] == "no_form"
    assert "The e-mail is malformed: a multipart section declares no boundary." in row["reason"]


def test_a_message_too_slow_to_read_names_the_time_limit(sessions, allowlist):
    parts = [(f"{n}.pdf", minimal_pdf(), PDF) for n in range(3000)]
    store(sessions, allowlist, email_bytes(attachments=parts))
    limits = replace(DEFAULT_LIMITS, max_attachments=5000)
    with MimeSplitter(limits, workers=1, memory_bytes=400 << 20, seconds=0.2) as slow:
        process_pending(sessions, slow, NOW)
    [row] = submissions(sessions)
    assert row["status"] == "unreadable"
    assert "took longer than 0.2 s (MAPPA_SPLIT_SECONDS)" in row["reason"]
