"""The `recert` command: scriptable subcommands, or the terminal app when none is given.

Importing this package never imports Textual: `recert status --json` is the interface
scripts call, and the terminal app is imported only when it is opened (cli.launch).
"""

from __future__ import annotations

import gc
import os
import sys
from contextlib import suppress

from . import ending
from .commands import run
from .errors import EXIT_OK, EXIT_STORE, OutputFailed, report_error
from .global_options import today_from
from .parser import parse_command_line

__all__ = ["main", "command_line"]


def command_line() -> None:
    """The `recert` program: main(), then flush and os._exit (see cli.ending for why).

    Nothing is lost by skipping the teardown: output is flushed here (a failure to write it
    is reported like any other), files and the session lock are closed before main()
    returns, the terminal app has restored the terminal by then, and nothing of ours is
    registered with atexit.
    """
    ending.expect_exit()
    code = main()
    code = _flushed(sys.stdout, code)
    _flushed(sys.stderr, code)
    os._exit(code)


def _flushed(stream, code: int) -> int:
    """Flush `stream`; returns the exit code, which a failed write turns into EXIT_STORE."""
    if stream is None:  # started with the stream closed (`recert status >&-`)
        return code
    try:
        stream.flush()
    except BrokenPipeError:  # the reader left (`recert status | head`): not our problem
        pass
    except (OSError, ValueError) as error:  # ValueError: the stream was closed
        if stream is sys.stdout:
            try:
                reported = report_error(OutputFailed(error))
                assert reported is not None  # OutputFailed is a known failure, with its exit code
                code = reported
            except (OSError, ValueError):  # stderr cannot be written either
                code = EXIT_STORE
    return code


def main(argv: list[str] | None = None) -> int:
    """Run `recert` with `argv` (default: sys.argv[1:]); returns the exit code."""
    # No cyclic garbage collection while a command runs or the app starts (it collects once
    # the keyboard is quiet, tui.app.run_app): kept for the bench's start-up figure
    # (docs/speed.md). Restored on the way out, for callers in the same process.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv)
    finally:
        if collecting:
            gc.enable()


def _main(argv: list[str] | None) -> int:
    _tolerant_output()
    try:
        args = parse_command_line(sys.argv[1:] if argv is None else argv)
    except SystemExit as done:  # --help (0) or a usage error (2, already printed in one line)
        return done.code if isinstance(done.code, int) else 2
    try:
        args.today = today_from(args)
        if args.command is None:
            # Here, not at the top: its imports stay off `status --json` (docs/speed.md).
            from .launch import open_app

            return open_app(args)
        return run(args)
    except BrokenPipeError:
        # `recert status | head`: the reader left; say nothing more and do not trace.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except Exception as error:
        code = report_error(error)
        if code is None:
            raise
        return code


def _tolerant_output() -> None:
    """Never fail on a character the terminal's encoding lacks: show an escape instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")
