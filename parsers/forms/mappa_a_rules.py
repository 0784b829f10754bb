"""MAPPA A's own rules (FORMS.md §3.2): level, category, addresses, dates table, hospital."""

from __future__ import annotations

import re

from parsers.answers import AMBIGUOUS, read_ints, read_pair
from parsers.categories import settle_category
from parsers.checks import (
    check_birth,
    check_dates,
    check_ethnicity,
    check_needs,
    missing,
    no_fixed_abode,
    postcode_from_address,
    read_fields,
)
from parsers.dates import read_date
from parsers.draft import Context
from parsers.interpret import DATE_MESSAGES, merge
from parsers.issues import quote
from parsers.shared_ids import settle_identifiers
from parsers.text import clean_text, is_not_known

HOSPITAL_KEYS = (
    "hospital.name",
    "hospital.responsible_clinician",
    "order.type",
    "order.time_limited",
    "order.restriction_order",
    "order.next_tribunal",
)
LABEL_THEN_DATE = re.compile(r"^(?P<label>[^:\d]+?)\s*[:\-–]\s*(?P<date>.*)$", re.S)


def finish(ctx: Context) -> None:
    read_fields(ctx)
    settle_identifiers(ctx)
    settle_level(ctx)
    settle_category(
        ctx, "category", {n: f"_category_{n}" for n in (1, 2, 3, 4)}, "_category", {1, 2, 3, 4}
    )
    if ctx.draft.get("category") == 4:
        ctx.issues.add(
            "category",
            "warning",
            "category_4",
            "Category 4 (terrorism) cases may not belong in the local queue.",
        )
    if no_fixed_abode(ctx, "offender.current_address"):
        ctx.draft.set("offender.nfa", True, ctx.answer("offender.current_address").where)
    postcode_from_address(ctx, "offender.current_postcode", "offender.current_address")
    postcode_from_address(
        ctx, "offender.proposed_release_postcode", "offender.proposed_release_address"
    )
    if ctx.draft.get("offender.nfa") is True:
        missing(
            ctx,
            "offender.closest_link_area",
            "closest_link_missing",
            "The offender has no fixed abode but the area of closest links is blank.",
        )
    if ctx.draft.get("hospital.detained") is None and any(
        ctx.draft.get(key) is not None for key in HOSPITAL_KEYS
    ):
        ctx.draft.set("hospital.detained", True, ctx.draft.provenance.get("hospital.name"))
    if ctx.draft.get("disclosure.offender_informed") is False:
        missing(
            ctx,
            "disclosure.not_informed_reason",
            "reason_missing",
            "The offender has not been informed of the referral and the reason is blank.",
        )
    settle_dates(ctx)
    check_needs(ctx)
    check_dates(
        ctx, ("referral_date", "authorised_by.date", "offender.dob"), ("order.next_tribunal",)
    )
    check_birth(ctx, "offender.dob")
    check_ethnicity(ctx, "offender.ethnicity")


def settle_level(ctx: Context) -> None:
    answer = ctx.answer("level_referred")
    text = clean_text(answer.text) if answer else None
    if not text or is_not_known(text):
        missing(ctx, "level_referred", "missing_required", "The level being referred to is blank.")
        return
    levels = read_ints(text)
    if len(levels) > 1:
        pair = read_pair(merge(answer.lines), ("2", "3"))
        levels = [int(pair)] if pair not in (None, AMBIGUOUS) else levels
    if len(levels) == 1 and levels[0] in (2, 3):
        ctx.draft.set("level_referred", levels[0], answer.where)
        return
    ctx.draft.set("level_referred", None)
    ctx.issues.add(
        "level_referred",
        "error",
        "level_invalid",
        f"The level being referred to {quote(text)} must be exactly one of level 2 or level 3.",
    )


def settle_dates(ctx: Context) -> None:
    """Each row of the dates table: its label and its date; a row with no date is left out."""
    items = []
    for row in ctx.located.collected.get("dates", []):
        label, value = row.heading, row.text
        if label is None and (split := LABEL_THEN_DATE.match(row.text.strip())):
            label, value = split["label"], split["date"]
        label = clean_text(label or "")
        value = clean_text(value or "")
        if not label or not value or is_not_known(value):
            continue
        reading = read_date(value, ctx.today)
        if reading.code and reading.code != "date_with_note":
            ctx.issues.add(
                "dates",
                "error",
                reading.code,
                DATE_MESSAGES[reading.code].format(name=f"date '{label}'", text=quote(value)),
            )
        items.append({"label": label.rstrip(" :"), "date": reading.value})
        ctx.draft.provenance.setdefault("dates", row.where)
    ctx.draft.set("dates", items or None)
