"""The installed `recert` in a real terminal (tmux), used with keys only, as a new user would."""

from __future__ import annotations

import os
import time

from tests.helpers.rules import RECERT
from tests.helpers.terminals import TmuxTerminal as Terminal
from tests.helpers.terminals import needs_tmux

pytestmark = needs_tmux


def test_first_run_to_dashboard_with_keys_only(tmp_path):
    env = {
        "RECERT_RULES_DIR": str(tmp_path / "rules"),
        "RECERT_KEYMAP": str(tmp_path / "keymap.toml"),
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
    }
    db = tmp_path / "recert.json"
    terminal = Terminal([str(RECERT), "--db", str(db), "--today", "2026-11-23"], env)
    try:
        terminal.wait("Welcome")
        terminal.keys("Enter")  # CMA (AAMA), the first credential in the list
        terminal.type("3/15/2022")
        terminal.keys("C-s")
        terminal.wait("Added: CMA (AAMA), earned 15 Mar 2022")
        terminal.keys("C-g")
        terminal.wait("expires 31 Mar 2027, in 128 days")
        assert "DUE SOON" in terminal.screen()
        terminal.keys("q")
        end = time.monotonic() + 10
        while time.monotonic() < end and not terminal.exited():
            time.sleep(0.1)
        assert terminal.exited(), terminal.screen()
        assert '"cma-aama"' in db.read_text()  # saved at once, no separate save step
    finally:
        terminal.close()
