"""The roster: many people's exported files at once, one row per person and credential.

Program directors follow each graduate's exam attempts; clinic managers must know that every
assistant's credential is current. Each person keeps their own database and hands over an
export (`recert export json --for-roster`, or a full backup); the roster reads many of them.

Reading never writes: no lock is taken and no file or folder is created, so a roster can be
run over a shared folder, or over a person's live database, without touching it. Each file
is parsed and checked as the store reads a database (`schema.load`, `records.build_models`)
and computed with the one engine against one `today`. A file that cannot be read is listed
with its reason (one sentence) and never stops the rest.

Rows are sorted by urgency (`domain.urgency.check` on each row's credential and exam), most
urgent first. Never imports Textual: the CLI and the TUI both use it.
"""

from __future__ import annotations

import math
import os
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from .domain.counting import EPSILON, points_text
from .domain.cycle import STATUS_WORDS
from .domain.engine import CredentialReport, Report, compute
from .domain.exams import ExamReport
from .domain.models import Profile
from .domain.rules import CredentialRules
from .domain.urgency import ACTION_SOON, DEFAULT_WITHIN_DAYS, LAPSED_OR_REENROLL, Check, check
from .session import HOLDER_NAME_SETTING, MAX_HOLDER_NAME
from .store import StoreError, schema
from .store.backups import is_kept_copy
from .store.errors import os_reason
from .store.records import build_models, profile_of

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

ROSTER_EXPORT = "roster"  # meta's "export" in a file written by `recert export json --for-roster`
MAX_FILE_BYTES = 256 * 1024 * 1024  # far above any person's file (10,000 activities: ~3 MB)

# Statuses a row can have: the engine's for a held credential, then the roster's own.
STUDENT = "student"  # exam records for a credential not held (a graduate before the exam)
NO_RULES = "no-rules"  # a credential this installation has no rule file for
NO_RECORDS = "no-records"  # a readable file with neither a credential nor an exam record
ROW_STATUS_WORDS = {
    **{status: STATUS_WORDS[status] for status in ("lapsed", "grace", "due-soon", "current")},
    STUDENT: "student",
    NO_RULES: "no rules",
    NO_RECORDS: "no records",
}
STATUSES = tuple(ROW_STATUS_WORDS)


class RosterRow(NamedTuple):
    """One person and one credential (or, for a student, one exam program), as of `today`."""

    person: str  # the name the person set, else the file's name without .json
    path: str  # the file it came from
    code: str  # the credential's code; a student's exam program's; "" with no records
    name: str  # the credential's short name, e.g. "CMA (AAMA)"
    status: str  # one of STATUSES
    expires_on: date | None
    days_left: int | None  # until expiry; negative once expired
    needs: str  # the engine's sentence: what is still needed, or what the exam record says
    needs_short: str  # the same in a few words: "3.5 points", "CE done", "lapsed", "pass exam"
    next_step: str
    attempts_used: int | None  # failures counted toward the limit; None without an exam policy
    attempts_allowed: int | None
    last_attempt: bool  # one attempt left
    reenrollment_required: bool
    last_activity_on: date | None  # the newest CE activity for this credential
    due: Check  # what needs doing within the roster's days, most urgent first

    @property
    def status_words(self) -> str:
        return ROW_STATUS_WORDS[self.status]

    @property
    def urgency(self) -> int:
        """0 nothing due, 1 action needed within the days asked about, 2 lapsed or re-enroll."""
        return self.due.code


class Unreadable(NamedTuple):
    """A path the roster could not read, and why, in one sentence."""

    path: str
    reason: str


class Person(NamedTuple):
    """One file read: who it is, what it holds and what the engine makes of it."""

    name: str
    path: str
    profile: Profile
    report: Report
    roster_export: bool  # written by `export json --for-roster` (not a full backup)
    names: Mapping[str, str]  # credential code -> its short name ("CMA (AAMA)"), from the rules


class Roster(NamedTuple):
    today: date
    within_days: int
    rows: tuple[RosterRow, ...]  # most urgent first (sort_key)
    unreadable: tuple[Unreadable, ...]
    files: int  # files read


# --- which files ------------------------------------------------------------------------------


