"""One neutral shape for every document format, so that one label-matching engine reads them all.

The readers (docx, pdf) turn a file into a `Document`: blocks in reading order, each a paragraph
or a table, every piece of text carrying where it was found. Tick boxes of every kind (Word
legacy check boxes, content controls, PDF check boxes) arrive as the characters ☒ and ☐, and form
fields and content controls arrive as their text, so the engine never needs to know the format.
Formatting is kept per run only where it can answer a printed pair ("Yes/No" with one word struck
through, deleted or highlighted).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

TICKED = "☒"
UNTICKED = "☐"
PICTURE = "\ufffc"  # an inline picture (a signature given as an image): never a value


@dataclass(frozen=True)
class Run:
    """A stretch of text with the formatting a referrer may use to pick one word of a pair."""

    text: str
    deleted: bool = False  # a tracked deletion: not part of the text a reader sees
    struck: bool = False  # single or double strike-through
    marks: frozenset[str] = frozenset()  # highlight, shading, bold, underline, colour
    source: str | None = None  # "form field 'NAME'" or "content control 'TAG'" it came from


@dataclass(frozen=True)
class Line:
    """One paragraph's worth of text (a cell may hold several)."""

    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs if not run.deleted)

    @property
    def source(self) -> str | None:
        """The form field or content control this line's text came from, if exactly one."""
        sources = {run.source for run in self.runs if run.text.strip() and not run.deleted}
        return sources.pop() if len(sources) == 1 else None

    @classmethod
    def plain(cls, text: str, source: str | None = None) -> Line:
        return cls((Run(text, source=source),))

    def before(self, offset: int) -> Line:
        """The line up to `offset` in its visible text: the part before a second label."""
        runs: list[Run] = []
        seen = 0
        for run in self.runs:
            if seen >= offset:
                break
            if run.deleted:
                runs.append(run)
                continue
            runs.append(replace(run, text=run.text[: offset - seen]))
            seen += len(run.text)
        return Line(tuple(runs))

    def after(self, offset: int) -> Line:
        """The line from `offset` in its visible text on (deleted runs at the cut are kept),
        so that a label can be cut off while the runs of its answer keep their formatting."""
        runs: list[Run] = []
        seen = 0
        for run in self.runs:
            if run.deleted:
                if seen >= offset:
                    runs.append(run)
                continue
            end = seen + len(run.text)
            if end > offset:
                runs.append(replace(run, text=run.text[max(0, offset - seen) :]))
            seen = end
        return Line(tuple(runs))


@dataclass(frozen=True)
class Cell:
    lines: tuple[Line, ...]
    where: str  # "table 2 row 1 cell 2", "page 1 field 'Family name'"
    tables: tuple[Table, ...] = ()  # tables nested inside this cell

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]  # merged cells appear once


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    number: int  # 1-based, depth-first in document order


@dataclass(frozen=True)
class Paragraph:
    line: Line
    where: str  # "paragraph 3", "text box 1", "header", "footer", "page 2 line 7"


Block = Paragraph | Table


@dataclass
class Document:
    """A document as blocks in reading order, with what the reader noticed on the way."""

    blocks: list[Block] = field(default_factory=list)
    signature_images: int = 0  # pictures where a signature would be (info, never a value)
    notes: list[str] = field(default_factory=list)  # e.g. "read from the PDF text layer"

    def relabelled(self, prefix: str) -> Document:
        """The same document with every place prefixed (a second file read with the first)."""
        return Document(
            [_relabel(block, prefix) for block in self.blocks],
            self.signature_images,
            list(self.notes),
        )

    def all_text(self) -> str:
        """Every piece of text, for detection: body, tables, text boxes, headers, footers."""
        return "\n".join(_block_text(block) for block in self.blocks)


def _block_text(block: Block) -> str:
    if isinstance(block, Paragraph):
        return block.line.text
    parts = []
    for row in block.rows:
        for cell in row.cells:
            parts.append(cell.text)
            parts.extend(_block_text(table) for table in cell.tables)
    return "\n".join(parts)


def _relabel(block: Block, prefix: str) -> Block:
    if isinstance(block, Paragraph):
        return replace(block, where=prefix + block.where)
    rows = tuple(
        Row(
            tuple(
                replace(
                    cell,
                    where=prefix + cell.where,
                    tables=tuple(_relabel(t, prefix) for t in cell.tables),
                )
                for cell in row.cells
            )
        )
        for row in block.rows
    )
    return replace(block, rows=rows)
