"""A PDF page's text layer as blocks: lines as paragraphs, lines of columns as table rows.

pypdf's layout mode keeps columns apart with runs of spaces, so a Word or LibreOffice table
exported to PDF comes out as lines whose cells start at fixed character columns. A cell that
wraps gives later lines holding only that cell's column: those lines continue the cell rather
than start a row, so that the engine sees a label beside its whole value. Told which lines begin a
printed label (`starts_label`), it also joins label lines that wrap without a colon.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from parsers.document import TICKED, UNTICKED, Block, Cell, Line, Paragraph, Row, Table

# Tick glyphs as exports write them (FORMS.md §6), with the Wingdings boxes Word's check boxes
# come out as: U+F0FE and U+F078 (box ticked, box crossed), U+F0A8 and U+F06F (empty boxes).
TICKED_GLYPHS = "☒☑✓✔■⊠⌧\U0001f5f5\U0001f5f7\U0001f5f9\uf0fe\uf078"
UNTICKED_GLYPHS = "☐□◻⬜❏❐❑❒\uf0a8\uf06f"
TICKS = str.maketrans(
    dict.fromkeys(TICKED_GLYPHS, TICKED) | dict.fromkeys(UNTICKED_GLYPHS, UNTICKED) | {"\t": " "}
)
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
LIGATURES = re.compile("[\ufb00-\ufb06]")  # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
# A column group: words with at most two spaces between them; three or more part columns.
GROUP = re.compile(r"[^ ]+(?: {1,2}[^ ]+)*")
# A run of tick glyphs stuck to the word before it: pypdf's layout mode draws text that falls
# inside another piece of text's span after it ("Yes     No☒        ☐"), where LibreOffice draws
# the boxes a fallback font holds after the line they sit in ("☒ Yes ☐ No").
BOXES = TICKED_GLYPHS + UNTICKED_GLYPHS
STUCK = re.compile(rf"(?<=[^\s{BOXES}])[{BOXES}](?: *[{BOXES}])*(?= {{3}}|$)")
HOLE = re.compile(r" {2,}")  # where a box was left out of the text it sits in
HOLE_SLACK = 3  # character columns the gaps' spacing may be off the glyphs' own
SLACK = 1  # character columns a wrapped line may be off its cell's start
WRAPPED = 6  # tenths of a column's width a wrapped line plus its next word at least fill
LONG_WORD = 15  # characters of a word (an e-mail or web address) a line can break inside
StartsLabel = Callable[[str], bool]


def clean_text(text: str) -> str:
    """Text as a reader sees it: ticks as ☒/☐, no control characters but "\\n", no ligatures."""
    text = CONTROL.sub("", text.translate(TICKS))
    return LIGATURES.sub(lambda match: unicodedata.normalize("NFKC", match[0]), text)


@dataclass
class _Group:
    x: int  # the character column it starts at
    text: str


@dataclass
class _Cell:
    x: int
    lines: list[str]


@dataclass
class _Row:
    cells: list[_Cell]
    where: str


@dataclass
class _Page:
    """The blocks of one page while it is read: paragraphs, and the rows of the open table."""

    number: int
    starts_label: StartsLabel | None = None
    ends: dict[int, int] = field(default_factory=dict)  # column start → where its text ends
    last_x: int | None = None  # where the line above starts
    pieces: list[Paragraph | list[_Row]] = field(default_factory=list)
    table: list[_Row] | None = None


def text_blocks(
    pages: Iterable[tuple[int, str]], starts_label: StartsLabel | None = None
) -> list[Block]:
    """The layout text of each (page number, text), tables numbered 1, 2, … in order.
    `starts_label` tells whether a line begins a label or heading the forms print: a label
    cell's wrapped line that does not is the rest of the label above."""
    blocks: list[Block] = []
    tables = 0
    for number, text in pages:
        for piece in _page_pieces(number, text, starts_label):
            if isinstance(piece, Paragraph):
                blocks.append(piece)
            else:
                tables += 1
                blocks.append(_table(piece, tables))
    return blocks


