"""Keystroke to updated dashboard, in the installed app running in a real 80x24 pty.

Measures what a user sees: the time from writing a key that changes the data to the terminal
receiving the dashboard's new figures (the CMA (AAMA) card's "NN of 60" total). The app is
the installed `recert --db COPY --today 2026-11-23` on a temporary copy of the database (with
the default keys: RECERT_KEYMAP points at no file). Each repeat times two changes:

- add: on the dashboard, `a` opens the add-activity form and it is filled in (not timed).
  Timed: from writing ctrl+s (save) to the dashboard, shown again as the form closes,
  carrying the new total.
- delete: on the activities list (`2`, then ctrl+home: newest first) the activity just added
  is highlighted and `d` has opened the confirmation naming it (not timed). Timed: from
  writing `y1` in one burst to the dashboard carrying the new total. `y` confirms the
  delete; a delete happens on the activities list, so the dashboard is not on screen after
  it, and `1`, the key that shows it, is written together with the `y`, as a user typing
  ahead would. The time therefore includes switching to the dashboard.

The totals waited for are computed with recert_tui's Session on a scratch copy of the
database: the activity adds 2 points that count, so the total waited for differs from the one
on screen before the key (which is waited for first), and only output written after the key
is searched. Output is read continuously, so the app never waits on the terminal. The figure
is the median over all adds and deletes; `keystroke_times` gives them separately.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from pathlib import Path

from generate import TODAY
from ptyrun import PtySession

from recert_tui.domain.counting import points_text
from recert_tui.session import Session

SAVE = b"\x13"  # ctrl+s
TAB = "\t"
TOP = b"\x1b[1;5H"  # ctrl+home: the first row of the list
TIMEOUT = 60.0  # seconds; the first showing of a 10,000-row list takes a few


def _total_text(session: Session) -> str:
    report = session.report.credential("cma-aama")
    return f"{points_text(report.tally.counted)} of {points_text(report.rules.ce.total_points.value)}"


def _title(index: int) -> str:
    return f"Bench #{index:03d}"


def _fields(index: int) -> dict[str, str]:
    """What the form below submits: today's date, a CE course, 2 points on general."""
    return {
        "credential": "cma-aama",
        "title": _title(index),
        "date": TODAY.isoformat(),
        "kind": "ceu",
        "points": "",
        "area": "",
        "split": "general=2",
        "approved": "",
        "provider": "",
        "certificate": "",
        "notes": "",
        "college_credits": "",
    }


def _expected_totals(db: Path, folder: Path) -> tuple[str, str]:
    """(total now, total once the bench activity is added), from a scratch copy."""
    scratch = folder / "scratch" / db.name
    scratch.parent.mkdir()
    shutil.copyfile(db, scratch)
    with Session.open(scratch, TODAY) as session:
        before = _total_text(session)
        session.add_activity(_fields(0))
        after = _total_text(session)
    if before == after:
        raise RuntimeError(f"adding 2 general points leaves the CMA (AAMA) total at {before}: nothing to wait for")
    return before, after


def _fill_form(tty: PtySession, index: int) -> None:
    """Title, then Tab past date (today), kind (CE course) and points to the split field."""
    tty.type(_title(index))
    for _ in range(5):  # title -> date -> kind -> points (college credits is skipped) -> area -> split
        tty.type(TAB, pause=0.05)
    tty.type("general=2")


def keystroke_times(db: Path, repeats: int) -> dict[str, list[float]]:
    """Seconds from each data-changing key to the dashboard's new figures: {"add": [...], "delete": [...]}."""
    from bench import recert_command  # the installed `recert`, as bench.py starts it

    times: dict[str, list[float]] = {"add": [], "delete": []}
    with tempfile.TemporaryDirectory(prefix="recert-keystroke-") as name:
        folder = Path(name)
        before, after = _expected_totals(db, folder)
        copy = folder / "app" / db.name
        copy.parent.mkdir()
        shutil.copyfile(db, copy)  # the app writes only to this copy
        argv = [*recert_command(), "--db", str(copy), "--today", TODAY.isoformat()]
        env = {"RECERT_KEYMAP": str(folder / "no-keymap.toml")}  # the default keys, whatever the user's keymap says
        with PtySession(argv, env=env) as tty:
            tty.wait_for("CMA (AAMA)", TIMEOUT, what="the dashboard")
            tty.wait_for(before, TIMEOUT, what=f"the dashboard's total {before!r}")
            for index in range(repeats):
                title = _title(index)
                # Add, from the dashboard.
                tty.write("a", mark=True)
                tty.wait_for("Add a CE activity", TIMEOUT, what="the add-activity form")
                tty.drain(0.2)
                _fill_form(tty, index)
                tty.drain(0.3)  # let the form settle: only the save is timed
                sent = tty.write(SAVE, mark=True)
                shown = tty.wait_for(after, TIMEOUT, what=f"the new total {after!r} after saving {title!r}")
                times["add"].append(shown - sent)
                # Delete it, from the activities list (the newest, so highlighted first).
                tty.drain(0.3)
                tty.write("2", mark=True)
                tty.wait_for("sorted by", TIMEOUT, what="the activities list")
                tty.drain(0.2)
                tty.write(TOP)  # the newest row: the list keeps the cursor where it was
                tty.wait_for(f"· {title}", TIMEOUT, what=f"{title!r} highlighted on the activities list")
                tty.drain(0.3)
                tty.write("d", mark=True)
                tty.wait_for("Delete this activity?", TIMEOUT, what="the delete confirmation")
                tty.wait_for(title, TIMEOUT, what=f"the confirmation naming {title!r}")
                tty.drain(0.3)
                sent = tty.write("y1", mark=True)
                shown = tty.wait_for(
                    before, TIMEOUT, what=f"the total {before!r} back on the dashboard after the delete"
                )
                times["delete"].append(shown - sent)
                tty.drain(0.3)
    return times


def keystroke_ms(db: Path, repeats: int) -> float:
    """Median milliseconds from a data-changing key to the dashboard's new figures (adds and deletes)."""
    times = keystroke_times(db, repeats)
    return statistics.median(times["add"] + times["delete"]) * 1000
