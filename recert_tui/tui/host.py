"""What the screens ask of the app, as a protocol: screens depend on this, not on tui/app.py.

The app (RecertApp) implements it; the screens reach it as `self.recert`. So the app imports
the screens and nothing imports the app back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from textual.app import App
from textual.screen import Screen

from ..domain.models import Activity
from ..session import Session

if TYPE_CHECKING:
    from ..practice import Practice  # imported at the first use of a bank (RecertApp.practice_for)
    from ..roster import RosterReading  # only the Roster imports it (its worker processes)


class Host(Protocol):
    session: Session
    data_version: int
    last_deleted: Activity | None
    demo: bool
    roster: RosterReading | None  # `recert --roster`: the people's files being shown
    user_keymap: dict[str, str]  # keymap.toml's keys, by action id

    @property
    def marker(self) -> str: ...

    def keep_mode_screen(self, mode: str, screen: Screen) -> None:
        """A mode's screen is built: the app shows it again, not a new one."""
        ...

    def mode_keys(self) -> dict[str, str]: ...

    def keys(self, action_id: str) -> str: ...

    def key(self, action_id: str) -> str: ...

    def keep_long_lived(self) -> None: ...

    def practice_for(self, exam: str) -> Practice:
        """`exam`'s practice for the data as it is now, shared by the dashboard and Study."""
        ...

    def can_write(self) -> bool: ...

    def data_changed(self) -> None: ...

    def open_activity_form(self, activity_id: int | None, on_saved: Callable[[int], None]) -> None: ...

    def open_study_form(self, kind: str, exam: str | None, on_saved: Callable[[str], None]) -> None: ...

    def open_exam_form(self, kind: str, exam: str | None) -> None: ...

    def correct_exam_attempt(self, exam: str | None) -> None: ...

    def delete_activity(self, activity_id: int) -> None: ...

    def undo_delete(self, on_restored: Callable[[int], None]) -> None: ...


def host(app: App[Any]) -> Host:
    """The running app, as the screens see it."""
    return app  # type: ignore[return-value]  # RecertApp implements Host; a test app may not
