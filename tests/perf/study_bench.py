"""The study companion's benchmark: 10,000 questions and 100,000 reviews in one file.

    .venv/bin/python -m tests.perf.study_bench [--questions N] [--reviews N] [--repeats N]

Figures (medians, in ms): opening the file with the bank in it (what every start pays);
opening Study a minute after the dashboard's study line read the bank (Study opens on the
same practice, its review queue built again), after a change elsewhere (a new practice on the
bank's records the store has built), and cold, with nothing before it (reported, no target: a
Study key typed before the dashboard's first frame); showing the next card after a rating,
Study shown again after a review, and the rating itself (a save of the whole file). Targets:
every opening of Study but the cold one, and the next card, <= 50 ms.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from recert_tui.catalog import load_catalog
from recert_tui.domain.bank import CardState, Question, Review
from recert_tui.domain.models import ExamAttempt, HeldCredential
from recert_tui.practice import Practice
from recert_tui.session import Session
from recert_tui.store import Store
from recert_tui.tui.screens.dashboard import study_today
from recert_tui.tui.widgets.practice_summary import summary_text

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
CATEGORIES = ("general", "administrative", "clinical")
TARGETS = {"open_study_ms": 50, "open_study_after_edit_ms": 50, "study_after_review_ms": 50, "next_card_ms": 50}


def build(path: Path, questions: int, reviews: int, seed: int = 3) -> Path:
    rng = random.Random(seed)
    bank = [
        Question(
            "cma-aama",
            CATEGORIES[n % 3],
            f"Bench question {n}: which choice is right?",
            ("one", "two", "three", "four"),
            n % 4,
            f"Explanation {n}.",
            "CDC, bench",
        )
        for n in range(questions)
    ]
    with Store.open(path) as store:
        store.add_credential(HeldCredential("cma-aama", date(2022, 3, 15), "B-1"))
        store.add_exam_attempt(ExamAttempt("cma-aama", TODAY + timedelta(days=40), "scheduled"))  # a plan to show
        saved, _ = store.add_bank_items(bank, [])
        keys = [question.key for question in saved]
        started = keys[: max(1, int(len(keys) * 0.8))]
        states = [
            CardState(
                key, "cma-aama", NOW + timedelta(days=rng.randrange(-5, 30)), 5.0, 5.0, 2, None, NOW - timedelta(days=3)
            )
            for key in started
        ]
        # Two years of a heavy user: about 140 answers a day, newest first.
        log = [
            Review(
                rng.choice(started),
                "cma-aama",
                CATEGORIES[n % 3],
                NOW - timedelta(minutes=7 * n),
                rng.choice(("review", "drill", "mock")),
                rating=rng.randint(1, 4),
                correct=bool(n % 2),
            )
            for n in range(reviews)
        ]
        store._write({"card_states": states, "reviews": log})
    return path


class MovingClock(Practice):
    """A practice whose clock reads NOW plus `minutes`: Study opened a while after the dashboard."""

    minutes = 0

    def now(self) -> datetime:
        return NOW + timedelta(minutes=self.minutes)


def median_ms(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    # As in the app (tui/app.py, "Python's collector"): no collection while a key is handled;
    # the app collects once the keyboard is quiet.
    gc.disable()
    catalog = load_catalog()
    with tempfile.TemporaryDirectory() as folder:
        path = build(Path(folder) / "bank.json", args.questions, args.reviews)
        size_mb = path.stat().st_size / 1e6
        figures: dict[str, float] = {}
        figures["open_file_ms"] = median_ms(
            lambda: Session.open(path, TODAY, write=False, catalog=catalog).close(), args.repeats
        )

        def open_study(times: list[float], *, before: str) -> None:
            """Study opened in a session just started, the clock a minute on from the dashboard:
            - "dashboard": as the app opens it: the dashboard's study line worked out the exam's
              practice after its first frame, and Study opens on that one (RecertApp.practice_for);
              a minute later, so the review queue is built again;
            - "edit": after a change elsewhere (an activity added on Activities): a new practice,
              on the bank's records the store has already built;
            - "nothing": cold, a Study key typed before the dashboard's first frame."""
            session = Session.open(path, TODAY, write=False, catalog=catalog)
            practices: dict[str, Practice] = {}

            def practice_for(exam: str) -> Practice:  # RecertApp.practice_for, for one data version
                if exam not in practices:
                    practices[exam] = MovingClock(session, exam)
                return practices[exam]

            try:
                session.report  # noqa: B018  (the dashboard has it already when Study opens)
                if before in ("dashboard", "edit"):
                    study_today(session, "4", practice_for)
                if before == "edit":
                    practices.clear()  # a new data version: the app builds a new practice
                MovingClock.minutes = 1
                gc.collect()  # as the app does once the keyboard is quiet after start-up
                started = time.perf_counter()
                practice = practice_for("cma-aama")
                summary_text(practice, {"review": "r", "mock": "m", "drill": "d"})  # what Study shows
                practice.next_card()
                times.append(time.perf_counter() - started)
            finally:
                MovingClock.minutes = 0
                session.close()

        timed: dict[str, list[float]] = {"dashboard": [], "edit": [], "nothing": []}
        for _ in range(args.repeats):
            for before, times in timed.items():
                open_study(times, before=before)
        figures["open_study_ms"] = statistics.median(timed["dashboard"]) * 1000
        figures["open_study_after_edit_ms"] = statistics.median(timed["edit"]) * 1000
        figures["open_study_cold_ms"] = statistics.median(timed["nothing"]) * 1000

        session = Session.open(path, TODAY, write=True, catalog=catalog)
        practice = Practice(session, "cma-aama", now=NOW)
        # After each rating (a save, timed as rate_ms), the next card: the queue is built again.
        # Then Study as it shows again when the review is closed: a new practice (the rating
        # changed the data) on the bank's records the store keeps up to date.
        shown, rated, back = [], [], []
        for _ in range(args.repeats):
            card = practice.next_card()
            assert card is not None
            started = time.perf_counter()
            practice.rate(card, 3)
            rated.append(time.perf_counter() - started)
            started = time.perf_counter()
            practice.next_card()
            shown.append(time.perf_counter() - started)
            gc.collect()
            started = time.perf_counter()
            again = Practice(session, "cma-aama", now=NOW)
            summary_text(again, {"review": "r", "mock": "m", "drill": "d"})
            again.next_card()
            back.append(time.perf_counter() - started)
        figures["next_card_ms"] = statistics.median(shown) * 1000
        figures["study_after_review_ms"] = statistics.median(back) * 1000
        figures["rate_ms"] = statistics.median(rated) * 1000
        session.close()
    print(f"{args.questions} questions, {args.reviews} reviews, {size_mb:.1f} MB")
    failed = False
    for name, value in figures.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("  ok" if value <= target else f"  OVER {target} ms")
        failed |= target is not None and value > target
        print(f"{name:>25}: {value:8.1f} ms{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
