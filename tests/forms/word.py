"""Filled forms as Word documents, in the ways referrers fill them: typed into the official
table's cells, retyped as "Label: value" lines, in content controls, or in legacy form fields.

Every layout draws the same answers (answers.py) from the same printed form (form_layouts.py);
`formatting` False keeps pair answers to what survives a PDF text layer (typed words), since
strike-through and highlight are not text.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from scripts.form_layouts import BOX, Cell, Form, Grid, Para
from tests.forms.answers import Answer
from tests.forms.values import Place
from tests.forms.writing import typo
from tests.support.docx_builder import (
    body_docx,
    checkbox_control,
    control,
    legacy_checkbox,
    legacy_dropdown,
    legacy_text,
    p,
    r,
)

WORD_LAYOUTS = ("table", "paragraphs", "content_controls", "legacy_fields")
TICKS = ("☒", "☑", "✔", "X")
PLACEHOLDER = "Click or tap here to enter text."
EN_SPACES = "\u2002" * 5  # what Word shows in an empty legacy text field
TWIPS_PER_CM = 567
WIDTHS_CM = {2: (7.0, 10.0), 3: (6.5, 7.5, 3.0), 4: (3.0, 5.5, 3.0, 5.5)}
RUN_MARKS = {
    None: "",
    "bold": "<w:b/>",
    "strike": "<w:strike/>",
    "highlight": '<w:highlight w:val="yellow"/>',
}

Runs = list[tuple[str, str | None]]  # (text, mark): mark is a RUN_MARKS key or "deleted"


def runs_xml(runs: Runs) -> str:
    out = []
    for text, mark in runs:
        if mark == "deleted":
            out.append(
                '<w:del w:id="0" w:author="Referrer" w:date="2025-05-01T09:00:00Z">'
                f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'
            )
        else:
            out.append(r(escape(text), RUN_MARKS[mark]))
    return "".join(out)


def lines_xml(lines: list[str]) -> str:
    """Several lines in one paragraph, separated by line breaks."""
    return r(inner="<w:br/>").join(r(escape(line)) for line in lines)


@dataclass
class Writer:
    """Draws one form's answers in one layout."""

    layout: str
    answers: dict[Place, Answer]
    rng: random.Random
    formatting: bool = True

    def __post_init__(self) -> None:
        self.names: dict[str, int] = {}
        self.row_label = ""  # the printed label of the row being drawn

    def document(self, forms: list[Form]) -> bytes:
        blocks = [block for form in forms for block in self.blocks(form)]
        return body_docx(*blocks, p())  # Word ends a document with a paragraph

    def blocks(self, form: Form) -> list[str]:
        out = []
        for block in form.blocks:
            if isinstance(block, Para):
                out.append(self.para(block))
            elif self.layout == "paragraphs" and retyped(form, block):
                out.extend(self.retyped_rows(block))
            else:
                out.append(self.table(block))
        return out

    def para(self, block: Para) -> str:
        style = f'<w:pStyle w:val="{block.style}"/>' if block.style else ""
        return p(r(escape(block.text), "<w:b/>" if block.bold else ""), ppr=style)

    # The official table

    def table(self, grid: Grid) -> str:
        widths = WIDTHS_CM.get(grid.columns, (17.0 / grid.columns,) * grid.columns)
        columns = "".join(f'<w:gridCol w:w="{int(w * TWIPS_PER_CM)}"/>' for w in widths)
        rows = []
        for row in grid.rows:
            self.row_label = next((c.text for c in row if not c.key and c.text), "")
            cells, at = [], 0
            for cell in row:
                width = int(sum(widths[at : at + cell.span]) * TWIPS_PER_CM)
                span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
                body = "".join(self.cell(cell)) or p()
                cells.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}</w:tcPr>{body}</w:tc>'
                )
                at += cell.span
            rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
        props = '<w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        grid_xml = f"<w:tblGrid>{columns}</w:tblGrid>"
        return f"<w:tbl><w:tblPr>{props}</w:tblPr>{grid_xml}{''.join(rows)}</w:tbl>"

    def cell(self, cell: Cell) -> list[str]:
        """The paragraphs of one cell: printed text, the answer drawn in this layout, or both."""
        answer = self.answers.get((cell.key, cell.option)) if cell.key else None
        bold = "<w:b/>" if cell.bold else ""
        if answer is None:
            if cell.key and not cell.text and self.layout != "table":
                return [p(self.blank_field(cell))]
            return [p(r(escape(line), bold)) for line in cell.text.split("\n") if line] or [p()]
        if answer.tick is not None:
            return [p(self.tick(cell, answer)), *self.more_lines(cell, answer)]
        if answer.choice is not None and BOX in cell.text:
            return [p(self.boxes(cell, answer.choice)), *self.more_lines(cell, answer)]
        if answer.choice is not None:
            return [p(self.pair(cell, answer))]
        if cell.inline:
            return [p(r(escape(cell.text + " ")), self.value(cell, answer.text.split("\n")))]
        return [p(self.value(cell, answer.text.split("\n")))]

    def more_lines(self, cell: Cell, answer: Answer) -> list[str]:
        lines = [line for line in answer.text.split("\n") if line]
        if not lines:
            return []
        if cell.inline:  # "☐ Voluntary sector; partner (cite):" is answered on the same line
            return []
        return [p(self.value(cell, lines))]

    # One answer, as each layout holds it

    def value(self, cell: Cell, lines: list[str]) -> str:
        if self.layout == "content_controls":
            return control(lines_xml(lines), tag=tag(cell))
        if self.layout == "legacy_fields":
            return named(self.field_name(cell), legacy_text, lines_xml(lines))
        return lines_xml(lines)

    def blank_field(self, cell: Cell) -> str:
        if self.layout == "content_controls":
            return control(r(PLACEHOLDER), tag=tag(cell), extra="<w:showingPlcHdr/>")
        if self.layout == "legacy_fields":
            return named(self.field_name(cell), legacy_text, r(EN_SPACES))
        return ""

    def tick(self, cell: Cell, answer: Answer) -> str:
        label = cell.text.replace(BOX, "").strip()
        on = bool(answer.tick)
        tail = f" {label}" if label else ""
        if answer.text and cell.inline:
            tail += f" {answer.text}"
        if self.layout == "content_controls":
            return checkbox_control(tag(cell), on) + r(escape(tail))
        if self.layout == "legacy_fields":
            box = named(self.field_name(cell), legacy_checkbox, "1" if on else None)
            return box + r(escape(tail))
        mark = self.rng.choice(TICKS) if on else (BOX if BOX in cell.text else "")
        return r(escape(f"{mark}{tail}".strip()))

    def boxes(self, cell: Cell, choice: str) -> str:
        """Separate Yes and No boxes ("☐ Yes ☐ No"): the chosen one ticked."""
        label, _, options = cell.text.partition(BOX)
        words = [w.strip() for w in options.split(BOX)]
        out = [r(escape(label))]
        for word in [words[0], *words[1:]]:
            on = word.lower() == choice.lower()
            if self.layout == "content_controls":
                out.append(checkbox_control(f"{word.lower()}", on))
            elif self.layout == "legacy_fields":
                out.append(named(self.field_name(cell, word), legacy_checkbox, "1" if on else None))
            else:
                out.append(r("☒" if on else BOX))
            out.append(r(escape(f" {word} ")))
        return "".join(out)

    def pair(self, cell: Cell, answer: Answer) -> str:
        """A printed pair ("Yes/No") answered: typed over, one word deleted, struck through
        or highlighted, or an answer typed after it (FORMS.md §6)."""
        choice = answer.choice or ""
        options = [w.strip() for w in cell.text.split("/")] if "/" in cell.text else []
        if self.layout == "content_controls":
            items = "".join(
                f'<w:listItem w:displayText="{o}" w:value="{o}"/>' for o in options or [choice]
            )
            return control(
                r(escape(choice)), tag=tag(cell), extra=f"<w:dropDownList>{items}</w:dropDownList>"
            )
        if self.layout == "legacy_fields":
            if options and choice in options:
                chosen_at = options.index(choice)
                return named(self.field_name(cell), legacy_dropdown, options, chosen_at)
            return named(self.field_name(cell), legacy_text, r(escape(choice)))
        style = answer.pair_style
        if not options or choice not in options:
            style = "typed" if style != "after" or not options else style
        if not self.formatting and style in ("struck", "highlighted", "deleted"):
            style = "typed"
        if style == "typed":
            return r(escape(choice))
        if style == "after":
            return r(escape(f"{cell.text} – {choice.lower()}"))
        runs: Runs = []
        for n, option in enumerate(options):
            separator = "/" if n else ""
            if option == choice:
                mark = "highlight" if style == "highlighted" else None
                runs += [
                    (separator, "deleted" if style == "deleted" and n else None),
                    (option, mark),
                ]
            else:
                mark = {"struck": "strike", "deleted": "deleted"}.get(style)
                runs += [(separator, "deleted" if style == "deleted" else None), (option, mark)]
        return runs_xml([(text, mark) for text, mark in runs if text])

    def field_name(self, cell: Cell, option: str = "") -> str:
        """A legacy field's name after the label printed in or beside its cell, as form
        designers (and Acrobat's field detection) name them; a PDF exported keeps it."""
        own = cell.text
        if BOX in own:
            own = own.replace(BOX, "") if own.lstrip().startswith(BOX) else own.split(BOX)[0]
        if "/" in own and len(own) < 25:  # a printed pair ("Yes/No") names nothing
            own = ""
        base = camel(f"{own.strip() or self.row_label} {option}") or "Field"
        count = self.names.get(base, 0) + 1
        self.names[base] = count
        bookmark = base if count == 1 else f"{base}{count}"
        return bookmark

    # Retyped as "Label: value" lines

    def retyped_rows(self, grid: Grid) -> list[str]:
        out = []
        for row in grid.rows:
            keyed = [c for c in row if c.key]
            printed = [c for c in row if not c.key and c.text]
            if not keyed:
                if printed and row[0].text:
                    out.append(p(r(escape(self.label(printed[0].text)), "<w:b/>")))
            elif printed:
                out.extend(self.labelled(printed[0].text, keyed[0]))
            else:
                out.extend(paragraph for c in keyed for paragraph in self.cell(c))
        return out

    def labelled(self, label: str, cell: Cell) -> list[str]:
        """ "Label: value", the value's further lines broken within the paragraph; a tick box
        as "☒ Label"."""
        label = label.replace("\n", " ")
        if cell.key != "dates":  # a dates row's label is kept as written, typos and all
            label = self.label(label)
        answer = self.answers.get((cell.key, cell.option))
        if answer is not None and answer.tick is not None:
            mark = self.rng.choice(TICKS) if answer.tick else BOX
            return [p(r(escape(f"{mark} {label}")))]
        if answer is not None and answer.choice is not None and BOX in cell.text:
            boxes = self.boxes(cell, answer.choice)
            return [p(r(escape(f"{label} ")), boxes), *self.more_lines(cell, answer)]
        if answer is None:
            shown = r(escape(cell.text)) if cell.text else ""
        elif answer.choice is not None:
            shown = self.pair(cell, answer)
        else:
            shown = lines_xml(answer.text.split("\n"))
        bare = label.rstrip().endswith((":", "?")) or re.fullmatch(r"\(\w\)", label)
        colon = "" if bare else ":"
        return [p(r(escape(f"{label}{colon} ")), shown)]

    def label(self, text: str) -> str:
        return typo(self.rng, text) if self.rng.random() < 0.15 else text


def retyped(form: Form, grid: Grid) -> bool:
    """Grids a referrer retypes as lines: label-and-answer tables. The checklist's wide grids
    (considerations with notes, the screening outcomes) stay tables."""
    return grid.columns == 2 or (form.form == "mappa_a" and grid.columns == 3)


def named(name: str, make: Callable[..., str], *args: object) -> str:
    """A legacy form field inside the bookmark of its name, as Word saves it."""
    number = zlib.crc32(name.encode()) % 100_000
    return (
        f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>{make(name, *args)}'
        f'<w:bookmarkEnd w:id="{number}"/>'
    )


def tag(cell: Cell) -> str:
    option = f".{cell.option}" if cell.option is not None else ""
    return f"{cell.key}{option}"


def camel(text: str) -> str:
    return "".join(word.capitalize() for word in re.findall(r"[A-Za-z0-9]+", text))
