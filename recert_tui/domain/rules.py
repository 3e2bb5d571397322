"""The rule catalog's shape: every value with its source and confidence, and its validation.

Pure: this module turns an already-parsed TOML dict into frozen rule objects, or raises a
`RuleFileError` that names the file and the key. Reading files is `recert_tui.catalog`'s job.

A rule value in a file is a table:

    [ce.total_points]
    value = 60
    confidence = "official"          # official | semi-official | unconfirmed
    source = "policies"              # a key of [sources], which holds the URL and check date
    note = "optional plain words"
"""

from collections.abc import Callable
from datetime import date
from typing import Any, Generic, Literal, NamedTuple, TypeVar, overload

from .dates import Duration
from .limits import MAX_CYCLE_MONTHS
from .models import AREAS
from .outline import ExamOutline, build_outline

T = TypeVar("T")

CONFIDENCES = ("official", "semi-official", "unconfirmed")
ANCHORS = ("end-of-month", "date")
WINDOWS = ("cycle", "calendar-year-before")
AFTER_LAST_FAILURE = ("reenrollment", "wait", "unknown")
LAPSE_ROUTES = ("late-exam", "start-over", "reinstatement")
LAPSE_ROUTE_FROM = ("exam-deadline", "ce-route-close")


class RuleFileError(ValueError):
    """A rule file that cannot be used; the message names the file and the key."""


class Source(NamedTuple):
    url: str
    checked: date | None
    note: str = ""


class Sourced(NamedTuple, Generic[T]):
    """A rule value with where it came from and how sure we are of it."""

    value: T
    confidence: str
    source: Source
    note: str = ""
    overridden_by: str = ""  # the user's rule file that changed this value, if any

    @property
    def unconfirmed(self) -> bool:
        return self.confidence == "unconfirmed" and not self.overridden_by

    @property
    def provenance(self) -> str:
        """One short phrase: `official`, `unconfirmed`, or `your override (file)`."""
        if self.overridden_by:
            return f"your override ({self.overridden_by})"
        return self.confidence


class CprRule(NamedTuple):
    points_per_card: Sourced[float]
    area: Sourced[str]
    max_cards: Sourced[int]
    approved: Sourced[bool]


class CollegeRule(NamedTuple):
    points_per_credit: Sourced[float]
    approved: Sourced[bool]


class CeRule(NamedTuple):
    total_points: Sourced[float]
    grace: Sourced[Duration]
    window: Sourced[str]
    area_minimums: Sourced[dict[str, float]] | None = None
    approved_minimum: Sourced[float] | None = None
    non_approved_maximum: Sourced[float] | None = None
    cpr: CprRule | None = None
    cpr_refused: Sourced[str] | None = None  # why CPR cards are not accepted, where they are not
    # Title words that mark a renewal card whatever kind it was entered as (NCCT: CPR, BLS, ...).
    refused_title_words: Sourced[tuple[str, ...]] | None = None
    college: CollegeRule | None = None
    categories: Sourced[dict[str, str]] | None = None  # key -> label; each activity in one
    category_ends: Sourced[dict[str, date]] | None = None  # key -> last day of work that counts
    recurring_once_in: Sourced[Duration] | None = None  # a recurring training counts once in this span

    def minimum_for(self, area: str) -> float:
        return (self.area_minimums.value if self.area_minimums else {}).get(area, 0.0)

    def category_label(self, key: str) -> str:
        return (self.categories.value if self.categories else {}).get(key, key)


class ExamRouteRule(NamedTuple):
    available: Sourced[bool]
    pass_before_expiry: Sourced[Duration] | None = None
    apply_before_expiry: Sourced[Duration] | None = None


class LapseRouteRule(NamedTuple):
    """What is left once recertifying on time is no longer possible."""

    route: Sourced[str]  # late-exam: pass the exam to restore; start-over: certify anew by exam; reinstatement: apply
    opens: Sourced[str]  # exam-deadline: after the on-time exam deadline; ce-route-close: after the CE route closes


FEE_WHEN = ("ce-route", "exam-route", "lapsed", "yearly")


class Fee(NamedTuple):
    key: str
    label: str
    when: str  # ce-route | exam-route | lapsed (reactivation) | yearly
    amount: Sourced[float | None]  # None: the amount is unknown and not invented

    @property
    def amount_text(self) -> str:
        if self.amount.value is None:
            return "unknown"
        return f"${self.amount.value:,.0f}"


