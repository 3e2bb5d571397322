"""Real terminals for the installed `recert`: a tmux pane (what a user sees) and a bare pty
(every byte the program wrote)."""

from __future__ import annotations

import contextlib
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import time
import uuid

import pytest

from tests.helpers.rules import RECERT

needs_recert = pytest.mark.skipif(not RECERT.exists(), reason="needs the installed recert script")
needs_tmux = pytest.mark.skipif(
    shutil.which("tmux") is None or not RECERT.exists(), reason="needs tmux and the installed recert script"
)


class TmuxTerminal:
    """An 80x24 tmux pane on a private socket (never the user's own tmux server)."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        self.socket = f"recert-test-{uuid.uuid4().hex[:8]}"
        self._tmux(
            "new-session",
            "-d",
            "-s",
            "app",
            "-x",
            str(size[0]),
            "-y",
            str(size[1]),
            *(f"-e{key}={value}" for key, value in env.items()),
            "--",
            *command,
        )
        self._tmux("set-option", "-t", "app", "remain-on-exit", "on")
        self._tmux("set-option", "-s", "escape-time", "10")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            check=True,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
        ).stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "app")

    def keys(self, *keys: str) -> None:
        """Press tmux key names (`Enter`, `C-s`) one at a time, as typed."""
        for key in keys:
            self._tmux("send-keys", "-t", "app", key)
            time.sleep(0.05)

    def type(self, text: str) -> None:
        """Type `text` literally (never read as key names)."""
        self._tmux("send-keys", "-t", "app", "-l", "--", text)
        time.sleep(0.1)

    def wait(self, text: str, timeout: float = 20.0) -> str:
        """Wait until the screen shows `text`; return that screen."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen:\n{self.screen()}")

    def pane_title(self) -> str:
        return self._tmux("display-message", "-p", "-t", "app", "#{pane_title}").strip()

    def exited(self) -> bool:
        return self._tmux("display-message", "-p", "-t", "app", "#{pane_dead}").strip() == "1"

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


class PtyTerminal:
    """Run `argv` in an 80x24 pseudo-terminal; `output` is every byte it wrote, unfiltered."""

    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)) -> None:
        import fcntl
        import termios

        environment = {**env, "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1])}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the pty is its terminal
            try:
                os.execvpe(argv[0], argv, environment)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.output = b""
        self.status: int | None = None

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if select.select([self.fd], [], [], 0.05)[0]:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                self.output += chunk

    def wait_for(self, needle: bytes, timeout: float = 20.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if needle in self.output:
                return
            self.pump(0.1)
        raise AssertionError(f"{needle!r} never appeared; last output: {self.output[-800:]!r}")

    def send(self, keys: bytes, settle: float = 0.6) -> None:
        os.write(self.fd, keys)
        self.pump(settle)

    def wait_exit(self, timeout: float = 15.0) -> int | None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.pump(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
        return None

    def close(self) -> None:
        if self.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
        with contextlib.suppress(OSError):
            os.close(self.fd)
