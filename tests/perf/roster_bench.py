"""The roster's benchmark: 500 people's files with 100,000 activities in all, in one folder.

    .venv/bin/python -m tests.perf.roster_bench [--people N] [--activities N] [--repeats N]

Figures (medians, in ms), as a user waits for them: reading the roster headless
(`roster.read_roster`, what `recert roster` pays); `recert --roster FOLDER` in a real 80x24
pty, from starting the program to the first rows on screen and to every row in (the summary
line counting them all); a keystroke in the filter, from writing it to the summary line
counting the rows that match (worked out with the screen's own filter); and the program's
peak memory. Targets: every row in <= 2,000 ms, a filter keystroke <= 50 ms. Not a test:
timing targets live here, never in timed unit tests.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from recert_tui.catalog import load_catalog
from recert_tui.domain.models import AREAS, Activity, ExamAttempt, HeldCredential, Reenrollment
from recert_tui.store import schema
from tests.perf.ptyrun import PtySession, peak_rss_kb

TODAY = date(2026, 11, 23)
TARGETS = {"every_row_ms": 2000, "filter_key_ms": 50}
FIRST = ("Maria", "Aisha", "Tran", "Olu", "Grace", "Sam", "Lucía", "Priya", "Chen", "Dana", "Kofi", "Inés")
LAST = ("Lopez", "Okafor", "Nguyen", "Smith", "Haddad", "Kowalski", "Brown", "Ivanova", "Patel", "Reyes")
CODES = ("cma-aama", "ccma-nha", "rma-amt", "ncma-ncct", "cmac-amca")


def person_data(number: int, activities: int, rng: random.Random) -> dict:
    """One person's database as the store writes it: a credential or two (earned so that every
    status turns up across people), `activities` CE records, and for some, exam attempts only
    (a student)."""
    credentials: list[HeldCredential] = []
    attempts: list[ExamAttempt] = []
    reenrollments: list[Reenrollment] = []
    if number % 10 == 9:  # a student: failed attempts, no credential
        for index in range(number % 3 + 1):
            attempts.append(ExamAttempt("cma-aama", TODAY - timedelta(days=400 - 100 * index), "fail"))
    else:
        code = CODES[number % len(CODES)]
        earned = TODAY - timedelta(days=rng.randrange(200, 3 * 365))
        credentials.append(HeldCredential(code, earned, f"N-{number}"))
        if number % 4 == 0 and code != "cmac-amca":
            credentials.append(HeldCredential("cmac-amca", TODAY - timedelta(days=rng.randrange(100, 700)), ""))
    records = []
    for index in range(activities if credentials else 0):
        held = credentials[index % len(credentials)]
        span = max(1, (TODAY - held.earned_on).days)
        area = AREAS[index % len(AREAS)]
        records.append(
            Activity(
                held.code,
                f"Course {index}: {area} update",
                held.earned_on + timedelta(days=rng.randrange(span)),
                {area: float(rng.choice([0.5, 1, 1.5, 2]))},
                rng.random() < 0.7,
                provider="AAMA e-Learning",
                certificate=f"C-{number}-{index}",
                notes="Bench notes.",
            )
        )
    tables = {
        "credentials": [schema.credential_to_doc(c) for c in credentials],
        "activities": [schema.activity_to_doc(a) for a in records],
        "exam_attempts": [schema.exam_attempt_to_doc(a) for a in attempts],
        "reenrollments": [schema.reenrollment_to_doc(r) for r in reenrollments],
    }
    data: dict = {table: {str(i + 1): doc for i, doc in enumerate(docs)} for table, docs in tables.items()}
    data["settings"] = {"1": {"holder_name": f"{FIRST[number % len(FIRST)]} {LAST[number % len(LAST)]} {number}"}}
    data["meta"] = {"1": {"schema_version": schema.SCHEMA_VERSION}}
    return data


def build_roster(folder: Path, people: int, activities: int, *, seed: int = 11) -> Path:
    """`people` files in `folder` holding `activities` CE records in all."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    each, extra = divmod(activities, max(1, people - people // 10))  # students hold none
    holders = 0
    for number in range(people):
        student = number % 10 == 9
        count = 0 if student else each + (1 if holders < extra else 0)
        holders += 0 if student else 1
        text = json.dumps(person_data(number, count, rng), ensure_ascii=False, separators=(",", ":"))
        (folder / f"person-{number:04d}.json").write_text(text, encoding="utf-8")
    return folder


def median_ms(times: list[float]) -> float:
    return round(statistics.median(times) * 1000, 1)


def read_headless(folder: Path):
    from recert_tui.roster import read_roster

    rules = load_catalog().credentials
    started = time.perf_counter()
    roster = read_roster([str(folder)], rules, TODAY)
    elapsed = time.perf_counter() - started
    assert roster.rows and not roster.unreadable, roster.unreadable[:3]
    return elapsed, roster


FILTER_KEY = "1"
TIMEOUT = 60.0


def in_a_terminal(folder: Path, rows: int, matching: int) -> tuple[float, float, float, int]:
    """(s to the first rows, s to every row, s for a filter keystroke, peak memory in KB)."""
    from tests.perf.bench import recert_command

    own = folder.parent / "own.json"  # never created: the roster opens the user's database read-only
    argv = [*recert_command(), "--db", str(own), "--today", TODAY.isoformat(), "--roster", str(folder)]
    with PtySession(argv) as tty:
        some = re.compile(r"\b[1-9][0-9]* rows? ·")  # the summary line once a batch of rows is in
        first = tty.wait_for_screen(lambda screen: some.search(screen.text()), TIMEOUT, what="rows") - tty.started
        every = (
            tty.wait_for_screen(
                lambda screen: f"{rows} rows ·" in screen.text() and "Reading" not in screen.text(),
                TIMEOUT,
                what="every row",
            )
            - tty.started
        )
        tty.drain(0.5)
        sent = tty.write(FILTER_KEY, mark=True)
        keyed = tty.wait_for(f"{matching} of {rows} rows", TIMEOUT, what="the filtered count") - sent
        tty.drain(0.3)
        memory = peak_rss_kb(tty.pid)
        tty.write(b"\x11")  # ctrl+q
        tty.drain(0.5)
    return first, every, keyed, memory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="roster-bench-") as temp:
        folder = build_roster(Path(temp) / "people", args.people, args.activities)
        size = sum(path.stat().st_size for path in folder.iterdir())
        headless = []
        for _ in range(args.repeats):
            seconds, roster = read_headless(folder)
            headless.append(seconds)
        rows = len(roster.rows)
        from recert_tui.roster import haystack

        matching = sum(1 for row in roster.rows if FILTER_KEY in haystack(row))
        runs = [in_a_terminal(folder, rows, matching) for _ in range(args.repeats)]
    figures = {
        "people": args.people,
        "activities": args.activities,
        "files_mb": round(size / 1024 / 1024, 1),
        "rows": rows,
        "read_headless_ms": median_ms(headless),
        "first_rows_ms": median_ms([run[0] for run in runs]),
        "every_row_ms": median_ms([run[1] for run in runs]),
        "filter_key_ms": median_ms([run[2] for run in runs]),
        "peak_memory_mb": round(max(run[3] for run in runs) / 1024, 1),
    }
    for name, value in figures.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("  ok" if value <= target else f"  OVER the target of {target}")
        print(f"{name:18} {value}{verdict}")
    return 0 if all(figures[name] <= target for name, target in TARGETS.items()) else 1


if __name__ == "__main__":
    sys.exit(main())
