"""Word documents converted by one LibreOffice kept warm: .doc, .odt and .rtf to .docx for the
parsers (which read only .docx and PDF), Word to PDF for the browser, and the test fixtures'
.doc, .rtf and form PDFs.

A cold `soffice --convert-to` costs a second per file; the warm one about 0.04 s.
LibreOffice converts one document at a time, so a lock serialises callers. A conversion past
the time limit kills LibreOffice and the next call starts a fresh one; so does a crash.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from intake.convert_process import (
    OfficeError,
    OfficeLost,
    OfficeMissing,
    OfficeProcess,
    OfficeTimeout,
    OfficeTooLarge,
)

log = logging.getLogger(__name__)

MiB = 1024 * 1024
SOURCES = ("doc", "docx", "odt", "rtf")
ASK_FOR = "ask the referrer for a .docx or PDF"


@dataclass(frozen=True)
class Target:
    """A LibreOffice export filter, its options and the file suffix it writes; `form_controls`
    turns Word's legacy form fields into controls first, which PDF export makes AcroForm fields."""

    suffix: str
    filter: str
    filter_data: dict[str, bool] = field(default_factory=dict)
    form_controls: bool = False


TARGETS = {
    "docx": Target("docx", "MS Word 2007 XML"),
    "pdf": Target("pdf", "writer_pdf_Export", {"ExportFormFields": False}),
    "pdf-form": Target("pdf", "writer_pdf_Export", {"ExportFormFields": True}, form_controls=True),
    "doc": Target("doc", "MS Word 97"),
    "rtf": Target("rtf", "Rich Text Format"),
    "odt": Target("odt", "writer8"),
}


class ConversionError(Exception):
    """A document could not be converted; the message is a reason a SPOC can act on, the code
    the issue code it is filed under (parse_limit when a time or memory limit stopped it)."""

    def __init__(self, message: str, code: str = "file_corrupt") -> None:
        super().__init__(message)
        self.code = code


