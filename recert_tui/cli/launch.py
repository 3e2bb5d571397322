"""`recert` with no command: open the terminal app (the only path that imports Textual)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..catalog import load_catalog, shipped_data_dir
from ..session import Session
from ..store import resolve_db_path
from .errors import EXIT_APP_UNAVAILABLE

if TYPE_CHECKING:
    from argparse import Namespace
    from types import SimpleNamespace  # the app is opened without argparse (global_options)

DEMO_FILE = ("demo", "profile.json")


def open_app(args: SimpleNamespace | Namespace) -> int:
    try:
        from ..tui.app import run_app
    except ImportError as error:
        print(f"recert: the terminal app is not available in this installation ({error}); "
              "the commands work: see `recert --help`", file=sys.stderr)
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


def _run(run_app, session: Session, args: SimpleNamespace | Namespace) -> int:
    try:
        return run_app(session, mouse=args.mouse, demo=args.demo)
    finally:
        session.close()


@contextmanager
def demo_copy(demo: Path) -> Iterator[Path]:
    """A private (0700) temporary folder holding a copy of the demo database, removed afterwards.

    The user's own database is never opened, so nothing done in the demo can reach it.
    """
    folder = Path(tempfile.mkdtemp(prefix="recert-demo-"))  # mkdtemp creates it 0700
    try:
        os.chmod(folder, 0o700)
        db_path = folder / "recert.json"
        shutil.copyfile(demo, db_path)
        os.chmod(db_path, 0o600)
        yield db_path
    finally:
        shutil.rmtree(folder, ignore_errors=True)
