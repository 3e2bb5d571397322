"""The demo data (`recert --demo`) passes its own exports and imports.

A new user's first try of export and import is likely to be on the demo: what it shows must
work. CSV out and back into a fresh database gives the same activities, field for field; a
JSON backup restores; the worksheet (every format) and the calendar are written.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from recert_tui.catalog import shipped_data_dir
from recert_tui.cli.launch import DEMO_FILE
from recert_tui.exports.worksheet import FORMATS
from recert_tui.store import Store

from .conftest import make_recert

DEMO = Path(shipped_data_dir(), *DEMO_FILE)  # the file `recert --demo` opens


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """`recert` on a copy of the demo database; tests must not change it."""
    recert = make_recert(tmp_path_factory.mktemp("demo"))
    recert.db.parent.mkdir(parents=True)
    shutil.copyfile(DEMO, recert.db)
    return recert


def _activities(recert, db=None) -> list[dict]:
    """Every activity as `activity list --json` shows it, without the id a new database renumbers."""
    listed = json.loads(recert.ok("activity", "list", "--json", **({"db": db} if db else {})))
    return sorted(
        ({k: v for k, v in row.items() if k != "id"} for row in listed), key=lambda r: (r["date"], r["title"])
    )


def _stored_activities(path) -> list:
    """The activity records as the store reads them from the file, without their ids."""
    with Store.open(path, write=False) as store:
        records = [activity._replace(id=None) for activity in store.activities()]
    return sorted(records, key=lambda a: (a.completed_on, a.title))


def test_the_demo_has_what_the_round_trips_need(demo):
    """The checks below mean something only if the demo holds records of every kind."""
    rows = _activities(demo)
    assert len(rows) >= 20
    assert {row["kind"] for row in rows} >= {"ceu", "cpr", "college"}
    assert len({row["credential"] for row in rows}) == 2


def test_csv_export_imports_into_a_fresh_database_unchanged(demo, tmp_path):
    exported = tmp_path / "demo.csv"
    demo.ok("export", "csv", "-o", str(exported))

    fresh = tmp_path / "fresh" / "recert.json"
    for held in json.loads(demo.ok("credential", "list", "--json")):
        demo.ok("credential", "add", held["code"], "--earned", held["earned_on"], "--number", held["number"], db=fresh)
    said = demo.ok("import", "csv", str(exported), db=fresh)
    assert said.splitlines()[-1] == f"Added {len(_activities(demo))} activities."

    assert _activities(demo, fresh) == _activities(demo)  # as the app shows and counts them
    assert _stored_activities(fresh) == _stored_activities(demo.db)  # and as stored, every field
    again = tmp_path / "again.csv"
    demo.ok("export", "csv", "-o", str(again), db=fresh)
    assert again.read_bytes() == exported.read_bytes()


def test_json_backup_restores_into_a_fresh_database(demo, tmp_path):
    backup = tmp_path / "demo-backup.json"
    demo.ok("export", "json", "-o", str(backup))
    fresh = tmp_path / "fresh" / "recert.json"
    said = demo.ok("import", "json", str(backup), "--yes", db=fresh)
    assert "Restored your records from" in said
    assert fresh.read_bytes() == backup.read_bytes() == demo.db.read_bytes()
    assert demo.ok("status", "--json", db=fresh) == demo.ok("status", "--json")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_worksheet_format_is_written(demo, tmp_path, fmt):
    target = tmp_path / f"worksheet.{fmt}"
    demo.ok("export", "worksheet", "--format", fmt, "-o", str(target))
    content = target.read_bytes()
    assert content, fmt
    if fmt != "pdf":  # the text formats name every held credential
        text = content.decode("utf-8")
        assert "CMA (AAMA)" in text and "CMAC (AMCA)" in text
    else:
        assert content.startswith(b"%PDF-")


def test_the_calendar_is_written_and_reads_back(demo, tmp_path):
    import icalendar

    target = tmp_path / "demo.ics"
    said = demo.ok("export", "ics", "-o", str(target))
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = [part for part in calendar.walk() if part.name == "VEVENT"]
    assert events and said.startswith(f"Wrote {len(events)} calendar event")