class Converter:
    """One warm LibreOffice, started on first use; a context manager, safe to share between
    threads. Its profile and files live in a private folder removed by `close()`. Each
    conversion is stopped past `seconds` or past `memory_bytes` resident in LibreOffice's
    processes (idle, about 240 MB; a 25 MB .doc of photographs, 390 MB)."""

    def __init__(
        self,
        seconds: float = 30.0,
        *,
        parent_dir: Path | None = None,
        max_output_bytes: int = 100 * MiB,
        memory_bytes: int = 1024 * MiB,
        start_seconds: float = 60.0,
        soffice: str | None = None,
    ) -> None:
        self.seconds = seconds
        self.parent_dir = parent_dir
        self.max_output_bytes = max_output_bytes
        self.memory_bytes = memory_bytes
        self.start_seconds = start_seconds
        self.soffice = soffice or shutil.which("soffice") or "/usr/bin/soffice"
        self._lock = threading.Lock()
        self._folder: Path | None = None
        self._office: OfficeProcess | None = None
        self._starts = 0

    @property
    def work_dir(self) -> Path | None:
        """The private folder holding LibreOffice's profile and the files being converted."""
        return self._folder

    def convert(self, data: bytes, source_suffix: str, target: str) -> bytes:
        """`data` (a .doc, .docx, .odt or .rtf file) as `target`, one of TARGETS. The time limit
        is for the conversion; starting LibreOffice (a second or two) has `start_seconds`."""
        kind = source_suffix.lower().lstrip(".")
        if kind not in SOURCES:
            raise ConversionError(
                f"only .doc, .docx, .odt and .rtf files can be converted, not .{kind} files"
            )
        spec = TARGETS.get(target)
        if spec is None:
            raise ValueError(f"no conversion to {target!r}: one of {', '.join(TARGETS)}")
        with self._lock:
            folder = self._files()
            source, output = folder / f"input.{kind}", folder / f"output.{spec.suffix}"
            source.write_bytes(data)
            try:
                self._run(kind, source, output, spec)
                return self._output(kind, output, spec)
            finally:
                source.unlink(missing_ok=True)
                output.unlink(missing_ok=True)

    def _run(self, kind: str, source: Path, output: Path, spec: Target) -> None:
        """One try, and one more on a fresh LibreOffice if the warm one had died."""
        request = {
            "source": str(source),
            "target": str(output),
            "filter": spec.filter,
            "filter_data": spec.filter_data,
            "form_controls": spec.form_controls,
        }
        for attempt in (1, 2):
            office = self._started(kind)
            try:
                reply = office.ask(request, self.seconds, self.memory_bytes)
            except OfficeLost as exc:
                self._discard(f"LibreOffice stopped: {exc}")
                if attempt == 2:
                    raise ConversionError(
                        f"LibreOffice stopped while converting the .{kind} file: it may be damaged"
                    ) from None
                continue
            except OfficeTimeout:
                self._discard(f"no answer within {self.seconds:g} s")
                raise ConversionError(
                    f"the .{kind} file could not be converted within {self.seconds:g} seconds",
                    "parse_limit",
                ) from None
            except OfficeTooLarge:
                self._discard(f"over {self.memory_bytes / MiB:g} MB converting a .{kind} file")
                raise ConversionError(
                    f"converting the .{kind} file needed more than"
                    f" {self.memory_bytes / MiB:g} MB of memory, so it was stopped: {ASK_FOR}",
                    "parse_limit",
                ) from None
            return self._check(kind, reply, spec)

    @staticmethod
    def _check(kind: str, reply: dict, spec: Target) -> None:
        if reply.get("ok"):
            return
        log.info("LibreOffice refused a .%s file: %s", kind, reply.get("detail"))
        if reply.get("error") == "export":
            raise ConversionError(
                f"LibreOffice opened the .{kind} file but could not save it as .{spec.suffix}"
            )
        raise ConversionError(f"LibreOffice could not open the .{kind} file: it may be damaged")

    def _output(self, kind: str, output: Path, spec: Target) -> bytes:
        if not output.is_file():
            raise ConversionError(
                f"LibreOffice opened the .{kind} file but could not save it as .{spec.suffix}"
            )
        size = output.stat().st_size
        if size > self.max_output_bytes:
            raise ConversionError(
                f"the .{kind} file became a .{spec.suffix} file over the limit of"
                f" {self.max_output_bytes / MiB:.3g} MB"
            )
        return output.read_bytes()

    def _files(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="mappa-convert-", dir=self.parent_dir))
            (self._folder / "files").mkdir()
        return self._folder / "files"

    def _started(self, kind: str) -> OfficeProcess:
        """The warm LibreOffice, or a new one (with a fresh profile) if there is none."""
        if self._office is not None and self._office.running:
            return self._office
        self._discard("it had stopped")
        if not Path(self.soffice).is_file():
            raise ConversionError(
                f"LibreOffice is not installed, so the .{kind} file could not be converted:"
                f" {ASK_FOR}"
            )
        self._starts += 1
        profile = self._files().parent / f"profile-{self._starts}"
        started = time.monotonic()
        try:
            self._office = OfficeProcess(self.soffice, profile, self.start_seconds)
        except OfficeMissing as exc:
            log.error("cannot run LibreOffice: %s", exc)
            raise ConversionError(
                f"LibreOffice is not fully installed (python3-uno is missing), so the .{kind}"
                f" file could not be converted: {ASK_FOR}"
            ) from None
        except OfficeError as exc:
            log.error("%s", exc)
            raise ConversionError(
                f"LibreOffice did not start, so the .{kind} file could not be converted"
            ) from None
        log.info("LibreOffice started in %.1f s", time.monotonic() - started)
        return self._office

    def _discard(self, why: str) -> None:
        """Kill the current LibreOffice (if any) and delete its profile."""
        if self._office is None:
            return
        log.warning("LibreOffice restarts: %s", why)
        self._office.kill()
        self._office = None
        self._remove_profiles()

    def _remove_profiles(self) -> None:
        if self._folder is not None:
            for profile in self._folder.glob("profile-*"):
                shutil.rmtree(profile, ignore_errors=True)

    def close(self) -> None:
        """Stop LibreOffice and remove its profile and every file."""
        with self._lock:
            if self._office is not None:
                self._office.stop()
                self._office = None
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
                self._folder = None

    def __enter__(self) -> Converter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