class ExamPolicy(NamedTuple):
    """How many times an exam may be taken, and what happens in between."""

    code: str
    name: str
    max_attempts: Sourced[int]
    waits: Sourced[tuple[Duration, ...]]  # wait after the 1st, 2nd, ... failure
    after_last_failure: Sourced[str]
    window: Sourced[Duration] | None = None  # all attempts within this span of the first
    wait_after_last: Sourced[Duration] | None = None
    # The credential's content outline (the same object as CredentialRules.outline): its
    # `.value` is category -> weight in percent, its `.unconfirmed` says if any weight is.
    outline: ExamOutline | None = None
    format: Sourced[str] | None = None
    passing_score: Sourced[str] | None = None

    def wait_after_failure(self, failure_number: int) -> Duration:
        """The wait after the n-th failure (1-based); the last listed wait repeats."""
        waits = self.waits.value
        if not waits:
            return Duration()
        return waits[min(failure_number, len(waits)) - 1]


class CredentialRules(NamedTuple):
    code: str
    name: str
    title: str
    body: str
    approved_label: str
    cycle_months: Sourced[int]
    cycle_anchor: Sourced[str]
    ce: CeRule
    exam_route: ExamRouteRule
    fees: tuple[Fee, ...] = ()
    exam: ExamPolicy | None = None
    file: str = ""
    after_lapse: LapseRouteRule | None = None
    outline: ExamOutline | None = None  # the exam's content outline ([outline]), where one is written

    @property
    def areas(self) -> tuple[str, ...]:
        return AREAS

    def fee(self, key: str) -> Fee | None:
        return next((fee for fee in self.fees if fee.key == key), None)

    def sourced_values(self) -> list[tuple[str, Sourced[Any]]]:
        """Every rule value with its dotted key, for `recert rules` and the help screen."""
        found: list[tuple[str, Sourced[Any]]] = []

        def walk(prefix: str, node: Any) -> None:
            prefix = _TOML_KEYS.get(prefix, prefix)
            if prefix in ("outline", "exam.outline"):
                return  # listed below, once, by the keys its rule file uses
            if isinstance(node, Sourced):
                found.append((prefix, node))
            elif hasattr(node, "_fields"):  # a nested rule record (a named tuple)
                for name in node._fields:
                    walk(f"{prefix}.{name}" if prefix else name, getattr(node, name))
            elif isinstance(node, tuple):
                for item in node:
                    if isinstance(item, Fee):
                        walk(f"fees.{item.key}", item.amount)

        walk("", self)
        if self.outline is not None:
            found += self.outline.sourced_values()
        return found


# Field names that differ from the dotted key a rule file (and a user override) uses.
_TOML_KEYS = {
    "cycle_months": "cycle.months",
    "cycle_anchor": "cycle.anchor",
    "ce.cpr_refused": "ce.cpr.refused",
    "ce.refused_title_words": "ce.cpr.refused_title_words",
}


# --- parsing -------------------------------------------------------------------------------

_VALUE_KEYS = {"value", "confidence", "source", "note"}


