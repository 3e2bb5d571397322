"""docs/recert.1 is the page the parser makes today, lists every command and option, and renders cleanly."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from recert_tui.cli.parser import build_parser
from tests.helpers.manpage import manpage

PAGE = Path(__file__).resolve().parents[1] / "docs" / "recert.1"
REGENERATE = ".venv/bin/python -m tests.helpers.manpage > docs/recert.1"


def test_the_committed_page_is_what_the_parser_makes_now():
    assert PAGE.read_text(encoding="utf-8") == manpage(), (
        f"docs/recert.1 is stale: a command, option or help text changed. Regenerate it with `{REGENERATE}`."
    )


def _commands_and_options(parser: argparse.ArgumentParser, path: str = "recert"):
    """Every command path (`recert exam add`) and every option string, through every level."""
    for action in parser._actions:
        yield from (option for option in action.option_strings if option not in ("-h", "--help"))
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                yield f"{path} {name}"
                yield from _commands_and_options(command, f"{path} {name}")


def test_the_page_names_every_command_and_every_option():
    roff = manpage()
    text = roff.replace("\\-", "-")
    everything = set(_commands_and_options(build_parser()))
    assert {"recert status", "recert exam reenrolled", "--within", "--db", "--version"} <= everything
    for name in everything:
        assert name in text, name
    headings = re.findall(r"^\.SH\s+(\S.*)$", roff, re.MULTILINE)  # the title on its line or the next
    assert headings[:5] == ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS"]
    for heading in ("EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO"):
        assert heading in headings


def test_the_page_is_the_same_on_any_terminal_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    narrow = manpage()
    monkeypatch.setenv("COLUMNS", "200")
    assert manpage() == narrow
    assert os.environ["COLUMNS"] == "200"  # put back as it was


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is not installed")
def test_groff_renders_the_page_without_a_warning():
    result = subprocess.run(
        ["groff", "-ww", "-man", "-Tutf8", str(PAGE)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"},
    )
    assert (result.returncode, result.stderr) == (0, "")
    shown = re.sub(r".\x08", "", result.stdout)  # overstrike bold and underline
    assert "recert - keep medical-assistant credentials current" in shown
    assert "0 8 * * 1  recert status --check --within 60" in shown
