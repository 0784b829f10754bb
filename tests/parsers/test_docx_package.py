"""Hostile and broken Word files end in a reason a SPOC can act on, quickly, never a crash."""

from __future__ import annotations

import os
import random
import time
import zipfile
from collections.abc import Callable
from io import BytesIO

import pytest

from parsers.document import Paragraph
from parsers.docx_reader import read_docx
from parsers.problems import DocumentProblem
from tests.support.docx_builder import (
    DECLARATIONS,
    body_docx,
    declare_size,
    p,
    r,
    rezip,
    table,
    tc,
    tr,
)

MB = 1024 * 1024
FORM = body_docx(p(r("MAPPA Form G")), table(tr(tc(p(r("Family name"))), tc(p(r("Smith"))))))


def document_xml(body: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f"<w:document {DECLARATIONS}><w:body>{body}</w:body></w:document>"
    ).encode()


def problem(data: bytes) -> DocumentProblem:
    """The reason the file is refused, which must come within a few seconds."""
    started = time.perf_counter()
    with pytest.raises(DocumentProblem) as raised:
        read_docx(data)
    assert time.perf_counter() - started < 5
    assert "ask the referrer" in raised.value.message
    return raised.value


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )
    prolog = f"<!DOCTYPE w:document [{entities}]>"
    return rezip(FORM, {"word/document.xml": document_xml(p(r("&lol9;")), prolog)})


def external_entity() -> bytes:
    prolog = '<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    return rezip(FORM, {"word/document.xml": document_xml(p(r("&secret;")), prolog)})


def utf16_doctype() -> bytes:
    text = document_xml(p(r("x")), '<!DOCTYPE w:document [<!ENTITY a "b">]>').decode()
    utf16 = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    return rezip(FORM, {"word/document.xml": utf16})


def doctype_in_a_part_named_as_a_picture() -> bytes:
    return rezip(FORM, {"word/media/image1.png": b'<!DOCTYPE x [<!ENTITY a SYSTEM "http://x/">]>'})


def deep_nesting() -> bytes:
    depth = 10_000
    nested = "<w:customXml>" * depth + p(r("deep")) + "</w:customXml>" * depth
    return rezip(FORM, {"word/document.xml": document_xml(nested)})


def many_members() -> bytes:
    return rezip(FORM, {f"word/media/image{n}.png": b"x" for n in range(3_000)})


def declared_huge_member() -> bytes:
    return declare_size(FORM, "word/document.xml", 60 * MB)


def declared_huge_total() -> bytes:
    """Five parts each under the part limit and expanding under 200 times, 225 MB in all."""
    noise = random.Random(1).randbytes(250 * 1024)
    data = rezip(FORM, {f"word/media/image{n}.bin": noise for n in range(5)})
    for n in range(5):
        data = declare_size(data, f"word/media/image{n}.bin", 45 * MB)
    return data


def endless_paragraphs() -> bytes:
    return rezip(FORM, {"word/document.xml": document_xml("<w:p/>" * 100_001)})


def compression_ratio() -> bytes:
    return rezip(FORM, {"word/media/image1.bin": bytes(2 * MB)})  # zeros: over 1,000 to 1


def truncated() -> bytes:
    return FORM[: len(FORM) // 2]


def encrypted_word_file() -> bytes:
    """What Word writes for a password-protected .docx: an OLE compound file (not a zip)
    holding the encrypted package in a stream named EncryptedPackage."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = "EncryptedPackage".encode("utf-16-le").ljust(64, b"\x00") + bytes(64)
    return header + directory + os.urandom(4096)


def old_word_file() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le")


def without_document_part() -> bytes:
    return rezip(FORM, {"word/document.xml": None})


def without_content_types() -> bytes:
    return rezip(FORM, {"[Content_Types].xml": None})


def corrupt_stream() -> bytes:
    """A bit flipped inside the document part's compressed bytes (its CRC no longer matches)."""
    with zipfile.ZipFile(BytesIO(FORM)) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data = bytearray(FORM)
    data[start + info.compress_size // 2] ^= 0xFF
    return bytes(data)


def zip_password() -> bytes:
    data = bytearray(FORM)
    at = data.find(b"PK\x01\x02")
    while at != -1:  # the "encrypted" flag in every central directory entry
        data[at + 8] |= 0x1
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (declared_huge_member, "parse_limit"),
        (declared_huge_total, "parse_limit"),
        (compression_ratio, "parse_limit"),
        (many_members, "parse_limit"),
        (endless_paragraphs, "parse_limit"),
        (billion_laughs, "file_corrupt"),
        (external_entity, "file_corrupt"),
        (utf16_doctype, "file_corrupt"),
        (doctype_in_a_part_named_as_a_picture, "file_corrupt"),
        (deep_nesting, "file_corrupt"),
        (truncated, "file_corrupt"),
        (corrupt_stream, "file_corrupt"),
        (without_document_part, "file_corrupt"),
        (without_content_types, "file_corrupt"),
        (old_word_file, "file_corrupt"),
        (lambda: random.Random(7).randbytes(20_000), "file_corrupt"),
        (lambda: b"PK\x03\x04" + random.Random(8).randbytes(5_000), "file_corrupt"),
        (encrypted_word_file, "file_encrypted"),
        (zip_password, "file_encrypted"),
        (lambda: b"", "file_empty"),
    ],
)
def test_hostile_or_broken_file_ends_in_its_reason(make: Callable[[], bytes], code: str) -> None:
    assert problem(make()).code == code


def test_zip_bomb_reason_is_in_plain_words() -> None:
    message = problem(compression_ratio()).message
    assert "too large to read safely" in message and "zip bomb" in message


def test_spreadsheet_named_docx_is_not_a_word_document() -> None:
    workbook = (
        b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheets/></workbook>'
    )
    found = problem(rezip(FORM, {"word/document.xml": workbook}))
    assert found.code == "file_type_unsupported"


def test_nesting_within_the_parser_limit_is_read() -> None:
    """Eighty tables each inside the last (240 levels of XML) read without a recursion error."""
    nested = p(r("innermost"))
    for _ in range(80):
        nested = table(tr(tc(nested)))
    document = read_docx(rezip(FORM, {"word/document.xml": document_xml(nested)}))
    assert "innermost" in document.all_text()


def damaged(data: bytes, chance: random.Random) -> bytes:
    copy = bytearray(data)
    for _ in range(chance.randint(1, 8)):
        copy[chance.randrange(len(copy))] = chance.randrange(256)
    return bytes(copy)


@pytest.mark.parametrize("where", ["zip", "document.xml", "styles.xml"])
def test_damaged_copies_of_a_form_are_read_or_refused_never_crash(where: str) -> None:
    """Bytes changed at random in the zip or inside one part (so the zip stays sound but the
    XML does not): each copy reads or ends in a reason."""
    chance = random.Random(2024)
    with zipfile.ZipFile(BytesIO(FORM)) as archive:
        part = archive.read(f"word/{where}") if where != "zip" else b""
    for _ in range(100):
        if where == "zip":
            data = damaged(FORM, chance)
        else:
            data = rezip(FORM, {f"word/{where}": damaged(part, chance)})
        try:
            read_docx(data)
        except DocumentProblem as refused:
            assert refused.code in {"file_corrupt", "parse_limit", "file_type_unsupported"}


def test_the_form_itself_reads() -> None:
    document = read_docx(FORM)
    assert isinstance(document.blocks[0], Paragraph)
    assert document.all_text() == "MAPPA Form G\nFamily name\nSmith"
