"""Dates as referrers write them, read day first and never guessed (FORMS.md §2.4).

A small tokenizer splits the text into numbers, month names and words; a few patterns then
find every whole or partial date in it, so that a second date, a range or a missing year is
reported rather than silently resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
WEEKDAYS = frozenset(
    {"monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed", "weds", "thursday", "thu"}
    | {"thur", "thurs", "friday", "fri", "saturday", "sat", "sunday", "sun"}
)
FILLERS = WEEKDAYS | {"on", "the", "of"}  # words that are part of writing a date, not a note
RANGE_WORDS = frozenset({"-", "/", "&", "to", "and", "or"})

# FORMS.md §2.4: "A time after the date is ignored" (14:30, 2pm, 14.30hrs, T14:30).
_TIME = re.compile(
    r"(?:\b(?:at|@)\s*|(?<=\d)t|,\s*)?(?<![\d/.\-])(?:"
    r"\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?![a-z])"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:hrs|hours|h)\b)?"
    r"|\d{1,2}\.\d{2}\s*(?:hrs|hours|h)\b|\d{4}\s*(?:hrs|hours)\b)"
)
_TOKEN = re.compile(
    r"(?P<num>\d+)(?:(?:st|nd|rd|th)(?![a-z]))?|(?P<word>[a-z]+)\.?|(?P<sep>\s*[/.\-,&]\s*|\s+)"
    r"|(?P<other>.)",
    re.S,
)


@dataclass(frozen=True)
class DateReading:
    """A date field's value, or why it has none (code as FORMS.md §2.5 names it)."""

    value: date | None
    code: str | None  # date_unreadable, date_incomplete, date_ambiguous, date_with_note


@dataclass(frozen=True)
class _Tok:
    """One piece of the text: a number, a month name, another word, a separator or a sign."""

    kind: str  # num, month, word, sep, other
    text: str

    @property
    def mark(self) -> str:
        """A separator's mark without its spaces: "/", ".", "-", "," or " "."""
        return self.text.strip() or " "


@dataclass(frozen=True)
class _Found:
    """Something date-like found in the text, whole or not."""

    kind: str  # date, bad (impossible), partial (no day or no year), year (a lone year)
    value: date | None = None
    part: tuple[int | None, int | None, int | None] = (None, None, None)  # day, month, year


