"""A labelled form field with its error line underneath."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from ..text import literal


class FormField(Vertical):
    """Label + control on one line; the field's error (if any) on the next.

    The control keeps whatever was typed: showing an error never touches its value. A field
    given a `hint` has a line under the control saying what it is for ("" hides it until
    `set_hint` gives it one).
    """

    def __init__(self, name: str, label: str, control: Widget, *, hint: str | None = None) -> None:
        super().__init__(id=f"field-{name}", classes="form-field")
        self.field_name = name
        self.label = label
        self.control = control
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Static(literal(self.label), classes="form-label")
            yield self.control
        if self.hint is not None:
            line = Static(literal(self.hint), classes="form-hint")
            line.display = bool(self.hint)
            yield line
        yield Static("", classes="form-error")

    def set_hint(self, hint: str) -> None:
        """Change the hint line (a field composed with one); "" hides it."""
        self.hint = hint
        for line in self.query(".form-hint").results(Static):
            line.update(literal(hint))
            line.display = bool(hint)

    # A class rather than :focus-within, which can leave the previous label marked.
    def on_descendant_focus(self) -> None:
        self.add_class("-focused")

    def on_descendant_blur(self) -> None:
        if self.screen.is_current:  # a form that is closing is not restyled for nothing
            self.remove_class("-focused")

    def show_error(self, message: str | None) -> None:
        error = self.query_one(".form-error", Static)
        if message:
            # Domain messages are written to follow the field's name ("is empty; enter ...").
            joiner = " " if message.startswith(("is ", "adds ", "has ")) else ": "
            error.update(literal(f"✗ {self.label}{joiner}{message}"))
        error.display = bool(message)
        self.set_class(bool(message), "-invalid")
