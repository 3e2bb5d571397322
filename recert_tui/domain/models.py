"""Records the user keeps: held credentials, CE activities, exam attempts, re-enrollments.

Immutable named tuples with no I/O (not dataclasses: a heavy user's file builds 10,000
activities at every start, and tuples are built about three times faster, take half the
memory, and cost a tenth as much to define at import). The store turns them into JSON documents and back;
the engine reads them. Dates are always `datetime.date`, never strings or datetimes, so
nothing here can shift with the machine's time zone.
"""

from datetime import date
from typing import Literal, NamedTuple

AREAS: tuple[str, ...] = ("administrative", "clinical", "general")
"""Content areas, in the order every screen and export lists them."""

ActivityKind = Literal["ceu", "cpr", "college", "other"]
ACTIVITY_KINDS: tuple[str, ...] = ("ceu", "cpr", "college", "other")
KIND_LABELS: dict[str, str] = {
    "ceu": "CE course or event",
    "cpr": "CPR card",
    "college": "College course",
    "other": "Other",
}
"""Each kind in words, as the activity form offers it and the worksheet lists it."""

ExamResult = Literal["pass", "fail", "scheduled"]
EXAM_RESULTS: tuple[str, ...] = ("pass", "fail", "scheduled")


class HeldCredential(NamedTuple):
    """A credential the user holds: which one, when earned, and each recertification since."""

    code: str
    earned_on: date
    number: str = ""
    recertified_on: tuple[date, ...] = ()
    # The route used for each recertification, by its date: "ce", "exam", "late-exam" or
    # "reinstatement". A date missing here was recorded before routes were kept.
    routes_used: dict[date, str] = {}

    @property
    def cycle_anchors(self) -> tuple[date, ...]:
        """Every date a cycle started from, oldest first."""
        return (self.earned_on, *sorted(self.recertified_on))


class Activity(NamedTuple):
    """One continuing-education activity, with its points split by content area.

    `points` maps an area to the points earned in it; a multi-area course is split by the
    time spent on each area. `id` stays before the two newest fields so that records built
    by position keep working. `approved` means approved by the credential's own body (AAMA
    CEUs for the CMA). `id` is None until the store has saved it.
    """

    credential: str
    title: str
    completed_on: date
    points: dict[str, float]
    approved: bool = True
    kind: str = "ceu"
    college_credits: float | None = None
    provider: str = ""
    certificate: str = ""
    notes: str = ""
    id: int | None = None
    # The credential's own category for it, where its rules list some (AMT's CCP categories);
    # "" where they do not. Whether it is a training repeated every year or so (NCCT counts
    # a recurring employer training once in five years).
    category: str = ""
    recurring: bool = False

    @property
    def total_points(self) -> float:
        return sum(self.points.values())


class ExamAttempt(NamedTuple):
    """One sitting of an exam program: taken (pass or fail) or scheduled."""

    exam: str
    on: date
    result: str
    score: float | None = None
    id: int | None = None


class Reenrollment(NamedTuple):
    """Completing an accredited program again, which starts a fresh attempt count."""

    exam: str
    on: date
    id: int | None = None


class StudySession(NamedTuple):
    """Time spent preparing for an exam, on one outline category (or "overall")."""

    exam: str
    on: date
    minutes: int
    category: str = "overall"
    note: str = ""
    id: int | None = None


class PracticeTest(NamedTuple):
    """A practice-test result in percent, overall or for one outline category."""

    exam: str
    on: date
    score: float
    category: str = "overall"
    id: int | None = None


class Profile(NamedTuple):
    """Everything the engine needs from the store, in one value."""

    credentials: tuple[HeldCredential, ...] = ()
    activities: tuple[Activity, ...] = ()
    exam_attempts: tuple[ExamAttempt, ...] = ()
    reenrollments: tuple[Reenrollment, ...] = ()
    study_sessions: tuple[StudySession, ...] = ()
    practice_tests: tuple[PracticeTest, ...] = ()
    settings: dict[str, object] | None = None  # None: no settings stored
