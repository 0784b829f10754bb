"""The bytes of a .docx → a `Document`: its paragraphs and tables in reading order.

Places are counted as FORMS.md §2.6 names them, 1-based in document order:

- `paragraph P`: every body paragraph outside tables, empty ones included (so P is what
  counting Word's paragraph marks gives), those inside block content controls included;
- `table T row R cell C`: T counts tables depth-first, nested ones included (a nested table
  lives in its cell's `tables`); C counts the row's w:tc elements, so a cell spanning columns
  counts once, and a vertically merged continuation cell keeps its number but is left out
  of the row (its text lives in the cell it continues);
- `text box N`: each paragraph of the Nth text box, placed right after the paragraph that
  anchors it; a text box anchored inside a table cell is read into that cell instead (its
  paragraphs become the cell's lines, its tables the cell's tables), where a value belongs;
- `header` / `footer`: every header and footer part the sections use (first, even and default
  pages), each once, at the start and the end of the blocks.

The body is read first, so its tables, text boxes and fields keep their numbers whatever the
headers and footers hold: header and footer tables and text boxes are numbered after them.
A file that cannot be read safely raises `DocumentProblem` saying what the SPOC should do.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO

from docx.exceptions import PythonDocxError
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError
from docx.opc.part import Part, XmlPart
from docx.oxml.parser import parse_xml
from docx.package import Package
from lxml.etree import LxmlError, _Element

from parsers.document import Block, Cell, Document, Paragraph, Row, Table
from parsers.docx_package import CORRUPT, TOO_LARGE, check_package
from parsers.docx_runs import ROOT, InlineReader, Scope
from parsers.docx_styles import StyleSheet
from parsers.docx_xml import (
    MC_ALTERNATECONTENT,
    R_ID,
    W_BODY,
    W_CUSTOMXML,
    W_FOOTERREFERENCE,
    W_HEADERREFERENCE,
    W_HMERGE,
    W_P,
    W_SDT,
    W_SDTCONTENT,
    W_SECTPR,
    W_TBL,
    W_TC,
    W_TCPR,
    W_TR,
    W_VAL,
    W_VMERGE,
    chosen,
    w,
)
from parsers.problems import DocumentProblem

# What python-docx and the zip and XML layers under it raise on a malformed package: its own
# errors, and Python's where a part's XML is well-formed but not the shape it expects.
READ_ERRORS = (
    PythonDocxError,
    OpcError,
    LxmlError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    OSError,
    KeyError,
    ValueError,
    IndexError,
    AttributeError,
    TypeError,
)
NOT_WORD = (
    "the file is not a Word document (it may be a spreadsheet or a presentation saved with a "
    ".docx name): ask the referrer for the Word form"
)
TOO_DEEP = "the Word file is nested too deeply to read safely: ask the referrer to send it again"
MAX_PARAGRAPHS = 100_000  # in every story together; a long form has a few thousand
NUMBERED = "paragraph"  # the label of body paragraphs, which are numbered
IN_CELL = "cell"  # the label of paragraphs read as a cell's lines (never shown)


def read_docx(data: bytes) -> Document:
    """The document's blocks: headers, then the body, then footers (see the module's notes on
    numbering); raises `DocumentProblem` for a file that cannot be read."""
    check_package(data)
    try:
        main = Package.open(BytesIO(data)).main_document_part
        root = _root(main)
        if root.tag != w("document"):
            raise DocumentProblem("file_type_unsupported", NOT_WORD)
        return _Reader(StyleSheet(_styles(main))).document(root, main)
    except RecursionError as error:
        raise DocumentProblem("parse_limit", TOO_DEEP) from error
    except READ_ERRORS as error:
        raise DocumentProblem("file_corrupt", CORRUPT) from error


def _root(part: Part) -> _Element:
    """A part's XML: python-docx parsed the parts it knows; a macro-enabled document or a
    template (.docm, .dotx) is a part it keeps as bytes."""
    return part.element if isinstance(part, XmlPart) else parse_xml(part.blob)


def _styles(main: Part) -> _Element | None:
    for rel in main.rels.values():
        if rel.reltype == RT.STYLES and not rel.is_external:
            return _root(rel.target_part)
    return None


def _story_roots(body: _Element, main: Part, reference: str) -> list[_Element]:
    """The header (or footer) parts the sections refer to, each once, in section order."""
    roots: list[_Element] = []
    seen: set[str] = set()
    for section in body.iter(W_SECTPR):
        for ref in section.iter(reference):
            rel = main.rels.get(ref.get(R_ID) or "")
            if rel is None or rel.is_external or rel.target_part.partname in seen:
                continue
            seen.add(rel.target_part.partname)
            roots.append(_root(rel.target_part))
    return roots


def _continues(tc: _Element) -> bool:
    """A cell merged into the one above (w:vMerge) or, in old files, to its left (w:hMerge)."""
    pr = tc.find(W_TCPR)
    if pr is None:
        return False
    for tag in (W_VMERGE, W_HMERGE):
        merge = pr.find(tag)
        if merge is not None and (merge.get(W_VAL) or "continue") == "continue":
            return True
    return False


class _Reader:
    """Walks the blocks of each story, counting places as it goes."""

    def __init__(self, styles: StyleSheet) -> None:
        self._inline = InlineReader(styles)
        self._paragraphs = 0  # body paragraphs, for their places
        self._read = 0  # every paragraph, for the limit
        self._tables = 0
        self._boxes = 0

    def document(self, root: _Element, main: Part) -> Document:
        body = root.find(W_BODY)
        if body is None:
            return Document()
        blocks = self._story(body, NUMBERED, ROOT)
        headers = self._parts(_story_roots(body, main, W_HEADERREFERENCE), "header")
        footers = self._parts(_story_roots(body, main, W_FOOTERREFERENCE), "footer")
        return Document(headers + blocks + footers)

    def _parts(self, roots: list[_Element], label: str) -> list[Block]:
        blocks: list[Block] = []
        for root in roots:
            with self._inline.story():
                blocks.extend(self._story(root, label, ROOT))
        return blocks

    def _story(self, container: _Element, label: str, scope: Scope) -> list[Block]:
        """The blocks of a body, cell, text box, header or footer, reading through block
        content controls and custom XML in place."""
        blocks: list[Block] = []
        for child in container:
            tag = child.tag
            if tag == W_P:
                self._count()
                line, boxes = self._inline.paragraph(child, scope)
                if label == NUMBERED:
                    self._paragraphs += 1
                    where = f"paragraph {self._paragraphs}"
                else:
                    where = label
                blocks.append(Paragraph(line, where))
                for box in boxes:
                    blocks.extend(self._box(box))
            elif tag == W_TBL:
                blocks.append(self._table(child, scope))
            else:
                for inner, inner_scope in self._wrapped(child, scope):
                    blocks.extend(self._story(inner, label, inner_scope))
        return blocks

    def _count(self) -> None:
        """A file far longer than any form is refused before it takes minutes to read."""
        self._read += 1
        if self._read > MAX_PARAGRAPHS:
            why = f"it holds more than {MAX_PARAGRAPHS:,} paragraphs"
            raise DocumentProblem("parse_limit", TOO_LARGE.format(why=why))

    def _wrapped(self, element: _Element, scope: Scope) -> Iterator[tuple[_Element, Scope]]:
        """The content of a wrapper around blocks, rows or cells (a content control, custom
        XML, alternate content), with the scope inside it; nothing for other elements."""
        tag = element.tag
        if tag == W_SDT:
            # A check box around whole paragraphs is read through: its content shows the glyph.
            inner, _tick = self._inline.control(element, scope)
            content = element.find(W_SDTCONTENT)
            if content is not None:
                yield content, inner
        elif tag == W_CUSTOMXML:
            yield element, scope
        elif tag == MC_ALTERNATECONTENT:
            branch = chosen(element)
            if branch is not None:
                yield branch, scope

    def _children(
        self, parent: _Element, tag: str, scope: Scope
    ) -> Iterator[tuple[_Element, Scope]]:
        """The rows of a table or the cells of a row, through any wrappers around them."""
        for child in parent:
            if child.tag == tag:
                yield child, scope
            else:
                for inner, inner_scope in self._wrapped(child, scope):
                    yield from self._children(inner, tag, inner_scope)

    def _box(self, content: _Element) -> list[Block]:
        self._boxes += 1
        with self._inline.story():
            return self._story(content, f"text box {self._boxes}", ROOT)

    def _table(self, tbl: _Element, scope: Scope) -> Table:
        self._tables += 1
        number = self._tables
        rows: list[Row] = []
        for tr, row_scope in self._children(tbl, W_TR, scope):
            where = f"table {number} row {len(rows) + 1} cell "
            cells = [
                self._cell(tc, cell_scope, f"{where}{column}")
                for column, (tc, cell_scope) in enumerate(self._children(tr, W_TC, row_scope), 1)
                if not _continues(tc)
            ]
            rows.append(Row(tuple(cells)))
        return Table(tuple(rows), number)

    def _cell(self, tc: _Element, scope: Scope, where: str) -> Cell:
        blocks = self._story(tc, IN_CELL, scope)
        lines = tuple(block.line for block in blocks if isinstance(block, Paragraph))
        tables = tuple(block for block in blocks if isinstance(block, Table))
        return Cell(lines, where, tables)
