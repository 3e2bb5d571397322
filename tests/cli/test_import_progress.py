"""`recert import csv` on a big file: progress only on a terminal, one summary line, --quiet.

What is listed (see recert_tui/cli/import_commands.py): every rejected row up to
LISTED_REJECTIONS (all with --dry-run), accepted rows only with --dry-run, notes that the file
may be misread, then one summary line; progress goes to standard error only when it is a
terminal, as one line rewritten in place and blanked before anything else is printed.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest

from recert_tui.cli import import_commands
from recert_tui.cli.import_commands import LISTED_REJECTIONS, ProgressLine

from .conftest import make_recert
from .test_stdio import argv_for, run_bytes, run_on_terminal

HEADER = "date,title,points,area,credential\n"


def _rows(count: int, start: int = 0) -> str:
    first = date(2022, 4, 1)
    return "".join(
        f"{(first + timedelta(days=n % 1500)).isoformat()},Course {n},1,{('clinical', 'general')[n % 2]},cma-aama\n"
        for n in range(start, start + count)
    )


@pytest.fixture
def held(tmp_path):
    recert = make_recert(tmp_path)
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    return recert


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "ce.csv"
    path.write_text(HEADER + _rows(2500), encoding="utf-8")
    return path


def test_not_a_terminal_no_progress_and_one_summary_line(held, big_file):
    result = run_bytes(held, "import", "csv", str(big_file))
    assert result.returncode == 0
    assert result.stderr == b""  # no progress, not even a blanked line
    assert result.stdout == b"Added 2,500 activities.\n"  # no line per row


def test_on_a_terminal_progress_is_drawn_in_place_and_cleared(held, big_file):
    code, shown, out = run_on_terminal(argv_for(held, "import", "csv", str(big_file)), held.env(), stream="stderr")
    assert code == 0
    assert out == b"Added 2,500 activities.\n"  # standard output is untouched by the progress
    assert b"\n" not in shown  # one line, rewritten with carriage returns
    assert shown.startswith(b"\rChecking row 1...")
    assert b"\rSaving 2,500 activities..." in shown
    last_text = shown.rstrip(b" \r").rsplit(b"\r", 1)[-1]
    assert shown.endswith(b"\r" + b" " * len(last_text) + b"\r")  # blanked at the end


def test_quiet_on_a_terminal_shows_no_progress(held, big_file):
    code, shown, out = run_on_terminal(
        argv_for(held, "import", "csv", str(big_file), "--quiet"), held.env(), stream="stderr"
    )
    assert code == 0 and shown == b""
    assert out == b"Added 2,500 activities.\n"


def test_quiet_dry_run_is_one_line(held, big_file):
    before = held.db.read_bytes()
    result = run_bytes(held, "import", "csv", str(big_file), "--dry-run", "--quiet")
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout == b"Dry run: 2,500 activities would be added.\n"
    assert held.db.read_bytes() == before


def test_dry_run_lists_every_row(held, tmp_path):
    source = tmp_path / "ce.csv"
    source.write_text(HEADER + _rows(30), encoding="utf-8")
    lines = run_bytes(held, "import", "csv", str(source), "--dry-run").stdout.decode().splitlines()
    assert lines[0] == "Would add 30 activities:"
    assert [line.split(":")[0] for line in lines[1:31]] == [f"  row {n}" for n in range(2, 32)]
    assert lines[31:] == ["Dry run: 30 activities would be added."]


def test_rejected_rows_are_listed_up_to_a_screenful_then_counted(held, tmp_path):
    source = tmp_path / "ce.csv"
    bad = "".join(f"2025-02-30,Bad {n},1,clinical,cma-aama\n" for n in range(LISTED_REJECTIONS + 7))
    source.write_text(HEADER + _rows(3) + bad, encoding="utf-8")
    before = held.db.read_bytes()

    result = run_bytes(held, "import", "csv", str(source), "--quiet")  # rejected rows are errors: still listed
    lines = result.stdout.decode().splitlines()
    assert result.returncode == 2
    assert lines[0] == f"Rejected {LISTED_REJECTIONS + 7} rows:"
    listed = [line for line in lines if line.startswith("  row ")]
    assert [line.split(":")[0] for line in listed] == [f"  row {n}" for n in range(5, 5 + LISTED_REJECTIONS)]
    assert "  ... and 7 more; --dry-run lists every one." in lines
    assert lines[-1] == f"Nothing was written: {LISTED_REJECTIONS + 7} rows rejected."
    assert result.stderr.decode().count("\n") == 1  # the one error line
    assert held.db.read_bytes() == before

    every = run_bytes(held, "import", "csv", str(source), "--dry-run", "--quiet").stdout.decode().splitlines()
    assert len([line for line in every if line.startswith("  row ")]) == LISTED_REJECTIONS + 7
    assert not any("more; --dry-run" in line for line in every)
    assert not any(line.startswith("Would add") for line in every)  # --quiet: accepted rows are not listed

    skipped = run_bytes(held, "import", "csv", str(source), "--skip-rejected", "--quiet").stdout.decode()
    assert skipped.splitlines()[-1] == f"Added 3 activities, {LISTED_REJECTIONS + 7} rejected rows skipped."


def test_progress_line_draws_the_first_at_once_then_at_most_every_interval(monkeypatch):
    screen = io.StringIO()
    monkeypatch.setattr(import_commands.sys, "stderr", screen)
    clock = iter([10.0, 10.01, 10.2, 10.21])
    monkeypatch.setattr(import_commands.time, "monotonic", lambda: next(clock))
    with ProgressLine(True) as progress:
        progress.rows_read(1)  # drawn: the first
        progress.rows_read(2)  # 0.01 s later: skipped
        progress.rows_read(1234)  # 0.2 s after the first: drawn, over the shorter line
        progress.say("Saving...")  # `now`: drawn, padded over the longer line
    assert screen.getvalue() == (
        "\rChecking row 1..."
        + "\rChecking row 1,234..."
        + "\r"
        + "Saving...".ljust(len("Checking row 1,234..."))
        + "\r"
        + " " * len("Saving...")
        + "\r"
    )


def test_progress_line_not_shown_writes_nothing(monkeypatch):
    screen = io.StringIO()
    monkeypatch.setattr(import_commands.sys, "stderr", screen)
    with ProgressLine(False) as progress:
        progress.rows_read(1)
        progress.say("Saving...")
    assert screen.getvalue() == ""
