"""Where one exam's practice stands, in words: today's work, readiness, the plan to exam day,
mock scores over time, and the last-attempt advice. All computed by `Practice`; shown here."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...practice import Practice

BARS = "▁▂▃▄▅▆▇█"


def score_chart(scores: list[float], width: int = 12) -> str:
    """`▃▅▇ 62% → 70% → 78%`: a bar per mock (0 to 100%), and the last three in figures."""
    if not scores:
        return ""
    shown = scores[-width:]
    bars = "".join(BARS[min(len(BARS) - 1, int(score / 100 * len(BARS)))] for score in shown)
    return f"{bars}  " + " → ".join(f"{score:.0f}%" for score in shown[-3:])


def summary_text(practice: Practice, keys: dict[str, str]) -> Text:
    rules = practice.session.rules.get(practice.exam)
    name = rules.name if rules else practice.exam
    text = Text(f"Practice for {name}", style="bold")
    text.append(f"  ({len(practice.index)} questions and cards)\n")
    if not practice.index:
        text.append(f"No questions yet: {keys['review']} to review offers the starter bank.")
        return text
    text.append("Today: ", style="bold")
    text.append(practice.todays_work() + "\n")
    readiness = practice.readiness()
    text.append("Readiness: ", style="bold")
    text.append(readiness.sentence + "\n")
    plan = practice.plan()
    if plan is not None:
        text.append("Plan: ", style="bold")
        text.append(plan.sentence + "\n")
    chart = score_chart([point.score for point in practice.mock_scores()])
    text.append("Mock exams: ", style="bold")
    text.append((chart or "none yet") + f" (pass mark {practice.pass_mark:.0f}%)\n")
    advice = practice.booking_advice()
    if advice is not None and advice.applies:
        text.append("Last attempt: ", style="bold reverse")
        text.append(" " + advice.sentence + "\n")
    text.append(f"{keys['review']} review · {keys['mock']} mock exam · {keys['drill']} drill", style="italic")
    return text


class PracticeSummary(Static):
    def show(self, practice: Practice, keys: dict[str, str]) -> None:
        self.update(summary_text(practice, keys))
