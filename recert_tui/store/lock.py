"""One writer per database: a filelock on '<db>.lock' plus an owner note saying who holds it."""

from __future__ import annotations

import json
import os
from contextlib import suppress
from datetime import datetime
from typing import TYPE_CHECKING

from .replace import write_atomically

if TYPE_CHECKING:
    from pathlib import Path


class SessionLock:
    """Non-blocking session lock; `holder_description()` names the session that has it."""

    def __init__(self, db_path: str | Path, timeout: float = 0.0) -> None:
        # Write-only: kept off the read path, a share of the `status --json` figure (docs/speed.md).
        from pathlib import Path

        db_path = Path(db_path)
        self.lock_path = db_path.with_name(db_path.name + ".lock")
        self.owner_path = db_path.with_name(db_path.name + ".lock.owner")
        self.timeout = timeout
        # mode is applied with fchmod when the lock file is created, so umask cannot widen it.
        # Not thread-local: the UI may close the store from a worker thread.
        from filelock import FileLock  # write-only, as pathlib above (filelock brings logging and socket)

        self._lock = FileLock(str(self.lock_path), mode=0o600, thread_local=False)

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def acquire(self, timeout: float | None = None) -> bool:
        """Try to take the lock (waiting up to `timeout` seconds); returns whether we hold it."""
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=self.timeout if timeout is None else timeout)
        except Timeout:
            return False
        try:
            note = {
                "pid": os.getpid(),
                "host": _hostname(),
                "started": datetime.now().astimezone().isoformat(timespec="seconds"),
            }
            # Written atomically so a reader never sees half a note; no fsync, it is advisory.
            write_atomically(self.owner_path, json.dumps(note).encode(), durable=False)
        except OSError:
            pass  # the lock itself holds; others just get a vaguer description
        return True

    def release(self) -> None:
        if self.held:
            with suppress(OSError):
                self.owner_path.unlink()
            self._lock.release()

    def holder_description(self) -> str:
        """E.g. 'another recert session (pid 4242 on host1, since 14:02)'."""
        try:
            note = json.loads(self.owner_path.read_text(encoding="utf-8"))
            pid, host = int(note["pid"]), str(note["host"])
            started = datetime.fromisoformat(note["started"])
        except (OSError, ValueError, KeyError, TypeError):
            return "another recert session"
        local = started.astimezone() if started.tzinfo else started
        when = f"{local:%H:%M}" if local.date() == datetime.now().date() else f"{local:%Y-%m-%d %H:%M}"
        return f"another recert session (pid {pid} on {host}, since {when})"

    def __enter__(self) -> SessionLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _hostname() -> str:
    import socket  # write-only, as above

    return socket.gethostname()
