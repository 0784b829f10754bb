"""Real PDFs for the PDF reader's tests: drawn with reportlab, made hostile with pypdf.

Each builder returns the bytes of a whole file, the way an attachment arrives, so that the tests
exercise pypdf's parsing as well as the reader.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

Draw = Callable[[Canvas], None]
TOP = 780  # the baseline of a page's first line
LEADING = 16
LABEL_X, VALUE_X, TABLE_RIGHT = 72, 240, 520


def canvas_pdf(*pages: Draw) -> bytes:
    """A PDF with one page per drawing function (which may add AcroForm fields)."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for draw in pages:
        canvas.setFont("Helvetica", 11)
        draw(canvas)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def lines(*texts: str, x: float = 72, top: float = TOP, font: str = "Helvetica") -> Draw:
    """Draws one text line per string, from the top of the page down."""

    def draw(canvas: Canvas) -> None:
        canvas.setFont(font, 11)
        for number, text in enumerate(texts):
            canvas.drawString(x, top - number * LEADING, text)

    return draw


def together(*draws: Draw) -> Draw:
    """Several drawings on one page."""

    def draw(canvas: Canvas) -> None:
        for each in draws:
            each(canvas)

    return draw


def text_pdf(*pages: list[str]) -> bytes:
    """A Word-like export: each page's lines of plain text."""
    return canvas_pdf(*(lines(*page) for page in pages))


def table(rows: list[tuple[str | list[str], list[str]]], top: float = TOP) -> Draw:
    """A bordered two-column table as Word or LibreOffice export one: the label's lines in the
    left cell, the value's in the right cell, wrapped lines below the first."""

    def draw(canvas: Canvas) -> None:
        y = top
        for label, value in rows:
            label_lines = [label] if isinstance(label, str) else label
            height = LEADING * max(1, len(value), len(label_lines)) + 6
            canvas.rect(LABEL_X - 4, y - height + 12, VALUE_X - LABEL_X, height)
            canvas.rect(VALUE_X - 4, y - height + 12, TABLE_RIGHT - VALUE_X, height)
            for x, cell in ((LABEL_X, label_lines), (VALUE_X, value)):
                for number, text in enumerate(cell):
                    canvas.drawString(x, y - number * LEADING, text)
            y -= height

    return draw


def image_only_pdf(pages: int = 1) -> bytes:
    """A scan: each page one picture, no text at all."""
    from PIL import Image  # reportlab's own dependency

    picture = BytesIO()
    Image.new("L", (200, 280), color=230).save(picture, format="PNG")

    def draw(canvas: Canvas) -> None:
        canvas.drawImage(ImageReader(BytesIO(picture.getvalue())), 0, 0, *A4)

    return canvas_pdf(*([draw] * pages))


def many_pages_pdf(count: int) -> bytes:
    return canvas_pdf(*(lines(f"Page {n}") for n in range(1, count + 1)))


def encrypted(data: bytes, user_password: str, owner_password: str) -> bytes:
    """The same PDF protected: with a user password it will not open without it; with only an
    owner password every viewer opens it."""
    writer = PdfWriter(clone_from=BytesIO(data))
    writer.encrypt(user_password, owner_password, algorithm="AES-256")
    return _written(writer)


def with_page_loop(data: bytes) -> bytes:
    """The same PDF with its page tree's /Kids pointing back at the tree itself."""
    writer = PdfWriter(clone_from=BytesIO(data))
    tree = writer.root_object["/Pages"]
    tree[NameObject("/Kids")] = ArrayObject([tree.indirect_reference])
    return _written(writer)


def with_to_unicode(data: bytes, base_font: str, mapping: dict[str, str]) -> bytes:
    """The same PDF with one font's characters read as others (a /ToUnicode map), the way Word
    exports Wingdings check boxes as private-use characters."""
    pairs = " ".join(f"<{ord(a):02X}> <{ord(b):04X}>" for a, b in mapping.items())
    cmap = DecodedStreamObject()
    cmap.set_data(
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def "
        b"1 begincodespacerange <00> <FF> endcodespacerange "
        + f"{len(mapping)} beginbfchar {pairs} endbfchar ".encode()
        + b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    writer = PdfWriter(clone_from=BytesIO(data))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/BaseFont"] == f"/{base_font}":
                font[NameObject("/ToUnicode")] = writer._add_object(cmap)
    return _written(writer)


def with_field_entry(data: bytes, name: str, key: str, value: object) -> bytes:
    """The same PDF with one entry of a top-level field's dictionary set (e.g. a radio
    group's /Opt)."""
    writer = PdfWriter(clone_from=BytesIO(data))
    for reference in writer.root_object["/AcroForm"]["/Fields"]:
        field = reference.get_object()
        if field.get("/T") == name:
            field[NameObject(key)] = value
    return _written(writer)


def _written(writer: PdfWriter) -> bytes:
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def with_fields_grouped(data: bytes, parent: str, names: list[str], loop: bool = False) -> bytes:
    """The same PDF with some top-level fields moved under a new parent field (their full names
    become "parent.name"); with `loop`, the parent also lists itself among its kids."""
    writer = PdfWriter(clone_from=BytesIO(data))
    fields = writer.root_object["/AcroForm"]["/Fields"]
    kids = [ref for ref in fields if ref.get_object().get("/T") in names]
    group = DictionaryObject({NameObject("/T"): TextStringObject(parent)})
    group_reference = writer._add_object(group)
    for kid in kids:
        fields.remove(kid)
        kid.get_object()[NameObject("/Parent")] = group_reference
    group[NameObject("/Kids")] = ArrayObject([*kids, group_reference] if loop else kids)
    fields.append(group_reference)
    return _written(writer)


def with_form_drawing_itself(data: bytes) -> bytes:
    """The same PDF with its first form XObject drawing itself: a reference loop in the
    drawing instructions."""
    writer = PdfWriter(clone_from=BytesIO(data))
    xobjects = writer.pages[0]["/Resources"]["/XObject"]
    name, reference = next(iter(xobjects.items()))
    form = reference.get_object()
    looped = DecodedStreamObject()
    looped.update({k: v for k, v in form.items() if k not in ("/Filter", "/Length")})
    looped.set_data(form.get_data() + f" {name} Do".encode())
    looped_reference = writer._add_object(looped)
    resources = DictionaryObject(form.get("/Resources", DictionaryObject()).get_object())
    resources[NameObject("/XObject")] = DictionaryObject({NameObject(name): looped_reference})
    looped[NameObject("/Resources")] = resources
    xobjects[NameObject(name)] = looped_reference
    return _written(writer)
