"""Form G's own rules (FORMS.md §3.3): category, sentence branch, checklist, and their checks."""

from __future__ import annotations

import re
from datetime import date

from parsers.answers import AMBIGUOUS
from parsers.categories import pair_answer, settle_category
from parsers.checks import (
    age_on,
    check_birth,
    check_dates,
    check_ethnicity,
    check_order,
    missing,
    no_fixed_abode,
    postcode_from_address,
    read_fields,
)
from parsers.dates import read_date
from parsers.draft import Context
from parsers.forms.checklist import OUTCOMES
from parsers.locate import Answer
from parsers.shared_ids import settle_identifiers
from parsers.text import clean_text

DONE = (
    "offender.dob",
    "sentence.date",
    "transfer.date",
    "date_sent",
    "checklist.date",
    "checklist.offender.dob",
    "checklist.sentence.date",
    "checklist.date_sent_to_spoc",
    "checklist.spoc_forward_date",
    "checklist.screening.date",
)
UPCOMING = ("transfer.next_tribunal", "order.next_tribunal", "checklist.order.next_tribunal")
BRANCHES = {
    "transfer": (
        "transfer.date",
        "transfer.from_establishment",
        "transfer.length",
        "transfer.licence_end",
        "transfer.offender_manager",
        "transfer.next_tribunal",
    ),
    "hospital_order": (
        "order.type",
        "order.time_limited",
        "order.restriction_order",
        "order.next_tribunal",
    ),
}
EXPIRY = re.compile(r"expiry\s+date\s+of\s+order\s*:?", re.IGNORECASE)


def finish(ctx: Context) -> None:
    read_fields(ctx)
    settle_identifiers(ctx)
    settle_category(ctx, "category", {1: "_category_1", 2: "_category_2"}, "_category", {1, 2})
    no_fixed_abode(ctx, "offender.current_address")
    postcode_from_address(ctx, "offender.current_postcode", "offender.current_address")
    postcode_from_address(ctx, "notifier.postcode", "notifier.address")
    settle_sentence_type(ctx)
    has_form = any(
        ctx.draft.get(f.key) is not None
        for f in ctx.spec.fields
        if f.part == "" and not f.key.startswith("_")
    )
    has_checklist = has_checklist_part(ctx)
    if has_checklist:
        finish_checklist(ctx)
    if has_form or not has_checklist:
        check_needs_of_form(ctx)
    else:
        ctx.issues.add(
            None,
            "warning",
            "form_g_missing",
            "This is the Appendix C checklist without its Form G: ask the referrer for the Form G.",
        )
    if not has_checklist:
        ctx.issues.add(
            "checklist",
            "info",
            "checklist_missing",
            "The Appendix C checklist did not come with this Form G.",
        )
        for key in [k for k in ctx.draft.values if k.startswith("checklist.")]:
            del ctx.draft.values[key]
        ctx.draft.values["checklist"] = None
    check_dates(ctx, DONE, UPCOMING)
    for key in ("offender.dob", "checklist.offender.dob"):
        check_birth(ctx, key)
    check_ethnicity(ctx, "offender.ethnicity")
    check_order(ctx, "offender.dob", "sentence.date")
    check_order(ctx, "sentence.date", "transfer.date")
    check_contact_index(ctx)


def check_needs_of_form(ctx: Context) -> None:
    for field in ctx.spec.fields:
        if field.part == "" and not field.key.startswith("_"):
            missing(ctx, field.key)


def settle_sentence_type(ctx: Context) -> None:
    """Branch A or B: the one filled in, else the one whose heading the referrer kept. A
    branch is filled by a value: "N/A" or a Yes/No left as printed says it does not apply."""
    filled = [b for b, keys in BRANCHES.items() if any(ctx.draft.get(k) is not None for k in keys)]
    seen = set(ctx.located.sections_seen)
    if len(filled) == 2:
        ctx.issues.add(
            "sentence.type",
            "warning",
            "sentence_type_both",
            "Both sentence types (A: transfer from prison and B: hospital order) are "
            "filled in: please check which applies.",
        )
        ctx.draft.set("sentence.type", None)
        return
    if not filled and ("transfer" in seen) != ("order" in seen):
        filled = ["transfer" if "transfer" in seen else "hospital_order"]
    branch = filled[0] if filled else None
    ctx.draft.set(
        "sentence.type", branch, ctx.draft.provenance.get(BRANCHES[branch][0]) if branch else None
    )
    if branch is None:
        return
    other = "hospital_order" if branch == "transfer" else "transfer"
    for key in BRANCHES[other]:  # pairs in the branch not in use: null, no issue
        ctx.issues.discard(key, "choice_ambiguous")
    needs = {
        "transfer": ("transfer.date", "transfer.from_establishment", "transfer.length"),
        "hospital_order": ("order.type", "order.restriction_order"),
    }[branch]
    for key in needs:
        missing(ctx, key, "missing_expected", f"{ctx.field(key).name} is blank.")


