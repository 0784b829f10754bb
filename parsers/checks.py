"""Checks every form shares (FORMS.md §2.5 and §3): blanks, dates, ages, codes, postcodes."""

from __future__ import annotations

import re
from datetime import date

from parsers.draft import Context
from parsers.fields import Kind, Need
from parsers.identifiers import last_postcode_in
from parsers.issues import quote

ETHNICITY_CODE = re.compile(r"^[A-Za-z][A-Za-z]?\d?$")


def missing(ctx: Context, key: str, code: str | None = None, message: str | None = None) -> None:
    """A blank field: its own code where the form names one, else missing_* by its need."""
    field = ctx.spec.find(key)
    if not ctx.draft.blank(key):
        return
    if code is None and field is not None:
        if field.need is Need.OPTIONAL:
            return
        code = "missing_required" if field.need is Need.REQUIRED else "missing_expected"
    severity = "error" if code == "missing_required" else "warning"
    name = field.name if field is not None else key
    ctx.issues.add(key, severity, code, message or f"{name} is blank.")


def check_needs(ctx: Context) -> None:
    for field in ctx.spec.fields:
        if not field.key.startswith("_") and field.need is not Need.OPTIONAL:
            missing(ctx, field.key)


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def check_dates(ctx: Context, done: tuple[str, ...], upcoming: tuple[str, ...]) -> None:
    """Dates of things already done cannot be in the future; next tribunals should be ahead."""
    for key in done:
        value = ctx.draft.get(key)
        if isinstance(value, date) and value > ctx.today:
            ctx.issues.add(
                key,
                "warning",
                "date_in_future",
                f"{name_of(ctx, key)} {value:%d/%m/%Y} is in the future.",
            )
    for key in upcoming:
        value = ctx.draft.get(key)
        if isinstance(value, date) and value < ctx.today:
            ctx.issues.add(
                key,
                "info",
                "date_in_past",
                f"{name_of(ctx, key)} {value:%d/%m/%Y} has already passed.",
            )


def check_birth(ctx: Context, key: str) -> None:
    born = ctx.draft.get(key)
    if isinstance(born, date) and not 10 <= age_on(born, ctx.today) <= 100:
        ctx.issues.add(
            key,
            "warning",
            "dob_implausible",
            f"The date of birth {born:%d/%m/%Y} gives an age of "
            f"{age_on(born, ctx.today)}: please check it.",
        )


def check_ethnicity(ctx: Context, key: str) -> None:
    value = ctx.draft.get(key)
    if isinstance(value, str) and ETHNICITY_CODE.match(value.strip()):
        ctx.issues.add(
            key,
            "warning",
            "ethnicity_code",
            f"The ethnicity {quote(value)} is a code: the form asks for the ethnicity itself.",
        )


def postcode_from_address(ctx: Context, postcode_key: str, address_key: str) -> None:
    """A blank postcode box: the last valid postcode inside the address (FORMS.md §4.7)."""
    address = ctx.draft.get(address_key)
    if postcode_key in ctx.draft.written or not isinstance(address, str):
        return
    if found := last_postcode_in(address):
        ctx.draft.set(postcode_key, found, ctx.draft.provenance.get(address_key))


def no_fixed_abode(ctx: Context, key: str) -> bool:
    """ "NFA" or "No fixed abode" as the whole address is no address, and says so."""
    value = ctx.draft.get(key)
    if isinstance(value, str) and value.strip(" .").lower() in {"nfa", "no fixed abode"}:
        ctx.draft.values[key] = None
        ctx.draft.written.add(key)
        ctx.draft.provenance.pop(key, None)
        return True
    return False


def check_order(ctx: Context, earlier: str, later: str) -> None:
    first, then = ctx.draft.get(earlier), ctx.draft.get(later)
    if isinstance(first, date) and isinstance(then, date) and then < first:
        ctx.issues.add(
            later,
            "warning",
            "date_order",
            f"{name_of(ctx, later)} {then:%d/%m/%Y} is before "
            f"{name_of(ctx, earlier)} {first:%d/%m/%Y}.",
        )


def name_of(ctx: Context, key: str) -> str:
    field = ctx.spec.find(key)
    return field.name if field is not None else key


def read_fields(ctx: Context) -> None:
    """Reads every field the generic readers can; RAW and identifier cells are the forms'."""
    for field in ctx.spec.fields:
        if field.kind not in (Kind.RAW, Kind.SHARED_IDS) and not field.key.startswith("_"):
            ctx.read(field.key)
