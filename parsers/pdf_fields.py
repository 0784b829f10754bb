"""A PDF's AcroForm fields: what a viewer shows in each widget, or a table of (label, value) rows.

What a referrer types into a fillable PDF lives in the form's field dictionaries, not in the
page's text. Where the page prints the labels, each widget's value is drawn into the text at the
widget (`field_marks`, see pdf_overlay), so that it is read beside its label and in its section.
Elsewhere each field becomes a row: the label a viewer shows (its tooltip, else its name)
beside its value, check boxes as ☒ or ☐, radio groups as the option chosen plus a row per option
so that printed Yes/No boxes can be read like any others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pypdf import PageObject, PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

from parsers.document import TICKED, UNTICKED, Cell, Line, Row, Table
from parsers.pdf_layout import clean_text
from parsers.pdf_overlay import Mark, font_size
from parsers.problems import DocumentProblem

FIELDS_TABLE = 0  # the field rows' table: placed first, numbered apart from tables 1, 2, … of text
MAX_FIELDS = 5000  # forms have a few hundred; more is a file built to keep a reader busy
PUSHBUTTON = 1 << 16
RADIO = 1 << 15
# What a field takes from its parent (PDF 32000 §12.7.3).
INHERITED = ("/FT", "/Ff", "/V", "/Opt", "/DA")
CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


@dataclass
class _Field:
    name: str  # fully qualified: "parent.child"
    node: DictionaryObject
    values: dict[str, Any]  # the inherited entries, the field's own last
    widgets: list[DictionaryObject]


@dataclass(frozen=True)
class _Place:
    """Where a widget is: its page, then top to bottom, then left to right."""

    page: int  # 1-based
    top: float
    left: float
    bottom: float = 0.0
    right: float = 0.0

    @property
    def key(self) -> tuple[int, float, float]:
        return (self.page, -self.top, self.left)


@dataclass
class PlacedField:
    """A field, where its first widget is, and where each of its widgets is shown."""

    found: _Field
    place: _Place
    widgets: list[tuple[_Place, DictionaryObject]]


def form_fields(reader: PdfReader, pages: list[PageObject]) -> list[PlacedField]:
    """The fields shown on some page, in page order, then top to bottom and left to right."""
    annotations = _annotation_pages(pages)
    placed = []
    for found in _terminal_fields(reader):
        widgets = [(_place(widget, annotations), widget) for widget in found.widgets]
        shown = [(place, widget) for place, widget in widgets if place is not None]
        if shown:
            first = min((place for place, _ in shown), key=lambda place: place.key)
            placed.append(PlacedField(found, first, shown))
    placed.sort(key=lambda field: field.place.key)
    return placed


def field_table(placed: list[PlacedField]) -> Table | None:
    """The fields as rows in page order, or None when none of them gives a row."""
    rows = [row for field in placed for row in _rows(field.found, field.place.page)]
    return Table(tuple(rows), FIELDS_TABLE) if rows else None


def field_marks(field: PlacedField) -> list[tuple[int, Mark]]:
    """What a viewer shows in the field's widgets, by page: a text or choice field's value
    where it has one, every check box and radio button as ☒ or ☐."""
    found = field.found
    kind = found.values.get("/FT")
    size = font_size(_text(found.values.get("/DA")))
    if kind == "/Btn" and not _int(found.values.get("/Ff")) & PUSHBUTTON:
        chosen = _chosen(found)
        return [
            (place.page, _mark(place, (_tick(widget, chosen),), size))
            for place, widget in field.widgets
            if place.top > place.bottom
        ]
    if kind == "/Tx":
        lines = _text(found.values.get("/V")).split("\n")
    elif kind == "/Ch":
        chosen = resolve(found.values.get("/V"))
        chosen = chosen if isinstance(chosen, ArrayObject) else [chosen]
        lines = [_text(value) for value in chosen]
    else:
        return []
    lines = [line.strip() for line in lines if line.strip()]
    place = field.place
    shown = lines and place.top > place.bottom
    return [(place.page, _mark(place, tuple(lines), size))] if shown else []


def _mark(place: _Place, lines: tuple[str, ...], size: float) -> Mark:
    return Mark(place.left, place.bottom, place.top, lines, size, place.right)


def _tick(widget: DictionaryObject, chosen: str | None) -> str:
    """☒ when the widget's own "on" state is the one chosen (a radio button: its option)."""
    states = _on_states([widget])
    ticked = chosen in states if states else _name(resolve(widget.get("/AS"))) is not None
    return TICKED if ticked else UNTICKED


