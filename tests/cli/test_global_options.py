"""Opening the app reads its options without argparse, and reads them as argparse would."""

from __future__ import annotations

import subprocess
import sys

import pytest

from recert_tui.cli.global_options import SWITCHES, VALUED, launch_options
from recert_tui.cli.parser import build_parser

READ_BY_HAND = [
    [],
    ["--db", "/tmp/x.json"],
    ["--db=/tmp/x.json"],
    ["--db", ""],
    ["--db="],
    ["--db=--odd"],  # after '=', a dash is part of the value for argparse too
    ["--db", "a=b.json"],
    ["--db", "status"],  # a value, not the command
    ["--today", "2026-11-23", "--read-only"],
    ["--today=3/5/2025", "--mouse", "--demo"],
    ["--read-only", "--db", "one.json", "--db", "two.json"],  # the last one wins
    ["--mouse", "--mouse"],
    ["--db", "my file.json", "--today", "2026-11-23", "--read-only", "--mouse", "--demo"],
]

LEFT_TO_ARGPARSE = [
    ["status"],
    ["status", "--json"],
    ["--db", "x.json", "status"],
    ["--help"],
    ["-h"],
    ["--version"],
    ["--db"],  # no value
    ["--db", "-x"],  # a value starting with a dash
    ["--today", "-1"],
    ["--read-only=yes"],  # a switch with a value
    ["--read"],  # abbreviations are not allowed by either
    ["--", "--db", "x"],
    ["x.json"],
    ["--DB", "x.json"],
]


@pytest.mark.parametrize("argv", READ_BY_HAND, ids=" ".join)
def test_global_options_read_by_hand_as_argparse_reads_them(argv):
    assert vars(launch_options(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", LEFT_TO_ARGPARSE, ids=" ".join)
def test_anything_else_is_left_to_the_full_parser(argv):
    assert launch_options(argv) is None


def test_every_global_option_of_the_parser_is_known_by_hand():
    parser = build_parser()
    options = {action.option_strings[0]: action.dest for action in parser._actions
               if action.option_strings and action.dest != "help"}
    assert options == {**VALUED, **SWITCHES}


def test_opening_the_app_does_not_import_argparse(tmp_path):
    # The app itself is replaced by a stand-in: what is checked is the way there.
    code = ("import sys, types; app = types.ModuleType('recert_tui.tui.app'); app.run_app = lambda *a, **k: 0; "
            "sys.modules['recert_tui.tui.app'] = app; from recert_tui.cli import main; "
            f"rc = main(['--db', {str(tmp_path / 'mine.json')!r}, '--today', '2026-11-23', '--read-only']); "
            "assert 'argparse' not in sys.modules, 'argparse imported'; sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
