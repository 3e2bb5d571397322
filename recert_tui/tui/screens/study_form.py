"""Log a study session or record a practice-test score, checked field by field as it is typed.

Like the activity form: ctrl+s saves straight to the store, and a refused save (validation
or the store) keeps the form open with everything that was typed.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Select, Static

from ...domain.study import OVERALL, category_label
from ...domain.validate import FIELD_HELP, InvalidInput, practice_test_from_fields, study_session_from_fields
from ...store import StoreError
from ..text import literal
from ..widgets.field import FormField
from ..widgets.ordered_input import OrderedInput
from .dialogs import CANCEL_BINDINGS

TITLES = {"session": "Log a study session", "test": "Record a practice test"}


def category_options(session, exam: str) -> list[tuple[Text, str]]:
    """`Overall` first, then the exam outline's categories (from a rule file), heaviest first."""
    rules = session.rules.get(exam)
    outline = rules.exam.outline.value if rules and rules.exam and rules.exam.outline else {}
    ordered = sorted(outline.items(), key=lambda kv: -kv[1])
    return [(Text("Overall (whole exam)"), OVERALL)] + [(literal(category_label(key)), key) for key, _ in ordered]


class StudyForm(ModalScreen[str | None]):
    """`kind` is "session" or "test"; dismisses with the exam code saved for, or None."""

    CSS_PATH = "form.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", tooltip="Check every field and save at once."),
        *CANCEL_BINDINGS,
    ]

    def __init__(self, session, kind: str, exam: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.kind = kind
        self.exam = exam
        self.touched: set[str] = set()
        self.ready = False  # Selects announce their first value on mount; that is not the user

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
            form.border_subtitle = "ctrl+s save · ctrl+g cancel"
            yield Static(id="form-error")
            yield FormField("exam", "Exam", Select([(literal(catalog.get(code).exam.name), code) for code in codes],
                                                   value=chosen if chosen else Select.NULL, allow_blank=False,
                                                   compact=True, id="exam"))
            yield FormField("date", "Date", OrderedInput(self.session.today.isoformat(), placeholder=FIELD_HELP["date"],
                                                         id="date", compact=True))
            if self.kind == "session":
                yield FormField("minutes", "Minutes", OrderedInput(placeholder=FIELD_HELP["minutes"],
                                                                   id="minutes", compact=True))
            else:
                yield FormField("percent", "Score (%)", OrderedInput(placeholder=FIELD_HELP["percent"],
                                                                     id="percent", compact=True))
            yield FormField("category", "Category", Select(category_options(self.session, chosen or ""),
                                                           value=OVERALL, allow_blank=False, compact=True,
                                                           id="category"))
            if self.kind == "session":
                yield FormField("note", "Note", OrderedInput(placeholder="optional: what you studied",
                                                             id="note", compact=True))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # Date is today already: the amount is what there is to type.
        self.query_one(f"#{self.amount_field}", Input).focus()
        self.call_after_refresh(self._set_ready)

    def _set_ready(self) -> None:
        self.ready = True

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

    def _validate(self) -> None:
        """Raise InvalidInput naming every bad field; nothing is saved."""
        fields = self.values()
        rules, today = self.session.rules, self.session.today
        if self.kind == "session":
            study_session_from_fields(fields["exam"], fields["date"], fields["minutes"], fields["category"],
                                      fields.get("note"), rules_by_code=rules, today=today)
        else:
            practice_test_from_fields(fields["exam"], fields["date"], fields["percent"], fields["category"],
                                      rules_by_code=rules, today=today)

    def check(self, show_all: bool = False) -> dict[str, str]:
        """Show each touched field's error under it; returns every error."""
        try:
            self._validate()
            errors: dict[str, str] = {}
        except InvalidInput as error:
            errors = error.errors
        for field in self.query(FormField):
            shown = show_all or field.field_name in self.touched
            field.show_error(errors.get(field.field_name) if shown else None)
        return errors

    # --- reacting to typing ------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self, event: Input.Changed | Select.Changed) -> None:
        name = event.control.id or ""
        if not self.ready:
            return
        if name == "exam":
            self._sync_categories()
        self.touched.add(name)
        self.check()

    def on_descendant_blur(self, event) -> None:
        name = getattr(event.widget, "id", None) or ""
        if name and self.ready:
            self.touched.add(name)
            self.check()

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

    def action_save(self) -> None:
        if self.check(show_all=True):
            self._form_error("Not saved: fix the fields marked ✗ (what you typed is kept).")
            return
        fields = self.values()
        try:
            if self.kind == "session":
                saved = self.session.add_study_session(fields["exam"], fields["date"], fields["minutes"],
                                                       fields["category"], fields.get("note"))
            else:
                saved = self.session.add_practice_test(fields["exam"], fields["date"], fields["percent"],
                                                       fields["category"])
        except InvalidInput as error:
            self.check(show_all=True)
            self._form_error(f"Not saved: {error.first_line}")
            return
        except StoreError as error:
            self._form_error(f"Not saved: {error}")
            return
        self.dismiss(saved.exam)

    def _form_error(self, message: str) -> None:
        box = self.query_one("#form-error", Static)
        box.update(literal(message))
        box.display = True

    def action_cancel(self) -> None:
        self.dismiss(None)