def _terminal_fields(reader: PdfReader) -> list[_Field]:
    """Every field that holds a value: the leaves of /Fields and /Kids, walked without
    recursion and each object once, so that a loop in the tree ends."""
    form = resolve(reader.trailer["/Root"]).get("/AcroForm")
    fields = resolve(resolve(form).get("/Fields")) if form is not None else None
    if not isinstance(fields, ArrayObject):
        return []
    found: list[_Field] = []
    seen: set[int] = set()
    stack: list[tuple[Any, str, dict[str, Any]]] = [(f, "", {}) for f in reversed(fields)]
    while stack:
        reference, parent, inherited = stack.pop()
        node = resolve(reference)
        if not isinstance(node, DictionaryObject) or id(node) in seen:
            continue
        seen.add(id(node))
        partial = _text(node.get("/T"))
        name = ".".join(part for part in (parent, partial) if part)
        values = {**inherited, **{key: node[key] for key in INHERITED if key in node}}
        kids = [resolve(kid) for kid in resolve(node.get("/Kids", ArrayObject()))]
        kids = [kid for kid in kids if isinstance(kid, DictionaryObject)]
        children = [kid for kid in kids if "/T" in kid]
        if children:
            stack.extend((kid, name, values) for kid in reversed(children))
            continue
        found.append(_Field(name, node, values, kids or [node]))
        if len(found) > MAX_FIELDS:
            raise DocumentProblem(
                "parse_limit", f"the PDF has more than {MAX_FIELDS} form fields: too many to read"
            )
    return found


def _annotation_pages(pages: list[PageObject]) -> dict[int, int]:
    """The 1-based page of each annotation (widgets included), by object number."""
    found: dict[int, int] = {}
    for number, page in enumerate(pages, 1):
        annotations = resolve(page.get("/Annots"))
        if isinstance(annotations, ArrayObject):
            for annotation in annotations:
                if isinstance(annotation, IndirectObject):
                    found.setdefault(annotation.idnum, number)
    return found


def resolve(value: Any) -> Any:
    """The object a reference points to (each read once: pypdf caches it), else the value."""
    return value.get_object() if value is not None and hasattr(value, "get_object") else value


def _place(widget: DictionaryObject, annotations: dict[int, int]) -> _Place | None:
    """A widget's page (from the pages' /Annots: a widget on no page is shown nowhere) and
    position."""
    reference = widget.indirect_reference
    page = annotations.get(reference.idnum) if reference is not None else None
    if page is None:
        return None
    try:
        x1, y1, x2, y2 = (float(n) for n in resolve(widget.get("/Rect")))
    except (TypeError, ValueError):
        return _Place(page, 0.0, 0.0)
    return _Place(page, max(y1, y2), min(x1, x2), min(y1, y2), max(x1, x2))


def _rows(found: _Field, page: int) -> list[Row]:
    """A field's rows: none for a blank text or choice field (nothing was answered), nor for
    push buttons and signatures, which hold no answer."""
    kind = found.values.get("/FT")
    flags = _int(found.values.get("/Ff"))
    label = _label(found)
    where = f"page {page} field '{found.name}'"
    if kind == "/Tx":
        text = _text(found.values.get("/V"))
        return [_row(label, text.split("\n"), where)] if text.strip() else []
    if kind == "/Ch":
        chosen = resolve(found.values.get("/V"))
        values = [_text(v) for v in chosen] if isinstance(chosen, ArrayObject) else [_text(chosen)]
        values = [value for value in values if value.strip()]
        return [_row(label, values, where)] if values else []
    if kind != "/Btn" or flags & PUSHBUTTON:
        return []
    return _button_rows(found, label, where, flags & RADIO != 0)


