"""What the review, mock-exam and drill screens share: a top line, a scrolling body, the keys."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ...domain.bank import LETTERS, Question
from ...domain.errors import InvalidInput
from ...practice import Practice
from ...store import StoreError
from ..host import Host, host
from ..text import literal
from ..widgets.keybar import KeyBar


class PracticeScreen(Screen[None]):
    """A full screen over Study; closes back to it (ctrl+g), which then shows the new figures."""

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice
        rules = practice.session.rules.get(practice.exam)
        self.exam_name = rules.name if rules else practice.exam

    @property
    def recert(self) -> Host:
        return host(self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="practice-top")
        with VerticalScroll(id="practice-body", can_focus=True):
            yield Static(id="practice-text")
        yield Static(id="practice-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#practice-body").focus()

    def show(self, top: str, body: Text, hint: str = "") -> None:
        # The exam's name comes from a rule file: literal, like the question text.
        self.query_one("#practice-top", Static).update(literal(top, "bold"))
        self.query_one("#practice-text", Static).update(body)
        self.query_one("#practice-hint", Static).update(Text(hint))
        self.query_one("#practice-body", VerticalScroll).scroll_home(animate=False)

    @staticmethod
    def answer_letters(question: Question) -> str:
        """`a to d`: the letters that answer `question`."""
        return f"{LETTERS[0]} to {LETTERS[len(question.choices) - 1]}"

    def refuse_letter(self, question: Question, index: int) -> bool:
        """True (and says why) when `index` names no choice of `question`."""
        if index < len(question.choices):
            return False
        self.notify(
            f"This question has {len(question.choices)} choices: {self.answer_letters(question)}.", markup=False
        )
        return True

    def saved(self, save) -> object | None:
        """Run a save; on failure say why in one sentence and return None (nothing is lost)."""
        try:
            result = save()
        except (StoreError, InvalidInput) as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return None
        self.recert.data_changed()
        return result

    def action_close(self) -> None:
        self.dismiss(None)
