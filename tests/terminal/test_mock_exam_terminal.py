"""A whole mock exam by keyboard alone, in a real terminal (tmux at 80x24), typed as a burst."""

from __future__ import annotations

from recert_tui.session import Session
from tests.helpers.rules import RECERT, TODAY, TODAY_TEXT, shipped_catalog
from tests.helpers.terminals import TmuxTerminal, needs_tmux

from .conftest import recert_env


@needs_tmux
def test_a_whole_mock_exam_by_keyboard_in_a_real_terminal(tmp_path):
    db = tmp_path / "recert.json"
    with Session.open(db, TODAY, catalog=shipped_catalog()) as session:
        session.add_credential("cma-aama", "2022-03-15", "CMA-1")
    terminal = TmuxTerminal([str(RECERT), "--db", str(db), "--today", TODAY_TEXT], recert_env(tmp_path))
    try:
        terminal.wait("palette")
        terminal.keys("4", "m")
        terminal.wait("Add the starter bank")
        terminal.keys("y")
        terminal.wait("1 of 50")
        for _ in range(50):  # every answer b, then on to the next question
            terminal.keys("b", "Right")
        terminal.wait("50 answered")
        terminal.keys("C-s")
        terminal.wait("Hand in the mock exam now?")
        terminal.keys("y")
        screen = terminal.wait("handed in")
        assert "of 50 right" in screen and "the pass mark of 70%" in screen
        terminal.keys("C-g")
        terminal.wait("Mock exams: ")
    finally:
        terminal.close()
    with Session.open(db, TODAY, write=False, catalog=shipped_catalog()) as session:
        (mock,) = session.mock_exams("cma-aama")
        assert len(mock.answers) == 50 and all(answer.chosen == 1 for answer in mock.answers)
