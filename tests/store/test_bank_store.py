"""The study bank's tables: round trips, one save per change, lazy reading, damage named."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from recert_tui.domain.bank import Flashcard, MockAnswer, MockExam, Question, Review
from recert_tui.domain.models import PracticeTest
from recert_tui.store import Store, StoreDamaged, repository, schema

from .store_helpers import NOW, review, state


def question(n: int = 1, exam: str = "cma-aama") -> Question:
    return Question(exam, "clinical", f"Question {n}?", ("Yes", "No", "Maybe"), 1, "Because.", "https://example.org")


def card(n: int = 1) -> Flashcard:
    return Flashcard("ccma-nha", "law-and-ethics", f"Front {n}", "Back")


def saves(store: Store, monkeypatch) -> list[int]:
    """Count the file writes from now on."""
    count: list[int] = []
    real = store._storage.write

    def counted(data, changed=None):
        count.append(1)
        return real(data, changed)

    monkeypatch.setattr(store._storage, "write", counted)
    return count


def test_questions_and_flashcards_round_trip_in_one_save(db_path, monkeypatch):
    with Store.open(db_path) as store:
        writes = saves(store, monkeypatch)
        questions, cards = store.add_bank_items([question(1), question(2, "ccma-nha")], [card(1)])
        assert len(writes) == 1
        assert [q.id for q in questions] == [1, 2] and cards[0].id == 1
    with Store.open(db_path) as store:
        assert store.questions() == tuple(questions)
        assert store.questions("ccma-nha") == (questions[1],)
        assert store.flashcards("ccma-nha") == tuple(cards)
        assert store.bank_keys("questions") == {question(1).key, question(2, "ccma-nha").key}


def test_a_review_and_its_card_state_are_one_save_and_undo_restores(db_path, monkeypatch):
    item = question().key
    with Store.open(db_path) as store:
        first_state, first = store.record_review(state(item), review(item))
        writes = saves(store, monkeypatch)
        later = state(item, NOW + timedelta(days=3), stability=7.0)
        second_state, second = store.record_review(later, review(item, 4))
        assert len(writes) == 1 and second_state.id == first_state.id  # replaced, not added
        assert store.card_states() == (second_state,)
        store.undo_review(second.id, first_state)
        assert len(writes) == 2
        assert store.reviews() == (first,) and store.card_state(item).due == NOW
    with Store.open(db_path) as store:  # the undo reached the disk
        assert store.reviews() == (first,) and store.card_state(item).stability == 2.5
        store.undo_review(first.id, None)  # the item had no state before: it goes
        assert store.card_states() == () and store.reviews() == ()


def test_removing_a_missing_review_is_refused(db_path):
    with Store.open(db_path) as store, pytest.raises(repository.NotFound):
        store.remove_review(7)


def test_a_mock_exam_and_its_scores_are_one_save(db_path, monkeypatch):
    answers = (
        MockAnswer(question(1).key, "clinical", 1, True),
        MockAnswer(question(2).key, "general", None, False, True),
    )
    mock = MockExam("cma-aama", NOW, 600, 420, answers, 70.0)
    with Store.open(db_path) as store:
        store.add_practice_test(PracticeTest("cma-aama", NOW.date(), 60.0, "general"))  # TinyDB counts ids now
        writes = saves(store, monkeypatch)
        tests = [PracticeTest("cma-aama", NOW.date(), 50.0, "overall")]
        saved = store.add_mock_exam(mock, tests)
        assert len(writes) == 1 and saved.id == 1
        store.add_practice_test(PracticeTest("cma-aama", NOW.date(), 80.0, "clinical"))
        assert [t.id for t in store.profile().practice_tests] == [1, 2, 3]  # no id given twice
    with Store.open(db_path) as store:
        assert store.mock_exams("cma-aama") == (saved,)
        assert store.mock_exams()[0].answers[1] == answers[1]


def test_opening_the_store_builds_no_bank_model(db_path, monkeypatch):
    with Store.open(db_path) as store:
        store.add_bank_items([question(n) for n in range(5)], [])
    built: list[str] = []
    real = repository.build_table

    def spy(raw, table, *args, **kwargs):
        built.append(table)
        return real(raw, table, *args, **kwargs)

    monkeypatch.setattr(repository, "build_table", spy)
    with Store.open(db_path) as store:
        store.profile()
        assert not set(built) & set(schema.BANK_TABLES)
        assert len(store.questions()) == 5
        assert built.count("questions") == 1
        store.questions()
        assert built.count("questions") == 1  # built once


def test_a_file_with_bank_tables_keeps_its_schema_version(db_path):
    with Store.open(db_path) as store:
        store.add_bank_items([question()], [card()])
    raw = json.loads(db_path.read_text())
    assert raw["meta"]["1"]["schema_version"] == schema.SCHEMA_VERSION
    assert raw["questions"]["1"] == {
        "exam": "cma-aama",
        "category": "clinical",
        "stem": "Question 1?",
        "choices": ["Yes", "No", "Maybe"],
        "answer": 1,
        "explanation": "Because.",
        "source": "https://example.org",
        "key": question().key,
    }


def test_a_naive_time_is_refused_before_anything_is_written(db_path):
    with Store.open(db_path) as store:
        with pytest.raises(TypeError):
            store.record_review(state("k", datetime(2026, 1, 1)), review("k"))
        assert store.card_states() == ()
    assert not db_path.exists()


def _damaged(db_path, table: str, doc: dict) -> str:
    with Store.open(db_path) as store:
        store.add_bank_items([question()], [card()])
        store.record_review(state("k"), review("k"))
        store.add_mock_exam(MockExam("cma-aama", NOW, 60, 30, (MockAnswer("k", "clinical", 0, True),), 70.0))
    raw = json.loads(db_path.read_text())
    raw[table]["1"].update(doc)
    db_path.write_text(json.dumps(raw))
    with Store.open(db_path) as store:
        store.profile()  # the dashboard still opens
        with pytest.raises(StoreDamaged) as caught:
            getattr(store, table)()
    return str(caught.value)


@pytest.mark.parametrize(
    "table, doc, words",
    [
        (
            "questions",
            {"choices": ["only one"], "answer": 0},
            "question 1 holds a value the app would refuse (choices: choices a and b must both be filled)",
        ),
        ("questions", {"answer": 3}, "answer: 3 is not the index of one of its 3 choices"),
        ("questions", {"source": "  "}, "source is empty"),
        ("questions", {"choices": "Yes"}, "question record 1 cannot be read"),
        ("flashcards", {"back": ""}, "back is empty"),
        ("card_states", {"state": 9}, "state: 9 is not 1 (learning)"),
        ("card_states", {"due": "2026-11-23T10:00:00"}, "has no time zone"),
        ("reviews", {"kind": "guess"}, "kind: 'guess' is not review, drill or mock"),
        ("reviews", {"item": {"nested": {"deep": 1}}}, "review record 1 cannot be read ('item' should be text"),
        ("reviews", {"rating": 5}, "rating: 5 is not 1 (again)"),
        ("mock_exams", {"pass_mark": 150}, "pass_mark: 150 is not a percent"),
        ("mock_exams", {"answers": []}, "a mock exam has at least one answer"),
    ],
)
def test_a_damaged_bank_record_is_named_when_study_reads_it(db_path, table, doc, words):
    message = _damaged(db_path, table, doc)
    assert words in message and "the file was not changed" in message


def test_the_index_reads_keys_and_categories_without_building_items(db_path, monkeypatch):
    """Study queues every item by key and category, and builds only the one it shows."""
    with Store.open(db_path) as store:
        store.add_bank_items([question(n) for n in range(1, 4)], [card()])
    raw = json.loads(db_path.read_text())
    del raw["questions"]["2"]["key"]  # written by a version that kept no key: worked out from the text
    db_path.write_text(json.dumps(raw))
    built: list[str] = []
    real = repository.build_table

    def spy(raw_tables, table, *args, **kwargs):
        built.append(table)
        return real(raw_tables, table, *args, **kwargs)

    monkeypatch.setattr(repository, "build_table", spy)
    with Store.open(db_path) as store:
        index = store.bank_index("cma-aama")
        assert set(index) == {question(n).key for n in range(1, 4)}  # the flashcard is a CCMA one
        assert set(store.bank_index("ccma-nha")) == {card().key}
        assert index[question(2).key] == ("clinical", "questions", 2)
        assert built == ["questions"]  # only the one without a key, alone
        assert store.bank_item("questions", 3) == question(3)._replace(id=3)


def test_recent_reviews_are_read_from_the_newest_back(db_path):
    """reviews(since=...) before the table is built: the recent ones, and a hand-edited time
    in another zone judged by its time, not its text."""
    with Store.open(db_path) as store:
        for days in (40, 20, 2, 1):
            store.add_review(Review("k", "cma-aama", "clinical", NOW - timedelta(days=days), "drill", correct=True))
    raw = json.loads(db_path.read_text())
    raw["reviews"]["5"] = {
        **raw["reviews"]["4"],
        "at": (NOW - timedelta(days=3)).astimezone(timezone(timedelta(hours=-5))).isoformat(),
    }
    db_path.write_text(json.dumps(raw))
    with Store.open(db_path) as store:
        recent = store.reviews("cma-aama", since=NOW - timedelta(days=10))
        assert sorted(round((NOW - r.at).total_seconds() / 86400) for r in recent) == [1, 2, 3]
        assert len(store.reviews("cma-aama")) == 5  # the whole table, once asked for


def test_a_recent_view_is_kept_until_a_review_is_added(db_path):
    with Store.open(db_path) as store:
        store.add_review(Review("k", "cma-aama", "clinical", NOW - timedelta(days=1), "drill", correct=True))
    with Store.open(db_path) as store:
        since = NOW - timedelta(days=10)
        first = store.reviews("cma-aama", since=since)
        assert store.reviews("cma-aama", since=since) is first  # kept, not read again
        store.add_review(Review("k", "cma-aama", "clinical", NOW, "drill", correct=False))
        again = store.reviews("cma-aama", since=since)
        assert len(first) == 1 and len(again) == 2


# A card state as the app writes it (store/schema.py card_state_to_doc).
WRITTEN_STATE = {
    "item": "q1",
    "exam": "cma-aama",
    "due": "2026-12-01T00:00:00+00:00",
    "stability": 3.5,
    "difficulty": 5.0,
    "state": 2,
    "step": None,
    "last_review": "2026-11-20T08:00:00+00:00",
}


@pytest.mark.parametrize(
    "doc",
    [
        WRITTEN_STATE,
        {
            **WRITTEN_STATE,
            "stability": 0.4,
            "difficulty": 6.2,
            "state": 1,
            "step": 0,
            "last_review": "2026-11-30T08:00:00+00:00",
        },
        {"item": "q1", "exam": "cma-aama", "due": "2026-12-01T00:00:00+00:00", "state": 1, "step": 0},
        {**WRITTEN_STATE, "stability": 3},  # a whole number, as a hand-edited file may hold
    ],
)
def test_a_card_state_reads_the_same_by_the_quick_path_and_the_checked_one(doc):
    from recert_tui.store.schema import _card_state_checked, card_state_from_doc

    assert card_state_from_doc(doc, 7) == _card_state_checked(doc, 7, True)


@pytest.mark.parametrize(
    "change",
    [
        {"due": "2026-12-01T00:00:00"},  # no time zone
        {"last_review": "2026-11-20T08:00:00"},
        {"stability": -1.0},
        {"state": 9},
        {"step": -1},
        {"item": ""},
        {"difficulty": "5"},
    ],
)
def test_a_card_state_the_app_would_not_write_is_refused_as_before(change):
    from recert_tui.store.schema import card_state_from_doc

    doc = {**WRITTEN_STATE, **change}
    with pytest.raises((TypeError, ValueError)):
        card_state_from_doc(doc, 7)
