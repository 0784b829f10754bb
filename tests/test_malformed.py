"""Malformed and hostile mail through the default Maildir intake, in a real `mappa-intake fetch`
process: each is stored byte for byte and triaged with a reason, within 10 s and 500 MB."""

from __future__ import annotations

import base64
import os
import resource
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from intake.schema import Message
from tests.support.cli import ROOT, cli_command, cli_env, run_cli
from tests.support.dovecot import PASSWORD
from tests.support.imap import append, referrer_client
from tests.support.mail import email_bytes, minimal_pdf

MEMORY_LIMIT = 500 * 1024 * 1024
TIME_LIMIT = 10.0
HEAD = b"From: referrer@trust.nhs.uk\r\nTo: spoc@mappa-spoc.test\r\nSubject: Form G\r\n"


def nested_multipart(levels: int) -> bytes:
    body = b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n"
    for level in range(levels):
        b = f"b{level}".encode()
        body = (
            b'Content-Type: multipart/mixed; boundary="'
            + b
            + b'"\r\n\r\n--'
            + b
            + b"\r\n"
            + body
            + b"\r\n--"
            + b
            + b"--\r\n"
        )
    return HEAD + body


def nested_forward(levels: int) -> bytes:
    body = b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n"
    for level in range(levels):
        body = (
            b"Content-Type: message/rfc822\r\n\r\nSubject: fwd "
            + str(level).encode()
            + b"\r\n"
            + body
        )
    return HEAD + body


def many_attachments(count: int) -> bytes:
    part = (
        b"--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;"
        b' filename="f.pdf"\r\n\r\n%PDF-1.4\r\n'
    )
    return HEAD + b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n' + part * count + b"--b--"


PDF_B64 = base64.b64encode(minimal_pdf())
CASES = {
    "missing boundary": (
        HEAD + b"Content-Type: multipart/mixed\r\n\r\n--x\r\n"
        b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--x--\r\n",
        "a multipart section declares no boundary",
    ),
    "broken base64": (
        HEAD + b'Content-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\n'
        b"Content-Type: application/pdf\r\nContent-Disposition: attachment;"
        b" filename=G.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + PDF_B64[:-7]
        + b"!!\r\n--x--\r\n",
        "base64 encoding is broken",
    ),
    "1,000-level multipart nesting": (nested_multipart(1000), "nested more than 10 levels"),
    "1,000-level forwarding": (nested_forward(1000), "nested more than 10 levels"),
    "5,000 attachments": (many_attachments(5000), "more than 100 attachments"),
    "1 MB header": (
        HEAD + b"X-Padding: " + b"a" * (1 << 20) + b"\r\n\r\nbody\r\n",
        "No form attached",
    ),
    "NUL bytes": (
        b"From: referrer@trust.nhs.uk\r\nSubject: Form\x00G\r\n\r\nbo\x00dy\x00",
        "No form attached",
    ),
    "8-bit headers": (
        (
            "From: Zoë Référent <referrer@trust.nhs.uk>\r\nSubject: Référence é\r\n"
            'Content-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\n'
            'Content-Type: application/pdf; name="Référence.pdf"\r\n\r\n%PDF-1.4\r\n'
            "--x--\r\n"
        ).encode(),
        "the PDF is damaged or incomplete",
    ),
    "truncated": (
        email_bytes(attachments=[("G.pdf", minimal_pdf() * 20, "application/pdf")])[:-300],
        "ends before its last MIME boundary",
    ),
    "empty file": (b"", "The message is empty"),
    "not an e-mail": (bytes(range(256)) * 40, "a header line is malformed"),
    "over the size limit": (
        email_bytes(attachments=[("G.pdf", b"%PDF-1.4" + b"0" * (2 << 20), "application/pdf")]),
        "over the limit of 1.5 MB (MAPPA_MAX_MESSAGE_BYTES)",
    ),
}


def fetch_within_limits(env: dict[str, str], log: Path) -> tuple[int, float, int]:
    """Run one `mappa-intake fetch` under an address-space cap; return its exit status, its
    seconds and the peak resident bytes of it and its children (the message readers)."""

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    started = time.monotonic()
    with open(log, "wb") as stderr:
        process = subprocess.Popen(
            cli_command("fetch"),
            env=env,
            cwd=ROOT,
            stderr=stderr,
            stdout=subprocess.DEVNULL,
            preexec_fn=cap_memory,
        )
    while time.monotonic() - started < TIME_LIMIT:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return process.returncode, time.monotonic() - started, usage.ru_maxrss * 1024
        time.sleep(0.02)
    process.kill()
    process.wait()
    raise AssertionError(f"fetch took over {TIME_LIMIT} s")


# Dovecot refuses to store a 0-byte message, so that one can only arrive through a Maildir.
OVER_IMAP = [case for case, (raw, _reason) in CASES.items() if raw]


def deliver(
    source: str, raw: bytes, tmp_path: Path, request: pytest.FixtureRequest
) -> tuple[dict[str, str], bytes]:
    """Put the message where the watcher looks; return the settings and the bytes as the
    mailbox now holds them (Dovecot rewrites NUL bytes and bare line feeds)."""
    if source == "maildir":
        (tmp_path / "mailbox" / "new").mkdir(parents=True)
        (tmp_path / "mailbox" / "new" / "hostile.eml").write_bytes(raw)
        return {}, raw
    dovecot = request.getfixturevalue("dovecot")
    user = dovecot.new_user()
    append(dovecot, user, raw)
    with referrer_client(dovecot, user) as box:
        status, data = box.client.uid("FETCH", "1", "(BODY.PEEK[])")
        assert status == "OK"
        held = data[0][1]
    return {"mailbox": dovecot.url(user), "mailbox_password": PASSWORD}, held


@pytest.mark.parametrize(
    ("source", "case"),
    [("maildir", case) for case in CASES]
    + [pytest.param("imap", case, marks=pytest.mark.dovecot) for case in OVER_IMAP],
)
def test_malformed_mail_is_stored_and_triaged_with_a_reason(
    source, case, database_url, sessions, tmp_path, request
):
    raw, reason = CASES[case]
    mailbox_settings, held = deliver(source, raw, tmp_path, request)
    env = cli_env(
        tmp_path, database_url=database_url, max_message_bytes=str(3 << 19), **mailbox_settings
    )

    status, seconds, peak = fetch_within_limits(env, tmp_path / "fetch.log")
    assert status == 0, (tmp_path / "fetch.log").read_text()
    assert seconds < TIME_LIMIT and peak < MEMORY_LIMIT

    assert run_cli(env, "messages", "export", "1").stdout == held
    with sessions() as session:
        message = session.scalar(select(Message))
        assert message.status in ("processed", "quarantined")  # no sender is not trusted
        assert any(reason in item.reason for item in message.submissions), [
            item.reason for item in message.submissions
        ]
