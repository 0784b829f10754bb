"""The LibreOffice end of `intake.convert`: started by `intake.convert_process` under Debian's
/usr/bin/python3, the only Python with the `uno` module. It starts one soffice listening on a
private pipe (no TCP port another local user could drive it through), then, for each JSON line
read on stdin, converts one file and answers one JSON line on stdout.

Standard library and uno only: this file never runs in the service's virtualenv.

    argv: SOFFICE PIPE_NAME PROFILE_URL START_SECONDS SOCKET… (soffice's sockets in /tmp)
    stdin: {"source", "target", "filter", "filter_data", "form_controls"} or {"quit": true}
    stdout: {"ready": true} once, then per request {"ok": true} or {"error": KIND, "detail": …}
    KIND: "missing" (no uno), "start", "unreadable", "export" or "lost" (LibreOffice stopped)
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

try:
    import uno
    from com.sun.star.awt import Size
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
    from com.sun.star.lang import DisposedException
    from com.sun.star.text.TextContentAnchorType import AS_CHARACTER
    from com.sun.star.uno import Exception as UnoException
    from com.sun.star.uno import RuntimeException as UnoRuntimeException
except ImportError:
    print(json.dumps({"error": "missing", "detail": "no uno module"}), flush=True)
    sys.exit(3)

# Word-processing formats a referrer's form can arrive in. Anything else LibreOffice would
# happily open (plain text, HTML that may fetch remote images) is refused: random bytes named
# .doc are detected as text and must end as "damaged", not as a document of gibberish.
WRITER_TYPES = frozenset(
    {
        "writer_MS_Word_97",
        "writer_MS_Word_95",
        "writer_MS_WinWord_60",
        "writer_MS_Word_2007",
        "writer_OOXML",
        "writer_Rich_Text_Format",
        "writer8",
    }
)
NEVER_EXECUTE = 0  # com.sun.star.document.MacroExecMode: no macros, ever
NO_UPDATE = 0  # com.sun.star.document.UpdateDocMode: never fetch linked content
FIELD = "vnd.oasis.opendocument.field."
EN_SPACE = "\u2002"  # Word fills an empty text form field with five of these
RENAMED = re.compile(r"[ _]Copy[ _]\d+$")
CONTROLS = {"FORMTEXT": "TextField", "FORMCHECKBOX": "CheckBox", "FORMDROPDOWN": "ListBox"}


class Lost(Exception):
    """LibreOffice stopped (crashed or was killed): the caller starts a fresh one."""


def prop(name: str, value: object) -> PropertyValue:
    return PropertyValue(Name=name, Value=value)


def start_office(soffice: str, pipe: str, profile_url: str) -> subprocess.Popen:
    """soffice in this process group, so the service's kill of the group reaches it too."""
    command = [
        soffice,
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nodefault",
        "--nofirststartwizard",
        "--nocrashreport",
        "--nolockcheck",
        f"-env:UserInstallation={profile_url}",
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ]
    devnull = subprocess.DEVNULL
    return subprocess.Popen(command, stdin=devnull, stdout=devnull, stderr=devnull)


