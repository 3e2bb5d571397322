"""Correct the exam attempts of one program: choose one, then edit it or delete it.

An attempt recorded by mistake (a fail that was a pass, a wrong date) counts toward the
attempt limit and can flag re-enrollment, so it must be correctable where it was recorded.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...domain.exams import attempt_words
from ...domain.models import ExamAttempt
from ..actions import bindings
from ..host import host
from ..text import literal
from ..widgets.keybar import KeyBar


class AttemptChooser(ModalScreen[tuple[str, int] | None]):
    """The attempts of `title`'s program, newest first; dismisses with ("edit" or "delete", id)."""

    BINDINGS = bindings("attempts")

    def __init__(self, title: str, attempts: list[ExamAttempt]) -> None:
        super().__init__()
        self.title_words = title
        self.attempts = sorted(attempts, key=lambda a: (a.on, a.id or 0), reverse=True)

    def compose(self) -> ComposeResult:
        with Vertical(id="attempts-box", classes="dialog attempts") as box:
            # Plain text, not markup: an exam's name is a rule file's, a key name keymap.toml's.
            box.border_title = literal(f"Correct an attempt: {self.title_words}")
            key = host(self.app).key
            box.border_subtitle = literal(
                f"↑/↓ choose · enter edit · {key('attempt.delete')} delete · {key('dialog.cancel')} cancel"
            )
            yield OptionList(
                *(Option(Text(attempt_words(a)), id=str(a.id)) for a in self.attempts), id="attempt-list", compact=True
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(("edit", int(event.option.id or 0)))

    def action_delete(self) -> None:
        chosen = self.query_one(OptionList).highlighted_option
        if chosen is not None:
            self.dismiss(("delete", int(chosen.id or 0)))

    def action_cancel(self) -> None:
        self.dismiss(None)
