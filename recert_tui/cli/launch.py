"""`recert` with no command: open the terminal app (the only path that imports Textual)."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import tempfile
from argparse import Namespace
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..catalog import load_catalog, shipped_data_dir
from ..session import Session
from ..store import resolve_db_path
from .errors import EXIT_APP_UNAVAILABLE

DEMO_FILE = ("demo", "profile.json")


def open_app(args: Namespace) -> int:
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
    catalog = load_catalog()
    if args.demo:
        demo = Path(shipped_data_dir(), *DEMO_FILE)
        if not demo.is_file():
            print(f"recert: the demo data is not installed ({demo} is missing)", file=sys.stderr)
            return EXIT_APP_UNAVAILABLE
        with demo_copy(demo) as db_path:
            return _run(run_app, Session.open(db_path, args.today, write=not args.read_only, catalog=catalog), args)
    session = Session.open(resolve_db_path(args.db), args.today, write=not args.read_only, catalog=catalog)
    return _run(run_app, session, args)


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