def roster_files(paths: Iterable[str]) -> tuple[list[str], list[Unreadable]]:
    """The files to read for `paths` (files, or folders: their *.json files, not recursive,
    in name order, skipping hidden files and the app's backups), each once, and the paths
    that cannot be used. A file named on its own is read whatever its name."""
    files: list[str] = []
    problems: list[Unreadable] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for given in paths:
        path = os.path.expanduser(given)
        if not given.strip():
            problems.append(Unreadable(given, "An empty path names no file."))
            continue
        if not os.path.isdir(path):
            if os.path.lexists(path):
                add(path)  # reading it says what is wrong, if anything
            else:
                problems.append(Unreadable(path, f"{path} does not exist."))
            continue
        try:
            names = sorted(entry.name for entry in os.scandir(path))
        except OSError as error:
            problems.append(Unreadable(path, f"The folder {path} cannot be read: {os_reason(error)}."))
            continue
        picked = [name for name in names if _is_person_file(name)]
        if not picked:
            problems.append(
                Unreadable(path, f"The folder {path} holds no .json file (hidden files and backups are skipped).")
            )
        for name in picked:
            add(os.path.join(path, name))
    return files, problems


def _is_person_file(name: str) -> bool:
    """A folder's JSON files, but hidden ones and the copies the app keeps beside a database
    (backups, files kept aside by a restore), which would list each person many times."""
    return name.endswith(".json") and not name.startswith(".") and not is_kept_copy(name)


# --- one file ---------------------------------------------------------------------------------


class RosterFileError(StoreError):
    """A file the roster cannot read; the message is one sentence naming it."""


def read_person(path: str, rules_by_code: Mapping[str, CredentialRules], today: date) -> Person:
    """Read one person's file, without writing anything, and compute their report.

    Raises StoreError (one sentence) if it is not a readable recert file, whatever is in it.
    """
    name = os.path.basename(path)
    try:
        data = schema.load(_read_bytes(path), path)
        models = build_models(data, path, name)
        settings = (data.get("settings") or {}).get(str(schema.SETTINGS_DOC_ID)) or {}
        profile = profile_of(models, settings)
        # Every person against the default "due soon" span, not each one's own setting: the
        # roster's statuses must compare across people.
        report = compute(profile, rules_by_code, today)
    except (RecursionError, MemoryError, UnicodeError, ValueError) as error:  # a hostile file (no StoreError is one)
        raise RosterFileError(f"{name} cannot be read ({type(error).__name__}).") from None
    names = {code: rules.name for code, rules in rules_by_code.items()}
    return Person(_person_name(settings, name), path, profile, report, is_roster_export(data), names)


def is_roster_export(data: Mapping[str, Mapping]) -> bool:
    """Whether a parsed file was written by `recert export json --for-roster`."""
    meta = data.get("meta") or {}
    doc = meta.get(str(schema.META_DOC_ID)) or {}
    return isinstance(doc, dict) and doc.get("export") == ROSTER_EXPORT


def _read_bytes(path: str) -> bytes:
    """The file's bytes, opened read-only; a folder, a pipe or a device is refused before
    it is read (a pipe would wait for ever), and so is a file too large to be a person's."""
    name = os.path.basename(path) or path
    try:
        # O_NONBLOCK: opening a named pipe does not wait for a writer; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise RosterFileError(f"{name} cannot be read: {os_reason(error)}.") from None
    with os.fdopen(fd, "rb") as file:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise RosterFileError(f"{name} is not a file, so it is not a person's export.")
            if info.st_size > MAX_FILE_BYTES:
                raise RosterFileError(
                    f"{name} is {info.st_size // (1024 * 1024):,} MB, too large to be a person's export."
                )
            return file.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise RosterFileError(f"{name} cannot be read: {os_reason(error)}.") from None


def _person_name(settings: Mapping[str, object], file_name: str) -> str:
    """The name the person set (spaces tidied; a hand-edited one cut at the length a name
    may have), else the file's name without `.json`."""
    value = settings.get(HOLDER_NAME_SETTING)
    name = " ".join(value.split()) if isinstance(value, str) else ""
    if len(name) > MAX_HOLDER_NAME:
        name = name[: MAX_HOLDER_NAME - 1] + "…"
    return name or file_name.removesuffix(".json") or file_name