def _page_pieces(
    number: int, text: str, starts_label: StartsLabel | None = None
) -> list[Paragraph | list[_Row]]:
    """A page's lines as paragraphs and runs of table rows: a table ends at a line that
    neither has columns nor carries on the row above."""
    lines = _lines(text)
    page = _Page(number, starts_label)
    for group in (group for groups in lines for group in groups):
        page.ends[group.x] = max(page.ends.get(group.x, 0), group.x + len(group.text))
    for index, groups in enumerate(lines):
        where = f"page {number} line {index + 1}"
        last = page.table[-1] if page.table else None
        if last is not None and _continues(groups, last, _finishes_label(lines, index), page):
            _extend(last, groups, page.ends)
        elif isinstance(above := page.pieces[-1] if page.pieces else None, Paragraph) and (
            _joins_paragraph(page, above, groups)
        ):
            joined = f"{above.line.text} {groups[0].text}"
            page.pieces[-1] = Paragraph(Line.plain(joined), above.where)
        elif len(groups) > 1:
            if page.table is None:
                page.table = []
                page.pieces.append(page.table)
            page.table.append(_Row([_Cell(g.x, [g.text]) for g in groups], where))
        else:
            page.table = None
            page.pieces.append(Paragraph(Line.plain(groups[0].text), where))
        page.last_x = groups[0].x
    return page.pieces


def _joins_paragraph(page: _Page, above: Paragraph, groups: list[_Group]) -> bool:
    """A lone line that goes on with the lone line above to make a printed label or heading
    ("Name and contact details of" then "Offender Manager"), both at one indent."""
    if page.starts_label is None or len(groups) != 1 or page.last_x != groups[0].x:
        return False
    return _goes_on(above.line.text, groups[0].text, page.starts_label)


def _lines(text: str) -> list[list[_Group]]:
    """The page's non-empty lines, each as its column groups, indentation kept as x only."""
    lines = []
    for raw in map(_untangle_ticks, text.replace("\t", " ").split("\n")):
        groups = []
        for match in GROUP.finditer(raw):
            cleaned = clean_text(match[0]).strip()
            if cleaned:
                groups.append(_Group(match.start(), cleaned))
        if groups:
            lines.append(groups)
    return lines


