"""The bytes of a PDF → a `Document`: its text in reading order, with its form fields' values.

Referrers send PDFs filled in a viewer (the answers are AcroForm fields) or exported from Word
(the answers are text, tables laid out as columns): both are read, the fields' values drawn into
the text where a viewer shows them, and nothing here knows a form.
A file that cannot be read safely raises `DocumentProblem` saying what the SPOC should do
(FORMS.md §2.5).
"""

from __future__ import annotations

import re
import struct
import zlib
from collections import defaultdict
from io import BytesIO
from math import ceil
from typing import NoReturn

from pypdf import PageObject, PasswordType, PdfReader, apply_configuration
from pypdf.errors import DependencyError, LimitReachedError, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

from parsers.document import UNTICKED, Block, Document, Table
from parsers.pdf_fields import PlacedField, field_marks, field_table, form_fields, resolve
from parsers.pdf_layout import PageGeometry, PageText, StartsLabel, text_blocks
from parsers.pdf_overlay import Mark, with_marks
from parsers.problems import DocumentProblem

# What pypdf raises on a damaged file: its own errors (a reference loop is a LimitReachedError),
# and Python's where it reads hostile input as far as it can or recurses too deep.
READ_ERRORS = (
    PyPdfError,
    DependencyError,  # a library pypdf needs for this file (AES) is missing
    RecursionError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    OverflowError,
    ZeroDivisionError,
    struct.error,
    zlib.error,
    NotImplementedError,  # a filter pypdf does not know
    AssertionError,  # pypdf asserts on some malformed input
)
# Decoded bytes of drawing instructions: a form's page has tens of KB, and pypdf reads about
# 1 MB a second, so more is a drawing or a file built to keep the reader busy.
MAX_PAGE_CONTENT = 2_000_000
MAX_CONTENT = 8_000_000
MISSED = 1.1  # plain text this much longer than layout text: layout mode missed form XObjects
SHOWS_TEXT = re.compile(rb"T[Jj]")  # the operators that draw text
ENCRYPTED = "password protected: ask the referrer for an unprotected copy"
CORRUPT = "the PDF is damaged or incomplete: ask the referrer to send it again"
SCANNED = "scanned document with no text: ask the referrer for the Word version"
BORDER_LENGTH = 5.0  # points a vertical line runs at least to be a table's border
FIELDS_NOTE = "read from the PDF form fields"
TEXT_NOTE = "read from the PDF text layer"


def read_pdf(
    data: bytes, max_pages: int = 100, starts_label: StartsLabel | None = None
) -> Document:
    """Each page's text as paragraphs and tables numbered 1, 2, …, the filled-in fields drawn
    in it where a viewer shows them; fields on a page without text (or that cannot be drawn)
    come first as one table (number 0). `starts_label` tells wrapped label lines from new
    rows (see `text_blocks`). Raises `DocumentProblem` for a file that cannot be read."""
    try:
        reader = _open(data)
        pages = _pages(reader, max_pages)
        fields = form_fields(reader, pages)
        _check_content(pages)
        texts, drawn = _texts(reader, pages, fields)
    except READ_ERRORS as error:
        raise DocumentProblem("file_corrupt", CORRUPT) from error
    table = field_table([field for field in fields if id(field) not in drawn])
    return _document(table, text_blocks(texts, starts_label), bool(drawn))


def _texts(
    reader: PdfReader, pages: list[PageObject], fields: list[PlacedField]
) -> tuple[list[PageText], set[int]]:
    """Each page's text, with the fields' values drawn where the page has printed text (the
    labels they answer), and the ids of the fields so drawn."""
    marks: dict[int, list[Mark]] = defaultdict(list)
    owners: dict[int, list[PlacedField]] = defaultdict(list)
    for field in fields:
        for number, mark in field_marks(field):
            marks[number].append(mark)
            owners[number].append(field)
    texts = []
    drawn: set[int] = set()
    for number, page in enumerate(pages, 1):
        text, copy = None, None
        if marks[number] and _shows_text(page):
            copy = _with_marks(page, reader, marks[number])
            text, laid_out = _page_text(copy) if copy is not None else (None, False)
            if laid_out:
                drawn.update(id(field) for field in owners[number])
            else:  # plain text puts the values after the page's text, away from their labels
                text = None
        else:
            laid_out = False
        if text is None:
            copy = page
            text, laid_out = _page_text(page)
        geometry = _geometry(copy, text) if laid_out and copy is not None else None
        texts.append(PageText(number, text, geometry))
    return texts, drawn


