"""What a SPOC will see for one split message: which items, and the reason each gives.

Pure: a SplitResult in, planned items out. One item per document that could be a form; when
there is none, one item saying why; the damage and the quarantine are said on every item.
"""

from __future__ import annotations

from dataclasses import dataclass

from intake.mime import SplitResult
from intake.schema import SubmissionStatus

WAITING = "Waiting to be read."
QUARANTINE_NOTE = (
    "Quarantined: the sender {sender} is not on the allowlist; a SPOC must release it."
)


@dataclass(frozen=True)
class PlannedItem:
    position: int | None  # the attachment's position; None for an item about the whole message
    status: str
    reason: str
    form: str | None = None
    damage: str | None = None  # what was wrong with the e-mail around the document


def plan_items(split: SplitResult, quarantined_sender: str | None = None) -> list[PlannedItem]:
    """The submissions one message yields; `quarantined_sender` marks an untrusted sender."""
    return [
        PlannedItem(
            item.position,
            item.status,
            with_notes(item.reason, quarantined_sender, split.damage),
            item.form,
            split.damage,
        )
        for item in _items(split)
    ]


def with_notes(reason: str, quarantined_sender: str | None, damage: str | None) -> str:
    """An item's reason as the SPOC reads it: the quarantine first, the e-mail's damage last,
    whatever the document itself said (kept when the document is read later)."""
    prefix = QUARANTINE_NOTE.format(sender=quarantined_sender) + " " if quarantined_sender else ""
    return f"{prefix}{reason}" + (f" {damage}" if damage else "")


def _items(split: SplitResult) -> list[PlannedItem]:
    if split.problem:
        return [PlannedItem(None, SubmissionStatus.UNREADABLE, split.problem)]
    items = []
    for found in split.attachments:
        if found.problem and found.might_hide_form:
            items.append(PlannedItem(found.position, SubmissionStatus.UNREADABLE, found.problem))
        elif found.could_be_form:
            items.append(PlannedItem(found.position, SubmissionStatus.NOT_PARSED, WAITING))
    return items or [PlannedItem(None, SubmissionStatus.NO_FORM, _no_form_reason(split))]


def _no_form_reason(split: SplitResult) -> str:
    if not split.attachments:
        return "No form attached: the message has no attachments."
    listed = "; ".join(
        f"{a.safe_name} ({a.content_type}, {a.size} bytes)"
        + (f": {a.problem}" if a.problem else "")
        for a in split.attachments
    )
    return f"No form attached: no Word or PDF document among the attachments ({listed})."
