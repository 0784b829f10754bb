"""Documents in the parsers' neutral shape, built by hand: the engine's tests need no file."""

from __future__ import annotations

from parsers.document import Cell, Document, Line, Paragraph, Row, Run, Table


def paragraphs(*texts: str) -> Document:
    return Document(
        [Paragraph(Line.plain(text), f"paragraph {n}") for n, text in enumerate(texts, 1)]
    )


def table(*rows: tuple[str | Line, ...], number: int = 1) -> Table:
    def cell(value: str | Line, r: int, c: int) -> Cell:
        lines = (
            (value,) if isinstance(value, Line) else tuple(Line.plain(t) for t in value.split("\n"))
        )
        return Cell(lines, f"table {number} row {r} cell {c}")

    return Table(
        tuple(
            Row(tuple(cell(value, r, c) for c, value in enumerate(row, 1)))
            for r, row in enumerate(rows, 1)
        ),
        number,
    )


def tables(*blocks: Table | str) -> Document:
    return Document(
        [
            b if isinstance(b, Table) else Paragraph(Line.plain(b), f"paragraph {n}")
            for n, b in enumerate(blocks, 1)
        ]
    )


def struck(*parts: tuple[str, str]) -> Line:
    """A line from (text, style) parts: style "" plain, "struck", "deleted" or "marked"."""
    return Line(
        tuple(
            Run(
                text,
                struck=style == "struck",
                deleted=style == "deleted",
                marks=frozenset({"highlight"}) if style == "marked" else frozenset(),
            )
            for text, style in parts
        )
    )
