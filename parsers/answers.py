"""How a referrer answers: written yes/no, tick boxes, numbers and printed pairs (FORMS.md §6).

Nothing here guesses: when the answer cannot be told, the reader says so with `AMBIGUOUS`
and the caller writes null with the warning choice_ambiguous.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from enum import Enum
from functools import lru_cache

from parsers.document import Line, Run


class Choice(Enum):
    """An answer that is no option: it cannot be told (FORMS.md §6: null plus warning
    choice_ambiguous), or the boxes offered are all left empty (blank: nothing was written)."""

    AMBIGUOUS = "ambiguous"
    UNTICKED = "unticked"


AMBIGUOUS = Choice.AMBIGUOUS
UNTICKED = Choice.UNTICKED

# FORMS.md §6 "Written answers" and "Tick boxes".
YES_WORDS = frozenset({"yes", "y", "✓", "✔"})
NO_WORDS = frozenset({"no", "n", "✗", "✘"})
TICKED_MARKS = frozenset("☒☑✓✔✗✘■●xX")
UNTICKED_MARKS = frozenset("☐□")
_FIRST_WORD = re.compile(r"^[\W_]*?([^\W_]+|[✓✔✗✘])(\s*/)?")
_LEADING_TICK = re.compile(
    r"^\s*((?:[☒☑✓✔✗✘■●☐□]|\[\s*[xX✓✔]?\s*\]|\(\s*[xX✓✔]?\s*\)|[xX](?=\s))"
    r"(?:\s*(?:[☒☑✓✔✗✘■●☐□]|[xX](?=\s)))?)\s*"
)

# FORMS.md §2.3 int: "2", "Category 2", "Cat. 2 – Violent", "II", "two", "Level 2".
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix")
_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_WORD_NUMBERS = {word: n for names in (_ROMAN, _WORDS) for n, word in enumerate(names, 1)}
_WORD_NUMBER = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_WHOLE_NUMBER_WORD = re.compile(rf"^[\W_]*({_WORD_NUMBER})[\W_]*$", re.IGNORECASE)
_NUMBER = re.compile(
    rf"(?<!\d)(?P<digits>\d+)(?!\d)"
    rf"|\b(?:category|cat|level|tier)\b\.?\s*(?P<word>{_WORD_NUMBER})\b",
    re.IGNORECASE,
)
_WHOLE_DATE = re.compile(r"(?<!\d)\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}(?!\d)")

_YES_NO_SPELLINGS = {"yes": ("yes", "y"), "no": ("no", "n"), "y": ("y", "yes"), "n": ("n", "no")}
_WORD_EDGE_BEFORE = r"(?<![^\W_])"
_WORD_EDGE_AFTER = r"(?![^\W_])"
_CLOSERS = {-1: {"]": "[", ")": "("}, 1: {"[": "]", "(": ")"}}  # a bracketed box, either way
# Between the two printed words: a slash, "or", or only spaces and tick boxes ("☒ Yes ☐ No").
_PAIR_GAP = r"(?:\s+or\s+|(?:[\s/\\|☒☐☑✓✔✗✘■●□\[\]()]|(?<![^\W_])[xX](?![^\W_])){1,12}?)"


def read_yes_no(text: str) -> bool | Choice | None:
    """A written answer (§6): yes, y, ✓, ✔ or no, n, ✗, ✘, alone or as the first word."""
    if not text.strip():
        return None
    first = _FIRST_WORD.match(text.strip().lower())
    if first is None or first[2]:  # "Yes/No" left as printed
        return AMBIGUOUS
    if first[1] in YES_WORDS:
        return True
    return False if first[1] in NO_WORDS else AMBIGUOUS


def tick_state(text: str) -> bool | None:
    """A tick box's text (§6): ticked, not ticked, or None when it is no tick box at all."""
    compact = "".join(text.split())
    if compact[:1] + compact[-1:] in ("[]", "()"):
        compact = compact[1:-1]
    if not compact:
        return False
    marks = set(compact)
    if len(compact) <= 3 and marks <= TICKED_MARKS | UNTICKED_MARKS:
        return bool(marks & TICKED_MARKS)
    return None


