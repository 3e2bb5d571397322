"""`recert profile [--name NAME] [--json]`: the holder's name, as exports and rosters show it."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..session import Session, holder_name_from
from . import render_json
from .commands import fields_named, out, session_for
from .errors import EXIT_OK
from .render_text import wrap

NAME_OPTION = {"name": "--name"}


def profile(args: argparse.Namespace) -> int:
    if args.name is None:
        with session_for(args, write=False) as session:
            _show(args, session, None)
        return EXIT_OK
    with fields_named(NAME_OPTION):
        holder_name_from(args.name)  # refused before the file is opened: nothing is written
    with session_for(args, write=True) as session, fields_named(NAME_OPTION):
        before = session.holder_name
        session.set_holder_name(args.name)
        _show(args, session, before)
    return EXIT_OK


def _show(args: argparse.Namespace, session: Session, before: str | None) -> None:
    """The name as JSON, or a line saying it (and, after --name, what changed)."""
    name = session.holder_name
    if args.json:
        out(render_json.dumps({"name": name or None}))
        return
    if before is None:
        line = (
            f"Your name: {name}. Exports and rosters show it."
            if name
            else 'No name is set: rosters show your file\'s name. Set it with `recert profile --name "Your Name"`.'
        )
    elif name == before:
        line = (
            f"Your name was already {name}; nothing was changed." if name else "No name was set; nothing was changed."
        )
    elif name:
        line = f"Your name is now {name}. Exports and rosters show it."
    else:
        line = f"Removed your name ({before}): rosters show your file's name instead."
    out(wrap(line))


HANDLERS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {("profile", None): profile}
