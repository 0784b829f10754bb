"""Parsing benchmark: seconds per document for .docx and PDF against a bare library load of the
same file in the same run (python-docx `Document()` reading every paragraph and cell; pypdf
`PdfReader` with `extract_text` on every page), and seconds per warm .doc → .docx conversion.

    make bench        (or: .venv/bin/python -m bench.parse [--rounds 30])

Goals (issue 4): parse <= 2x the bare load for .docx and PDF; warm conversion <= 0.5 s.
Prints figures; never fails a build.
"""

from __future__ import annotations

import argparse
import io
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import docx
from pypdf import PdfReader

from bench.forms import filled_documents
from bench.timing import median_seconds
from intake.convert import Converter
from intake.documents import DocumentReader
from parsers import parse
from parsers.labels import words_of

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def bare_docx(data: bytes) -> int:
    """What python-docx alone does to see the same text: every paragraph and every cell."""
    document = docx.Document(io.BytesIO(data))
    seen = sum(len(p.text) for p in document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            seen += sum(len(cell.text) for cell in row.cells)
    return seen


def bare_pdf(data: bytes) -> int:
    return sum(len(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages)


def cold_parse(data: bytes, name: str) -> None:
    """One parse with the label cache emptied first, so that no run reuses the last one's
    work on this very document (the service's cache only helps with labels seen before)."""
    words_of.cache_clear()
    parse(data, name, NOW)


def compare(name: str, data: bytes, bare: Callable[[bytes], object], rounds: int) -> None:
    ours = median_seconds(lambda: cold_parse(data, name), rounds)
    baseline = median_seconds(lambda: bare(data), rounds)
    print(
        f"{name:<28} {len(data) / 1024:6.0f} KB   parse {ours * 1000:7.1f} ms   "
        f"bare {baseline * 1000:7.1f} ms   ratio {ours / baseline:4.2f}  (goal <= 2)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="timed runs per figure")
    args = parser.parse_args()
    documents = filled_documents()
    print(f"median of {args.rounds} runs each, in this process:")
    for name, data in documents.items():
        compare(name, data, bare_docx, args.rounds)
    if shutil.which("soffice") is None:
        print("LibreOffice is not installed: no PDF or conversion figures (make bench installs it)")
        return
    with tempfile.TemporaryDirectory() as workdir, Converter(parent_dir=Path(workdir)) as office:
        for name, data in documents.items():
            pdf = office.convert(data, "docx", "pdf")
            compare(name.replace(".docx", ".pdf"), pdf, bare_pdf, args.rounds)
        word97 = office.convert(documents["Form G.docx"], "docx", "doc")
        warm = median_seconds(lambda: office.convert(word97, "doc", "docx"), args.rounds)
        print(f"warm .doc -> .docx conversion: {warm:.3f} s   (goal <= 0.5 s)")
    reader = DocumentReader(workers=1, memory_bytes=400 << 20, seconds=30)
    try:
        form_g = [("Form G.docx", documents["Form G.docx"])]
        isolated = median_seconds(lambda: reader.parse_many(form_g, NOW), args.rounds)
        print(f"Form G.docx through the service's child process: {isolated * 1000:.1f} ms")
    finally:
        reader.close()


if __name__ == "__main__":
    main()
