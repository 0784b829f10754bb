"""Writes the demo e-mails in samples/ that `mappa-intake setup` drops into a new installation's
Maildir, so that a new user sees a real triage queue at once.

    .venv/bin/python scripts/build_samples.py [--check]

The forms come from the test generator (tests/forms: invented people, .test and .example
contacts); the e-mails carry fixed dates and Message-IDs, so a rebuild gives the same bytes and
`--check` only compares with the committed files (exit 1 when they differ).
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from scripts.build_form_templates import fixed_zip  # noqa: E402
from tests.forms import KINDS, sample  # noqa: E402
from tests.support.mail import email_bytes  # noqa: E402

SAMPLES = ROOT / "samples"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# An invented NHS trust: its domain passes the sender allowlist (*.nhs.uk) but exists nowhere.
TRUSTED = "Forensic CMHT <forensic.cmht@tamar-valley-demo.nhs.uk>"
UNTRUSTED = "A Ward Manager <ward.manager@mail.example>"


class Demo(NamedTuple):
    file: str  # the .eml's name in samples/
    kind: str  # a kind of tests.forms.KINDS
    seed: int
    sender: str
    subject: str
    attachment: str  # the file name the referrer gave the form


DEMOS = (
    Demo("1-mappa-a.eml", "mappa_a", 4, TRUSTED, "MAPPA A referral", "MAPPA A referral.docx"),
    Demo(
        "2-form-g-with-checklist.eml",
        "form_g_with_checklist",
        1,
        TRUSTED,
        "Form G and Appendix C checklist",
        "Form G with Appendix C.docx",
    ),
    Demo("3-pdp.eml", "pdp", 2, TRUSTED, "PDP referral", "PDP form.docx"),
    Demo("4-untrusted-form-g.eml", "form_g", 5, UNTRUSTED, "Form G", "Form G.docx"),
)


def demo_email(demo: Demo) -> bytes:
    _, forms, form_type = next(k for k in KINDS if k[0] == demo.kind)
    made = sample(random.Random(demo.seed), demo.seed, "table", demo.kind, forms, form_type, None)  # type: ignore[arg-type]
    raw = email_bytes(
        sender=demo.sender,
        subject=demo.subject,
        attachments=[(demo.attachment, fixed_zip(made.data), DOCX)],
        message_id=f"<demo-{demo.file.removesuffix('.eml')}@mappa-intake.test>",
        body="Please find the referral form attached. (A demo: every person in it is invented.)",
    )
    # The MIME boundary is random; a fixed one keeps the file the same from build to build.
    return re.sub(rb"={15}\d+==", b"=====demo-boundary=====", raw)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    SAMPLES.mkdir(exist_ok=True)
    stale = []
    for demo in DEMOS:
        path, data = SAMPLES / demo.file, demo_email(demo)
        if check:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path.name)
        else:
            path.write_bytes(data)
    if stale:
        print("out of date: " + ", ".join(stale) + " (run scripts/build_samples.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