# --- rows -------------------------------------------------------------------------------------


def person_rows(person: Person, within_days: int = DEFAULT_WITHIN_DAYS) -> list[RosterRow]:
    """One row per held credential and per exam program without a held credential (a
    student's); one row saying so when the file holds neither."""
    report, profile = person.report, person.profile
    rows = []
    reported = {item.code for item in report.credentials}
    newest = _newest_activity_by_code(profile)
    for item in report.credentials:
        rows.append(_credential_row(person, item, newest.get(item.code), within_days))
    for held in profile.credentials:
        if held.code not in reported:  # its rule file is not installed here: nothing to compute
            rows.append(
                _plain_row(
                    person,
                    held.code,
                    NO_RULES,
                    f"recert has no rules for {held.code} here, so nothing about it can be worked out.",
                    "no rules",
                    newest.get(held.code),
                )
            )
    held_codes = {held.code for held in profile.credentials}  # every reported code is one of them
    for exam in report.exams:
        if exam.exam not in held_codes:
            rows.append(_student_row(person, exam, within_days))
    if not rows:
        rows.append(_plain_row(person, "", NO_RECORDS, "No credential and no exam record yet.", "nothing yet", None))
    return rows


def _credential_row(person: Person, item: CredentialReport, newest: date | None, within_days: int) -> RosterRow:
    exam = item.exam
    if item.status == "lapsed":
        short = "lapsed"
    elif item.needs.minimum_additional > EPSILON:
        short = f"{points_text(item.needs.minimum_additional)} points"
    else:
        short = "CE done"
    due = check(Report(person.report.today, (item,), (exam,) if exam else ()), within_days)
    return RosterRow(
        person=person.name,
        path=person.path,
        code=item.code,
        name=item.rules.name,
        status=item.status,
        expires_on=item.cycle.expires_on,
        days_left=item.days_left,
        needs=item.needs.sentence,
        needs_short=short,
        next_step=item.next_step,
        attempts_used=_used(exam),
        attempts_allowed=exam.max_attempts if exam else None,
        last_attempt=bool(exam and exam.one_left),
        reenrollment_required=bool(exam and exam.reenrollment_required),
        last_activity_on=newest,
        due=due,
    )


def _student_row(person: Person, exam: ExamReport, within_days: int) -> RosterRow:
    if exam.reenrollment_required:
        short = "re-enroll"
    elif exam.last_passed_on is not None and not exam.failures:
        short = "passed"  # the credential is not on their list yet
    else:
        short = "pass exam"
    return RosterRow(
        person=person.name,
        path=person.path,
        code=exam.exam,
        name=person.names.get(exam.exam, exam.exam),
        status=STUDENT,
        expires_on=None,
        days_left=None,
        needs=exam.flag,
        needs_short=short,
        next_step="",
        attempts_used=_used(exam),
        attempts_allowed=exam.max_attempts,
        last_attempt=exam.one_left,
        reenrollment_required=exam.reenrollment_required,
        last_activity_on=None,
        due=check(Report(person.report.today, (), (exam,)), within_days),
    )


def _plain_row(person: Person, code: str, status: str, needs: str, short: str, newest: date | None) -> RosterRow:
    return RosterRow(
        person.name, person.path, code, code, status, None, None, needs, short, "", None, None, False, False, newest,
        Check(0, ()),
    )  # fmt: skip


def _used(exam: ExamReport | None) -> int | None:
    return None if exam is None else exam.max_attempts - exam.remaining


def _newest_activity_by_code(profile: Profile) -> dict[str, date]:
    newest: dict[str, date] = {}
    for activity in profile.activities:
        day = newest.get(activity.credential)
        if day is None or activity.completed_on > day:
            newest[activity.credential] = activity.completed_on
    return newest


# --- the whole roster -------------------------------------------------------------------------


def read_people(
    files: Iterable[str], rules_by_code: Mapping[str, CredentialRules], today: date
) -> Iterator[Person | Unreadable]:
    """Each file read in turn: the person, or why it cannot be read (never an exception)."""
    for path in files:
        try:
            yield read_person(path, rules_by_code, today)
        except StoreError as error:
            yield Unreadable(path, str(error).strip())


