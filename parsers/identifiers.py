"""Identifiers checked by their published formats and check letters (FORMS.md §4), and cells
that hold several of them (§3.1).

A value that fails is never guessed at: the reading carries no value and the code of the
rule it failed, with the text as written for the SPOC to see.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from parsers.text import clean_text, is_not_known

CHECK_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"  # FORMS.md §4.1: I, O, S never used
_LETTER = "[A-HJ-NP-RT-Z]"

PNC = re.compile(rf"^(\d{{2}}|\d{{4}})/?(\d{{1,7}})({_LETTER})$")  # §4.1
CRO = re.compile(rf"^(\d{{1,6}})/(\d{{2}})({_LETTER})$")  # §4.2 standard
CRO_SF = re.compile(rf"^SF(\d{{2}})/(\d{{1,6}})({_LETTER})$")  # §4.2 "SF" form
_NINO_PREFIX = r"(?!BG|GB|KN|NK|NT|TN|ZZ|CR|FY|MW|NC|PP|PY|PZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
NINO = re.compile(rf"^{_NINO_PREFIX}\d{{6}}[A-D]$")  # §4.3, administrative prefixes excluded
NINO_NO_SUFFIX = re.compile(rf"^{_NINO_PREFIX}\d{{6}}$")
NOMIS = re.compile(r"^[A-Z]\d{4}[A-Z]{2}$")  # §4.4
CRN = re.compile(r"^[A-Z]\d{6}$")  # §4.5
POSTCODE = re.compile(r"^(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})$")  # §4.7
_POSTCODE_IN = re.compile(
    r"(?<![A-Z0-9])(GIR[ \t\u00a0]*0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?[ \t\u00a0]*\d"
    r"[ABD-HJLNP-UW-Z]{2})(?![A-Z0-9])"
)

# FORMS.md §3.1 and §4: the labels a referrer puts before a number, by key.
_NO = r"(?:\s*(?:no\b\.?|number|num\b|id\b|ref\b\.?|reference)){0,2}"
LABELS = {
    "pnc": rf"pnc{_NO}",
    "cro": rf"cro{_NO}",
    "crn": rf"(?:crn|n?delius(?:\s*crn)?|case\s+ref(?:erence)?){_NO}",
    "prison_number": rf"(?:nomis|noms|prison(?:er)?){_NO}",
    "nino": rf"(?:nino|ni|national\s+insurance){_NO}",
    "visor_ref": rf"visor{_NO}",
    "postcode": r"post\s*code",
}
_LABEL = {
    key: re.compile(rf"^\s*{label}(?![a-z0-9])\s*[:#.\-–]*\s*", re.IGNORECASE)
    for key, label in LABELS.items()
}
_AROUND = " \t\n.,;:"
_SPLIT = re.compile(r"[\n;,]")
_DIGIT_WORD = re.compile(r"(?<!\S)\S*\d")


@dataclass(frozen=True)
class IdReading:
    """An identifier's canonical value, or the FORMS.md code of the rule it failed."""

    value: str | None
    code: str | None
    written: str  # the text as the referrer wrote it, trimmed


@dataclass(frozen=True)
class IdItem:
    """One item of a shared identifier cell (FORMS.md §3.1): a key's value or an ids.other."""

    key: str | None
    value: str
    type: str | None
    reading: IdReading | None


def _compact(text: str, key: str) -> str:
    """§4 "Before matching": upper-case, trim, remove spaces; a label left on is cut off."""
    text = _LABEL[key].sub("", text.strip(), count=1)
    return "".join(text.upper().split()).strip(_AROUND)


def read_pnc(text: str, today: date) -> IdReading:
    """§4.1: year, optional "/", serial, check letter; canonical YYYY/SSSSSSSC."""
    value = _compact(text, "pnc")
    match = PNC.match(value)
    if not match:
        return IdReading(None, "pnc_invalid", text.strip())
    if "/" in value:
        year, serial = match[1], match[2]
    else:  # with no "/", under 10 characters has a 2-digit year, else 4
        cut = 2 if len(value) < 10 else 4
        year, serial = value[:cut], value[cut:-1]
        if not 1 <= len(serial) <= 7:
            return IdReading(None, "pnc_invalid", text.strip())
    if len(year) == 2:
        year = f"20{year}" if 2000 + int(year) <= today.year else f"19{year}"
    if CHECK_LETTERS[int(year[-2:] + serial.zfill(7)) % 23] != match[3]:
        return IdReading(None, "pnc_check_letter", text.strip())
    return IdReading(f"{year}/{serial.zfill(7)}{match[3]}", None, text.strip())


