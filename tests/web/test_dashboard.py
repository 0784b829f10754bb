"""The dashboard shows each role its own scope: counts by stage and form, the share of
decisions in time, the overdue list, and the weekly chart as SVG with a text alternative."""

from __future__ import annotations

import re
from datetime import date, timedelta

from tests.web.conftest import AREA, sign_in
from tests.web.routed import decided, routed_referral


def figure(page: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>([^<]*)<', page)
    assert found, element_id
    return found.group(1).strip()


def stage_count(page: str, label: str) -> int:
    found = re.search(rf">{label}</th>\s*<td[^>]*>(\d+)<", page)
    return int(found.group(1)) if found else 0


def test_each_role_sees_the_figures_of_its_own_scope(service, app, make_account):
    in_time = routed_referral(service, seed=21, locality="Plymouth")
    decided(service, in_time)
    late = routed_referral(
        service, seed=22, locality="Plymouth", due=date.today() - timedelta(days=40)
    )
    decided(service, late)
    overdue = routed_referral(
        service, seed=23, locality="North Devon", due=date.today() - timedelta(days=5)
    )

    plymouth = app.test_client()
    sign_in(plymouth, make_account("administrator", area=AREA, locality="Plymouth"))
    page = plymouth.get("/dashboard").get_data(as_text=True)
    assert figure(page, "on-time-share") == "50%"
    assert stage_count(page, "Decided") == 2 and stage_count(page, "Waiting for a decision") == 0
    assert figure(page, "overdue-total") == "0"
    assert f"MI-{overdue:06d}" not in page

    north = app.test_client()
    sign_in(north, make_account("administrator", area=AREA, locality="North Devon"))
    page = north.get("/dashboard").get_data(as_text=True)
    assert figure(page, "on-time-share") == "No decisions yet"
    assert stage_count(page, "Waiting for a decision") == 1
    assert figure(page, "overdue-total") == "1" and f"MI-{overdue:06d}" in page

    spoc = app.test_client()
    sign_in(spoc, make_account("spoc"))
    page = spoc.get("/dashboard").get_data(as_text=True)
    assert figure(page, "on-time-share") == "50%"
    assert stage_count(page, "Decided") == 2 and stage_count(page, "Waiting for a decision") == 1
    assert re.search(r">MAPPA A</th>\s*<td[^>]*>3<", page)

    other_mailbox = app.test_client()
    sign_in(
        other_mailbox,
        make_account("spoc", email="spoc.other@mappa.test", mailbox="maildir:/elsewhere"),
    )
    page = other_mailbox.get("/dashboard").get_data(as_text=True)
    assert stage_count(page, "Decided") == 0 and figure(page, "overdue-total") == "0"


def test_the_weekly_chart_is_inline_svg_with_a_text_alternative(service, app, make_account):
    routed_referral(service, seed=24)
    client = app.test_client()
    sign_in(client, make_account("auditor"))
    response = client.get("/dashboard")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<svg" in page and 'role="img"' in page and "<desc" in page and "<title" in page
    assert 'id="weekly-table"' in page
    rows = re.findall(r'<th scope="row" class="govuk-table__header">\d\d/\d\d/\d{4}</th>', page)
    assert len(rows) == 12
    assert "1 received" in page  # this week's bar says what it shows
    assert "style=" not in page and "<style" not in page
    assert "<script" not in page.split("<svg")[1].split("</svg>")[0]


def test_sysadmin_has_no_dashboard(app, make_account):
    client = app.test_client()
    sign_in(client, make_account("sysadmin"))
    assert client.get("/dashboard").status_code == 403
