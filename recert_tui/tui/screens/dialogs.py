"""Small modal screens: a yes/no confirmation. Every modal can be left without Escape."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..actions import bindings
from ..host import host
from ..widgets.keybar import KeyBar

# Over SSH and inside tmux a lone Escape waits for a possible escape sequence, so every
# modal also closes with ctrl+g (and q where no text box has focus).


class ConfirmScreen(ModalScreen[bool]):
    """Ask before something that cannot be taken back lightly; dismisses with True for yes."""

    BINDINGS = bindings("confirm")

    def __init__(self, question: Text, yes_words: str = "yes") -> None:
        super().__init__()
        self.question = question
        self.yes_words = yes_words

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(self.question, id="question")
            keys = host(self.app).keys
            answers = f"{keys('confirm.yes')}: {self.yes_words}    {keys('confirm.no')} or {keys('dialog.cancel')}: no"
            yield Static(Text(answers, style="bold"), id="answers")
        yield KeyBar()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_cancel(self) -> None:
        self.dismiss(False)
