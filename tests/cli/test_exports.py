"""`recert export ...`: to the screen, or to a private file that is replaced only with --force."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from tests.helpers.files import mode as _mode

from .conftest import ACTIVITY, make_recert


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A CMA with one activity and a scheduled exam; tests write only into their own tmp_path."""
    recert = make_recert(tmp_path_factory.mktemp("exports"))
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15", "--number", "123456")
    recert.ok(*ACTIVITY, "--provider", "ACME | Health")
    recert.ok("exam", "add", "--exam", "cma-aama", "--date", "2027-01-15", "--result", "scheduled")
    return recert


@pytest.mark.parametrize(
    ("args", "name", "check"),
    [
        (
            ("worksheet",),
            "sheet.md",
            lambda text: (
                text.startswith("# Recertification worksheet, as of 23 Nov 2026") and "ACME \\| Health" in text
            ),
        ),
        (
            ("worksheet", "--format", "txt"),
            "sheet.txt",
            lambda text: "Recertification worksheet" in text and "Certificate number:" in text and "123456" in text,
        ),
        (
            ("csv",),
            "ce.csv",
            lambda text: (
                next(csv.reader(io.StringIO(text)))[:3] == ["credential", "date", "title"]
                and "Infection control" in text
            ),
        ),
        (
            ("ics",),
            "dates.ics",
            lambda text: (
                text.startswith("BEGIN:VCALENDAR")
                and "TRIGGER:-P180D" in text
                and "DTSTART;VALUE=DATE:20270115" in text
            ),
        ),
        (("json",), "backup.json", lambda text: json.loads(text)["credentials"]["1"]["code"] == "cma-aama"),
    ],
    ids=["worksheet-md", "worksheet-txt", "csv", "ics", "json"],
)
def test_export_to_a_private_file_and_force(exported, tmp_path, args, name, check):
    target = tmp_path / name
    said = exported.ok("export", *args, "-o", str(target))
    [line] = said.splitlines()
    assert line.startswith("Wrote ") and line.endswith(f" to {target} (private to you).")
    assert _mode(target) == 0o600
    first = target.read_bytes()
    assert check(first.decode("utf-8"))

    # An existing file is kept unless --force.
    target.write_bytes(b"mine")
    os.chmod(target, 0o644)
    refused = exported("export", *args, "-o", str(target))
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.startswith("recert: -o: ") and "already exists; add --force" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1
    assert target.read_bytes() == b"mine"

    exported.ok("export", *args, "-o", str(target), "--force")
    assert target.read_bytes() == first  # reproducible: the same bytes again
    assert _mode(target) == 0o600  # replaced by a new private file, not rewritten in place
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temp file left behind


def test_exports_to_stdout(exported):
    assert exported.ok("export", "json") == exported.db.read_text(encoding="utf-8")
    ics = exported.ok("export", "ics", "--reminders", "7")
    assert "TRIGGER:-P7D" in ics and "P180D" not in ics
    assert "BEGIN:VALARM" not in exported.ok("export", "ics", "--reminders", "none")
    assert exported.ok("export", "worksheet", "--format", "txt").startswith("Recertification worksheet")


def test_export_refuses_to_overwrite_the_database(exported):
    before = exported.db.read_bytes()
    result = exported("export", "json", "-o", str(exported.db), "--force")
    assert result.returncode == 2 and "is your database file" in result.stderr
    assert exported.db.read_bytes() == before


def test_export_into_a_missing_folder(exported, tmp_path):
    result = exported("export", "csv", "-o", str(tmp_path / "nope" / "ce.csv"))
    assert result.returncode == 2 and result.stderr.startswith("recert: -o: the folder ")


def test_two_people_with_the_same_records_get_calendar_events_of_their_own(tmp_path):
    """Each database makes a random id at its first change; an export only reads it."""
    uids = []
    for person in ("ana", "ben"):
        recert = make_recert(tmp_path / person)
        recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
        before = recert.db.read_bytes()
        calendar = recert.ok("export", "ics")
        assert recert.db.read_bytes() == before  # the export wrote nothing
        uids.append({line for line in calendar.splitlines() if line.startswith("UID:")})
    assert uids[0] and uids[1] and not uids[0] & uids[1]
