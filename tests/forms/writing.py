"""Values written the way referrers write them, each with the canonical value FORMS.md gives
it. The canonical value is worked out here from what was chosen (the date picked, the check
letter computed by §4's rule), never by asking the parsers.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

NOW = date(2025, 6, 1)  # the `now` every generated form is parsed with
CHECK_LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"  # FORMS.md §4.1
NOT_KNOWN = ("N/A", "n/a", "Not known", "unknown", "N/K", "None", "TBC", "-", "–", "?")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def two_digit_year_reads_back(value: date, of_birth: bool) -> bool:
    """FORMS.md §2.4: "yy" is 20yy unless that is after now's year (births) or now's year
    + 20 (other dates), then 19yy; a two-digit year is only written where it reads back."""
    limit = NOW.year if of_birth else NOW.year + 20
    century = 2000 if 2000 + value.year % 100 <= limit else 1900
    return century + value.year % 100 == value.year


def write_date(rng: random.Random, value: date, of_birth: bool = False) -> str:
    """One of the many ways a UK referrer writes a date, day first."""
    d, m, y = value.day, value.month, value.year
    month = MONTHS[m - 1]
    styles = [
        f"{d:02d}/{m:02d}/{y}",
        f"{d}/{m}/{y}",
        f"{d:02d}.{m:02d}.{y}",
        f"{d}-{m}-{y}",
        f"{ordinal(d)} {month} {y}",
        f"{d} {month[:3]} {y}",
        f"{WEEKDAYS[value.weekday()]} {d} {month} {y}",
        f"{month} {d}, {y}",
        value.isoformat(),
        f"{d:02d}{m:02d}{y}",
        f"{ordinal(d)} of {month} {y}",
        f"{d} {month.upper()} {y}",
    ]
    if two_digit_year_reads_back(value, of_birth):
        styles += [f"{d:02d}/{m:02d}/{y % 100:02d}", f"{d}-{month[:3]}-{y % 100:02d}"]
    return rng.choice(styles)


def pnc(rng: random.Random, born: date) -> tuple[str, str]:
    """A PNC ID as written, and its canonical form (§4.1)."""
    year = rng.randint(max(born.year + 12, 1985), NOW.year - 1)
    serial = rng.randint(1, 999_999)
    letter = CHECK_LETTERS[int(f"{year % 100:02d}{serial:07d}") % 23]
    canonical = f"{year}/{serial:07d}{letter}"
    written = rng.choice(
        (
            canonical,
            f"{year % 100:02d}/{serial}{letter}",
            f"{year % 100:02d}/{serial}{letter.lower()}",
            f"{year}/{serial:07d} {letter}",
            f"{year}{serial:07d}{letter}",
        )
    )
    if written.startswith(f"{year % 100:02d}/") and not _pnc_year_reads_back(year):
        written = canonical
    return written, canonical


def _pnc_year_reads_back(year: int) -> bool:
    return (2000 if 2000 + year % 100 <= NOW.year else 1900) + year % 100 == year


def cro(rng: random.Random) -> tuple[str, str]:
    """A standard CRO number (§4.2): serial / year and its check letter."""
    serial, year = rng.randint(1, 999_999), rng.randint(0, 24)
    letter = CHECK_LETTERS[int(f"{year:02d}{serial:06d}") % 23]
    canonical = f"{serial:06d}/{year:02d}{letter}"
    return rng.choice((canonical, f"{serial}/{year:02d}{letter}", canonical.lower())), canonical


NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"
NINO_UNUSED = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ", "CR", "FY", "MW", "NC", "PP", "PY", "PZ"}


def nino(rng: random.Random) -> tuple[str, str]:
    """A National Insurance number (§4.3), written spaced or in lower case."""
    prefix = "BG"
    while prefix in NINO_UNUSED:
        prefix = rng.choice(NINO_FIRST) + rng.choice(NINO_SECOND)
    digits = f"{rng.randint(0, 999_999):06d}"
    canonical = f"{prefix}{digits}{rng.choice('ABCD')}"
    spaced = f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {canonical[-1]}"
    return rng.choice((canonical, spaced, spaced.lower(), canonical.lower())), canonical


def nomis(rng: random.Random) -> tuple[str, str]:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    canonical = f"{rng.choice(letters)}{rng.randint(1000, 9999)}{rng.choice(letters)}"
    canonical += rng.choice(letters)
    return rng.choice((canonical, canonical.lower(), f"{canonical[:5]} {canonical[5:]}")), canonical


def crn(rng: random.Random) -> tuple[str, str]:
    canonical = f"{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{rng.randint(0, 999_999):06d}"
    return rng.choice((canonical, canonical.lower())), canonical


def postcode_written(rng: random.Random, canonical: str) -> str:
    """A postcode as typed: lower case, or without its space."""
    return rng.choice((canonical, canonical.lower(), canonical.replace(" ", "")))


def typo(rng: random.Random, label: str) -> str:
    """The label with one or two letters wrong (FORMS.md §6: labels over eight letters are
    still matched); shorter labels, and words the typo would split or merge, are left alone."""
    if sum(ch.isalnum() for ch in label) < 9:
        return label
    for _ in range(rng.choice((1, 1, 2))):
        places = [m.start() + 1 for m in re.finditer(r"[a-z]{5,}", label)]
        if not places:
            return label
        word_start = rng.choice(places)
        at = rng.randint(word_start, word_start + 2)
        edit = rng.choice(("drop", "double", "change"))
        if edit == "drop":
            label = label[:at] + label[at + 1 :]
        elif edit == "double":
            label = label[:at] + label[at] + label[at:]
        else:
            label = label[:at] + rng.choice("aeiourstn") + label[at + 1 :]
    return label
