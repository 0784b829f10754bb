"""A fillable PDF's answers drawn into its page's text, where a viewer shows them.

A field's value lives in the form's field dictionaries; a viewer draws it in the field's box,
beside the label printed on the page. Drawing each value as text at its box, in a font of our
own, lets the text layer read it in reading order with its label and the section around it
(two "Contact Details" fields are told apart by where they sit, not by their names). The page
itself is not changed: the text is read from a copy that draws the values after the page.
"""

from __future__ import annotations

import bisect
import re
import textwrap
from dataclasses import dataclass

from pypdf import PageObject, PdfReader
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
)

FONT = "/MappaIntakeFieldText"  # a resource name no form uses
CODES = 255  # a one-byte font: codes 1…255, one per character drawn on the page
GLYPH_WIDTH = 500  # thousandths of the size: a typical average width
PADDING = 2.0  # points between a box's left edge and its text
LEADING = 1.15  # a line's height, in sizes
# Drawn this high (in points), a value's line joins a printed line only at its exact baseline,
# so that a value's further lines stay apart from the printed lines below them.
FLAT = 2.0
# Drawn before each further line of a value: a line break the referrer typed, which a reader
# of the text layer keeps (it never joins that line to the one above as a wrap).
NEW_LINE = "\ue000"
MAX_INSIDE = 50  # boxes starting inside a box looked at for the next one along its row
SPAN = 2.0  # sizes apart two printed texts start that a box spanning both runs over
WRAP_WIDTH = 0.75  # sizes a character is given when a value is wrapped to fit before the next box
SIZE_OP = re.compile(r"(\d+(?:\.\d+)?)\s+Tf")


@dataclass(frozen=True)
class Mark:
    """What a viewer shows in one widget: lines of text (a tick box as ☒ or ☐)."""

    left: float
    bottom: float
    top: float
    lines: tuple[str, ...]
    size: float
    right: float = 0.0  # where the box ends (0: not known)


def font_size(appearance: str) -> float:
    """The size a field's default appearance (/DA) asks for; 0 (fit to the box) or none: 10."""
    found = SIZE_OP.search(appearance)
    size = float(found[1]) if found else 0.0
    return min(size, 24.0) if size >= 4 else 10.0


def with_marks(page: PageObject, reader: PdfReader, marks: list[Mark]) -> PageObject | None:
    """A copy of the page that also draws the marks, or None when they hold more different
    characters than a one-byte font can (the caller reads the fields apart)."""
    characters = sorted(
        {char for mark in marks for line in mark.lines for char in line} | {NEW_LINE}
    )
    if len(characters) > CODES:
        return None
    codes = {char: index for index, char in enumerate(characters, 1)}
    printed = _printed(page)
    lefts = sorted(marks, key=lambda mark: mark.left)
    row = ([mark.left for mark in lefts], lefts)
    drawn = DecodedStreamObject()
    drawn.set_data(
        "\n".join(_draw(mark, codes, printed, _fitted(mark, row)) for mark in marks).encode("ascii")
    )
    copy = PageObject(reader)
    for key, value in page.items():
        copy[NameObject(key)] = value
    copy[NameObject("/Contents")] = ArrayObject([*_contents(page), drawn])
    copy[NameObject("/Resources")] = _resources(page, _font(codes))
    return copy


def _fitted(mark: Mark, row: tuple[list[float], list[Mark]]) -> list[tuple[str, bool]]:
    """The mark's lines, each with whether a line break was typed before it, wrapped where
    they would run into the next box along the row, which starts inside this one (LibreOffice
    gives a grid's boxes the width of the whole row, so that a viewer shows them overlapping).
    `row`: the page's marks from left to right, with where each starts."""
    lines = [(line, number > 0) for number, line in enumerate(mark.lines)]
    starts, lefts = row
    first = bisect.bisect_right(starts, mark.left + mark.size)
    after = [
        other.left
        for other in lefts[first : first + MAX_INSIDE]
        if other.left < mark.right and other.bottom < mark.top and other.top > mark.bottom
    ]
    if not after:
        return lines
    width = max(int((min(after) - mark.left) / (mark.size * WRAP_WIDTH)) - 1, 1)
    fitted = []
    for line, typed in lines:
        pieces = textwrap.wrap(line, width, break_long_words=False) or [line]
        fitted.extend((piece, typed and index == 0) for index, piece in enumerate(pieces))
    return fitted


