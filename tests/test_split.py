"""MIME splitting: every document a referrer's e-mail carries, found wherever it is packed."""

from __future__ import annotations

import base64
import email
import re
from dataclasses import replace
from email import feedparser
from email.policy import compat32, default

import pytest
from aspose.email_foss import msg

from intake.mime import line_endings, split_attachments
from intake.mime.sniff import DOCX, MSG, PDF
from tests.conftest import DEFAULT_LIMITS
from tests.support.mail import email_bytes, minimal_docx, minimal_pdf
from tests.support.tnef import winmail_dat

DOCX_B64 = base64.encodebytes(minimal_docx()).decode()


def mime(headers: str, body: str) -> bytes:
    return (headers.strip() + "\n\n" + body).replace("\n", "\r\n").encode()


def names(raw: bytes, limits=DEFAULT_LIMITS) -> list[str]:
    return [a.safe_name for a in split_attachments(raw, limits).attachments]


def forwarded(inner: bytes, subject: str) -> bytes:
    """Forward as Outlook and Thunderbird do: the whole message inside a message/rfc822 part."""
    outer = email.message_from_bytes(email_bytes(subject=subject), policy=default)
    outer.add_attachment(email.message_from_bytes(inner, policy=default))
    return outer.as_bytes()


def test_nested_multiparts_give_documents_and_skip_the_message_text():
    raw = mime(
        'From: a@nhs.net\nContent-Type: multipart/mixed; boundary="outer"',
        f"""
--outer
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain

Form attached.
--alt
Content-Type: multipart/related; boundary="rel"

--rel
Content-Type: text/html

<p>Form attached <img src="cid:logo"></p>
--rel
Content-Type: image/png
Content-Disposition: inline; filename="trust-logo.png"
Content-ID: <logo>

iVBORw0KGgo=
--rel--
--alt--
--outer
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document
Content-Disposition: attachment; filename="MAPPA A.docx"
Content-Transfer-Encoding: base64

{DOCX_B64}
--outer--
""",
    )
    found = split_attachments(raw, DEFAULT_LIMITS).attachments
    assert [(a.safe_name, a.content_type, a.could_be_form) for a in found] == [
        ("trust-logo.png", "image/png", False),
        ("MAPPA A.docx", DOCX, True),
    ]


def test_forwarded_messages_are_opened_to_any_depth_within_the_limit():
    raw = email_bytes(subject="Form G", attachments=[("G.docx", minimal_docx(), DOCX)])
    for level in range(3):
        raw = forwarded(raw, f"Fwd level {level}")
    [found] = split_attachments(raw, DEFAULT_LIMITS).attachments
    assert found.safe_name == "G.docx" and found.content_type == DOCX
    assert found.container == (
        "forwarded message “Fwd level 1” > forwarded message"
        " “Fwd level 0” > forwarded message “Form G”"
    )


def test_a_base64_encoded_forward_is_opened_too():
    inner = email_bytes(subject="Form G", attachments=[("G.docx", minimal_docx(), DOCX)])
    raw = email_bytes(subject="Fwd", attachments=[("fwd.eml", inner, "message/rfc822")])
    assert b"Content-Transfer-Encoding: base64" in raw
    assert names(raw) == ["G.docx"]


def test_forwarding_deeper_than_the_limit_is_named_as_the_reason():
    raw = email_bytes(attachments=[("G.docx", minimal_docx(), DOCX)])
    for level in range(8):
        raw = forwarded(raw, f"Fwd {level}")
    result = split_attachments(raw, DEFAULT_LIMITS)
    assert result.attachments == []
    assert "nested more than 10 levels deep (MAPPA_MAX_NESTING_DEPTH)" in result.problem


