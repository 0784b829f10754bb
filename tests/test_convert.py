"""Word conversion by a real, warm LibreOffice: round trips through .doc, .rtf and .odt, PDF
with and without form fields, hostile input, time limits, crashes and concurrency."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from lxml import etree
from pypdf import PdfReader

from intake.convert import ConversionError, Converter
from intake.convert_process import socket_files

pytestmark = [pytest.mark.slow, pytest.mark.libreoffice]

NO_LIBREOFFICE = not Path("/usr/bin/soffice").exists()
WHY = "LibreOffice is not installed (make test installs it)"
needs_libreoffice = pytest.mark.skipif(NO_LIBREOFFICE, reason=WHY)
CELLS = [
    ["Name of person", "Zoë O’Brien"],
    ["Date of birth", "01/02/1980"],
    ["MAPPA category", "Category 2 — violent offender"],
]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def referral_docx() -> bytes:
    """A small referral: a heading, a paragraph and a table, as python-docx writes them."""
    document = docx.Document()
    document.add_heading("MAPPA A referral", level=1)
    document.add_paragraph("Referrer: Leeds Community Mental Health Team")
    table = document.add_table(rows=len(CELLS), cols=2)
    for row, texts in zip(table.rows, CELLS, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    # Word always ends a document with a paragraph; LibreOffice 7.4's .doc export loses a
    # table that ends one (as python-docx would leave it).
    document.add_paragraph("Signed: A. Referrer")
    return saved(document)


def saved(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def table_texts(data: bytes) -> list[list[str]]:
    table = docx.Document(io.BytesIO(data)).tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]


def run(inner: str) -> str:
    return f"<w:r>{inner}</w:r>"


def legacy_field(number: int, name: str, code: str, data: str, result: str = "") -> str:
    """A Word legacy form field as Word writes it: a complex field with w:ffData, inside a
    bookmark of the field's name."""
    begin = f'<w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{name}"/><w:enabled/>'
    shown = run('<w:fldChar w:fldCharType="separate"/>') + run(f"<w:t>{result}</w:t>")
    return (
        f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>'
        + run(f"{begin}{data}</w:ffData></w:fldChar>")
        + run(f'<w:instrText xml:space="preserve"> {code} </w:instrText>')
        + (shown if result else "")
        + run('<w:fldChar w:fldCharType="end"/>')
        + f'<w:bookmarkEnd w:id="{number}"/>'
    )


def form_docx() -> bytes:
    """A form with a legacy text field, a ticked check box and a drop-down, as Word 2003-era
    MAPPA forms have them."""
    check_box = '<w:checkBox><w:sizeAuto/><w:default w:val="1"/></w:checkBox>'
    drop_down = (
        '<w:ddList><w:result w:val="1"/><w:listEntry w:val="1"/><w:listEntry w:val="2"/>'
        '<w:listEntry w:val="3"/></w:ddList>'
    )
    fields = [
        ("Surname: ", legacy_field(1, "Surname", "FORMTEXT", "<w:textInput/>", "Example")),
        ("Consent given: ", legacy_field(2, "Consent", "FORMCHECKBOX", check_box)),
        ("Category: ", legacy_field(3, "Category", "FORMDROPDOWN", drop_down)),
    ]
    document = docx.Document()
    document.add_paragraph("Form G")
    for label, xml in fields:
        paragraph = document.add_paragraph(label)
        for element in etree.fromstring(f'<w:p xmlns:w="{W}">{xml}</w:p>'):
            paragraph._p.append(element)
    return saved(document)


def pdf_fields(data: bytes) -> dict[str, tuple[str, object]]:
    fields = PdfReader(io.BytesIO(data)).get_fields() or {}
    return {name: (field.get("/FT"), field.get("/V")) for name, field in fields.items()}


def all_commands() -> Iterator[tuple[int, bytes]]:
    """pid and command line of every process."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                yield int(entry.name), (entry / "cmdline").read_bytes()
            except OSError:
                continue  # it has just exited


def office_processes(converter: Converter) -> dict[int, str]:
    """pid → program of every process running with this converter's profile."""
    marker = str(converter.work_dir).encode()
    return {
        pid: os.path.basename(command.split(b"\0")[0].decode())
        for pid, command in all_commands()
        if marker in command
    }


def our_sockets(pid: int | None = None) -> set[Path]:
    """The UNO pipes in /tmp of every converter in this (or that) process."""
    name = f"OSL_PIPE_{os.getuid()}_mappa-intake-{pid or os.getpid()}-*"
    return set(Path("/tmp").glob(name))


def instance_socket(converter: Converter | Path, start: int) -> Path:
    """The single-instance pipe of the converter's `start`th LibreOffice."""
    work_dir = converter if isinstance(converter, Path) else converter.work_dir
    assert work_dir is not None
    return socket_files("-", (work_dir / f"profile-{start}").as_uri())[1]


