"""Every rejected input: exit 2, one stderr line naming the option, and nothing written."""

from __future__ import annotations

import pytest

from .conftest import ACTIVITY

BASE = ("activity", "add", "--credential", "cma-aama", "--title", "T")


def _activity(date="2025-03-05", points="2", area="clinical", *extra):
    return (*BASE, "--date", date, "--points", points, "--area", area, *extra)


CASES = [
    # unknown codes
    (("credential", "add", "nope", "--earned", "2022-03-15"), "CODE", "'nope' is not a known credential"),
    (("credential", "add", "cma-aama", "--earned", "2022-03-15"), "CODE", "already in your list"),
    (("credential", "recertified", "rma-amt", "--on", "2024-01-01"), "CODE", "not a credential you hold"),
    (
        (
            "activity",
            "add",
            "--credential",
            "nope",
            "--title",
            "T",
            "--date",
            "2025-03-05",
            "--points",
            "2",
            "--area",
            "clinical",
        ),
        "--credential",
        "'nope' is not a known credential",
    ),
    (
        (
            "activity",
            "add",
            "--credential",
            "rma-amt",
            "--title",
            "T",
            "--date",
            "2025-03-05",
            "--points",
            "2",
            "--area",
            "clinical",
        ),
        "--credential",
        "not a credential you hold",
    ),
    (("activity", "list", "--credential", "nope"), "--credential", "not a credential you hold"),
    (("exam", "add", "--exam", "nope", "--date", "2025-03-05", "--result", "pass"), "--exam", "not an exam program"),
    (("exam", "reenrolled", "--exam", "nope", "--on", "2025-03-05"), "--exam", "not an exam program"),
    (("rules", "nope"), "CODE", "'nope' is not a known credential"),
    # bad dates
    (_activity("2025-02-30"), "--date", "'2025-02-30' is not a real calendar date; use 2025-03-05 or 3/5/2025"),
    (_activity("yesterday"), "--date", "'yesterday' is not a date"),
    (_activity("13/5/2025"), "--date", "is not a real calendar date"),
    (("credential", "add", "rma-amt", "--earned", "2022-02-30"), "--earned", "not a real calendar date"),
    (("credential", "recertified", "cma-aama", "--on", "someday"), "--on", "'someday' is not a date"),
    (
        ("exam", "add", "--exam", "cma-aama", "--date", "31/31/2025", "--result", "fail"),
        "--date",
        "not a real calendar date",
    ),
    (("exam", "reenrolled", "--exam", "cma-aama", "--on", "2025-13-01"), "--on", "not a real calendar date"),
    # a completed event dated in the future
    (_activity("2026-11-24"), "--date", "is in the future"),
    (("credential", "add", "rma-amt", "--earned", "2027-01-01"), "--earned", "is in the future"),
    (("exam", "add", "--exam", "cma-aama", "--date", "2027-01-01", "--result", "fail"), "--date", "is in the future"),
    # negative, absurd or malformed points
    (_activity("2025-03-05", "-5"), "--points", "out of range"),
    (_activity("2025-03-05", "0"), "--points", "out of range"),
    (_activity("2025-03-05", "500"), "--points", "out of range"),
    (_activity("2025-03-05", "two"), "--points", "'two' is not a number"),
    (_activity("2025-03-05", "1.234"), "--points", "more than two decimals"),
    ((*BASE, "--date", "2025-03-05", "--split", "administrative=-1"), "--split", "out of range"),
    ((*BASE, "--date", "2025-03-05", "--split", "clinical=100,general=100"), "--split", "at most 120"),
    (
        (*BASE, "--date", "2025-03-05", "--kind", "college", "--college-credits", "40", "--area", "general"),
        "--college-credits",
        "out of range",
    ),
    (
        ("exam", "add", "--exam", "cma-aama", "--date", "2025-03-05", "--result", "fail", "--score", "5000"),
        "--score",
        "out of range",
    ),
    # areas the credential does not have, and other refused fields
    (_activity("2025-03-05", "2", "surgical"), "--area", "'surgical' is not an area of CMA (AAMA)"),
    ((*BASE, "--date", "2025-03-05", "--split", "surgical=2"), "--split", "'surgical' is not an area"),
    ((*BASE, "--date", "2025-03-05", "--points", "2"), "--area", "is empty"),
    (_activity("2025-03-05", "2", "clinical", "--split", "general=1"), "--split", "not both"),
    (_activity("2025-03-05", "2", "clinical", "--kind", "webinar"), "--kind", "'webinar' is not a kind"),
    ((*BASE, "--date", "2025-03-05", "--kind", "college", "--area", "general"), "--college-credits", "is empty"),
    (("exam", "add", "--exam", "cma-aama", "--date", "2025-03-05", "--result", "maybe"), "--result", "not a result"),
    # unknown activity ids
    (("activity", "edit", "99", "--title", "x"), "ID", "there is no activity 99"),
    (("activity", "remove", "99"), "ID", "there is no activity 99"),
    (("activity", "remove", "abc"), "ID", "'abc' is not an activity id"),
    (("activity", "edit", "1", "--date", "2025-02-30"), "--date", "not a real calendar date"),
    (("activity", "edit", "1", "--area", "surgical"), "--area", "not an area"),
    # study time and practice tests
    (
        ("study", "add", "--exam", "cma-aama", "--date", "2025-03-05", "--minutes", "4.5"),
        "--minutes",
        "not whole minutes",
    ),
    (("study", "add", "--exam", "cma-aama", "--date", "2025-03-05", "--minutes", "0"), "--minutes", "out of range"),
    (
        ("study", "add", "--exam", "cma-aama", "--date", "2025-03-05", "--minutes", "45", "--category", "surgery"),
        "--category",
        "'surgery' is not a category of this exam; use overall",
    ),
    (("study", "add", "--exam", "nope", "--date", "2025-03-05", "--minutes", "45"), "--exam", "not an exam program"),
    (("study", "add", "--exam", "cma-aama", "--date", "2027-01-01", "--minutes", "45"), "--date", "is in the future"),
    (
        ("study", "test", "--exam", "cma-aama", "--date", "2025-03-05", "--score", "101"),
        "--score",
        "out of range; enter a score in percent from 0 to 100",
    ),
    (("study", "test", "--exam", "cma-aama", "--date", "2025-03-05", "--score", "lots"), "--score", "not a number"),
    (("study", "test", "--exam", "cma-aama", "--date", "2025-03-05"), "--score", "required"),
    (("study", "status", "--exam", "nope"), "--exam", "not an exam program"),
    # exports and imports
    (("export", "ics", "--reminders", "90,soon"), "--reminders", "'soon' is not a number of days"),
    (("export", "worksheet", "--format", "docx"), "--format", "invalid choice"),
    (("import", "csv", "no-such-file.csv"), "FILE", "does not exist"),
    (("import", "json", "no-such-file.json", "--yes"), "FILE", "does not exist"),
    (("import", "csv", "/"), "FILE", "is a folder"),
    # argparse's own usage errors are one short line too
    (("activity", "add", "--credential", "cma-aama", "--date", "2025-03-05"), "--title", "required"),
    ((*_activity(), "--approved", "--not-approved"), "--not-approved", "not allowed with argument --approved"),
    (("credential", "add", "cma-aama"), "--earned", "required"),
    (("activity",), "ACTION", "required"),
    (("frobnicate",), "COMMAND", "invalid choice"),
    # options only the terminal app reads are refused with a command, not silently ignored
    (("--demo", "status"), "--demo", "is for the terminal app, not for `recert status`"),
    (("--mouse", "activity", "list"), "--mouse", "run `recert --mouse` alone"),
]