def _draw(
    mark: Mark,
    codes: dict[str, int],
    printed: list[tuple[float, float]],
    lines: list[tuple[str, bool]] | None = None,
) -> str:
    """The mark's lines: the first on the printed line beside its box, the others below it,
    before the next printed line."""
    lines = lines or [(line, number > 0) for number, line in enumerate(mark.lines)]
    baselines = sorted({baseline for baseline, _ in printed})
    first = _first_baseline(mark, baselines, _spanned(mark, printed))
    below = [b for b in baselines if b < first - FLAT]
    room = first - max(below) if below else LEADING * mark.size * len(lines)
    step = min(LEADING * mark.size, room / len(lines))
    out = []
    for number, (line, typed) in enumerate(lines):
        text = bytes(codes[char] for char in (NEW_LINE + line if typed else line)).hex()
        y = first - number * step
        out.append(
            f"BT {FONT} 1 Tf {mark.size:.2f} 0 0 {FLAT} {mark.left + PADDING:.2f} {y:.2f} Tm"
            f" <{text}> Tj ET"
        )
    return "\n".join(out)


def _spanned(mark: Mark, printed: list[tuple[float, float]]) -> set[float]:
    """The baselines where the box spans the starts of two printed pieces of text (its own
    label and the next one along): its text drawn there would run into the next label."""
    if mark.right <= mark.left:
        return set()
    starts: dict[float, list[float]] = {}
    for baseline, x in printed:
        if mark.left - SPAN * mark.size <= x < mark.right:
            starts.setdefault(baseline, []).append(x)
    return {b for b, xs in starts.items() if max(xs) - min(xs) > SPAN * mark.size}


def _first_baseline(mark: Mark, baselines: list[float], spanned: set[float]) -> float:
    """Where a viewer puts the first line (at the top of a box with room for several lines,
    else centred), moved to the nearest printed baseline inside the box or just above it:
    the label beside it (LibreOffice hangs a box in a line of text below its baseline), not
    one whose next label the box runs over."""
    size = mark.size
    height = mark.top - mark.bottom
    if height >= 2 * LEADING * size:
        shown = mark.top - PADDING - 0.8 * size
    else:
        shown = mark.bottom + (height - size) / 2 + 0.2 * size
    near = [
        b for b in baselines if mark.bottom - PADDING <= b <= mark.top + size and b not in spanned
    ]
    return min(near, key=lambda b: abs(b - shown)) if near else shown


def _printed(page: PageObject) -> list[tuple[float, float]]:
    """The baseline and left end of each piece of text printed on the page."""
    found: set[tuple[float, float]] = set()

    def visit(text: str, cm: list, tm: list, font: object, size: object) -> None:
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            found.add((round(cm[1] * tm[4] + cm[3] * tm[5] + cm[5], 2), round(x, 2)))

    page.extract_text(visitor_text=visit)
    return sorted(found)


def _contents(page: PageObject) -> list:
    contents = page.get("/Contents")
    resolved = contents.get_object() if contents is not None else None
    if isinstance(resolved, ArrayObject):
        return list(resolved)
    return [contents] if isinstance(resolved, StreamObject) else []


def _resources(page: PageObject, font: DictionaryObject) -> DictionaryObject:
    """The page's resources with the font added, copied so that the page keeps its own."""
    own = page.get("/Resources")
    own = own.get_object() if own is not None else None
    resources = DictionaryObject(own if isinstance(own, DictionaryObject) else {})
    fonts = resources.get("/Font")
    fonts = fonts.get_object() if fonts is not None else None
    fonts = DictionaryObject(fonts if isinstance(fonts, DictionaryObject) else {})
    fonts[NameObject(FONT)] = font
    resources[NameObject("/Font")] = fonts
    return resources


def _font(codes: dict[str, int]) -> DictionaryObject:
    """A one-byte font whose codes map to the characters drawn (its /ToUnicode), every glyph
    of one average width: only the text and where it starts matter."""
    pairs = "\n".join(f"<{code:02X}> <{_utf16(char)}>" for char, code in codes.items())
    cmap = DecodedStreamObject()
    cmap.set_data(
        (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CMapName /MappaIntake def /CMapType 2 def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n"
            f"{len(codes)} beginbfchar\n{pairs}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end"
        ).encode("ascii")
    )
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/FirstChar"): NumberObject(0),
            NameObject("/LastChar"): NumberObject(CODES),
            NameObject("/Widths"): ArrayObject([NumberObject(GLYPH_WIDTH)] * (CODES + 1)),
            NameObject("/ToUnicode"): cmap,
        }
    )


def _utf16(char: str) -> str:
    return char.encode("utf-16-be").hex().upper()
