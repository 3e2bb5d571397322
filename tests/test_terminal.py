"""The ground module that says whether the process talks to a terminal."""

from __future__ import annotations

import io
import os
import sys

import pytest

from recert_tui.terminal import is_terminal, terminal_problem


def test_a_pty_is_a_terminal_and_a_pipe_a_file_or_nothing_is_not(tmp_path):
    leader, follower = os.openpty()
    with os.fdopen(follower, "w") as tty, open(tmp_path / "f", "w") as file:
        assert is_terminal(tty)
        assert not is_terminal(file)
    os.close(leader)
    assert not is_terminal(io.StringIO())
    assert not is_terminal(None)


def test_a_closed_stream_is_not_a_terminal_and_raises_nothing():
    stream = io.StringIO()
    stream.close()
    assert not is_terminal(stream)


@pytest.mark.parametrize(
    ("stdin_tty", "stderr_tty", "named"),
    [(False, True, "its input is"), (True, False, "its output is"), (False, False, "its input and output are")],
)
def test_the_app_names_each_missing_terminal(monkeypatch, stdin_tty, stderr_tty, named):
    class Stream(io.StringIO):
        def __init__(self, tty: bool) -> None:
            super().__init__()
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    monkeypatch.setattr(sys, "__stdin__", Stream(stdin_tty))
    monkeypatch.setattr(sys, "__stderr__", Stream(stderr_tty))
    problem = terminal_problem()
    assert problem is not None and named in problem and "ssh -t" in problem


def test_with_both_terminals_the_app_may_start(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "__stdin__", Tty())
    monkeypatch.setattr(sys, "__stderr__", Tty())
    assert terminal_problem() is None
