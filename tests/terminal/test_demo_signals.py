"""`recert --demo` removes its temporary copy however it ends: quit, a dropped SSH
connection (SIGHUP) or a polite kill (SIGTERM)."""

from __future__ import annotations

import os
import signal

import pytest

from tests.helpers.rules import RECERT
from tests.helpers.terminals import needs_recert
from tests.perf.ptyrun import PtySession

from .conftest import recert_env

pytestmark = needs_recert


def demo_folders(tmp: os.PathLike) -> list[str]:
    return sorted(name for name in os.listdir(tmp) if name.startswith("recert-demo-"))


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_the_demo_copy_is_removed_when_the_session_is_ended_by_a_signal(tmp_path, signum):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**recert_env(tmp_path), "TMPDIR": str(tmp)}
    with PtySession([str(RECERT), "--demo"], env=env) as tty:
        tty.wait_for_screen(
            lambda screen: "DEMO" in screen.text() and "Total" in screen.text(), timeout=20, what="the demo dashboard"
        )
        assert len(demo_folders(tmp)) == 1  # the copy it works on
        os.kill(tty.pid, signum)
        status = tty.wait_exit(10)
    assert demo_folders(tmp) == []
    # It ends as that signal ends a program, so the shell and SSH see the usual status.
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signum


def test_the_demo_copy_is_removed_on_quit(tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**recert_env(tmp_path), "TMPDIR": str(tmp)}
    with PtySession([str(RECERT), "--demo"], env=env) as tty:
        tty.wait_for_screen(lambda screen: "DEMO" in screen.text(), timeout=20, what="the demo dashboard")
        assert len(demo_folders(tmp)) == 1
    assert demo_folders(tmp) == []
