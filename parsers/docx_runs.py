"""One Word paragraph → a `Line` of runs, read the way a reader sees the page.

Tracked insertions are text and deletions are kept as deleted runs (a deleted option answers a
printed pair); hidden text, field codes and comment marks never appear; legacy form fields and
content controls arrive as their text (check boxes as ☒/☐) with the field or control they came
from as the run's source; a picture is one PICTURE run. Text boxes anchored in the paragraph are
handed back to the block reader, which places them after it. Nothing here knows a form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from lxml.etree import _Element

from parsers.document import PICTURE, TICKED, UNTICKED, Line, Run
from parsers.docx_styles import Format, StyleSheet, direct_properties
from parsers.docx_symbols import symbol, symbol_text
from parsers.docx_xml import (
    A_BLIP,
    M_OMATH,
    M_OMATHPARA,
    M_T,
    MC_ALTERNATECONTENT,
    PIC_PIC,
    V_IMAGEDATA,
    W14_CHECKBOX,
    W14_CHECKED,
    W14_VAL,
    W_ALIAS,
    W_BDO,
    W_BR,
    W_CHAR,
    W_CHECKBOX,
    W_CHECKED,
    W_CR,
    W_CUSTOMXML,
    W_DDLIST,
    W_DEFAULT,
    W_DEL,
    W_DELTEXT,
    W_DIR,
    W_DRAWING,
    W_FFDATA,
    W_FLDCHAR,
    W_FLDCHARTYPE,
    W_FLDSIMPLE,
    W_FONT,
    W_HYPERLINK,
    W_INS,
    W_INSTRTEXT,
    W_LISTENTRY,
    W_MOVEFROM,
    W_MOVETO,
    W_NAME,
    W_NOBREAKHYPHEN,
    W_PICT,
    W_PPR,
    W_PSTYLE,
    W_PTAB,
    W_R,
    W_RESULT,
    W_RPR,
    W_RSTYLE,
    W_SDT,
    W_SDTCONTENT,
    W_SDTPR,
    W_SHOWINGPLCHDR,
    W_SMARTTAG,
    W_SYM,
    W_T,
    W_TAB,
    W_TAG,
    W_TXBXCONTENT,
    W_VAL,
    chosen,
    is_on,
)

PASS_THROUGH = {W_INS, W_MOVETO, W_HYPERLINK, W_SMARTTAG, W_CUSTOMXML, W_FLDSIMPLE, W_BDO, W_DIR}
DELETIONS = {W_DEL, W_MOVEFROM}
CHARACTERS = {W_TAB: "\t", W_PTAB: "\t", W_BR: "\n", W_CR: "\n", W_NOBREAKHYPHEN: "-"}
GRAPHICS = {W_DRAWING, W_PICT, MC_ALTERNATECONTENT}
PICTURES = {PIC_PIC, A_BLIP, V_IMAGEDATA}
PLAIN = Format()
BUTTON = re.compile(r"\s*(?:MACROBUTTON|GOTOBUTTON)\s+\S+\s(.*)\Z", re.DOTALL | re.IGNORECASE)

Source = tuple[int, str]  # (order entered, "form field 'NAME'"): the innermost one wins


@dataclass(frozen=True)
class Scope:
    """What encloses a stretch of content: a tracked deletion, a content control, a placeholder."""

    deleted: bool = False
    source: Source | None = None
    silent: bool = False  # a content control showing its placeholder: no text


ROOT = Scope()


@dataclass
class _Field:
    """A complex field between its begin and end: its code is never text, its result is."""

    code: bool = True
    source: Source | None = None
    replaced: bool = False  # a check box or drop-down, given as text at its start
    instruction: str = ""
    button: bool = False  # MACROBUTTON or GOTOBUTTON: Word shows the code after the name

    @property
    def hides(self) -> bool:
        return (self.code and not self.button) or self.replaced


class InlineReader:
    """Reads paragraphs one after another; fields may run on from one paragraph to the next."""

    def __init__(self, styles: StyleSheet) -> None:
        self._styles = styles
        self._fields: list[_Field] = []
        self._form_fields = 0
        self._controls = 0
        self._order = 0
        self._runs: list[Run] = []
        self._boxes: list[_Element] = []
        self._style: str | None = None

    def paragraph(self, p: _Element, scope: Scope) -> tuple[Line, list[_Element]]:
        """The paragraph's line, and the text boxes (w:txbxContent) anchored in it."""
        self._runs, self._boxes = [], []
        ppr = p.find(W_PPR)
        style = ppr.find(W_PSTYLE) if ppr is not None else None
        self._style = style.get(W_VAL) if style is not None else None
        self._content(p, scope)
        # A field whose code has not ended by the paragraph's end is malformed: let it go,
        # rather than hide the rest of the document as field code.
        self._fields = [field for field in self._fields if not field.code]
        return Line(tuple(self._runs)), self._boxes

    @contextmanager
    def story(self) -> Iterator[None]:
        """A separate story (header, footer, text box): fields do not run into or out of it."""
        saved, self._fields = self._fields, []
        try:
            yield
        finally:
            self._fields = saved

    def control(self, sdt: _Element, scope: Scope) -> tuple[Scope, str | None]:
        """The scope inside a content control, and its tick (☒/☐) if it is a check box."""
        self._controls += 1
        pr = sdt.find(W_SDTPR)
        if pr is None:
            return replace(scope, source=self._source(f"content control {self._controls}")), None
        label = next((e.get(W_VAL) for e in (pr.find(W_TAG), pr.find(W_ALIAS)) if _named(e)), "")
        name = f"content control '{label}'" if label else f"content control {self._controls}"
        box = pr.find(W14_CHECKBOX)
        if box is not None:  # its state is the answer, whatever its content shows
            tick = TICKED if is_on(box.find(W14_CHECKED), W14_VAL) else UNTICKED
            return replace(scope, source=self._source(name)), tick
        silent = scope.silent or is_on(pr.find(W_SHOWINGPLCHDR))
        return Scope(scope.deleted, self._source(name), silent), None

    def _source(self, name: str) -> Source:
        self._order += 1
        return (self._order, name)

    def _content(self, parent: _Element, scope: Scope) -> None:
        for child in parent:
            tag = child.tag
            if tag == W_R:
                self._run(child, scope)
            elif tag in PASS_THROUGH:
                self._content(child, scope)
            elif tag in DELETIONS:
                self._content(child, replace(scope, deleted=True))
            elif tag == W_SDT:
                self._inline_control(child, scope)
            elif tag == MC_ALTERNATECONTENT:
                branch = chosen(child)
                if branch is not None:
                    self._content(branch, scope)
            elif tag in (M_OMATH, M_OMATHPARA):
                self._emit("".join(t.text or "" for t in child.iter(M_T)), scope, PLAIN)

    def _inline_control(self, sdt: _Element, scope: Scope) -> None:
        inner, tick = self.control(sdt, scope)
        if tick is not None:
            self._emit(tick, inner, PLAIN)
            return
        content = sdt.find(W_SDTCONTENT)
        if content is not None:
            self._content(content, inner)

    def _run(self, r: _Element, scope: Scope) -> None:
        rpr = r.find(W_RPR)
        run_style = rpr.find(W_RSTYLE) if rpr is not None else None
        fmt = self._styles.format(
            self._style,
            run_style.get(W_VAL) if run_style is not None else None,
            direct_properties(rpr),
        )
        for child in r:
            tag = child.tag
            if tag == W_T:
                text = child.text or ""
                self._emit(
                    symbol_text(fmt.symbol_font, text) if fmt.symbol_font else text, scope, fmt
                )
            elif tag in CHARACTERS:
                self._emit(CHARACTERS[tag], scope, fmt)
            elif tag == W_DELTEXT:
                self._emit(child.text or "", scope, fmt, deleted=True)
            elif tag == W_SYM:
                self._emit(_sym(child), scope, fmt)
            elif tag == W_FLDCHAR:
                self._field_char(child, scope, fmt)
            elif tag == W_INSTRTEXT and self._fields and self._fields[-1].code:
                self._instruction(child.text or "", scope, fmt)
            elif tag in GRAPHICS:
                self._graphic(child, scope, fmt)

    def _hidden(self, scope: Scope, fmt: Format) -> bool:
        """Hidden text, a placeholder, or field code: nothing a reader sees on the page."""
        return scope.silent or fmt.hidden or any(field.hides for field in self._fields)

    def _emit(
        self,
        text: str,
        scope: Scope,
        fmt: Format,
        deleted: bool = False,
        source: Source | None = None,
    ) -> None:
        if not text or self._hidden(scope, fmt):
            return
        source = source or max(
            (s for s in (scope.source, *(f.source for f in self._fields)) if s), default=None
        )
        run = Run(text, scope.deleted or deleted, fmt.struck, fmt.marks, source and source[1])
        last = self._runs[-1] if self._runs else None
        if last is not None and (last.deleted, last.struck, last.marks, last.source) == (
            run.deleted,
            run.struck,
            run.marks,
            run.source,
        ):
            self._runs[-1] = replace(last, text=last.text + text)
        else:
            self._runs.append(run)

    def _field_char(self, element: _Element, scope: Scope, fmt: Format) -> None:
        kind = element.get(W_FLDCHARTYPE)
        if kind == "begin":
            field = _Field()
            data = element.find(W_FFDATA)
            if data is not None:
                self._form_field(field, data, scope, fmt)
            self._fields.append(field)
        elif kind == "separate" and self._fields:
            self._fields[-1].code = False
        elif kind == "end" and self._fields:
            self._fields.pop()

    def _instruction(self, text: str, scope: Scope, fmt: Format) -> None:
        """Field code is never text, except a button's display text: old forms make check
        boxes and "[Click here]" prompts of MACROBUTTON fields, which Word shows as written."""
        field = self._fields[-1]
        if field.button:
            self._emit(text, scope, fmt)
            return
        field.instruction += text
        found = BUTTON.match(field.instruction)
        if found:
            field.button = True
            self._emit(found.group(1), scope, fmt)

    def _form_field(self, field: _Field, data: _Element, scope: Scope, fmt: Format) -> None:
        """A legacy form field: a check box or drop-down is given here as its text (Word shows
        it from the field's data); a text field's result runs carry its source."""
        self._form_fields += 1
        name = data.find(W_NAME)
        label = name.get(W_VAL) if name is not None else None
        field.source = self._source(
            f"form field '{label}'" if label else f"form field {self._form_fields}"
        )
        box = data.find(W_CHECKBOX)
        listing = data.find(W_DDLIST)
        if box is not None:
            checked = box.find(W_CHECKED)
            on = is_on(checked) if checked is not None else is_on(box.find(W_DEFAULT))
            text = TICKED if on else UNTICKED
        elif listing is not None:
            text = _selected(listing)
        else:
            return
        self._emit(text, scope, fmt, source=field.source)
        field.replaced = True

    def _graphic(self, element: _Element, scope: Scope, fmt: Format) -> None:
        if self._hidden(scope, fmt):
            return
        if element.tag == MC_ALTERNATECONTENT:
            branch = chosen(element)
            if branch is None:
                return
            element = branch
        boxes: list[_Element] = []
        if _scan(element, boxes):
            self._emit(PICTURE, scope, fmt)
        self._boxes.extend(boxes)


