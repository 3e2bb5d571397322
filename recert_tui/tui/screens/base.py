"""What every top-level screen shares: the top bar, the banner, the footer, fresh data."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen

from ..actions import write_actions
from ..host import Host, host
from ..textual_compat import style_like_the_app
from ..widgets.banner import Banner
from ..widgets.keybar import KeyBar
from ..widgets.topbar import TopBar


class ModeScreen(Screen):
    """A top-level screen (one App mode). Subclasses compose their body and re-render data.

    A screen that is not showing does no work when data changes; it catches up when it is
    shown again (`on_screen_resume`), so one save costs one re-render, not three.
    """

    MODE = ""
    # Seconds a screen whose re-render is slow waits before catching up with a change made
    # while it shows (a dialog on it, an undo): the dialog closes at once, and keys typed
    # with the one that made the change go first (they pass through several queues). After
    # `y` on the activities list, a `1` typed with it shows the dashboard without the list,
    # hidden by then, being rebuilt for nothing.
    CATCH_UP_DELAY: float = 0.0

    def __init__(self) -> None:
        super().__init__()
        self._seen_version = -1
        # Not showing yet, then whenever another mode shows (not just a dialog on top).
        self._away = True
        self._away_app_focus = self.app.app_focus
        host(self.app).keep_mode_screen(self.MODE, self)
        # Built now, styled as its widgets mount.
        style_like_the_app(self, self.app)

    @property
    def recert(self) -> Host:
        return host(self.app)

    def compose(self) -> ComposeResult:
        app = self.recert
        yield TopBar(self.MODE, app.mode_keys(), app.marker)
        yield Banner(app.demo, app.session.read_only_reason if app.session.read_only else None)
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False, not None: the key leaves the key bar (and does nothing) rather than being
        # shown disabled. A read-only session stays read-only, so this never changes.
        return not (action in write_actions(self.MODE) and self.recert.session.read_only)

    def on_mount(self) -> None:
        self.catch_up()
        self.call_after_refresh(self.recert.keep_long_lived)

    def on_screen_suspend(self) -> None:
        # By now a mode switch has made another mode current; a dialog leaves us in the stack.
        self._away = self not in self.app.screen_stack
        self._away_app_focus = self.app.app_focus

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """Shown again: catch up with the data, and skip Textual's restyle when nothing changed.

        Textual restyles a screen's every widget whenever another mode's screen gives way to
        it (about as long as building the dashboard). What it catches that way: a new theme,
        which Textual applies anyway as it switches (App.switch_mode checks its CSS count);
        new style sheets, which are all read before any screen but the dashboard is shown, and
        match nothing on the dashboard (RecertApp.LATER_CSS); and the terminal gaining or
        losing focus, applied to the showing screen only: that one is checked here.
        """
        if self._away:
            self._away = False
            if self._away_app_focus == self.app.app_focus:
                event.refresh_styles = False
            self.catch_up()  # before the first frame: no flash of old figures
        elif self.CATCH_UP_DELAY:
            self.catch_up_soon()  # a dialog closed; see CATCH_UP_DELAY
        else:
            self.catch_up()  # a dialog closed: RecertApp.pop_screen has normally done this already

    def catch_up_soon(self) -> None:
        """Catch up once this screen has handled what is queued for it, if still showing."""
        if self.CATCH_UP_DELAY:
            self.set_timer(self.CATCH_UP_DELAY, self._catch_up_if_showing)
        else:
            self.call_later(self._catch_up_if_showing)

    def _catch_up_if_showing(self) -> None:
        if self.is_current:
            self.catch_up()  # else it catches up when shown again

    def catch_up(self) -> None:
        """Re-render if the data changed since this screen last showed it."""
        if self._seen_version != self.recert.data_version:
            self._seen_version = self.recert.data_version
            self.show_data()

    def show_data(self) -> None:
        """Render the session's current report (override)."""
