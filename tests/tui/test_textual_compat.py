"""One test per Textual internal the app relies on (tui/textual_compat.py).

If an upgrade of Textual moves one of them, its test fails here, naming it, before anything
subtler breaks in the app.
"""

from __future__ import annotations

import inspect
import threading
from importlib.metadata import version

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Select, Static

from recert_tui.tui import textual_compat


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="box")


class Still(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("nothing moves here")


def test_the_installed_textual_is_the_one_checked():
    installed = version("textual")
    assert installed.split(".")[:2] == textual_compat.CHECKED_WITH.split(".")[:2], (
        f"Textual {installed}: re-check every function of tui/textual_compat.py, then update CHECKED_WITH"
    )


async def test_screen_callbacks_show_pending_refresh_work():
    """Internal: Screen._callbacks."""
    app = Still()
    async with app.run_test() as pilot:
        screen = app.screen
        for _ in range(3):
            await pilot.pause()
        assert textual_compat.refresh_callbacks_pending(screen) is False
        ran: list[bool] = []
        # What call_after_refresh ends in once its message is handled (Screen._invoke_later).
        screen._invoke_later(lambda: ran.append(True), screen)
        assert textual_compat.refresh_callbacks_pending(screen) is True, "Screen._callbacks no longer holds them"
        for _ in range(5):
            await pilot.pause()
        assert ran, "Textual no longer runs what Screen._callbacks holds"
        assert textual_compat.refresh_callbacks_pending(screen) is False


async def test_a_screen_can_be_marked_styled_like_the_app():
    """Internal: DOMNode._css_update_count."""
    app = Bare()
    async with app.run_test():
        assert isinstance(app._css_update_count, int), "App._css_update_count has gone"
        screen = Screen()
        textual_compat.style_like_the_app(screen, app)
        assert screen._css_update_count == app._css_update_count


async def test_the_truecolor_filter_follows_the_theme():
    """Internal: App._refresh_truecolor_filter."""
    app = Bare()
    async with app.run_test():
        assert callable(getattr(app, "_refresh_truecolor_filter", None)), "App._refresh_truecolor_filter has gone"
        app.theme = "ansi-dark"
        textual_compat.follow_theme_in_ansi_colours(app)  # must not raise


async def test_a_widget_own_bindings_are_found_by_key():
    """Internal: Widget._bindings.key_to_bindings."""
    app = Bare()
    async with app.run_test():
        box = app.query_one(Input)
        actions = [binding.action for binding in textual_compat.own_bindings_for_key(box, "end")]
        assert actions == ["end"], "Input's own End binding was not found through Widget._bindings"
        assert list(textual_compat.own_bindings_for_key(Static(), "end")) == []


class Choosing(App[None]):
    def compose(self) -> ComposeResult:
        yield Select([("one", 1), ("two", 2)], id="choice")


async def test_an_open_choice_list_is_closed_by_its_own_action():
    """Internal: textual.widgets._select.SelectOverlay.action_dismiss."""
    app = Choosing()
    async with app.run_test() as pilot:
        select = app.query_one(Select)
        select.focus()
        await pilot.press("enter")  # opens the list
        await pilot.pause()
        assert select.expanded, "the Select did not open"
        assert textual_compat.close_open_choice_list(app.focused) is True, "the open list is no SelectOverlay"
        await pilot.pause()
        assert not select.expanded
        assert textual_compat.close_open_choice_list(app.focused) is False


async def test_the_first_mode_starts_as_the_default_screen_does():
    """Internal: App._screen_stacks, App._register, Screen._screen_resized."""

    class Modal(App[None]):
        MODES = {"only": lambda: Screen()}
        DEFAULT_MODE = "only"

        def _init_mode(self, mode: str):
            if not textual_compat.mode_started(self, mode):
                return textual_compat.start_like_the_default_screen(self, mode, Screen(id="first"))
            return super()._init_mode(mode)

    app = Modal()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.id == "first" and app.screen.is_mounted
        assert textual_compat.mode_started(app, "only")


def test_frames_are_still_written_from_a_thread_of_their_own():
    # frames_written_promptly pays only while Textual's driver hands each frame to a writer
    # thread; without one, Python's switch interval would no longer delay a frame.
    from textual.drivers._writer_thread import WriterThread
    from textual.drivers.linux_driver import LinuxDriver

    assert issubclass(WriterThread, threading.Thread)
    assert "_writer_thread.write(" in inspect.getsource(LinuxDriver.write)
