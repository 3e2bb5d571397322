"""Dates never shift with the machine's time zone.

Every date in recert-tui is a calendar date (`datetime.date`), never a timestamp, so the same
records and the same --today give the same answers in Kiritimati (UTC+14) and Pago Pago
(UTC-11). These tests run the date-heavy suites, and a calendar export, under both.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from recert_tui.exports.ics import render_ics
from recert_tui.session import Session

ROOT = Path(__file__).resolve().parents[1]
FAR_EAST, FAR_WEST = "Pacific/Kiritimati", "Pacific/Pago_Pago"


@pytest.mark.slow  # two whole-suite reruns; the calendar checks below stay in the default run
@pytest.mark.parametrize("zone", [FAR_EAST, FAR_WEST])
def test_domain_and_export_suites_pass_in_far_time_zones(zone):
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/domain", "tests/exports"],
        cwd=ROOT,
        env={**os.environ, "TZ": zone},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout


def _calendar_in(zone: str, db: Path) -> bytes:
    code = (
        "import sys; from datetime import date; from pathlib import Path;"
        "from recert_tui.session import Session; from recert_tui.exports.ics import render_ics;"
        f"s = Session.open(Path({str(db)!r}), date(2026, 11, 23), write=False);"
        "sys.stdout.buffer.write(render_ics(s.report))"
    )
    env = {**os.environ, "TZ": zone}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True, cwd=ROOT).stdout


def test_the_same_records_give_the_same_calendar_everywhere(tmp_path):
    db = tmp_path / "recert.json"
    with Session.open(db, date(2026, 11, 23)) as session:
        session.add_credential("cma-aama", "2022-03-15")
        session.add_exam_attempt("cma-aama", "2026-12-16", "scheduled")
        here = render_ics(session.report)
    assert _calendar_in(FAR_EAST, db) == _calendar_in(FAR_WEST, db) == here
    assert b"DTSTART;VALUE=DATE:20270331" in here