def _named(element: _Element | None) -> bool:
    return element is not None and bool(element.get(W_VAL))


def _sym(element: _Element) -> str:
    try:
        code = int(element.get(W_CHAR) or "", 16)
    except ValueError:
        return ""
    return symbol(element.get(W_FONT), code)


def _selected(listing: _Element) -> str:
    """A drop-down form field's chosen entry: w:result, else w:default, else the first."""
    entries = [entry.get(W_VAL) or "" for entry in listing.findall(W_LISTENTRY)]
    index = 0
    for tag in (W_RESULT, W_DEFAULT):
        found = listing.find(tag)
        if found is not None:
            try:
                index = int(found.get(W_VAL) or "")
            except ValueError:
                continue
            break
    return entries[index] if 0 <= index < len(entries) else ""


def _scan(node: _Element, boxes: list[_Element]) -> bool:
    """Collect the text boxes inside a drawing (not those nested in them: they are read with
    their box); whether it also holds a picture."""
    picture = False
    for child in node:
        tag = child.tag
        if tag == W_TXBXCONTENT:
            boxes.append(child)
        elif tag in PICTURES:
            picture = True
        elif tag == MC_ALTERNATECONTENT:
            branch = chosen(child)
            picture = (branch is not None and _scan(branch, boxes)) or picture
        else:
            picture = _scan(child, boxes) or picture
    return picture
