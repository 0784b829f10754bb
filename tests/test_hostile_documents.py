"""Hostile documents, as the service reads them: each ends in a record or a reason a SPOC can
act on, never an exception, within 10 s and 500 MB (issue 4, item 8).

Each case runs twice, each time in a new Python process (tests/support/measured_child.py):
once through `DocumentReader` with the service's default limits (a child process per parse
under a memory cap and a time limit, LibreOffice for .doc and .rtf), and once through `parse()`
alone, with no limit but the parsers' own checks, to show that those checks, not the process
limits, stop the file.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest

from intake.documents import DocumentReader
from intake.settings import Settings
from parsers import ParseResult, parse
from tests.support import hostile
from tests.support.pdf_builder import encrypted, image_only_pdf, with_page_loop

MiB = 1024 * 1024
TIME_LIMIT = 10.0
MEMORY_LIMIT = 500 * MiB
ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2025, 1, 6, 9, 30)
SECRET = "MAPPA-SECRET-7f3c91"
# The limits the service runs with when nothing is configured.
DEFAULTS = {name: field.default for name, field in Settings.model_fields.items()}
NO_LIBREOFFICE = not Path("/usr/bin/soffice").exists()
WHY = "LibreOffice is not installed (make test installs it)"

ZIP_BOMB = "it may be a 'zip bomb' made to exhaust the server"
WORD_DAMAGED = "the Word file is damaged or incomplete: ask the referrer to send it again"
PDF_DAMAGED = "the PDF is damaged or incomplete: ask the referrer to send it again"
LOCKED = "password protected: ask the referrer for an unprotected copy"


@dataclass(frozen=True)
class Case:
    """A hostile file and what the SPOC sees: its form when it is still read as one, else the
    issue code and words of the reason."""

    name: str
    make: Callable[[Path], bytes]
    code: str | None
    words: str = ""
    converted: bool = False  # read through LibreOffice first


def read_as_form(name: str, make: Callable[[Path], bytes]) -> Case:
    return Case(name, make, None)


CASES = {
    "zip part declaring 4 GB": Case(
        "G.docx", lambda _: hostile.declared_as_huge(), "parse_limit", "would expand to 4,096 MB"
    ),
    "zip part inflating 1 GB past its declared size": Case(
        "G.docx",
        lambda _: hostile.inflating_past_its_size(),
        "parse_limit",
        "one of its parts holds more than the size it declares; " + ZIP_BOMB,
    ),
    "zip part compressed 1,000 to 1": Case(
        "G.docx", lambda _: hostile.compression_bomb(), "parse_limit", "would expand 1,028 times"
    ),
    "480,000 zip entries": Case(
        "G.docx",
        lambda _: hostile.many_entries(),
        "parse_limit",
        "it holds 480,017 parts where a form has a few dozen",
    ),
    "billion laughs": Case(
        "G.docx", lambda _: hostile.billion_laughs(), "file_corrupt", WORD_DAMAGED
    ),
    "external entity": Case("G.docx", hostile.external_entity, "file_corrupt", WORD_DAMAGED),
    "external DTD": Case("G.docx", hostile.external_dtd, "file_corrupt", WORD_DAMAGED),
    "XInclude of a local file": read_as_form("G.docx", hostile.xinclude),
    "header linked to a local file": read_as_form("G.docx", hostile.linked_header),
    "30,000-deep XML": Case("G.docx", lambda _: hostile.deep_xml(), "file_corrupt", WORD_DAMAGED),
    "80 nested tables": read_as_form("G.docx", lambda _: hostile.nested_tables(80)),
    "2,000 nested tables": Case(
        "G.docx", lambda _: hostile.nested_tables(2_000), "file_corrupt", WORD_DAMAGED
    ),
    "password-protected .docx": Case(
        "G.docx", lambda _: hostile.encrypted_docx(), "file_encrypted", LOCKED
    ),
    "truncated .docx": Case(
        "G.docx", lambda _: hostile.form_docx()[:9_000], "file_corrupt", WORD_DAMAGED
    ),
    "PDF with a password to open": Case(
        "G.pdf",
        lambda _: encrypted(hostile.form_pdf(), "secret", "owner"),
        "file_encrypted",
        LOCKED,
    ),
    "PDF with only an owner password": read_as_form(
        "G.pdf", lambda _: encrypted(hostile.form_pdf(), "", "owner")
    ),
    "PDF page tree loop": Case(
        "G.pdf", lambda _: with_page_loop(hostile.form_pdf()), "file_corrupt", PDF_DAMAGED
    ),
    "PDF xref /Prev loop": read_as_form(
        "G.pdf", lambda _: hostile.with_xref_loop(hostile.form_pdf())
    ),
    "PDF of 50,000 pages": Case(
        "G.pdf",
        lambda _: hostile.many_pages(50_000),
        "parse_limit",
        "the PDF has 50,000 pages where a form has a few, over the limit of 100",
    ),
    "PDF of 50,000 pages declaring 1": Case(
        "G.pdf", lambda _: hostile.many_pages(50_000, declared=1), "file_corrupt", PDF_DAMAGED
    ),
    "PDF page drawing 1 GB": Case(
        "G.pdf",
        lambda _: hostile.content_bomb(),
        "parse_limit",
        "page 1 of the PDF is too complex to read safely",
    ),
    "image-only PDF": Case(
        "G.pdf",
        lambda _: image_only_pdf(pages=2),
        "file_scanned",
        "scanned document with no text: ask the referrer for the Word version",
    ),
    "truncated PDF": Case(
        "G.pdf", lambda _: hostile.form_pdf()[:1_200], "file_corrupt", PDF_DAMAGED
    ),
    "PDF named .docx": read_as_form("G.docx", lambda _: hostile.form_pdf()),
    "web page named .docx": Case(
        "G.docx",
        lambda _: b"<!DOCTYPE html><html><body><p>Family name: Trelawny</p></body></html>",
        "file_type_unsupported",
        "“G.docx” is not a Word (.docx, .doc, .odt, .rtf) or PDF document",
    ),
    "0-byte file": Case("G.docx", lambda _: b"", "file_empty", "“G.docx” is empty (0 bytes)"),
    "26 MB file": Case(
        "G.pdf",
        lambda _: hostile.form_pdf() + b"%" * (26 * MiB),
        "file_too_large",
        "larger than 25 MB, too large to read safely",
    ),
    "RTF of 2,000,000 nested groups": Case(
        "G.rtf",
        lambda _: hostile.nested_groups(),
        "parse_limit",
        "converting the .rtf file needed more than 400 MB of memory, so it was stopped: ask the"
        " referrer for a .docx or PDF",
        converted=True,
    ),
    "random bytes in a .doc": Case(
        "G.doc",
        lambda _: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(40_000),
        "file_corrupt",
        "LibreOffice could not open the .doc file: it may be damaged",
        converted=True,
    ),
    "RTF form": Case("G.rtf", lambda _: hostile.form_rtf(), None, converted=True),
}
PARSED_ALONE = [case for case, spec in CASES.items() if not spec.converted]


@pytest.fixture(scope="session")
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A local file a hostile document may try to read into its record."""
    path = tmp_path_factory.mktemp("secret") / "secret.txt"
    path.write_text(SECRET)
    return path