class _Reader:
    """Walks one rule file, remembering which keys were used so unknown ones can be named."""

    def __init__(self, file: str, raw: dict[str, Any], overrides: dict[str, str]):
        self.file = file
        self.raw = raw
        self.overrides = overrides  # dotted key -> user file that overrode it
        self.sources = self._read_sources(raw.get("sources", {}))

    def fail(self, key: str, problem: str) -> RuleFileError:
        return RuleFileError(f"{self.file}: key '{key}': {problem}")

    def _read_sources(self, raw: Any) -> dict[str, Source]:
        if not isinstance(raw, dict):
            raise self.fail("sources", "must be a table of named sources")
        sources = {}
        for name, entry in raw.items():
            if not isinstance(entry, dict) or "url" not in entry:
                raise self.fail(f"sources.{name}", "must be a table with a 'url'")
            unknown = set(entry) - {"url", "checked", "note"}
            if unknown:
                raise self.fail(f"sources.{name}.{sorted(unknown)[0]}", "unknown key")
            checked = entry.get("checked")
            if checked is not None and not isinstance(checked, date):
                raise self.fail(f"sources.{name}.checked", "must be a date like 2026-11-23")
            sources[name] = Source(str(entry["url"]), checked, str(entry.get("note", "")))
        return sources

    def table(self, key: str, allowed: set[str], *, required: bool = True) -> dict[str, Any] | None:
        node: Any = self.raw
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            if required:
                raise self.fail(key, "is missing")
            return None
        if not isinstance(node, dict):
            raise self.fail(key, "must be a table")
        for name in node:
            if name not in allowed:
                raise self.fail(f"{key}.{name}", "unknown key")
        return node

    # A required value is never None (a missing one raises), so callers need no check for it.
    @overload
    def value(
        self,
        table: dict[str, Any] | None,
        key: str,
        convert: Callable[[Any], T],
        *,
        required: Literal[True] = True,
        extra_keys: frozenset[str] = frozenset(),
    ) -> Sourced[T]: ...

    @overload
    def value(
        self,
        table: dict[str, Any] | None,
        key: str,
        convert: Callable[[Any], T],
        *,
        required: bool,
        extra_keys: frozenset[str] = frozenset(),
    ) -> Sourced[T] | None: ...

    def value(
        self,
        table: dict[str, Any] | None,
        key: str,
        convert: Callable[[Any], T],
        *,
        required: bool = True,
        extra_keys: frozenset[str] = frozenset(),
    ) -> Sourced[T] | None:
        name = key.rsplit(".", 1)[-1]
        entry = table.get(name) if table else None
        if entry is None:
            if required:
                raise self.fail(key, "is missing")
            return None
        if not isinstance(entry, dict) or "value" not in entry:
            raise self.fail(key, "must be a table with 'value', 'confidence' and 'source'")
        unknown = set(entry) - _VALUE_KEYS - extra_keys
        if unknown:
            raise self.fail(f"{key}.{sorted(unknown)[0]}", "unknown key")
        confidence = entry.get("confidence")
        if confidence not in CONFIDENCES:
            raise self.fail(f"{key}.confidence", f"must be one of {', '.join(CONFIDENCES)}")
        source_name = entry.get("source")
        if source_name not in self.sources:
            raise self.fail(f"{key}.source", f"{source_name!r} is not listed under [sources]")
        try:
            converted = convert(entry["value"])
        except (TypeError, ValueError) as error:
            raise self.fail(f"{key}.value", str(error)) from None
        return Sourced(
            converted,
            confidence,
            self.sources[source_name],
            str(entry.get("note", "")),
            self.overrides.get(key, ""),
        )


def _number(raw: Any) -> float:
    # TOML has nan and inf; neither is a number of points, and nan would pass `< 0`.
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw < 0 or raw != raw or raw == float("inf"):
        raise ValueError(f"{raw!r} is not a number of zero or more")
    return float(raw)


