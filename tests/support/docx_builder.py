"""Real .docx files for the Word reader's tests: written by python-docx, with raw
WordprocessingML put in where python-docx has no API (form fields, content controls, tracked
changes, text boxes), and made hostile by rewriting the zip.

Each builder returns the bytes of a whole file, the way an attachment arrives, so that the tests
exercise python-docx's package reading as well as the reader; the last helpers pick out of the
Document read back what the tests compare.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable
from io import BytesIO

import docx
from docx.document import Document as WordDocument
from docx.oxml.parser import parse_xml
from lxml.etree import _Element

from parsers.document import Document, Line, Paragraph, Table
from parsers.docx_reader import read_docx

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "v": "urn:schemas-microsoft-com:vml",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
}
DECLARATIONS = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())

Build = Callable[[WordDocument], None]


def elements(fragment: str) -> list[_Element]:
    """WordprocessingML written with the usual prefixes, parsed as python-docx would."""
    return list(parse_xml(f"<w:wrapper {DECLARATIONS}>{fragment}</w:wrapper>"))


def append_body(document: WordDocument, fragment: str) -> None:
    """Blocks added at the end of the body (before its section properties)."""
    body = document.element.body
    anchor = body.sectPr
    for element in elements(fragment):
        if anchor is not None:
            anchor.addprevious(element)
        else:
            body.append(element)


def docx_bytes(*builds: Build) -> bytes:
    """A new document changed by each build in turn, saved."""
    document = docx.Document()
    for build in builds:
        build(document)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def body_docx(*fragments: str) -> bytes:
    """A document whose body is these blocks of raw WordprocessingML."""
    return docx_bytes(
        *(lambda document, f=fragment: append_body(document, f) for fragment in fragments)
    )


def p(*content: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{''.join(content)}</w:p>"


def r(text: str = "", rpr: str = "", inner: str = "") -> str:
    """A run: its text as w:t (spaces kept), or `inner` run content as written."""
    body = inner or f'<w:t xml:space="preserve">{text}</w:t>'
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{body}</w:r>"


def field(code: str, result: str = "", data: str = "") -> str:
    """A complex field: begin (with form-field data), its code, and a result if given."""
    begin = f'<w:fldChar w:fldCharType="begin">{data}</w:fldChar>'
    code_run = r(inner=f'<w:instrText xml:space="preserve"> {code} </w:instrText>')
    middle = r(inner='<w:fldChar w:fldCharType="separate"/>') + result if result else ""
    return r(inner=begin) + code_run + middle + r(inner='<w:fldChar w:fldCharType="end"/>')


def legacy_checkbox(name: str | None, checked: str | None = None, default: str = "0") -> str:
    """A FORMCHECKBOX: `checked` is the w:checked element's value ("" for no value), or None
    for no w:checked at all (Word then shows w:default)."""
    state = (
        "" if checked is None else f'<w:checked w:val="{checked}"/>' if checked else "<w:checked/>"
    )
    data = (
        f"<w:ffData>{_name(name)}<w:enabled/>"
        f'<w:checkBox><w:sizeAuto/><w:default w:val="{default}"/>{state}</w:checkBox></w:ffData>'
    )
    return field("FORMCHECKBOX", data=data)


def _name(name: str | None) -> str:
    return f'<w:name w:val="{name}"/>' if name else ""


def legacy_text(name: str | None, *result_runs: str) -> str:
    data = f"<w:ffData>{_name(name)}<w:textInput/></w:ffData>"
    return field("FORMTEXT", "".join(result_runs), data)


def legacy_dropdown(name: str, entries: list[str], result: int | None) -> str:
    chosen = "" if result is None else f'<w:result w:val="{result}"/>'
    listing = "".join(f'<w:listEntry w:val="{entry}"/>' for entry in entries)
    data = f'<w:ffData><w:name w:val="{name}"/><w:ddList>{chosen}{listing}</w:ddList></w:ffData>'
    return field("FORMDROPDOWN", data=data)


def control(content: str, tag: str = "", alias: str = "", extra: str = "") -> str:
    """A content control (inline or block, as `content` is runs or blocks)."""
    props = (
        (f'<w:alias w:val="{alias}"/>' if alias else "")
        + (f'<w:tag w:val="{tag}"/>' if tag else "")
        + extra
    )
    return f"<w:sdt><w:sdtPr>{props}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"


def checkbox_control(tag: str, checked: bool) -> str:
    glyph = "☒" if checked else "☐"
    extra = (
        f'<w14:checkbox><w14:checked w14:val="{int(checked)}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox>'
    )
    return control(
        r(glyph, '<w:rFonts w:ascii="MS Gothic" w:hAnsi="MS Gothic"/>'), tag, extra=extra
    )


def text_box(*paragraphs: str) -> str:
    """A run holding a text box as Word writes it: a DrawingML shape, with a VML copy of the
    same box as the fallback for old readers."""
    content = f"<w:txbxContent>{''.join(paragraphs)}</w:txbxContent>"
    drawing = (
        '<w:drawing><wp:anchor><wp:extent cx="914400" cy="457200"/><wp:docPr id="1" name="Box"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        f'wordprocessingShape"><wps:wsp><wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    vml = (
        f'<w:pict><v:shape style="width:72pt;height:36pt"><v:textbox>{content}</v:textbox>'
        "</v:shape></w:pict>"
    )
    return r(
        inner=f'<mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
        f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent>"
    )


def table(*rows: str, props: str = "") -> str:
    return f"<w:tbl><w:tblPr>{props}</w:tblPr>{''.join(rows)}</w:tbl>"


def tr(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


def tc(*blocks: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(blocks) or '<w:p/>'}</w:tc>"


def png_bytes() -> bytes:
    """A 1×1 PNG: enough for python-docx to insert a picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def rezip(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The same package with members replaced, added, or (None) removed."""
    buffer = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for member in source.infolist():
            if member.filename not in changes:
                target.writestr(member, source.read(member), zipfile.ZIP_DEFLATED)
        for name, content in changes.items():
            if content is not None:
                target.writestr(name, content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def declare_size(data: bytes, name: str, size: int) -> bytes:
    """The package with the uncompressed size its central directory declares for `name`
    changed, as a crafted zip bomb's would be (nothing is really that large)."""
    encoded = name.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == encoded:
            return data[: at + 24] + struct.pack("<I", size) + data[at + 28 :]
        at = data.find(b"PK\x01\x02", at + 4)
    raise KeyError(name)


# What the tests look at in the Document read back


def read_body(*fragments: str) -> Document:
    """The Document read from a file whose body is these blocks."""
    return read_docx(body_docx(*fragments))


def paragraph_texts(document: Document) -> list[tuple[str, str]]:
    """(place, text) of each top-level paragraph."""
    return [(b.where, b.line.text) for b in document.blocks if isinstance(b, Paragraph)]


def all_tables(document: Document) -> list[Table]:
    """Every table, depth-first, nested ones included."""
    found: list[Table] = []

    def visit(table: Table) -> None:
        found.append(table)
        for row in table.rows:
            for cell in row.cells:
                for inner in cell.tables:
                    visit(inner)

    for block in document.blocks:
        if isinstance(block, Table):
            visit(block)
    return found


def cell_texts(table: Table) -> list[list[tuple[str, str]]]:
    """(place, text) of each cell, row by row."""
    return [[(cell.where, cell.text) for cell in row.cells] for row in table.rows]


def first_line(document: Document) -> Line:
    """The line of the first block, a paragraph."""
    block = document.blocks[0]
    assert isinstance(block, Paragraph)
    return block.line


def first_runs(document: Document) -> list[tuple[str, str | None]]:
    """(text, source) of each run of the first block, a paragraph."""
    return [(run.text, run.source) for run in first_line(document).runs]