def read_roster(
    paths: Iterable[str],
    rules_by_code: Mapping[str, CredentialRules],
    today: date,
    within_days: int = DEFAULT_WITHIN_DAYS,
) -> Roster:
    """Every person's rows from `paths`, most urgent first, and the paths that could not be read."""
    reading = RosterReading(paths, rules_by_code, today, within_days)
    try:
        reading.start_processes()
        rows: list[RosterRow] = []
        for batch in reading.batches(first_seconds=math.inf):
            rows += batch.rows
    finally:
        reading.close()
    return reading.roster(rows)


# --- reading many files -----------------------------------------------------------------------

PROCESSES_FROM_FILES = 40  # fewer files are read in the caller: starting processes would cost more
MOST_PROCESSES = 4


class Batch(NamedTuple):
    """The rows of the files read since the last batch, and how far reading has got."""

    rows: list[RosterRow]
    files_done: int
    files: int


class RosterReading:
    """A roster's files being read: in worker processes when there are many and they can be
    started safely (`start_processes`, before any thread is started: they are forked), else
    one after another in the thread that asks for `batches`.

    Each file is read as `read_person` reads it; a worker only reads and computes, and hands
    back the rows (small), so the caller stays free: the terminal app draws and answers keys
    while 500 files are read on the other cores.
    """

    def __init__(
        self,
        paths: Iterable[str],
        rules_by_code: Mapping[str, CredentialRules],
        today: date,
        within_days: int = DEFAULT_WITHIN_DAYS,
    ) -> None:
        self.files, self.unreadable = roster_files(paths)
        self.rules = dict(rules_by_code)
        self.today = today
        self.within_days = within_days
        self.read = 0  # files read (not those that could not be)
        self._pool: ProcessPoolExecutor | None = None
        self._chunks: list[tuple[list[str], Future]] = []  # (paths, future) per chunk given to the workers

    def start_processes(self) -> bool:
        """Start reading in worker processes now; False (nothing started) where that is not
        worth it (few files, one core) or not safe (no fork: not Linux)."""
        workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, MOST_PROCESSES)
        if workers < 2 or len(self.files) < PROCESSES_FROM_FILES or not sys.platform.startswith("linux"):
            return False
        # Imported here: only a big roster needs them, never `recert status --json`.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        size = -(-len(self.files) // (workers * 16))  # small chunks: batches come steadily, close() is quick
        try:
            pool = ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("fork"), initializer=_leave_interrupts_to_the_caller
            )
            self._chunks = [
                (chunk, pool.submit(_read_chunk, chunk, self.rules, self.today, self.within_days))
                for chunk in (self.files[start : start + size] for start in range(0, len(self.files), size))
            ]
        except (OSError, ValueError, RuntimeError):  # no processes allowed here: read in the caller
            self._chunks = []
            return False
        self._pool = pool
        return True

    def batches(
        self, first_seconds: float = 0.2, every_seconds: float = 1.0, stopped: Callable[[], bool] = lambda: False
    ) -> Iterator[Batch]:
        """The rows as files are read: a batch after `first_seconds`, then every `every_seconds`,
        and a last one when all are read. Blocks while it waits; ends early, with no last
        batch, once `stopped()` says so (it is asked after each file or chunk)."""
        rows: list[RosterRow] = []
        done = 0
        due = time.monotonic() + first_seconds
        for found, count in self._results():
            if stopped():
                return
            done += count
            for item in found:
                if isinstance(item, Unreadable):
                    self.unreadable.append(item)
                else:
                    self.read += 1
                    rows += item
            if time.monotonic() >= due:
                yield Batch(rows, done, len(self.files))
                rows, due = [], time.monotonic() + every_seconds
        yield Batch(rows, len(self.files), len(self.files))

    def _results(self) -> Iterator[tuple[list[list[RosterRow] | Unreadable], int]]:
        """(each file's rows, or why it could not be read; how many files) as they are read."""
        if not self._chunks:
            for path in self.files:
                yield _read_chunk([path], self.rules, self.today, self.within_days), 1
            return
        from concurrent.futures import as_completed

        by_future = {future: chunk for chunk, future in self._chunks}
        for future in as_completed(by_future):
            try:
                results = future.result()
            except Exception:  # a worker died (killed, out of memory): read its files here
                results = _read_chunk(by_future[future], self.rules, self.today, self.within_days)
            yield results, len(by_future[future])

    def roster(self, rows: Iterable[RosterRow]) -> Roster:
        """The whole roster once every batch is in: `rows` sorted, the unreadable in path order."""
        order = {path: index for index, path in enumerate(self.files)}
        unreadable = sorted(self.unreadable, key=lambda item: order.get(item.path, -1))
        return Roster(self.today, self.within_days, tuple(sorted(rows, key=sort_key)), tuple(unreadable), self.read)

    def close(self) -> None:
        """Stop the workers: what they have not started is dropped, and each ends once the
        files it is reading are read (a fraction of a second); nothing to do without them."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _leave_interrupts_to_the_caller() -> None:
    """In a worker: ctrl+c reaches the whole process group; the caller stops the workers
    (close), so a worker need not say anything (it would print a traceback)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _read_chunk(
    paths: list[str], rules_by_code: Mapping[str, CredentialRules], today: date, within_days: int
) -> list[list[RosterRow] | Unreadable]:
    """In a worker: each file's rows, or why it could not be read."""
    return [
        found if isinstance(found, Unreadable) else person_rows(found, within_days)
        for found in read_people(paths, rules_by_code, today)
    ]


