"""The seam between intake and the form parsers: the only place a document is handed to them.

The parsers are not built yet, so every document honestly comes back "not parsed yet"; the
parsing issue replaces the body of `parse_document` and nothing else in intake changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ParseOutcome:
    form: str | None  # mappa_a, form_g, pdp or unknown, once the parsers exist
    status: str
    reason: str


def parse_document(data: bytes, filename: str, now: datetime) -> ParseOutcome:
    """Parse one attached document into a form record, or say why it could not be."""
    return ParseOutcome(
        form=None,
        status="not_parsed",
        reason=f"“{filename}” is not parsed yet: form parsing is not built.",
    )