def connect(office: subprocess.Popen, pipe: str, deadline: float) -> object:
    """The office's component context, once it listens on the pipe (it takes a second or two)."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if office.poll() is not None:
                raise Lost(f"soffice exited with status {office.returncode}") from None
            if time.monotonic() > deadline:
                raise Lost("soffice did not listen in time") from None
            time.sleep(0.05)


class Office:
    """One connected LibreOffice, converting one file at a time."""

    def __init__(self, process: subprocess.Popen, context: object) -> None:
        self.process = process
        manager = context.ServiceManager
        self.desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        self.detection = manager.createInstanceWithContext(
            "com.sun.star.document.TypeDetection", context
        )

    def convert(self, request: dict) -> dict:
        if self.process.poll() is not None:
            raise Lost("soffice had stopped")
        try:
            return self._convert(request)
        except UnoRuntimeException as exc:  # DisposedException too: the bridge is gone
            if self.process.poll() is not None or isinstance(exc, DisposedException):
                raise Lost(exc.Message) from None
            return {"error": "unreadable", "detail": exc.Message}

    def _convert(self, request: dict) -> dict:
        source = uno.systemPathToFileUrl(request["source"])
        found, descriptor = self.detection.queryTypeByDescriptor((prop("URL", source),), True)
        if found not in WRITER_TYPES:
            return {"error": "unreadable", "detail": f"detected as {found or 'nothing'}"}
        filter_name = next((p.Value for p in descriptor if p.Name == "FilterName"), "")
        document = self._load(source, filter_name)
        if document is None:
            return {"error": "unreadable", "detail": f"{filter_name} could not load it"}
        try:
            if request.get("form_controls"):
                fieldmarks_to_controls(document)
            document.storeToURL(uno.systemPathToFileUrl(request["target"]), store_props(request))
        except UnoException as exc:
            if isinstance(exc, UnoRuntimeException):
                raise
            return {"error": "export", "detail": exc.Message}
        finally:
            document.close(True)
        return {"ok": True}

    def _load(self, url: str, filter_name: str) -> object | None:
        load = (
            prop("Hidden", True),
            prop("ReadOnly", True),
            prop("MacroExecutionMode", NEVER_EXECUTE),
            prop("UpdateDocMode", NO_UPDATE),
            prop("FilterName", filter_name),
        )
        try:
            return self.desktop.loadComponentFromURL(url, "_blank", 0, load)
        except UnoException as exc:
            if isinstance(exc, UnoRuntimeException):
                raise
            return None

    def stop(self) -> None:
        """Close LibreOffice cleanly; the service kills what is left of the process group."""
        with contextlib.suppress(UnoException, subprocess.TimeoutExpired):
            self.desktop.terminate()
            self.process.wait(timeout=10)


def store_props(request: dict) -> tuple:
    props = [prop("FilterName", request["filter"]), prop("Overwrite", True)]
    data = request.get("filter_data") or {}
    if data:
        values = tuple(prop(name, value) for name, value in data.items())
        props.append(prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", values)))
    return tuple(props)


def fieldmarks_to_controls(document: object) -> None:
    """Word's legacy form fields (FORMTEXT, FORMCHECKBOX, FORMDROPDOWN) become form controls of
    the same name and value: LibreOffice's PDF export makes AcroForm fields from controls
    only, and shows a field mark as plain text."""
    for mark, bookmark in list(field_marks(document.getText())):
        kind = mark.getFieldType().removeprefix(FIELD)
        if kind in CONTROLS:
            replace_with_control(document, mark, kind, field_name(mark.getName(), bookmark))


def field_marks(text: object) -> Iterator[tuple[object, str | None]]:
    """Each field mark in paragraphs and (nested) table cells, with the name of a bookmark that
    starts right before it (Word keeps a form field's name as such a bookmark too)."""
    paragraphs = text.createEnumeration()
    while paragraphs.hasMoreElements():
        block = paragraphs.nextElement()
        if block.supportsService("com.sun.star.text.TextTable"):
            for cell in block.getCellNames():
                yield from field_marks(block.getCellByName(cell).getText())
            continue
        bookmark = None
        runs = block.createEnumeration()
        while runs.hasMoreElements():
            portion = runs.nextElement()
            kind = portion.TextPortionType
            if kind in ("TextFieldStart", "TextFieldStartEnd"):
                yield portion.Bookmark, bookmark
            is_start = kind == "Bookmark" and portion.IsStart
            bookmark = portion.Bookmark.getName() if is_start else None


def field_name(own: str, bookmark: str | None) -> str:
    """The name Word gave the field. LibreOffice 7.4 loses a check box's own name on import
    ("__Fieldmark__12_345") and renames whichever of field and bookmark comes second
    ("Surname Copy 1", or "Surname_Copy_1" after its own .doc export)."""
    names = [name for name in (own, bookmark) if name and not name.startswith("__Fieldmark__")]
    plain = [name for name in names if not RENAMED.search(name)]
    return (plain or names or [own])[0]


def replace_with_control(document: object, mark: object, kind: str, name: str) -> None:
    anchor = mark.getAnchor()
    text = anchor.getText()
    parameters = mark.getParameters()
    values = {key: parameters.getByName(key) for key in parameters.getElementNames()}
    shown = anchor.getString().strip(EN_SPACE + " ")
    cursor = text.createTextCursorByRange(anchor)
    text.removeTextContent(mark)
    cursor.setString("")
    model = document.createInstance(f"com.sun.star.form.component.{CONTROLS[kind]}")
    size = fill_control(model, kind, values, shown)
    shape = document.createInstance("com.sun.star.drawing.ControlShape")
    shape.setSize(size)
    shape.AnchorType = AS_CHARACTER
    shape.setControl(model)
    text.insertTextContent(cursor, shape, False)
    model.Name = name  # after insertion: inserting renames it "Text Box 1"


def fill_control(model: object, kind: str, values: dict, shown: str) -> Size:
    """Set the control's value from the field mark; its size in 1/100 mm."""
    if kind == "FORMCHECKBOX":
        model.DefaultState = int(bool(values.get("Checkbox_Checked")))
        return Size(450, 450)
    if kind == "FORMDROPDOWN":
        entries = tuple(values.get("Dropdown_ListEntry") or ())
        model.Dropdown = True
        model.StringItemList = entries
        selected = values.get("Dropdown_Selected", 0) if entries else None
        if selected is not None:
            selection = uno.Any("[]short", (selected,))
            uno.invoke(model, "setPropertyValue", ("DefaultSelection", selection))
        return Size(max(3000, 220 * max(map(len, entries), default=0)), 550)
    model.DefaultText = shown
    return Size(max(3000, 220 * len(shown)), 550)


def answer(reply: dict) -> None:
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()


def serve(office: Office) -> None:
    """One request per line until "quit" or end of input (the service went away)."""
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("quit"):
            break
        try:
            answer(office.convert(request))
        except Lost as exc:
            answer({"error": "lost", "detail": str(exc)})
            return  # the service kills the process group and starts afresh
    office.stop()


def die_with_the_service(sockets: list[str]) -> None:
    """If the service dies, even by SIGKILL in the middle of a conversion, take soffice with
    this helper: nothing may outlive it (an orphan would be re-parented, so its parent changes)."""
    service = os.getppid()

    def watch() -> None:
        while os.getppid() == service:
            time.sleep(0.5)
        for socket in sockets:  # a killed soffice leaves them behind
            with contextlib.suppress(OSError):
                os.unlink(socket)
        os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, daemon=True).start()


def main() -> None:
    soffice, pipe, profile_url, start_seconds, *sockets = sys.argv[1:]
    os.umask(0o077)  # the profile, the pipe and every output file: this user only
    die_with_the_service(sockets)
    process = start_office(soffice, pipe, profile_url)
    try:
        context = connect(process, pipe, time.monotonic() + float(start_seconds))
    except Lost as exc:
        answer({"error": "start", "detail": str(exc)})
        return
    answer({"ready": True})
    serve(Office(process, context))


if __name__ == "__main__":
    main()
