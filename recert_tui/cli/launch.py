"""`recert` with no command: open the terminal app (the only path that imports Textual)."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
from argparse import Namespace
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog import Catalog, load_catalog, shipped_data_dir
from ..session import Session
from ..store import StoreError, resolve_db_path
from ..terminal import terminal_problem
from ..textsafe import visible
from .errors import EXIT_APP_UNAVAILABLE, CliError

if TYPE_CHECKING:  # imported by `--roster` alone: the app's usual start does without it
    from ..roster import RosterReading

DEMO_FILE = ("demo", "profile.json")


def open_app(args: Namespace) -> int:
    # The roster's files start being read before Textual is imported: its worker processes
    # are forked, which is safe only while this process has no other thread (roster.py).
    catalog = load_catalog()
    reading = _roster_reading(args, catalog) if args.roster else None
    try:
        try:
            # Textual, imported only here: it would be most of every command's time (docs/speed.md).
            from ..tui.app import run_app
        except ImportError as error:
            print(
                f"recert: the terminal app is not available in this installation ({error}); "
                "the commands work: see `recert --help`",
                file=sys.stderr,
            )
            return EXIT_APP_UNAVAILABLE
        if reading is not None:
            return _run_roster(run_app, args, catalog, reading)
        if args.demo:
            demo = Path(shipped_data_dir(), *DEMO_FILE)
            if not demo.is_file():
                print(f"recert: the demo data is not installed ({demo} is missing)", file=sys.stderr)
                return EXIT_APP_UNAVAILABLE
            with demo_copy(demo) as db_path:
                return _run(run_app, Session.open(db_path, args.today, write=not args.read_only, catalog=catalog), args)
        session = Session.open(resolve_db_path(args.db), args.today, write=not args.read_only, catalog=catalog)
        return _run(run_app, session, args)
    finally:
        if reading is not None:
            reading.close()


def _roster_reading(args: Namespace, catalog: Catalog) -> RosterReading:
    """`--roster PATH...` checked, and its files being read (in worker processes if many)."""
    from ..roster import RosterReading

    if args.demo:
        raise CliError("--roster", "opens people's files, --demo the sample data: give one of them")
    if not any(os.path.lexists(os.path.expanduser(path)) for path in args.roster):
        shown = ", ".join(visible(path) for path in args.roster)
        raise CliError(
            "--roster",
            f"{shown} {'does' if len(args.roster) == 1 else 'do'} not exist; give files or folders of people's exports",
        )
    reading = RosterReading(args.roster, catalog.credentials, args.today)
    if terminal_problem() is None:  # else the app does not start: nothing to read ahead
        reading.start_processes()
    return reading


def _run_roster(run_app, args: Namespace, catalog: Catalog, reading: RosterReading) -> int:
    """`recert --roster PATH...`: the app on the Roster of those files.

    The people's files are only ever read (recert_tui.roster: no lock, nothing written). The
    app's session is the user's own database opened read-only, for their theme and keys
    alone: nothing can change it from the Roster, and its lock is never taken, so the user's
    own app may be open at the same time. The roster never needs that file, so one that cannot
    be read (damaged, another user's) costs only its theme: the app starts with the defaults.
    """
    with ExitStack() as stack:
        try:
            session = Session.open(resolve_db_path(args.db), args.today, write=False, catalog=catalog)
        except StoreError:  # an empty session instead, in a folder of its own that nothing else uses
            nowhere = stack.enter_context(tempfile.TemporaryDirectory(prefix="recert-roster-"))
            session = Session.open(os.path.join(nowhere, "none.json"), args.today, write=False, catalog=catalog)
        stack.callback(session.close)  # before the folder, if any, is removed
        return run_app(session, mouse=args.mouse, roster=reading)


def _run(run_app, session: Session, args: Namespace) -> int:
    try:
        return run_app(session, mouse=args.mouse, demo=args.demo)
    finally:
        session.close()


@contextmanager
def demo_copy(demo: Path) -> Iterator[Path]:
    """A private (0700) temporary folder holding a copy of the demo database, removed afterwards:
    also when the session is ended by SIGHUP (the SSH connection dropped, the terminal window
    closed) or SIGTERM, which would otherwise end the process without running this.

    The user's own database is never opened, so nothing done in the demo can reach it.
    """
    folder = Path(tempfile.mkdtemp(prefix="recert-demo-"))  # mkdtemp creates it 0700
    restore = _removed_on_signals(folder)
    try:
        os.chmod(folder, 0o700)
        db_path = folder / "recert.json"
        shutil.copyfile(demo, db_path)
        os.chmod(db_path, 0o600)
        yield db_path
    finally:
        restore()
        shutil.rmtree(folder, ignore_errors=True)


ENDING_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


def _removed_on_signals(folder: Path) -> Callable[[], None]:
    """Until the returned function is called, SIGHUP and SIGTERM first remove `folder`, then
    end the process as the signal would have (the same exit status). A signal the process
    ignores (`nohup recert --demo`) stays ignored, and a handler someone else set is kept.
    """
    previous = {signum: signal.getsignal(signum) for signum in ENDING_SIGNALS}
    ours = [signum for signum, handler in previous.items() if handler is signal.SIG_DFL]

    def remove_then_end(signum: int, _frame) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)  # delivered as soon as this handler returns

    try:
        for signum in ours:
            signal.signal(signum, remove_then_end)
    except ValueError:  # not the main thread (main() called by another program): no handlers there
        ours = []

    def restore() -> None:
        for signum in ours:
            signal.signal(signum, previous[signum])

    return restore
