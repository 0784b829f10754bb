"""Hostile documents built in code, the way an attacker (or a broken writer) would send them:
zip bombs, entity bombs, external entities, deep nesting, locked files, loops and huge counts.

Each builder returns the bytes of a whole file, as an attachment arrives. Nothing is
downloaded: pypdf, reportlab, zipfile and python-docx write them, or a few lines of raw
PDF, zip or compound-file structure where a library would refuse to write something broken.
"""

from __future__ import annotations

import random
import re
import struct
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

from tests.support.docx_builder import DECLARATIONS, declare_size, p, r, rezip, table, tc, tr
from tests.support.pdf_builder import text_pdf
from tests.support.word import FORM_G_LINES, word

MB = 1024 * 1024


def form_docx() -> bytes:
    """A Form G written as "Label: value" lines: what each hostile .docx is made from."""
    return word(*FORM_G_LINES)


def form_pdf() -> bytes:
    return text_pdf(list(FORM_G_LINES))


def form_rtf() -> bytes:
    """The same Form G as an RTF file, one paragraph per line (non-ASCII as \\u escapes)."""
    lines = ["".join(c if ord(c) < 128 else f"\\u{ord(c)}?" for c in line) for line in FORM_G_LINES]
    return (
        "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}" + "\\par ".join(lines) + "\\par}"
    ).encode()


# -- zip bombs -----------------------------------------------------------------------------------
def declared_as_huge() -> bytes:
    """The document part declares it expands to 4 GB (nothing in the file is that large)."""
    return declare_size(form_docx(), "word/document.xml", 0xFFFF_FFFF)


