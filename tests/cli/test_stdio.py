"""`-` is standard input or output on every import and export, through one piece of code.

`export ... -o -` writes what `export ...` writes; `import csv -` and `import json -` read a
pipe (a restore from standard input needs --yes: the input is the data, not an answer);
a binary export is never written to a terminal; text on a terminal shows control characters
rather than obeying them.
"""

from __future__ import annotations

import io
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recert_tui.cli.errors import CliError
from recert_tui.cli.files import output_target, write_output
from recert_tui.store import Store
from tests.helpers.terminals import PtyTerminal

from .conftest import ACTIVITY, make_recert

EXPORTS = {
    "worksheet-md": ("worksheet",),
    "worksheet-txt": ("worksheet", "--format", "txt"),
    "csv": ("csv",),
    "csv-excel": ("csv", "--excel"),
    "ics": ("ics",),
    "json": ("json",),
}


def run_bytes(recert, *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None):
    """`recert --db DB --today TODAY ARGS` with bytes in and out (text mode would change line ends)."""
    return subprocess.run(
        [sys.executable, "-m", "recert_tui.cli", "--db", str(recert.db), "--today", recert.today, *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=env or recert.env(),
        timeout=60,
    )


def run_on_terminal(argv: list[str], env: dict[str, str], *, stream: str, stdin: bytes = b""):
    """Run `argv` with `stream` ("stdout" or "stderr") on a fresh pseudo-terminal, the other on a pipe.

    Returns (exit code, every byte written to the terminal, the pipe's bytes).
    """
    main, terminal = os.openpty()
    other = subprocess.PIPE
    process = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=terminal if stream == "stdout" else other,
        stderr=terminal if stream == "stderr" else other,
        env={**env, "TERM": "xterm-256color"},
    )
    os.close(terminal)
    piped = process.stdout if stream == "stderr" else process.stderr
    assert process.stdin is not None and piped is not None
    process.stdin.write(stdin)
    process.stdin.close()
    shown, rest = b"", b""
    open_fds = {main, piped.fileno()}
    deadline = time.monotonic() + 60
    while open_fds and time.monotonic() < deadline:
        for fd in select.select(list(open_fds), [], [], 0.5)[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the terminal's other end is closed
                chunk = b""
            if not chunk:
                open_fds.discard(fd)
            elif fd == main:
                shown += chunk
            else:
                rest += chunk
    code = process.wait(timeout=30)
    os.close(main)
    piped.close()
    return code, shown, rest


def argv_for(recert, *args: str) -> list[str]:
    return [sys.executable, "-m", "recert_tui.cli", "--db", str(recert.db), "--today", recert.today, *args]


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """A CMA with two activities (one with an escape code and non-ASCII text) and an exam; tests must not change it."""
    recert = make_recert(tmp_path_factory.mktemp("stdio"))
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15", "--number", "123456")
    recert.ok(*ACTIVITY, "--provider", "Café 中文")
    recert.ok(*ACTIVITY[:5], "=1+1 \x1b[2J", *ACTIVITY[6:], "--notes", "two\nlines")
    recert.ok("exam", "add", "--exam", "cma-aama", "--date", "2027-01-15", "--result", "scheduled")
    return recert


def _fresh(tmp_path) -> object:
    fresh = make_recert(tmp_path / "fresh")
    fresh.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    return fresh


def _activities(db: Path) -> list:
    with Store.open(db, write=False) as store:
        return sorted((a._replace(id=None) for a in store.activities()), key=lambda a: (a.completed_on, a.title))


# --- exports ----------------------------------------------------------------------------------


@pytest.mark.parametrize("args", EXPORTS.values(), ids=EXPORTS.keys())
def test_dash_writes_to_standard_output_the_bytes_a_file_gets(filled, tmp_path, args):
    to_dash = run_bytes(filled, "export", *args, "-o", "-")
    default = run_bytes(filled, "export", *args)
    assert to_dash.returncode == 0 and to_dash.stderr == b"", to_dash.stderr
    assert to_dash.stdout == default.stdout and to_dash.stdout
    target = tmp_path / "out"
    run_bytes(filled, "export", *args, "-o", str(target))
    assert target.read_bytes() == to_dash.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # `-` is never a file name


def test_dash_with_force_is_still_standard_output(filled, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_bytes(filled, "export", "json", "-o", "-", "--force")
    assert result.returncode == 0 and result.stdout == filled.db.read_bytes()
    assert list(tmp_path.iterdir()) == []


def test_a_pdf_is_refused_on_a_terminal_before_anything_is_read(filled, tmp_path):
    for dash in ([], ["-o", "-"]):
        code, shown, err = run_on_terminal(
            argv_for(filled, "export", "worksheet", "--format", "pdf", *dash), filled.env(), stream="stdout"
        )
        assert code == 2 and shown == b""
        assert err == b"recert: -o: a PDF is not text and would garble the terminal; use -o FILE or a pipe\n"
    missing = make_recert(tmp_path)  # refused before the database is even looked for
    code, _, err = run_on_terminal(
        [*argv_for(missing, "export", "worksheet", "--format", "pdf")], missing.env(), stream="stdout"
    )
    assert code == 2 and b"use -o FILE or a pipe" in err


def test_a_pdf_goes_to_a_pipe(filled):
    result = run_bytes(filled, "export", "worksheet", "--format", "pdf", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"%PDF-")


class _Stdout:
    """A stand-in for sys.stdout: `terminal` says whether it is one; bytes land in `buffer`."""

    def __init__(self, terminal: bool) -> None:
        self.terminal = terminal
        self.buffer = io.BytesIO()

    def isatty(self) -> bool:
        return self.terminal

    def flush(self) -> None:
        pass


def test_write_output_keeps_binary_bytes_for_a_pipe_and_refuses_a_terminal(monkeypatch):
    payload = b"%PDF-1.7\n\x00\xff\x1b\r\n"
    pipe = _Stdout(terminal=False)
    monkeypatch.setattr(sys, "stdout", pipe)
    write_output(None, payload, "the worksheet", binary=True)
    assert pipe.buffer.getvalue() == payload

    terminal = _Stdout(terminal=True)
    monkeypatch.setattr(sys, "stdout", terminal)
    with pytest.raises(CliError) as refused:
        write_output(None, payload, "the worksheet", binary=True)
    assert refused.value.option == "-o" and refused.value.message.endswith("use -o FILE or a pipe")
    assert terminal.buffer.getvalue() == b""


def test_output_target_reads_dash_as_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = type("Args", (), {"output": "-", "db": str(tmp_path / "recert.json"), "force": False})()
    assert output_target(args) is None
    args.output = " - "  # taken without surrounding spaces, as every -o path is
    assert output_target(args) is None
    monkeypatch.setattr(sys, "stdout", _Stdout(terminal=True))
    assert output_target(args) is None  # text may go to a terminal
    with pytest.raises(CliError):
        output_target(args, binary="a PDF")


def test_text_on_a_terminal_shows_escapes_and_no_byte_order_mark(filled):
    code, shown, err = run_on_terminal(argv_for(filled, "export", "csv", "--excel"), filled.env(), stream="stdout")
    assert code == 0 and err == b""
    assert b"\x1b" not in shown and b"\\x1b[2J" in shown
    assert b"\xef\xbb\xbf" not in shown and b"\\ufeff" not in shown
    assert shown.startswith(b"credential,date,title")


# --- imports ----------------------------------------------------------------------------------


def test_import_csv_reads_a_pipe(filled, tmp_path):
    exported = run_bytes(filled, "export", "csv", "-o", "-").stdout
    fresh = _fresh(tmp_path)
    result = run_bytes(fresh, "import", "csv", "-", stdin=exported)
    assert result.returncode == 0 and result.stderr == b""
    assert result.stdout == b"Added 2 activities.\n"
    assert _activities(fresh.db) == _activities(filled.db)


def test_import_csv_from_a_pipe_names_it_in_problems(tmp_path):
    fresh = _fresh(tmp_path)
    before = fresh.db.read_bytes()
    rows = b"date,title,points,area,credential\n2025-02-30,Bad date,1,clinical,cma-aama\n"
    result = run_bytes(fresh, "import", "csv", "-", stdin=rows)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "recert: FILE: 1 row of standard input rejected, so nothing was written; fix them and import again\n"
    )
    empty = run_bytes(fresh, "import", "csv", "-", stdin=b"")
    assert empty.returncode == 2 and b"the file is empty" in empty.stdout
    assert fresh.db.read_bytes() == before


def test_import_csv_waits_for_typed_rows_and_says_how_to_end(tmp_path):
    fresh = _fresh(tmp_path)
    terminal = PtyTerminal(argv_for(fresh, "import", "csv", "-", "--credential", "cma-aama"), fresh.env())
    try:
        terminal.wait_for(b"Reading standard input; end it with Ctrl-D.")
        terminal.send(b"date,title,points,area\r2025-03-05,Typed in,1,clinical\r")
        terminal.send(b"\x04")  # Ctrl-D at the start of a line: the end of the input
        assert terminal.wait_exit() == 0
        assert b"Added 1 activity." in terminal.output
    finally:
        terminal.close()
    assert [a.title for a in _activities(fresh.db)] == ["Typed in"]


def _restore_env(recert, tmp_path) -> tuple[dict[str, str], Path]:
    """The environment with a temporary folder of its own, to see that nothing is left in it."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    return {**recert.env(), "TMPDIR": str(scratch)}, scratch


def test_import_json_from_a_pipe_needs_yes(filled, tmp_path):
    fresh = _fresh(tmp_path)
    before = fresh.db.read_bytes()
    result = run_bytes(fresh, "import", "json", "-", stdin=filled.db.read_bytes())
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode() == (
        "recert: --yes: the backup comes from standard input, so recert cannot ask; "
        "add --yes to replace your records with it\n"
    )
    assert fresh.db.read_bytes() == before


def test_import_json_from_a_pipe_restores(filled, tmp_path):
    fresh = _fresh(tmp_path)
    current = fresh.db.read_bytes()
    env, scratch = _restore_env(fresh, tmp_path)
    result = run_bytes(fresh, "import", "json", "-", "--yes", stdin=filled.db.read_bytes(), env=env)
    assert result.returncode == 0, result.stderr
    said = result.stdout.decode()
    assert "The backup holds 1 credential, 2 activities, 1 exam attempt." in said
    assert "Restored your records from standard input." in said
    assert fresh.db.read_bytes() == filled.db.read_bytes()
    [kept] = fresh.db.parent.glob("recert.json.before-restore-*.json")
    assert kept.read_bytes() == current
    assert list(scratch.iterdir()) == []  # the private copy of the input is gone


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"credentials": {"1": {"code": "cma-aama"', "standard input is cut short"),
        (b"", "standard input is empty"),
        (b"\xff\xfe\x00", "standard input"),
    ],
    ids=["cut-short", "empty", "binary"],
)
def test_import_json_from_a_pipe_refuses_a_bad_backup(tmp_path, content, words):
    fresh = _fresh(tmp_path)
    before = fresh.db.read_bytes()
    env, scratch = _restore_env(fresh, tmp_path)
    result = run_bytes(fresh, "import", "json", "-", "--yes", stdin=content, env=env)
    assert result.returncode == 3 and result.stdout == b""
    [line] = result.stderr.decode().splitlines()
    assert line.startswith("recert: ") and words in line and line.endswith("Your records were not replaced.")
    assert "recert-input-" not in line  # the temporary copy is never named
    assert fresh.db.read_bytes() == before
    assert list(scratch.iterdir()) == []


# --- the study bank shares the same code ------------------------------------------------------


def test_study_export_dash_and_force_behave_as_every_export(tmp_path):
    recert = make_recert(tmp_path / "bank")
    recert.ok("study", "import", "--starter")
    to_dash = run_bytes(recert, "study", "export", "-o", "-")
    assert to_dash.returncode == 0 and to_dash.stdout == run_bytes(recert, "study", "export").stdout
    target = tmp_path / "bank.csv"
    target.write_bytes(b"mine")
    refused = recert("study", "export", "-o", str(target))
    assert refused.returncode == 2 and "already exists; add --force" in refused.stderr
    assert target.read_bytes() == b"mine"
    recert.ok("study", "export", "-o", str(target), "--force")
    assert target.read_bytes() == to_dash.stdout
    onto_db = recert("study", "export", "-o", str(recert.db), "--force")
    assert onto_db.returncode == 2 and "is your database file" in onto_db.stderr
    assert json.loads(recert.db.read_bytes())  # still the database
