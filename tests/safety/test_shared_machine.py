"""Shared machines: what the CLI creates is private whatever the umask, and a database path that is
a symlink to another user's file is refused before anything is written.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import types

import pytest

from tests.helpers.rules import TODAY_TEXT

from .conftest import cli_env, run_cli

# Runs the CLI in-process under umask 000 and reports the mode of everything created, including
# every temp file at the moment it is renamed into place.
UMASK_CHILD = textwrap.dedent("""
    import json, os, stat, sys
    os.umask(0)
    temp_modes = []
    real_replace = os.replace
    def spying_replace(src, dst, *a, **k):
        temp_modes.append([os.path.basename(str(src)), stat.S_IMODE(os.stat(src).st_mode)])
        return real_replace(src, dst, *a, **k)
    os.replace = spying_replace
    from recert_tui.cli import main
    root, today = sys.argv[1], sys.argv[2]
    db = os.path.join(root, "new", "deeper", "recert.json")
    out = os.path.join(root, "exports")
    os.mkdir(out)  # a folder the user made (0777 under this umask); the files in it must still be private
    codes = []
    def run(*args):
        codes.append([list(args), main(["--db", db, "--today", today, *args])])
    run("credential", "add", "cma-aama", "--earned", "2022-03-15")
    for title in ("one", "two"):
        run("activity", "add", "--credential", "cma-aama", "--title", title, "--date", "2025-03-05",
            "--points", "1", "--area", "general")
    for kind in ("csv", "json", "ics", "worksheet"):
        run("export", kind, "-o", os.path.join(out, "export." + kind))
    run("import", "json", os.path.join(out, "export.json"), "--yes")
    with open(db, "r+b") as f:  # damage it, then let doctor restore a backup and keep it aside
        f.truncate(20)
    run("doctor", "--restore", "--yes")
    modes = {}
    for folder in (os.path.dirname(db), out):
        for name in os.listdir(folder):
            modes[os.path.join(os.path.basename(folder), name)] = stat.S_IMODE(os.stat(os.path.join(folder, name)).st_mode)
    for folder in (os.path.dirname(db), os.path.dirname(os.path.dirname(db))):
        modes["<folder> " + os.path.basename(folder)] = stat.S_IMODE(os.stat(folder).st_mode)
    print(json.dumps({"codes": codes, "modes": modes, "temp": temp_modes}))
""")


def test_everything_the_cli_creates_is_private_under_umask_000(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", UMASK_CHILD, str(tmp_path), TODAY_TEXT],
        capture_output=True,
        text=True,
        env=cli_env(tmp_path / "rules"),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert all(code == 0 for _, code in report["codes"]), report["codes"]
    modes = report["modes"]
    assert modes.pop("<folder> deeper") == 0o700 and modes.pop("<folder> new") == 0o700
    kinds = {"recert.json": 0, ".lock": 0, ".backup-": 0, ".before-restore-": 0, "exports/export.": 0}
    for name, mode in modes.items():
        assert mode == 0o600, f"{name} is {mode:04o}"
        for kind in kinds:
            if kind in name:
                kinds[kind] += 1
    assert all(kinds.values()), kinds  # each kind of file was made and checked
    assert report["temp"] and {mode for _, mode in report["temp"]} == {0o600}, report["temp"]


@pytest.fixture
def foreign(tmp_path):
    """A database file (and its folder) owned by another user (uid 65534)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to create a file owned by another user")
    folder = tmp_path / "theirs"
    folder.mkdir()
    target = folder / "recert.json"
    target.write_text('{"meta": {"1": {"schema_version": 2}}}')
    os.chown(target, 65534, 65534)
    os.chown(folder, 65534, 65534)
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o700)
    link = mine / "recert.json"
    link.symlink_to(target)
    return types.SimpleNamespace(link=link, target=target, folder=folder, mine=mine, content=target.read_bytes())


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["status"],
        ["doctor"],
        ["credential", "add", "cma-aama", "--earned", "2022-03-15"],
        ["import", "json", "@BACKUP@", "--yes"],
    ],
    ids=["app", "status", "doctor", "credential-add", "import-json"],
)
def test_a_link_to_another_users_file_is_refused_and_nothing_is_written(foreign, no_app, tmp_path, args):
    backup = tmp_path / "backup.json"
    backup.write_text('{"meta": {"1": {"schema_version": 2}}}')
    args = [str(backup) if word == "@BACKUP@" else word for word in args]
    listing = {folder: sorted(os.listdir(folder)) for folder in (foreign.folder, foreign.mine)}
    run = run_cli(["--db", str(foreign.link), "--today", TODAY_TEXT, *args])
    assert run.crash is None, run.crash
    assert run.code == 3, (run.code, run.out, run.err)
    assert run.err == (
        f"recert: {foreign.link} is a link to {foreign.target}, which belongs to another user, "
        "so recert-tui will not open it.\n"
    )
    assert foreign.target.read_bytes() == foreign.content
    assert {folder: sorted(os.listdir(folder)) for folder in (foreign.folder, foreign.mine)} == listing
    assert os.stat(foreign.target).st_uid == 65534 and foreign.link.is_symlink()


def test_a_dangling_link_into_another_users_folder_is_refused(foreign):
    foreign.link.unlink()
    foreign.link.symlink_to(foreign.folder / "not-yet.json")
    run = run_cli(
        ["--db", str(foreign.link), "--today", TODAY_TEXT, "credential", "add", "cma-aama", "--earned", "2022-03-15"]
    )
    assert run.code == 3 and "belongs to another user" in run.err, run.err
    assert not (foreign.folder / "not-yet.json").exists()
    assert sorted(os.listdir(foreign.folder)) == ["recert.json"]
