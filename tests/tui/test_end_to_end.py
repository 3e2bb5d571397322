"""The installed `recert` in a real terminal (tmux), used with keys only, as a new user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

RECERT = Path(sys.executable).parent / "recert"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None or not RECERT.exists(),
                                reason="needs tmux and the installed recert script")


class Terminal:
    """An 80x24 tmux pane on a private socket (never the user's own tmux)."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.socket = f"recert-test-{uuid.uuid4().hex[:8]}"
        self.name = "app"
        self._tmux("new-session", "-d", "-s", self.name, "-x", "80", "-y", "24",
                   *(f"-e{key}={value}" for key, value in env.items()), "--", *command)
        self._tmux("set-option", "-t", self.name, "remain-on-exit", "on")
        self._tmux("set-option", "-s", "escape-time", "10")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        for key in keys:  # one at a time, as typed
            self._tmux("send-keys", "-t", self.name, key)
            time.sleep(0.05)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", "--", text)
        time.sleep(0.1)

    def wait(self, text: str, timeout: float = 15.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if text in self.screen():
                return
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen:\n{self.screen()}")

    def exited(self) -> bool:
        return self._tmux("display-message", "-p", "-t", self.name, "#{pane_dead}").strip() == "1"

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def test_first_run_to_dashboard_with_keys_only(tmp_path):
    env = {"RECERT_RULES_DIR": str(tmp_path / "rules"), "RECERT_KEYMAP": str(tmp_path / "keymap.toml"),
           "HOME": os.environ.get("HOME", str(tmp_path)), "TERM": "xterm-256color", "PATH": os.environ.get("PATH", "")}
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
