"""Run a program in a real pseudo-terminal (80x24): time how long until a text appears, or
drive it key by key as a user would (`PtySession`), reading what the screen shows (`Screen`).

Used by the benchmarks here and by the tests that need a real terminal (tests/terminal):
import it as `tests.perf.ptyrun` there (this folder is left out of test collection only).
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
import unicodedata
from dataclasses import dataclass

_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
# What Screen.feed reads: one escape sequence (CSI with its parts, OSC, charset, two-byte),
# a run of plain text, or one control character.
_ESCAPE = re.compile(
    r"\x1b\[([0-?]*)([ -/]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[^\[\]()]"
)
_PLAIN = re.compile(r"[^\x00-\x1f\x7f]+")


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


def time_until_text(
    argv: list[str],
    text: str,
    *,
    env: dict[str, str] | None = None,
    timeout: float = 30.0,
    settle: float = 0.5,
    keys: bytes = b"q",
) -> PtyRun:
    """Start `argv` in an 80x24 pty; return when `text` shows, with its peak memory after `settle` s."""
    started = time.perf_counter()
    pid, fd = _spawn(argv, env, 24, 80)
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
            raise RuntimeError(
                f"{text!r} did not appear within {timeout} s; screen so far: {_ANSI.sub('', seen)[-500:]!r}"
            )
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
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def _spawn(argv: list[str], env: dict[str, str] | None, rows: int, cols: int) -> tuple[int, int]:
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows), **(env or {})}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its terminal
        try:
            os.execvpe(argv[0], argv, environment)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


class Screen:
    """What a terminal shows, for the sequences a full-screen program writes: cursor moves
    (CUP, CUU/CUD/CUF/CUB, CHA, VPA), erasing (ED, EL, ECH), text, CR, LF and backspace.
    Colours, modes, titles and queries are read and ignored. Lines do not wrap at the right
    margin (Textual turns wrapping off), and a wide character fills two cells.

        screen = Screen(24, 80)
        screen.feed(output)
        screen.lines()  # 24 strings of 80 characters
    """

    def __init__(self, rows: int = 24, cols: int = 80) -> None:
        self.rows, self.cols = rows, cols
        self._cells = [[" "] * cols for _ in range(rows)]
        self.row = self.col = 0
        self._pending = ""  # the start of a sequence split between two reads

    def feed(self, text: str) -> None:
        text, self._pending = self._pending + text, ""
        position = 0
        while position < len(text):
            char = text[position]
            if char == "\x1b":
                match = _ESCAPE.match(text, position)
                if match is None:
                    if len(text) - position < 64:  # cut short by the end of this read: wait for the rest
                        self._pending = text[position:]
                        return
                    position += 1  # not a sequence this reads: skip the ESC
                    continue
                if match.group(3) is not None:
                    self._csi(match.group(1), match.group(2), match.group(3))
                # else: OSC (a title), charset, keypad mode, save/restore cursor: nothing drawn
                position = match.end()
            elif char < " " or char == "\x7f":
                self._control(char)
                position += 1
            else:
                match = _PLAIN.match(text, position)
                self._text(match.group())
                position = match.end()

    def lines(self) -> list[str]:
        return ["".join(cell for cell in row) for row in self._cells]

    def text(self) -> str:
        return "\n".join(self.lines())

    def _clamp(self) -> None:
        self.row = max(0, min(self.rows - 1, self.row))
        self.col = max(0, min(self.cols - 1, self.col))

    def _csi(self, params: str, intermediate: str, final: str) -> None:
        if intermediate or (params[:1] in ("?", ">", "<", "=")):
            return  # a mode, a query or a private sequence: nothing drawn
        numbers = [int(part) if part.isdigit() else 0 for part in params.split(";")] if params else []
        first = numbers[0] if numbers else 0
        count = first or 1
        if final in "Hf":
            self.row = count - 1
            self.col = (numbers[1] if len(numbers) > 1 and numbers[1] else 1) - 1
        elif final == "A":
            self.row -= count
        elif final == "B":
            self.row += count
        elif final == "C":
            self.col += count
        elif final == "D":
            self.col -= count
        elif final == "G":
            self.col = count - 1
        elif final == "d":
            self.row = count - 1
        elif final == "J":
            rows = {0: range(self.row + 1, self.rows), 1: range(0, self.row), 2: range(self.rows), 3: range(self.rows)}
            for row in rows.get(first, ()):
                self._cells[row] = [" "] * self.cols
            if first == 0:
                self._erase(self.row, self.col, self.cols)
            elif first == 1:
                self._erase(self.row, 0, self.col + 1)
        elif final == "K":
            start, end = {0: (self.col, self.cols), 1: (0, self.col + 1), 2: (0, self.cols)}.get(first, (0, 0))
            self._erase(self.row, start, end)
        elif final == "X":
            self._erase(self.row, self.col, self.col + count)
        self._clamp()

    def _erase(self, row: int, start: int, end: int) -> None:
        for col in range(max(0, start), min(self.cols, end)):
            self._cells[row][col] = " "

    def _control(self, char: str) -> None:
        if char == "\r":
            self.col = 0
        elif char == "\n":
            self.row = min(self.rows - 1, self.row + 1)
        elif char == "\b":
            self.col = max(0, self.col - 1)

    def _text(self, text: str) -> None:
        cells = self._cells[self.row]
        for char in text:
            if unicodedata.combining(char):
                continue
            width = 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
            if self.col + width > self.cols:
                self.col = self.cols - width  # no wrapping: the last column is overwritten
            cells[self.col] = char
            if width == 2:
                cells[self.col + 1] = ""
            self.col = min(self.cols - 1, self.col + width)  # no wrapping: the cursor stays in the last column


class PtySession:
    """A program kept running in an 80x24 pty: write keys, wait for text, as a user would.

    Everything the program writes is read promptly (also while waiting), so it never blocks
    on a full terminal. `wait_for` looks only at output written after the last `mark()` (or
    `write(..., mark=True)`), with ANSI sequences stripped, so text that was already on the
    screen before the mark does not count. `screen` is what the terminal shows now, and
    `wait_for_screen` waits until it satisfies a test. Times are `time.perf_counter()` values.

        with PtySession(["prog"]) as tty:
            tty.wait_for("ready")
            sent = tty.write(b"y", mark=True)
            seconds = tty.wait_for("done") - sent
            tty.wait_for_screen(lambda screen: "done" in screen.lines()[0])
    """

    def __init__(self, argv: list[str], *, env: dict[str, str] | None = None, rows: int = 24, cols: int = 80) -> None:
        self.argv = argv
        self.started = time.perf_counter()
        self.pid, self.fd = _spawn(argv, env, rows, cols)
        self._raw = bytearray()  # everything read so far
        self._mark = 0  # wait_for searches self._raw[self._mark:]
        self._closed = False
        self.exit_status: int | None = None
        self.screen = Screen(rows, cols)
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")  # a character may be split between reads

    # --- output ----------------------------------------------------------------------------

    def _read(self, timeout: float) -> bool:
        """Read what is there (waiting up to `timeout` s for something); False at end of output."""
        if not select.select([self.fd], [], [], max(0.0, timeout))[0]:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the program closed the terminal (it ended)
            return False
        if not chunk:
            return False
        self._raw += chunk
        self.screen.feed(self._decoder.decode(chunk))
        return True

    def screen_since_mark(self) -> str:
        """The text written since the mark, ANSI sequences removed."""
        return _ANSI.sub("", self._raw[self._mark :].decode("utf-8", "replace"))

    def mark(self) -> None:
        """From now on, `wait_for` looks only at output written after this point."""
        self.drain(0)
        self._mark = len(self._raw)

    def drain(self, seconds: float) -> None:
        """Keep reading for `seconds` (at least one read of what is already there)."""
        deadline = time.perf_counter() + seconds
        while True:
            if not self._read(min(0.02, max(0.0, deadline - time.perf_counter()))):
                return
            if time.perf_counter() >= deadline and not select.select([self.fd], [], [], 0)[0]:
                return

    def wait_for(self, text: str, timeout: float = 30.0, *, what: str = "") -> float:
        """Read until `text` shows in the output since the mark; return when it was seen.

        Raises TimeoutError (with the end of the screen so far) if it does not show in time,
        and RuntimeError if the program ends first.
        """
        deadline = time.perf_counter() + timeout
        checked = self._mark  # the output is re-stripped from the mark, in case a sequence was split
        while True:
            if len(self._raw) > checked:
                checked = len(self._raw)
                if text in self.screen_since_mark():
                    return time.perf_counter()
            now = time.perf_counter()
            if now >= deadline:
                raise TimeoutError(
                    f"{what or repr(text)} did not show within {timeout:g} s in {' '.join(self.argv)}; "
                    f"screen since the mark ends with: {self.screen_since_mark()[-600:]!r}"
                )
            if not self._read(min(0.05, deadline - now)):
                raise RuntimeError(
                    f"{' '.join(self.argv)} ended before {what or repr(text)} showed; "
                    f"its last output: {self.screen_since_mark()[-600:]!r}"
                )

    def wait_for_screen(self, check, timeout: float = 30.0, *, what: str = "") -> float:
        """Read until `check(self.screen)` is true; return when it was.

        Raises TimeoutError (with what the screen shows) if it does not become true in time,
        and RuntimeError if the program ends first.
        """
        deadline = time.perf_counter() + timeout
        while True:
            if check(self.screen):
                return time.perf_counter()
            now = time.perf_counter()
            if now >= deadline:
                raise TimeoutError(
                    f"{what or check} not on screen within {timeout:g} s in {' '.join(self.argv)}; "
                    f"the screen shows:\n{self.screen.text()}"
                )
            if not self._read(min(0.05, deadline - now)):
                raise RuntimeError(
                    f"{' '.join(self.argv)} ended before {what or check}; the screen shows:\n{self.screen.text()}"
                )

    # --- input -----------------------------------------------------------------------------

    def write(self, keys: bytes | str, *, mark: bool = False) -> float:
        """Type `keys` in one write (a burst); return the time just before writing.

        With `mark=True` the mark moves to here first, so a following `wait_for` sees only
        what the program writes in answer to these keys.
        """
        if mark:
            self.mark()
        data = keys.encode() if isinstance(keys, str) else keys
        sent = time.perf_counter()
        view = memoryview(data)
        while view:
            written = os.write(self.fd, view)
            view = view[written:]
        return sent

    def type(self, keys: bytes | str, pause: float = 0.03) -> None:
        """Type `keys` one at a time, `pause` s apart (reading output meanwhile), as a person types."""
        data = keys.encode() if isinstance(keys, str) else keys
        for byte in data:
            self.write(bytes([byte]))
            self.drain(pause)

    # --- ending ----------------------------------------------------------------------------

    def wait_exit(self, timeout: float = 10.0) -> int:
        """Wait for the program to end by itself (reading what it writes meanwhile); return its
        wait status (os.WIFSIGNALED and the like read it). TimeoutError if it does not end."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.exit_status = status
                return status
            if not self._read(0.02):
                time.sleep(0.01)
        raise TimeoutError(f"{' '.join(self.argv)} was still running after {timeout:g} s")

    def close(self, keys: bytes = b"q", grace: float = 2.0) -> None:
        """Type `keys` (the quit key), give the program `grace` s to end, then kill it."""
        if self._closed:
            return
        self._closed = True
        if self.exit_status is not None:  # it ended already (wait_exit): only the terminal is left
            os.close(self.fd)
            return
        try:
            with contextlib.suppress(OSError):
                os.write(self.fd, keys)
            deadline = time.perf_counter() + grace
            while time.perf_counter() < deadline:
                try:
                    done, status = os.waitpid(self.pid, os.WNOHANG)
                except ChildProcessError:
                    return
                if done:
                    self.exit_status = status
                    return
                if not self._read(0.02):
                    time.sleep(0.01)
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                _, self.exit_status = os.waitpid(self.pid, 0)
        finally:
            os.close(self.fd)

    def __enter__(self) -> PtySession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
