"""A record being filled in: values by dotted key, what the referrer wrote, and where."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from parsers.fields import Field, FormSpec
from parsers.interpret import Interpreter, Reading
from parsers.issues import Issues
from parsers.locate import Answer, Located


@dataclass
class Draft:
    values: dict[str, Any] = field(default_factory=dict)
    written: set[str] = field(default_factory=set)  # answered, a not-known marker included
    provenance: dict[str, str] = field(default_factory=dict)

    def put(self, key: str, reading: Reading, where: str | None) -> None:
        self.values[key] = reading.value
        if reading.written:
            self.written.add(key)
        if reading.value is not None and where:
            self.provenance[key] = where

    def set(self, key: str, value: Any, where: str | None = None) -> None:
        self.values[key] = value
        if value is not None:
            self.written.add(key)
            if where:
                self.provenance[key] = where

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def blank(self, key: str) -> bool:
        return self.values.get(key) is None and key not in self.written

    def nested(self) -> dict[str, Any]:
        """The values as the record's nested groups ("offender.dob" → offender → dob)."""
        record: dict[str, Any] = {}
        for key, value in self.values.items():
            if key.startswith("_"):
                continue
            *groups, last = key.split(".")
            node = record
            for group in groups:
                node = node.setdefault(group, {})
            node[last] = value
        return record


@dataclass
class Context:
    """Everything a form's own rules need while finishing a record."""

    spec: FormSpec
    located: Located
    draft: Draft
    issues: Issues
    reader: Interpreter
    today: date

    def answer(self, key: str) -> Answer | None:
        return self.located.answers.get(key)

    def field(self, key: str) -> Field:
        return self.spec.field(key)

    def read(self, key: str) -> Reading:
        """Reads a field's answer into the draft and returns the reading."""
        answer = self.answer(key)
        reading = self.reader.read(answer, self.field(key))
        self.draft.put(key, reading, answer.where if answer else None)
        return reading