def wait_gone(pids: set[int], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while any(Path(f"/proc/{pid}").exists() for pid in pids):
        assert time.monotonic() < deadline, f"still running: {pids}"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def converter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Converter]:
    """One warm LibreOffice shared by the tests that only convert."""
    if NO_LIBREOFFICE:
        pytest.skip(WHY)
    with Converter(parent_dir=tmp_path_factory.mktemp("convert")) as shared:
        yield shared


@pytest.fixture
def own_converter(tmp_path: Path) -> Iterator[Converter]:
    """A LibreOffice of the test's own, for tests that kill it or stop it."""
    if NO_LIBREOFFICE:
        pytest.skip(WHY)
    with Converter(parent_dir=tmp_path) as own:
        yield own


@pytest.mark.parametrize("through", ["doc", "rtf", "odt"])
def test_round_trip_keeps_the_table(converter: Converter, through: str) -> None:
    converted = converter.convert(referral_docx(), ".docx", through)
    back = converter.convert(converted, through, "docx")
    assert table_texts(back) == CELLS
    paragraphs = [p.text for p in docx.Document(io.BytesIO(back)).paragraphs]
    assert "Referrer: Leeds Community Mental Health Team" in paragraphs


def test_word_to_pdf_has_the_text(converter: Converter) -> None:
    pdf = converter.convert(referral_docx(), "docx", "pdf")
    assert pdf.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Referrer: Leeds Community Mental Health Team" in text
    assert "Zoë O’Brien" in text
    assert pdf_fields(pdf) == {}


def test_legacy_form_fields_become_an_acroform(converter: Converter) -> None:
    fields = pdf_fields(converter.convert(form_docx(), "docx", "pdf-form"))
    assert fields == {
        "Surname": ("/Tx", "Example"),
        "Consent": ("/Btn", "/Yes"),
        "Category": ("/Ch", "2"),
    }


def test_plain_pdf_of_a_form_has_no_fields(converter: Converter) -> None:
    pdf = converter.convert(form_docx(), "docx", "pdf")
    assert pdf_fields(pdf) == {}
    assert "Example" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_a_doc_form_keeps_its_text_field(converter: Converter) -> None:
    word97 = converter.convert(form_docx(), "docx", "doc")
    assert word97.startswith(b"\xd0\xcf\x11\xe0")
    fields = pdf_fields(converter.convert(word97, "doc", "pdf-form"))
    assert fields["Surname"] == ("/Tx", "Example")
    assert sorted(kind for kind, _ in fields.values()) == ["/Btn", "/Ch", "/Tx"]


@pytest.mark.parametrize(
    ("data", "suffix"),
    [
        (os.urandom(20_000), ".doc"),
        (os.urandom(20_000), ".rtf"),
        (b"", ".docx"),
        (b"<html><body><img src='http://example.invalid/x.png'></body></html>", ".doc"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000), ".doc"),
    ],
    ids=["random-doc", "random-rtf", "empty", "html", "ole-garbage"],
)
def test_damaged_files_are_refused_with_a_reason(
    converter: Converter, data: bytes, suffix: str
) -> None:
    started = time.monotonic()
    with pytest.raises(ConversionError) as refused:
        converter.convert(data, suffix, "docx")
    kind = suffix.lstrip(".")
    assert str(refused.value) == f"LibreOffice could not open the .{kind} file: it may be damaged"
    assert time.monotonic() - started < 10
    assert table_texts(converter.convert(referral_docx(), "docx", "docx")) == CELLS


