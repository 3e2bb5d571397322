"""Run a program in a real pseudo-terminal (80x24) and time how long until a text appears."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


@dataclass
class PtyRun:
    seconds: float  # from fork to the text first on screen
    peak_rss_kb: int  # VmHWM of the program once it settled


def peak_rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def time_until_text(argv: list[str], text: str, *, env: dict[str, str] | None = None, timeout: float = 30.0,
                    settle: float = 0.5, keys: bytes = b"q") -> PtyRun:
    """Start `argv` in an 80x24 pty; return when `text` shows, with its peak memory after `settle` s."""
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24", **(env or {})}
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its terminal
        try:
            os.execvpe(argv[0], argv, environment)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen, found_at = "", None
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk.decode("utf-8", "replace")
                if found_at is None and text in _ANSI.sub("", seen):
                    found_at = time.perf_counter() - started
                    break
        if found_at is None:
            raise RuntimeError(f"{text!r} did not appear within {timeout} s; screen so far: {_ANSI.sub('', seen)[-500:]!r}")
        deadline = time.perf_counter() + settle
        while time.perf_counter() < deadline:  # keep draining so the program never blocks on output
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    os.read(fd, 65536)
                except OSError:
                    break
        rss = peak_rss_kb(pid)
        return PtyRun(found_at, rss)
    finally:
        try:
            os.write(fd, keys)
            time.sleep(0.05)
        except OSError:
            pass
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
