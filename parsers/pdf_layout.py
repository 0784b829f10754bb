"""A PDF page's text layer as blocks: lines as paragraphs, lines of columns as table rows.

pypdf's layout mode keeps columns apart with runs of spaces, so a Word or LibreOffice table
exported to PDF comes out as lines whose cells start at fixed character columns. A cell that
wraps gives later lines holding only that cell's column: those lines continue the cell rather
than start a row, so that the engine sees a label beside its whole value. Told which lines begin a
printed label (`starts_label`), it also joins label lines that wrap without a colon. Given the
page's geometry (its table borders and where each piece of text ends, `PageGeometry`), a line
goes on with the one above where its first word could not have fitted there (a wrap), and
not where it could (a new line). A table goes on across a page break while the next page's
lines carry on its rows.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from parsers.document import TICKED, UNTICKED, Block, Cell, Line, Paragraph, Row, Table
from parsers.pdf_overlay import NEW_LINE

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
TRAILING_BOX = re.compile(rf"(?<=\S) {{3,}}([{BOXES}])\s*$")  # one box after a line's text
BOX_GAP = 4  # character columns at most between a tick box and its option's word
QUESTION_GAP = 12  # … and between a question and its boxes
HOLE = re.compile(r" {2,}")  # where a box was left out of the text it sits in
HOLE_SLACK = 3  # character columns the gaps' spacing may be off the glyphs' own
PAGE_SLACK = 0.05  # share of a column's start another page's columns may be off it
SLACK = 1  # character columns a wrapped line may be off its cell's start
# … or left of it: pypdf spaces out a value drawn with its label by the font's spaces, so the
# cell's first line may lie a column or two right of the lines under it.
LEFT_SLACK = 3
WRAPPED = 6  # tenths of a column's width a wrapped line plus its next word at least fill
LONG_WORD = 15  # characters of a word (an e-mail or web address) a line can break inside
ADDRESS = re.compile(r"[^\s@]+@[^\s@]+\.\w|(?:https?://|www\.)\S", re.IGNORECASE)
PHONE = re.compile(r"\+?\(?\d[\d ()-]{8,}\d")
LABELLED = re.compile(r"[^\s:]+: \S")
StartsLabel = Callable[[str], bool]


def clean_text(text: str) -> str:
    """Text as a reader sees it: ticks as ☒/☐, no control characters but "\\n", no ligatures."""
    text = CONTROL.sub("", text.translate(TICKS))
    return LIGATURES.sub(lambda match: unicodedata.normalize("NFKC", match[0]), text)


class PageGeometry(NamedTuple):
    """Where a page's table borders run, and where each piece of text drawn on each
    non-empty line of its layout text starts and ends, in the text's character columns."""

    edges: tuple[float, ...]
    pieces: tuple[tuple[tuple[int, float], ...], ...]


class PageText(NamedTuple):
    """A page's layout text, with its geometry where it is known."""

    number: int
    text: str
    geometry: PageGeometry | None = None


@dataclass
class _Group:
    x: int  # the character column it starts at
    text: str
    new_line: bool = False  # a line break typed in a form field's value: never a wrap
    end: float | None = None  # the character column its text ends at, where known


@dataclass
class _Cell:
    x: int
    lines: list[str]
    end: float | None = None  # where its last line's text ends, where known


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
    carried: _Row | None = None  # the last row of the page before's table, while it goes on
    edges: tuple[float, ...] = ()  # where table borders run, in character columns


def text_blocks(
    pages: Iterable[tuple[int, str] | PageText], starts_label: StartsLabel | None = None
) -> list[Block]:
    """The layout text of each (page number, text[, table borders' columns]), tables
    numbered 1, 2, … in order. `starts_label` tells whether a line begins a label or heading
    the forms print: a label cell's wrapped line that does not is the rest of the label above."""
    pieces: list[Paragraph | list[_Row]] = []
    for page in pages:
        page = PageText(*page)
        carried = pieces[-1] if pieces and isinstance(pieces[-1], list) else None
        pieces.extend(_page_pieces(page, starts_label, carried))
    blocks: list[Block] = []
    tables = 0
    for piece in pieces:
        if isinstance(piece, Paragraph):
            blocks.append(piece)
        else:
            tables += 1
            blocks.append(_table(piece, tables))
    return blocks


