"""The session's study bank API: import (dry run, skip-bad, twice), reviews with undo, mock exams."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from recert_tui.domain.bank import CardState, MockAnswer, MockExam, Review
from recert_tui.domain.errors import InvalidInput
from recert_tui.exports.bank_files import HEADER, read_bank
from recert_tui.session import Session

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)
TOP = ",".join(HEADER) + "\n"
ROWS = (
    "cma-aama,clinical,Which is a vital sign?,Pulse,Height,,,,a,Pulse is.,MedlinePlus\n"
    "cma-aama,general,Who may see a chart?,The patient,Anyone,,,,a,HIPAA.,HHS\n"
)
BAD = "cma-aama,astrology,Q?,x,y,,,,a,E,S\n"


@pytest.fixture
def session(tmp_path):
    with Session.open(tmp_path / "recert.json", TODAY) as opened:
        yield opened


def imported(session, text, **options):
    items, problems = read_bank(text, "bank.csv")
    return session.import_bank(items, problems, **options)


def test_importing_the_same_file_twice_adds_nothing_the_second_time(session):
    first = imported(session, TOP + ROWS)
    assert (first.added, first.already_there, first.refused, first.saved) == (2, 0, 0, True)
    second = imported(session, TOP + ROWS)
    assert (second.added, second.already_there, second.saved) == (0, 2, False)
    assert len(session.questions("cma-aama")) == 2


def test_a_repeat_inside_one_file_is_counted_once(session):
    result = imported(session, TOP + ROWS + ROWS.splitlines(keepends=True)[0])
    assert (result.added, result.already_there) == (2, 1)


def test_a_dry_run_stores_nothing(session):
    result = imported(session, TOP + ROWS, dry_run=True)
    assert (result.added, result.saved) == (2, False) and session.questions() == ()
    assert not session.store.real_path.exists()


def test_a_bad_row_stops_the_import_unless_skip_bad(session):
    stopped = imported(session, TOP + ROWS + BAD)
    assert (stopped.added, stopped.refused, stopped.saved) == (0, 1, False) and session.questions() == ()
    assert stopped.problems == (
        "bank.csv, line 4: category: 'astrology' is not a category of cma-aama "
        "(use one of general, administrative, clinical)",
    )
    skipped = imported(session, TOP + ROWS + BAD, skip_bad=True)
    assert (skipped.added, skipped.refused, skipped.saved) == (2, 1, True) and len(session.questions()) == 2


def test_the_sessions_own_rules_refuse_a_category_they_do_not_have(session):
    items, _ = read_bank(TOP + ROWS, "bank.csv")
    result = session.import_bank([items[0]._replace(exam="rma-amt")])
    assert result.refused == 1 and "not a category of rma-amt" in result.problems[0]


def state(key: str, due: datetime, stability: float) -> CardState:
    return CardState(key, "cma-aama", due, stability, 5.0, 2, None, NOW)


def test_a_review_can_be_undone_back_to_the_state_before(session):
    imported(session, TOP + ROWS)
    key = session.questions()[0].key
    session.record_review(
        state(key, NOW + timedelta(days=1), 1.0), Review(key, "cma-aama", "clinical", NOW, "review", 3)
    )
    session.record_review(
        state(key, NOW + timedelta(days=5), 4.0), Review(key, "cma-aama", "clinical", NOW, "review", 4)
    )
    assert len(session.reviews("cma-aama")) == 2
    session.undo_last_review()
    assert session.card_states()[0].stability == 1.0 and len(session.reviews()) == 1
    session.undo_last_review()
    assert session.card_states() == () and session.reviews() == ()
    assert session.undo_last_review() is None and not session.can_undo_review


def test_a_review_in_an_unknown_category_is_refused(session):
    with pytest.raises(InvalidInput) as caught:
        session.record_review(state("k", NOW, 1.0), Review("k", "cma-aama", "astrology", NOW, "review", 3))
    assert "use one of general, administrative, clinical" in caught.value.errors["category"]
    assert session.reviews() == ()


def test_a_mock_exam_is_also_practice_scores_the_study_report_sees(session):
    answers = (
        MockAnswer("q1", "clinical", 0, True),
        MockAnswer("q2", "clinical", 1, False),
        MockAnswer("q3", "clinical", 2, True),
        MockAnswer("q4", "general", None, False),
    )
    saved = session.record_mock_exam(MockExam("cma-aama", NOW, 300, 200, answers, 70.0))
    assert session.mock_exams("cma-aama") == (saved,)
    scores = {t.category: t.score for t in session.profile.practice_tests}
    assert scores == {"overall": 50.0, "clinical": 66.7, "general": 0.0}  # one decimal, as the mock shows
    report = session.report.study_for("cma-aama")
    assert next(c for c in report.categories if c.category == "clinical").latest == 66.7


def test_a_mock_exam_with_an_unknown_category_saves_nothing(session):
    with pytest.raises(InvalidInput):
        session.record_mock_exam(MockExam("cma-aama", NOW, 300, 200, (MockAnswer("q", "astrology", 0, True),), 70.0))
    assert session.mock_exams() == () and session.profile.practice_tests == ()
