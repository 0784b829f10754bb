"""Run formatting as a reader sees it: document defaults, then the paragraph's style, then the
run's character style, then the run's own properties, each overriding the one before.

Only what can answer a printed pair is kept (strike-through and the marks of FORMS.md §6), plus
hidden text (dropped by the reader) and a symbol font (it changes what a letter shows).
Table styles and theme fonts are not resolved: forms mark an answer on the run itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml.etree import _Element

from parsers.docx_symbols import is_symbol_font
from parsers.docx_xml import (
    ON_VALUES,
    W_ASCII,
    W_BASEDON,
    W_DEFAULT,
    W_DOCDEFAULTS,
    W_FILL,
    W_HANSI,
    W_RPR,
    W_RPRDEFAULT,
    W_STYLE,
    W_STYLEID,
    W_TYPE,
    W_VAL,
    is_on,
    w,
)

Props = dict[str, object]  # property name → on/off, or the font's name
Direct = tuple[tuple[str, object], ...]  # the properties one w:rPr sets, in order
MARKS = ("highlight", "shading", "bold", "underline", "colour")
MAX_BASED_ON = 30  # styles based on styles: Word's own chains are a few deep


@dataclass(frozen=True)
class Format:
    struck: bool = False
    marks: frozenset[str] = frozenset()
    hidden: bool = False
    symbol_font: str | None = None  # Wingdings, Symbol…: the text is read as glyphs


def _value_not(*off: str) -> Callable[[_Element], bool]:
    """A property that is on unless its value is one of `off` (compared ignoring case)."""
    return lambda element: (element.get(W_VAL) or "").lower() not in off


def _font(element: _Element) -> str | None:
    return element.get(W_ASCII) or element.get(W_HANSI)


def _shaded(element: _Element) -> bool:
    return (element.get(W_FILL) or "").lower() not in {"", "auto", "ffffff"}


READERS: dict[str, tuple[str, Callable[[_Element], object]]] = {
    w("b"): ("bold", is_on),
    w("strike"): ("strike", is_on),
    w("dstrike"): ("dstrike", is_on),
    w("u"): ("underline", _value_not("none")),
    w("highlight"): ("highlight", _value_not("none")),
    w("shd"): ("shading", _shaded),
    w("color"): ("colour", _value_not("", "auto", "000000")),
    w("vanish"): ("vanish", is_on),
    w("specVanish"): ("specVanish", is_on),
    w("rFonts"): ("font", _font),
}


def direct_properties(rpr: _Element | None) -> Direct:
    """What a w:rPr sets, as a hashable value (so formats can be cached)."""
    if rpr is None:
        return ()
    found = []
    for child in rpr:
        reader = READERS.get(child.tag)
        if reader is not None:
            found.append((reader[0], reader[1](child)))
    return tuple(found)


class StyleSheet:
    """The styles part; a style's properties are read the first time a run uses it."""

    def __init__(self, root: _Element | None) -> None:
        self._styles: dict[str, _Element] = {}
        self._resolved: dict[str, Props] = {}
        self._formats: dict[tuple[str | None, str | None, Direct], Format] = {}
        self._defaults: Props = {}
        self._default_paragraph: str | None = None
        if root is not None:
            self._load(root)

    def _load(self, root: _Element) -> None:
        defaults = root.find(f"{W_DOCDEFAULTS}/{W_RPRDEFAULT}/{W_RPR}")
        self._defaults = dict(direct_properties(defaults))
        for style in root.iterchildren(W_STYLE):
            style_id = style.get(W_STYLEID)
            if style_id is None:
                continue
            self._styles.setdefault(style_id, style)
            if style.get(W_TYPE) == "paragraph" and style.get(W_DEFAULT) in ON_VALUES:
                self._default_paragraph = style_id

    def format(self, paragraph_style: str | None, run_style: str | None, direct: Direct) -> Format:
        """The formatting of a run with these styles and own properties."""
        key = (paragraph_style, run_style, direct)
        found = self._formats.get(key)
        if found is None:
            props = {
                **self._defaults,
                **self._resolve(paragraph_style or self._default_paragraph),
                **self._resolve(run_style),
                **dict(direct),
            }
            found = self._formats[key] = _format(props)
        return found

    def _resolve(self, style_id: str | None, depth: int = 0) -> Props:
        """A style's run properties over those of the styles it is based on."""
        if style_id is None or depth > MAX_BASED_ON:
            return {}
        if style_id in self._resolved:
            return self._resolved[style_id]
        style = self._styles.get(style_id)
        if style is None:
            return {}
        based_on = style.find(W_BASEDON)
        parent = based_on.get(W_VAL) if based_on is not None else None
        props = {
            **self._resolve(parent, depth + 1),
            **dict(direct_properties(style.find(W_RPR))),
        }
        self._resolved[style_id] = props
        return props


def _format(props: Props) -> Format:
    font = props.get("font")
    return Format(
        struck=bool(props.get("strike") or props.get("dstrike")),
        marks=frozenset(mark for mark in MARKS if props.get(mark)),
        hidden=bool(props.get("vanish") or props.get("specVanish")),
        symbol_font=font if isinstance(font, str) and is_symbol_font(font) else None,
    )