_NEVER = date.max


def sort_key(row: RosterRow) -> tuple:
    """Most urgent first: lapsed or re-enrollment, then action needed soon, then nothing due;
    within each, the soonest day first (what is due, else the expiry), then by name."""
    first = row.due.items[0].on if row.due.items else None
    return (
        -row.urgency,
        first or row.expires_on or _NEVER,
        row.expires_on or _NEVER,
        row.person.casefold(),
        row.code,
        row.path,
    )


# --- choosing rows ----------------------------------------------------------------------------


def status_named(text: str) -> str | None:
    """A status as typed ("due soon", "Due-Soon", "in grace", "lapsed") -> its key, or None."""
    words = "-".join(text.strip().lower().replace("_", " ").split())
    aliases = {key.replace(" ", "-"): status for status, key in ROW_STATUS_WORDS.items()}
    return words if words in ROW_STATUS_WORDS else aliases.get(words)


def chosen(
    rows: Iterable[RosterRow], *, name: str | None = None, code: str | None = None, status: str | None = None
) -> list[RosterRow]:
    """The rows whose person's name contains `name` (any case), of credential `code`, and of
    `status` (a key of ROW_STATUS_WORDS); None leaves a criterion out."""
    wanted = name.casefold().strip() if name else ""
    return [
        row
        for row in rows
        if (not wanted or wanted in row.person.casefold())
        and (code is None or row.code == code)
        and (status is None or row.status == status)
    ]


def attempts_words(row: RosterRow) -> str:
    """`1/3`, `2/3 last` (one attempt left), `re-enroll`; empty without an exam policy."""
    if row.attempts_allowed is None:
        return ""
    if row.reenrollment_required:
        return "re-enroll"
    return f"{row.attempts_used}/{row.attempts_allowed}" + (" last" if row.last_attempt else "")


def as_sentence(text: str) -> str:
    """`lapsed: expired ...` -> `Lapsed: expired ....`: a capital first, a full stop last (a
    check item's words are a clause, to follow its subject; alone, they are a sentence)."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def said_of(row: RosterRow) -> list[str]:
    """What to say under a row, a sentence each: what is due, else what is still needed."""
    return [as_sentence(item.sentence) for item in row.due.items] or [as_sentence(row.needs)]


class Counts(NamedTuple):
    """A roster's summary: people, and rows by urgency."""

    people: int
    urgent: int  # lapsed, or re-enrollment required
    soon: int  # action needed within the days asked for


def counts(rows: Iterable[RosterRow]) -> Counts:
    """People (by file) and rows by urgency, for a summary line."""
    rows = list(rows)
    return Counts(
        len({row.path for row in rows}),
        sum(1 for row in rows if row.urgency == LAPSED_OR_REENROLL),
        sum(1 for row in rows if row.urgency == ACTION_SOON),
    )


def haystack(row: RosterRow) -> str:
    """The text the roster screen's filter looks in: name, credential and status, lower case."""
    return f"{row.person} {row.name} {row.code} {row.status_words} {row.status}".casefold()
