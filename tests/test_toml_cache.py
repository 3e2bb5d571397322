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


@pytest.mark.parametrize(
    "text",
    [
        "at = 2026-11-23T10:00:00Z\n",  # a date-time: no exact JSON form here
        "at = 10:00:00\n",
        '[odd]\n"$date" = "2026-11-23"\n',  # shaped like the cache's own date tag
        "big = inf\n",
    ],
)
def test_values_without_a_json_form_are_parsed_every_time(tmp_path, text):
    odd, plain = tmp_path / "odd.toml", tmp_path / "plain.toml"
    odd.write_text(text)
    plain.write_text(RULES)
    for _ in range(2):
        assert read_toml_files([odd, plain]) == [tomllib.loads(text), tomllib.loads(RULES)]
    assert _cached_texts() == [RULES]


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"{not json",
        b'{"format": 2, "parses": {}}',
        b'{"format": 2, "parses": [[1, 2]]}',
        b'{"format": 2, "parses": [["a"]]}',
        b"[1, 2]",
        b'{"format": 99, "parses": []}',
        b'{"format": 1, "files": {}}',
    ],
)  # the last: an older recert's cache
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


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"code = ", "x.toml"),
        (b'code = "\xff"', "not UTF-8"),
    ],
)
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
    code = (
        "import sys; from pathlib import Path; from recert_tui.toml_cache import read_toml_files; "
        f"read_toml_files([Path({str(rules)!r})]); print('tomllib' in sys.modules)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
        for _ in range(2)
    ]
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


# --- a cache folder others could write in is never used -----------------------------------------
# Another user who can write in the cache folder could put their own parse of your rule files
# there, or plant a symlink where the cache writes and have it overwrite one of your files.

FORGED = {"code": "forged", "ce": {"total_points": {"value": 1}}}


