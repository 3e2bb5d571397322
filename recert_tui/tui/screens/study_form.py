"""Log a study session or record a practice-test score, checked field by field as it is typed.

Like the activity form: ctrl+s saves straight to the store, and a refused save (validation
or the store) keeps the form open with everything that was typed.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from ...domain.study import OVERALL, category_label
from ...domain.validate import (
    FIELD_HELP,
    practice_test_from_fields,
    study_session_from_fields,
)
from ..text import literal
from ..widgets.field import FormField
from ..widgets.keybar import KeyBar
from ..widgets.ordered_input import OrderedInput
from .checked_form import CheckedForm

TITLES = {"session": "Log a study session", "test": "Record a practice test"}


def category_options(session, exam: str) -> list[tuple[Text, str]]:
    """`Overall` first, then the exam outline's categories (from a rule file), heaviest first."""
    rules = session.rules.get(exam)
    outline = rules.exam.outline.value if rules and rules.exam and rules.exam.outline else {}
    ordered = sorted(outline.items(), key=lambda kv: -kv[1])
    return [(Text("Overall (whole exam)"), OVERALL)] + [(literal(category_label(key)), key) for key, _ in ordered]


class StudyForm(CheckedForm):
    """`kind` is "session" or "test"; dismisses with the exam code saved for, or None."""

    def __init__(self, session, kind: str, exam: str | None = None) -> None:
        super().__init__(session)
        self.kind = kind
        self.exam = exam

    @property
    def amount_field(self) -> str:
        return "minutes" if self.kind == "session" else "percent"

    def compose(self) -> ComposeResult:
        catalog = self.session.catalog
        codes = catalog.exam_codes
        held = [code for code in codes if code in self.session.held_codes]  # catalog order
        chosen = self.exam if self.exam in codes else (held[0] if held else codes[0] if codes else None)
        self.exam = chosen
        with VerticalScroll(id="form", classes="form") as form:
            form.border_title = TITLES[self.kind]
            form.border_subtitle = self.keys_hint()
            yield Static(id="form-error")
            yield FormField(
                "exam",
                "Exam",
                Select(
                    [(literal(catalog.get(code).exam.name), code) for code in codes],
                    value=chosen if chosen else Select.NULL,
                    allow_blank=False,
                    compact=True,
                    id="exam",
                ),
            )
            yield FormField(
                "date",
                "Date",
                OrderedInput(self.session.today.isoformat(), placeholder=FIELD_HELP["date"], id="date", compact=True),
            )
            if self.kind == "session":
                yield FormField(
                    "minutes", "Minutes", OrderedInput(placeholder=FIELD_HELP["minutes"], id="minutes", compact=True)
                )
            else:
                yield FormField(
                    "percent", "Score (%)", OrderedInput(placeholder=FIELD_HELP["percent"], id="percent", compact=True)
                )
            yield FormField(
                "category",
                "Category",
                Select(
                    category_options(self.session, chosen or ""),
                    value=OVERALL,
                    allow_blank=False,
                    compact=True,
                    id="category",
                ),
            )
            if self.kind == "session":
                yield FormField(
                    "note", "Note", OrderedInput(placeholder="optional: what you studied", id="note", compact=True)
                )
        yield KeyBar()

    def on_mount(self) -> None:
        # Date is today already: the amount is what there is to type.
        self.query_one(f"#{self.amount_field}", Input).focus()
        super().on_mount()

    # --- reading the form --------------------------------------------------------------

    def values(self) -> dict[str, str]:
        fields = {}
        for name in ("exam", "category"):
            value = self.query_one(f"#{name}", Select).value
            fields[name] = "" if value is Select.NULL else str(value)
        for name in ("date", self.amount_field, "note"):
            boxes = self.query(f"#{name}").results(Input)
            box = next(boxes, None)
            if box is not None:
                fields[name] = box.value
        return fields

    def validate(self, values: dict[str, str]) -> None:
        rules, today = self.session.rules, self.session.today
        if self.kind == "session":
            study_session_from_fields(
                values["exam"],
                values["date"],
                values["minutes"],
                values["category"],
                values.get("note"),
                rules_by_code=rules,
                today=today,
            )
        else:
            practice_test_from_fields(
                values["exam"], values["date"], values["percent"], values["category"], rules_by_code=rules, today=today
            )

    def field_changed(self, name: str) -> None:
        if name == "exam":
            self._sync_categories()

    def _sync_categories(self) -> None:
        """Another exam has other categories; keep the chosen one if the new exam has it too."""
        exam = self.query_one("#exam", Select).value
        box = self.query_one("#category", Select)
        kept = box.value
        options = category_options(self.session, "" if exam is Select.NULL else str(exam))
        with box.prevent(Select.Changed):
            box.set_options(options)
            if kept in {value for _, value in options}:
                box.value = kept

    # --- saving ------------------------------------------------------------------------

    def save(self, values: dict[str, str]) -> str:
        if self.kind == "session":
            saved = self.session.add_study_session(
                values["exam"], values["date"], values["minutes"], values["category"], values.get("note")
            )
        else:
            saved = self.session.add_practice_test(
                values["exam"], values["date"], values["percent"], values["category"]
            )
        return saved.exam
