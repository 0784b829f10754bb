"""Reading attached documents safely: Word formats the parsers cannot read are converted by
LibreOffice first, and every parse runs in a child process with a memory cap and a time limit,
so that a hostile document ends as a reason on a triage item, never as a stuck service."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from intake.convert import ConversionError, Converter
from intake.isolation import Failure, IsolatedRunner
from parsers import CONVERTED_FIRST, ParseResult, document_type, failed, parse, parse_joined

LIMIT_MESSAGES = {
    "time": "“{name}” took longer than {seconds:.0f} seconds to read, so reading it was stopped.",
    "memory": "“{name}” needed more than {memory} MB of memory to read, so reading it was stopped.",
    "crash": "“{name}” could not be read because of a fault in the reader ({detail}).",
}


def parse_in_child(job: tuple[bytes, str, str]) -> dict[str, Any]:
    data, name, now = job
    return parse(data, name, datetime.fromisoformat(now)).model_dump(mode="json")


def parse_joined_in_child(job: tuple[list[tuple[str, bytes]], str]) -> dict[str, Any]:
    files, now = job
    return parse_joined(files, datetime.fromisoformat(now)).model_dump(mode="json")


class DocumentReader:
    """Parses documents in isolated children; owns the warm LibreOffice it converts with,
    held to the same memory cap as a child and to its own time limit (`convert_seconds`)."""

    def __init__(
        self, workers: int, memory_bytes: int, seconds: float, convert_seconds: float = 30.0
    ) -> None:
        self.runner: IsolatedRunner[tuple[bytes, str, str], dict[str, Any]] = IsolatedRunner(
            parse_in_child, workers, memory_bytes, seconds
        )
        self.joiner: IsolatedRunner[tuple[list[tuple[str, bytes]], str], dict[str, Any]] = (
            IsolatedRunner(parse_joined_in_child, 1, memory_bytes, seconds)
        )
        self.convert_seconds = convert_seconds
        self._converter: Converter | None = None

    @property
    def converter(self) -> Converter:
        if self._converter is None:
            self._converter = Converter(
                seconds=self.convert_seconds, memory_bytes=self.runner.memory_bytes
            )
        return self._converter

    def parse_many(
        self, documents: Sequence[tuple[str, bytes]], now: datetime
    ) -> list[ParseResult]:
        jobs: list[tuple[bytes, str, str]] = []
        early: dict[int, ParseResult] = {}
        for index, (name, data) in enumerate(documents):
            converted = self.convert_if_needed(name, data)
            if isinstance(converted, ParseResult):
                early[index] = converted
                data = b""
            else:
                data = converted
            jobs.append((data, name, now.isoformat()))
        outcomes = self.runner.submit([job for n, job in enumerate(jobs) if n not in early])
        results = iter(outcomes.results())
        return [
            early[n] if n in early else self.result(name, next(results))
            for n, (name, _) in enumerate(documents)
        ]

    def parse_joined(self, files: list[tuple[str, bytes]], now: datetime) -> ParseResult:
        """Two files read as one document (a Form G and its checklist)."""
        prepared = []
        for name, data in files:
            converted = self.convert_if_needed(name, data)
            if isinstance(converted, ParseResult):
                return converted
            prepared.append((name, converted))
        outcome = self.joiner.submit([(prepared, now.isoformat())]).results()[0]
        return self.result(files[0][0], outcome)

    def convert_if_needed(self, name: str, data: bytes) -> bytes | ParseResult:
        kind = document_type(data)
        if kind not in CONVERTED_FIRST:
            return data
        try:
            return self.converter.convert(data, f".{kind}", "docx")
        except ConversionError as exc:
            return failed(name, exc.code, str(exc))

    def result(self, name: str, outcome: dict[str, Any] | Failure) -> ParseResult:
        if isinstance(outcome, Failure):
            message = LIMIT_MESSAGES[outcome.kind].format(
                name=name,
                seconds=self.runner.seconds,
                memory=self.runner.memory_bytes // (1024 * 1024),
                detail=outcome.detail,
            )
            return failed(
                name, "file_unreadable" if outcome.kind == "crash" else "parse_limit", message
            )
        return ParseResult.model_validate(outcome)

    def close(self) -> None:
        self.runner.close()
        self.joiner.close()
        if self._converter is not None:
            self._converter.close()
