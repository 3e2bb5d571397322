"""`recert profile [--name NAME] [--json]`: the holder's name, checked as the app checks it."""

from __future__ import annotations

import json

import pytest

from recert_tui.domain.errors import InvalidInput
from recert_tui.session import MAX_HOLDER_NAME, holder_name_from

from .conftest import Recert


def test_no_name_yet_then_set_shown_and_removed(recert: Recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    assert "No name is set" in recert.ok("profile")
    assert json.loads(recert.ok("profile", "--json")) == {"name": None}
    assert (
        recert.ok("profile", "--name", "  Maria   Lopez ")
        == "Your name is now Maria Lopez. Exports and rosters show it.\n"
    )
    assert recert.ok("profile") == "Your name: Maria Lopez. Exports and rosters show it.\n"
    assert json.loads(recert.ok("profile", "--json")) == {"name": "Maria Lopez"}
    before = recert.db.stat().st_mtime_ns
    assert "already Maria Lopez; nothing was changed" in recert.ok("profile", "--name", "Maria Lopez")
    assert recert.db.stat().st_mtime_ns == before  # the same name: not written
    assert (
        recert.ok("profile", "--name", "")
        == "Removed your name (Maria Lopez): rosters show your file's name instead.\n"
    )
    assert json.loads(recert.ok("profile", "--json")) == {"name": None}


def test_the_name_goes_into_the_backup_and_the_roster(recert: Recert, tmp_path):
    recert.ok("profile", "--name", "Aisha Okafor")
    backup = json.loads(recert.ok("export", "json"))
    assert backup["settings"]["1"]["holder_name"] == "Aisha Okafor"
    assert json.loads(recert.ok("roster", str(recert.db), "--json"))["rows"][0]["person"] == "Aisha Okafor"


@pytest.mark.parametrize(
    "name, words",
    [
        ("line one\nline two", "a name is one line"),
        ("Evil\x1b[31mRed", "a name cannot hold control characters"),
        ("Tab\there", "a name cannot hold control characters"),
        ("Right\u202eto left", "a name cannot hold control characters"),
        ("x" * (MAX_HOLDER_NAME + 1), f"that is {MAX_HOLDER_NAME + 1} characters; a name is at most {MAX_HOLDER_NAME}"),
    ],
)
def test_a_bad_name_is_one_sentence_exit_2_and_nothing_is_written(recert: Recert, name, words):
    result = recert("profile", "--name", name)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("recert: --name: ") and words in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not recert.db.exists()  # refused before the file was opened: not even created


def test_the_longest_name_is_kept_and_one_more_is_refused():
    assert holder_name_from("y" * MAX_HOLDER_NAME) == "y" * MAX_HOLDER_NAME
    assert holder_name_from("  " + "y" * MAX_HOLDER_NAME + "  ") == "y" * MAX_HOLDER_NAME  # spaces around do not count
    with pytest.raises(InvalidInput):
        holder_name_from("y" * (MAX_HOLDER_NAME + 1))


def test_a_read_only_session_cannot_set_it(recert: Recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    result = recert.raw("--db", str(recert.db), "--read-only", "profile", "--name", "X")
    assert result.returncode == 3 and "Nothing was changed" in result.stderr


def test_showing_a_missing_database_says_so(recert: Recert):
    result = recert("profile")
    assert result.returncode == 3 and "does not exist" in result.stderr