def _untangle_ticks(line: str) -> str:
    """Tick glyphs stuck after the text they sit in, put back in its last gaps, one each,
    when the gaps lie as far apart as the glyphs do: "Yes     No☒        ☐" is
    "☒ Yes ☐ No" with its first box lost to the gap before it."""
    stuck = STUCK.search(line)
    if stuck is None:
        return line
    glyphs = [(stuck.start() + m.start(), m[0]) for m in re.finditer(f"[{BOXES}]", stuck[0])]
    holes = list(HOLE.finditer(line, 0, stuck.start()))[-len(glyphs) :]
    if len(holes) < len(glyphs):
        return line
    middles = [(hole.start() + hole.end()) // 2 for hole in holes]
    for (at, _), (after, _), middle, next_middle in zip(
        glyphs, glyphs[1:], middles, middles[1:], strict=False
    ):
        if abs((after - at) - (next_middle - middle)) > HOLE_SLACK:
            return line
    chars = list(line[: stuck.start()])
    for middle, (_, glyph) in zip(middles, glyphs, strict=True):
        chars[middle] = glyph
    return "".join(chars) + " " * len(stuck[0]) + line[stuck.end() :]


def _column(x: int, row: _Row) -> int | None:
    """The index of the row's cell that starts at character column x."""
    for index, cell in enumerate(row.cells):
        if abs(cell.x - x) <= SLACK:
            return index
    return None


def _finishes_label(lines: list[list[_Group]], index: int) -> bool:
    """Whether the lone lines from `index` on, in one column, reach a label's end (":", "?" or
    ")") within a few lines: "Offender (or will be once" then "discharged):"."""
    x = lines[index][0].x
    for groups in lines[index : index + 4]:
        if len(groups) != 1 or groups[0].x != x:
            return False
        if groups[0].text.endswith((":", "?", ")")):
            return True
    return False


def _continues(
    groups: list[_Group], row: _Row, finishes: bool = False, page: _Page | None = None
) -> bool:
    """Whether a line only carries on the row's cells: each group starts where a cell does,
    and the first cell is carried on only by a wrapped label (see `_wraps_label`)."""
    indexes: list[int] = []
    for group in groups:
        index = _column(group.x, row)
        if index is None or (indexes and index <= indexes[-1]):
            return False
        indexes.append(index)
    starts_label = page.starts_label if page is not None else None
    return indexes[0] != 0 or _wraps_label(
        groups[0], row, finishes and len(groups) == 1, starts_label
    )


def _wraps_label(
    group: _Group, row: _Row, finishes: bool, starts_label: StartsLabel | None = None
) -> bool:
    """A first-column line whose first word would have nearly filled the column after the line
    above, and that reads as the rest of a label: going on in lower case, reaching its end
    within a few lines on its own (`finishes`: "… discharged):", "(if different)"), or not
    starting any label or heading the forms print ("Care Co-ordinator / Care" then "Manager").
    Not the next row of a grid ("n/k" under "PNC", a blank "Postcode" row under a long label).
    Layout columns include padding and approximate widths, hence "nearly"."""
    above = row.cells[0].lines[-1]
    width = row.cells[1].x - row.cells[0].x
    wrapped = len(above) + 1 + len(group.text.split(" ", 1)[0])
    if wrapped * 10 < width * WRAPPED:
        return False
    if group.text[:1].islower():
        return True
    if starts_label is not None and _goes_on(above, group.text, starts_label):
        return True
    first = group.text.split(" ", 1)[0]
    if above.endswith((":", "?")) or (len(first) > 1 and first.isupper()):  # a heading
        return False
    if starts_label is not None and not finishes and ":" not in above:
        return not starts_label(group.text)  # not after "Label: answer", which is no label cell
    return finishes


def _goes_on(above: str, text: str, starts_label: StartsLabel) -> bool:
    """Whether a line makes, after the label text above, more of a printed label or heading
    ("Input to decisions regarding" then "CTO conditions")."""
    return not above.endswith((":", "?")) and starts_label(f"{above} {text}")


def _extend(row: _Row, groups: list[_Group], ends: dict[int, int] | None = None) -> None:
    """A wrapped label or sentence (going on in lower case) joins the cell's last line; other
    text (the next line of an address, a second paragraph, a tick box) is a line of its own."""
    for group in groups:
        column = _column(group.x, row) or 0
        cell = row.cells[column]
        if (column == 0 or group.text[:1].islower()) and cell.lines:
            cell.lines[-1] = _joined(cell.lines[-1], group.text, _width(row, column, ends))
        else:
            cell.lines.append(group.text)


def _width(row: _Row, column: int, ends: dict[int, int] | None) -> int:
    """A cell's width in character columns: to the next cell; the last cell's, as far as
    the page's text reaches from where it starts."""
    if column + 1 < len(row.cells):
        return row.cells[column + 1].x - row.cells[column].x
    x = row.cells[column].x
    reach = [end for start, end in (ends or {}).items() if abs(start - x) <= SLACK]
    return max(reach, default=x) - x


def _joined(above: str, text: str, width: int) -> str:
    """Two wrapped lines as one: with a space, unless the line above is one long word (an
    address) that filled its cell and was broken where it ended ("…@probation.exampl", "e")."""
    if " " not in above and len(above) >= LONG_WORD and len(above) + SLACK >= width:
        return above + text
    return f"{above} {text}"


def _table(rows: list[_Row], number: int) -> Table:
    return Table(
        tuple(
            Row(tuple(Cell(tuple(map(Line.plain, c.lines)), row.where) for c in row.cells))
            for row in rows
        ),
        number,
    )