def read_cro(text: str) -> IdReading:
    """§4.2: serial/year + letter (serial padded to 6), or the "SF" form kept as written."""
    value = _compact(text, "cro")
    if match := CRO.match(value):
        serial, year, letter = match[1].zfill(6), match[2], match[3]
        canonical = f"{serial}/{year}{letter}"
    elif match := CRO_SF.match(value):
        year, serial, letter = match[1], match[2], match[3]
        canonical = value
    else:
        return IdReading(None, "cro_invalid", text.strip())
    if CHECK_LETTERS[int(year + serial) % 23] != letter:
        return IdReading(None, "cro_check_letter", text.strip())
    return IdReading(canonical, None, text.strip())


def read_nino(text: str) -> IdReading:
    """§4.3: two letters, six digits, suffix A–D; without its suffix kept with a warning."""
    value = _compact(text, "nino")
    if NINO.match(value):
        return IdReading(value, None, text.strip())
    if NINO_NO_SUFFIX.match(value):
        return IdReading(value, "nino_suffix_missing", text.strip())
    return IdReading(None, "nino_invalid", text.strip())


def read_prison_number(text: str) -> IdReading:
    """§4.4: a NOMIS number, else the prison number kept as written (upper case, no spaces)."""
    value = _compact(text, "prison_number")
    if NOMIS.match(value):
        return IdReading(value, None, text.strip())
    return IdReading(value or None, "prison_number_not_nomis" if value else None, text.strip())


def read_crn(text: str) -> IdReading:
    """§4.5: an nDelius case reference number, one letter and six digits."""
    value = _compact(text, "crn")
    if CRN.match(value):
        return IdReading(value, None, text.strip())
    return IdReading(None, "crn_invalid", text.strip())


def read_postcode(text: str) -> IdReading:
    """§4.7: canonical with one space before the last three characters."""
    value = _compact(text, "postcode")
    if POSTCODE.match(value):
        return IdReading(f"{value[:-3]} {value[-3:]}", None, text.strip())
    return IdReading(None, "postcode_invalid", text.strip())


def last_postcode_in(text: str) -> str | None:
    """§4.7: the last valid postcode inside an address, canonical."""
    found = _POSTCODE_IN.findall(text.upper())
    if not found:
        return None
    value = "".join(found[-1].split())
    return f"{value[:-3]} {value[-3:]}"


_READERS: dict[str, Callable[[str, date], IdReading]] = {
    "pnc": read_pnc,
    "cro": lambda text, today: read_cro(text),
    "nino": lambda text, today: read_nino(text),
    "prison_number": lambda text, today: read_prison_number(text),
    "crn": lambda text, today: read_crn(text),
}
# §3.1: an unlabelled item goes to the first key whose §4 pattern it matches.
_PATTERNS = (
    ("pnc", (PNC,)),
    ("cro", (CRO, CRO_SF)),
    ("nino", (NINO,)),
    ("prison_number", (NOMIS,)),
    ("crn", (CRN,)),
)


def split_identifiers(text: str, today: date) -> list[IdItem]:
    """A shared identifier cell (§3.1): items at lines, ";" and ",", each to its key or to
    ids.other."""
    items = []
    for part in _SPLIT.split(text):
        item = clean_text(part)
        if item and not is_not_known(item):
            items.append(_identify(item.strip(_AROUND) or item, today))
    return [item for item in items if item.value and not is_not_known(item.value)]


def _identify(item: str, today: date) -> IdItem:
    """By its label first, else by the first §4 pattern it matches, else an ids.other."""
    for key, label in _LABEL.items():
        if key != "postcode" and (match := label.match(item)):
            value = item[match.end() :].strip()
            reading = _READERS[key](value, today) if key in _READERS and value else None
            return IdItem(key, value, None, reading)
    compact = "".join(item.upper().split())
    for key, patterns in _PATTERNS:
        if any(pattern.match(compact) for pattern in patterns):
            return IdItem(key, item, None, _READERS[key](item, today))
    return _other(item)


def _other(item: str) -> IdItem:
    """ids.other: type before the last ":", else the words before the first word holding a
    digit; value the rest as written."""
    if ":" in item:
        kind, _, value = item.rpartition(":")
    elif match := _DIGIT_WORD.search(item):
        kind, value = item[: match.start()], item[match.start() :]
    else:
        kind, value = "", item
    kind = kind.strip().rstrip(":-#– ").strip()
    if not value.strip():
        return IdItem(None, item, None, None)
    return IdItem(None, value.strip(), kind or None, None)
