"""The PDP form's own rules (FORMS.md §3.4): tick grids, likelihood, tests, consider MAPPA A."""

from __future__ import annotations

import re

from parsers.answers import read_yes_no
from parsers.categories import line_chosen
from parsers.checks import (
    check_birth,
    check_dates,
    check_ethnicity,
    check_needs,
    missing,
    postcode_from_address,
    read_fields,
)
from parsers.draft import Context
from parsers.forms.pdp import POWERS, PROVIDERS
from parsers.locate import TICK_PREFIX
from parsers.text import clean_text

CONVICTION_WORDS = re.compile(
    r"\b(convicted|convictions?|cautioned|sentenced|registered sex offender|sex offender "
    r"register|notification requirements|hospital order)\b",
    re.IGNORECASE,
)
NEGATIONS = {"no", "not", "never", "without"}
BOXES_THEN_TEXT = re.compile(r"^.*?\b(?:yes|no)\b\s*[☒☐☑✓✔■□]?\s*(?:no\s*[☒☐☑✓✔■□]?)?", re.I)


def finish(ctx: Context) -> None:
    read_fields(ctx)
    settle_providers(ctx)
    settle_powers(ctx)
    settle_likelihood(ctx)
    settle_proportional_details(ctx)
    postcode_from_address(ctx, "offender.current_postcode", "offender.current_address")
    check_needs(ctx)
    check_dates(ctx, ("offender.dob", "spoc.endorsed_date"), ())
    check_birth(ctx, "offender.dob")
    check_ethnicity(ctx, "offender.ethnicity")
    consider_mappa_a(ctx)


def settle_providers(ctx: Context) -> None:
    chosen = [key for key, _ in PROVIDERS if line_chosen(ctx.answer(f"_provider_{key}"))]
    where = next((ctx.answer(f"_provider_{k}").where for k in chosen), None)
    voluntary = ctx.answer("information_provider_other")
    cited = None
    if voluntary is not None and voluntary.text.strip():
        tick = TICK_PREFIX.match(voluntary.text)
        cited = clean_text(voluntary.text[tick.end() :] if tick else voluntary.text)
        if line_chosen(voluntary) or cited:
            chosen.append("voluntary_sector")
            where = where or voluntary.where
    ctx.draft.set("information_provider_other", cited, voluntary.where if voluntary else None)
    ctx.draft.set("information_provider", chosen or None, where)
    if not chosen:
        missing(
            ctx, "information_provider", "missing_required", "No information provider is ticked."
        )
    elif len(chosen) > 1:
        ctx.issues.add(
            "information_provider",
            "warning",
            "provider_multiple",
            "More than one information provider is ticked.",
        )
    if "voluntary_sector" in chosen and not cited:
        ctx.issues.add(
            "information_provider_other",
            "warning",
            "provider_other_missing",
            "Voluntary sector is ticked but the partner is not named.",
        )


def settle_powers(ctx: Context) -> None:
    chosen = [key for key, *_ in POWERS if line_chosen(ctx.answer(f"_power_{key}"))]
    where = next((ctx.answer(f"_power_{k}").where for k in chosen), None)
    ctx.draft.set("disclosure_powers", chosen or None, where)
    if not chosen:
        missing(
            ctx,
            "disclosure_powers",
            "missing_expected",
            "No power is cited as the basis of disclosure.",
        )
    providers = ctx.draft.get("information_provider") or []
    if "mopi_policing_purpose" in chosen and "devon_cornwall_police" not in providers:
        ctx.issues.add(
            "disclosure_powers",
            "warning",
            "mopi_not_police",
            "MoPI (Police Act 1996) is cited, but only the police can use it and "
            "Devon & Cornwall Police is not the information provider.",
        )


def settle_likelihood(ctx: Context) -> None:
    answer = ctx.answer("risk.present_likelihood")
    text = clean_text(answer.text) if answer else None
    if not text:
        missing(
            ctx,
            "risk.present_likelihood",
            "missing_expected",
            "The present likelihood of serious harm is not answered.",
        )
        return
    tick = TICK_PREFIX.match(text)
    body = clean_text(text[tick.end() :]) if tick else text
    value = read_yes_no(body) if body else None
    ctx.draft.set(
        "risk.present_likelihood", value if isinstance(value, bool) else None, answer.where
    )
    ctx.draft.set("risk.present_likelihood_details", body, answer.where)


def settle_proportional_details(ctx: Context) -> None:
    answer = ctx.answer("hr_tests.proportional")
    after = None
    if answer is not None and (cut := BOXES_THEN_TEXT.match(answer.text)):
        after = clean_text(answer.text[cut.end() :].lstrip(" :-–"))
    if after and ctx.draft.get("hr_tests.proportional_details") is None:
        ctx.draft.set("hr_tests.proportional_details", after, answer.where)
    if ctx.draft.get("hr_tests.proportional") is True:
        missing(
            ctx,
            "hr_tests.proportional_details",
            "details_missing",
            "The disclosure is said to be proportional but no details are given.",
        )


def consider_mappa_a(ctx: Context) -> None:
    """A PDP is for people without a MAPPA-qualifying conviction: a mention of one is worth a
    SPOC's second look."""
    for value in ctx.draft.values.values():
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            if isinstance(text, str) and mentions_conviction(text):
                ctx.issues.add(
                    None,
                    "warning",
                    "consider_mappa_a",
                    "The form mentions a conviction, caution or order: if it is a "
                    "MAPPA-qualifying offence, consider a MAPPA A referral instead.",
                )
                return


def mentions_conviction(text: str) -> bool:
    for match in CONVICTION_WORDS.finditer(text):
        before = re.findall(r"[\w']+", text[: match.start()].lower())[-3:]
        if not NEGATIONS & set(before):
            return True
    return False