class _Reader:
    """One pass over the tokens of a text, collecting what is date and what is not."""

    def __init__(self, text: str, today: date, of_birth: bool) -> None:
        text = _TIME.sub(" ", text.lower().replace("–", "-").replace("—", "-"))
        self.toks = [_token(m) for m in _TOKEN.finditer(text)]
        self.pivot = today.year + (0 if of_birth else 20)
        self.found: list[_Found] = []
        self.note = False

    def run(self) -> _Reader:
        i = 0
        while i < len(self.toks):
            end = self._range(i) or self._numeric(i) or self._day_first(i) or self._month_first(i)
            end = end or self._digits(i) or self._pair(i) or self._year(i)
            if end:
                i = self._skip_time(end)
                continue
            tok = self.toks[i]
            if tok.kind == "num" or (tok.kind in ("word", "month") and tok.text not in FILLERS):
                self.note = True
            i += 1
        return self

    def _at(self, i: int, kind: str) -> _Tok | None:
        return self.toks[i] if i < len(self.toks) and self.toks[i].kind == kind else None

    def _sep(self, i: int, marks: str = "/.- ,") -> int:
        """Past an optional separator at i."""
        tok = self._at(i, "sep")
        return i + 1 if tok and tok.mark in marks else i

    def _year(self, i: int) -> int:
        tok = self._at(i, "num")
        if tok and len(tok.text) == 4 and 1900 <= int(tok.text) <= 2099:
            self.found.append(_Found("year", part=(None, None, int(tok.text))))
            return i + 1
        return 0

    def _full_year(self, digits: str) -> int | None:
        """FORMS.md §2.4: yy is 20yy unless that is after the pivot year, then 19yy."""
        if len(digits) == 4:
            return int(digits) if int(digits) >= 1000 else None
        if len(digits) == 2:
            return 2000 + int(digits) if 2000 + int(digits) <= self.pivot else 1900 + int(digits)
        return None

    def _add(self, day: int | None, month: int, year_digits: str | None) -> None:
        if day is None or year_digits is None:
            year = int(year_digits) if year_digits and len(year_digits) == 4 else None
            self.found.append(_Found("partial", part=(day, month, year)))
            return
        value = _real(self._full_year(year_digits), month, day)
        self.found.append(_Found("date", value) if value else _Found("bad"))

    def _numeric(self, i: int) -> int:
        """3/2/24, 03.02.2024, 3 2 2024, ISO 2024-02-03: day first, never swapped."""
        a, b, c = self._at(i, "num"), self._at(i + 2, "num"), self._at(i + 4, "num")
        s1, s2 = self._at(i + 1, "sep"), self._at(i + 3, "sep")
        if not (a and b and c and s1 and s2) or s1.mark != s2.mark or s1.mark == ",":
            return 0
        if len(a.text) == 4 and len(b.text) <= 2 and len(c.text) <= 2:
            self._add(int(c.text), int(b.text), a.text)
        elif len(a.text) <= 2 and len(b.text) <= 2 and len(c.text) in (2, 4):
            self._add(int(a.text), int(b.text), c.text)
        else:
            self.found.append(_Found("bad"))
        return i + 5

    def _day_first(self, i: int) -> int:
        """[weekday] 3rd [of] February [2024], 3-Feb-24."""
        day = self._at(i, "num")
        if not day or len(day.text) > 2:
            return 0
        j = self._sep(i + 1)
        if self._at(j, "word") and self.toks[j].text == "of":
            j = self._sep(j + 1)
        month = self._at(j, "month")
        if not month:
            return 0
        j = self._sep(j + 1)
        year = self._at(j, "num")
        has_year = year is not None and len(year.text) in (2, 4)
        self._add(int(day.text), MONTHS[month.text], year.text if has_year else None)
        return j + 1 if has_year else j

    def _month_first(self, i: int) -> int:
        """February 3, 2024; Feb 3rd 24; February 2024 (no day)."""
        month = self._at(i, "month")
        j = self._sep(i + 1)
        first = self._at(j, "num")
        if not month or not first:
            return 0
        if len(first.text) == 4:
            self._add(None, MONTHS[month.text], first.text)
            return j + 1
        if len(first.text) > 2:
            return 0
        k = self._sep(j + 1)
        year = self._at(k, "num")
        has_year = year is not None and len(year.text) in (2, 4)
        self._add(int(first.text), MONTHS[month.text], year.text if has_year else None)
        return k + 1 if has_year else j + 1

    def _range(self, i: int) -> int:
        """ "3-5 Feb 2024", "3rd or 4th March": a day, a joining word, then a whole date."""
        first = self._at(i, "num")
        j = self._sep(i + 1, " ")
        joint = self.toks[j] if j < len(self.toks) else None
        if not first or len(first.text) > 2 or not joint:
            return 0
        if (joint.mark if joint.kind == "sep" else joint.text) not in RANGE_WORDS:
            return 0
        start = len(self.found)
        end = self._day_first(self._sep(j + 1, " "))
        if end and self.found[start].kind != "bad":
            second = self.found[start]
            month = second.value.month if second.value else second.part[1]
            self._add(int(first.text), month, _year_of(second))
        return end

    def _digits(self, i: int) -> int:
        """Eight digits: DDMMYYYY, or YYYYMMDD if only that is a real date."""
        tok = self._at(i, "num")
        if not tok or len(tok.text) != 8:
            return 0
        t = tok.text
        for day, month, year in ((t[:2], t[2:4], t[4:]), (t[6:], t[4:6], t[:4])):
            if value := _real(self._full_year(year), int(month), int(day)):
                self.found.append(_Found("date", value))
                return i + 1
        return 0

    def _pair(self, i: int) -> int:
        """03/02, 02/2024, 2024-02: a date without its year or its day."""
        a, sep, b = self._at(i, "num"), self._at(i + 1, "sep"), self._at(i + 2, "num")
        if not (a and sep and b) or sep.mark not in "/.-":
            return 0
        x, y = int(a.text), int(b.text)
        if len(b.text) == 4 and 1 <= x <= 12 and len(a.text) <= 2:
            self._add(None, x, b.text)
        elif len(a.text) == 4 and 1 <= y <= 12 and len(b.text) <= 2:
            self._add(None, y, a.text)
        elif len(a.text) <= 2 and len(b.text) <= 2 and 1 <= x <= 31 and 1 <= y <= 12:
            self._add(x, y, None)
        else:
            return 0
        return i + 3

    def _skip_time(self, i: int) -> int:
        """A time after a date ("12/03/2025 14.30") is ignored."""
        if not self.found or self.found[-1].kind != "date":
            return i
        j = self._sep(i, " ")
        if self._at(j, "word") and self.toks[j].text == "at":
            j = self._sep(j + 1, " ")
        hour, dot, minute = self._at(j, "num"), self._at(j + 1, "sep"), self._at(j + 2, "num")
        if not (hour and dot and minute) or dot.text != "." or len(minute.text) != 2:
            return i
        if int(hour.text) > 23 or int(minute.text) > 59 or self._at(j + 3, "sep"):
            return i
        return j + 3


