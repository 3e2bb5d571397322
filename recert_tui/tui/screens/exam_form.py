"""Record an exam attempt (passed, failed, scheduled) or a re-enrollment."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from ...domain.exams import next_attempt_words
from ...domain.models import ExamAttempt
from ...domain.validate import FIELD_HELP, reenrollment_from_fields
from ..text import literal
from ..widgets.field import FormField
from ..widgets.keybar import KeyBar
from ..widgets.ordered_input import OrderedInput
from .checked_form import CheckedForm

RESULTS = (("failed", "fail"), ("passed", "pass"), ("scheduled (a future date)", "scheduled"))


class ExamForm(CheckedForm):
    """`kind` is "attempt" or "reenrollment"; dismisses with True once saved. Given an
    `attempt`, the form shows it and saving changes it."""

    FIELD_ALIASES = {"on": "date"}  # re-enrollments call their date "on"

    def __init__(self, session, kind: str, exam: str | None = None, attempt: ExamAttempt | None = None) -> None:
        super().__init__(session)
        self.kind = kind
        self.attempt = attempt
        self.exam = attempt.exam if attempt else exam

    def compose(self) -> ComposeResult:
        catalog = self.session.catalog
        codes = catalog.exam_codes
        held = [code for code in codes if code in self.session.held_codes]  # catalog order
        chosen = self.exam or (held[0] if held else codes[0] if codes else None)
        options = [(catalog.get(code).exam.name, code) for code in codes]
        with VerticalScroll(id="form", classes="form") as form:
            if self.attempt is not None:
                form.border_title = f"Correct exam attempt #{self.attempt.id}"
            else:
                form.border_title = "Record an exam attempt" if self.kind == "attempt" else "Record a re-enrollment"
            form.border_subtitle = self.keys_hint()
            if self.kind == "reenrollment":
                yield Static(
                    literal("Completing an accredited medical assisting program again starts a fresh attempt count.")
                )
            yield Static(id="form-error")
            yield FormField(
                "exam",
                "Exam",
                Select(options, value=chosen if chosen else Select.NULL, allow_blank=False, compact=True, id="exam"),
            )
            if self.kind == "attempt":
                yield Static(literal(self._next_attempt_line(chosen)), id="next-attempt")
            attempt = self.attempt
            day = (attempt.on if attempt else self.session.today).isoformat()
            yield FormField("date", "Date", OrderedInput(day, placeholder=FIELD_HELP["date"], id="date", compact=True))
            if self.kind == "attempt":
                yield FormField(
                    "result",
                    "Result",
                    Select(
                        list(RESULTS),
                        value=attempt.result if attempt else "fail",
                        allow_blank=False,
                        compact=True,
                        id="result",
                    ),
                )
                score = "" if attempt is None or attempt.score is None else f"{attempt.score:g}"
                yield FormField(
                    "score",
                    "Score",
                    OrderedInput(score, placeholder=f"optional: {FIELD_HELP['score']}", id="score", compact=True),
                )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#date", Input).focus()
        super().on_mount()

    def _next_attempt_line(self, exam: str | None) -> str:
        """When the chosen program's next attempt is allowed, and why (waits, window, limit)."""
        report = self.session.report.exam(exam) if exam else None
        if report is None:
            return "No attempt recorded for this program yet: any date is allowed."
        return next_attempt_words(report, self.session.today)

    def field_changed(self, name: str) -> None:
        if name == "exam" and self.kind == "attempt":
            self.query_one("#next-attempt", Static).update(literal(self._next_attempt_line(self.values()["exam"])))

    def values(self) -> dict[str, str]:
        fields = {"date": self.query_one("#date", Input).value}
        for name in ("exam", "result"):
            for box in self.query(f"#{name}").results(Select):
                fields[name] = "" if box.value is Select.NULL else str(box.value)
        if self.kind == "attempt":
            fields["score"] = self.query_one("#score", Input).value
        return fields

    def validate(self, values: dict[str, str]) -> None:
        rules, today = self.session.rules, self.session.today
        if self.kind == "attempt":
            attempt_id = self.attempt.id if self.attempt is not None else None
            self.session.exam_attempt_from(
                values["exam"], values["date"], values["result"], values["score"] or None, attempt_id
            )
        else:
            reenrollment_from_fields(values["exam"], values["date"], rules_by_code=rules, today=today)

    def save(self, values: dict[str, str]) -> ExamAttempt | bool:
        """The attempt saved (new ones: the app then offers a new cycle after a pass), or True."""
        if self.attempt is not None:
            self.session.update_exam_attempt(
                self.attempt.id, values["exam"], values["date"], values["result"], values["score"] or None
            )
        elif self.kind == "attempt":
            return self.session.add_exam_attempt(
                values["exam"], values["date"], values["result"], values["score"] or None
            )
        else:
            self.session.add_reenrollment(values["exam"], values["date"])
        return True
