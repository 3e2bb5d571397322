"""The `recert` command: scriptable subcommands, or the terminal app when none is given.

Importing this package must stay cheap and must never import Textual: `recert status --json`
is the interface scripts call, and the terminal app is imported only when it is opened.
"""

from __future__ import annotations

import gc
import os
import sys

from .errors import EXIT_OK, EXIT_STORE, OutputFailed, report_error

__all__ = ["main", "command_line", "keep_until_exit"]

_ending_after_main = False  # set by command_line: the process ends as soon as main() returns
_kept_for_exit: list[object] = []


def keep_until_exit(*objects: object) -> None:
    """Hold on to `objects` if the process is about to end anyway (see command_line).

    Freeing a heavy user's 10,000 documents, records and their report one by one took ~4 ms
    of `recert status --json`; at os._exit the system takes the memory back at once. When
    main() is called any other way (tests, another program), nothing is held.
    """
    if _ending_after_main:
        _kept_for_exit.extend(objects)


def command_line() -> None:
    """The `recert` program: main(), then an exit without the interpreter's teardown.

    Freeing every module and record one by one on the way out cost ~4 ms of each `recert
    status --json`; the operating system takes the whole process back at once. Nothing is
    lost by skipping it: output is flushed here (a failure to write it is reported like any
    other), files and the session lock are closed before main() returns, the terminal app
    has restored the terminal by then, and nothing of ours is registered with atexit.
    """
    global _ending_after_main
    _ending_after_main = True
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
                code = report_error(OutputFailed(error))
            except (OSError, ValueError):  # stderr cannot be written either
                code = EXIT_STORE
    return code


def main(argv: list[str] | None = None) -> int:
    """Run `recert` with `argv` (default: sys.argv[1:]); returns the exit code."""
    # No cyclic garbage collection while a command runs: a command lasts a fraction of a
    # second and makes no cycles worth collecting, and the collector's passes over a heavy
    # user's 10,000 freshly built records were a quarter of `status --json`. The terminal
    # app loads its data in this state too, then collects when the keyboard is quiet
    # (tui.app.run_app). Restored on the way out, for callers in the same process.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv)
    finally:
        if collecting:
            gc.enable()


def _main(argv: list[str] | None) -> int:
    from .global_options import launch_options, today_from

    _tolerant_output()
    argv = sys.argv[1:] if argv is None else argv
    args = launch_options(argv)  # opening the app: no argparse (see global_options)
    if args is None:
        from .parser import build_parser

        try:
            args = build_parser().parse_args(argv)
        except SystemExit as done:  # --help (0) or a usage error (2, already printed in one line)
            return done.code if isinstance(done.code, int) else 2
    try:
        args.today = today_from(args)
        if args.command is None:
            from .launch import open_app  # only this path may import Textual

            return open_app(args)
        from .commands import run

        return run(args)
    except BrokenPipeError:
        # `recert status | head`: the reader left; say nothing more and do not trace.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - only the known kinds are turned into one line
        code = report_error(error)
        if code is None:
            raise
        return code


def _tolerant_output() -> None:
    """Never fail on a character the terminal's encoding lacks: show an escape instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass

