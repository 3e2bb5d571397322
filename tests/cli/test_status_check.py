"""`recert status --check` for cron: exit 0, 1 or 2, one line per item, silence when nothing is due."""

from __future__ import annotations

import json

import pytest

from .conftest import make_recert

# A CMA earned 10 Jan 2022 expires 31 Jan 2027 (69 days after 23 Nov 2026); its grace ends 30 Apr 2027.
EXPIRES = "2027-01-31"
TWO_GENERAL_POINTS = ("--date", "2025-03-05", "--points", "2", "--area", "general")  # 58 of 60 still needed
DUE_LINE = "CMA (AAMA): 58 points still needed by 31 Jan 2027 (69 days)\n"


@pytest.fixture(scope="module")
def held(tmp_path_factory):
    recert = make_recert(tmp_path_factory.mktemp("check"))
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-01-10")
    recert.ok("activity", "add", "--credential", "cma-aama", "--title", "Ethics", *TWO_GENERAL_POINTS)
    return recert


def test_nothing_held_prints_nothing_and_exits_0(recert):
    result = recert.raw("--today", "2026-11-23", "status", "--check")  # the default database, not yet made
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_something_due_within_the_days_is_one_line_and_exit_1(held):
    result = held("status", "--check")
    assert (result.returncode, result.stdout, result.stderr) == (1, DUE_LINE, "")


@pytest.mark.parametrize(("within", "code"), [("68", 0), ("69", 1), ("70", 1), ("0", 0), ("3650", 1)])
def test_within_is_the_number_of_days_ahead_that_count(held, within, code):
    result = held("status", "--check", "--within", within)
    assert (result.returncode, result.stderr) == (code, "")
    assert result.stdout == ("" if code == 0 else DUE_LINE)


@pytest.mark.parametrize(
    ("today", "code"), [("2027-01-31", 1), ("2027-02-01", 2), ("2027-04-30", 2), ("2027-05-01", 2)]
)
def test_expired_in_grace_or_lapsed_is_exit_2_whatever_the_days(held, today, code):
    result = held("status", "--check", "--within", "0", today=today)
    assert (result.returncode, result.stderr) == (code, "")
    (line,) = result.stdout.splitlines()
    if today == "2027-02-01":
        assert line == (
            "CMA (AAMA): expired on 31 Jan 2027 and may not be used until recertified; "
            "58 points still needed by 30 Apr 2027 (88 days) to recertify in the grace"
        )
    if today == "2027-05-01":
        assert line.startswith("CMA (AAMA): lapsed: expired on 31 Jan 2027, and the grace ended on 30 Apr 2027. ")


def test_check_json_prints_the_code_and_the_items_even_when_nothing_is_due(held):
    due = held("status", "--check", "--json")
    assert due.returncode == 1
    assert json.loads(due.stdout) == {
        "code": 1,
        "today": "2026-11-23",
        "within_days": 90,
        "items": [
            {
                "level": 1,
                "subject": "CMA (AAMA)",
                "sentence": "58 points still needed by 31 Jan 2027 (69 days)",
                "on": EXPIRES,
            }
        ],
    }
    quiet = held("status", "--check", "--json", "--within", "10")
    assert quiet.returncode == 0
    assert json.loads(quiet.stdout) == {"code": 0, "today": "2026-11-23", "within_days": 10, "items": []}


@pytest.mark.parametrize("within", ["abc", "-1", "3651", "1.5", "1_0", "+5", "", "٣"])
def test_a_bad_within_is_one_sentence_and_exit_2(held, within):
    result = held("status", "--check", "--within", within)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"recert: --within: {within!r} is not a number of days; use a whole number from 0 to 3650\n"
    )


def test_within_without_check_is_a_usage_error(held):
    result = held("status", "--within", "60")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "recert: --within: goes with --check (`recert status --check --within 60`)\n"


def test_a_missing_database_is_exit_3_never_nothing_due(held, tmp_path):
    result = held("status", "--check", db=tmp_path / "typo.json")
    assert result.returncode == 3
    assert result.stdout == "" and result.stderr.startswith("recert: ") and result.stderr.count("\n") == 1


def test_rule_file_text_reaches_the_line_only_as_visible_escapes(held):
    (held.rules_dir / "cma-aama.toml").write_text('name = "CMA \\u001b[31mRED\\u0007"\n', encoding="utf-8")
    try:
        result = held("status", "--check")
    finally:
        (held.rules_dir / "cma-aama.toml").unlink()
    assert result.returncode == 1
    assert result.stdout.startswith("CMA \\x1b[31mRED\\x07: 58 points still needed")
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
