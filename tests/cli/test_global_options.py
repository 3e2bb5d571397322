"""The command line is read by argparse alone, building only the typed command's options."""

from __future__ import annotations

import pytest

from recert_tui.cli.parser import COMMANDS, build_parser, parse_command_line

GLOBAL_ONLY = [
    [],
    ["--db", "/tmp/x.json"],
    ["--db=/tmp/x.json"],
    ["--db", ""],
    ["--db=--odd"],
    ["--db", "status"],  # a value, not the command
    ["--today", "2026-11-23", "--read-only"],
    ["--today=3/5/2025", "--mouse", "--demo"],
    ["--read-only", "--db", "one.json", "--db", "two.json"],  # the last one wins
]

WITH_A_COMMAND = [
    ["status"],
    ["status", "--json"],
    ["--db", "x.json", "status", "--json"],
    ["--db", "status", "history"],
    [
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "T",
        "--date",
        "2025-03-05",
        "--points",
        "1",
        "--area",
        "general",
    ],
    ["export", "ics", "--reminders", "none", "-o", "cal.ics"],
    ["rules", "cma-aama", "--json"],
]


@pytest.mark.parametrize("argv", GLOBAL_ONLY + WITH_A_COMMAND, ids=" ".join)
def test_reading_only_the_typed_command_gives_what_the_full_parser_gives(argv):
    assert vars(parse_command_line(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", GLOBAL_ONLY, ids=" ".join)
def test_global_options_alone_open_the_app(argv):
    assert parse_command_line(argv).command is None


BAD = [
    (["--db"], "argument --db: expected one argument"),
    (["--today"], "argument --today: expected one argument"),
    (["--read-only=yes"], "ignored explicit argument 'yes'"),
    (["--read"], "unrecognized arguments: --read"),  # no abbreviations
    (["x.json"], "invalid choice: 'x.json'"),
    (["--DB", "x.json"], "invalid choice: 'x.json'"),
    (["--", "doctor"], "invalid choice: '--'"),
    (["--db", "x.json", "statuz"], "invalid choice: 'statuz' (choose from 'credential', 'activity'"),
    (["status", "--", "--json"], "unrecognized arguments"),
    (["status", "--bogus"], "unrecognized arguments: --bogus"),
    (["activity"], "the following arguments are required: ACTION"),
    (["activity", "add", "--title", "x"], "the following arguments are required: --credential, --date"),
]


@pytest.mark.parametrize(("argv", "words"), BAD, ids=[" ".join(argv) for argv, _ in BAD])
def test_a_usage_error_is_one_line_and_exit_2_as_from_the_full_parser(argv, words, capsys):
    with pytest.raises(SystemExit) as done:
        parse_command_line(argv)
    assert done.value.code == 2
    line = capsys.readouterr().err
    with pytest.raises(SystemExit):
        build_parser().parse_args(argv)
    assert line == capsys.readouterr().err  # the same sentence as with every command built
    assert line.startswith("recert: ") and words in line and line.count("\n") == 1


def test_help_lists_every_command_without_building_their_options(capsys):
    with pytest.raises(SystemExit) as done:
        parse_command_line(["--help"])
    assert done.value.code == 0
    shown = capsys.readouterr().out
    assert all(f"    {name}" in shown for name, _, _ in COMMANDS)
    assert "--db PATH" in shown and "recert export worksheet -o worksheet.md" in shown


def test_a_command_s_help_shows_its_options(capsys):
    with pytest.raises(SystemExit):
        parse_command_line(["export", "ics", "--help"])
    assert "--reminders DAYS" in capsys.readouterr().out
