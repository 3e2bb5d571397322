"""Heavy-user databases for the benchmark: ten CMA cycles of history, several credentials."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from recert_tui.domain.models import AREAS, Activity, ExamAttempt, HeldCredential, Reenrollment
from recert_tui.store import Store

TODAY = date(2026, 11, 23)
FIRST_EARNED = date(1977, 3, 15)


def build_database(path: Path, activities: int, *, seed: int = 7) -> Path:
    """Write a database with `activities` CE records, exam attempts and three credentials."""
    rng = random.Random(seed)
    recertified = tuple(date(1977 + 5 * cycle, 3, 10) for cycle in range(1, 10))  # ten cycles; the last to 2027
    credentials = [
        HeldCredential("cma-aama", FIRST_EARNED, "000123", recertified),
        HeldCredential("cmac-amca", date(2025, 6, 1), "AM-77"),
        HeldCredential("rma-amt", date(2024, 1, 10), "R-5"),
    ]
    span = (TODAY - FIRST_EARNED).days
    records = []
    for index in range(activities):
        code = "cma-aama" if index % 10 < 8 else ("cmac-amca" if index % 2 else "rma-amt")
        start = FIRST_EARNED if code == "cma-aama" else date(2024, 1, 10)
        day = start + timedelta(days=rng.randrange(min(span, (TODAY - start).days)))
        area = rng.choice(AREAS)
        approved = rng.random() < 0.7
        records.append(
            Activity(
                code,
                f"Course {index}: {area} update",
                day,
                {area: float(rng.choice([0.5, 1, 1.5, 2, 3]))},
                approved,
                provider=rng.choice(["AAMA e-Learning", "Clinic", "College"]),
                certificate=f"C-{index}",
            )
        )
    with Store.open(path) as store:
        for credential in credentials:
            store.add_credential(credential)
        store.add_activities(records)
        for day, result in [(date(2024, 1, 10), "fail"), (date(2024, 6, 1), "fail"), (date(2026, 12, 16), "scheduled")]:
            store.add_exam_attempt(ExamAttempt("cmac-amca", day, result))
        store.add_exam_attempt(ExamAttempt("cma-aama", date(1975, 6, 1), "pass"))
        store.add_reenrollment(Reenrollment("cmac-amca", date(2023, 1, 1)))
    return path
