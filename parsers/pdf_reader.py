"""The bytes of a PDF → a `Document`: its form fields first, then its text in reading order.

Referrers send PDFs filled in a viewer (the answers are AcroForm fields) or exported from Word
(the answers are text, tables laid out as columns): both are read, and nothing here knows a form.
A file that cannot be read safely raises `DocumentProblem` saying what the SPOC should do
(FORMS.md §2.5).
"""

from __future__ import annotations

import struct
import zlib
from io import BytesIO
from typing import NoReturn

from pypdf import PageObject, PasswordType, PdfReader, apply_configuration
from pypdf.errors import DependencyError, LimitReachedError, PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

from parsers.document import UNTICKED, Block, Document, Table
from parsers.pdf_fields import field_table, resolve
from parsers.pdf_layout import text_blocks
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
ENCRYPTED = "password protected: ask the referrer for an unprotected copy"
CORRUPT = "the PDF is damaged or incomplete: ask the referrer to send it again"
SCANNED = "scanned document with no text: ask the referrer for the Word version"
FIELDS_NOTE = "read from the PDF form fields"
TEXT_NOTE = "read from the PDF text layer"


def read_pdf(data: bytes, max_pages: int = 100) -> Document:
    """The PDF's filled-in fields as one table (number 0), then each page's text as paragraphs
    and tables numbered 1, 2, …; raises `DocumentProblem` for a file that cannot be read."""
    try:
        reader = _open(data)
        pages = _pages(reader, max_pages)
        fields = field_table(reader, pages)
        _check_content(pages)
        texts = [(number, _page_text(page)) for number, page in enumerate(pages, 1)]
    except READ_ERRORS as error:
        raise DocumentProblem("file_corrupt", CORRUPT) from error
    return _document(fields, text_blocks(texts))


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


def _page_text(page: PageObject) -> str:
    """The page's text with columns kept apart (layout mode), or its plain text where layout
    mode fails on it or misses much of it: layout mode does not read the text of form
    XObjects, where some writers put a whole page or a flattened form's answers."""
    try:
        text = page.extract_text(extraction_mode="layout")
    except READ_ERRORS:
        return page.extract_text()
    if _draws_forms(page):
        plain = page.extract_text()
        if _visible(plain) > _visible(text) * MISSED:
            return plain
    return text


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
    contents = resolve(page.get("/Contents"))
    streams = [resolve(s) for s in (contents if isinstance(contents, ArrayObject) else [contents])]
    return sum(len(s.get_data()) for s in streams if isinstance(s, StreamObject))


def _document(fields: Table | None, text: list[Block]) -> Document:
    """The document, or file_scanned when it has neither text nor a filled-in field."""
    filled = fields is not None and any(
        row.cells[-1].text.strip() not in ("", UNTICKED) for row in fields.rows
    )
    if not text and not filled:
        raise DocumentProblem("file_scanned", SCANNED)
    notes = [note for note, used in ((FIELDS_NOTE, fields), (TEXT_NOTE, text)) if used]
    return Document(blocks=[*([fields] if fields else []), *text], notes=notes)