def _button_rows(found: _Field, label: str, where: str, radio: bool) -> list[Row]:
    """A check box as ☒/☐; a radio group (or boxes sharing one name with different on-states)
    as the option chosen, if any, then one ☒/☐ row per option."""
    states = _on_states(found.widgets)
    chosen = _chosen(found)
    if not radio and len(states) <= 1:
        return [_row(label, [TICKED if chosen else UNTICKED], where)]
    options = resolve(found.values.get("/Opt"))
    rows = [_row(label, [_option(chosen, options)], where)] if chosen else []
    for state in states:
        tick = TICKED if state == chosen else UNTICKED
        rows.append(_row(f"{label}: {_option(state, options)}", [tick], where))
    return rows


def _on_states(widgets: list[DictionaryObject]) -> list[str]:
    """The names of the widgets' "on" appearances, in order: the options a viewer offers."""
    states: list[str] = []
    for widget in widgets:
        normal = resolve(resolve(widget.get("/AP", DictionaryObject())).get("/N"))
        if isinstance(normal, DictionaryObject) and not isinstance(normal, StreamObject):
            for state in normal:
                name = _name(state)
                if name and name not in states:
                    states.append(name)
    return states


def _chosen(found: _Field) -> str | None:
    """The on-state the field is set to: its /V, else the first widget showing one (/AS)."""
    if "/V" in found.values:
        return _name(resolve(found.values["/V"]))
    for widget in found.widgets:
        state = _name(resolve(widget.get("/AS")))
        if state:
            return state
    return None


def _name(value: Any) -> str | None:
    """An on-state's name without its slash; None for /Off, nothing or not a name."""
    if not isinstance(value, str):
        return None
    name = value.removeprefix("/") if isinstance(value, NameObject) else value
    return None if name in ("Off", "") else name


def _option(state: str | None, options: Any) -> str:
    """The export name of an option: a state "0", "1"… indexes the /Opt array where there is one."""
    name = state or ""
    if isinstance(options, ArrayObject) and name.isdigit() and int(name) < len(options):
        option = resolve(options[int(name)])
        return clean_text(_text(option[0] if isinstance(option, ArrayObject) else option))
    return clean_text(name)


def _label(found: _Field) -> str:
    """The tooltip a viewer shows, else the field's own name made into words."""
    tooltip = " ".join(_text(found.node.get("/TU")).split())
    if tooltip:
        return tooltip
    partial = _text(found.node.get("/T")) or found.name.rsplit(".", 1)[-1]
    return " ".join(CAMEL.sub(" ", partial.replace("_", " ")).split())


def _text(value: Any) -> str:
    """A string, a rich-text stream or bytes as text, line breaks as "\\n"."""
    value = resolve(value)
    if isinstance(value, StreamObject):
        value = value.get_data()
    if isinstance(value, bytes):
        value = value.decode("utf-16" if value[:2] in (b"\xfe\xff", b"\xff\xfe") else "latin-1")
    if value is None or isinstance(value, DictionaryObject | ArrayObject):
        return ""
    return clean_text(str(value).replace("\r\n", "\n").replace("\r", "\n"))


def _int(value: Any) -> int:
    try:
        return int(resolve(value) or 0)
    except (TypeError, ValueError):
        return 0


def _row(label: str, lines: list[str], where: str) -> Row:
    value = Cell(tuple(Line.plain(line) for line in lines), where)
    return Row((Cell((Line.plain(label),), where), value))