def _count(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise ValueError(f"{raw!r} is not a whole number of zero or more")
    return raw


def _positive_count(raw: Any) -> int:
    if _count(raw) == 0:
        raise ValueError("must be at least 1")
    return raw


def _cycle_months(raw: Any) -> int:
    """A cycle of 1 to MAX_CYCLE_MONTHS months: longer would take its dates past year 9999."""
    if _positive_count(raw) > MAX_CYCLE_MONTHS:
        raise ValueError(f"{raw} is more than {MAX_CYCLE_MONTHS} months ({MAX_CYCLE_MONTHS // 12} years)")
    return raw


def _flag(raw: Any) -> bool:
    if not isinstance(raw, bool):
        raise ValueError(f"{raw!r} is not true or false")
    return raw


def _text(raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValueError(f"{raw!r} is not text")
    return raw


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def convert(raw: Any) -> str:
        if raw not in choices:
            raise ValueError(f"{raw!r} is not one of {', '.join(choices)}")
        return raw

    return convert


def _duration(raw: Any) -> Duration:
    return Duration.parse(_text(raw))


def _durations(raw: Any) -> tuple[Duration, ...]:
    if not isinstance(raw, list):
        raise ValueError("must be a list of durations like ['30 days', '60 days']")
    return tuple(_duration(item) for item in raw)


def _area(raw: Any) -> str:
    return _one_of(AREAS)(raw)


def _area_points(raw: Any) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise ValueError("must be a table of area = points")
    return {_area(area): _number(points) for area, points in raw.items()}


def _labels(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw:
        raise ValueError("must be a table of key = label")
    return {str(key): _text(label) for key, label in raw.items()}


def _end_dates(raw: Any) -> dict[str, date]:
    if not isinstance(raw, dict):
        raise ValueError("must be a table of category = date")
    ends = {}
    for key, day in raw.items():
        if type(day) is not date:
            raise ValueError(f"{key} = {day!r} is not a date like 2020-12-31")
        ends[str(key)] = day
    return ends


def _words(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(word, str) and word.strip() for word in raw):
        raise ValueError("must be a list of words, like ['CPR', 'BLS']")
    return tuple(word.strip() for word in raw)


def _fee_amount(raw: Any) -> float | None:
    if raw == "unknown":
        return None
    return _number(raw)


_TOP_KEYS = {
    "code",
    "name",
    "title",
    "body",
    "approved_label",
    "sources",
    "cycle",
    "ce",
    "exam_route",
    "fees",
    "exam",
    "after_lapse",
    "outline",
}


def build_rules(file: str, raw: dict[str, Any], overrides: dict[str, str] | None = None) -> CredentialRules:
    """Validate one parsed rule file and build its rules. Raises RuleFileError naming file and key."""
    for name in raw:
        if name not in _TOP_KEYS:
            raise RuleFileError(f"{file}: key '{name}': unknown key")
    reader = _Reader(file, raw, overrides or {})
    for name in ("code", "name", "body"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            raise reader.fail(name, "is missing or not text")

    cycle = reader.table("cycle", {"months", "anchor"})
    ce = reader.table(
        "ce",
        {
            "total_points",
            "grace",
            "window",
            "area_minimums",
            "approved_minimum",
            "non_approved_maximum",
            "cpr",
            "college",
            "categories",
            "category_ends",
            "recurring_once_in",
        },
    )
    cpr_table = reader.table(
        "ce.cpr", {"points_per_card", "area", "max_cards", "approved", "refused", "refused_title_words"}, required=False
    )
    cpr = cpr_refused = refused_words = None
    if cpr_table is not None and "refused" in cpr_table:
        cpr_refused = reader.value(cpr_table, "ce.cpr.refused", _text)
        refused_words = reader.value(cpr_table, "ce.cpr.refused_title_words", _words, required=False)
    elif cpr_table is not None:
        cpr = CprRule(
            points_per_card=reader.value(cpr_table, "ce.cpr.points_per_card", _number),
            area=reader.value(cpr_table, "ce.cpr.area", _area),
            max_cards=reader.value(cpr_table, "ce.cpr.max_cards", _count),
            approved=reader.value(cpr_table, "ce.cpr.approved", _flag),
        )
    college_table = reader.table("ce.college", {"points_per_credit", "approved"}, required=False)
    college = None
    if college_table is not None:
        college = CollegeRule(
            points_per_credit=reader.value(college_table, "ce.college.points_per_credit", _number),
            approved=reader.value(college_table, "ce.college.approved", _flag),
        )
    ce_rule = CeRule(
        total_points=reader.value(ce, "ce.total_points", _number),
        grace=reader.value(ce, "ce.grace", _duration),
        window=reader.value(ce, "ce.window", _one_of(WINDOWS)),
        area_minimums=reader.value(ce, "ce.area_minimums", _area_points, required=False),
        approved_minimum=reader.value(ce, "ce.approved_minimum", _number, required=False),
        non_approved_maximum=reader.value(ce, "ce.non_approved_maximum", _number, required=False),
        cpr=cpr,
        cpr_refused=cpr_refused,
        refused_title_words=refused_words,
        college=college,
        categories=reader.value(ce, "ce.categories", _labels, required=False),
        category_ends=reader.value(ce, "ce.category_ends", _end_dates, required=False),
        recurring_once_in=reader.value(ce, "ce.recurring_once_in", _duration, required=False),
    )
    if ce_rule.category_ends and ce_rule.categories:
        unknown = set(ce_rule.category_ends.value) - set(ce_rule.categories.value)
        if unknown:
            raise reader.fail("ce.category_ends.value", f"{sorted(unknown)[0]!r} is not one of ce.categories")

    lapse_table = reader.table("after_lapse", {"route", "opens"}, required=False)
    after_lapse = None
    if lapse_table is not None:
        after_lapse = LapseRouteRule(
            route=reader.value(lapse_table, "after_lapse.route", _one_of(LAPSE_ROUTES)),
            opens=reader.value(lapse_table, "after_lapse.opens", _one_of(LAPSE_ROUTE_FROM)),
        )

    route = reader.table("exam_route", {"available", "pass_before_expiry", "apply_before_expiry"})
    exam_route = ExamRouteRule(
        available=reader.value(route, "exam_route.available", _flag),
        pass_before_expiry=reader.value(route, "exam_route.pass_before_expiry", _duration, required=False),
        apply_before_expiry=reader.value(route, "exam_route.apply_before_expiry", _duration, required=False),
    )

    fees_table = raw.get("fees", {})
    if not isinstance(fees_table, dict):
        raise reader.fail("fees", "must be a table")
    fees = []
    for key, entry in fees_table.items():
        if not isinstance(entry, dict) or "label" not in entry or "when" not in entry:
            raise reader.fail(f"fees.{key}", "must be a table with 'label', 'when', 'value', 'confidence' and 'source'")
        if entry["when"] not in FEE_WHEN:
            raise reader.fail(f"fees.{key}.when", f"must be one of {', '.join(FEE_WHEN)}")
        amount = reader.value(fees_table, f"fees.{key}", _fee_amount, extra_keys=frozenset({"label", "when"}))
        fees.append(Fee(key, str(entry["label"]), entry["when"], amount))

    outline = build_outline(reader, raw["code"])
    exam = None
    if isinstance(raw.get("exam"), dict) and "outline" in raw["exam"]:
        raise reader.fail(
            "exam.outline", "the outline moved to [outline.categories.<name>] (see the shipped rule file)"
        )
    exam_table = reader.table(
        "exam",
        {"name", "max_attempts", "waits", "after_last_failure", "window", "wait_after_last", "format", "passing_score"},
        required=False,
    )
    if exam_table is not None:
        if not isinstance(exam_table.get("name"), str):
            raise reader.fail("exam.name", "is missing or not text")
        exam = ExamPolicy(
            code=raw["code"],
            name=exam_table["name"],
            max_attempts=reader.value(exam_table, "exam.max_attempts", _positive_count),
            waits=reader.value(exam_table, "exam.waits", _durations),
            after_last_failure=reader.value(exam_table, "exam.after_last_failure", _one_of(AFTER_LAST_FAILURE)),
            window=reader.value(exam_table, "exam.window", _duration, required=False),
            wait_after_last=reader.value(exam_table, "exam.wait_after_last", _duration, required=False),
            outline=outline,
            format=reader.value(exam_table, "exam.format", _text, required=False),
            passing_score=reader.value(exam_table, "exam.passing_score", _text, required=False),
        )
        if exam.after_last_failure.value == "wait" and exam.wait_after_last is None:
            raise reader.fail("exam.wait_after_last", "is needed when after_last_failure is 'wait'")

    return CredentialRules(
        code=raw["code"],
        name=raw["name"],
        title=str(raw.get("title", raw["name"])),
        body=raw["body"],
        approved_label=str(raw.get("approved_label", "approved")),
        cycle_months=reader.value(cycle, "cycle.months", _cycle_months),
        cycle_anchor=reader.value(cycle, "cycle.anchor", _one_of(ANCHORS)),
        ce=ce_rule,
        exam_route=exam_route,
        fees=tuple(fees),
        exam=exam,
        file=file,
        after_lapse=after_lapse,
        outline=outline,
    )


def merge_override(
    base: dict[str, Any], override: dict[str, Any], prefix: str = ""
) -> tuple[dict[str, Any], dict[str, str]]:
    """Lay a user's partial rule file over a shipped one.

    Returns the merged dict and the dotted keys of every rule value the user replaced, so
    each overridden value can say so. A rule value (a table with `value`) is replaced whole
    at the level the user wrote: writing only `value` keeps the shipped source.
    """
    merged = dict(base)
    touched: dict[str, str] = {}
    for key, new in override.items():
        dotted = f"{prefix}{key}"
        old = merged.get(key)
        if isinstance(new, dict) and isinstance(old, dict):
            if "value" in old or "value" in new:
                merged[key] = {**old, **new}
                touched[dotted] = ""
            else:
                merged[key], inner = merge_override(old, new, f"{dotted}.")
                touched.update(inner)
        else:
            merged[key] = new
            if isinstance(new, dict) and "value" in new:
                touched[dotted] = ""
    return merged, touched
