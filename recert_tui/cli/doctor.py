"""`recert doctor`: check the database file in plain sentences; restore or make private on request.

Exit 0 when healthy (after any fixes), 1 when a problem remains, 3 when a fix was attempted and
failed (or could not be attempted because another session holds the file).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..domain.dates import show_date
from ..exports.backup import check_backup
from ..store import SCHEMA_VERSION, ReadOnlyStore, SaveFailed, Store, StoreDamaged, StoreTooNew, resolve_db_path, schema
from ..store import backups as backup_files
from ..store.errors import os_reason
from ..store.lock import SessionLock
from ..store.paths import permission_problem
from .commands import out
from .errors import EXIT_NOT_DONE, EXIT_OK
from .files import confirm, records_phrase, require_consent, with_path
from .render_text import INDENT, wrap

RESTORE_QUESTION = "Put the newest good backup in place of the database? The current file is kept aside. [y/N]"
PERMISSIONS_QUESTION = "Make the database and its backups private to you (0600)? [y/N]"


@dataclass
class Health:
    """What was found; `problems` names each one still present."""

    path: Path  # as given
    real: Path  # where the bytes live
    exists: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    damaged: StoreDamaged | None = None
    version: int | None = None
    insecure: str | None = None
    exposed: list[tuple[Path, int]] = field(default_factory=list)  # kept copies others can open, with each mode
    backups: list[Path] = field(default_factory=list)
    good_backup: Path | None = None

    @property
    def too_new(self) -> bool:
        return isinstance(self.damaged, StoreTooNew)

    @property
    def restorable(self) -> bool:
        """Damaged (not merely newer) or missing while backups exist."""
        return (self.damaged is not None and not self.too_new) or (not self.exists and bool(self.backups))


def examine(path: Path) -> Health:
    """Read the file once (never changing it) and collect what doctor reports."""
    try:
        # thorough: opening looks at what json.loads hides only when a cheap count says to;
        # doctor always looks (a plain value written twice in a record, say), in the same parse.
        store = Store.open(path, write=False, thorough=True)
    except StoreDamaged as error:
        health = Health(path, error.path, exists=True, damaged=error)
    else:
        with store:
            profile = store.profile()
            counts = {table: len(getattr(profile, table)) for table in schema.TABLES if hasattr(profile, table)}
            health = Health(path, store.real_path, exists=store.real_path.exists(), counts=counts)
            health.version = store.stored_version if health.exists else None
    health.insecure = permission_problem(health.real, path.name) if health.exists else None
    health.exposed = backup_files.exposed_copies(health.real)
    health.backups = backup_files.list_backups(health.real)
    if health.restorable:
        health.good_backup = backup_files.newest_good_backup(health.real)
    return health


def saved_at(path: Path) -> str:
    try:
        when = datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return "at an unknown time"
    return f"{show_date(when.date())} {when:%H:%M}"


def backup_sentence(backup: Path) -> str:
    try:
        holding = records_phrase(check_backup(backup))
    except StoreDamaged:
        holding = "records that cannot be counted"
    return with_path(
        f"The newest good backup, saved {saved_at(backup)} and holding {holding}, is", backup, indent=INDENT
    )


def report_lines(health: Health, holder: str | None) -> list[str]:
    """Plain sentences, one per check."""
    lines = []
    if health.damaged is not None:
        lines.append(f"Problem: {health.damaged.reason}")
    elif not health.exists:
        lines.append(
            "Problem: the database file is missing, but backups of it exist."
            if health.backups
            else "There is no database file yet; it is created when you first add something."
        )
    else:
        lines.append(f"It reads as a recert database holding {records_phrase(health.counts)}.")
        if health.version == SCHEMA_VERSION:
            lines.append(f"Its schema version is {health.version} (current).")
        elif health.version is not None:
            lines.append(
                f"Its schema version is {health.version}; it is upgraded to {SCHEMA_VERSION} on the next save."
            )
    if health.restorable:
        if health.good_backup is not None:
            lines.append(backup_sentence(health.good_backup))  # already laid out
            lines.append("Restore it with `recert doctor --restore`; the current file is kept aside first.")
        else:
            lines.append("No good backup was found, so there is nothing to restore.")
    if health.insecure:
        lines.append(f"Problem: {health.insecure} Fix it with `recert doctor --fix-permissions`.")
    elif health.exists:
        lines.append("Its permissions are private to you.")
    if health.exposed:
        lines.append(f"Problem: {exposed_sentence(health.exposed)} Fix it with `recert doctor --fix-permissions`.")
    if holder:
        lines.append(f"It is open in {holder}.")
    elif health.real.parent.is_dir():
        lines.append("No other recert session has it open.")
    if health.backups:
        count = len(health.backups)
        lines.append(
            with_path(
                f"{count} backup{'s' if count != 1 else ''}; the newest, saved {saved_at(health.backups[0])}, is",
                health.backups[0].name,
                indent=INDENT,
            )
        )
    else:
        lines.append("No backups yet; one is kept each time a change is saved.")
    return lines


def exposed_sentence(exposed: list[tuple[Path, int]]) -> str:
    """'A kept copy of the database, NAME (mode 0644), can be opened by other users ...' (or how many)."""
    first, mode = exposed[0]
    what = (
        f"A kept copy of the database, {first.name} (mode {mode:04o}), can"
        if len(exposed) == 1
        else f"{len(exposed)} kept copies of the database (backups and files kept aside), such as {first.name} "
        f"(mode {mode:04o}), can"
    )
    return f"{what} be opened by other users on this computer; they should be private to you (0600)."


def problems(health: Health) -> list[str]:
    found = []
    if health.damaged is not None:
        found.append("the file is too new for this recert-tui" if health.too_new else "the file is damaged")
    elif not health.exists and health.backups:
        found.append("the file is missing")
    if health.insecure:
        found.append("other users can open the file")
    if health.exposed:
        count = len(health.exposed)
        found.append(f"other users can open {count} kept cop{'y' if count == 1 else 'ies'} of it")
    return found


def _take_lock(real: Path) -> tuple[SessionLock | None, str | None]:
    """Hold the session lock while checking (and fixing); or say who holds it."""
    if not real.parent.is_dir():
        return None, None
    lock = SessionLock(real)
    try:
        if lock.acquire(timeout=0):
            return lock, None
    except OSError as error:
        return None, f"a state recert cannot check (the lock could not be read: {os_reason(error)})"
    return None, lock.holder_description()


def doctor(args: argparse.Namespace) -> int:
    if args.restore or args.fix_permissions:
        if args.read_only:
            raise ReadOnlyStore("opened read-only (--read-only). Nothing was changed.")
        require_consent(args.yes, "let doctor change the file")
    path = Path(resolve_db_path(args.db)).expanduser().absolute()
    out(with_path("Database:", path, end=""))
    health = examine(path)
    lock, holder = _take_lock(health.real)
    try:
        for line in report_lines(health, holder):
            out(line if line.startswith(INDENT) else wrap(line, INDENT))  # path lines come laid out
        if args.fix_permissions:
            health = _fix_permissions(args, health)
        if args.restore:
            health = _restore(args, health, lock, holder)
    finally:
        if lock is not None:
            lock.release()
    remaining = problems(health)
    if remaining:
        out(
            wrap(
                f"{len(remaining)} problem{'s' if len(remaining) != 1 else ''} remain{'s' if len(remaining) == 1 else ''}: "
                f"{'; '.join(remaining)}."
            )
        )
        return EXIT_NOT_DONE
    out("Everything looks fine.")
    return EXIT_OK


def _fix_permissions(args: argparse.Namespace, health: Health) -> Health:
    if not health.insecure and not health.exposed:
        out(wrap("The permissions are already private; nothing to fix."))
        return health
    if not args.yes and not confirm(PERMISSIONS_QUESTION):
        out("The permissions were not changed.")
        return health
    backup_files.make_private(health.real)
    out(wrap("Made the database and its backups private to you (0600)."))
    return examine(health.path)


def _restore(args: argparse.Namespace, health: Health, lock: SessionLock | None, holder: str | None) -> Health:
    if health.too_new:
        out(wrap("Nothing was restored: the file is fine for a newer recert-tui; update recert-tui instead."))
        return health
    if not health.restorable:
        out(
            wrap(
                "The database reads fine, so nothing was restored. To go back to an earlier version, "
                "use `recert import json BACKUP`."
            )
        )
        return health
    if health.good_backup is None:
        out(wrap("Nothing was restored: there is no good backup."))
        return health
    if lock is None:
        raise ReadOnlyStore(
            f"{health.path.name} is open in {holder or 'another recert session'}; "
            "close it and run `recert doctor --restore` again. Nothing was changed."
        )
    if not args.yes and not confirm(RESTORE_QUESTION):
        out("Nothing was restored.")
        return health
    try:
        aside = backup_files.restore_backup(health.real, health.good_backup)
    except OSError as error:
        raise SaveFailed(f"Could not restore {health.good_backup}: {os_reason(error)}. Nothing was changed.") from None
    except StoreDamaged as error:
        raise SaveFailed(f"Could not restore {health.good_backup}: {error.reason}") from None
    out(with_path("Restored", health.good_backup))
    if aside is not None:
        out(with_path("The damaged file was kept as", aside))
    after = examine(health.path)
    if after.damaged is None:
        out(wrap(f"The database now reads: {records_phrase(after.counts)}.", INDENT))
    return after


HANDLERS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("doctor", None): doctor,
}
