"""Dashboard: one card per held credential, the most urgent facts first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..widgets.card import CredentialCard
from .base import ModeScreen

EMPTY = (
    "No credentials yet.\n\n"
    "Press c to add the credential you hold (CMA (AAMA), CCMA, RMA, NCMA or CMAC) "
    "with the date you earned it; the dashboard then shows its expiry and CE progress."
)


class DashboardScreen(ModeScreen):
    MODE = "dashboard"
    CSS_PATH = "dashboard.tcss"
    BINDINGS = [
        Binding("c", "app.add_credential", "Add credential", id="credential.add",
                tooltip="Add a credential you hold, with the date you earned it."),
        Binding("x", "app.export_menu", "Export", id="export",
                tooltip="Write the worksheet, a CSV, a calendar or a full backup to a file."),
    ]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="cards", can_focus=True):
            yield Static(Text(EMPTY), id="empty")
            yield Static(id="other-exams")

    def show_data(self) -> None:
        report = self.recert.session.report
        order = list(self.recert.session.rules)  # catalog order: CMA (AAMA) first
        credentials = sorted(report.credentials, key=lambda c: order.index(c.code) if c.code in order else len(order))
        cards = self.query_one("#cards", VerticalScroll)
        existing = {card.id: card for card in self.query(CredentialCard)}
        wanted = [f"card-{credential.code}" for credential in credentials]
        if list(existing) == wanted:
            # Same credentials as before: update the cards in place (cheap).
            for credential in credentials:
                existing[f"card-{credential.code}"].show(credential)
        else:
            for card in existing.values():
                card.remove()
            cards.mount_all([CredentialCard(c) for c in credentials], before="#empty")
        self.query_one("#empty").display = not report.credentials
        self._show_other_exams(report)

    def _show_other_exams(self, report) -> None:
        """Exam programs with records but no held credential (e.g. a scheduled new exam)."""
        held = {credential.code for credential in report.credentials}
        others = [exam for exam in report.exams if exam.exam not in held]
        widget = self.query_one("#other-exams", Static)
        widget.display = bool(others)
        if others:
            lines = [Text(f"{exam.name}: ", style="bold") + Text(exam.flag) for exam in others]
            widget.update(Text("\n").join(lines))
