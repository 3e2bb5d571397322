"""`recert import csv --encoding NAME`: a named encoding is used, a bad name or a file that is not
in it gets one sentence (with the line for the latter); without it, UTF-8, else cp1252 named as a guess.
"""

from __future__ import annotations

import pytest

from recert_tui.store import Store
from tests.helpers.rules import TODAY_TEXT

from .conftest import TRACEBACK, run_cli

HEADER = "date,title,points,area,credential\n"


def _import(db, source, *options):
    run = run_cli(["--db", str(db), "--today", TODAY_TEXT, "import", "csv", str(source), *options])
    assert run.crash is None, run.crash
    assert not TRACEBACK.search(run.text), run.text
    return run


def _titles(db) -> list[str]:
    with Store.open(db, write=False) as store:
        return [activity.title for activity in store.activities()]


@pytest.mark.parametrize(
    "encoding, title",
    [
        ("latin-1", "Café ½ day"),
        ("cp1252", "Ethics “quoted” – €5"),
        ("utf-16", "Anatomy 漢字"),
        ("ISO-8859-15", "Œuvre €"),
        ("mac_roman", "Café"),
    ],
)
def test_a_named_encoding_is_used(db, tmp_path, encoding, title):
    source = tmp_path / "ce.csv"
    source.write_bytes((HEADER + f"2025-03-05,{title},1,general,cma-aama\n").encode(encoding))
    run = _import(db, source, "--encoding", encoding)
    assert run.code == 0, run.err
    assert _titles(db) == [title]
    assert "guess" not in run.out and "Windows-1252" not in run.out  # no guess was made


@pytest.mark.parametrize(
    "name, sentence",
    [
        (
            "klingon",
            "recert: --encoding: 'klingon' is not an encoding recert knows; name one such as utf-8, cp1252, "
            "latin-1 or utf-16\n",
        ),
        (
            "",
            "recert: --encoding: '' is not an encoding recert knows; name one such as utf-8, cp1252, latin-1 or utf-16\n",
        ),
        (
            "base64",
            "recert: --encoding: 'base64' is not a text encoding; name one such as utf-8, cp1252, latin-1 or utf-16\n",
        ),
        (
            "rot13",
            "recert: --encoding: 'rot13' is not a text encoding; name one such as utf-8, cp1252, latin-1 or utf-16\n",
        ),
        (
            "x\x1b[2J",
            "recert: --encoding: 'x\\x1b[2J' is not an encoding recert knows; name one such as utf-8, cp1252, "
            "latin-1 or utf-16\n",
        ),
    ],
)
def test_an_unknown_encoding_is_one_sentence(db, tmp_path, name, sentence):
    source = tmp_path / "ce.csv"
    source.write_text(HEADER + "2025-03-05,Ethics,1,general,cma-aama\n")
    before = db.read_bytes()
    run = _import(db, source, f"--encoding={name}")
    assert (run.code, run.err, run.out) == (2, sentence, "")
    assert db.read_bytes() == before


def test_a_file_not_in_the_named_encoding_names_the_line(db, tmp_path):
    source = tmp_path / "ce.csv"
    source.write_bytes(
        HEADER.encode() + b"2025-03-05,Ethics,1,general,cma-aama\n2025-03-06,Caf\xe9,1,general,cma-aama\n"
    )
    before = db.read_bytes()
    run = _import(db, source, "--encoding", "utf-8")
    assert run.code == 2 and run.out == ""
    assert run.err == (
        f"recert: --encoding: {source} cannot be read as utf-8: line 3 has bytes that are not "
        "utf-8 text (invalid continuation byte)\n"
    )
    assert db.read_bytes() == before


@pytest.mark.parametrize("line_end", [b"\n", b"\r\n", b"\r"])
def test_the_line_is_counted_whatever_the_line_ends(db, tmp_path, line_end):
    source = tmp_path / "ce.csv"
    source.write_bytes(
        line_end.join(
            [
                b"date,title,points,area,credential",
                b"2025-03-05,A,1,general,cma-aama",
                b"2025-03-06,B,1,general,cma-aama",
                b"2025-03-07,\x81,1,general,cma-aama",
                b"",
            ]
        )
    )
    run = _import(db, source, "--encoding", "cp1252")
    assert run.code == 2 and "line 4 has bytes that are not cp1252 text" in run.err, run.err


def test_a_cut_utf16_file_names_its_last_line(db, tmp_path):
    source = tmp_path / "ce.csv"
    rows = HEADER + "2025-03-05,Ethics,1,general,cma-aama\n2025-03-06,Vitals,1,general,cma-aama"
    source.write_bytes(rows.encode("utf-16")[:-1])  # half of the last character
    run = _import(db, source, "--encoding", "utf-16")
    assert run.code == 2 and "line 3 has bytes that are not utf-16 text (truncated data)" in run.err, run.err


def test_without_the_option_a_non_utf8_file_is_read_as_cp1252_and_the_guess_is_named(db, tmp_path):
    source = tmp_path / "ce.csv"
    source.write_bytes((HEADER + "2025-03-05,Café “x”,1,general,cma-aama\n").encode("cp1252"))
    run = _import(db, source)
    assert run.code == 0, run.err
    flat = " ".join(run.out.split())
    assert (
        f"{source} is not UTF-8, so it was read as Windows-1252 text (a guess); check the titles, or give its "
        "encoding with --encoding." in flat
    )
    assert _titles(db) == ["Café “x”"]


def test_a_file_that_is_neither_utf8_nor_cp1252_points_to_the_option(db, tmp_path):
    source = tmp_path / "ce.csv"
    source.write_bytes(HEADER.encode() + b"2025-03-05,\x81\x8d,1,general,cma-aama\n")
    run = _import(db, source)
    assert run.code == 2
    assert run.err == (
        f"recert: FILE: {source} is neither UTF-8 nor Windows-1252 text; save it from your "
        "spreadsheet as CSV UTF-8, or give its encoding with --encoding\n"
    )


def test_the_option_is_documented():
    run = run_cli(["import", "csv", "--help"])
    flat = " ".join(run.out.split())
    assert "--encoding NAME" in flat and "cp1252" in flat and "latin-1" in flat
