"""Files packed inside other files: Outlook .msg attachments and TNEF winmail.dat."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import extract_msg
import tnefparse

from intake.mime.text import clean_text

# extract-msg logs every oddity of a broken .msg at WARNING; the stored reason says what matters.
logging.getLogger("extract_msg").setLevel(logging.ERROR)
logging.getLogger("tnefparse").setLevel(logging.ERROR)


class UnreadableContainer(Exception):
    """The container is corrupt; its own bytes are kept, its contents cannot be listed."""


def msg_contents(data: bytes) -> Iterator[tuple[str | None, str | None, bytes]]:
    """(file name, declared type, bytes) of each attachment of an Outlook .msg; embedded
    messages come out as .msg bytes so that the caller walks them the same way."""
    try:
        message = extract_msg.openMsg(data, delayAttachments=False)
    except Exception as exc:  # extract-msg raises many unrelated types on corrupt input
        raise UnreadableContainer(f"the Outlook message could not be opened ({exc})") from exc
    try:
        for attachment in message.attachments:
            payload = attachment.data
            name = clean_text(
                getattr(attachment, "longFilename", None)
                or getattr(attachment, "shortFilename", None)
            )
            if isinstance(payload, extract_msg.MSGFile):
                subject = clean_text(payload.subject) or "message"
                yield (
                    name or f"{subject}.msg",
                    "application/vnd.ms-outlook",
                    payload.exportBytes(allowBadEmbed=True),
                )
            elif isinstance(payload, bytes):
                yield name, clean_text(getattr(attachment, "mimetype", None)), payload
    except Exception as exc:
        raise UnreadableContainer(f"the Outlook message is damaged ({exc})") from exc
    finally:
        message.close()


def tnef_contents(data: bytes) -> Iterator[tuple[str | None, str | None, bytes]]:
    """(file name, declared type, bytes) of each attachment in a winmail.dat."""
    try:
        tnef = tnefparse.TNEF(data, do_checksum=False)
        codepage = tnef.codepage or "cp1252"
        found = [(_tnef_name(a, codepage), None, bytes(a.data)) for a in tnef.attachments]
    except Exception as exc:  # tnefparse raises plain ValueError/IndexError/struct.error
        raise UnreadableContainer(f"the winmail.dat could not be read ({exc})") from exc
    yield from found


def _tnef_name(attachment: tnefparse.tnef.TNEFAttachment, codepage: str) -> str | None:
    try:
        return clean_text(attachment.long_filename())
    except UnicodeDecodeError:
        # tnefparse decodes short names as UTF-8 whatever the code page Outlook declared.
        return clean_text(attachment._name.decode(codepage, "replace"))