def _forge(folder: Path, text: str = RULES, parse: object = FORGED) -> None:
    """A cache file in `folder` that maps `text` to `parse`, as another user could write it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "toml.json").write_text(json.dumps({"format": 2, "parses": [[text, parse]]}))


@pytest.fixture
def warned_once(monkeypatch):
    """Each test starts as a fresh process would: no warning given yet."""
    monkeypatch.setattr(toml_cache, "_warned", False, raising=False)


def _use_folder(monkeypatch, folder: Path) -> None:
    monkeypatch.setenv("RECERT_CACHE_DIR", str(folder))


@pytest.mark.parametrize("mode", [0o770, 0o720, 0o707, 0o702, 0o777, 0o1777], ids=oct)
def test_a_folder_others_can_write_is_not_used(tmp_path, monkeypatch, capsys, warned_once, mode):
    folder = tmp_path / "shared"
    _forge(folder)
    os.chmod(folder, mode)
    _use_folder(monkeypatch, folder)
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    before = (folder / "toml.json").read_bytes()
    for _ in range(3):
        assert read_toml_files([rules]) == [tomllib.loads(RULES)]
    assert (folder / "toml.json").read_bytes() == before  # neither read nor written
    assert sorted(p.name for p in folder.iterdir()) == ["toml.json"]
    err = capsys.readouterr().err
    assert err == (
        f"recert: the rule cache folder {folder} can be written by other users, so it is not used "
        f"(rules are read afresh); make it private with chmod go-w {folder}\n"
    )


def test_a_folder_of_another_user_is_not_used(tmp_path, monkeypatch, capsys, warned_once):
    folder = tmp_path / "theirs"
    _forge(folder)
    os.chmod(folder, 0o700)
    _use_folder(monkeypatch, folder)
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(folder).st_uid + 1)  # the folder is someone else's
    monkeypatch.setattr(os, "geteuid", os.getuid)
    before = (folder / "toml.json").read_bytes()
    assert read_toml_files([rules]) == [tomllib.loads(RULES)]
    assert read_toml_files([rules]) == [tomllib.loads(RULES)]
    assert (folder / "toml.json").read_bytes() == before
    assert capsys.readouterr().err == (
        f"recert: the rule cache folder {folder} belongs to another user, so it is "
        "not used (rules are read afresh); set RECERT_CACHE_DIR to a folder of "
        "your own\n"
    )


def test_the_warning_is_one_line_with_the_folder_shown_escaped(tmp_path, monkeypatch, capsys, warned_once):
    folder = tmp_path / "odd\x1b[2Jname\nx"
    folder.mkdir()
    os.chmod(folder, 0o777)
    _use_folder(monkeypatch, folder)
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    read_toml_files([rules])
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\x1b" not in err and "odd\\x1b[2Jname\\nx" in err


def test_a_private_folder_reached_through_a_symlink_is_used(tmp_path, monkeypatch, capsys, warned_once):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    _use_folder(monkeypatch, link)
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    read_toml_files([rules])
    _no_parsing(monkeypatch)
    assert read_toml_files([rules]) == [tomllib.loads(RULES)]
    assert (real / "toml.json").is_file() and capsys.readouterr().err == ""


def test_a_symlink_at_the_cache_file_is_never_followed(tmp_path, monkeypatch, warned_once):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    _use_folder(monkeypatch, folder)
    elsewhere = tmp_path / "elsewhere"
    _forge(elsewhere)
    victim = elsewhere / "toml.json"
    before = victim.read_bytes()
    (folder / "toml.json").symlink_to(victim)
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    assert read_toml_files([rules]) == [tomllib.loads(RULES)]  # not the forged parse behind the link
    assert victim.read_bytes() == before  # not written through the link
    assert not (folder / "toml.json").is_symlink()  # the link itself was replaced by a real cache
    assert _cached_texts() == [RULES]


def test_a_symlink_at_a_temporary_name_is_never_followed(tmp_path, monkeypatch, warned_once):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    _use_folder(monkeypatch, folder)
    victim = tmp_path / "precious.txt"
    victim.write_text("years of work")
    # Every temporary name this process could pick, planted in advance: the pid-based one the
    # cache used before, and the one it picks now (made predictable here).
    planted = [f".toml.json.{os.getpid()}.tmp", ".toml.json.planted.tmp"]
    monkeypatch.setattr(toml_cache, "_temporary_name", lambda: planted[1], raising=False)
    for name in planted:
        (folder / name).symlink_to(victim)
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    assert read_toml_files([rules]) == [tomllib.loads(RULES)]
    assert victim.read_text() == "years of work"
    assert all((folder / name).is_symlink() for name in planted)  # left alone, never opened


def test_cache_files_are_created_exclusively_and_without_following_links(tmp_path, monkeypatch, warned_once):
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    opened = []
    real_open = os.open

    def spying_open(path, flags, *args, **kwargs):
        opened.append((os.path.basename(path), flags))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", spying_open)
    read_toml_files([rules])  # writes the cache
    read_toml_files([rules])  # reads it
    created = [flags for name, flags in opened if flags & os.O_CREAT]
    assert created and all(flags & os.O_EXCL and flags & os.O_NOFOLLOW for flags in created)
    reads = [flags for name, flags in opened if name == "toml.json"]
    assert reads and all(flags & os.O_NOFOLLOW for flags in reads)


def test_a_cache_file_of_another_user_is_not_used(tmp_path, monkeypatch, warned_once):
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    _forge(Path(cache_file()).parent)
    real_fstat = os.fstat

    def foreign_file(fd):  # the cache file, and only it, seems to belong to someone else
        info = real_fstat(fd)
        if stat.S_ISREG(info.st_mode):
            return os.stat_result(
                (info.st_mode, info.st_ino, info.st_dev, info.st_nlink, info.st_uid + 1, *tuple(info)[5:])
            )
        return info

    monkeypatch.setattr(os, "fstat", foreign_file)
    assert read_toml_files([rules]) == [tomllib.loads(RULES)]


def test_a_forged_entry_of_the_same_size_and_time_changes_nothing(tmp_path, monkeypatch):
    # The cache is keyed on the file's whole text, not its size or time: an entry for another
    # text of the same length (as a rule file edited in place keeps its size and time) is not
    # this file's parse.
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    other = RULES.replace("value = 60", "value = 45")
    assert len(other) == len(RULES)
    _forge(Path(cache_file()).parent, other, FORGED)
    stamp = os.stat(cache_file()).st_mtime_ns
    os.utime(rules, ns=(stamp, stamp))
    assert read_toml_files([rules]) == [tomllib.loads(RULES)]
    assert _cached_texts() == [RULES]  # rewritten with the true parse


def test_a_fifo_at_the_cache_file_does_not_hang(tmp_path):
    # Opening a FIFO to read waits for a writer: in a child process, so that a regression fails
    # here instead of hanging the suite.
    rules = tmp_path / "x.toml"
    rules.write_text(RULES)
    Path(cache_file()).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.mkfifo(cache_file())
    code = f"from recert_tui.toml_cache import read_toml_files; print(read_toml_files([{str(rules)!r}])[0]['code'])"
    try:
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("reading the cache waited on a FIFO")
    assert (run.returncode, run.stdout) == (0, "x\n"), run.stderr
    assert _cached_texts() == [RULES]  # the FIFO was replaced by a real cache
