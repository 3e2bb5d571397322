"""Without --today, `recert` uses the local calendar date: the day `date +%F` shows under the same TZ.

Kiritimati (UTC+14) and Pago Pago (UTC-11) are 25 hours apart, so at every moment their dates
differ: a CLI that used UTC, or ignored TZ, would get at least one of them wrong.
(tests/test_time_zones.py proves the other half: with a given --today nothing shifts with TZ.)
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from .conftest import cli_env, run_recert

ZONES = ["Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kolkata", "America/St_Johns", "UTC"]

pytestmark = pytest.mark.skipif(
    not Path("/usr/share/zoneinfo/Pacific/Kiritimati").exists(), reason="needs the system time zone database"
)


def local_date(zone: str) -> str:
    return subprocess.run(
        ["date", "+%F"], env={**os.environ, "TZ": zone}, capture_output=True, text=True, check=True
    ).stdout.strip()


def cli_today(zone: str, db: Path, rules: Path) -> tuple[str, str, str]:
    """(the local date before, the CLI's today, the local date after): equal unless midnight passed."""
    env = cli_env(rules, TZ=zone)
    if not db.exists():  # reading a --db file that does not exist is a file problem: make it first
        made = run_recert(["--db", str(db), "credential", "add", "cma-aama", "--earned", "2020-01-01"], env)
        assert made.returncode == 0, made.stderr
    before = local_date(zone)
    result = run_recert(["--db", str(db), "status", "--json"], env)
    after = local_date(zone)
    assert result.returncode == 0, result.stderr
    return before, json.loads(result.stdout)["today"], after


@pytest.mark.parametrize("zone", ZONES)
def test_default_today_is_the_local_calendar_date(tmp_path, zone):
    before, today, after = cli_today(zone, tmp_path / "recert.json", tmp_path / "rules")
    assert today in (before, after), (zone, before, today, after)


def test_far_east_and_far_west_get_different_days(tmp_path):
    east = cli_today("Pacific/Kiritimati", tmp_path / "recert.json", tmp_path / "rules")
    west = cli_today("Pacific/Pago_Pago", tmp_path / "recert.json", tmp_path / "rules")
    gap = date.fromisoformat(east[1]) - date.fromisoformat(west[1])
    assert gap in (timedelta(days=1), timedelta(days=2)), (east, west)


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_future_check_uses_the_local_date(tmp_path, zone):
    """A credential earned 'today' where the user is is accepted; 'tomorrow' there is refused."""
    env = cli_env(tmp_path / "rules", TZ=zone)
    for attempt in range(2):  # once more if midnight passed in between
        db = tmp_path / f"recert-{attempt}.json"
        today = date.fromisoformat(local_date(zone))
        tomorrow = run_recert(
            ["--db", str(db), "credential", "add", "cma-aama", "--earned", (today + timedelta(days=1)).isoformat()], env
        )
        added = run_recert(["--db", str(db), "credential", "add", "cma-aama", "--earned", today.isoformat()], env)
        if date.fromisoformat(local_date(zone)) == today:
            break
    assert tomorrow.returncode == 2 and f"(today is {today.isoformat()})" in tomorrow.stderr, tomorrow.stderr
    assert added.returncode == 0, added.stderr