def leading_tick(text: str) -> tuple[bool | None, str]:
    """A tick box starting a line ("☒ Devon County Council", "X Torbay Council") and the
    rest of the line; (None, the line) when it starts with no box."""
    match = _LEADING_TICK.match(text)
    if match is None:
        return None, text.strip()
    return tick_state(match[1]), text[match.end() :].strip()


def read_ints(text: str) -> list[int]:
    """Every distinct number written, in order, so that "2 or 3" is told from "2"."""
    whole = _WHOLE_NUMBER_WORD.match(text)
    if whole:
        return [_WORD_NUMBERS[whole[1].lower()]]
    numbers = (
        int(m["digits"]) if m["digits"] else _WORD_NUMBERS[m["word"].lower()]
        for m in _NUMBER.finditer(_WHOLE_DATE.sub(" ", text))
    )
    return list(dict.fromkeys(numbers))


def read_int(text: str) -> int | None:
    """The one number written; None when there is none or more than one."""
    numbers = read_ints(text)
    return numbers[0] if len(numbers) == 1 else None


def read_pair(line: Line, options: tuple[str, ...]) -> str | Choice | None:
    """A printed pair ("Yes/No", "Community/ Hospital") as the referrer answered it (§6)."""
    chars = [(ch, run) for run in line.runs for ch in run.text]
    full = "".join(ch for ch, _ in chars)
    spellings = _spellings(options)
    pair = _pair_pattern(options).search(full)
    if pair is None:
        if not line.text.strip():
            return AMBIGUOUS if full.strip() else None
        return _written(line.text, options, spellings) or AMBIGUOUS
    typed = "".join(
        ch
        for index, (ch, run) in enumerate(chars)
        if not run.deleted and not pair.start() <= index < pair.end()
    )
    answer = _written(typed, options, spellings)
    marked = _formatting(chars, (pair.start(1), pair.end(1)), (pair.start(2), pair.end(2)))
    if answer is not None:  # rule 1, unless formatting points the other way
        return AMBIGUOUS if isinstance(marked, int) and options[marked] != answer else answer
    return options[marked] if isinstance(marked, int) else AMBIGUOUS


