"""The TOML parse cache gives exactly what tomllib gives, and never an old file's values."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from recert_tui import toml_cache
from recert_tui.toml_cache import TOMLError, cache_file, read_toml_files

RULES = """
code = "x"
name = "X (Y)"
areas = ["administrative", "clinical"]
[ce.total_points]
value = 60
source = "https://example.org/a"
[ce.cap]
value = 2.5
unconfirmed = true
"""


def _cached_texts() -> list[str]:
    return [text for text, _ in json.loads(Path(cache_file()).read_text())["parses"]]


def _no_parsing(monkeypatch):
    def refuse(path, text):
        raise AssertionError(f"{path} was parsed, not taken from the cache")

    monkeypatch.setattr(toml_cache, "_parse", refuse)


def test_second_read_comes_from_the_cache(tmp_path, monkeypatch):
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    first = read_toml_files([rules])
    assert first == [tomllib.loads(RULES)]
    _no_parsing(monkeypatch)
    assert read_toml_files([rules]) == first


def test_cached_values_keep_their_types(tmp_path, monkeypatch):
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    read_toml_files([rules])
    _no_parsing(monkeypatch)
    (cached,) = read_toml_files([rules])
    assert type(cached["ce"]["total_points"]["value"]) is int
    assert type(cached["ce"]["cap"]["value"]) is float
    assert cached["ce"]["cap"]["unconfirmed"] is True


def test_a_changed_file_is_parsed_again_even_with_the_same_size_and_time(tmp_path):
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    before = os.stat(rules)
    assert read_toml_files([rules])[0]["ce"]["total_points"]["value"] == 60
    rules.write_text(RULES.replace("value = 60", "value = 45"))
    os.utime(rules, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(rules).st_size == before.st_size
    assert read_toml_files([rules])[0]["ce"]["total_points"]["value"] == 45


def test_dates_come_back_as_dates(tmp_path, monkeypatch):
    rules = tmp_path / "x.toml"
    rules.write_text('[sources.a]\nchecked = 2026-11-23\nnotes = ["2026-11-23"]\n')
    parsed = read_toml_files([rules])
    _no_parsing(monkeypatch)
    assert read_toml_files([rules]) == parsed == [tomllib.loads(rules.read_text())]
    assert type(parsed[0]["sources"]["a"]["checked"]).__name__ == "date"


@pytest.mark.parametrize("text", [
    "at = 2026-11-23T10:00:00Z\n",  # a date-time: no exact JSON form here
    "at = 10:00:00\n",
    '[odd]\n"$date" = "2026-11-23"\n',  # shaped like the cache's own date tag
    "big = inf\n",
])
def test_values_without_a_json_form_are_parsed_every_time(tmp_path, text):
    odd, plain = tmp_path / "odd.toml", tmp_path / "plain.toml"
    odd.write_text(text)
    plain.write_text(RULES)
    for _ in range(2):
        assert read_toml_files([odd, plain]) == [tomllib.loads(text), tomllib.loads(RULES)]
    assert _cached_texts() == [RULES]


@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"format": 2, "parses": {}}', b'{"format": 2, "parses": [[1, 2]]}',
                                     b'{"format": 2, "parses": [["a"]]}', b'[1, 2]', b'{"format": 99, "parses": []}',
                                     b'{"format": 1, "files": {}}'])  # the last: an older recert's cache
def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path, garbage):
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    Path(cache_file()).parent.mkdir(parents=True, exist_ok=True)
    Path(cache_file()).write_bytes(garbage)
    assert read_toml_files([rules]) == [tomllib.loads(RULES)]
    assert _cached_texts() == [RULES]


def test_an_unwritable_cache_folder_only_costs_a_parse(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("RECERT_CACHE_DIR", str(blocker / "cache"))
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    assert read_toml_files([rules]) == [tomllib.loads(RULES)]
    assert read_toml_files([rules]) == [tomllib.loads(RULES)]


def test_the_cache_file_is_private(tmp_path):
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    read_toml_files([rules])
    assert stat.S_IMODE(os.stat(cache_file()).st_mode) == 0o600
    assert not [p for p in Path(cache_file()).parent.iterdir() if p.name.endswith(".tmp")]


def test_the_same_rules_in_two_places_share_one_parse(tmp_path, monkeypatch):
    # Two installs (a virtual environment and a checkout, say) of the same rule files.
    here, there = tmp_path / "here.toml", tmp_path / "there.toml"
    here.write_text(RULES)
    there.write_text(RULES)
    read_toml_files([here])
    _no_parsing(monkeypatch)
    assert read_toml_files([there]) == [tomllib.loads(RULES)]
    assert _cached_texts() == [RULES]


def test_only_the_parses_read_last_are_kept(tmp_path):
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    old.write_text(RULES)
    read_toml_files([old])
    new.write_text(RULES.replace("value = 60", "value = 45"))
    read_toml_files([new])
    assert _cached_texts() == [RULES.replace("value = 60", "value = 45")]


@pytest.mark.parametrize("content, expected", [
    (b"code = ", "x.toml"),
    (b"code = \"\xff\"", "not UTF-8"),
])
def test_bad_files_name_themselves(tmp_path, content, expected):
    rules = tmp_path / "x.toml"
    rules.write_bytes(content)
    with pytest.raises(TOMLError) as raised:
        read_toml_files([rules])
    assert raised.value.path == rules
    assert expected in f"{raised.value.path}: {raised.value}"


def test_a_cached_read_does_not_import_tomllib(tmp_path):
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    code = ("import sys; from pathlib import Path; from recert_tui.toml_cache import read_toml_files; "
            f"read_toml_files([Path({str(rules)!r})]); print('tomllib' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
            for _ in range(2)]
    assert runs == ["True", "False"]


def test_a_file_without_a_json_form_does_not_rewrite_the_cache_each_time(tmp_path):
    odd, plain = tmp_path / "odd.toml", tmp_path / "plain.toml"
    odd.write_text("at = 10:00:00\n")
    plain.write_text(RULES)
    read_toml_files([odd, plain])
    written = os.stat(cache_file()).st_mtime_ns
    os.utime(cache_file(), ns=(written - 10**9, written - 10**9))
    read_toml_files([odd, plain])
    assert os.stat(cache_file()).st_mtime_ns == written - 10**9
