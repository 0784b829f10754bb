"""Text as a reader sees it, and the normalised form labels are compared in (FORMS.md §2.3).

Every text value, list item, label and heading passes through here, so a referrer's stray tab,
bullet or left-over guidance never reaches the record and a printed label matches however it
was numbered or punctuated.
"""

from __future__ import annotations

import re

from parsers.document import PICTURE

# FORMS.md §2.3 rule 2: line breaks of every kind become "\n"; other spaces become " ".
_BREAKS = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000 ]+")
_INVISIBLE = re.compile(f"[{PICTURE}\u200b\u200c\u200d\u2060\ufeff\u00ad]")

# FORMS.md §2.3 rule 3: one list marker starting a line, when a space follows it.
_MARKER = re.compile(
    r"^(?:[•◦▪‣●○*>\-–]|\d{1,2}[.)]|\(\d{1,2}\)|[A-Za-z]\)|\([A-Za-z]\)|[ivxIVX]{1,4}\)"
    r"|\([ivxIVX]{1,4}\)) "
)

# FORMS.md §2.3 rules 1 and 6: placeholders and guidance are never the referrer's text.
_WORD_PLACEHOLDERS = re.compile(
    r"click (?:or tap )?(?:here )?to enter (?:text|a date)\.?|choose an item\.?", re.IGNORECASE
)
_DATE_GUIDANCE = re.compile(
    r"(?<![\w/.-])[(\[]?d{1,2}\s*[/.\- ]\s*m{1,3}\s*[/.\- ]\s*y{2,4}[)\]]?(?![\w/.-])",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"^(?:\[[^\[\]@]*[A-Za-z]{2}[^\[\]@]*\]|<[^<>@]*[A-Za-z]{2}[^<>@]*>)$")
_EXAMPLE = re.compile(r"^\(\s*(?:e\.?\s?g|for example)\b[^()]*\)$", re.IGNORECASE)
_LEADER = re.compile(r"^(?:…|[._](?: ?[._…])+ ?[._…])(?: ?[._…])*$")

# FORMS.md §2.3 rule 5: a whole value that means "the referrer does not know".
_NOT_KNOWN = frozenset(
    {
        "n/a",
        "na",
        "notapplicable",
        "notknown",
        "unknown",
        "n/k",
        "nk",
        "none",
        "nil",
        "tbc",
        "tobeconfirmed",
    }
)
_DASHES = frozenset("-–—?")
_AROUND = " \t\n.,;:!()[]{}\"'*"

_ITEM_SPLIT = re.compile(r"[\n;]")
_NAME_SPLIT = re.compile(r"[\n;,]")

# FORMS.md §6 "Where a value sits": labels match ignoring case, punctuation and numbering.
_LEADING_NUMBER = re.compile(
    r"^\s*(?:\(\s*(?:\d{1,2}|[a-z]|[ivx]{1,4})\s*\)"
    r"|(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})\)"
    r"|\d{1,2}(?:\.\d{1,2})*\.(?=\s|[^\W\d_])"
    r"|\d{1,2}(?:\.\d{1,2})+(?=\s)"
    r"|(?:[a-h]|[ivx]{1,4})\.(?=\s)"
    r"|[•◦▪‣●○*>\-–])",
    re.IGNORECASE,
)
_APOSTROPHES = re.compile(r"['’‘`]")
_NOT_ALNUM = re.compile(r"[\W_]+")


def clean_text(text: str) -> str | None:
    """The value as a reader sees it (rules 2, 3 and 6), or None when nothing is left."""
    text = _INVISIBLE.sub("", _BREAKS.sub("\n", text))
    text = _DATE_GUIDANCE.sub(" ", _WORD_PLACEHOLDERS.sub(" ", text))
    lines = (_clean_line(line) for line in text.split("\n"))
    kept = [line for line in lines if line]
    return "\n".join(kept) or None


def _clean_line(line: str) -> str:
    line = _SPACES.sub(" ", line).strip()
    line = _MARKER.sub("", line, count=1).strip()
    if _LEADER.match(line) or _BRACKETED.match(line) or _EXAMPLE.match(line):
        return ""
    return line


def is_not_known(text: str) -> bool:
    """Rule 5: the whole value is a not-known marker ("N/A", "not known", "–", "?")."""
    core = " ".join(text.split()).lower().strip(_AROUND)
    if core and all(ch in _DASHES or ch == " " for ch in core):
        return True
    return core.strip("?").replace(" ", "").replace(".", "") in _NOT_KNOWN


def split_items(text: str) -> list[str]:
    """A text list (§2.3): one item per line and per ";"-separated part."""
    return _items(text, _ITEM_SPLIT)


def split_names(text: str) -> list[str]:
    """A name list (§2.3): a text list also split at ","."""
    return _items(text, _NAME_SPLIT)


def _items(text: str, splitter: re.Pattern[str]) -> list[str]:
    cleaned = clean_text(text)
    if cleaned is None:
        return []
    items = (clean_text(part) for part in splitter.split(cleaned))
    return [item for item in items if item and not is_not_known(item)]


def normalise(text: str) -> str:
    """The form labels and cues are compared in: "3. Offender Information" → "offender
    information" (FORMS.md §5 and §6)."""
    if numbering := _LEADING_NUMBER.match(text):
        text = text[numbering.end() :]
    text = _APOSTROPHES.sub("", text.lower().replace("&", " and "))
    return _NOT_ALNUM.sub(" ", text).strip()