def test_outlook_msg_attachments_and_embedded_messages_are_opened():
    inner = msg.MapiMessage.create("PDP for J Smith", "attached")
    inner.add_attachment("PDP.pdf", minimal_pdf(), mime_type=PDF)
    outer = msg.MapiMessage.create("Fwd: Form G", "see attached")
    outer.add_attachment("Form G – Smith.docx", minimal_docx(), mime_type=DOCX)
    outer.add_embedded_message_attachment(inner, filename="PDP email.msg")
    raw = email_bytes(
        attachments=[("Fwd Form G.msg", outer.to_bytes(), "application/octet-stream")]
    )
    found = split_attachments(raw, DEFAULT_LIMITS).attachments
    assert [(a.safe_name, a.content_type, a.container) for a in found] == [
        ("Fwd Form G.msg", MSG, None),
        ("Form G – Smith.docx", DOCX, "Fwd Form G.msg"),
        ("PDP email.msg", MSG, "Fwd Form G.msg"),
        ("PDP.pdf", PDF, "Fwd Form G.msg > PDP email.msg"),
    ]
    assert [a.could_be_form for a in found] == [False, True, False, True]


def test_a_corrupt_msg_is_kept_with_the_reason():
    broken = msg.MapiMessage.create("x", "y").to_bytes()[:1500]
    raw = email_bytes(attachments=[("broken.msg", broken, "application/vnd.ms-outlook")])
    [found] = split_attachments(raw, DEFAULT_LIMITS).attachments
    assert found.data == broken
    assert found.might_hide_form and "could not be opened" in found.problem


def test_winmail_dat_is_unpacked():
    dat = winmail_dat([("Form G – Smith.docx", minimal_docx()), ("notes.txt", b"hello")])
    raw = email_bytes(attachments=[("winmail.dat", dat, "application/ms-tnef")])
    found = split_attachments(raw, DEFAULT_LIMITS).attachments
    assert [(a.safe_name, a.container) for a in found] == [
        ("winmail.dat", None),
        ("Form G – Smith.docx", "winmail.dat"),
        ("notes.txt", "winmail.dat"),
    ]
    assert found[1].data == minimal_docx()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("filename*=iso-8859-1''R%E9f%E9rence%20MAPPA.docx", "Référence MAPPA.docx"),
        (
            "filename*0*=utf-8''Form%20G%20%E2%80%93%20; filename*1*=J%20Sm%C3%AFth.docx",
            "Form G – J Smïth.docx",
        ),
        ('filename="=?windows-1252?q?Form_G_=96_O=92Brien.docx?="', "Form G – O’Brien.docx"),
        ('filename="=?shift_jis?b?g4GDQ4OLLmRvY3g=?="', "メイル.docx"),
        ('filename="=?koi8-r?b?5s/SzcEuZG9jeA==?="', "Форма.docx"),
        ('filename="=?utf-8?b?Rm9ybSBHIOKAkyDDiWxvw69zZS5kb2N4?="', "Form G – Éloïse.docx"),
    ],
)
def test_rfc2231_and_rfc2047_file_names_in_any_charset(header, expected):
    raw = mime(
        'From: a@nhs.net\nContent-Type: multipart/mixed; boundary="b"',
        f"""
--b
Content-Type: application/octet-stream
Content-Disposition: attachment; {header}
Content-Transfer-Encoding: base64

{DOCX_B64}
--b--
""",
    )
    [found] = split_attachments(raw, DEFAULT_LIMITS).attachments
    assert found.filename == expected and found.safe_name == expected


@pytest.mark.parametrize(
    "part_headers",
    [
        'Content-Disposition: attachment; filename="form"',  # no Content-Type, no extension
        'Content-Type: image/jpeg; name="form.jpg"',  # a wrong type and a wrong name
        'Content-Type: text/plain\nContent-Disposition: attachment; filename="form.txt"',
    ],
)
def test_the_real_type_is_sniffed_from_the_bytes(part_headers):
    raw = mime(
        'From: a@nhs.net\nContent-Type: multipart/mixed; boundary="b"',
        f"""
--b
{part_headers}
Content-Transfer-Encoding: base64

{base64.encodebytes(minimal_pdf()).decode()}
--b--
""",
    )
    [found] = split_attachments(raw, DEFAULT_LIMITS).attachments
    assert found.content_type == PDF and found.could_be_form


def test_an_unnamed_inline_document_is_still_an_attachment():
    raw = mime(
        'From: a@nhs.net\nContent-Type: multipart/mixed; boundary="b"',
        f"""
--b
Content-Type: text/plain

hello
--b
Content-Type: application/pdf
Content-Disposition: inline
Content-Transfer-Encoding: base64

{base64.encodebytes(minimal_pdf()).decode()}
--b--
""",
    )
    assert names(raw) == ["attachment-1.pdf"]


