"""The stdlib e-mail parser finds the line ending at the end of each part by searching the whole
part with `(\\r\\n|\\r|\\n)\\Z`: the regular expression engine tries every position, so a 70 KB
attachment costs 0.6 ms, a third of the time it takes to split a typical referral.

Searching only the last two characters finds the same match text, and the match text is all the
parser reads (`len(match.group(0))`). `install()` puts that cheaper search in place; the
splitting children call it as they start, so the service's own process keeps the stdlib as it
is. If a future Python changes the pattern, `install()` leaves the parser alone.
"""

from __future__ import annotations

import re
from email import feedparser

PATTERN = r"(\r\n|\r|\n)\Z"
_COMPILED = re.compile(PATTERN)


class TailSearch:
    """Stands in for the compiled pattern: same `search`, on the text's tail only."""

    def search(self, text: str) -> re.Match[str] | None:
        return _COMPILED.search(text[-2:])


def install() -> None:
    current = getattr(feedparser, "NLCRE_eol", None)
    if isinstance(current, re.Pattern) and current.pattern == PATTERN:
        feedparser.NLCRE_eol = TailSearch()  # type: ignore[assignment]
