"""The SPOC's and the administrator's journeys in a real browser: an e-mail arrives, the SPOC
(first sign-in: a new password) finds it in the queue, corrects a field with a reason, accepts
and routes it; the administrator of that locality records a decision; the SPOC sees it decided.
Pages are found by their labels and roles, as a person finds them."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import Page, expect
from sqlalchemy import select

from intake.accounts import Scope, add_user
from intake.first_run import DEMO_SPOC, first_run
from intake.schema import AuditEvent, Decision, Stage, Submission
from tests.web.browser.conftest import screenshot, sign_in, sign_out, wait_for_document
from tests.web.conftest import AREA, receive
from tests.web.mail import referral_email

LOCALITY = "West Cornwall"  # where the Form G of seed 1 lives (its postcode is in TR)
NEW_PASSWORD = "a-long-new-password-for-spoc"
CORRECTED = "Needs an interpreter at meetings"


def test_spoc_and_administrator_journey(service, make_account, page: Page, watched):
    raw, truth = referral_email("form_g_with_checklist", seed=1, subject="Form G for triage")
    receive(service, raw)
    name = f"{truth['offender.first_name']} {truth['offender.family_name']}"
    with service.sessions.begin() as session:
        one_time = add_user(
            session, "spoc.journey@mappa.test", "Sam Spoc", "spoc", Scope(), "tests"
        )
    administrator = make_account("administrator", area=AREA, locality=LOCALITY)

    # First sign-in with the one-time password: a new password is asked for at once.
    sign_in(page, "spoc.journey@mappa.test", one_time)
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    screenshot(page, "change-password")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Type the new password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save password").click()
    expect(page.get_by_text("Your password has been changed.")).to_be_visible()

    # The triage queue, where the referral waits.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Triage queue").click()
    row = page.get_by_role("row").filter(has_text=name)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Form G")
    row.get_by_role("link", name=name).click()

    # The submission: the original document beside the fields.
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Original document")).to_be_visible()
    expect(page.locator("#document-viewer")).to_be_visible()
    wait_for_document(page)
    pk = int(re.search(r"/submissions/(\d+)", page.url).group(1))

    # Correct a field, with the reason.
    page.get_by_role("link", name="Change Disability/diversity considerations").click()
    expect(page.get_by_role("heading", name="Correct a field")).to_be_visible()
    page.get_by_label("New value").fill(CORRECTED)
    page.get_by_label("Why are you changing it?").fill("The referrer confirmed it by phone.")
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_text("corrected.")).to_be_visible()
    field = page.get_by_role("row").filter(has_text="Disability/diversity considerations")
    expect(field).to_contain_text(CORRECTED)

    # Accept and route, as proposed.
    page.get_by_role("link", name="Accept and route").click()
    expect(page.get_by_label("Area")).to_have_value(AREA)
    expect(page.get_by_label("Locality")).to_have_value(LOCALITY)
    page.get_by_role("button", name="Accept and route").click()
    expect(page.locator("#stage")).to_have_text(re.compile("Routed", re.IGNORECASE))
    sign_out(page)

    # The administrator of that locality decides.
    sign_in(page, administrator.email, administrator.password)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Referrals to decide"
    ).click()
    page.get_by_role("row").filter(has_text=name).get_by_role("link").first.click()
    meeting = date.today() + timedelta(days=21)
    page.get_by_label("Accepted", exact=True).check()
    page.get_by_label("Level 2").check()
    page.get_by_label("Day").fill(str(meeting.day))
    page.get_by_label("Month").fill(str(meeting.month))
    page.get_by_label("Year").fill(str(meeting.year))
    screenshot(page, "decision-form")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text(meeting.strftime("%d/%m/%Y"))).to_be_visible()
    sign_out(page)

    # The SPOC sees it decided.
    sign_in(page, "spoc.journey@mappa.test", NEW_PASSWORD)
    page.goto(f"/submissions/{pk}")
    expect(page.locator("#stage")).to_have_text(re.compile("Decided", re.IGNORECASE))

    with service.sessions() as session:
        submission = session.get(Submission, pk)
        decision = session.scalar(select(Decision).where(Decision.submission_pk == pk))
        actions = set(
            session.scalars(select(AuditEvent.action).where(AuditEvent.submission_pk == pk))
        )
        assert submission.stage == Stage.DECIDED
        assert submission.route_locality == LOCALITY
        assert submission.record["offender"]["diversity"] == CORRECTED
        assert (decision.outcome, decision.level, decision.meeting_date) == ("accepted", 2, meeting)
    assert "view" in actions and len(actions) >= 4, actions
    assert watched.errors == [] and watched.dialogs == []


def test_a_new_installation_shows_the_demo_spoc_a_queue_at_once(service, page: Page, watched):
    made = first_run(service)
    receive(service)  # the watcher's first pass over the sample e-mails
    spoc = next(account for account in made.accounts if account.email == DEMO_SPOC)

    sign_in(page, spoc.email, spoc.password)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Type the new password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save password").click()
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Triage queue").click()

    expect(page.locator("#queue-count")).to_have_text(re.compile(r"^3 items"))
    for form in ("MAPPA A", "Form G", "PDP"):
        expect(page.get_by_role("row").filter(has_text=form)).not_to_have_count(0)
    screenshot(page, "demo-queue")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Quarantine").click()
    expect(page.locator("#queue-count")).to_have_text(re.compile(r"^1 item"))
    expect(page.locator("tbody tr").filter(has_text="Form G")).to_have_count(1)
    assert watched.errors == []