@lru_cache(maxsize=64)
def _spellings(options: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """How each option may be written: "yes" also "y"; "hospital" also "h" if unique."""
    initials = [option[0] for option in options]
    spellings = []
    for option in options:
        forms = _YES_NO_SPELLINGS.get(option, (option,))
        if len(option) > 1 and option.isalpha() and initials.count(option[0]) == 1:
            forms = tuple(dict.fromkeys((*forms, option[0])))
        spellings.append(forms)
    return tuple(spellings)


@lru_cache(maxsize=64)
def _pair_pattern(options: tuple[str, ...]) -> re.Pattern[str]:
    """The two options as printed side by side, each in any of its spellings."""
    first, second = (
        "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
        for forms in _spellings(options)[:2]
    )
    return re.compile(
        f"{_WORD_EDGE_BEFORE}({first}){_WORD_EDGE_AFTER}{_PAIR_GAP}"
        f"{_WORD_EDGE_BEFORE}({second}){_WORD_EDGE_AFTER}",
        re.IGNORECASE,
    )


def _written(
    text: str, options: tuple[str, ...], spellings: tuple[tuple[str, ...], ...]
) -> str | None:
    """Rule 1: the option a typed answer starts with ("No – too unwell", ": N")."""
    first = _FIRST_WORD.match(text.strip().lower())
    if first is None:
        return None
    for option, forms in zip(options, spellings, strict=True):
        if first[1] in forms:
            return option
    return None


def _formatting(
    chars: list[tuple[str, Run]], first: tuple[int, int], second: tuple[int, int]
) -> int | Choice | None:
    """Rules 2–4: the index of the option left, not struck or marked; None when the words do
    not differ; AMBIGUOUS when both are removed or the rules disagree. A removed word's own
    marks are not read (a struck word is often coloured too); a tick beside it still is."""
    words = [chars[start:end] for start, end in (first, second)]
    removed = _removal_signal(words)
    signals = {removed, _tick_signal(chars, first, second)}
    if removed is None:
        signals |= {_mark_signal(words), _capitals_signal(words)}
    signals.discard(None)
    if len(signals) == 1:
        return signals.pop()
    return AMBIGUOUS if signals else None


def _removal_signal(words: list[list[tuple[str, Run]]]) -> int | Choice | None:
    """Rules 2 and 3: one word deleted, or else struck through, and not the other."""
    for flag in ("deleted", "struck"):
        gone = [_most(word, lambda run, flag=flag: getattr(run, flag)) for word in words]
        if gone[0] != gone[1]:
            return 1 if gone[0] else 0
        if gone[0]:
            return AMBIGUOUS
    return None


def _most(word: list[tuple[str, Run]], test: Callable[[Run], bool]) -> bool:
    """A word has a formatting when most of the characters that spell it have it."""
    return sum(1 for _, run in word if test(run)) * 2 > len(word)


def _mark_signal(words: list[list[tuple[str, Run]]]) -> int | Choice | None:
    """Highlight, shading, bold, underline or colour on one word and not the other."""
    marks = []
    for word in words:
        every = {mark for _, run in word for mark in run.marks}
        marks.append({mark for mark in every if _most(word, lambda run, m=mark: m in run.marks)})
    if marks[0] == marks[1]:
        return None
    if marks[0] > marks[1]:
        return 0
    return 1 if marks[1] > marks[0] else AMBIGUOUS


def _capitals_signal(words: list[list[tuple[str, Run]]]) -> int | None:
    """ "YES/no": one word in capitals when the other is not."""
    upper = ["".join(ch for ch, _ in word).isupper() for word in words]
    if upper[0] == upper[1]:
        return None
    return 0 if upper[0] else 1


def _tick_signal(
    chars: list[tuple[str, Run]], first: tuple[int, int], second: tuple[int, int]
) -> int | Choice | None:
    """A box ticked beside one word and not the other: "☒ Yes ☐ No", "Yes X/No"."""
    shown = [index for index, (_, run) in enumerate(chars) if not run.deleted]
    text = "".join(chars[index][0] for index in shown)
    sides = [
        (_box(text, bisect_left(shown, start) - 1, -1), _box(text, bisect_left(shown, end), 1))
        for start, end in (first, second)
    ]
    (before1, after1), (before2, after2) = sides
    if before1 is not None and before2 is not None:
        ticks = (before1, before2)
    elif after1 is not None and after2 is not None:
        ticks = (after1, after2)
    else:
        ticks = (bool(before1 or after1), bool(before2 or after2))
    if ticks[0] == ticks[1]:
        return AMBIGUOUS if ticks[0] else None
    return 0 if ticks[0] else 1


def _box(text: str, at: int, step: int) -> bool | None:
    """The state of a tick box next to a word, looking one way past spaces; None if none."""
    while 0 <= at < len(text) and text[at] in " \t":
        at += step
    if not 0 <= at < len(text):
        return None
    ch = text[at]
    if ch in _CLOSERS[step]:
        end = (
            text.find(_CLOSERS[step][ch], at + 1)
            if step > 0
            else text.rfind(_CLOSERS[step][ch], max(0, at - 4), at)
        )
        if end < 0 or abs(end - at) > 4:
            return None
        return tick_state(text[min(at, end) : max(at, end) + 1])
    if ch in "xX":
        edges = (text[at - 1 : at], text[at + 1 : at + 2])
        return True if not any(edge.isalnum() for edge in edges) else None
    return tick_state(ch) if ch in TICKED_MARKS | UNTICKED_MARKS else None