def _real(year: int | None, month: int, day: int) -> date | None:
    """The date, if there is such a day (31/02/2024 is none)."""
    try:
        return date(year, month, day) if year else None
    except ValueError:
        return None


def _year_of(found: _Found) -> str | None:
    if found.value is not None:
        return str(found.value.year)
    return str(found.part[2]) if found.part[2] else None


def _token(match: re.Match[str]) -> _Tok:
    if match["num"] is not None:
        return _Tok("num", match["num"])
    if match["word"] is not None:
        word = match["word"]
        return _Tok("month" if word in MONTHS else "word", word)
    if match["sep"] is not None:
        return _Tok("sep", match["sep"])
    return _Tok("other", match[0])


def read_date(text: str, today: date, *, of_birth: bool = False) -> DateReading:
    """A date field's value by every rule of FORMS.md §2.4."""
    reader = _Reader(text, today, of_birth).run()
    if any(f.kind == "bad" for f in reader.found):
        return DateReading(None, "date_unreadable")
    dates = list(dict.fromkeys(f.value for f in reader.found if f.kind == "date"))
    partials = {f.part for f in reader.found if f.kind == "partial" and not _within(f.part, dates)}
    if len(dates) + len(partials) > 1:
        return DateReading(None, "date_ambiguous")
    if dates:
        noted = reader.note or any(f.kind == "year" for f in reader.found)
        return DateReading(dates[0], "date_with_note" if noted else None)
    if partials or any(f.kind == "year" for f in reader.found):
        return DateReading(None, "date_incomplete")
    return DateReading(None, "date_unreadable")


def _within(part: tuple[int | None, int | None, int | None], dates: list[date]) -> bool:
    """A partial date that repeats a whole one ("3rd Feb (03/02/2024)") is the same date."""
    day, month, year = part
    return any(
        (day is None or d.day == day) and d.month == month and (year is None or d.year == year)
        for d in dates
    )


def find_dates(text: str, today: date) -> list[date]:
    """Every whole, real date in a text, in order and without repeats."""
    found = _Reader(text, today, False).run().found
    return list(dict.fromkeys(f.value for f in found if f.kind == "date"))


def format_date(value: date) -> str:
    """FORMS.md §2.3: dates are written "YYYY-MM-DD"."""
    return value.isoformat()
