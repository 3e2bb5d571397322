"""A user's rule file with an absurd length (a cycle of 10**12 months, a grace of a million years,
NaN points) is refused with the rule reader's usual sentence, `file: key 'x': problem`, exit 3;
it never reaches the date arithmetic as an OverflowError.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from recert_tui.catalog import load_catalog
from recert_tui.domain.dates import Duration
from recert_tui.domain.rules import RuleFileError
from tests.helpers.rules import SHIPPED, TODAY_TEXT

from .conftest import fresh_db, run_cli, seed

OVERRIDES = [
    # (file, TOML, the key named, the problem)
    (
        "cma-aama",
        "[cycle.months]\nvalue = 1_000_000_000_000\n",
        "cycle.months.value",
        "1000000000000 is more than 1200 months (100 years)",
    ),
    ("cma-aama", "[cycle.months]\nvalue = 1201\n", "cycle.months.value", "1201 is more than 1200 months (100 years)"),
    ("cma-aama", '[ce.grace]\nvalue = "1000000 years"\n', "ce.grace.value", "'1000000 years' is longer than 100 years"),
    ("cma-aama", '[ce.grace]\nvalue = "36525000 days"\n', "ce.grace.value", "'36525000 days' is longer than 100 years"),
    (
        "cma-aama",
        '[exam.waits]\nvalue = ["30 days", "99999999999999999999 months"]\n',
        "exam.waits.value",
        "'99999999999999999999 months' is longer than 100 years",
    ),
    (
        "cmac-amca",
        '[exam.window]\nvalue = "1201 months"\n',
        "exam.window.value",
        "'1201 months' is longer than 100 years",
    ),
    (
        "cma-aama",
        '[exam_route.pass_before_expiry]\nvalue = "101 years"\n',
        "exam_route.pass_before_expiry.value",
        "'101 years' is longer than 100 years",
    ),
    ("cma-aama", "[ce.total_points]\nvalue = nan\n", "ce.total_points.value", "nan is not a number of zero or more"),
    ("cma-aama", "[ce.total_points]\nvalue = inf\n", "ce.total_points.value", "inf is not a number of zero or more"),
]


@pytest.mark.parametrize(
    "name, toml, key, problem", OVERRIDES, ids=[case[2] + " " + case[3][:20] for case in OVERRIDES]
)
def test_absurd_lengths_in_a_rule_file_are_refused_naming_file_and_key(tmp_path, name, toml, key, problem):
    user = tmp_path / "rules"
    user.mkdir()
    (user / f"{name}.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_catalog(SHIPPED, user)
    assert str(caught.value) == f"{user / name}.toml: key '{key}': {problem}"


def test_the_cli_says_so_in_one_line(tmp_path, monkeypatch):
    user = tmp_path / "rules"
    user.mkdir()
    (user / "cma-aama.toml").write_text("[cycle.months]\nvalue = 1_000_000_000_000\n", encoding="utf-8")
    monkeypatch.setenv("RECERT_RULES_DIR", str(user))
    db = fresh_db(tmp_path / "data", None)
    seed(db)
    before = db.read_bytes()
    for args in (["status", "--json"], ["activity", "list"], ["export", "worksheet"]):
        run = run_cli(["--db", str(db), "--today", TODAY_TEXT, *args])
        assert run.crash is None, run.crash[-600:]
        assert run.code == 3 and run.err == (
            f"recert: {user / 'cma-aama.toml'}: key 'cycle.months.value': "
            "1000000000000 is more than 1200 months (100 years)\n"
        ), run.err
    assert db.read_bytes() == before


def test_the_longest_lengths_allowed_still_compute(tmp_path):
    """1,200 months and 100 years from the latest date recert-tui accepts stay inside the calendar."""
    user = tmp_path / "rules"
    user.mkdir()
    (user / "cma-aama.toml").write_text(
        '[cycle.months]\nvalue = 1200\n[ce.grace]\nvalue = "100 years"\n', encoding="utf-8"
    )
    catalog = load_catalog(SHIPPED, user)
    assert catalog.credentials["cma-aama"].cycle_months.value == 1200
    from datetime import date

    from recert_tui.domain.limits import LATEST_DATE

    far = Duration.parse("100 years").after(Duration(months=1200).after(LATEST_DATE))
    assert far > LATEST_DATE and isinstance(far, date)


@pytest.mark.parametrize("text", ["36525 days", "1200 months", "100 years", "none"])
def test_durations_up_to_a_hundred_years_parse(text):
    assert Duration.parse(text).months <= 1200


def test_shipped_rules_are_well_inside_the_bounds():
    assert load_catalog(SHIPPED, Path("/nonexistent-user-rules")).credentials
