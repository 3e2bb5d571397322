"""Every use of Textual's internals, in one module.

Each function names the internal it relies on; Textual's public API has no way to do the
same. They were checked with Textual 8.2.8 (pyproject.toml allows 8.2.x only), and
tests/tui/test_textual_compat.py has a test per function that fails loudly, naming the
internal, if an upgrade moves or renames it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets._select import SelectOverlay

CHECKED_WITH = "8.2.8"
FRAME_HANDOFF_SECONDS = 0.001  # Python's thread switch interval while the app runs (default 0.005)


def refresh_callbacks_pending(screen: Screen) -> bool:
    """Whether `screen` has callbacks waiting for its next refresh (`call_after_refresh`).

    Internal: `Screen._callbacks`. The typing-ahead hold (tui/app.py) waits for them: a
    screen a key opened is not ready for the keys typed after it until they have run.
    """
    return bool(screen._callbacks)


def style_like_the_app(screen: Screen, app: App) -> None:
    """Mark `screen` as styled with the app's current style sheets.

    Internal: `DOMNode._css_update_count`, compared with the app's on every screen switch.
    Without this, Textual re-parses every style sheet and restyles the screen being left
    the first time a mode's screen is shown.
    """
    screen._css_update_count = app._css_update_count


def follow_theme_in_ansi_colours(app: App) -> None:
    """Apply the theme to the ANSI-to-truecolor filter, as App._watch_theme does.

    Internal: `App._refresh_truecolor_filter`. Used where the saved theme is set before the
    app runs, without the theme watcher (tui/app.py `_restore_saved_theme`).
    """
    app._refresh_truecolor_filter(app.ansi_theme)


def own_bindings_for_key(widget: Widget, key: str) -> Iterable[Binding]:
    """The bindings `widget` itself declares for `key`, after the keymap.

    Internal: `Widget._bindings` (a BindingsMap). OrderedInput runs them as the key is read.
    """
    return widget._bindings.key_to_bindings.get(key, ())


def close_open_choice_list(focused: Widget | None) -> bool:
    """Close a Select's open list if it has focus (as its Escape does); False if none is open.

    Internal: `textual.widgets._select.SelectOverlay` and its `action_dismiss`. A form's
    ctrl+g closes an open list first, then the form.
    """
    if isinstance(focused, SelectOverlay):
        focused.action_dismiss()
        return True
    return False


def mode_started(app: App, mode: str) -> bool:
    """Whether `mode` has a screen stack yet. Internal: `App._screen_stacks`."""
    return bool(app._screen_stacks.get(mode))


def start_like_the_default_screen(app: App, mode: str, screen: Screen) -> AwaitMount:
    """Start the first mode's screen as Textual starts its own default screen.

    Internal: `App._screen_stacks`, `App._register`, `Screen._screen_resized`, the steps of
    App._init_mode's default-screen branch. For a mode's screen Textual waits for it to
    mount while it holds drawing back at start-up, so the first screen was laid out twice
    and drawn once in vain before its first frame; the default screen is not waited for.
    """
    app._register(app, screen)
    screen.post_message(events.ScreenResume())
    screen._screen_resized(app.size)
    app._screen_stacks[mode] = [screen]
    return AwaitMount(screen, [])


@contextmanager
def frames_written_promptly() -> Iterator[None]:
    """While the app runs, let Textual's writer thread take its turn within FRAME_HANDOFF_SECONDS.

    Relies on: Textual's driver writing each frame from a thread of its own (`WriterThread`,
    textual/drivers/_writer_thread.py). With Python's default switch interval (5 ms) a frame
    waits there behind whatever the app does next, such as removing a closed form's widgets:
    the keystroke figure of tests/perf/bench.py (docs/speed.md). Restored on the way out.
    """
    before = sys.getswitchinterval()
    sys.setswitchinterval(FRAME_HANDOFF_SECONDS)
    try:
        yield
    finally:
        sys.setswitchinterval(before)
