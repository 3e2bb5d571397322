"""Store: the small API the CLI and TUI use to read and change the user's records.

One parse at open builds model objects per table; reads come from those, and each write
goes to disk at once and then updates them in place, so nothing is re-read or re-built.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from recert_tui.domain.bank import CardState, Flashcard, MockExam, Question, Review
from recert_tui.domain.models import (
    Activity,
    ExamAttempt,
    HeldCredential,
    PracticeTest,
    Profile,
    Reenrollment,
    StudySession,
)

from . import backups, schema
from .atomic import AtomicJSONStorage, remove_stale_temp_files
from .errors import NotFound, ReadOnlyStore, StoreRefused, os_reason
from .lock import SessionLock
from .paths import absolute_path, foreign_owner, permission_problem
from .records import _ALL_RECORDS, _BANK_RECORDS, _RECORDS, build_models, build_table, profile_of

if TYPE_CHECKING:
    from pathlib import Path

    from tinydb import TinyDB

    from .tables import ReplacingTable


class Store:
    """An open recert database: writable if this session holds the lock, else read-only.

    Paths are kept as text (os.path): `recert status --json` never imports pathlib (~3.5 ms).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        real_path: str | os.PathLike[str],
        lock: SessionLock | None,
        read_only_reason: str | None,
    ) -> None:
        self._path = os.fspath(path)
        self._real_path = os.fspath(real_path)  # where the bytes live; differs from path for a symlink
        self._name = os.path.basename(self._path)
        self._lock = lock
        self.read_only = read_only_reason is not None
        self.read_only_reason = read_only_reason
        self._storage: AtomicJSONStorage | None = None
        self._db: TinyDB | None = None  # built at the first write (see _database)
        self._models: dict[str, dict[int, Any]] | None = None
        self._settings: dict[str, Any] = {}
        self._has_settings_doc = False
        self._profile: Profile | None = None
        self._bank: dict[str, dict[int, Any]] = {}  # bank table -> id -> model, each built on first access
        # (table, exam) -> its records in id order, until the table changes: Study asks for the
        # same reviews several times a keystroke (study_bench's next_card figure).
        self._bank_views: dict[tuple[str, str | None], tuple] = {}
        self.bank_version = 0  # counts changes to the bank and re-reads: a view built before is stale
        self._thorough = False  # see open()

    # --- opening and closing ------------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, write: bool = True, wait: float = 0.0, thorough: bool = False
    ) -> Store:
        """Open `path`; read-only if write=False or another session holds the lock.

        `thorough` (doctor): the one parse also looks for what json.loads hides (a key written
        twice, NaN), which opening otherwise looks for only where a cheap count says to.
        """
        path = absolute_path(path)  # as Path(path).expanduser().absolute()
        real = _real_path(path)
        lock: SessionLock | None = None
        reason: str | None = "opened read-only (--read-only)"
        if write:
            name = os.path.basename(path)
            _ensure_private_dir(os.path.dirname(real))
            candidate = SessionLock(real)
            try:
                if candidate.acquire(timeout=wait):
                    lock, reason = candidate, None
                else:
                    reason = f"{name} is open in {candidate.holder_description()}; this session is read-only."
            except OSError as e:
                reason = f"Could not lock {name} ({os_reason(e)}); this session is read-only."
        if lock is not None:
            remove_stale_temp_files(real)  # only a lock holder may, or it could delete a live save
        store = cls(path, real, lock, reason)
        store._thorough = thorough
        try:
            store._load()
        except BaseException:
            store.close()
            raise
        return store

    @property
    def path(self) -> Path:
        """The database's path as given (made absolute)."""
        from pathlib import Path

        return Path(self._path)

    @property
    def real_path(self) -> Path:
        """Where the bytes live: differs from `path` for a symlink."""
        from pathlib import Path

        return Path(self._real_path)

    def close(self) -> None:
        """Release the lock; the store refuses writes afterwards."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None
            self.read_only = True
            self.read_only_reason = f"{self._name} was closed; this session is read-only."
        if self._db is not None:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- loading ------------------------------------------------------------------------

    def _load(self) -> None:
        """Parse the file once and build every model; the only place the disk is read."""
        self._storage = AtomicJSONStorage(self._real_path, read_only=self.read_only, thorough=self._thorough)
        raw = self._storage.read()
        models = build_models(raw, self._real_path, self._name, find_backup=backups.newest_good_backup)
        settings_docs = raw.get("settings", {})
        self._has_settings_doc = str(schema.SETTINGS_DOC_ID) in settings_docs
        self._settings = _copied(settings_docs.get(str(schema.SETTINGS_DOC_ID), {}))
        self._models, self._profile, self._bank, self._bank_views = models, None, {}, {}

    def _loaded(self) -> dict[str, dict[int, Any]]:
        if self._models is None:
            self._load()
        assert self._models is not None  # _load built them
        return self._models

    def _drop(self) -> None:
        """Forget everything in memory (TinyDB's caches and id counters too); the disk is the truth."""
        if self._storage is not None:
            self._storage.forget()
        self._storage, self._db, self._models, self._profile = None, None, None, None
        self._bank, self._bank_views = {}, {}
        self.bank_version += 1

    def reload(self) -> bool:
        """Re-read the file if it changed on disk (for read-only sessions); returns whether it did."""
        if self._models is not None:
            assert self._storage is not None  # read with the models (_load)
            if not self._storage.changed_on_disk():
                return False
        self._drop()
        self._loaded()
        return True

    # --- reads --------------------------------------------------------------------------

    def profile(self) -> Profile:
        """Everything at once; built once and reused until the next write."""
        models = self._loaded()
        if self._profile is None:
            self._profile = profile_of(models, _copied(self._settings))
        return self._profile

    def credentials(self) -> tuple[HeldCredential, ...]:
        return self.profile().credentials

    def activities(self) -> tuple[Activity, ...]:
        return self.profile().activities

    def exam_attempts(self) -> tuple[ExamAttempt, ...]:
        return self.profile().exam_attempts

    def reenrollments(self) -> tuple[Reenrollment, ...]:
        return self.profile().reenrollments

    @property
    def stored_version(self) -> int | None:
        """The schema version the file was written with (None: no file yet)."""
        self._loaded()
        assert self._storage is not None  # read with the models (_load)
        return self._storage.stored_version

    def get_setting(self, key: str, default: Any = None) -> Any:
        self._loaded()
        return _copied(self._settings[key]) if key in self._settings else default

    def settings(self) -> dict[str, Any]:
        self._loaded()
        return _copied(self._settings)

    # --- writes -------------------------------------------------------------------------

    def add_credential(self, credential: HeldCredential) -> HeldCredential:
        if self._credential_id(credential.code) is not None:
            raise ValueError(f"{credential.code} is already recorded; update it instead of adding it again.")
        return self._insert("credentials", credential)

    def update_credential(self, credential: HeldCredential) -> HeldCredential:
        """Replace the held credential with the same code."""
        return self._replace("credentials", self._required_credential_id(credential.code), credential)

    def remove_credential(self, code: str) -> HeldCredential:
        return self._delete("credentials", self._required_credential_id(code))

    def add_activity(self, activity: Activity) -> Activity:
        """Save a new activity; returns it with its id (any id it had is ignored)."""
        return self._insert("activities", activity)

    def add_activities(self, activities: list[Activity]) -> list[Activity]:
        """Save several new activities in one atomic write: all are saved, or none (an import)."""
        to_doc, from_doc, _ = _RECORDS["activities"]
        models = self._require_writable()
        docs = [to_doc(activity) for activity in activities]
        for doc in docs:
            from_doc(doc)  # proves each doc reads back before anything is written
        ids = self._save("activities", lambda t: t.insert_multiple(docs))
        saved = [from_doc(doc, doc_id) for doc, doc_id in zip(docs, ids, strict=True)]
        models["activities"].update((item.id, item) for item in saved)
        return saved

    def update_activity(self, activity: Activity) -> Activity:
        return self._replace("activities", activity.id, activity)

    def remove_activity(self, activity_id: int) -> Activity:
        """Delete and return the activity, so the caller can offer undo via restore_activity."""
        return self._delete("activities", activity_id)

    def restore_activity(self, activity: Activity) -> Activity:
        """Put a removed activity back under its same id (undo)."""
        if activity.id is None:
            raise ValueError("Only an activity that was saved before (it has an id) can be restored.")
        if activity.id in self._loaded()["activities"]:
            raise ValueError(f"Activity {activity.id} already exists, so it cannot be restored over.")
        return self._insert("activities", activity, doc_id=activity.id)

    def add_exam_attempt(self, attempt: ExamAttempt) -> ExamAttempt:
        return self._insert("exam_attempts", attempt)

    def update_exam_attempt(self, attempt: ExamAttempt) -> ExamAttempt:
        return self._replace("exam_attempts", attempt.id, attempt)

    def remove_exam_attempt(self, attempt_id: int) -> ExamAttempt:
        return self._delete("exam_attempts", attempt_id)

    def add_reenrollment(self, reenrollment: Reenrollment) -> Reenrollment:
        return self._insert("reenrollments", reenrollment)

    def remove_reenrollment(self, reenrollment_id: int) -> Reenrollment:
        return self._delete("reenrollments", reenrollment_id)

    def add_study_session(self, session: StudySession) -> StudySession:
        return self._insert("study_sessions", session)

    def add_practice_test(self, test: PracticeTest) -> PracticeTest:
        return self._insert("practice_tests", test)

    def set_setting(self, key: str, value: Any) -> None:
        if not isinstance(key, str):
            raise TypeError(f"Setting names must be text, not {key!r}.")
        # A JSON round trip proves the value can be saved (before touching anything) and
        # detaches it from the caller's objects.
        value = _copied(value)
        self._require_writable()
        doc = {**_copied(self._settings), key: value}
        # Saved without a backup: the storage keeps none for a change to the settings alone.
        if self._has_settings_doc:
            self._save(schema.SETTINGS_TABLE, lambda t: t.replace(schema.SETTINGS_DOC_ID, doc))
        else:
            from .tables import Document

            self._save(schema.SETTINGS_TABLE, lambda t: t.insert(Document(doc, doc_id=schema.SETTINGS_DOC_ID)))
            self._has_settings_doc = True
        self._settings[key] = value

    # --- the study bank ------------------------------------------------------------------
    # Read on first access; written through the same crash-safe save as everything else, each
    # change (an import, a review with its card state, a mock exam with its scores) in one save.

    def questions(self, exam: str | None = None) -> tuple[Question, ...]:
        return self._bank_records("questions", exam)

    def flashcards(self, exam: str | None = None) -> tuple[Flashcard, ...]:
        return self._bank_records("flashcards", exam)

    def card_states(self, exam: str | None = None) -> tuple[CardState, ...]:
        return self._bank_records("card_states", exam)

    def reviews(self, exam: str | None = None, since: datetime | None = None) -> tuple[Review, ...]:
        """The reviews (of `exam`), oldest id first; with `since`, only those at or after it.

        With `since` and the table not yet built, only the recent records are built: opening
        Study needs today's and the last 30 days', not years of them (study_bench's
        open_study figure). The rest are checked when the whole table is first asked for.
        """
        if since is None:
            return self._bank_records("reviews", exam)
        key = ("reviews", f"{exam}@{since.isoformat()}")
        view = self._bank_views.get(key)
        if view is None and "reviews" in self._bank:
            view = tuple(review for review in self._bank_records("reviews", exam) if review.at >= since)
            self._bank_views[key] = view
        elif view is None:
            self._loaded()
            assert self._storage is not None  # _loaded read the file
            docs = self._storage.read().get("reviews", {})
            edge = since.astimezone(UTC).isoformat()
            recent = {}
            # Reviews are appended as they are given, so from the newest back to the first one
            # older than `since`. Ours are written in UTC ("+00:00"), whose text sorts as their
            # time; one written otherwise is built to be judged.
            for text_id, doc in reversed(docs.items()):
                at = doc.get("at") if isinstance(doc, dict) else None
                if isinstance(at, str) and at.endswith("+00:00") and at < edge:
                    break
                recent[text_id] = doc
            built = build_table(
                {"reviews": recent}, "reviews", self._real_path, self._name, find_backup=backups.newest_good_backup
            )
            view = tuple(
                built[number]
                for number in sorted(built)
                if (exam is None or built[number].exam == exam) and built[number].at >= since
            )
            self._bank_views[key] = view
        return view

    def mock_exams(self, exam: str | None = None) -> tuple[MockExam, ...]:
        return self._bank_records("mock_exams", exam)

    def has_bank_items(self) -> bool:
        """Whether any question or flashcard is kept, read from the parse without building them."""
        if any(self._bank.get(table) for table in ("questions", "flashcards")):
            return True
        self._loaded()
        assert self._storage is not None  # _loaded read the file
        raw = self._storage.read()
        return bool(raw.get("questions") or raw.get("flashcards"))

    def bank_index(self, exam: str) -> dict[str, tuple[str, str, int]]:
        """Item key -> (category, table, id) of `exam`'s questions and flashcards, in bank order.

        Read from the parse, not from built records: Study needs every item's key and category
        to queue them, and the text of one at a time (study_bench's open_study figure). A key
        is stored with each item; one written without it is worked out from its text.
        """
        index: dict[str, tuple[str, str, int]] = {}
        for table in ("questions", "flashcards"):
            view = self._bank_views.get((table, f"index:{exam}"))
            if view is None:
                view = tuple(self._index_entries(table, exam))
                self._bank_views[(table, f"index:{exam}")] = view
            index.update((key, (category, table, number)) for key, category, number in view)
        return index

    def _index_entries(self, table: str, exam: str):
        if table in self._bank:
            for number, item in sorted(self._bank[table].items()):
                if item.exam == exam:
                    yield item.key, item.category, number
            return
        self._loaded()
        assert self._storage is not None  # _loaded read the file
        for text_id, doc in self._storage.read().get(table, {}).items():
            if not isinstance(doc, dict) or doc.get("exam") != exam:
                continue
            key, category = doc.get("key"), doc.get("category")
            if not (isinstance(key, str) and isinstance(category, str)):
                item = self.bank_item(table, int(text_id))  # built, so a damaged one is named
                key, category = item.key, item.category
            yield key, category, int(text_id)

    def bank_item(self, table: str, number: int) -> Question | Flashcard:
        """One question or flashcard, built (and checked) alone unless its table is built."""
        if table in self._bank:
            return self._bank[table][number]
        self._loaded()
        assert self._storage is not None  # _loaded read the file
        doc = self._storage.read().get(table, {}).get(str(number))
        if doc is None:
            raise NotFound(f"There is no {_ALL_RECORDS[table][2]} with id {number}.")
        built = build_table(
            {table: {str(number): doc}}, table, self._real_path, self._name, find_backup=backups.newest_good_backup
        )
        return built[number]

    def bank_keys(self, table: str) -> set[str]:
        """The content keys of every question or flashcard kept (for an import to skip repeats)."""
        return {item.key for item in self._bank_table(table).values()}

    def card_state(self, item_key: str) -> CardState | None:
        return next((state for state in self._bank_table("card_states").values() if state.item_key == item_key), None)

    def add_bank_items(
        self, questions: list[Question], flashcards: list[Flashcard]
    ) -> tuple[list[Question], list[Flashcard]]:
        """Save new questions and flashcards in one atomic write: all are saved, or none."""
        saved = self._write({"questions": questions, "flashcards": flashcards})
        return saved["questions"], saved["flashcards"]

    def record_review(self, state: CardState, review: Review | None) -> tuple[CardState, Review | None]:
        """The item's new card state (replacing its old one) and the review, in one save."""
        old = self.card_state(state.item_key)
        inserts: dict[str, list[Any]] = {"reviews": [review] if review is not None else []}
        replaces: dict[str, dict[int, Any]] = {}
        if old is None:
            inserts["card_states"] = [state]
        else:
            replaces["card_states"] = {old.id: state}  # type: ignore[dict-item]
        saved = self._write(inserts, replaces)
        new_state = self.card_state(state.item_key)
        return new_state, (saved["reviews"][0] if review is not None else None)  # type: ignore[return-value]

    def add_review(self, review: Review) -> Review:
        return self._write({"reviews": [review]})["reviews"][0]

    def add_reviews(self, reviews: list[Review]) -> list[Review]:
        """Save answers that change no card state (drills), in one save."""
        return self._write({"reviews": reviews})["reviews"]

    def remove_review(self, review_id: int) -> Review:
        return self.undo_review(review_id, None, keep_state=True)

    def undo_review(self, review_id: int, previous: CardState | None, *, keep_state: bool = False) -> Review:
        """Remove a review and put its item's card state back to `previous` (None: the item had
        none, so its state goes too), in one save; keep_state leaves the card state as it is."""
        reviews = self._bank_table("reviews")
        if review_id not in reviews:
            raise NotFound(f"There is no review with id {review_id}.")
        review = reviews[review_id]
        removes: dict[str, list[int]] = {"reviews": [review_id]}
        replaces: dict[str, dict[int, Any]] = {}
        inserts: dict[str, list[Any]] = {}
        current = None if keep_state else self.card_state(review.item_key)
        if not keep_state:
            if current is not None and previous is not None:
                replaces["card_states"] = {current.id: previous}  # type: ignore[dict-item]
            elif current is not None:
                removes["card_states"] = [current.id]  # type: ignore[list-item]
            elif previous is not None:
                inserts["card_states"] = [previous]
        self._write(inserts, replaces, removes)
        return review

    def add_mock_exam(
        self, mock: MockExam, practice_tests: list[PracticeTest] | None = None, reviews: list[Review] | None = None
    ) -> MockExam:
        """Save a finished mock exam, with the practice-test scores it makes and each answer
        (for readiness), in one save."""
        return self._write(
            {"mock_exams": [mock], "practice_tests": list(practice_tests or []), "reviews": list(reviews or [])}
        )["mock_exams"][0]

    def _bank_table(self, table: str) -> dict[int, Any]:
        """The bank table's models, built from the file's parse at the first access."""
        found = self._bank.get(table)
        if found is None:
            self._loaded()
            assert self._storage is not None  # _loaded read the file
            found = build_table(
                self._storage.read(), table, self._real_path, self._name, find_backup=backups.newest_good_backup
            )
            self._bank[table] = found
        return found

    def _bank_records(self, table: str, exam: str | None) -> tuple:
        view = self._bank_views.get((table, exam))
        if view is None:
            models = self._bank_table(table)
            view = tuple(models[key] for key in sorted(models) if exam is None or models[key].exam == exam)
            self._bank_views[(table, exam)] = view
        return view

    def _write(
        self,
        inserts: dict[str, list[Any]],
        replaces: dict[str, dict[int, Any]] | None = None,
        removes: dict[str, list[int]] | None = None,
    ) -> dict[str, list[Any]]:
        """Insert, replace and remove records across tables in one atomic save; returns the
        inserted records with their ids, by table. Every doc is proved to read back first."""
        replaces, removes = replaces or {}, removes or {}
        models = self._require_writable()
        tables = {*inserts, *replaces, *removes}
        current = {table: (self._bank_table(table) if table in _BANK_RECORDS else models[table]) for table in tables}
        for table, ids in [*((t, list(r)) for t, r in replaces.items()), *removes.items()]:
            missing = next((doc_id for doc_id in ids if doc_id not in current[table]), None)
            if missing is not None:
                raise NotFound(f"There is no {_ALL_RECORDS[table][2]} with id {missing}.")
        new_docs = {table: [_ALL_RECORDS[table][0](record) for record in records] for table, records in inserts.items()}
        changed_docs = {
            table: {doc_id: _ALL_RECORDS[table][0](record) for doc_id, record in records.items()}
            for table, records in replaces.items()
        }
        for table, docs in new_docs.items():
            for doc in docs:
                _ALL_RECORDS[table][1](doc)
        for table, by_id in changed_docs.items():
            for doc in by_id.values():
                _ALL_RECORDS[table][1](doc)
        saved: dict[str, list[Any]] = {table: [] for table in inserts}
        if not any(new_docs.values()) and not changed_docs and not any(removes.values()):
            return saved
        storage = self._storage
        assert storage is not None  # _require_writable loaded it
        raw = storage.read()
        placed: dict[str, list[tuple[int, dict]]] = {}
        try:
            for table, docs in new_docs.items():
                table_raw = raw.setdefault(table, {})
                next_id = max(map(int, table_raw), default=0) + 1
                placed[table] = []
                for doc in docs:
                    table_raw[str(next_id)] = doc
                    placed[table].append((next_id, doc))
                    next_id += 1
            for table, by_id in changed_docs.items():
                for doc_id, doc in by_id.items():
                    raw[table][str(doc_id)] = doc  # a new dict: the storage re-encodes it
            for table, ids in removes.items():
                for doc_id in ids:
                    del raw[table][str(doc_id)]
            # Only these docs are encoded again (see AtomicJSONStorage._encode).
            changed: dict[str, set[str]] = {table: set() for table in tables}
            for table, pairs in placed.items():
                changed[table].update(str(doc_id) for doc_id, _ in pairs)
            for table, by_id in changed_docs.items():
                changed[table].update(map(str, by_id))
            for table, ids in removes.items():
                changed[table].update(map(str, ids))
            storage.write(raw, changed)
        except BaseException:
            self._drop()
            raise
        # TinyDB keeps each table's next id; it is rebuilt at the next write that needs it.
        self._db, self._profile = None, None
        self._bank_views = {key: view for key, view in self._bank_views.items() if key[0] not in tables}
        self.bank_version += 1
        for table, pairs in placed.items():
            from_doc = _ALL_RECORDS[table][1]
            for doc_id, doc in pairs:
                model = from_doc(doc, doc_id)
                current[table][doc_id] = model
                saved[table].append(model)
        for table, by_id in changed_docs.items():
            for doc_id, doc in by_id.items():
                current[table][doc_id] = _ALL_RECORDS[table][1](doc, doc_id)
        for table, ids in removes.items():
            for doc_id in ids:
                del current[table][doc_id]
        return saved

    # --- backups and permissions ----------------------------------------------------------

    def backups(self) -> list[Path]:
        """Backups of this database, newest first."""
        return backups.list_backups(self._real_path)

    def restore_backup(self, backup: Path) -> Path | None:
        """Replace the database with `backup`; returns where the replaced file was kept aside."""
        self._require_writable()
        aside = backups.restore_backup(self._real_path, backup)
        self._drop()
        self._loaded()
        return aside

    @property
    def insecure_permissions(self) -> str | None:
        """A sentence if other users can access the file, else None; see fix_permissions()."""
        return permission_problem(self._real_path, self._name)

    def fix_permissions(self) -> None:
        """Make the file and its backups private (0600); call only after the user agreed."""
        backups.make_private(self._real_path)

    # --- helpers --------------------------------------------------------------------------

    def _require_writable(self) -> dict[str, dict[int, Any]]:
        if self.read_only:
            raise ReadOnlyStore(self.read_only_reason or "This session is read-only.")
        return self._loaded()

    def _save(self, table: str, action: Callable[[ReplacingTable], Any]) -> Any:
        """Run one TinyDB write; on any failure drop all memory so it matches the disk again."""
        self._require_writable()
        try:
            # open_tinydb's tables are ReplacingTables; TinyDB's annotation says only Table.
            result = action(cast("ReplacingTable", self._database().table(table)))
        except BaseException:
            self._drop()
            raise
        self._profile = None
        return result

    def _database(self) -> TinyDB:
        """TinyDB on the storage already read, built at the first write: reads never need it."""
        if self._db is None:
            from .tables import open_tinydb

            assert self._storage is not None  # every write first loads the file (_require_writable)
            self._db = open_tinydb(self._storage)
        return self._db

    def _insert(self, table: str, record: Any, doc_id: int | None = None) -> Any:
        to_doc, from_doc, _ = _RECORDS[table]
        models = self._require_writable()
        doc = to_doc(record)
        from_doc(doc)  # proves the doc reads back before anything is written
        if doc_id is None:
            doc_id = self._save(table, lambda t: t.insert(doc))
        else:
            from .tables import Document

            self._save(table, lambda t: t.insert(Document(doc, doc_id=doc_id)))
        saved = from_doc(doc, doc_id)
        models[table][doc_id] = saved
        return saved

    def _replace(self, table: str, doc_id: int | None, record: Any) -> Any:
        to_doc, from_doc, label = _RECORDS[table]
        models = self._require_writable()[table]
        if doc_id not in models:
            raise NotFound(f"There is no {label} with id {doc_id}.")
        doc = to_doc(record)
        saved = from_doc(doc, doc_id)

        self._save(table, lambda t: t.replace(doc_id, doc))
        models[doc_id] = saved
        return saved

    def _delete(self, table: str, doc_id: int) -> Any:
        label = _RECORDS[table][2]
        models = self._require_writable()[table]
        if doc_id not in models:
            raise NotFound(f"There is no {label} with id {doc_id}.")
        removed = models[doc_id]
        self._save(table, lambda t: t.remove(doc_ids=[doc_id]))
        del models[doc_id]
        return removed

    def _credential_id(self, code: str) -> int | None:
        return next((i for i, c in self._loaded()["credentials"].items() if c.code == code), None)

    def _required_credential_id(self, code: str) -> int:
        doc_id = self._credential_id(code)
        if doc_id is None:
            raise NotFound(f"No {code} credential is recorded.")
        return doc_id


def _copied(value: Any) -> Any:
    """A deep copy of settings (JSON values); json is loaded already, copy and weakref would not be."""
    return json.loads(json.dumps(value))


def _real_path(path: str) -> str:
    """Follow a symlinked db path; refuse another user's file, linked to or not.

    On a shared machine, a file someone else put where your database goes would be read as
    yours and then replaced by your first save: it is refused, naming its owner.
    """
    if not os.path.islink(path):
        owner = foreign_owner(path)
        if owner is not None:
            raise StoreRefused(f"{path} belongs to another user ({owner}), so recert-tui will not open it.")
        return path
    target = os.path.realpath(path)
    owner_uid = None
    for candidate in (target, os.path.dirname(target)):  # a dangling link: judge by the target's folder
        try:
            owner_uid = os.stat(candidate).st_uid
            break
        except OSError:
            continue
    if owner_uid is not None and hasattr(os, "getuid") and owner_uid != os.getuid():
        raise StoreRefused(
            f"{path} is a link to {target}, which belongs to another user, so recert-tui will not open it."
        )
    return target


def _ensure_private_dir(directory: str) -> None:
    """Create missing folders as 0700 (chmod after mkdir, since umask applies to mkdir).

    A folder that already exists is left exactly as it is.
    """
    from pathlib import Path  # only a writing session gets here

    wanted = Path(directory)
    missing = []
    for folder in (wanted, *wanted.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
            os.chmod(folder, 0o700)
        except FileExistsError:
            continue
        except OSError as e:
            raise StoreRefused(f"Could not create the folder {folder}: {os_reason(e)}.") from e