def _page_pieces(
    text: PageText, starts_label: StartsLabel | None = None, carried: list[_Row] | None = None
) -> list[Paragraph | list[_Row]]:
    """A page's lines as paragraphs and runs of table rows: a table ends at a line that
    neither has columns nor carries on the row above. A table that ended the page before
    (`carried`) goes on here while the page's first lines carry on its rows: a row that a
    page break cut in two ("Has the offender been informed" then "of their right …")."""
    number = text.number
    lines = _lines(text.text, text.geometry)
    page = _Page(number, starts_label, table=carried, carried=carried[-1] if carried else None)
    page.edges = text.geometry.edges if text.geometry else ()
    for group in (group for groups in lines for group in groups):
        page.ends[group.x] = max(page.ends.get(group.x, 0), group.x + len(group.text))
    for index, groups in enumerate(lines):
        where = f"page {number} line {index + 1}"
        last = page.table[-1] if page.table else None
        if last is not None and _continues(groups, last, _finishes_label(lines, index), page):
            _extend(last, groups, page)
            page.last_x = groups[0].x
            continue
        if carried is not None and page.table is carried:
            if not _aligned(groups, last):
                page.table = None  # the page's own rows start a table of their own
            carried = None
        if isinstance(above := page.pieces[-1] if page.pieces else None, Paragraph) and (
            _joins_paragraph(page, above, groups)
        ):
            joined = f"{above.line.text} {groups[0].text}"
            page.pieces[-1] = Paragraph(Line.plain(joined), above.where)
        elif len(groups) > 1:
            if page.table is None:
                page.table = []
                page.pieces.append(page.table)
            page.table.append(_Row([_Cell(g.x, [g.text], g.end) for g in groups], where))
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
    if groups[0].new_line:
        return False
    return _goes_on(above.line.text, groups[0].text, page.starts_label)


def _lines(text: str, geometry: PageGeometry | None = None) -> list[list[_Group]]:
    """The page's non-empty lines, each as its column groups, indentation kept as x only
    (and where each ends, from the page's geometry)."""
    lines = []
    raws = _lift_ticks(text.replace("\t", " ").split("\n"))
    shown = -1
    for raw in map(_untangle_ticks, raws):
        shown += bool(raw.strip())
        pieces = [(m.start(), m.end(), clean_text(m[0]).strip()) for m in GROUP.finditer(raw)]
        drawn = geometry.pieces[shown] if geometry and 0 <= shown < len(geometry.pieces) else ()
        groups = _merged([piece for piece in pieces if piece[2]], drawn)
        if groups:
            lines.append(groups)
    return lines


def _merged(
    pieces: list[tuple[int, int, str]], drawn: tuple[tuple[int, float], ...] = ()
) -> list[_Group]:
    """A line's pieces (start, end, text) as groups, tick boxes joined to their options
    first, then each set of boxes to its question (see `_pairs_with`)."""
    for questions in (False, True):
        joined: list[tuple[int, int, str]] = []
        for start, end, text in pieces:
            if joined and _pairs_with(joined[-1][2], text, start - joined[-1][1], questions):
                joined[-1] = (joined[-1][0], end, f"{joined[-1][2]}  {text}")
            else:
                joined.append((start, end, text))
        pieces = joined
    ends: dict[int, float] = {}  # each piece of text drawn ends the last group it reaches
    for at, end in drawn:
        reached = [i for i, (start, stop, _) in enumerate(pieces) if start < end and stop > at]
        if reached:
            ends[reached[-1]] = max(ends.get(reached[-1], end), end)
    return [
        _Group(start, text.replace(NEW_LINE, "").strip(), text.startswith(NEW_LINE), ends.get(i))
        for i, (start, _, text) in enumerate(pieces)
        if text.replace(NEW_LINE, "").strip()
    ]


def _pairs_with(before: str, text: str, gap: int, questions: bool) -> bool:
    """Whether two pieces of a line a few columns apart are one set of tick boxes and their
    options, as a viewer draws a form's boxes where they sit ("☒   Yes  ☐   No"), or
    (`questions`) such a set after the question it answers ("… the law?          ☒ Yes ☐ No")."""
    boxes = TICKED + UNTICKED
    if not questions:  # a box then its option, or the next option's box: never a label's
        return (
            gap <= BOX_GAP
            and not text.endswith((":", "?"))
            and (before[-1] in boxes or (text[0] in boxes and before[0] in boxes))
        )
    return (
        gap <= QUESTION_GAP
        and before.endswith(("?", ")"))
        and text[0] in TICKED + UNTICKED
        and any(char.isalpha() for char in text)
    )


