"""Review: spaced repetition. Space shows the answer, 1 to 4 rate it, u undoes the last rating."""

from __future__ import annotations

from rich.text import Text

from ...practice import Card, Practice
from ..actions import bindings
from ..text import plural
from ..widgets.question_view import card_back, card_front
from .practice_screen import PracticeScreen

DONE = (
    "Nothing more to review now: {reviewed} this session.\n\n"
    "New cards are limited to 20 a day so that reviews stay manageable; due cards come back "
    "on the day FSRS schedules them, and always before your exam day."
)


class ReviewScreen(PracticeScreen):
    BINDINGS = bindings("review")

    def __init__(self, practice: Practice) -> None:
        super().__init__(practice)
        self.card: Card | None = None
        self.answer_shown = False
        self.reviewed = 0

    def on_mount(self) -> None:
        super().on_mount()
        self.next_card()

    def next_card(self) -> None:
        self.card = self.practice.next_card()
        self.answer_shown = False
        if self.card is None:
            self.show(
                f"Review · {self.exam_name}",
                Text(DONE.format(reviewed=plural(self.reviewed, "card"))),
                f"Press {self.recert.keys('practice.close')} to go back to Study.",
            )
            return
        self.show(
            self._top(),
            card_front(self.card.item),
            f"Think of the answer, then press {self.recert.keys('review.show')} to see it.",
        )

    def _top(self) -> str:
        card = self.card
        assert card is not None
        label = self.practice.label(card.entry.category)
        new = "new" if card.entry.state is None else "review"
        return f"Review · {self.exam_name} · {label} · {new} · {card.due} due · {card.new} new today"

    def action_show(self) -> None:
        if self.card is None or self.answer_shown:
            return
        self.answer_shown = True
        keys = self.recert.keys
        self.show(
            self._top(),
            card_back(self.card.item),
            f"How well did you know it? {keys('review.again')} Again · {keys('review.hard')} Hard · "
            f"{keys('review.good')} Good · {keys('review.easy')} Easy",
        )

    def action_rate(self, rating: int) -> None:
        if self.card is None:
            return
        if not self.answer_shown:
            self.notify(f"See the answer first ({self.recert.keys('review.show')}), then rate it.", markup=False)
            return
        card = self.card
        if self.saved(lambda: self.practice.rate(card, rating)) is None:
            return  # not saved: the card stays, answer shown, to rate again
        self.reviewed += 1
        self.next_card()

    def action_undo(self) -> None:
        undone = self.saved(self.practice.undo)
        if undone is False:
            self.notify("There is no rating to take back.", markup=False)
            return
        if undone:
            self.reviewed = max(0, self.reviewed - 1)
            self.next_card()
