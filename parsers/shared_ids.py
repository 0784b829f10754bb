"""Identifiers that share a cell, or that a referrer gave twice (FORMS.md §3.1).

Each identifier's own box wins; a shared cell ("Agency unique identifier", "Other unique
identifying number") fills the boxes left empty, and a second, different value for a box
becomes an `ids.other` item named after the box, with a warning.
"""

from __future__ import annotations

from parsers.draft import Context
from parsers.identifiers import split_identifiers
from parsers.interpret import Reading
from parsers.issues import quote
from parsers.locate import Answer

KEY_NAMES = {
    "pnc": "PNC",
    "cro": "CRO",
    "crn": "CRN",
    "prison_number": "PRISON NUMBER",
    "nino": "NINO",
    "visor_ref": "VISOR REF",
    "contact_index": "CONTACT INDEX",
}


def settle_identifiers(ctx: Context) -> None:
    others: list[dict[str, str | None]] = []
    for key in KEY_NAMES:
        for repeat in ctx.located.repeats.get(f"ids.{key}", []):
            reading = ctx.reader.read(repeat, ctx.field(f"ids.{key}"))
            offer(ctx, key, reading, repeat.text.strip(), repeat.where, others)
    answer: Answer | None = ctx.answer("ids.other")
    shared = [answer, *ctx.located.repeats.get("ids.other", [])] if answer else []
    for cell in shared:
        for item in split_identifiers(cell.text, ctx.today):
            if item.key is None:
                others.append({"type": item.type, "value": item.value})
                ctx.draft.provenance.setdefault("ids.other", cell.where)
                continue
            field = ctx.field(f"ids.{item.key}")
            reading = (
                ctx.reader.identifier(field, item.reading)
                if item.reading is not None
                else Reading(item.value, True)
            )
            offer(ctx, item.key, reading, item.value, cell.where, others)
    ctx.draft.set("ids.other", others or None)


def offer(ctx: Context, key: str, reading: Reading, written: str, where: str, others: list) -> None:
    """A value for `ids.KEY` found after the first: kept once, or moved to ids.other."""
    full_key = f"ids.{key}"
    if reading.value is None:
        return
    current = ctx.draft.get(full_key)
    if current is None:
        ctx.draft.set(full_key, reading.value, where)
    elif current != reading.value:
        others.append({"type": KEY_NAMES[key], "value": written})
        ctx.draft.provenance.setdefault("ids.other", where)
        ctx.issues.add(
            full_key,
            "warning",
            "identifier_conflict",
            f"Two different values were given for {ctx.field(full_key).name}: "
            f"{quote(str(current))} is kept and {quote(written)} is listed as "
            "another identifier.",
        )
