"""The Roster in a real terminal (tmux at 80x24): `recert --roster FOLDER`, typed as a user
types, with NO_COLOR; its worker processes gone once it quits, and nothing written."""

from __future__ import annotations

import os
import subprocess
import time

from tests.helpers.roster_people import clinic, listing, person_file
from tests.helpers.rules import RECERT, TODAY_TEXT
from tests.helpers.terminals import TmuxTerminal, needs_tmux

from .conftest import recert_env


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(each) for each in found]


@needs_tmux
def test_the_roster_by_keyboard_in_a_real_terminal(tmp_path):
    folder = clinic(tmp_path / "clinic")
    for number in range(40):  # enough files to be read in worker processes (roster.PROCESSES_FROM_FILES)
        person_file(
            folder, f"staff-{number:02d}.json", name=f"Staff {number:02d}", credentials=[("rma-amt", "2025-02-01")]
        )
    before = listing(folder)
    env = {**recert_env(tmp_path), "NO_COLOR": "1"}
    command = [
        str(RECERT),
        "--db",
        str(tmp_path / "own" / "recert.json"),
        "--today",
        TODAY_TEXT,
        "--roster",
        str(folder),
    ]
    terminal = TmuxTerminal(command, env)
    try:
        screen = terminal.wait("46 rows · 46 people")
        lines = screen.splitlines()
        assert "Lena Lapsed" in lines[4] and "LAPSED" in lines[4]  # the most urgent first, in words
        app_pid = int(terminal._tmux("display-message", "-p", "-t", "app", "#{pane_pid}").strip())
        workers = children(app_pid)
        terminal.type("sam")
        terminal.wait("1 of 46 rows")
        terminal.keys("Enter")
        screen = terminal.wait("read only")
        assert "Sam Soon" in screen.splitlines()[0] and "DUE SOON" in screen
        terminal.keys("Escape")
        terminal.wait("1 of 46 rows")
        terminal.keys("Escape")  # clears the filter
        terminal.wait("46 rows · 46 people")
        terminal.keys("C-q")
        end = time.monotonic() + 10
        while not terminal.exited() and time.monotonic() < end:
            time.sleep(0.1)
        assert terminal.exited()
    finally:
        terminal.close()
    time.sleep(0.2)
    assert [pid for pid in workers if os.path.exists(f"/proc/{pid}")] == []  # no worker outlives the app
    assert listing(folder) == before  # nothing written there: no lock, no temp file
    assert not (tmp_path / "own").exists()  # the user's own database is only ever read
