"""The store never pulls in textual, and the db path is chosen as documented."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from hypothesis import given, settings
from hypothesis import strategies as st

from recert_tui.store import default_db_path, resolve_db_path
from recert_tui.store.paths import absolute_path, expand_user, pure_path

from .store_helpers import run_child


def test_importing_the_store_does_not_import_textual():
    result = run_child("""
        import sys
        import recert_tui.store
        from recert_tui.store import Store, atomic, backups, errors, lock, paths, repository, schema
        print("textual" in sys.modules, any(m.startswith("textual.") for m in sys.modules))
    """)
    assert result.stdout.split() == ["False", "False"]


def test_env_var_wins_over_the_platform_default(monkeypatch, tmp_path):
    monkeypatch.setenv("RECERT_DB", str(tmp_path / "mine.json"))
    assert default_db_path() == str(tmp_path / "mine.json")
    assert resolve_db_path(None) == str(tmp_path / "mine.json")


def test_platform_default_without_env_var(monkeypatch):
    monkeypatch.delenv("RECERT_DB", raising=False)
    expected = str(Path(platformdirs.user_data_dir("recert-tui", appauthor=False)) / "recert.json")
    assert default_db_path() == expected
    assert resolve_db_path(None) == expected


def test_cli_value_wins_and_tilde_expands(monkeypatch, tmp_path):
    monkeypatch.setenv("RECERT_DB", str(tmp_path / "env.json"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert resolve_db_path("~/cli.json") == str(tmp_path / "home" / "cli.json")
    monkeypatch.setenv("RECERT_DB", "~/env.json")
    assert resolve_db_path(None) == str(tmp_path / "home" / "env.json")


# --- the path helpers stand in for pathlib on the read path: they must give its answers ---

_path_texts = st.lists(
    st.sampled_from(["/", "//", "///", ".", "..", "a", "b.json", "~", "~root", "~nosuchuser9", "x y", "é"]),
    min_size=1,
    max_size=7,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_path_texts)
def test_path_helpers_give_pathlibs_answers(text):
    assert pure_path(text) == str(Path(text))
    try:
        expected = str(Path(text).expanduser())
    except RuntimeError:
        expected = RuntimeError
    try:
        got = expand_user(text)
    except RuntimeError:
        got = RuntimeError
    assert got == expected
    if expected is not RuntimeError:
        assert absolute_path(text) == str(Path(text).expanduser().absolute())
