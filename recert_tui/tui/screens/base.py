"""What every top-level screen shares: the top bar, the banner, the footer, fresh data."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from ..widgets.banner import Banner
from ..widgets.topbar import TopBar

if TYPE_CHECKING:
    from ..app import RecertApp


class ModeScreen(Screen):
    """A top-level screen (one App mode). Subclasses compose their body and re-render data.

    A screen that is not showing does no work when data changes; it catches up when it is
    shown again (`on_screen_resume`), so one save costs one re-render, not three.
    """

    MODE = ""

    def __init__(self) -> None:
        super().__init__()
        self._seen_version = -1

    @property
    def recert(self) -> "RecertApp":
        return cast("RecertApp", self.app)

    def compose(self) -> ComposeResult:
        app = self.recert
        yield TopBar(self.MODE, app.mode_keys(), app.marker)
        yield Banner(app.demo, app.session.read_only_reason if app.session.read_only else None)
        yield from self.compose_body()
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.catch_up()

    def on_screen_resume(self) -> None:
        self.catch_up()

    def catch_up(self) -> None:
        """Re-render if the data changed since this screen last showed it."""
        if self._seen_version != self.recert.data_version:
            self._seen_version = self.recert.data_version
            self.show_data()

    def show_data(self) -> None:
        """Render the session's current report (override)."""
