"""What a SPOC is told about a document: one issue per (field, code), in plain English."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Severity = Literal["error", "warning", "info"]


class Issue(BaseModel):
    field: str | None
    severity: Severity
    code: str
    message: str


class Issues:
    """Collects issues, keeping the first of each (field, code) as FORMS.md §2.5 asks."""

    def __init__(self) -> None:
        self._issues: dict[tuple[str | None, str], Issue] = {}

    def add(self, field: str | None, severity: Severity, code: str, message: str) -> None:
        issue = Issue(field=field, severity=severity, code=code, message=message)
        self._issues.setdefault((field, code), issue)

    def discard(self, field: str | None, code: str) -> None:
        self._issues.pop((field, code), None)

    def has(self, field: str | None, code: str) -> bool:
        return (field, code) in self._issues

    def codes(self) -> set[str]:
        return {code for _, code in self._issues}

    def as_list(self) -> list[Issue]:
        return list(self._issues.values())


def quote(text: str, limit: int = 80) -> str:
    """Rejected text as a message quotes it: on one line, shortened when long."""
    one_line = " ".join(text.split())
    return f"'{one_line if len(one_line) <= limit else one_line[: limit - 1] + '…'}'"