def inflating_past_its_size(padding: int = 1024 * MB) -> bytes:
    """The document part's deflate stream goes on for `padding` bytes of zeros past the part
    (1 MB of file), while the zip declares only the part's own size and checksum: a reader
    that inflated the whole stream before cutting it to size would make 1 GB."""
    original = form_docx()
    with zipfile.ZipFile(BytesIO(original)) as archive:
        part = archive.read("word/document.xml")
    head, zeros, end = _deflated(part, -zlib.MAX_WBITS)
    stream = head + zeros * (padding // MB) + end
    return _with_raw_member(original, "word/document.xml", part, stream)


def _deflated(start: bytes, wbits: int) -> tuple[bytes, bytes, bytes]:
    """`start` deflated, then 1 MB of zeros deflated on its own (a full flush resets the
    history, so copies of it in a row are a valid stream), then the stream's end."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    head = compressor.compress(start) + compressor.flush(zlib.Z_FULL_FLUSH)
    zeros = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return head, zeros, compressor.flush()


def _with_raw_member(data: bytes, name: str, content: bytes, stream: bytes) -> bytes:
    """The package with `name` last, its compressed bytes `stream`, and its declared size and
    CRC those of `content`."""
    rest = rezip(data, {name: None})
    with zipfile.ZipFile(BytesIO(rest)) as archive:
        end = archive.start_dir
        directory = rest[end : rest.rfind(b"PK\x05\x06")]
        count = len(archive.infolist()) + 1
    crc, size, encoded = zlib.crc32(content), len(content), name.encode()
    fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0, crc, len(stream), size)
    local = b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded
    central = (
        b"PK\x01\x02"
        + struct.pack("<H", 20)
        + fields
        + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, end)
        + encoded
    )
    directory += central
    start = end + len(local) + len(stream)
    tail = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0)
    return rest[:end] + local + stream + directory + tail


def compression_bomb() -> bytes:
    """A 40 MB part of zeros, declared honestly: under the per-part size limit, but it
    expands a thousand times."""
    return rezip(form_docx(), {"word/media/image1.bin": bytes(40 * MB)})


def many_entries(count: int = 480_000) -> bytes:
    """A 20 MB package whose central directory lists `count` extra entries, all pointing at
    the same local file: zipfile would spend seconds and 300 MB listing them."""
    data = form_docx()
    end = data.rfind(b"PK\x05\x06")
    size, start = struct.unpack_from("<II", data, end + 12)
    directory = data[start : start + size]
    entry = bytearray(directory[:46])
    names = []
    for n in range(count):
        name = f"x{n}".encode()
        struct.pack_into("<HHH", entry, 28, len(name), 0, 0)
        names.append(bytes(entry) + name)
    listing = directory + b"".join(names)
    total = min(count + directory.count(b"PK\x01\x02"), 0xFFFF)
    tail = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, total, total, len(listing), start, 0)
    return data[:start] + listing + tail


# -- XML -----------------------------------------------------------------------------------------
def _document_xml(body: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document {DECLARATIONS} xmlns:xi="http://www.w3.org/2001/XInclude">'
        f"<w:body>{p(r(FORM_G_LINES[0]))}{body}</w:body></w:document>"
    ).encode()


def _with_body(body: str, prolog: str = "") -> bytes:
    return rezip(form_docx(), {"word/document.xml": _document_xml(body, prolog)})


def billion_laughs() -> bytes:
    """Ten levels of entities each ten times the last: 10⁹ "lol"s if expanded."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )
    return _with_body(p(r("Family name: &lol9;")), f"<!DOCTYPE w:document [{entities}]>")


def external_entity(secret: Path) -> bytes:
    """An entity whose text is a local file's, shown where the family name goes."""
    prolog = f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>'
    return _with_body(p(r("Family name: &secret;")), prolog)


def external_dtd(secret: Path) -> bytes:
    """A DOCTYPE naming a local file as its external DTD."""
    return _with_body(p(r("Family name: Trelawny")), f'<!DOCTYPE w:document SYSTEM "{secret}">')


def xinclude(secret: Path) -> bytes:
    """An XInclude of a local file as text inside the address's run (no DOCTYPE at all)."""
    include = f'<xi:include href="{secret.as_uri()}" parse="text"/>'
    return _with_body(
        p(r("Family name: Trelawny")) + p(r("Address: ") + f"<w:r><w:t>{include}</w:t></w:r>")
    )


def linked_header(secret: Path) -> bytes:
    """A header that is a link to a local file (an external relationship), not a part."""
    rels_name = "word/_rels/document.xml.rels"
    with zipfile.ZipFile(BytesIO(form_docx())) as archive:
        rels = archive.read(rels_name).decode()
    link = (
        '<Relationship Id="rIdSecret" TargetMode="External" Target="'
        f'{secret.as_uri()}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/header"/></Relationships>'
    )
    section = '<w:sectPr><w:headerReference w:type="default" r:id="rIdSecret"/></w:sectPr>'
    return rezip(
        form_docx(),
        {
            rels_name: rels.replace("</Relationships>", link).encode(),
            "word/document.xml": _document_xml(p(r("Family name: Trelawny")) + section),
        },
    )


def deep_xml(depth: int = 30_000) -> bytes:
    """Elements each inside the last, the document part still under 1 MB (so its size and
    ratio pass and the XML parser meets the depth)."""
    nested = "<w:customXml>" * depth + p(r("deep")) + "</w:customXml>" * depth
    return _with_body(nested)


def nested_tables(depth: int) -> bytes:
    """Tables each inside a cell of the last, the innermost holding a family name."""
    nested = p(r("Family name: Trelawny"))
    for _ in range(depth):
        nested = table(tr(tc(nested)))
    return _with_body(nested)


# -- locked files ---------------------------------------------------------------------------------
FREE, END_OF_CHAIN, FAT_SECTOR, NO_STREAM = 0xFFFF_FFFF, 0xFFFF_FFFE, 0xFFFF_FFFD, 0xFFFF_FFFF


def encrypted_docx() -> bytes:
    """What Word saves for a .docx with a password to open: not a zip but an OLE compound
    file (version 3, 512-byte sectors) holding the streams EncryptionInfo (agile encryption)
    and EncryptedPackage. Only the structure is real; the package is random-looking bytes."""
    # Both streams at least the 4 KB "mini stream cutoff", so they live in ordinary sectors.
    info = struct.pack("<HHI", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
        b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"/>'
        b"</encryption>"
    ).ljust(4088, b"\0")
    package = struct.pack("<Q", 8_000) + random.Random(4).randbytes(8_184)
    streams = [info, package]
    fat, sector, starts = [FAT_SECTOR, END_OF_CHAIN], 2, []
    for stream in streams:
        count = len(stream) // 512
        starts.append(sector)
        fat += [*range(sector + 1, sector + count), END_OF_CHAIN]
        sector += count
    fat += [FREE] * (128 - len(fat))
    directory = (
        _entry("Root Entry", 5, child=1, start=END_OF_CHAIN, size=0)
        + _entry("EncryptionInfo", 2, right=2, start=starts[0], size=len(info))
        + _entry("EncryptedPackage", 2, start=starts[1], size=len(package))
        + _entry("", 0, start=0, size=0)
    )
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
        + struct.pack("<109I", 0, *[FREE] * 108)
    )
    return header + struct.pack("<128I", *fat) + directory + b"".join(streams)


