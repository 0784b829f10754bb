"""Script in a referral never runs: payloads in every text field of the record, the subject,
the sender's display name and the file name are shown as text on every page that shows them."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from email.headerregistry import Address
from typing import Any

from playwright.sync_api import Page, expect
from sqlalchemy import select

from intake.audit import record_event
from intake.schema import Stage, Submission
from tests.support.mail import email_bytes
from tests.web.browser.conftest import sign_in, wait_for_document
from tests.web.browser.pages import LOCALITY
from tests.web.conftest import AREA, receive
from tests.web.mail import DOCX, TRUSTED_SENDER, filled_form

PAYLOADS = (
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=1">',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "{{ 7*7 }}<b>bold</b>",
)
NAME = PAYLOADS[0]


def poisoned(value: Any, payloads: itertools.cycle) -> Any:
    """Every string in a record replaced by a payload, the structure kept."""
    if isinstance(value, str):
        return next(payloads)
    if isinstance(value, dict):
        return {key: poisoned(item, payloads) for key, item in value.items()}
    if isinstance(value, list):
        return [poisoned(item, payloads) for item in value]
    return value


def hostile_referral(service, subject_suffix: str, address: str = TRUSTED_SENDER) -> int:
    _, data, _ = filled_form("form_g", 3)
    sender = str(Address(display_name=PAYLOADS[1], addr_spec=address))
    raw = email_bytes(
        sender=sender,
        subject=f"{PAYLOADS[2]} {subject_suffix}",
        attachments=[(f"{PAYLOADS[1]}.docx", data, DOCX)],
    )
    receive(service, raw)
    with service.sessions.begin() as session:
        item = session.scalars(select(Submission).order_by(Submission.id.desc())).first()
        payloads = itertools.cycle(PAYLOADS)
        item.record = poisoned(item.record, payloads)
        item.provenance = poisoned(item.provenance, payloads)
        item.issues = [{**issue, "message": next(payloads)} for issue in item.issues or []]
        item.subject_name = NAME
        item.referrer = PAYLOADS[1]
        item.search_text = NAME.lower()
        item.due = date.today() - timedelta(days=3)  # overdue: on the dashboard's list too
        return item.id


def route(service, pk: int) -> None:
    with service.sessions.begin() as session:
        item = session.get(Submission, pk)
        item.stage, item.route_area, item.route_locality = Stage.ROUTED, AREA, LOCALITY
        item.routed_to = [PAYLOADS[3]]
        item.routed_at = datetime.now(UTC)


def assert_inert(page: Page, watched) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert (
        page.locator("script:not([src])").evaluate_all(
            "scripts => scripts.filter(s => s.textContent.includes('__xss')).length"
        )
        == 0
    )
    assert page.locator("img[src=x], svg[onload]").count() == 0
    assert watched.dialogs == [], watched.dialogs
    assert watched.errors == [], watched.errors


def test_payloads_are_shown_as_text_to_the_spoc(service, make_account, page: Page, watched):
    pk = hostile_referral(service, "triage")
    account = make_account("spoc")
    sign_in(page, account.email, account.password)

    page.goto("/queue")
    expect(page.get_by_role("link", name=NAME)).to_be_visible()
    expect(page.get_by_text(PAYLOADS[1]).first).to_be_visible()
    assert_inert(page, watched)

    page.goto(f"/submissions/{pk}")
    expect(page.get_by_role("heading", name=NAME, level=1)).to_be_visible()
    for payload in PAYLOADS:
        expect(page.get_by_text(payload, exact=False).first).to_be_visible()
    email = page.locator("#email")
    expect(email.locator(".govuk-summary-list__row", has_text="From")).to_contain_text(
        "<img src=x onerror="
    )
    expect(email.locator(".govuk-summary-list__row", has_text="Subject")).to_contain_text(
        PAYLOADS[2]
    )
    expect(email.locator(".govuk-summary-list__row", has_text="Attachments")).to_contain_text(
        "img src=x"
    )
    wait_for_document(page)
    assert_inert(page, watched)

    page.goto(f"/submissions/{pk}/edit")
    expect(page.get_by_label("Field")).to_be_visible()
    assert_inert(page, watched)

    page.goto(f"/submissions/{pk}/return")
    assert_inert(page, watched)

    page.goto("/dashboard")
    expect(page.get_by_text(NAME).first).to_be_visible()
    assert_inert(page, watched)

    page.goto("/queue?q=" + NAME)
    assert_inert(page, watched)


def test_payloads_from_an_untrusted_sender_are_text_in_the_quarantine(
    service, make_account, page: Page, watched
):
    hostile_referral(service, "quarantined", address="someone@mail.example")
    account = make_account("spoc")
    sign_in(page, account.email, account.password)

    page.goto("/queue/quarantine")
    expect(page.get_by_role("link", name=NAME)).to_be_visible()
    assert_inert(page, watched)


def test_payloads_in_the_audit_trail_are_text_to_the_auditor(
    service, make_account, page: Page, watched
):
    pk = hostile_referral(service, "audited")
    with service.sessions.begin() as session:
        record_event(
            session,
            PAYLOADS[1],
            "field_edited",
            submission_pk=pk,
            detail={"field": PAYLOADS[0], "old": PAYLOADS[2], "new": PAYLOADS[1], "reason": NAME},
        )
    account = make_account("auditor")
    sign_in(page, account.email, account.password)

    page.goto("/audit")
    expect(page.get_by_text(PAYLOADS[1]).first).to_be_visible()
    assert_inert(page, watched)
    page.goto("/queue")
    expect(page.get_by_role("link", name=NAME)).to_be_visible()
    assert_inert(page, watched)


def test_payloads_are_shown_as_text_to_the_administrator(
    service, make_account, page: Page, watched
):
    pk = hostile_referral(service, "routed")
    route(service, pk)
    account = make_account("administrator", area=AREA, locality=LOCALITY)
    sign_in(page, account.email, account.password)

    page.goto("/decisions")
    expect(page.get_by_text(NAME).first).to_be_visible()
    assert_inert(page, watched)

    page.goto(f"/decisions/{pk}")
    expect(page.get_by_role("heading", name=NAME, level=1)).to_be_visible()
    expect(page.get_by_text(PAYLOADS[3]).first).to_be_visible()
    assert_inert(page, watched)

    page.goto("/dashboard")
    assert_inert(page, watched)