def _lift_ticks(raws: list[str]) -> list[str]:
    """A box left alone at the end of a line, moved before the boxes stuck to the end of the
    next line: LibreOffice draws a pair's first box a little higher than its words, so that
    it lands on the line above ("… disclosure?     ☒" then "Yes     No☐" is "☒ Yes ☐ No")."""
    raws = list(raws)
    for index, raw in enumerate(raws):
        alone = TRAILING_BOX.search(raw)
        if alone is None:
            continue
        after = next((i for i in range(index + 1, len(raws)) if raws[i].strip()), None)
        if after is None or not _lacks_first_box(raws[after]):
            continue
        line = raws[after]
        start = len(line) - len(line.lstrip())
        raws[index] = raw[: alone.start()]
        raws[after] = f"{line[:start]}{alone[1]} {line[start:]}"
    return raws


def _lacks_first_box(line: str) -> bool:
    """Whether a line is a few options with one box fewer than options, the first word's
    missing ("Yes     No☐", "Yes   ☐   No")."""
    text = line.strip()
    boxes = sum(char in BOXES for char in text)
    words = [word for word in re.split(f"[\\s{BOXES}]+", text) if any(c.isalpha() for c in word)]
    return bool(text) and text[0] not in BOXES and 0 < boxes == len(words) - 1 <= 3


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


def _column(x: int, row: _Row, page: _Page | None = None) -> int | None:
    """The index of the row's cell that starts at character column x (a little further off
    for a row of the page before: each page has its own character width)."""
    wide = page is not None and row is page.carried
    for index, cell in enumerate(row.cells):
        if abs(cell.x - x) <= (max(SLACK, cell.x * PAGE_SLACK) if wide else SLACK):
            return index
    for index, cell in enumerate(row.cells[1:], 1):  # a line drawn with its label lies further
        if cell.x - LEFT_SLACK <= x < cell.x and x > row.cells[index - 1].x + LEFT_SLACK:
            return index
    return None


def _aligned(groups: list[_Group], row: _Row | None) -> bool:
    """Whether a line of columns starts each of them where one of the row's cells starts:
    the next row of a grid that a page break cut through."""
    if row is None or len(groups) != len(row.cells):
        return False
    # Each page has its own character width, so columns may lie a little apart.
    return all(
        abs(group.x - cell.x) <= max(SLACK, cell.x * PAGE_SLACK)
        for group, cell in zip(groups, row.cells, strict=True)
    )


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
        index = _column(group.x, row, page)
        if index is None or (indexes and index <= indexes[-1]):
            return False
        indexes.append(index)
    starts_label = page.starts_label if page is not None else None
    return (
        indexes[0] != 0
        or _wraps_first(groups[0], row, finishes and len(groups) == 1, page)
        or _answers_below(groups, row, starts_label)
    )


def _wraps_first(group: _Group, row: _Row, finishes: bool, page: _Page | None) -> bool:
    """Whether a first-column line wraps the row's first cell: never where the page shows its
    first word would have fitted on the line above; where it shows it would not have, after
    a label and its answer in one cell ("Signed (SPOC): Conan" then "Kowalczyk"), always;
    else as the text reads (`_wraps_label`)."""
    starts_label = page.starts_label if page is not None else None
    overflows = _overflows(row.cells[0], group, page)
    if overflows is False:
        return False
    above = row.cells[0].lines[-1]
    if (
        overflows
        and LABELLED.search(above)
        and ":" not in group.text
        and not (starts_label and starts_label(group.text))
    ):
        return True
    return _wraps_label(group, row, finishes, starts_label)


def _answers_below(groups: list[_Group], row: _Row, starts_label: StartsLabel | None) -> bool:
    """Whether a line answers a grid's row of labels under them, cell by cell: every cell of
    the row ends with a colon ("Note rationale for decision:") and no text of the line is a
    label itself."""
    if starts_label is None or len(row.cells) < 2 or len(groups) + len(row.cells) < 4:
        return False  # two labels and their answers, or a grid's (three or more) and one
    if not all(cell.lines and cell.lines[-1].endswith(":") for cell in row.cells):
        return False
    return not any(g.text.endswith(":") or starts_label(g.text) for g in groups)


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
    if starts_label is not None and _goes_on(above, group.text, starts_label):
        return True
    if starts_label is not None and " " in group.text and starts_label(group.text):
        return False  # a printed line of its own ("email to your local SPOC …", a heading)
    if group.text[:1].islower():
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


