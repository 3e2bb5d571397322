"""What must never happen: Textual on the script path, terminal control from user text, lost writes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from recert_tui.store import Store


def test_importing_the_cli_does_not_import_textual():
    code = (
        "import recert_tui.cli, recert_tui.domain.engine, recert_tui.session, sys; assert 'textual' not in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_new_command_modules_stay_light():
    # icalendar comes with `recert export` only (its modules import it at the top); never Textual.
    code = (
        "import sys, recert_tui.cli, recert_tui.cli.study_commands, recert_tui.cli.import_commands, "
        "recert_tui.cli.doctor; heavy = [m for m in ('textual', 'icalendar') if m in sys.modules]; "
        "import recert_tui.cli.export_commands; heavy += [m for m in ('textual',) if m in sys.modules]; "
        "assert not heavy, heavy"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_status_json_path_does_not_import_textual(seeded):
    code = (
        "import sys; from recert_tui.cli import main; "
        f"rc = main(['--db', {str(seeded.db)!r}, '--today', '2026-11-23', 'status', '--json']); "
        "assert 'textual' not in sys.modules, 'textual imported'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=seeded.env())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["credentials"][0]["code"] == "cma-aama"


@pytest.mark.parametrize("command", [["status", "--json"], ["status"], ["activity", "list", "--json"]])
def test_reading_commands_do_not_import_pathlib_or_tinydb(seeded, command):
    # pathlib (with urllib.parse and ipaddress) and TinyDB (needed only to write) each cost
    # ~3.5 ms of `recert status --json`. An editable install imports pathlib at startup, so
    # it is forgotten first: any import after is ours.
    code = (
        "import sys; sys.modules.pop('pathlib', None); from recert_tui.cli import main; "
        f"rc = main(['--db', {str(seeded.db)!r}, '--today', '2026-11-23', *{command!r}]); "
        "heavy = [m for m in ('pathlib', 'tinydb') if m in sys.modules]; assert not heavy, heavy; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=seeded.env())
    assert result.returncode == 0, result.stderr
    assert "Infection control" in result.stdout or "cma-aama" in result.stdout


HOSTILE_TITLE = "\x1b[31mRED\x1b[0m [red]markup[/red] \x07bell\x9b2J\rback"
HOSTILE_PROVIDER = "Acme\x1b]0;pwned\x07 [bold]Inc[/bold]"


def test_user_text_is_printed_literally(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15", "--number", "12\x1b[2J34")
    recert.ok(
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        HOSTILE_TITLE,
        "--date",
        "2025-03-05",
        "--points",
        "2",
        "--area",
        "clinical",
        "--provider",
        HOSTILE_PROVIDER,
        "--certificate",
        "[link]x[/link]",
    )
    listing = recert.ok("activity", "list")
    flat = " ".join(listing.split())  # lines are wrapped at 80 columns
    assert "\\x1b[31mRED\\x1b[0m [red]markup[/red] \\x07bell\\x9b2J\\rback" in flat
    assert "provider: Acme\\x1b]0;pwned\\x07 [bold]Inc[/bold]" in flat
    assert "certificate: [link]x[/link]" in flat
    everything = (
        listing
        + recert.ok("status")
        + recert.ok("credential", "list")
        + recert.ok("activity", "edit", "1", "--points", "3")
    )
    assert "no. 12\\x1b[2J34" in everything
    assert all(len(line) <= 80 for line in everything.splitlines())
    for char in ("\x1b", "\x07", "\x9b", "\r"):
        assert char not in everything

    # JSON keeps the data exactly as typed.
    [row] = json.loads(recert.ok("activity", "list", "--json"))
    assert row["title"] == HOSTILE_TITLE and row["provider"] == HOSTILE_PROVIDER


def test_control_characters_in_an_error_stay_on_one_line(seeded):
    result = seeded(
        "activity",
        "add",
        "--credential",
        "cm\x1b[2Ja\nx",
        "--title",
        "T",
        "--date",
        "2025-03-05",
        "--points",
        "2",
        "--area",
        "clinical",
    )
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "\x1b" not in result.stderr
    assert result.stderr.startswith("recert: --credential: ")


def test_a_write_while_another_session_holds_the_file_exits_3(seeded):
    before = seeded.db.read_bytes()
    with Store.open(seeded.db, write=True) as holder:
        assert not holder.read_only
        for args in (
            ("activity", "remove", "1"),
            ("credential", "add", "rma-amt", "--earned", "2022-03-15"),
            (
                "activity",
                "add",
                "--credential",
                "cma-aama",
                "--title",
                "T",
                "--date",
                "2025-03-05",
                "--points",
                "2",
                "--area",
                "clinical",
            ),
        ):
            result = seeded(*args)
            assert result.returncode == 3, result.stderr
            assert result.stdout == ""
            [line] = result.stderr.splitlines()
            assert line.startswith("recert: recert.json is open in another recert session")
            assert "Close it and try again" in line
            assert seeded.db.read_bytes() == before
        # Reading still works while the other session writes.
        assert seeded("status").returncode == 0
    assert seeded.db.read_bytes() == before


def test_read_only_option_refuses_writes(seeded):
    before = seeded.db.read_bytes()
    result = seeded.raw("--db", str(seeded.db), "--today", "2026-11-23", "--read-only", "activity", "remove", "1")
    assert result.returncode == 3
    assert result.stderr.splitlines() == ["recert: opened read-only (--read-only). Nothing was changed."]
    assert seeded.db.read_bytes() == before


def test_damaged_database_and_broken_rule_file_exit_3(recert):
    recert.db.parent.mkdir(parents=True)
    recert.db.write_text("{not json", encoding="utf-8")
    for args in (("status",), ("status", "--json"), ("activity", "list")):
        result = recert(*args)
        assert result.returncode == 3, result.stderr
        [line] = result.stderr.splitlines()
        assert line.startswith("recert: recert.json is not valid JSON") and "Traceback" not in result.stderr
    assert recert.db.read_text(encoding="utf-8") == "{not json"

    recert.db.unlink()
    (recert.rules_dir / "cma-aama.toml").write_text("total_points = [\n", encoding="utf-8")
    for args in (("status",), ("rules",), ("credential", "add", "cma-aama", "--earned", "2022-03-15")):
        result = recert(*args)
        assert result.returncode == 3, result.stderr
        [line] = result.stderr.splitlines()
        assert "cma-aama.toml: not valid TOML" in line
    assert not recert.db.exists()
