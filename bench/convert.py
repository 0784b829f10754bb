"""Word conversion benchmark: seconds per .doc → .docx conversion by the warm LibreOffice of
intake.convert, against a cold `soffice --headless --convert-to docx` of the same file in the
same run.

    make bench        (or: PYTHONPATH=. .venv/bin/python -m bench.convert [--warm 20] [--cold 5])

Goal: median warm conversion <= 0.5 s. Prints figures; never fails a build.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import docx

from intake.convert import Converter


def referral_docx(rows: int) -> bytes:
    """A form the size of a real MAPPA A: headings, prose and two tables of label/answer rows."""
    document = docx.Document()
    for part in ("Section 1: the person", "Section 2: risk"):
        document.add_heading(part, level=1)
        for n in range(5):
            document.add_paragraph(f"Guidance note {n}: answer every question; say why. " * 4)
        table = document.add_table(rows=rows, cols=2)
        for n, row in enumerate(table.rows):
            row.cells[0].text = f"Question {n}"
            row.cells[1].text = f"An answer of a few words, number {n}"
    document.add_paragraph("Signed: A. Referrer")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def warm_seconds(converter: Converter, word97: bytes, count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        converter.convert(word97, "doc", "docx")
        times.append(time.perf_counter() - started)
    return times


def cold_seconds(soffice: str, word97: bytes, count: int, workdir: Path) -> list[float]:
    """`soffice --convert-to` per file, each with the same (already made) profile; the first
    run, which also makes the profile, is left out."""
    source = workdir / "referral.doc"
    source.write_bytes(word97)
    profile = f"-env:UserInstallation={(workdir / 'profile').as_uri()}"
    command = [soffice, profile, "--headless", "--convert-to", "docx", "--outdir"]
    times = []
    for n in range(count + 1):
        outdir = workdir / f"out{n}"
        started = time.perf_counter()
        subprocess.run([*command, str(outdir), str(source)], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
        assert (outdir / "referral.docx").stat().st_size > 0
    return times[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", type=int, default=20, help="timed warm conversions")
    parser.add_argument("--cold", type=int, default=5, help="timed cold conversions")
    parser.add_argument("--rows", type=int, default=30, help="rows in each of the two tables")
    args = parser.parse_args()
    soffice = shutil.which("soffice")
    if soffice is None:
        print("LibreOffice is not installed: no figures (make bench installs it)")
        return
    with tempfile.TemporaryDirectory() as workdir, Converter(parent_dir=Path(workdir)) as warm:
        started = time.perf_counter()
        word97 = warm.convert(referral_docx(args.rows), "docx", "doc")
        start_up = time.perf_counter() - started
        warm.convert(word97, "doc", "docx")  # the warm-up
        warms = warm_seconds(warm, word97, args.warm)
        colds = cold_seconds(soffice, word97, args.cold, Path(workdir))
    warm_median, cold_median = statistics.median(warms), statistics.median(colds)
    print(f"document: a .doc of {len(word97) / 1024:.0f} KB, two tables of {args.rows} rows")
    print(f"LibreOffice start-up and first conversion: {start_up:6.2f} s")
    print(
        f"warm .doc -> .docx, median of {args.warm}:   {warm_median:6.3f} s"
        f"   (max {max(warms):.3f} s; goal <= 0.5 s)"
    )
    print(
        f"cold soffice --convert-to, median of {args.cold}: {cold_median:6.3f} s   {_spread(colds)}"
    )
    print(f"ratio cold / warm:                        {cold_median / warm_median:6.1f}")


def _spread(times: list[float]) -> str:
    return "(" + ", ".join(f"{seconds:.2f}" for seconds in times) + ")"


if __name__ == "__main__":
    main()
