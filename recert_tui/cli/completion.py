"""`recert completion bash|zsh|fish`: a shell completion script, made by shtab from the parser.

Built from the full parser (every command's options, not only the typed command's, which is
all `parse_command_line` builds), so the script never drifts from the commands. An argument
whose metavar is FILE or PATH is a file name, and completes as one.
"""

from __future__ import annotations

import argparse

import shtab  # this module is imported only when `recert completion` runs (commands.MODULES)

from .commands import out
from .errors import EXIT_OK
from .parser import build_parser

FILE_METAVARS = ("FILE", "PATH")  # the parser's names for a file (or folder) argument


def completion(args: argparse.Namespace) -> int:
    """The completion script for `args.shell`, from the full parser."""
    parser = build_parser()
    complete_files(parser, shtab.FILE)
    out(shtab.complete(parser, shell=args.shell).rstrip("\n"))
    return EXIT_OK


def complete_files(parser: argparse.ArgumentParser, how: object) -> None:
    """Mark every FILE or PATH argument, in every command and action, to complete as a file name.

    `how` is shtab's per-shell completer (shtab.FILE), which shtab reads from `action.complete`.
    """
    for action in parser._actions:
        if action.metavar in FILE_METAVARS:
            action.complete = how  # type: ignore[attr-defined]
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                complete_files(command, how)


HANDLERS = {("completion", None): completion}
