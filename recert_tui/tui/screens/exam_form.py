"""Record an exam attempt (passed, failed, scheduled) or a re-enrollment."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Select, Static

from ...domain.validate import FIELD_HELP, InvalidInput
from ...store import StoreError
from ..text import literal
from ..widgets.field import FormField
from ..widgets.ordered_input import OrderedInput
from .dialogs import CANCEL_BINDINGS

RESULTS = (("failed", "fail"), ("passed", "pass"), ("scheduled (a future date)", "scheduled"))


class ExamForm(ModalScreen[bool]):
    """`kind` is "attempt" or "reenrollment"; dismisses with True once saved."""

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

    def compose(self) -> ComposeResult:
        catalog = self.session.catalog
        codes = catalog.exam_codes
        held = [code for code in codes if code in self.session.held_codes]  # catalog order
        chosen = self.exam or (held[0] if held else codes[0] if codes else None)
        options = [(catalog.get(code).exam.name, code) for code in codes]
        with VerticalScroll(id="form", classes="form") as form:
            form.border_title = "Record an exam attempt" if self.kind == "attempt" else "Record a re-enrollment"
            form.border_subtitle = "ctrl+s save · ctrl+g cancel"
            if self.kind == "reenrollment":
                yield Static(literal("Completing an accredited medical assisting program again starts a fresh attempt count."))
            yield Static(id="form-error")
            yield FormField("exam", "Exam", Select(options, value=chosen if chosen else Select.NULL,
                                                   allow_blank=False, compact=True, id="exam"))
            yield FormField("date", "Date", OrderedInput(self.session.today.isoformat(), placeholder=FIELD_HELP["date"],
                                                  id="date", compact=True))
            if self.kind == "attempt":
                yield FormField("result", "Result", Select(list(RESULTS), value="fail", allow_blank=False,
                                                           compact=True, id="result"))
                yield FormField("score", "Score", OrderedInput(placeholder=f"optional: {FIELD_HELP['score']}",
                                                        id="score", compact=True))
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#date", Input).focus()

    def action_save(self) -> None:
        exam = self.query_one("#exam", Select).value
        exam_code = "" if exam is Select.NULL else str(exam)
        on = self.query_one("#date", Input).value
        try:
            if self.kind == "attempt":
                result = str(self.query_one("#result", Select).value)
                score = self.query_one("#score", Input).value
                self.session.add_exam_attempt(exam_code, on, result, score or None)
            else:
                self.session.add_reenrollment(exam_code, on)
        except InvalidInput as error:
            self._show_errors(error.errors)
            return
        except StoreError as error:
            self._show_errors({"form": str(error)})
            return
        self.dismiss(True)

    def _show_errors(self, errors: dict[str, str]) -> None:
        errors = dict(errors)
        if "on" in errors:  # re-enrollments call their date "on"
            errors["date"] = errors.pop("on")
        for field in self.query(FormField):
            field.show_error(errors.pop(field.field_name, None))
        box = self.query_one("#form-error", Static)
        box.update(literal("Not saved: " + ("; ".join(errors.values()) if errors else "fix the fields marked ✗ (what you typed is kept).")))
        box.display = True

    def action_cancel(self) -> None:
        self.dismiss(False)