def _extend(row: _Row, groups: list[_Group], page: _Page | None = None) -> None:
    """A wrapped label or sentence joins the cell's last line: going on in lower case, or
    making more of a printed label ("Other:" then "(detail)"). Other text (the next line of
    an address, a second paragraph, a tick box) is a line of its own."""
    ends = page.ends if page is not None else None
    for group in groups:
        column = _column(group.x, row, page) or 0
        cell = row.cells[column]
        if (
            cell.lines
            and not group.new_line
            and not _own_line(group.text)
            and (
                column == 0
                or group.text[:1].islower()
                or _heads(cell.lines, group.text, page)
                or _wrapped(cell, group, page)
            )
        ):
            cell.lines[-1] = _joined(cell.lines[-1], group.text, _width(row, column, ends))
        else:
            cell.lines.append(group.text)
        cell.end = group.end


def _wrapped(cell: _Cell, group: _Group, page: _Page | None) -> bool:
    """Whether the line goes on with the cell's line above (see `_overflows`)."""
    return _overflows(cell, group, page) is True


def _overflows(cell: _Cell, group: _Group, page: _Page | None) -> bool | None:
    """Whether the cell's line above ran so near its right border (the page's table borders)
    that the line's first word could not have fitted after it: a wrap; if it could have, a
    new line (a new paragraph, or the next row's label). None where the page does not say.
    Ends and widths are the page's own, in character columns."""
    if page is None or not page.edges or cell.end is None or group.end is None:
        return None
    at = bisect.bisect_right(page.edges, cell.x + SLACK)
    if at == 0 or at == len(page.edges):
        return None
    left, right = page.edges[at - 1], page.edges[at]
    limit = right - max(cell.x - left, 0)  # text keeps as far from the right border
    per_char = (group.end - group.x) / max(len(group.text), 1)
    first = len(group.text.split(" ", 1)[0])
    return cell.end + (1 + first) * per_char > limit


def _heads(lines: list[str], text: str, page: _Page | None) -> bool:
    """Whether a cell holding only the start of a printed label or heading goes on with the
    line: a grid's column heading wrapped ("Other:" then "(detail)")."""
    if page is None or page.starts_label is None or len(lines) != 1:
        return False
    return page.starts_label(lines[0]) and page.starts_label(f"{lines[0]} {text}")


def _own_line(text: str) -> bool:
    """Whether a line starts with an e-mail or web address, is a telephone number, or is a
    label of one word and its answer: a line of its own ("01632 960391" then
    "ward.manager@clayhill.nhs.test", "PNC No: …" then "nDelius: w462669"), never the rest
    of a sentence."""
    return bool(ADDRESS.match(text) or PHONE.fullmatch(text) or LABELLED.match(text))


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
            for row in map(_with_blanks(rows), rows)
        ),
        number,
    )


def _with_blanks(rows: list[_Row]) -> Callable[[_Row], _Row]:
    """A row of a label and one more cell where the table's rows of three or more cells have
    a third column and none a second, given its blank second cell back: a text layer leaves
    blank cells out ("ViSOR reference" with nothing typed, then "Police" from the lead agency
    column), and the label would take the third column's text for its answer."""
    thirds = {cell.x for row in rows if len(row.cells) >= 3 for cell in row.cells[2:]}

    def near(x: int, xs: set[int]) -> bool:
        return any(x + off in xs for off in range(-SLACK, SLACK + 1))

    seconds = {row.cells[1].x for row in rows if len(row.cells) >= 2}
    seconds = {x for x in seconds if not near(x, thirds)}

    def blanked(row: _Row) -> _Row:
        if len(row.cells) != 2 or not near(row.cells[1].x, thirds):
            return row
        if near(row.cells[1].x, seconds):
            return row
        return _Row([row.cells[0], _Cell(row.cells[0].x + 1, []), row.cells[1]], row.where)

    return blanked
