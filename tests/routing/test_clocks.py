"""Each form's clocks and alerts, from receipt and the dates the form gives."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from routing.clocks import deadlines
from routing.config import Clocks
from routing.months import months_before
from routing.route import as_record

# Thursday 28 March 2024, 16:30 GMT: before the cut-off, the day before Good Friday
RECEIVED = datetime(2024, 3, 28, 16, 30, tzinfo=UTC)


def clocks_of(form, record, deployment, calendar, area=None, received=RECEIVED):
    return deadlines(form, as_record(form, record), received, deployment, calendar, area)


def test_a_mappa_a_decision_is_due_ten_working_days_after_day0(deployment, calendar):
    [clock] = clocks_of("mappa_a", {}, deployment, calendar, "Devon and Cornwall").clocks
    # Good Friday and Easter Monday are skipped
    assert (clock.name, clock.day0, clock.due) == (
        "mappa_a_decision",
        date(2024, 3, 28),
        date(2024, 4, 15),
    )


def test_an_area_may_set_its_own_decision_clock(deployment, calendar):
    [clock] = clocks_of("mappa_a", {}, deployment, calendar, "Dorset").clocks
    assert (clock.working_days, clock.due) == (5, date(2024, 4, 8))


def test_mappa_a_tribunal_and_release_dates_raise_alerts_six_months_ahead(deployment, calendar):
    record = {
        "order": {"next_tribunal": "2025-01-15"},
        "dates": [
            {"label": "Release date", "date": "2025-03-31"},
            {"label": "Sentence date", "date": "2020-01-01"},
        ],
        "referral_date": "2024-03-27",
    }
    result = clocks_of("mappa_a", record, deployment, calendar)
    assert [(a.key, a.event, a.remind_on) for a in result.alerts] == [
        ("order.next_tribunal", date(2025, 1, 15), date(2024, 7, 15)),
        ("dates", date(2025, 3, 31), date(2024, 9, 30)),
    ]
    assert result.alerts[1].message.startswith("Release date on 31 March 2025:")
    assert result.shown == {"referral_date": date(2024, 3, 27)}


def test_the_spoc_forwards_a_form_g_within_three_working_days(deployment, calendar):
    on_time = clocks_of("form_g", {}, deployment, calendar).clocks[0]
    assert (on_time.name, on_time.due, on_time.late) == ("form_g_forward", date(2024, 4, 4), False)
    late = clocks_of(
        "form_g", {"checklist": {"spoc_forward_date": "2024-04-05"}}, deployment, calendar
    ).clocks[0]
    assert late.late and late.note == "Forwarded on 2024-04-05, after 2024-04-04."


@pytest.mark.parametrize(
    ("record", "late"),
    [
        ({"transfer": {"date": "2024-03-22"}, "date_sent": "2024-03-27"}, False),
        ({"transfer": {"date": "2024-03-22"}, "date_sent": "2024-03-28"}, True),
        (
            {"transfer": {"date": "2024-03-22"}, "checklist": {"date_sent_to_spoc": "2024-03-26"}},
            False,
        ),
        # no date sent: it counts as sent the day it reached the SPOC mailbox, 28 March
        ({"transfer": {"date": "2024-03-22"}}, True),
    ],
)
def test_a_form_g_sent_after_three_working_days_from_receipt_into_care_is_late(
    deployment, calendar, record, late
):
    clocks = {c.name: c for c in clocks_of("form_g", record, deployment, calendar).clocks}
    notification = clocks["form_g_notification"]
    assert (notification.day0, notification.due) == (date(2024, 3, 22), date(2024, 3, 27))
    assert notification.late is late
    assert notification.note.startswith("Late. ") is late


def test_without_a_date_of_receipt_into_care_there_is_no_notification_clock(deployment, calendar):
    names = [c.name for c in clocks_of("form_g", {}, deployment, calendar).clocks]
    assert names == ["form_g_forward"]


def test_a_tribunal_raises_consider_a_mappa_a_referral_on_a_working_day(deployment, calendar):
    # six months before 28 December 2024 is Friday 28 June (a working day);
    # before Sunday 29 December it is Saturday 29 June: the reminder comes on Friday 28 June
    for tribunal in ("2024-12-28", "2024-12-29"):
        record = {"order": {"next_tribunal": tribunal}}
        [alert] = clocks_of("form_g", record, deployment, calendar).alerts
        assert alert.remind_on == date(2024, 6, 28)
        assert alert.message.endswith(": consider a MAPPA A referral.")


def test_a_tribunal_within_six_months_alerts_at_once_and_a_past_one_not_at_all(
    deployment, calendar
):
    record = {
        "transfer": {"next_tribunal": "2024-06-01"},
        "checklist": {"order": {"next_tribunal": "2024-06-01"}},  # the same date twice: one alert
        "order": {"next_tribunal": "2024-01-10"},
    }
    [alert] = clocks_of("form_g", record, deployment, calendar).alerts
    assert (alert.key, alert.remind_on) == ("transfer.next_tribunal", date(2024, 3, 28))


def test_pdp_screening_is_due_in_three_working_days_or_as_configured(deployment, calendar):
    [clock] = clocks_of("pdp", {}, deployment, calendar).clocks
    assert (clock.name, clock.due) == ("pdp_screening", date(2024, 4, 4))
    quicker = deployment.model_copy(update={"clocks": Clocks(pdp_screening_working_days=1)})
    [clock] = clocks_of("pdp", {}, quicker, calendar).clocks
    assert clock.due == date(2024, 4, 2)


@pytest.mark.parametrize(
    ("day", "before"),
    [
        (date(2024, 8, 31), date(2024, 2, 29)),
        (date(2023, 8, 31), date(2023, 2, 28)),
        (date(2025, 3, 15), date(2024, 9, 15)),
    ],
)
def test_six_months_before_keeps_the_day_or_the_months_last_day(day, before):
    assert months_before(day, 6) == before