def has_checklist_part(ctx: Context) -> bool:
    checklist_sections = {s.name for s in ctx.spec.sections if s.part == "checklist"}
    if checklist_sections & set(ctx.located.sections_seen):
        return True
    return any(key.startswith(("checklist.", "_checklist")) for key in ctx.located.answers)


def finish_checklist(ctx: Context) -> None:
    settle_category(
        ctx,
        "checklist.category",
        {n: f"_checklist_category_{n}" for n in (1, 2, 3)},
        None,
        {1, 2, 3},
    )
    read_time_limited(ctx)
    if ctx.draft.get("checklist.disclosure.discussed") is False:
        missing(
            ctx,
            "checklist.disclosure.not_discussed_reason",
            "reason_missing",
            "The reason for not discussing the MAPPA notification with the service user is blank.",
        )
    read_outcomes(ctx)
    for key in (
        "checklist.offender.full_name",
        "checklist.disclosure.discussed",
        "checklist.date_sent_to_spoc",
    ):
        missing(ctx, key)
    compare_with_form(ctx)


def read_time_limited(ctx: Context) -> None:
    """ "Time limited: Yes/No expiry date of order:" holds a pair and a date on one row."""
    answer = ctx.answer("checklist.order.time_limited")
    if answer is None or not answer.text.strip():
        return
    text = answer.text
    cut = EXPIRY.search(text)
    pair_part = answer.lines[0].before(cut.start()) if cut and len(answer.lines) == 1 else None
    if pair_part is not None:
        answer = Answer(answer.field, [pair_part], answer.where)
    choice = pair_answer(answer)
    if choice is AMBIGUOUS:
        ctx.reader.ambiguous(ctx.field("checklist.order.time_limited"), text)
    elif choice in ("yes", "no"):
        ctx.draft.set("checklist.order.time_limited", choice == "yes", answer.where)
    if cut and (expiry := clean_text(text[cut.end() :])):
        reading = read_date(expiry, ctx.today)
        if reading.value:
            ctx.draft.set("checklist.order.expiry", reading.value, answer.where)


def read_outcomes(ctx: Context) -> None:
    chosen = []
    for outcome, _ in OUTCOMES:
        heading = ctx.answer(f"_outcome_{outcome}")
        rationale_key = f"checklist.screening.{outcome}_rationale"
        detail = clean_text(heading.text) if heading else None
        mark = detail and re.fullmatch(r"[☒☑✓✔xX■●]|yes", detail.strip(), re.IGNORECASE)
        if outcome == "other" and detail and not mark:
            rationale = ctx.draft.get(rationale_key)
            joined = "\n".join(t for t in (detail.lstrip("☒☑✓✔ "), rationale) if t)
            ctx.draft.set(rationale_key, joined or None, heading.where)
        if mark or (detail and outcome == "other") or ctx.draft.get(rationale_key):
            chosen.append(outcome)
    ctx.draft.set(
        "checklist.screening.outcomes",
        chosen or None,
        ctx.draft.provenance.get(f"checklist.screening.{chosen[0]}_rationale") if chosen else None,
    )


def compare_with_form(ctx: Context) -> None:
    for key in ("offender.dob", "category", "sentence.date"):
        ours, theirs = ctx.draft.get(key), ctx.draft.get("checklist." + key)
        if ours is not None and theirs is not None and ours != theirs:
            ctx.issues.add(
                key,
                "warning",
                "checklist_mismatch",
                f"Form G gives {shown(ours)} but its checklist gives {shown(theirs)}.",
            )
    family, full = (
        ctx.draft.get("offender.family_name"),
        ctx.draft.get("checklist.offender.full_name"),
    )
    if family and full and family.lower() not in full.lower():
        ctx.issues.add(
            "offender.family_name",
            "warning",
            "checklist_mismatch",
            f"The family name '{family}' does not appear in the checklist's name '{full}'.",
        )


def shown(value: object) -> str:
    return f"{value:%d/%m/%Y}" if isinstance(value, date) else str(value)


def check_contact_index(ctx: Context) -> None:
    born = ctx.draft.get("offender.dob")
    if (
        ctx.draft.get("ids.contact_index")
        and isinstance(born, date)
        and age_on(born, ctx.today) >= 16
    ):
        ctx.issues.add(
            "ids.contact_index",
            "info",
            "contact_index_over_16",
            "A contact index number is given for someone aged 16 or over.",
        )
