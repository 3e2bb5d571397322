"""`recert completion bash|zsh|fish`: each shell's script names every command and option, and works."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from recert_tui.cli.parser import COMMANDS, build_parser

from .conftest import make_recert

COMMAND_NAMES = [name for name, _, _ in COMMANDS]


@pytest.fixture(scope="module")
def scripts(tmp_path_factory) -> dict[str, str]:
    """Each shell's script as `recert completion SHELL` prints it."""
    recert = make_recert(tmp_path_factory.mktemp("completion"))
    return {shell: recert.ok("completion", shell) for shell in ("bash", "zsh", "fish")}


@pytest.fixture
def files_here(tmp_path) -> Path:
    """A folder with two files, for completing a file argument."""
    (tmp_path / "alpha.csv").write_text("", encoding="utf-8")
    (tmp_path / "beta.json").write_text("", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_script_names_every_command_and_the_options_of_commands_not_typed(scripts, shell):
    script = scripts[shell]
    assert script.strip()
    for name in COMMAND_NAMES:
        assert name in script, (shell, name)
    # Options of commands other than `completion`: the full parser, not only the typed command's.
    for option in ("--json", "--check", "--within", "--dry-run", "--db", "--today"):
        written = f"-l {option[2:]}" if shell == "fish" else option  # fish: `complete -l json`
        assert written in script, (shell, option)
    assert "reenrolled" in script  # an action two levels down (`recert exam reenrolled`)


def test_an_unknown_shell_is_a_usage_error(recert):
    result = recert("completion", "tcsh")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("recert: argument shell: invalid choice: 'tcsh'")
    assert result.stderr.count("\n") == 1


def _arguments(parser: argparse.ArgumentParser, path: str = "recert"):
    """(command path, option strings, action) for every argument of every command and action."""
    for action in parser._actions:
        yield path, tuple(action.option_strings), action
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                yield from _arguments(command, f"{path} {name}")


def test_the_file_arguments_and_only_they_complete_as_file_names():
    from recert_tui.cli.completion import complete_files

    parser = build_parser()
    marker = {"bash": "files"}
    complete_files(parser, marker)
    marked = {
        (path, options) for path, options, action in _arguments(parser) if getattr(action, "complete", None) is marker
    }
    for expected in [
        ("recert", ("--db",)),
        ("recert", ("--roster",)),
        ("recert import csv", ()),
        ("recert import json", ()),
        ("recert study import", ()),
        ("recert export ics", ("-o", "--output")),
        ("recert roster", ()),
    ]:
        assert expected in marked
    assert ("recert", ("--today",)) not in marked
    assert ("recert status", ("--within",)) not in marked
    assert ("recert completion", ()) not in marked


# --- the scripts in their shells -----------------------------------------------------------------


def _bash_completions(script: Path, words: list[str], cwd: Path) -> list[str]:
    """What bash offers for `words` (the last one being completed), through the script's function."""
    program = """
source "$1"; shift
COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
complete -p recert
_shtab_recert recert "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "${COMPREPLY[@]}"
"""
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program, "bash", str(script), *words],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    registration, *offered = result.stdout.splitlines()
    assert registration.startswith("complete ") and registration.endswith(" recert")
    assert "-F _shtab_recert" in registration
    return offered


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (["recert", "sta"], ["status"]),
        (["recert", "status", "--"], ["--help", "--json", "--check", "--within"]),
        (["recert", "exam", "ree"], ["reenrolled"]),
        (["recert", "completion", ""], ["bash", "zsh", "fish"]),
        (["recert", "import", "csv", "al"], ["alpha.csv"]),
        (["recert", "--db", ""], ["alpha.csv", "beta.json"]),
        (["recert", "export", "ics", "-o", "b"], ["beta.json"]),
    ],
)
def test_bash_completes_commands_options_and_file_names(scripts, files_here, tmp_path_factory, words, offered):
    script = tmp_path_factory.mktemp("bash") / "recert.bash"
    script.write_text(scripts["bash"], encoding="utf-8")
    assert sorted(_bash_completions(script, words, files_here)) == sorted(offered)


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
@pytest.mark.parametrize(
    ("install", "function"),
    [
        # The script saved as _recert in a folder on $fpath, read by compinit.
        ('fpath=("$1" $fpath); autoload -U compinit && compinit -u -d "$1/.zcompdump"', "_recert"),
        # Or evaluated in ~/.zshrc after compinit.
        ('autoload -U compinit && compinit -u -d "$1/.zcompdump" && eval "$(<"$1/_recert")"', "_shtab_recert"),
    ],
    ids=["fpath", "eval"],
)
def test_zsh_reads_the_script_and_completes_recert_with_it(scripts, tmp_path, install, function):
    (tmp_path / "_recert").write_text(scripts["zsh"], encoding="utf-8")
    syntax = subprocess.run(["zsh", "-n", str(tmp_path / "_recert")], capture_output=True, text=True, timeout=30)
    assert syntax.returncode == 0, syntax.stderr
    result = subprocess.run(
        ["zsh", "-f", "-c", f"{install} && print -r -- $_comps[recert]", "zsh", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == function


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("recert sta", ["status"]),
        ("recert status --", ["--check", "--help", "--json", "--within"]),
        ("recert import csv al", ["alpha.csv"]),
    ],
)
def test_fish_completes_commands_options_and_file_names(scripts, files_here, tmp_path_factory, line, offered):
    script = tmp_path_factory.mktemp("fish") / "recert.fish"
    script.write_text(scripts["fish"], encoding="utf-8")
    result = subprocess.run(
        ["fish", "--no-config", "-c", f"source {str(script)!r}; complete -C {line!r}"],
        cwd=files_here,
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "HOME": str(files_here)},
    )
    assert result.returncode == 0, result.stderr
    assert sorted(entry.split("\t")[0] for entry in result.stdout.splitlines()) == sorted(offered)
