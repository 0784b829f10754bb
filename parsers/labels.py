"""Finding a printed label at the start of a line, by meaning rather than by exact text.

Labels and lines are compared as normalised words (case, punctuation, numbering and spacing
ignored; FORMS.md §6 "Where a value sits"); a label of more than eight letters also matches
with two letters wrong. The longest label wins, so "Date of birth" is never read as "Date".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

T = TypeVar("T")

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|&")
NUMBERING = re.compile(
    r"\s*(?:\(?\d{1,2}[.)]|\(?[a-hA-H][.)]|\(\s?[a-hA-H]\s?\)|\(?[ivxIVX]{1,4}[.)]|[•◦▪‣●○*>–-])(?=\s|[A-Za-z])\s*"
)
MAX_TYPOS = 2
DIGITS = re.compile(r"\d+")
TYPO_MIN_LETTERS = 9  # "two letters in a label over eight"
# A question's own "?" ends its label ("…serious harm? Yes"); a "?" after a colon is an answer.
ANSWER_START = re.compile(r"^(?:\s*\?)?[\s:;,.\-–—=>)]*")


@dataclass(frozen=True)
class Word:
    norm: str
    end: int  # offset just after the word in the original text


@lru_cache(maxsize=8192)
def words_of(text: str) -> tuple[Word, ...]:
    """The normalised words of a line, each with where it ends, after any leading numbering.
    Cached: the engine asks about the same cell text several times."""
    start = 0
    if numbering := NUMBERING.match(text):
        start = numbering.end()
    return tuple(
        Word("and" if m[0] == "&" else m[0].lower().replace("'", "").replace("’", ""), m.end())
        for m in WORD.finditer(text, start)
    )


def normalise(text: str) -> str:
    return " ".join(word.norm for word in words_of(text))


def answer_offset(text: str, end: int) -> int:
    """Where the answer starts after a label that ends at `end`: past its colon, dash or
    question mark."""
    return end + ANSWER_START.match(text[end:]).end()


@dataclass(frozen=True)
class Match(Generic[T]):
    targets: tuple[T, ...]
    end: int  # offset just after the label in the line
    exact: bool


class LabelIndex(Generic[T]):
    """Labels → targets (fields, sections, options); several targets may share a label."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._exact: dict[str, list[T]] = defaultdict(list)
        for label, target in entries:
            key = normalise(label)
            if key and target not in self._exact[key]:
                self._exact[key].append(target)
        self._by_words: dict[int, list[str]] = defaultdict(list)
        for key in self._exact:
            self._by_words[key.count(" ") + 1].append(key)
        self._longest = max(self._by_words, default=0)
        self._typo_keys = {
            count: [key for key in keys if len(key.replace(" ", "")) >= TYPO_MIN_LETTERS]
            for count, keys in self._by_words.items()
        }

    def match_start(self, text: str, fuzzy: bool = True) -> Match[T] | None:
        """The longest label that starts the line, exactly or else with small typos: a long
        label with a typo ("Sentence lenght and type") beats a shorter exact one ("Sentence")."""
        words = words_of(text)
        norms = [word.norm for word in words]
        for count in range(min(len(words), self._longest), 0, -1):
            key = " ".join(norms[:count])
            if targets := self._exact.get(key):
                return Match(tuple(targets), words[count - 1].end, True)
            if fuzzy and (near := self._near(key, count)) is not None:
                return Match(tuple(self._exact[near]), words[count - 1].end, False)
        return None

    def match_whole(self, text: str) -> tuple[T, ...]:
        """Targets whose label is the whole line (headings, tick-box options)."""
        key = normalise(text)
        if targets := self._exact.get(key):
            return tuple(targets)
        near = self._near(key, key.count(" ") + 1) if key else None
        return tuple(self._exact[near]) if near else ()

    def _near(self, text: str, count: int) -> str | None:
        """The closest label of `count` words within two letters, for labels over eight; a
        typo is in letters, so the numbers must agree ("Category of" is not "Category 1")."""
        if len(text.replace(" ", "")) < TYPO_MIN_LETTERS - MAX_TYPOS:
            return None
        # Imported here: the service's parent process imports parsers for its result types
        # only, and must stay small enough for its memory cap; the children that read do this.
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        found = process.extractOne(
            text,
            self._typo_keys.get(count, ()),
            scorer=Levenshtein.distance,
            score_cutoff=MAX_TYPOS,
        )
        if not found or DIGITS.findall(found[0]) != DIGITS.findall(text):
            return None
        return found[0]
