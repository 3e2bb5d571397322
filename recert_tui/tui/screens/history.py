"""History: every cycle of every held credential, the route that closed it and what counted."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...domain.engine import history
from ...exports.history import history_lines
from ..actions import bindings
from ..text import literal
from ..widgets.keybar import KeyBar


class HistoryScreen(ModalScreen[None]):
    BINDINGS = bindings("history")

    def __init__(self, session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        report = history(
            self.session.profile, self.session.rules, self.session.today, due_soon_days=self.session.due_soon_days
        )
        with VerticalScroll(id="history-body", can_focus=True) as body:
            body.border_title = "History: every cycle (↑/↓ to scroll)"
            # Each line is literal (titles are user text); the breaks between them are real.
            yield Static(Text("\n").join(literal(line) for line in history_lines(report)), id="history-text")
        yield KeyBar()

    def action_cancel(self) -> None:
        self.dismiss(None)
