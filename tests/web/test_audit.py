"""The auditor's audit log: newest first, filters, pages, and CSV exports of the audit and
of the submissions that defuse spreadsheet formulas and are audited themselves."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from intake.audit import record_event
from intake.schema import AuditEvent, Submission
from tests.web.conftest import sign_in
from tests.web.routed import routed_referral


@pytest.fixture
def auditor(client, make_account):
    account = make_account("auditor")
    sign_in(client, account)
    return account


def add_event(service, actor, action, at, submission_pk=None, detail=None):
    with service.sessions.begin() as session:
        record_event(session, actor, action, submission_pk=submission_pk, detail=detail, at=at)


def rows_of(response):
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_the_audit_log_lists_events_newest_first_with_filters(service, client, auditor):
    long_ago = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    add_event(service, "old.hand@mappa.test", "edit_field", long_ago, detail={"old": "a"})
    add_event(service, "new.hand@mappa.test", "route", long_ago + timedelta(days=30))
    page = client.get("/audit").get_data(as_text=True)
    assert page.index("new.hand@mappa.test") < page.index("old.hand@mappa.test")
    assert "login" in page  # the auditor's own sign-in is there too

    only_old = client.get("/audit?actor=OLD.hand").get_data(as_text=True)
    assert "old.hand@mappa.test" in only_old and "new.hand@mappa.test" not in only_old
    by_action = client.get("/audit?action=route").get_data(as_text=True)
    assert "new.hand@mappa.test" in by_action and "old.hand@mappa.test" not in by_action
    in_january = client.get("/audit?from=2026-01-01&to=2026-01-31").get_data(as_text=True)
    assert "old.hand@mappa.test" in in_january and "new.hand@mappa.test" not in in_january
    bad = client.get("/audit?from=2026-02-31&submission=x1").get_data(as_text=True)
    assert "Enter a real date" in bad and "Enter a submission reference" in bad


def test_the_audit_log_filters_by_submission_and_pages(service, client, auditor):
    pk = routed_referral(service, seed=31)
    now = datetime.now(UTC)
    for n in range(60):
        add_event(service, f"bulk{n:02d}@mappa.test", "view", now + timedelta(seconds=n))
    page = client.get(f"/audit?submission=MI-{pk:06d}").get_data(as_text=True)
    assert "route" in page and "bulk" not in page
    first = client.get("/audit?action=view").get_data(as_text=True)
    assert "bulk59@mappa.test" in first and "bulk00@mappa.test" not in first
    assert "page=2" in first
    second = client.get("/audit?action=view&page=2").get_data(as_text=True)
    assert "bulk00@mappa.test" in second


def test_the_audit_csv_defuses_formulas_and_is_audited(service, client, auditor):
    now = datetime.now(UTC)
    add_event(service, "=cmd|' /C calc'!A0", "view", now, detail={"note": "+1"})
    add_event(service, "@evil", "view", now)
    add_event(service, "-2+3", "view", now)
    rows = rows_of(client.get("/audit/export.csv?action=view"))
    assert rows[0][:4] == ["id", "at", "actor", "action"]
    actors = {row[2] for row in rows[1:]}
    assert {"'=cmd|' /C calc'!A0", "'@evil", "'-2+3"} <= actors
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row)
    with service.sessions() as session:
        export = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "export").order_by(AuditEvent.id.desc())
        ).first()
    assert export is not None and export.actor == auditor.email
    assert export.detail["export"] == "audit" and export.detail["filters"] == {"action": "view"}
    assert export.detail["rows"] == 3


def test_the_queue_csv_has_each_submission_and_its_decision(service, client, auditor):
    pk = routed_referral(service, seed=32)
    with service.sessions.begin() as session:
        session.execute(
            update(Submission).where(Submission.id == pk).values(subject_name="=HYPERLINK(1)")
        )
    rows = rows_of(client.get("/queue/export.csv"))
    header, *items = rows
    assert header[:6] == ["reference", "id", "form", "subject", "referrer", "received"]
    assert "route_area" in header and "decision" in header
    (item,) = [row for row in items if row[1] == str(pk)]
    record = dict(zip(header, item, strict=True))
    assert record["subject"] == "'=HYPERLINK(1)"
    assert record["form"] == "mappa_a" and record["stage"] == "routed"
    assert record["route_locality"] == "Plymouth"
    with service.sessions() as session:
        actions = session.scalars(select(AuditEvent.action)).all()
    assert "export" in actions


@pytest.mark.parametrize("role", ["spoc", "administrator", "sysadmin"])
def test_only_the_auditor_reads_the_audit_and_exports(client, make_account, role):
    area = "Devon and Cornwall" if role == "administrator" else None
    sign_in(client, make_account(role, area=area))
    for path in ("/audit", "/audit/export.csv", "/queue/export.csv"):
        assert client.get(path).status_code == 403, path