@cache
def hostile_file(case: str, secret: Path) -> bytes:
    """Each file built once per test worker: both tests read the same bytes."""
    return CASES[case].make(secret)


def read_with_service_limits(name: str, data: bytes) -> ParseResult:
    """What the service does with one attachment, with its default limits."""
    reader = DocumentReader(
        workers=1,
        memory_bytes=DEFAULTS["split_memory_bytes"],
        seconds=DEFAULTS["split_seconds"],
        convert_seconds=DEFAULTS["convert_seconds"],
    )
    try:
        [result] = reader.parse_many([(name, data)], NOW)
    finally:
        reader.close()
    return result


@dataclass(frozen=True)
class Measured:
    result: ParseResult
    seconds: float
    peak_bytes: int  # the largest resident size of the child or any process under it


def measured(function: Callable[..., ParseResult], *args: object) -> Measured:
    """`function(*args)` run in a new Python process of its own (a fork of this test worker
    would inherit its threads and locks), timed, with the peak resident memory of that process
    and of every process it starts (parse children, LibreOffice) watched from inside it. The
    result comes back in a file, read once the process has exited."""
    handle, path = tempfile.mkstemp(suffix=".pickle")
    with os.fdopen(handle, "wb") as job:
        pickle.dump((function, args), job)
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.support.measured_child", path],
        cwd=ROOT,
        start_new_session=True,
    )
    usage = _wait_within(child.pid, started + 3 * TIME_LIMIT)
    child.returncode = 0  # reaped above by wait4
    seconds = time.monotonic() - started
    try:
        outcome = pickle.loads(Path(path).read_bytes())
    finally:
        os.unlink(path)
    if isinstance(outcome, str):
        pytest.fail(f"reading raised an exception:\n{outcome}")
    result, sampled = outcome
    return Measured(result, seconds, max(sampled, usage.ru_maxrss * 1024))


def _wait_within(pid: int, deadline: float) -> resource.struct_rusage:
    while True:
        done, _, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return usage
        if time.monotonic() > deadline:
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pytest.fail(f"no result within {3 * TIME_LIMIT:.0f} s")
        time.sleep(0.01)


def check(case: Case, seen: Measured) -> None:
    """What the SPOC sees: the form read, or a failed result with the case's code and reason;
    and the case bounded in time and memory, with no local file read into it."""
    result = seen.result
    assert SECRET not in result.model_dump_json()
    if case.code is None:
        assert result.form == "form_g" and result.record is not None, result.issues
        assert result.record["offender"]["family_name"] == "Trelawny"
    else:
        assert result.form == "unknown" and result.record is None
        [issue] = result.issues
        assert (issue.code, issue.severity) == (case.code, "error")
        assert case.words in issue.message
    assert seen.seconds < TIME_LIMIT, f"{seen.seconds:.1f} s"
    assert seen.peak_bytes < MEMORY_LIMIT, f"{seen.peak_bytes / MiB:.0f} MB"


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, marks=[pytest.mark.libreoffice, pytest.mark.slow])
        if spec.converted
        else case
        for case, spec in CASES.items()
    ],
)
def test_hostile_file_read_by_the_service_ends_in_a_record_or_a_reason(
    case: str, secret_file: Path
) -> None:
    spec = CASES[case]
    if spec.converted and NO_LIBREOFFICE:
        pytest.skip(WHY)
    data = hostile_file(case, secret_file)

    seen = measured(read_with_service_limits, spec.name, data)

    check(spec, seen)


@pytest.mark.parametrize("case", PARSED_ALONE)
def test_hostile_file_is_stopped_by_the_parsers_own_checks(case: str, secret_file: Path) -> None:
    spec = CASES[case]
    data = hostile_file(case, secret_file)

    seen = measured(parse, data, spec.name, NOW)

    check(spec, seen)


def test_the_reader_passes_the_conversion_time_limit_to_libreoffice() -> None:
    reader = DocumentReader(workers=1, memory_bytes=400 * MiB, seconds=10, convert_seconds=7)
    try:
        assert (reader.converter.seconds, reader.converter.memory_bytes) == (7, 400 * MiB)
    finally:
        reader.close()
