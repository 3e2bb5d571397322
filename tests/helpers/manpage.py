"""The manual page, docs/recert.1, built from the parser by argparse-manpage.

Regenerate it after changing a command, an option or a help text:

    .venv/bin/python -m tests.helpers.manpage > docs/recert.1

`tests/test_manpage.py` fails while the committed page differs from what this prints.
argparse-manpage is a test dependency only, so the generator lives with the tests; the page
itself ships in the wheel (pyproject's data-files) to share/man/man1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from argparse_manpage.manpage import Manpage

from recert_tui import __version__
from recert_tui.cli.parser import build_parser

SUMMARY = "keep medical-assistant credentials current: CE points, expiry, exam attempts"

EXIT_STATUS = r"""
.TP
.B 0
Done; for \fBstatus \-\-check\fR, nothing is due.
.TP
.B 1
\fBstatus \-\-check\fR: something needs action within \fB\-\-within\fR days (90 by default);
\fBdoctor\fR: a problem remains; the terminal app is not installed.
.TP
.B 2
A value typed was not accepted (one line on standard error; nothing was written);
\fBstatus \-\-check\fR: a credential has expired or lapsed, or re\-enrollment is required
(the items on standard output, nothing on standard error).
.TP
.B 3
The database, a file named or a rule file cannot be used; nothing was written.
"""

ENVIRONMENT = r"""
.TP
.B RECERT_DB
The database file when \fB\-\-db\fR is not given.
.TP
.B RECERT_RULES_DIR
The folder of the user's own rule files (default: \fI$XDG_CONFIG_HOME/recert\-tui/rules\fR).
.TP
.B RECERT_KEYMAP
The terminal app's key map (default: \fI$XDG_CONFIG_HOME/recert\-tui/keymap.toml\fR).
.TP
.B RECERT_CACHE_DIR
Where parsed rule files are cached.
.TP
.B NO_COLOR
When set, the terminal app uses no colour.
"""

FILES = r"""
.TP
.I $XDG_DATA_HOME/recert\-tui/recert.json
The database (default \fI~/.local/share/recert\-tui/recert.json\fR), with its last versions
kept as backups beside it.
.TP
.I $XDG_CONFIG_HOME/recert\-tui/rules/
Rule files that override or add to the shipped ones, key by key.
"""

CRON = r"""
A crontab line that mails only when something is due (cron mails any output; \fBstatus
\-\-check\fR prints nothing when nothing is due):
.PP
.nf
.RS
0 8 * * 1  recert status \-\-check \-\-within 60
.RE
.fi
"""

SEE_ALSO = r"""
\fBcrontab\fR(5); the README and \fIdocs/rules.md\fR in the source distribution.
"""


def manpage() -> str:
    """The page, as roff text; the same on every terminal."""
    with _unwrapped():
        return _page()


@contextmanager
def _unwrapped() -> Iterator[None]:
    """argparse wraps help to the terminal's width (COLUMNS); man reflows the page anyway, so
    one long line each keeps the page the same everywhere. Put back afterwards: a test calls this."""
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "10000"
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before


def _page() -> str:
    parser = build_parser()
    _title_command_lists(parser)
    examples = parser.epilog or ""
    parser.epilog = None  # shown as EXAMPLES below, not as argparse-manpage's COMMENTS
    page = Manpage(parser, format="single-commands-section")
    page.description = SUMMARY
    page.source = f"recert {__version__}"
    page.manual = "User Commands"
    page.date = ""  # no build date: the page is regenerated only when the text changes
    for heading, content in (
        ("exit status", EXIT_STATUS),
        ("environment", ENVIRONMENT),
        ("files", FILES),
        ("examples", _example_lines(examples) + CRON),
        ("see also", SEE_ALSO),
    ):
        page.add_section(heading, ">", content.strip())
    return str(page)


def _title_command_lists(parser: argparse.ArgumentParser) -> None:
    """The global OPTIONS first, then COMMANDS (argparse's "positional arguments", listed first)."""
    for group in parser._action_groups:
        if any(isinstance(action, argparse._SubParsersAction) for action in group._group_actions):
            group.title = "commands"
    parser._action_groups.sort(key=lambda group: group.title == "commands")


def _example_lines(epilog: str) -> str:
    """The parser's examples (after its "examples:" line), as a block kept as written."""
    lines = [line.removeprefix("  ") for line in epilog.splitlines()[1:]]  # argparse's indent
    body = "\n".join(line.replace("\\", "\\\\").replace("-", "\\-") for line in lines)
    return f".nf\n.RS\n{body}\n.RE\n.fi\n.PP\n"


if __name__ == "__main__":
    sys.stdout.write(manpage())
