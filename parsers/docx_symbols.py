"""Characters of Word's symbol fonts → Unicode, so a tick box typed as a symbol reads as one.

Referrers tick boxes with Insert → Symbol (a `w:sym` element naming the font and a code) or by
typing a letter in a symbol font ("þ" in Wingdings shows ☑). Box glyphs become the two tick
characters of the document model; other glyphs with a Unicode equivalent become it; the rest
are dropped, since the letter underneath means nothing to a reader.
"""

from __future__ import annotations

from parsers.document import TICKED, UNTICKED

# Box glyphs, whatever font drew them: a box with a mark is ticked, an empty box is not.
BOXES = {
    "☒": TICKED,
    "☑": TICKED,
    "⌧": TICKED,
    "\U0001f5f5": TICKED,  # ballot box with script X
    "\U0001f5f7": TICKED,  # ballot box with bold script X
    "\U0001f5f9": TICKED,  # ballot box with bold check
    "☐": UNTICKED,
    "□": UNTICKED,
    "◻": UNTICKED,
    "⬜": UNTICKED,
    "❑": UNTICKED,
    "❒": UNTICKED,
}

# Code (low byte) → character, from the published Wingdings charts: the boxes, ticks, crosses
# and bullets used on forms.
WINGDINGS = {
    0x6C: "●",
    0x6E: "■",
    0x6F: "□",
    0x70: "□",  # bold white square
    0x71: "❑",
    0x72: "❒",
    0x78: "⌧",
    0x9E: "·",
    0x9F: "•",
    0xA0: "▪",
    0xA1: "○",
    0xA7: "▪",
    0xA8: "◻",
    0xD8: "➢",
    0xE8: "➔",
    0xF0: "⇨",
    0xFB: "✗",
    0xFC: "✓",
    0xFD: "☒",
    0xFE: "☑",
}
WINGDINGS_2 = {
    0x4F: "✗",  # ballot script X
    0x50: "✓",
    0x51: "\U0001f5f5",
    0x52: "☑",
    0x53: "☒",
    0x54: "☒",
    0x95: "•",
    0x96: "●",
    0xA0: "■",
    0xA2: "■",
    0xA3: "⬜",
}
SYMBOL = {
    0x2D: "−",
    0xA3: "≤",
    0xA5: "∞",
    0xAC: "←",
    0xAE: "→",
    0xB0: "°",
    0xB1: "±",
    0xB3: "≥",
    0xB4: "×",
    0xB7: "•",
    0xB9: "≠",
    0xD6: "√",
    0xDE: "⇒",
}
SYMBOL_FONTS = {"wingdings": WINGDINGS, "wingdings 2": WINGDINGS_2, "symbol": SYMBOL}


def is_symbol_font(font: str | None) -> bool:
    """Whether text typed in `font` shows glyphs rather than the letters stored."""
    return font is not None and font.strip().lower() in SYMBOL_FONTS


def symbol(font: str | None, code: int) -> str:
    """The character a `w:sym` (or a character typed in a symbol font) shows; "" if unknown.

    Symbol fonts store their glyphs at U+F020–U+F0FF (or at the low byte alone); any other font
    stores the Unicode character itself."""
    table = SYMBOL_FONTS.get((font or "").strip().lower())
    if table is not None:
        if 0xF000 <= code <= 0xF0FF or code <= 0xFF:
            return BOXES.get(table.get(code & 0xFF, ""), table.get(code & 0xFF, ""))
        return ""
    if 0xE000 <= code <= 0xF8FF or not 0x20 <= code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return ""  # a private-use glyph of a font we do not know, or no character at all
    char = chr(code)
    return BOXES.get(char, char)


def symbol_text(font: str | None, text: str) -> str:
    """Text typed in a symbol font, each character read as the glyph it shows."""
    return "".join(symbol(font, ord(char)) for char in text)