def test_a_truncated_doc_is_refused(converter: Converter) -> None:
    word97 = converter.convert(referral_docx(), "docx", "doc")
    with pytest.raises(ConversionError, match=r"could not open the \.doc file"):
        converter.convert(word97[: len(word97) // 3], "doc", "docx")


def test_only_word_documents_are_taken(converter: Converter) -> None:
    with pytest.raises(ConversionError, match=r"not \.xlsx files"):
        converter.convert(b"PK\x03\x04", "xlsx", "docx")
    with pytest.raises(ValueError, match="no conversion to 'png'"):
        converter.convert(referral_docx(), "docx", "png")


def test_output_over_the_cap_is_refused(own_converter: Converter) -> None:
    own_converter.max_output_bytes = 1000
    with pytest.raises(ConversionError, match=r"became a \.pdf file over the limit"):
        own_converter.convert(referral_docx(), "docx", "pdf")
    assert list((own_converter.work_dir / "files").iterdir()) == []


def test_time_limit_kills_libreoffice_and_the_next_call_starts_afresh(
    own_converter: Converter,
) -> None:
    before = our_sockets()
    own_converter.convert(referral_docx(), "docx", "doc")
    first = office_processes(own_converter)
    assert "soffice.bin" in first.values()
    assert instance_socket(own_converter, 1).exists()
    own_converter.seconds = 0.001
    with pytest.raises(ConversionError) as slow:
        own_converter.convert(referral_docx(), "docx", "doc")
    assert str(slow.value) == "the .docx file could not be converted within 0.001 seconds"
    wait_gone(set(first))
    assert our_sockets() <= before, "a killed LibreOffice leaves its pipes behind"
    assert not instance_socket(own_converter, 1).exists()
    own_converter.seconds = 30
    back = own_converter.convert(
        own_converter.convert(referral_docx(), "docx", "doc"), "doc", "docx"
    )
    assert table_texts(back) == CELLS
    assert not set(office_processes(own_converter)) & set(first)


@pytest.mark.parametrize("victim", ["soffice.bin", "everything"])
def test_libreoffice_killed_from_outside_is_restarted(
    own_converter: Converter, victim: str
) -> None:
    own_converter.convert(referral_docx(), "docx", "rtf")
    processes = office_processes(own_converter)
    for pid, program in processes.items():
        if victim == "everything" or program == victim:
            os.kill(pid, signal.SIGKILL)
    rtf = own_converter.convert(referral_docx(), "docx", "rtf")
    assert rtf.startswith(b"{\\rtf")
    assert table_texts(own_converter.convert(rtf, "rtf", "docx")) == CELLS


@needs_libreoffice
def test_two_converters_work_side_by_side(tmp_path: Path) -> None:
    results: dict[str, list[list[str]]] = {}
    with Converter(parent_dir=tmp_path) as one, Converter(parent_dir=tmp_path) as two:

        def work(name: str, converter: Converter) -> None:
            for _ in range(3):
                odt = converter.convert(referral_docx(), "docx", "odt")
                results[name] = table_texts(converter.convert(odt, "odt", "docx"))

        threads = [threading.Thread(target=work, args=pair) for pair in [("1", one), ("2", two)]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert one.work_dir != two.work_dir
        assert set(office_processes(one)).isdisjoint(office_processes(two))
    assert results == {"1": CELLS, "2": CELLS}


def test_threads_share_one_converter(converter: Converter) -> None:
    results: list[bytes] = []

    def work() -> None:
        for _ in range(3):
            results.append(converter.convert(referral_docx(), "docx", "doc"))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 12
    assert all(table_texts(converter.convert(doc, "doc", "docx")) == CELLS for doc in results[:2])


@needs_libreoffice
def test_close_stops_libreoffice_and_leaves_nothing(tmp_path: Path) -> None:
    before = our_sockets()
    with Converter(parent_dir=tmp_path) as converter:
        converter.convert(referral_docx(), "docx", "pdf")
        work_dir, processes = converter.work_dir, office_processes(converter)
        assert (work_dir / "profile-1").is_dir()
        instance = instance_socket(converter, 1)
        assert instance.exists()
        assert len(our_sockets() - before) == 1
    wait_gone(set(processes))
    assert not work_dir.exists()
    assert our_sockets() <= before
    assert not instance.exists()


@needs_libreoffice
def test_libreoffice_dies_with_the_service_even_mid_conversion(tmp_path: Path) -> None:
    """The service is killed while LibreOffice hangs (stopped) in a conversion: the helper
    cannot read end-of-input then, so only its watch on the service takes soffice down."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from intake.convert import Converter\n"
        "converter = Converter(parent_dir=Path(sys.argv[1]))\n"
        "converter.convert(rb'{\\rtf1 hello}', 'rtf', 'docx')\n"
        "print(converter.work_dir, flush=True)\n"
        "while True:\n"
        "    converter.convert(rb'{\\rtf1 hello}', 'rtf', 'docx')\n"
    )
    service = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert service.stdout is not None
        marker = service.stdout.readline().strip().encode()
        assert marker, "the service did not convert"
        processes = {pid: command for pid, command in all_commands() if marker in command}
        assert len(processes) == 3  # the helper, oosplash and soffice.bin
        office = next(pid for pid, command in processes.items() if b"soffice.bin" in command)
        os.kill(office, signal.SIGSTOP)
        time.sleep(0.5)  # the service is now waiting on a conversion that will not finish
        sockets = our_sockets(service.pid) | {instance_socket(Path(marker.decode()), 1)}
        assert all(socket.exists() for socket in sockets)
    finally:
        service.kill()
        service.wait()
    wait_gone(set(processes), timeout=5)
    assert not any(socket.exists() for socket in sockets)


def test_without_libreoffice_the_reason_says_what_to_do(tmp_path: Path) -> None:
    started = time.monotonic()
    converter = Converter(parent_dir=tmp_path, soffice=str(tmp_path / "no-soffice"))
    with converter, pytest.raises(ConversionError) as missing:
        converter.convert(referral_docx(), ".DOC", "docx")
    assert str(missing.value) == (
        "LibreOffice is not installed, so the .doc file could not be converted:"
        " ask the referrer for a .docx or PDF"
    )
    assert time.monotonic() - started < 1
    assert list(tmp_path.iterdir()) == []


def test_the_profile_is_private_and_the_users_is_untouched(own_converter: Converter) -> None:
    users = Path.home() / ".config" / "libreoffice"
    existed = users.exists()
    own_converter.convert(referral_docx(), "docx", "odt")
    assert own_converter.work_dir is not None
    assert own_converter.work_dir.stat().st_mode & 0o077 == 0
    assert (own_converter.work_dir / "profile-1" / "user").is_dir()
    assert users.exists() == existed
