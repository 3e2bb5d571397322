"""One user's working session: the store, the rules and `today`, shared by the CLI and the TUI.

Every change goes through here: validate (domain), save (store), then drop the cached report
so the next read recomputes once. Never imports Textual.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from contextlib import suppress
from datetime import date, datetime
from typing import NamedTuple

from .catalog import Catalog, load_catalog
from .domain.bank import CardState, Flashcard, MockExam, Question, Review
from .domain.cycle import DEFAULT_DUE_SOON_DAYS
from .domain.engine import Report, compute
from .domain.errors import InvalidInput
from .domain.exams import attempt_refusal
from .domain.models import Activity, ExamAttempt, HeldCredential, PracticeTest, Profile, Reenrollment, StudySession
from .domain.outline import OVERALL, ExamOutline, category_refusal_for, outlines_of
from .store import Store, StoreError
from .textsafe import visible

DUE_SOON_SETTING = "due_soon_days"
CALENDAR_ID_SETTING = "calendar_id"  # random, made at the first change: whose events a calendar export holds
HOLDER_NAME_SETTING = "holder_name"  # the person's name, as exports and rosters show it
MAX_HOLDER_NAME = 100  # characters
UNDO_DEPTH = 50  # reviews that can be undone, newest first


class BankImport(NamedTuple):
    """What an import of questions and flashcards did (or, in a dry run, would do)."""

    added: int
    already_there: int  # in the bank already, or earlier in the same file
    refused: int  # bad rows: read_bank's problems and items whose exam or category is refused
    problems: tuple[str, ...]  # one line each: where and why
    saved: bool  # False in a dry run, and when bad rows stopped the import (no skip_bad)


def holder_name_from(text: str) -> str:
    """A name as typed -> as kept: one line without control characters, trimmed, runs of
    spaces made one, at most MAX_HOLDER_NAME characters ("" means no name).
    InvalidInput({"name": sentence}) otherwise."""
    name = text.strip()
    if "\n" in name or "\r" in name:
        raise InvalidInput({"name": "a name is one line; leave out the line break"})
    if visible(name) != name:
        raise InvalidInput({"name": "a name cannot hold control characters (a tab, an escape); type it as plain text"})
    name = " ".join(part for part in name.split(" ") if part)
    if len(name) > MAX_HOLDER_NAME:
        raise InvalidInput({"name": f"that is {len(name)} characters; a name is at most {MAX_HOLDER_NAME} characters"})
    return name


def _validators():
    """The input validators, imported at the first change: reading never needs them."""
    from .domain import validate

    return validate


class Session:
    """The store, the catalog and today, with the one cached `Report` computed from them."""

    def __init__(self, store: Store, catalog: Catalog, today: date):
        self.store = store
        self.catalog = catalog
        self.today = today
        self._report: Report | None = None
        self._undo: list[tuple[Review, CardState | None]] = []  # reviews recorded here, oldest first

    @classmethod
    def open(
        cls, db_path: str | os.PathLike[str], today: date, *, write: bool = True, catalog: Catalog | None = None
    ) -> Session:
        return cls(Store.open(db_path, write=write), catalog or load_catalog(), today)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ---------------------------------------------------------------------------

    @property
    def rules(self) -> Mapping:
        return self.catalog.credentials

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def read_only_reason(self) -> str:
        return self.store.read_only_reason or ""

    @property
    def profile(self) -> Profile:
        return self.store.profile()

    @property
    def held_codes(self) -> set[str]:
        return {credential.code for credential in self.profile.credentials}

    @property
    def due_soon_days(self) -> int:
        value = self.store.get_setting(DUE_SOON_SETTING, DEFAULT_DUE_SOON_DAYS)
        return value if isinstance(value, int) and value >= 0 else DEFAULT_DUE_SOON_DAYS

    @property
    def holder_name(self) -> str:
        """The name exports and rosters show for this person ("" until it is set)."""
        value = self.store.get_setting(HOLDER_NAME_SETTING, "")
        return value.strip() if isinstance(value, str) else ""

    @property
    def report(self) -> Report:
        """The engine's full result, computed once per change."""
        if self._report is None:
            self._report = compute(self.profile, self.rules, self.today, due_soon_days=self.due_soon_days)
        return self._report

    def activity(self, activity_id: int) -> Activity | None:
        return next((a for a in self.profile.activities if a.id == activity_id), None)

    def refresh(self) -> bool:
        """Re-read the file if another session changed it (read-only sessions); True if it did."""
        changed = self.store.reload()
        if changed:
            self._report = None
        return changed

    def _changed(self) -> None:
        self._report = None
        if not self.calendar_id:
            # Made at the first change, since an export opens the file read-only and cannot.
            # If it cannot be saved now, the next change tries again; the change itself is saved.
            with suppress(StoreError):
                self.store.set_setting(CALENDAR_ID_SETTING, os.urandom(16).hex())

    @property
    def calendar_id(self) -> str:
        """A random id made once per database, so two people's calendar events never share a
        UID ("" in a database not changed since it was made or restored)."""
        value = self.store.get_setting(CALENDAR_ID_SETTING, "")
        return value if isinstance(value, str) else ""

    # --- changing --------------------------------------------------------------------------

    def add_credential(self, code: str, earned: str, number: str | None = None) -> HeldCredential:
        credential = _validators().credential_from_fields(
            code, earned, number, rules_by_code=self.rules, held_codes=self.held_codes, today=self.today
        )
        saved = self.store.add_credential(credential)
        self._changed()
        return saved

    def record_recertification(self, code: str, on: str, route: str = "ce") -> HeldCredential:
        credential = self._held(code)
        updated = _validators().recertification_from_fields(credential, on, route, today=self.today)
        saved = self.store.update_credential(updated)
        self._changed()
        return saved

    def correct_credential(self, code: str, earned: str | None = None, number: str | None = None) -> HeldCredential:
        """Correct the earned date or number of a held credential (None keeps one as it is);
        the file is written only if something changed."""
        held = self._held(code)
        corrected = _validators().corrected_credential_from_fields(held, earned, number, today=self.today)
        if corrected == held:
            return held
        saved = self.store.update_credential(corrected)
        self._changed()
        return saved

    def remove_credential(self, code: str) -> HeldCredential:
        removed = self.store.remove_credential(self._held(code).code)
        self._changed()
        return removed

    def credential(self, code: str) -> HeldCredential | None:
        """The held credential with this code (as typed: any case, spaces around), or None."""
        code = (code or "").strip().lower()
        return next((credential for credential in self.profile.credentials if credential.code == code), None)

    def _held(self, code: str) -> HeldCredential:
        credential = self.credential(code)
        if credential is not None:
            return credential
        code = (code or "").strip().lower()
        held = ", ".join(sorted(self.held_codes)) or "none yet"
        raise InvalidInput({"credential": f"{code!r} is not a credential you hold; yours: {held}"})

    def activity_from(self, fields: Mapping[str, object], activity_id: int | None = None) -> Activity:
        """Validate without saving (the form uses this to check fields as they are typed)."""
        return _validators().activity_from_fields(
            fields, rules_by_code=self.rules, held_codes=self.held_codes, today=self.today, activity_id=activity_id
        )

    def add_activity(self, fields: Mapping[str, object]) -> Activity:
        saved = self.store.add_activity(self.activity_from(fields))
        self._changed()
        return saved

    def add_activities(self, activities: list[Activity]) -> list[Activity]:
        """Save already-checked activities in one atomic write (an import): all or none."""
        saved = self.store.add_activities(activities)
        self._changed()
        return saved

    def edit_activity(self, activity_id: int, fields: Mapping[str, object]) -> Activity:
        if self.activity(activity_id) is None:
            raise InvalidInput({"id": f"there is no activity {activity_id}; see `recert activity list`"})
        saved = self.store.update_activity(self.activity_from(fields, activity_id))
        self._changed()
        return saved

    def remove_activity(self, activity_id: int) -> Activity:
        if self.activity(activity_id) is None:
            raise InvalidInput({"id": f"there is no activity {activity_id}; see `recert activity list`"})
        removed = self.store.remove_activity(activity_id)
        self._changed()
        return removed

    def restore_activity(self, activity: Activity) -> Activity:
        """Undo a delete: the activity comes back with its own id."""
        restored = self.store.restore_activity(activity)
        self._changed()
        return restored

    def add_exam_attempt(
        self, exam: str, on: str, result: str, score: str | None = None, *, recertify: bool = False
    ) -> ExamAttempt:
        """Record an attempt; with `recertify`, a pass also closes the credential's cycle and
        starts the next one on the day of the pass (checked before anything is written)."""
        attempt = self.exam_attempt_from(exam, on, result, score)
        recertified = None
        if recertify:
            recertified, why_not = self._recertification_by_exam(attempt)
            if recertified is None:
                raise InvalidInput({"recertify": why_not})
        saved = self.store.add_exam_attempt(attempt)
        self._changed()
        if recertified is not None:
            self.store.update_credential(recertified)
            self._changed()
        return saved

    def update_exam_attempt(
        self, attempt_id: int, exam: str, on: str, result: str, score: str | None = None
    ) -> ExamAttempt:
        attempt = self.exam_attempt_from(exam, on, result, score, attempt_id)
        saved = self.store.update_exam_attempt(attempt)
        self._changed()
        return saved

    def exam_attempt_from(
        self, exam: str, on: str, result: str, score: str | None = None, attempt_id: int | None = None
    ) -> ExamAttempt:
        """Validate without saving: the fields, then the attempt policy (past the limit, inside
        a wait, outside the attempts' window). The exam form checks as it is typed with this."""
        attempt = _validators().exam_attempt_from_fields(
            exam, on, result, score, rules_by_code=self.rules, today=self.today, attempt_id=attempt_id
        )
        policy = self.rules[attempt.exam].exam
        profile = self.profile
        attempts = [a for a in profile.exam_attempts if a.exam == attempt.exam]
        reenrollments = [r for r in profile.reenrollments if r.exam == attempt.exam]
        refusal = attempt_refusal(policy, attempts, reenrollments, attempt)
        if refusal is not None:
            field, sentence = refusal
            raise InvalidInput({field: sentence})
        return attempt

    def recertification_by_exam(self, attempt: ExamAttempt) -> HeldCredential | None:
        """The held credential as it would be if this passed exam recertified it, or None when
        it cannot: not a pass, not a credential held, no exam route, or not after the cycle's start."""
        return self._recertification_by_exam(attempt)[0]

    def _recertification_by_exam(self, attempt: ExamAttempt) -> tuple[HeldCredential | None, str]:
        """(the credential as recertified by this pass, "") or (None, why it cannot be)."""
        held = self.credential(attempt.exam)
        rules = self.rules.get(attempt.exam)
        name = rules.name if rules else attempt.exam
        if attempt.result != "pass":
            return None, "only a passed exam recertifies; leave out --recertify"
        if held is None:
            return None, f"you do not hold {name}; add it with `recert credential add {attempt.exam}`"
        if rules is None or not rules.exam_route.available.value:
            return None, f"{name} is not recertified by exam"
        if attempt.on <= held.cycle_anchors[-1]:
            return (
                None,
                f"{attempt.on.isoformat()} is not after the current cycle's start, so it cannot start a new one",
            )
        return _validators().recertification_from_fields(held, attempt.on.isoformat(), "exam", today=self.today), ""

    def remove_exam_attempt(self, attempt_id: int) -> ExamAttempt:
        removed = self.store.remove_exam_attempt(attempt_id)
        self._changed()
        return removed

    def add_reenrollment(self, exam: str, on: str) -> Reenrollment:
        reenrollment = _validators().reenrollment_from_fields(exam, on, rules_by_code=self.rules, today=self.today)
        saved = self.store.add_reenrollment(reenrollment)
        self._changed()
        return saved

    def add_study_session(
        self, exam: str, on: str, minutes: str, category: str | None = None, note: str | None = None
    ) -> StudySession:
        session = _validators().study_session_from_fields(
            exam, on, minutes, category, note, rules_by_code=self.rules, today=self.today
        )
        saved = self.store.add_study_session(session)
        self._changed()
        return saved

    def add_practice_test(self, exam: str, on: str, score: str, category: str | None = None) -> PracticeTest:
        test = _validators().practice_test_from_fields(
            exam, on, score, category, rules_by_code=self.rules, today=self.today
        )
        saved = self.store.add_practice_test(test)
        self._changed()
        return saved

    def set_setting(self, key: str, value: object) -> None:
        self.store.set_setting(key, value)
        self._changed()

    def set_holder_name(self, text: str) -> str:
        """Keep the name exports and rosters show (see holder_name_from); "" removes it. The
        file is written only if the name changes. Returns the name as kept."""
        name = holder_name_from(text)
        if name != self.holder_name:
            self.set_setting(HOLDER_NAME_SETTING, name or None)
        return name

    # --- the study bank --------------------------------------------------------------------

    def outline(self, code: str) -> ExamOutline | None:
        """The exam's content outline from this session's rules, None if it has none."""
        rules = self.rules.get(code)
        return rules.outline if rules else None

    def has_bank(self) -> bool:
        """Whether the file holds any question or flashcard (without building them)."""
        return self.store.has_bank_items()

    def bank_index(self, exam: str) -> dict[str, tuple[str, str, int]]:
        """Item key -> (category, table, id) of the exam's questions and flashcards."""
        return self.store.bank_index(exam)

    def bank_item(self, table: str, number: int) -> Question | Flashcard:
        return self.store.bank_item(table, number)

    def questions(self, exam: str | None = None) -> tuple[Question, ...]:
        return self.store.questions(exam)

    def flashcards(self, exam: str | None = None) -> tuple[Flashcard, ...]:
        return self.store.flashcards(exam)

    def card_states(self, exam: str | None = None) -> tuple[CardState, ...]:
        return self.store.card_states(exam)

    def reviews(self, exam: str | None = None, since: datetime | None = None) -> tuple[Review, ...]:
        return self.store.reviews(exam, since)

    def mock_exams(self, exam: str | None = None) -> tuple[MockExam, ...]:
        return self.store.mock_exams(exam)

    def import_bank(
        self,
        items: Iterable[Question | Flashcard],
        problems: Iterable[object] = (),
        *,
        dry_run: bool = False,
        skip_bad: bool = False,
    ) -> BankImport:
        """Add parsed questions and flashcards (exports.bank_files.read_bank's items and problems).

        An item already in the bank (same content key) is counted, not added again, so the same
        file imported twice adds nothing the second time. Any bad row stops the whole import
        unless `skip_bad`; the good rows are then saved in one save.
        """
        outlines = outlines_of(self.rules)
        found = [str(problem) for problem in problems]
        keys = {"questions": self.store.bank_keys("questions"), "flashcards": self.store.bank_keys("flashcards")}
        new: dict[str, list] = {"questions": [], "flashcards": []}
        already = 0
        for item in items:
            refusal = category_refusal_for(outlines.get(item.exam), item.exam, item.category)
            if refusal is not None:
                found.append(f"{item.exam} item {_item_text(item)!r}: {refusal}")
                continue
            table = "questions" if isinstance(item, Question) else "flashcards"
            if item.key in keys[table]:
                already += 1
                continue
            keys[table].add(item.key)
            new[table].append(item._replace(id=None))
        added = len(new["questions"]) + len(new["flashcards"])
        blocked = bool(found) and not skip_bad
        if dry_run or blocked or added == 0:
            return BankImport(0 if blocked and not dry_run else added, already, len(found), tuple(found), False)
        self.store.add_bank_items(new["questions"], new["flashcards"])
        return BankImport(added, already, len(found), tuple(found), True)

    def record_review(self, state: CardState, review: Review) -> tuple[CardState, Review]:
        """Save an item's new card state and the review that made it, in one save (undoable)."""
        if state.item_key != review.item_key or state.exam != review.exam:
            raise InvalidInput({"review": "the review and the card state are for different items"})
        refusal = category_refusal_for(self.outline(review.exam), review.exam, review.category)
        if refusal is not None:
            raise InvalidInput({"category": refusal})
        previous = self.store.card_state(state.item_key)
        saved_state, saved_review = self.store.record_review(state._replace(id=None), review._replace(id=None))
        assert saved_review is not None  # a review was given, so one was saved
        self._undo = [*self._undo, (saved_review, previous)][-UNDO_DEPTH:]
        return saved_state, saved_review

    @property
    def can_undo_review(self) -> bool:
        return bool(self._undo)

    def undo_last_review(self) -> Review | None:
        """Take back the last review recorded in this session: its item's card state goes back
        to what it was, and the review is removed, in one save. None if there is nothing to undo."""
        if not self._undo:
            return None
        review, previous = self._undo[-1]
        removed = self.store.undo_review(review.id, previous)  # type: ignore[arg-type]
        self._undo.pop()
        return removed

    def record_answers(self, reviews: Iterable[Review]) -> list[Review]:
        """Save drill answers (right or wrong; no card state changes), in one save."""
        answers = list(reviews)
        for review in answers:
            refusal = category_refusal_for(self.outline(review.exam), review.exam, review.category)
            if refusal is not None:
                raise InvalidInput({"category": refusal})
        saved = self.store.add_reviews([review._replace(id=None) for review in answers])
        self._changed()
        return saved

    def record_mock_exam(self, mock: MockExam, reviews: Iterable[Review] = ()) -> MockExam:
        """Save a finished mock exam and, in the same save, its scores as practice tests (overall
        and per category) dated today, so the study report counts it like any practice test,
        and each answer as a review (`reviews`), which readiness reads."""
        outline = self.outline(mock.exam)
        for answer in mock.answers:
            refusal = category_refusal_for(outline, mock.exam, answer.category)
            if refusal is not None:
                raise InvalidInput({"category": refusal})
        if not mock.answers:
            raise InvalidInput({"answers": "a mock exam with no answers has no score"})
        by_category: dict[str, list[bool]] = {}
        for answer in mock.answers:
            by_category.setdefault(answer.category, []).append(answer.correct)
        scores = {OVERALL: mock.score, **{name: 100.0 * sum(marks) / len(marks) for name, marks in by_category.items()}}
        validate = _validators()
        tests = [
            validate.practice_test_from_fields(
                mock.exam,
                self.today.isoformat(),
                f"{round(score, 1):.1f}",  # one decimal, as the mock's own scores
                name,
                rules_by_code=self.rules,
                today=self.today,
            )
            for name, score in scores.items()
        ]
        saved = self.store.add_mock_exam(
            mock._replace(id=None), tests, [review._replace(id=None) for review in reviews]
        )
        self._changed()
        return saved


def _item_text(item: Question | Flashcard) -> str:
    text = item.stem if isinstance(item, Question) else item.front
    return text if len(text) <= 40 else text[:37] + "..."
