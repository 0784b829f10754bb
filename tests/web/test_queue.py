"""The SPOC's triage queue and quarantine tab, over e-mails received through the real pipeline."""

from __future__ import annotations

import re
from datetime import date, timedelta

from intake.schema import Stage
from tests.web.conftest import AREA, csrf_token, sign_in
from tests.web.triage_fixtures import (
    audit_events,
    copies,
    outbox,
    received,
    set_columns,
    submission,
)

UNTRUSTED = "someone@mail.example"


def listed(page: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-submission="(\d+)"', page)]


def spoc(client, make_account):
    account = make_account("spoc")
    sign_in(client, account)
    return account


def test_queue_is_ordered_by_deadline_with_overdue_items_first_and_tagged(
    client, service, make_account
):
    mappa_a, form_g, pdp = received(service, "mappa_a", "form_g", "pdp")
    set_columns(service, pdp, due=date.today() - timedelta(days=3))
    set_columns(service, mappa_a, due=None)
    spoc(client, make_account)
    page = client.get("/queue").get_data(as_text=True)
    assert listed(page) == [pdp, form_g, mappa_a]
    assert page.count("Overdue</strong>") == 1
    assert "Overdue" in page.split(f'data-submission="{pdp}"')[1].split("</tr>")[0]
    for pk in (mappa_a, form_g, pdp):
        row = page.split(f'data-submission="{pk}"')[1].split("</tr>")[0]
        issues = submission(service, pk).issues or []
        warnings = sum(1 for issue in issues if issue["severity"] == "warning")
        if warnings:
            assert f"{warnings} warning" in row
    assert submission(service, form_g).subject_name in page


def test_queue_filters_by_form_status_area_and_overdue(client, service, make_account):
    mappa_a, form_g, pdp = received(service, "mappa_a", "form_g", "pdp")
    set_columns(service, form_g, due=date.today() - timedelta(days=1))
    set_columns(service, pdp, stage=Stage.RETURNED)
    spoc(client, make_account)
    assert listed(client.get("/queue?form=form_g").get_data(as_text=True)) == [form_g]
    assert listed(client.get("/queue?overdue=1").get_data(as_text=True)) == [form_g]
    assert listed(client.get("/queue?stage=returned").get_data(as_text=True)) == [pdp]
    assert sorted(listed(client.get("/queue?stage=all").get_data(as_text=True))) == [
        mappa_a,
        form_g,
        pdp,
    ]
    # the area filter follows each submission's proposed route
    in_area = listed(client.get(f"/queue?area={AREA}").get_data(as_text=True))
    proposed = {
        pk: (submission(service, pk).proposed_route or {}).get("area") for pk in (mappa_a, form_g)
    }
    assert sorted(in_area) == sorted(pk for pk, area in proposed.items() if area == AREA)
    assert form_g in in_area
    assert listed(client.get("/queue?stage=nonsense").get_data(as_text=True)) == [
        form_g,
        mappa_a,
    ]


def test_search_finds_a_person_by_name_and_by_identifier(client, service, make_account):
    mappa_a, form_g = received(service, "mappa_a", "form_g")
    spoc(client, make_account)
    item = submission(service, mappa_a)
    first, *_, last = item.subject_name.split()
    assert listed(client.get("/queue", query_string={"q": last.upper()}).get_data(True)) == [
        mappa_a
    ]
    joined = f"{first}{last}".lower()
    assert listed(client.get("/queue", query_string={"q": joined}).get_data(True)) == [mappa_a]
    pnc = submission(service, form_g).record["ids"]["pnc"]
    assert listed(client.get("/queue", query_string={"q": pnc.upper()}).get_data(True)) == [form_g]
    assert listed(client.get("/queue", query_string={"q": "%"}).get_data(True)) == []
    assert (
        listed(client.get("/queue", query_string={"q": "nobody-called-this"}).get_data(True)) == []
    )


def test_queue_pages_hold_25_items(client, service, make_account):
    (pk,) = received(service, "form_g")
    copies(service, pk, 29)
    spoc(client, make_account)
    first = client.get("/queue").get_data(as_text=True)
    assert len(listed(first)) == 25 and "30 items, page 1 of 2" in first
    assert "govuk-pagination" in first and "page=2" in first
    second = client.get("/queue?page=2").get_data(as_text=True)
    assert len(listed(second)) == 5
    assert not set(listed(first)) & set(listed(second))
    assert len(listed(client.get("/queue?page=99").get_data(as_text=True))) == 5


def test_the_auditor_sees_the_queue_without_actions_and_others_are_refused(
    client, service, make_account
):
    (pk,) = received(service, "pdp", sender=UNTRUSTED)
    sign_in(client, make_account("auditor"))
    page = client.get("/queue/quarantine").get_data(as_text=True)
    assert listed(page) == [pk] and "Release" not in page
    token = csrf_token(client, "/queue")
    refused = client.post(f"/queue/quarantine/{pk}/release", data={"csrf_token": token})
    assert refused.status_code == 403
    for role, kwargs in (("administrator", {"area": AREA}), ("sysadmin", {})):
        other = client.application.test_client()
        sign_in(other, make_account(role, **kwargs))
        assert other.get("/queue").status_code == 403


def test_a_spoc_of_another_mailbox_sees_none_of_these(client, service, make_account):
    received(service, "form_g")
    sign_in(client, make_account("spoc", email="spoc@other.test", mailbox="imap://other.test/"))
    assert listed(client.get("/queue").get_data(as_text=True)) == []


def test_release_from_quarantine_is_the_spocs_deliberate_act(client, service, make_account):
    (pk,) = received(service, "pdp", sender=UNTRUSTED)
    account = spoc(client, make_account)
    assert listed(client.get("/queue").get_data(as_text=True)) == []
    page = client.get("/queue/quarantine").get_data(as_text=True)
    assert listed(page) == [pk] and "Release" in page
    before = len(outbox(service))
    response = client.post(
        f"/queue/quarantine/{pk}/release", data={"csrf_token": csrf_token(client, "/queue")}
    )
    assert response.status_code == 302
    assert submission(service, pk).stage == Stage.TRIAGE
    assert listed(client.get("/queue").get_data(as_text=True)) == [pk]
    (event,) = audit_events(service, "release")
    assert event.actor == account.email and event.submission_pk == pk
    assert len(outbox(service)) == before  # releasing routes and acknowledges nothing
    again = client.post(
        f"/queue/quarantine/{pk}/release",
        data={"csrf_token": csrf_token(client, "/queue")},
        follow_redirects=True,
    )
    assert "cannot be released: it is waiting for triage" in again.get_data(as_text=True)


def test_reject_from_quarantine_needs_a_reason(client, service, make_account):
    (pk,) = received(service, "pdp", sender=UNTRUSTED)
    spoc(client, make_account)
    path = f"/queue/quarantine/{pk}/reject"
    token = csrf_token(client, path)
    missing = client.post(path, data={"csrf_token": token, "reason": "  "})
    assert missing.status_code == 400
    assert "Enter the reason for rejecting it" in missing.get_data(as_text=True)
    assert submission(service, pk).stage == Stage.QUARANTINE
    done = client.post(path, data={"csrf_token": token, "reason": "Spam from an unknown sender"})
    assert done.status_code == 302
    item = submission(service, pk)
    assert item.stage == Stage.REJECTED and item.closed_at is not None
    (event,) = audit_events(service, "reject")
    assert event.detail["reason"] == "Spam from an unknown sender"
