"""Field accuracy: a parsed record against a sample's truth, key by key.

Every key the generator wrote is scored (a not-known marker must read as null), and so is every
key the parser filled that the generator never wrote: a value read from nowhere is a mismatch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.forms import Sample

UNSCORED = {"extra_sections"}  # the referrer's own sections, not a field of the form


def flatten(record: dict[str, Any] | None, prefix: str = "") -> dict[str, Any]:
    """{dotted key: value}; lists are values, groups are walked."""
    out: dict[str, Any] = {}
    for key, value in (record or {}).items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


@dataclass
class Score:
    right: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.right + len(self.mismatches)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0

    def add(self, sample: Sample, form: str, record: dict[str, Any] | None) -> None:
        if form != sample.form:
            self.mismatches.append(f"{sample.name}: read as {form}, not {sample.form}")
            return
        got = flatten(record)
        read = {k for k, v in got.items() if v is not None and k not in UNSCORED}
        for key in sorted(set(sample.truth) | read):
            want = sample.truth.get(key)
            if got.get(key) == want:
                self.right += 1
            else:
                self.mismatches.append(
                    f"{sample.name} ({sample.form}, {sample.layout}) {key}: "
                    f"want {want!r}, got {got.get(key)!r}"
                )
