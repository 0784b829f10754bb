"""`mappa-intake due-date`, run as an operator runs it."""

from __future__ import annotations

import json

from tests.support.cli import cli_env, run_cli


def test_due_date_prints_json_with_day0_due_and_the_days_skipped(tmp_path):
    result = run_cli(
        cli_env(tmp_path),
        "due-date",
        "--received",
        "2024-12-20 17:45",
        "--working-days",
        "10",
        "--json",
    )
    assert result.returncode == 0, result.stderr.decode()
    answer = json.loads(result.stdout)
    assert answer["received"] == "2024-12-20T17:45:00+00:00"
    assert (answer["day0"], answer["due"]) == ("2024-12-23", "2025-01-09")
    assert [s["date"] for s in answer["skipped"]] == [
        "2024-12-21", "2024-12-22", "2024-12-25", "2024-12-26", "2024-12-28", "2024-12-29",
        "2025-01-01", "2025-01-04", "2025-01-05",
    ]  # fmt: skip
    assert answer["skipped"][2] == {"date": "2024-12-25", "reason": "Christmas Day"}


def test_a_utc_receipt_is_judged_by_the_london_clock(tmp_path):
    # 16:30 UTC on Monday 31 March 2025 is 17:30 BST: after the cut-off
    result = run_cli(cli_env(tmp_path), "due-date", "--received", "2025-03-31T16:30Z", "--json")
    answer = json.loads(result.stdout)
    assert answer["received"] == "2025-03-31T17:30:00+01:00"
    assert answer["day0"] == "2025-04-01"


def test_due_date_for_people_names_the_holidays_it_skipped(tmp_path):
    result = run_cli(
        cli_env(tmp_path), "due-date", "--received", "2022-09-16 12:00", "--working-days", "1"
    )
    lines = result.stdout.decode().splitlines()
    assert lines[1] == "day 0     Friday 16 September 2022"
    assert lines[2] == "due       Tuesday 20 September 2022 (1 working day after day 0)"
    assert "skipped   Monday 19 September 2022: State Funeral of Queen Elizabeth II" in lines


def test_an_unreadable_time_is_refused_with_an_example(tmp_path):
    result = run_cli(cli_env(tmp_path), "due-date", "--received", "next Tuesday")
    assert result.returncode == 2
    assert "is not a date and time such as '2024-12-20 17:45'" in result.stderr.decode()