def _geometry(page: PageObject, text: str) -> PageGeometry | None:
    """Where the page's table borders run (vertical lines) and where each piece of each
    non-empty line of its layout text ends, in the text's character columns, so that a line
    that ran to its cell's right border can be told for a wrap. None where pypdf's layout
    internals cannot say or do not give the text the page's layout mode gave."""
    try:
        from pypdf._text_extraction import _layout_mode
        from pypdf.generic import ContentStream

        contents = resolve(page.get("/Contents"))
        if not isinstance(contents, ArrayObject | StreamObject):
            return None
        fonts = page._layout_mode_fonts()
        ops = iter(ContentStream(contents, page.pdf, "bytes").operations)
        groups = _layout_mode.text_show_operations(ops, fonts, True, None)
        if not groups:
            return None
        width = _layout_mode.fixed_char_width(groups, 1.25)
        lines = _layout_mode.y_coordinate_groups(groups, None)
        borders, left = _borders(page)
    except (*READ_ERRORS, ImportError):
        return None
    if not width or left is None:
        return None
    pieces: list[tuple[tuple[int, float], ...]] = []
    shown = [line.rstrip() for line in text.split("\n") if line.strip()]
    for line in lines.values():
        drawn, ends, at, last = "", [], 0, 0.0
        for op in line:
            offset = int(op["tx"] // width)
            if offset > at and ceil(last) < int(op["tx"]):
                drawn += " " * (offset - at)
                at = offset
            ends.append((at, op["displaced_tx"] / width))
            drawn += op["text"]
            at += len(op["text"])
            last = op["displaced_tx"]
        if drawn.strip():
            pieces.append(tuple(ends))
            if len(pieces) > len(shown) or drawn.rstrip() != shown[len(pieces) - 1]:
                return None
    if len(pieces) != len(shown):
        return None
    edges = tuple(sorted({round((x - left) / width, 1) for x in borders}))
    return PageGeometry(edges, tuple(pieces))


def _borders(page: PageObject) -> tuple[list[float], float | None]:
    """The x of the page's vertical lines (table borders) and where its text starts, in
    points."""
    borders: list[float] = []
    starts: list[float] = []
    moved: list[tuple[float, float]] = []

    def point(matrix: list, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = (float(n) for n in matrix)
        return a * x + c * y + e, b * x + d * y + f

    def text_at(chunk: str, cm: list, tm: list, font: object, size: object) -> None:
        upright = not any(float(m[i]) for m in (cm, tm) for i in (1, 2))  # as layout mode reads
        if chunk.strip() and upright:
            starts.append(point(cm, float(tm[4]), float(tm[5]))[0])

    def drawing(op: bytes, args: list, cm: list, tm: list) -> None:
        try:
            if op == b"m" and len(args) == 2:
                moved[:] = [point(cm, float(args[0]), float(args[1]))]
            elif op == b"l" and len(args) == 2 and moved:
                (x1, y1), (x2, y2) = moved[0], point(cm, float(args[0]), float(args[1]))
                if abs(x1 - x2) < 1 and abs(y1 - y2) > BORDER_LENGTH:
                    borders.append(x1)
                moved[:] = [(x2, y2)]
            elif op == b"re" and len(args) == 4:
                x, y, w, h = (float(n) for n in args)
                if abs(w) < 2 and abs(h) > BORDER_LENGTH:
                    borders.append(point(cm, x + w / 2, y)[0])
        except (TypeError, ValueError):
            pass

    page.extract_text(visitor_text=text_at, visitor_operand_before=drawing)
    return borders, min(starts, default=None)


def _with_marks(page: PageObject, reader: PdfReader, marks: list[Mark]) -> PageObject | None:
    """The page drawing the marks too, or None where that fails (the fields are read apart)."""
    try:
        return with_marks(page, reader, marks)
    except READ_ERRORS:
        return None


def _shows_text(page: PageObject) -> bool:
    """Whether the page's own drawing instructions print text."""
    return any(SHOWS_TEXT.search(stream.get_data()) for stream in _streams(page))


def _open(data: bytes) -> PdfReader:
    """A reader over the file, decrypted when only an owner password protects it (every
    viewer opens such a file without asking)."""
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise DocumentProblem("file_encrypted", ENCRYPTED)
    except READ_ERRORS as error:
        # An encryption pypdf cannot undo (a certificate, a missing library) is still a lock.
        if b"/Encrypt" in data:
            raise DocumentProblem("file_encrypted", ENCRYPTED) from error
        raise
    return reader


def _pages(reader: PdfReader, max_pages: int) -> list[PageObject]:
    """The pages, counted before any is read: a file of thousands is refused at once by the
    count it declares (pypdf would walk its whole page tree to count, 5 s for 50,000 pages),
    and a tree holding more than it declares is damaged, found without walking it all."""
    declared = resolve(reader.root_object.get("/Pages"))
    count = declared.get("/Count") if isinstance(declared, DictionaryObject) else None
    if isinstance(count, int) and count > max_pages:
        _too_many_pages(count, max_pages)
    # A page tree of n pages has fewer than n nodes above them.
    with apply_configuration(page_tree_maximum_entries=2 * max_pages):
        count = len(reader.pages)
    if count > max_pages:
        _too_many_pages(count, max_pages)
    if count == 0:
        raise DocumentProblem("file_corrupt", CORRUPT)
    return list(reader.pages)


def _too_many_pages(count: int, max_pages: int) -> NoReturn:
    raise DocumentProblem(
        "parse_limit",
        f"the PDF has {count:,} pages where a form has a few, over the limit of {max_pages}:"
        " too many to read safely; ask the referrer to send the form on its own",
    )


def _check_content(pages: list[PageObject]) -> None:
    """Refuses, before reading any text, pages with more to draw than a form ever has (or
    more than pypdf will inflate: a few hundred KB can deflate to gigabytes)."""
    total = 0
    for number, page in enumerate(pages, 1):
        try:
            size = _content_size(page)
        except LimitReachedError:
            size = MAX_PAGE_CONTENT + 1
        total += size
        if size > MAX_PAGE_CONTENT or total > MAX_CONTENT:
            raise DocumentProblem(
                "parse_limit",
                f"page {number} of the PDF is too complex to read safely: ask the referrer"
                " for the Word version",
            )


def _page_text(page: PageObject) -> tuple[str, bool]:
    """The page's text with columns kept apart (layout mode), or its plain text where layout
    mode fails on it or misses much of it: layout mode does not read the text of form
    XObjects, where some writers put a whole page or a flattened form's answers. With
    whether it is laid out."""
    try:
        text = page.extract_text(extraction_mode="layout")
    except READ_ERRORS:
        return page.extract_text(), False
    if _draws_forms(page):
        plain = page.extract_text()
        if _visible(plain) > _visible(text) * MISSED:
            return plain, False
    return text, True


def _draws_forms(page: PageObject) -> bool:
    """Whether the page has form XObjects, the only text layout mode can miss."""
    resources = resolve(page.get("/Resources"))
    if not isinstance(resources, DictionaryObject):
        return False
    xobjects = resolve(resources.get("/XObject"))
    if not isinstance(xobjects, DictionaryObject):
        return False
    return any(
        isinstance(x := resolve(xobject), DictionaryObject) and x.get("/Subtype") == "/Form"
        for xobject in xobjects.values()
    )


def _visible(text: str) -> int:
    return sum(not char.isspace() for char in text)


def _content_size(page: PageObject) -> int:
    """The decoded size of the page's drawing instructions (pypdf keeps the decoded data, so
    extraction does not decode it again)."""
    return sum(len(stream.get_data()) for stream in _streams(page))


def _streams(page: PageObject) -> list[StreamObject]:
    """The streams of the page's drawing instructions."""
    contents = resolve(page.get("/Contents"))
    streams = [resolve(s) for s in (contents if isinstance(contents, ArrayObject) else [contents])]
    return [stream for stream in streams if isinstance(stream, StreamObject)]


def _document(fields: Table | None, text: list[Block], drawn: bool) -> Document:
    """The document, or file_scanned when it has neither text nor a filled-in field."""
    filled = fields is not None and any(
        row.cells[-1].text.strip() not in ("", UNTICKED) for row in fields.rows
    )
    if not text and not filled:
        raise DocumentProblem("file_scanned", SCANNED)
    notes = [note for note, used in ((FIELDS_NOTE, fields or drawn), (TEXT_NOTE, text)) if used]
    return Document(blocks=[*([fields] if fields else []), *text], notes=notes)
