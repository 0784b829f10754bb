"""Filled forms from the generator (known truth), e-mailed as referrers do."""

from __future__ import annotations

import random
from typing import Any

from tests.forms import KINDS, sample
from tests.support.mail import email_bytes

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TRUSTED_SENDER = "referrer@devon-partnership.nhs.uk"


def filled_form(
    kind: str = "mappa_a", seed: int = 1, layout: str = "table"
) -> tuple[str, bytes, dict[str, Any]]:
    """(file name, .docx bytes, truth) of one generated form of `kind` (see tests.forms.KINDS)."""
    _, forms, form_type = next(k for k in KINDS if k[0] == kind)
    made = sample(random.Random(seed), seed, layout, kind, forms, form_type, converter=None)  # type: ignore[arg-type]
    return made.name, made.data, made.truth


def referral_email(
    kind: str = "mappa_a", seed: int = 1, sender: str = TRUSTED_SENDER, subject: str | None = None
) -> tuple[bytes, dict[str, Any]]:
    """An e-mail carrying one filled form, and the truth of what was written in it."""
    name, data, truth = filled_form(kind, seed)
    raw = email_bytes(
        sender=sender, subject=subject or f"MAPPA referral {seed}", attachments=[(name, data, DOCX)]
    )
    return raw, truth
