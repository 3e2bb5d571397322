"""`recert export ics --reminders`: any number, however long, is a number of days or one sentence."""

from __future__ import annotations

import pytest

from tests.helpers.rules import TODAY_TEXT

from .conftest import TRACEBACK, fresh_db, run_cli


@pytest.fixture
def db(tmp_path, seed_bytes):
    return fresh_db(tmp_path / "data", seed_bytes)


@pytest.mark.parametrize(
    "days",
    ["9" * 5000, "1" + "0" * 4299, "1" * 4301, "90," + "9" * 100_000, "3651", "99999999999999999999"],
    ids=["5000-nines", "4300-digits", "4301-digits", "a-list-with-100000-digits", "3651", "20-digits"],
)
def test_a_huge_number_of_days_is_one_sentence(db, days):
    run = run_cli(["--db", str(db), "--today", TODAY_TEXT, "export", "ics", "--reminders", days])
    assert run.crash is None, run.crash[-600:]
    assert not TRACEBACK.search(run.text)
    assert run.code == 2 and run.out == ""
    [line] = run.err.splitlines()
    assert line.startswith("recert: --reminders: ") and "is not a number of days from 0 to 3650" in line
    assert len(line) < 250  # the number is not echoed whole


@pytest.mark.parametrize(
    "days, alarms",
    # 3650 days before any date in the file has gone by, so that reminder is left out.
    [("0" * 5000 + "7", 1), ("3650,0", 1), ("007,7", 1)],
    ids=["5000-zeros-then-7", "3650-and-0", "007-and-7"],
)
def test_leading_zeros_are_still_a_number(db, days, alarms):
    run = run_cli(["--db", str(db), "--today", TODAY_TEXT, "export", "ics", "--reminders", days])
    assert run.code == 0, run.err
    first = run.out.split("END:VEVENT")[0]
    assert first.count("BEGIN:VALARM") == alarms