@pytest.mark.parametrize(
    ("filename", "stored"),
    [
        ("../../../etc/cron.d/evil.docx", "evil.docx"),
        ("C:\\Users\\referrer\\Desktop\\Form G.docx", "Form G.docx"),
        ("CON.docx", "CON_.docx"),
        ("lpt1", "lpt1_"),
        ("form\x00.docx", "form .docx"),
        ("...", "attachment-1.docx"),
    ],
)
def test_stored_names_are_safe(filename, stored):
    raw = email_bytes(attachments=[(filename, minimal_docx(), DOCX)])
    assert names(raw) == [stored]


def test_a_very_long_name_is_cut_but_keeps_its_extension():
    raw = email_bytes(attachments=[("Référence " * 40 + ".docx", minimal_docx(), DOCX)])
    [name] = names(raw)
    assert name.endswith(".docx") and len(name.encode()) <= 150


def test_more_attachments_than_the_limit_names_the_limit():
    raw = email_bytes(attachments=[(f"{n}.pdf", minimal_pdf(), PDF) for n in range(6)])
    result = split_attachments(raw, replace(DEFAULT_LIMITS, max_attachments=5))
    assert result.attachments == []
    assert "more than 5 attachments (MAPPA_MAX_ATTACHMENTS)" in result.problem


def test_an_oversized_attachment_is_kept_but_not_opened():
    big = minimal_pdf() + b"0" * 5000
    raw = email_bytes(attachments=[("big.pdf", big, PDF), ("small.pdf", minimal_pdf(), PDF)])
    big_found, small = split_attachments(
        raw, replace(DEFAULT_LIMITS, max_attachment_bytes=4096)
    ).attachments
    assert big_found.data == big and "(MAPPA_MAX_ATTACHMENT_BYTES)" in big_found.problem
    assert small.problem is None


def test_an_oversized_message_is_not_opened():
    raw = email_bytes(attachments=[("a.pdf", minimal_pdf() + b"0" * 3000, PDF)])
    result = split_attachments(raw, replace(DEFAULT_LIMITS, max_message_bytes=2048))
    assert "(MAPPA_MAX_MESSAGE_BYTES)" in result.problem and result.attachments == []


LINE_ENDING_CASES = [
    email_bytes(subject="CRLF", attachments=[("Form A.docx", minimal_docx(), DOCX)]),
    email_bytes(subject="LF", attachments=[("Form A.docx", minimal_docx(), DOCX)]).replace(
        b"\r\n", b"\n"
    ),
    email_bytes(subject="CR", attachments=[("Form A.pdf", minimal_pdf(), PDF)]).replace(
        b"\r\n", b"\r"
    ),
    mime(
        "From referrer@trust.nhs.uk Mon Nov 16 09:30:00 2026\nContent-Type: multipart/mixed;"
        ' boundary="outer"',
        "preamble\n--outer\nContent-Type: multipart/alternative; boundary=inner\n\n--inner\n"
        "Content-Type: text/plain\n\nplain\n\n--inner--\nepilogue inner\n--outer\n"
        "Content-Type: text/plain\n\nno newline before the boundary\n--outer--\n"
        "epilogue outer\n\n",
    ),
]


def parsed_tree(raw: bytes) -> list[tuple[object, ...]]:
    message = email.message_from_bytes(raw, policy=compat32)
    return [
        (
            part.get_content_type(),
            part.get_unixfrom(),
            part.preamble,
            part.epilogue,
            None if part.is_multipart() else part.get_payload(),
        )
        for part in message.walk()
    ]


def test_the_faster_line_ending_search_reads_every_message_as_the_stdlib_does(monkeypatch):
    monkeypatch.setattr(feedparser, "NLCRE_eol", re.compile(line_endings.PATTERN))
    stock = [parsed_tree(raw) for raw in LINE_ENDING_CASES]
    line_endings.install()
    assert isinstance(feedparser.NLCRE_eol, line_endings.TailSearch)
    assert [parsed_tree(raw) for raw in LINE_ENDING_CASES] == stock
