"""Reviews, drills and mock exams with scores by category: `recert study stats`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from ..bank import MockExam, Review
from .readiness import MockPoint, mock_scores
from .scheduler import AGAIN, RATING_WORDS


class Tally(NamedTuple):
    right: int
    total: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.right / self.total, 1) if self.total else None


class CategoryStats(NamedTuple):
    category: str
    reviews: int
    again: int  # reviews rated Again (forgotten)
    drills: Tally
    mocks: Tally  # answers in mock exams


class StudyStats(NamedTuple):
    exam: str
    reviews: int
    ratings: dict[str, int]  # "Again" .. "Easy" -> count
    drills: Tally
    mocks: Tally
    mock_exams: tuple[MockPoint, ...]  # oldest first
    by_category: dict[str, CategoryStats]  # by name


def study_stats(exam: str, reviews: Iterable[Review], mocks: Iterable[MockExam]) -> StudyStats:
    """Totals for one exam: answers come from `reviews` (kinds review, drill, mock), the
    scores over time from the finished mock exams."""
    ratings = dict.fromkeys(RATING_WORDS.values(), 0)
    counts: dict[str, list[int]] = {}  # category -> reviews, again, drill right/total, mock right/total
    for review in reviews:
        if review.exam != exam:
            continue
        row = counts.setdefault(review.category, [0] * 6)
        if review.kind == "review" and review.rating in RATING_WORDS:
            row[0] += 1
            row[1] += review.rating == AGAIN
            ratings[RATING_WORDS[review.rating]] += 1
        elif review.kind in ("drill", "mock") and review.correct is not None:
            offset = 2 if review.kind == "drill" else 4
            row[offset] += review.correct
            row[offset + 1] += 1
    by_category = {
        name: CategoryStats(name, row[0], row[1], Tally(row[2], row[3]), Tally(row[4], row[5]))
        for name, row in sorted(counts.items())
    }
    return StudyStats(
        exam=exam,
        reviews=sum(c.reviews for c in by_category.values()),
        ratings=ratings,
        drills=Tally(
            sum(c.drills.right for c in by_category.values()), sum(c.drills.total for c in by_category.values())
        ),
        mocks=Tally(sum(c.mocks.right for c in by_category.values()), sum(c.mocks.total for c in by_category.values())),
        mock_exams=mock_scores(mocks, exam),
        by_category=by_category,
    )