def _entry(
    name: str, kind: int, *, start: int, size: int, child: int = NO_STREAM, right: int = NO_STREAM
) -> bytes:
    """One 128-byte directory entry of a compound file (black in its red-black tree)."""
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NO_STREAM, right, child)
        + bytes(16 + 4 + 16)
        + struct.pack("<IQ", start, size)
    )


# -- PDF structure ---------------------------------------------------------------------------------
def with_xref_loop(data: bytes) -> bytes:
    """The PDF with an update appended whose cross-reference section names itself as the
    previous one (/Prev), so a reader following the chain would go round for ever."""
    root = re.search(rb"/Root (\d+ \d+ R)", data)
    size = re.search(rb"/Size (\d+)", data)
    assert root and size
    at = len(data)
    trailer = b"<< /Size %s /Root %s /Prev %d >>" % (size[1], root[1], at)
    return data + b"xref\n0 0\ntrailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (trailer, at)


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalogue) with its xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def many_pages(count: int, declared: int | None = None) -> bytes:
    """A PDF of `count` pages sharing one line of text; its page tree declares `declared`
    pages (/Count), by default the truth."""
    content = b"BT /F1 12 Tf 72 720 Td (Family name: Trelawny) Tj ET"
    kids = b" ".join(b"%d 0 R" % n for n in range(5, 5 + count))
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
        b" /Resources << /Font << /F1 4 0 R >> >> >>"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (kids, count if declared is None else declared),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return raw_pdf(objects + [page] * count)


def content_bomb(size: int = 1024 * MB) -> bytes:
    """A one-page PDF whose drawing instructions are a line of text and then `size` bytes of
    zeros, deflated to 1 MB."""
    text = b"BT /F1 12 Tf 72 720 Td (Family name: Trelawny) Tj ET\n"
    head, zeros, _ = _deflated(text, zlib.MAX_WBITS)
    checksum = zlib.adler32(text)
    for _ in range(size // MB):
        checksum = zlib.adler32(bytes(MB), checksum)
    # The zlib stream's end: an empty final block, then the checksum of everything.
    stream = head + zeros * (size // MB) + b"\x03\x00" + struct.pack(">I", checksum)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>",
    ]
    return raw_pdf(objects)


# -- RTF -------------------------------------------------------------------------------------------
def nested_groups(depth: int = 2_000_000) -> bytes:
    """An RTF of `depth` groups each inside the last (4 MB): LibreOffice takes 4 GB and 10 s
    to read it when nothing stops it."""
    return b"{\\rtf1 " + b"{" * depth + b"Family name: Trelawny" + b"}" * depth + b"}"
