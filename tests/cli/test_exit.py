"""The `recert` program's way out: output flushed, a failed write said in one line, no teardown."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def _recert(seeded, *argv: str, **popen) -> subprocess.CompletedProcess:
    """`python -m recert_tui.cli`, which runs what the installed `recert` script runs."""
    return subprocess.run(
        [sys.executable, "-m", "recert_tui.cli", "--db", str(seeded.db), "--today", "2026-11-23", *argv],
        env=seeded.env(),
        timeout=60,
        **popen,
    )


def test_output_and_exit_code_come_through(seeded):
    result = _recert(seeded, "status", "--json", capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout)["credentials"][0]["code"] == "cma-aama"
    bad = _recert(seeded, "activity", "remove", "999", capture_output=True, text=True)
    assert bad.returncode in (2, 3) and bad.stderr.count("\n") == 1


def test_the_script_uses_the_fast_exit():
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "recert"]
    assert script.value == "recert_tui.cli:command_line"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [("status", "--json"), ("credential", "list")], ids=["large output", "short output"])
def test_output_to_a_full_disk_is_one_line_and_exit_3(seeded, argv):
    # A large output fails while printing; a short one only when flushed on the way out.
    with open("/dev/full", "w") as full:
        result = _recert(seeded, *argv, stdout=full, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 3
    assert result.stderr == "recert: The output could not be written (No space left on device).\n"


def test_a_closed_stdout_is_no_crash(seeded):
    result = _recert(
        seeded,
        "credential",
        "list",
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 0 and result.stderr == ""


def test_a_reader_that_leaves_early_is_no_error(tmp_path, seeded):
    from tests.perf.generate import build_database

    db = build_database(tmp_path / "big.json", 1_000)  # ~170 KB of JSON: more than a pipe holds
    process = subprocess.Popen(
        [sys.executable, "-m", "recert_tui.cli", "--db", str(db), "status", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=seeded.env(),
    )
    assert process.stdout.read(5) == b'{"tod'
    process.stdout.close()  # like `recert status --json | head -c 5`
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == b""


def test_records_are_left_to_the_process_end_only_when_it_ends(seeded):
    from recert_tui import cli
    from recert_tui.cli import ending

    assert cli.main(["--db", str(seeded.db), "status", "--json"]) == 0
    assert ending._kept_for_exit == []  # called as a library: nothing is held
    code = (
        "import os, sys; from recert_tui import cli; from recert_tui.cli import ending; "
        "os._exit = lambda code: (sys.stdout.flush(), print(code, len(ending._kept_for_exit), file=sys.stderr)); "
        f"sys.argv = ['recert', '--db', {str(seeded.db)!r}, 'status', '--json']; cli.command_line()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=seeded.env(), timeout=60)
    assert result.stderr.split() == ["0", "1"]  # exit 0, the session held for the process end