@pytest.mark.parametrize(("args", "option", "words"), CASES, ids=[" ".join(case[0])[:60] for case in CASES])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(seeded, args, option, words):
    before = seeded.db.read_bytes()
    result = seeded(*args)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("recert"), lines[0]
    assert option in lines[0] and words in lines[0], lines[0]
    assert "Traceback" not in result.stderr
    assert seeded.db.read_bytes() == before


def test_the_documented_message_exactly(seeded):
    result = seeded(*_activity("2025-02-30"))
    assert result.stderr == ("recert: --date: '2025-02-30' is not a real calendar date; use 2025-03-05 or 3/5/2025\n")


@pytest.mark.parametrize("today", ["2025-02-30", "soon", "3/45/2025"])
def test_bad_today(recert, today):
    result = recert("credential", "add", "cma-aama", "--earned", "2022-03-15", today=today)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("recert: --today: ")
    assert not recert.db.exists()


def test_us_dates_accepted_for_today(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "3/15/2022", today="11/23/2026")
    assert "(128 days left)" in recert.ok("status", today="11/23/2026")


@pytest.mark.parametrize(
    "args",
    [
        ("credential", "add", "nope", "--earned", "2022-03-15"),
        ("credential", "add", "cma-aama", "--earned", "2022-02-30"),
        ACTIVITY,  # no credential held yet
        ("exam", "add", "--exam", "cma-aama", "--date", "2027-01-01", "--result", "pass"),
        ("activity", "remove", "1"),
    ],
)
def test_bad_input_never_creates_the_database(recert, args):
    result = recert(*args)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert not recert.db.exists()
