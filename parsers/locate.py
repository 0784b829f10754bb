"""The label-matching engine: where each field's answer sits in a document (FORMS.md §6).

One engine for every form and layout. It walks the blocks in reading order, keeps track of the
section it is in (for labels printed twice), and finds each answer where referrers put it: the
same cell or line after the label, the cell to the right, the cell below a heading cell, or the
lines that follow. What it finds is still raw (lines with their formatting and provenance);
reading values is `interpret`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.document import Cell, Document, Line, Paragraph, Row, Run, Table
from parsers.fields import Field, FormSpec, Kind, Section
from parsers.labels import LabelIndex, answer_offset, normalise

# A box, or an X typed over one ("X Devon County Council"; a lone "X" in a tick cell).
TICK_PREFIX = re.compile(r"^\s*([☒☐☑✓✔■□✗✘]|[xX](?=\s)|\[\s*[xX✓✔]?\s*\]|\(\s*[xX]?\s*\))\s*")
LINE_KINDS = {Kind.TEXT, Kind.TEXT_LIST, Kind.NAME_LIST, Kind.SHARED_IDS}
GAP = re.compile(r"(?:\.{3,}|_{3,}|\t| {3,})\s*")
PRINTED_PAIR = re.compile(r"^\s*(yes\s*/\s*no|y\s*/\s*n)\s*$", re.IGNORECASE)
# What may follow a label before its answer; a dot only when a space follows ("Ward." but not
# "ward.manager@…", an answer that starts with a label's word).
SEPARATED = re.compile(r"^(\s*$|\s*[:\-–—?)=]|\s*\.(?![^\s:])|\t|\s*[☒☐☑✓✔■□])")


@dataclass
class Answer:
    """The raw answer to one field: its lines with formatting, and where it was found."""

    field: Field | None  # None for text under a heading the form does not have
    lines: list[Line]
    where: str
    heading: str | None = None  # for extra sections and collected rows: the label as written
    collects: str | None = None  # the key that collects it as a row, from where it was found
    after: str | None = None  # the key labelled last before it (whose details it may be)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Located:
    answers: dict[str, Answer] = field(default_factory=dict)
    repeats: dict[str, list[Answer]] = field(default_factory=dict)  # the same key again
    extras: list[Answer] = field(default_factory=list)
    collected: dict[str, list[Answer]] = field(default_factory=dict)
    sections_seen: list[str] = field(default_factory=list)


class Locator:
    def __init__(self, spec: FormSpec) -> None:
        self.spec = spec
        self.labels = LabelIndex((label, f) for f in spec.fields for label in f.labels)
        self.headings = LabelIndex((h, s) for s in spec.sections for h in s.headings)
        self.printed = LabelIndex((text, text) for text in spec.printed)
        self.printed_texts = tuple(normalise(text) for text in spec.printed)
        self.ignored = {normalise(text) for text in spec.ignored}

    def locate(self, document: Document) -> Located:
        return _Walk(self).run(document)


class _Walk:
    """One pass over one document: the state the engine keeps while reading."""

    def __init__(self, locator: Locator) -> None:
        self.loc = locator
        self.section: Section | None = None
        self.last_key: str | None = None
        self.matched: set[str] = set()
        self.columns: dict[int, str] = {}
        self.found = Located()
        self.heading_text: str | None = None
        self.extra_section: Section | None = None
        self.beside = False  # the lines read sit in a table cell with other cells in its row

    def run(self, document: Document) -> Located:
        stream: list[tuple[Line, str]] = []
        for block in document.blocks:
            if isinstance(block, Paragraph):
                stream.append((block.line, block.where))
                continue
            self.lines(stream)
            stream = []
            self.table(block)
        self.lines(stream)
        return self.found

    # -- lines: paragraphs, or the lines of one cell ---------------------------------------
    def lines(self, items: list[tuple[Line, str]], in_cell: bool = False) -> Answer | None:
        """Reads a run of lines; in a cell, returns the last answer so that the row can give
        it the next cell's value."""
        open_: Answer | None = None
        for line, where in (piece for item in items for piece in self.split(*item)):
            if not line.text.strip():
                continue
            continuing = open_ is not None and bool(open_.lines) and self.takes_lines(open_)
            kind, answer = self.classify(line, where, continuing)
            if kind == "heading":
                self.close(open_)
                open_ = None
            elif kind == "label":
                self.close(open_)
                open_ = answer
                if answer.lines and not self.takes_lines(answer) and not in_cell:
                    self.close(open_)
                    open_ = None
            elif kind == "printed":
                if answer is not None and open_ is not None:
                    open_.lines.extend(answer.lines)
            elif (
                open_ is not None
                and not own_heading(line)
                and (self.takes_lines(open_) or not open_.lines)
                and not self.collecting(open_)
            ):
                open_.lines.append(line)
            else:
                self.close(open_)
                open_ = self.unknown(line, where)
        if in_cell and open_ is not None and (open_.field is not None or len(open_.lines) <= 1):
            return open_  # the row may hold its value in the next cell
        self.close(open_)
        return None

    def split(self, line: Line, where: str) -> list[tuple[Line, str]]:
        """A line holding a second label after a gap ("Date: …   Signed: …") is two lines, and
        so is a paragraph broken by a line break (Shift+Enter): each part may start a label."""
        text = line.text
        if (newline := text.find("\n")) != -1:
            head, rest = line.before(newline), line.after(newline + 1)
            return [*self.split(head, where), *self.split(rest, where)]
        for gap in GAP.finditer(text):
            match = self.loc.labels.match_start(text[gap.end() :], fuzzy=False)
            if match and SEPARATED.match(text[gap.end() + match.end :]):
                head = line.before(gap.start())
                return [(head, where), *self.split(line.after(gap.end()), where)]
        return [(line, where)]

    def takes_lines(self, answer: Answer) -> bool:
        return answer.field is None or answer.field.kind in LINE_KINDS

    def classify(
        self, line: Line, where: str, continuing: bool = False
    ) -> tuple[str, Answer | None]:
        """What a line is. While a text answer runs on, a line that only names a field or an
        option ("Devon & Cornwall Police" in a list of agencies) is more of the answer: a
        label then needs a tick or a separator with something after it."""
        text = line.text
        tick = TICK_PREFIX.match(text)
        body = line.after(tick.end()) if tick else line
        if not tick and not self.label_beside_value(text) and self.heading(text):
            return "heading", None
        match = self.loc.labels.match_start(body.text)
        if match is not None:
            chosen = self.choose(match.targets)
            rest = body.text[match.end :]
            marked = SEPARATED.match(rest) and (rest.strip() or not continuing)
            if chosen is not None and (
                tick or marked or (chosen.kind not in LINE_KINDS and not continuing)
            ):
                answer_line = body.after(answer_offset(body.text, match.end))
                if tick:
                    answer_line = Line((Run(tick[1] + " "), *answer_line.runs))
                return "label", self.start(chosen, answer_line, where)
        printed = self.loc.printed.match_start(text, fuzzy=False)
        if printed is not None:
            rest = line.after(answer_offset(text, printed.end))
            return "printed", Answer(None, [rest] if rest.text.strip() else [], where)
        normal = normalise(text)
        if normal in self.loc.ignored or any(normal in p for p in self.loc.printed_texts):
            return "printed", None
        return "other", None

    def collecting(self, answer: Answer) -> bool:
        """In a section of rows (the relevant dates), each unlabelled line is a row of its own."""
        return answer.collects is not None

    def label_beside_value(self, text: str) -> bool:
        """A field printed with a section's words ("Detained in hospital" under "DETAINED IN
        HOSPITAL") is the field where its row has a cell for the answer."""
        return self.beside and bool(self.loc.labels.match_whole(text.rstrip(" :")))

    def heading(self, text: str) -> bool:
        sections = self.loc.headings.match_whole(text.rstrip(" :"))
        if not sections:
            return False
        part = self.section.part if self.section else ""
        same_part = [s for s in sections if s.part == part]
        self.section = (same_part or list(sections))[0]
        self.heading_text = text.strip().rstrip(" :")
        self.found.sections_seen.append(self.section.name)
        self.last_key = None
        return True

    def choose(self, fields: tuple[Field, ...]) -> Field | None:
        """Of the fields sharing a label, the one this place in the form means."""
        here = self.section.name if self.section else "start"
        part = self.section.part if self.section else ""
        candidates = [f for f in fields if not f.strict or here in f.sections]
        in_section = [f for f in candidates if here in f.sections]
        same_part = [f for f in candidates if f.part == part]
        candidates = in_section or same_part or candidates
        if not candidates:
            return None
        above = set(self.columns.values()) | {self.last_key}
        for f in candidates:
            if f.under is not None and f.under in above:
                return f
        return next((f for f in candidates if f.key not in self.matched), candidates[0])

    def start(self, f: Field, answer_line: Line, where: str) -> Answer:
        self.matched.add(f.key)
        self.last_key = f.key
        lines = [answer_line] if answer_line.text.strip() else []
        return Answer(f, lines, line_source(answer_line) or where)

    def unknown(self, line: Line, where: str) -> Answer:
        """Text under no known label: a heading of the referrer's own, or text under one."""
        collects = self.section.collects if self.section else None
        if own_heading(line):
            heading = line.text.strip().rstrip(" :")
            return Answer(None, [], where, heading=heading, collects=collects, after=self.last_key)
        return Answer(None, [line], where, collects=collects, after=self.last_key)

    def close(self, answer: Answer | None) -> None:
        if answer is None:
            return
        if answer.field is None:
            self.keep_unknown(answer)
        elif (earlier := self.found.answers.get(answer.field.key)) is not None:
            if earlier.text.strip() or not answer.text.strip():
                self.found.repeats.setdefault(answer.field.key, []).append(answer)
            else:  # a label met first with nothing (a column heading "Notes") yields its key
                self.found.answers[answer.field.key] = answer
        else:
            self.found.answers[answer.field.key] = answer

    def keep_unknown(self, answer: Answer) -> None:
        """Collected rows, a labelled field's loose details, or an extra section (§2.2)."""
        last = self.loc.spec.field(answer.after) if answer.after else None
        if answer.collects is not None:
            self.found.collected.setdefault(answer.collects, []).append(answer)
        elif answer.heading is None and last is not None and last.then:
            if last.then not in self.found.answers:
                self.close(Answer(self.loc.spec.field(last.then), answer.lines, answer.where))
        elif answer.heading is None and self.found.extras and self.extra_section == self.section:
            self.found.extras[-1].lines.extend(answer.lines)
        elif answer.lines:
            if answer.heading is None:
                answer.heading = self.heading_text
            self.found.extras.append(answer)
            self.extra_section = self.section

    # -- tables ------------------------------------------------------------------------------
    def table(self, table: Table) -> None:
        self.columns = {}
        skip_rows: set[int] = set()
        for r, row in enumerate(table.rows):
            if r not in skip_rows:
                below = table.rows[r + 1] if r + 1 < len(table.rows) else None
                if self.row(row, below):
                    skip_rows.add(r + 1)
        self.columns = {}

    def row(self, row: Row, below: Row | None) -> bool:
        """Reads one row; True when it took its value from the row below."""
        cells = row.cells
        consumed: set[int] = set()
        tick: str | None = None
        took_below = False
        for c, cell in enumerate(cells):
            text = cell.text.strip()
            if c in consumed or not (text or cell.tables):
                continue
            if text and TICK_PREFIX.fullmatch(text + " "):
                tick = text
                continue
            if normalise(text) in self.loc.ignored:
                continue
            lines = cell_lines(cell)
            if tick is not None:
                lines[0] = (Line((Run(tick + " "), *lines[0][0].runs)), lines[0][1])
                tick = None
            self.beside = len(cells) > 1
            waiting = self.lines(lines, in_cell=True)
            self.beside = False
            if waiting is not None:
                took_below = self.fill(waiting, cells, c, consumed, below) or took_below
                if waiting.field is not None:
                    self.columns[c] = waiting.field.key
            for nested in cell.tables:
                self.table(nested)
        return took_below

    def fill(
        self,
        waiting: Answer,
        cells: tuple[Cell, ...],
        c: int,
        consumed: set[int],
        below: Row | None,
    ) -> bool:
        """A label whose answer is missing or a printed pair left as printed: the value is in
        the next cell, or the cell below a lone heading cell."""
        took_below = False
        source = None
        if waiting.field is None:
            return self.fill_unknown(waiting, cells, c, consumed)
        if waiting.lines and not PRINTED_PAIR.match(waiting.text):
            self.close(waiting)
            return False
        beside = cells[c + 1] if c + 1 < len(cells) else None
        if beside is not None and beside.text.strip() and not self.is_label(beside, waiting.field):
            source = beside
            consumed.add(c + 1)
        elif (
            len(cells) == 1
            and below is not None
            and len(below.cells) == 1
            and not self.is_label(below.cells[0], waiting.field)
            and not waiting.lines
        ):
            source, took_below = below.cells[0], True
        if source is not None:
            waiting.lines += [line for line, _ in cell_lines(source) if line.text.strip()]
            waiting.where = line_source(*waiting.lines) or source.where
            then = waiting.field.then if waiting.field else None
            if then and c + 2 < len(cells) and not took_below:
                consumed.add(c + 2)
                notes = [line for line, _ in cell_lines(cells[c + 2]) if line.text.strip()]
                self.close(Answer(self.loc.spec.field(then), notes, cells[c + 2].where))
        self.close(waiting)
        return took_below

    def fill_unknown(
        self, waiting: Answer, cells: tuple[Cell, ...], c: int, consumed: set[int]
    ) -> bool:
        """A cell under no known label beside a value: the referrer's own heading and text."""
        nxt = cells[c + 1] if c + 1 < len(cells) else None
        if (
            waiting.heading is None
            and nxt is not None
            and nxt.text.strip()
            and not (self.is_label(nxt) or normalise(nxt.text) in self.loc.ignored)
        ):
            consumed.add(c + 1)
            waiting.heading = waiting.text.strip().rstrip(" :")
            waiting.lines = [line for line, _ in cell_lines(nxt) if line.text.strip()]
            waiting.where = nxt.where
        self.close(waiting)
        return False

    def is_label(self, cell: Cell, answering: Field | None = None) -> bool:
        """Whether a cell is a label. In the place of `answering`'s value it must be one of
        the same form part, marked as a label by what follows it ("Signed:"), so that an
        answer worded like a label ("No fixed abode", "Care Co-ordinator") stays an answer."""
        text = cell.text.strip()
        match = self.loc.labels.match_start(text)
        if match is not None and SEPARATED.match(rest := text[match.end :]):
            if answering is None:
                return True
            same_part = any(f.part == answering.part for f in match.targets)
            if same_part and rest.strip():
                return True
        return bool(self.loc.headings.match_whole(text.rstrip(" :")))


def own_heading(line: Line) -> bool:
    """A short line of the referrer's own ending in a colon opens a section of their own."""
    text = line.text.strip()
    return text.endswith(":") and "\n" not in text and len(text) <= 80


def cell_lines(cell: Cell) -> list[tuple[Line, str]]:
    """A cell's lines, with the rows of any table nested in it as lines of their own."""
    lines = [(line, cell.where) for line in cell.lines]
    for table in cell.tables:
        for row in table.rows:
            texts = [c.text.strip() for c in row.cells if c.text.strip()]
            if texts:
                lines.append((Line.plain(", ".join(texts)), row.cells[0].where))
    return lines or [(Line(()), cell.where)]


def line_source(*lines: Line) -> str | None:
    """A form field or content control the answer came from, when it came from one only."""
    sources = {line.source for line in lines if line.text.strip()}
    return sources.pop() if len(sources) == 1 else None
