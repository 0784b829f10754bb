"""What the e-mail library's defect reports mean, in words a SPOC can pass on to a referrer."""

from __future__ import annotations

from collections.abc import Iterable

BROKEN_BASE64 = "an attachment's base64 encoding is broken, so the file may be damaged"
MEANINGS = {
    "NoBoundaryInMultipartDefect": "a multipart section declares no boundary",
    "StartBoundaryNotFoundDefect": "a multipart section's boundary never appears",
    "CloseBoundaryNotFoundDefect": "it ends before its last MIME boundary (it may be cut short)",
    "MissingHeaderBodySeparatorDefect": "a header line is malformed",
    "FirstHeaderLineIsContinuationDefect": "a header line is malformed",
    "InvalidBase64PaddingDefect": BROKEN_BASE64,
    "InvalidBase64CharactersDefect": BROKEN_BASE64,
    "InvalidBase64LengthDefect": BROKEN_BASE64,
    "InvalidMultipartContentTransferEncodingDefect": "a multipart section has an invalid encoding",
    "UndecodableBytesDefect": "some of its bytes are in no known character set",
}


def describe_defects(defects: Iterable[str]) -> str | None:
    """One sentence naming each kind of damage once, or None for an undamaged message."""
    phrases = list(dict.fromkeys(MEANINGS[d] for d in defects if d in MEANINGS))
    if not phrases:
        return None
    return f"The e-mail is malformed: {'; '.join(phrases)}."
