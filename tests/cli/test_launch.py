"""`recert` with no command opens the terminal app; run in-process with a stand-in app."""

from __future__ import annotations

import stat
import sys
import types
from pathlib import Path

import pytest

from recert_tui.catalog import shipped_data_dir
from recert_tui.cli import launch, main


@pytest.fixture
def fake_app(monkeypatch):
    """Replace recert_tui.tui.app with a stand-in whose run_app records what it was given."""
    calls = []

    def run_app(session, *, mouse=False, demo=False):
        path = Path(session.store.path)
        calls.append(
            {
                "path": path,
                "folder_mode": stat.S_IMODE(path.parent.stat().st_mode),
                "read_only": session.read_only,
                "today": session.today,
                "codes": sorted(session.held_codes),
                "mouse": mouse,
                "demo": demo,
            }
        )
        return 0

    module = types.ModuleType("recert_tui.tui.app")
    module.run_app = run_app
    monkeypatch.setitem(sys.modules, "recert_tui.tui.app", module)
    return calls


def test_no_command_opens_the_app_on_the_db(fake_app, tmp_path):
    db = tmp_path / "mine.json"
    assert main(["--db", str(db), "--today", "2026-11-23", "--mouse"]) == 0
    [call] = fake_app
    assert call["path"] == db and call["mouse"] is True and call["demo"] is False
    assert call["read_only"] is False and str(call["today"]) == "2026-11-23"


def test_read_only_opens_the_session_read_only(fake_app, tmp_path):
    assert main(["--db", str(tmp_path / "mine.json"), "--read-only"]) == 0
    assert fake_app[0]["read_only"] is True


@pytest.mark.skipif(
    not (Path(shipped_data_dir()) / "demo" / "profile.json").is_file(), reason="demo data not shipped yet"
)
def test_demo_runs_on_a_private_copy_removed_afterwards(fake_app, tmp_path):
    mine = tmp_path / "mine.json"
    assert main(["--db", str(mine), "--demo"]) == 0
    [call] = fake_app
    assert call["demo"] is True and call["path"] != mine
    assert call["folder_mode"] == 0o700
    assert call["codes"]  # the demo profile holds credentials
    assert not call["path"].parent.exists()  # removed afterwards
    assert not mine.exists()  # the user's own file is never touched


def test_missing_app_is_one_line_and_exit_1(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "recert_tui.tui.app", None)  # makes the import fail
    assert main(["--db", str(tmp_path / "mine.json")]) == 1
    captured = capsys.readouterr()
    assert len(captured.err.splitlines()) == 1 and captured.err.startswith("recert: the terminal app is not available")
    assert not (tmp_path / "mine.json").exists()


def test_bad_today_before_the_app_opens(fake_app, capsys):
    assert main(["--today", "2025-02-30"]) == 2
    assert capsys.readouterr().err.startswith("recert: --today: ")
    assert fake_app == []


def test_the_roster_opens_though_the_users_own_file_cannot_be_read(monkeypatch, tmp_path):
    """The roster never needs the user's own file: a damaged one costs only its theme."""
    from tests.helpers.roster_people import person_file

    seen = []

    def run_app(session, *, mouse=False, roster=None):
        seen.append((session.read_only, session.profile.credentials, [Path(p).name for p in roster.files]))
        return 0

    module = types.ModuleType("recert_tui.tui.app")
    module.run_app = run_app
    monkeypatch.setitem(sys.modules, "recert_tui.tui.app", module)
    own = tmp_path / "mine.json"
    own.write_text("{damaged")
    folder = tmp_path / "clinic"
    person_file(folder, "ana.json", credentials=[("cma-aama", "2022-03-15")])
    folders = []  # the temporary folders launch makes: only for a file that cannot be read
    real_folder = launch.tempfile.TemporaryDirectory
    monkeypatch.setattr(launch.tempfile, "TemporaryDirectory", lambda **kw: folders.append(kw) or real_folder(**kw))
    assert main(["--db", str(own), "--today", "2026-11-23", "--roster", str(folder)]) == 0
    assert seen == [(True, (), ["ana.json"])]
    assert own.read_text() == "{damaged"  # untouched
    assert len(folders) == 1
    mine = person_file(tmp_path / "own", "mine.json", credentials=[("cma-aama", "2022-03-15")], roster_export=False)
    assert main(["--db", str(mine), "--today", "2026-11-23", "--roster", str(folder)]) == 0
    assert seen[-1][1] != ()  # the user's own file was read (for its theme)
    assert len(folders) == 1  # and no folder was made for it
