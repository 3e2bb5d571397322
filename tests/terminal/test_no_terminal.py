"""`recert` (the app) without a terminal: `echo | recert`, `ssh host recert` without -t, cron.

It must end at once with exit status 2 and one sentence naming the commands that work
without a terminal, and must not have started drawing. The subprocess timeout catches a
hang; it is not a timing assertion.
"""

from __future__ import annotations

import os
import pty
import subprocess

import pytest

from tests.helpers.rules import RECERT
from tests.helpers.terminals import needs_recert

from .conftest import recert_env

pytestmark = needs_recert


def run(argv, home, **streams) -> subprocess.CompletedProcess:
    return subprocess.run([str(RECERT), *argv], env=recert_env(home), timeout=20, **streams)


def one_sentence(err: bytes) -> str:
    text = err.decode()
    assert len(text.splitlines()) == 1, text
    assert text.startswith("recert: ") and "Traceback" not in text, text
    assert "recert status" in text and "recert --help" in text, text
    return text


@pytest.mark.parametrize("stdin", [subprocess.DEVNULL, "echo"], ids=["no-input", "echo-pipe"])
def test_no_terminal_at_all_exits_2_with_one_sentence(tmp_path, stdin):
    extra = {"input": b"\n"} if stdin == "echo" else {"stdin": stdin}
    result = run(["--db", str(tmp_path / "mine.json")], tmp_path, capture_output=True, **extra)
    assert result.returncode == 2
    one_sentence(result.stderr)
    assert result.stdout == b""  # nothing was drawn
    assert not (tmp_path / "mine.json").exists()


def test_ssh_without_t_an_open_pipe_that_never_ends(tmp_path):
    """`ssh host recert`: input is a pipe that stays open; the app must not wait on it."""
    process = subprocess.Popen(
        [str(RECERT), "--db", str(tmp_path / "mine.json")],
        env=recert_env(tmp_path),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, err = process.communicate(timeout=20)  # stdin is left open until then
    finally:
        process.kill()
    assert process.returncode == 2
    one_sentence(err)


def test_output_not_a_terminal_but_input_is(tmp_path):
    """`recert 2>log` in a terminal: the app draws on stderr, which here is not one."""
    parent, child = pty.openpty()
    try:
        result = run(["--demo"], tmp_path, stdin=child, stdout=child, stderr=subprocess.PIPE)
    finally:
        os.close(parent)
        os.close(child)
    assert result.returncode == 2
    one_sentence(result.stderr)


def test_the_commands_it_points_to_work_without_a_terminal(tmp_path):
    db = str(tmp_path / "mine.json")
    for argv in (["credential", "add", "cma-aama", "--earned", "2022-03-15"], ["status"], ["--help"]):
        result = run(["--db", db, *argv], tmp_path, capture_output=True, stdin=subprocess.DEVNULL)
        assert result.returncode == 0, (argv, result.stderr)
