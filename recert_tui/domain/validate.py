"""Turn what a person typed into records, or say field by field what is accepted.

Both faces call these: the CLI with its options, the TUI with its form fields, so a rule about
input lives in one place. Every message names the field's accepted form; nothing here writes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

from dateutil.relativedelta import relativedelta

from . import bank, limits
from .bank import Flashcard, Question
from .counting import points_text
from .dates import ACCEPTED_DATE_FORMS, parse_date
from .errors import InvalidInput, unknown_credential
from .limits import EARLIEST_DATE, LATEST_DATE
from .models import (
    ACTIVITY_KINDS,
    AREAS,
    EXAM_RESULTS,
    Activity,
    ExamAttempt,
    HeldCredential,
    PracticeTest,
    Reenrollment,
    StudySession,
)
from .outline import OVERALL, ExamOutline, category_form, category_refusal_for
from .rules import CredentialRules

MAX_YEARS_AHEAD = 5  # a scheduled exam further away than this is a typing mistake
# One source with the store's fast path (domain/limits.py), which reads files without this module.
MAX_POINTS_PER_ACTIVITY = limits.FAST_MAX_POINTS  # more than any single course earns (8 college credits)
MAX_COLLEGE_CREDITS = limits.FAST_MAX_CREDITS
MAX_SCORE = limits.FAST_MAX_SCORE
TEXT_LIMITS = {
    "title": limits.FAST_MAX_TITLE,
    "provider": limits.FAST_MAX_FIELD_TEXT,
    "certificate": limits.FAST_MAX_FIELD_TEXT,
    "notes": limits.FAST_MAX_NOTES,
    "number": limits.FAST_MAX_SHORT_TEXT,
    "note": limits.FAST_MAX_NOTES,
}

FIELD_HELP = {
    "credential": "a credential you hold, e.g. cma-aama",
    "title": "text, up to 500 characters",
    "date": f"a date: {ACCEPTED_DATE_FORMS}",
    "points": f"a number above 0, at most {MAX_POINTS_PER_ACTIVITY:g}, e.g. 2 or 1.5",
    "area": "administrative, clinical or general",
    "split": "area=points pairs, e.g. administrative=2,clinical=1",
    "kind": "ceu, cpr, college or other",
    "college_credits": f"credits from 0.5 to {MAX_COLLEGE_CREDITS:g}, e.g. 3",
    "approved": "yes or no",
    "category": "the credential's own category, where it lists some, e.g. professional-education",
    "recurring": "yes or no: a training repeated every year or so",
    "score": f"a number from 0 to {MAX_SCORE:g}",
    "result": "pass, fail or scheduled",
    "minutes": "whole minutes from 1 to 1440, e.g. 45",
    "percent": "a score in percent from 0 to 100, e.g. 72",
    "route": "ce, exam, late-exam, start-over or reinstatement",
}

RECERTIFICATION_ROUTES: tuple[str, ...] = limits.FAST_ROUTES


def _blank(text: object) -> bool:
    return text is None or not str(text).strip()


def check_text(field: str, text: str | None, errors: dict[str, str], *, required: bool = False) -> str:
    value = "" if text is None else str(text)
    if any("\ud800" <= char <= "\udfff" for char in value):
        # Bytes a terminal sent in another encoding: they cannot be stored as text.
        errors[field] = "has characters that are not valid text (is the terminal set to UTF-8?); retype it"
    elif required and not value.strip():
        errors[field] = f"is empty; enter {FIELD_HELP.get(field, 'some text')}"
    elif len(value) > TEXT_LIMITS[field]:
        errors[field] = f"is {len(value):,} characters long; at most {TEXT_LIMITS[field]:,} are accepted"
    return value.strip() if field != "notes" else value


def check_date(
    field: str, text: str | None, errors: dict[str, str], today: date, *, future_ok: bool = False
) -> date | None:
    if _blank(text):
        errors[field] = f"is empty; enter {FIELD_HELP['date']}"
        return None
    try:
        day = parse_date(str(text))
    except ValueError as error:
        errors[field] = str(error)
        return None
    if day < EARLIEST_DATE:
        errors[field] = f"{day.isoformat()} is before 1950; enter {FIELD_HELP['date']}"
        return None
    if not future_ok and day > today:
        errors[field] = (
            f"{day.isoformat()} is in the future (today is {today.isoformat()}); only completed events can be recorded"
        )
        return None
    latest = min(LATEST_DATE, today + relativedelta(years=MAX_YEARS_AHEAD))
    if day > latest:
        errors[field] = f"{day.isoformat()} is more than {MAX_YEARS_AHEAD} years ahead; enter {FIELD_HELP['date']}"
        return None
    return day


def check_number(
    field: str, text: str | float | None, errors: dict[str, str], *, low: float, high: float, low_open: bool = True
) -> float | None:
    if text is None or (isinstance(text, str) and not text.strip()):
        errors[field] = f"is empty; enter {FIELD_HELP[field]}"
        return None
    try:
        number = float(str(text).strip())
    except ValueError:
        errors[field] = f"{str(text).strip()!r} is not a number; enter {FIELD_HELP[field]}"
        return None
    too_low = number <= low if low_open else number < low
    if not math.isfinite(number) or too_low or number > high:
        errors[field] = f"{str(text).strip()} is out of range; enter {FIELD_HELP[field]}"
        return None
    if round(number, 2) != number:
        errors[field] = f"{str(text).strip()} has more than two decimals; enter {FIELD_HELP[field]}"
        return None
    return number


def parse_split(text: str, errors: dict[str, str], rules: CredentialRules | None) -> dict[str, float]:
    """`administrative=2,clinical=1` -> {"administrative": 2.0, "clinical": 1.0}."""
    points: dict[str, float] = {}
    for part in str(text).split(","):
        if not part.strip():
            continue
        area, sep, amount = part.partition("=")
        area = area.strip().lower()
        if not sep:
            errors["split"] = f"{part.strip()!r} is not area=points; enter {FIELD_HELP['split']}"
            return {}
        if area not in AREAS:
            errors["split"] = _area_message(area, rules)
            return {}
        if area in points:
            errors["split"] = f"{area} is listed twice; enter {FIELD_HELP['split']}"
            return {}
        value = check_number("points", amount, errors, low=0, high=MAX_POINTS_PER_ACTIVITY)
        if value is None:
            errors["split"] = errors.pop("points").replace("enter a number", "each area needs a number")
            return {}
        points[area] = value
    if not points:
        errors["split"] = f"is empty; enter {FIELD_HELP['split']}"
    elif sum(points.values()) > MAX_POINTS_PER_ACTIVITY:
        errors["split"] = (
            f"adds up to {sum(points.values()):g} points; one activity earns at most {MAX_POINTS_PER_ACTIVITY:g}"
        )
    return points


def _area_message(area: str, rules: CredentialRules | None) -> str:
    name = rules.name if rules else "this credential"
    return f"{area!r} is not an area of {name}; use administrative, clinical or general"


def _flag(text: str | bool | None) -> bool | None:
    if isinstance(text, bool) or text is None:
        return text
    cleaned = str(text).strip().lower()
    if cleaned in ("", "default"):
        return None
    if cleaned in ("yes", "y", "true", "approved", "1"):
        return True
    if cleaned in ("no", "n", "false", "not approved", "0"):
        return False
    raise ValueError(cleaned)


def default_points(kind: str, rules: CredentialRules, college_credits: float | None = None) -> tuple[float, str] | None:
    """The points and area the rules give a CPR card or a college course (for the form to fill in)."""
    if kind == "cpr" and rules.ce.cpr is not None:
        return rules.ce.cpr.points_per_card.value, rules.ce.cpr.area.value
    if kind == "college" and rules.ce.college is not None and college_credits:
        return college_credits * rules.ce.college.points_per_credit.value, ""
    return None


def activity_fields(activity: Activity) -> dict[str, str]:
    """An activity as the strings a form shows: the inverse of activity_from_fields."""
    single = len(activity.points) == 1
    area, amount = next(iter(activity.points.items())) if single else ("", 0.0)
    return {
        "credential": activity.credential,
        "title": activity.title,
        "date": activity.completed_on.isoformat(),
        "kind": activity.kind,
        "college_credits": "" if activity.college_credits is None else points_text(activity.college_credits),
        "points": points_text(amount) if single else "",
        "area": area,
        "split": "" if single else ",".join(f"{a}={points_text(p)}" for a, p in activity.points.items()),
        "approved": "yes" if activity.approved else "no",
        "provider": activity.provider,
        "certificate": activity.certificate,
        "notes": activity.notes,
        "category": activity.category,
        "recurring": "yes" if activity.recurring else "",  # empty: not recurring, the answer every credential takes
    }


def activity_from_fields(
    fields: Mapping[str, object],
    *,
    rules_by_code: Mapping[str, CredentialRules],
    held_codes: set[str] | frozenset[str],
    today: date,
    activity_id: int | None = None,
    stored: bool = False,
) -> Activity:
    """Build an Activity from typed fields, or raise InvalidInput naming every bad field.

    Fields: credential, title, date, points, area, split, approved, kind, college_credits,
    provider, certificate, notes, category, recurring. A CPR card gets its points from the
    rules; a college course gets credits x points-per-credit, in the area(s) given.

    `stored`: the fields are a record already kept (a backup being restored), where a
    missing category is allowed: files from before categories have none, and the count
    shows such an activity as not counted until it is edited to choose one.
    """
    errors: dict[str, str] = {}
    code = str(fields.get("credential") or "").strip().lower()
    rules = rules_by_code.get(code)
    if not code:
        errors["credential"] = f"is empty; enter {FIELD_HELP['credential']}"
    elif rules is None:
        errors["credential"] = unknown_credential(code, rules_by_code)
    elif code not in held_codes:
        held = ", ".join(sorted(held_codes)) or "none yet (add one with `recert credential add`)"
        errors["credential"] = f"{code!r} is not a credential you hold; yours: {held}"
    title = check_text("title", fields.get("title"), errors, required=True)  # type: ignore[arg-type]
    completed_on = check_date("date", fields.get("date"), errors, today)  # type: ignore[arg-type]
    kind = str(fields.get("kind") or "ceu").strip().lower()
    if kind not in ACTIVITY_KINDS:
        errors["kind"] = f"{kind!r} is not a kind; enter {FIELD_HELP['kind']}"
        kind = "ceu"
    try:
        approved_choice = _flag(fields.get("approved"))  # type: ignore[arg-type]
    except ValueError:
        errors["approved"] = f"{fields.get('approved')!r} is not accepted; enter {FIELD_HELP['approved']}"
        approved_choice = None

    credits = None
    if kind == "college":
        credits = check_number(
            "college_credits",
            fields.get("college_credits"),  # type: ignore[arg-type]
            errors,
            low=0,
            high=MAX_COLLEGE_CREDITS,
        )
    elif not _blank(fields.get("college_credits")):
        errors["college_credits"] = "only a college course has credits; choose kind college or leave credits empty"

    points = _points(fields, kind, rules, credits, errors)

    approved = True if approved_choice is None else approved_choice
    if rules is not None and kind == "cpr":
        if rules.ce.cpr_refused is not None:
            errors["kind"] = rules.ce.cpr_refused.value
        elif rules.ce.cpr is not None:
            approved = rules.ce.cpr.approved.value
    if rules is not None and kind == "college" and rules.ce.college is not None:
        rule_approved = rules.ce.college.approved.value
        if approved_choice is not None and approved_choice != rule_approved:
            errors["approved"] = (
                f"college credit counts as {'' if rule_approved else 'not '}{rules.approved_label} by the rules; leave approved empty"
            )
        approved = rule_approved
    if kind == "other" and approved_choice is None:
        approved = False

    provider = check_text("provider", fields.get("provider"), errors)  # type: ignore[arg-type]
    certificate = check_text("certificate", fields.get("certificate"), errors)  # type: ignore[arg-type]
    notes = check_text("notes", fields.get("notes"), errors)  # type: ignore[arg-type]
    # Checked last, so a mistake in the fields above stays the first one reported; and only
    # for a credential that was accepted, since its rules decide what these may hold.
    checked_rules = rules if "credential" not in errors else None
    category = _category(fields.get("category"), checked_rules, errors, required=not stored)
    recurring = _recurring(fields.get("recurring"), checked_rules, errors)  # type: ignore[arg-type]
    if errors:
        raise InvalidInput(errors)
    return Activity(
        credential=code,
        title=title,
        completed_on=completed_on,  # type: ignore[arg-type]
        points=points,
        approved=approved,
        kind=kind,
        college_credits=credits,
        provider=provider,
        certificate=certificate,
        notes=notes,
        id=activity_id,
        category=category,
        recurring=recurring,
    )


def _category(text: object, rules: CredentialRules | None, errors: dict[str, str], *, required: bool = True) -> str:
    """The key of the credential's category typed (as its key or its label), "" where it has none."""
    typed = "" if text is None else str(text).strip()
    if rules is None:
        return typed  # the credential itself was refused; its category cannot be judged
    categories = rules.ce.categories.value if rules.ce.categories else {}
    if not categories:
        if typed:
            errors["category"] = f"{rules.name} has no categories; leave it empty"
        return ""
    choices = ", ".join(categories)
    if not typed:
        if required:
            errors["category"] = f"is empty; {rules.name} needs one of its categories: {choices}"
        return ""
    wanted = category_form(typed)
    for key, label in categories.items():
        if wanted in (category_form(key), category_form(label)):
            return key
    errors["category"] = f"{typed!r} is not a category of {rules.name}; use one of {choices}"
    return ""


def _recurring(text: str | bool | None, rules: CredentialRules | None, errors: dict[str, str]) -> bool:
    """Whether a training recurs; only a credential whose rules count those apart asks."""
    try:
        answer = _flag(text)
    except ValueError:
        errors["recurring"] = f"{str(text).strip()!r} is not accepted; enter yes or no"
        return False
    if answer and rules is not None and rules.ce.recurring_once_in is None:
        errors["recurring"] = f"{rules.name} does not ask whether a training is recurring; leave it empty"
        return False
    return bool(answer)


def _points(
    fields: Mapping[str, object],
    kind: str,
    rules: CredentialRules | None,
    credits: float | None,
    errors: dict[str, str],
) -> dict[str, float]:
    split_text = fields.get("split")
    points_text = fields.get("points")
    area_text = str(fields.get("area") or "").strip().lower()
    if kind == "cpr" and rules is not None and rules.ce.cpr_refused is not None:
        return {}  # the kind itself is refused; points would only add noise
    if not _blank(split_text) and (not _blank(points_text) or area_text):
        errors["split"] = "give either points with one area, or a split, not both"
        return {}
    if kind == "cpr" and rules is not None and rules.ce.cpr is not None:
        card_points, card_area = rules.ce.cpr.points_per_card.value, rules.ce.cpr.area.value
        if not _blank(split_text) or (area_text and area_text != card_area):
            errors["area"] = f"a CPR card counts {card_points:g} {card_area} points by the rules; leave area empty"
        elif not _blank(points_text) and _as_float(points_text) != card_points:
            errors["points"] = f"a CPR card counts {card_points:g} {card_area} points by the rules; leave points empty"
        return {card_area: card_points}
    if not _blank(split_text):
        points = parse_split(str(split_text), errors, rules)
    else:
        if not area_text:
            errors["area"] = f"is empty; enter {FIELD_HELP['area']} (or a split across areas)"
        elif area_text not in AREAS:
            errors["area"] = _area_message(area_text, rules)
        if kind == "college" and _blank(points_text) and credits is not None and rules is not None:
            amount = default_points("college", rules, credits)
            points_value = amount[0] if amount else None
            if amount is None:
                errors["points"] = f"{rules.name} has no rule for college credit; enter the points the course earned"
        else:
            points_value = check_number("points", points_text, errors, low=0, high=MAX_POINTS_PER_ACTIVITY)  # type: ignore[arg-type]
        if "area" in errors or points_value is None:
            return {}
        points = {area_text: points_value}
    if kind == "college" and credits is not None and rules is not None and rules.ce.college is not None and points:
        expected = credits * rules.ce.college.points_per_credit.value
        if abs(sum(points.values()) - expected) > 1e-9:
            field = "split" if not _blank(split_text) else "points"
            errors[field] = (
                f"{credits:g} college credits make {expected:g} points by the rules, not {sum(points.values()):g}; "
                "split exactly that many points across the areas"
            )
    return points


def _as_float(text: object) -> float | None:
    try:
        return float(str(text).strip())
    except ValueError:
        return None


def credential_from_fields(
    code: str,
    earned: str,
    number: str | None,
    *,
    rules_by_code: Mapping[str, CredentialRules],
    held_codes: set[str],
    today: date,
) -> HeldCredential:
    errors: dict[str, str] = {}
    code = (code or "").strip().lower()
    if code not in rules_by_code:
        errors["credential"] = unknown_credential(code, rules_by_code)
    elif code in held_codes:
        errors["credential"] = f"{code} is already in your list; record a recertification instead"
    earned_on = check_date("earned", earned, errors, today)
    number_text = check_text("number", number, errors)
    if errors:
        raise InvalidInput(errors)
    return HeldCredential(code, earned_on, number_text)  # type: ignore[arg-type]


def corrected_credential_from_fields(
    credential: HeldCredential, earned: str | None, number: str | None, *, today: date
) -> HeldCredential:
    """The credential with its earned date and number corrected (None keeps one as it is).

    The earned date starts the first cycle, so it must come before every recertification.
    """
    errors: dict[str, str] = {}
    earned_on = credential.earned_on if earned is None else check_date("earned", earned, errors, today)
    if earned_on is not None and credential.recertified_on and earned_on >= min(credential.recertified_on):
        first = min(credential.recertified_on).isoformat()
        errors["earned"] = f"{earned_on.isoformat()} is not before the first recertification ({first})"
    number_text = credential.number if number is None else check_text("number", number, errors)
    if errors or earned_on is None:  # None only when check_date recorded an error
        raise InvalidInput(errors)
    return credential._replace(earned_on=earned_on, number=number_text)


def recertification_from_fields(
    credential: HeldCredential, on: str, route: str = "ce", *, today: date
) -> HeldCredential:
    """The credential with one more recertification date, which starts a new cycle, and the
    route used for it (ce, exam, late-exam, start-over or reinstatement)."""
    errors: dict[str, str] = {}
    day = check_date("on", on, errors, today)
    latest = credential.cycle_anchors[-1]
    if day is not None and day <= latest:
        errors["on"] = f"{day.isoformat()} is not after the current cycle's start ({latest.isoformat()})"
    chosen = (route or "").strip().lower()
    if chosen not in RECERTIFICATION_ROUTES:
        errors["route"] = f"{chosen!r} is not a route; enter {FIELD_HELP['route']}"
    if errors or day is None:  # None only when check_date recorded an error
        raise InvalidInput(errors)
    return credential._replace(
        recertified_on=tuple(sorted((*credential.recertified_on, day))),
        routes_used={**credential.routes_used, day: chosen},
    )


_RESULT_WORDS = {"passed": "pass", "failed": "fail"}  # what people write on a score report


def exam_attempt_from_fields(
    exam: str,
    on: str,
    result: str,
    score: str | None,
    *,
    rules_by_code: Mapping[str, CredentialRules],
    today: date,
    attempt_id: int | None = None,
) -> ExamAttempt:
    errors: dict[str, str] = {}
    code = _exam_code(exam, rules_by_code, errors)
    result = (result or "").strip().lower()
    result = _RESULT_WORDS.get(result, result)
    if result not in EXAM_RESULTS:
        errors["result"] = f"{result!r} is not a result; enter {FIELD_HELP['result']}"
    day = check_date("date", on, errors, today, future_ok=result == "scheduled")
    if day is not None and result == "scheduled" and day < today:
        errors["date"] = (
            f"{day.isoformat()} has passed; a scheduled attempt is today or later (record a past one as pass or fail)"
        )
    if result in ("pass", "fail") and day is not None and day > today:
        errors["date"] = f"{day.isoformat()} is in the future; record it as scheduled"
    score_value = None
    if not _blank(score):
        if result == "scheduled":
            errors["score"] = "a scheduled attempt has no score yet; leave it empty"
        else:
            score_value = check_number("score", score, errors, low=0, high=MAX_SCORE, low_open=False)
    if errors:
        raise InvalidInput(errors)
    return ExamAttempt(code, day, result, score_value, attempt_id)  # type: ignore[arg-type]


def reenrollment_from_fields(
    exam: str, on: str, *, rules_by_code: Mapping[str, CredentialRules], today: date
) -> Reenrollment:
    errors: dict[str, str] = {}
    code = _exam_code(exam, rules_by_code, errors)
    day = check_date("on", on, errors, today)
    if errors:
        raise InvalidInput(errors)
    return Reenrollment(code, day)  # type: ignore[arg-type]


def _exam_code(exam: str, rules_by_code: Mapping[str, CredentialRules], errors: dict[str, str]) -> str:
    code = (exam or "").strip().lower()
    known = [c for c, rules in rules_by_code.items() if rules.exam is not None]
    if code not in known:
        errors["exam"] = f"{code!r} is not an exam program with an attempt policy; known: {', '.join(known)}"
    return code


def _study_category(
    exam_code: str, category: str | None, rules_by_code: Mapping[str, CredentialRules], errors: dict[str, str]
) -> str:
    """`overall` or one of the exam outline's categories (written with spaces or dashes)."""
    rules = rules_by_code.get(exam_code)
    outline = rules.outline if rules else None
    typed = (category or OVERALL).strip()
    wanted = category_form(typed)
    if wanted == OVERALL:
        return wanted
    matched = outline.match(typed) if outline else None
    if matched is not None:
        return matched
    choices = ", ".join([OVERALL, *(outline.names if outline else ())])
    errors["category"] = f"{category!r} is not a category of this exam; use {choices}"
    return wanted


def study_session_from_fields(
    exam: str,
    on: str,
    minutes: str,
    category: str | None,
    note: str | None,
    *,
    rules_by_code: Mapping[str, CredentialRules],
    today: date,
) -> StudySession:
    errors: dict[str, str] = {}
    code = _exam_code(exam, rules_by_code, errors)
    day = check_date("date", on, errors, today)
    count = check_number("minutes", minutes, errors, low=0, high=1440)
    if count is not None and count != int(count):
        errors["minutes"] = f"{minutes} is not whole minutes; enter {FIELD_HELP['minutes']}"
    chosen = _study_category(code, category, rules_by_code, errors) if "exam" not in errors else ""
    text = check_text("note", note, errors)
    if errors:
        raise InvalidInput(errors)
    return StudySession(code, day, int(count), chosen, text)  # type: ignore[arg-type]


def practice_test_from_fields(
    exam: str,
    on: str,
    score: str,
    category: str | None,
    *,
    rules_by_code: Mapping[str, CredentialRules],
    today: date,
) -> PracticeTest:
    errors: dict[str, str] = {}
    code = _exam_code(exam, rules_by_code, errors)
    day = check_date("date", on, errors, today)
    value = check_number("percent", score, errors, low=0, high=100, low_open=False)
    chosen = _study_category(code, category, rules_by_code, errors) if "exam" not in errors else ""
    if errors:
        raise InvalidInput(errors)
    return PracticeTest(code, day, value, chosen)  # type: ignore[arg-type]


# --- the study bank: questions and flashcards ---------------------------------------------------
# One check for every way an item arrives (a CSV row, an Anki note, a record read from the
# file): each bad field gets one message. `outlines` (exam code -> ExamOutline) judges the
# exam and the category; None leaves them unjudged (a stored record read without the catalog).


def _bank_text(field: str, text: object, limit: int, errors: dict[str, str], *, what: str) -> str:
    value = "" if text is None else str(text)
    if any("\ud800" <= char <= "\udfff" for char in value):
        errors[field] = "has characters that are not valid text (is the file UTF-8?)"
    elif not value.strip():
        errors[field] = f"is empty (every item needs {what})"
    elif len(value) > limit:
        errors[field] = f"is {len(value):,} characters long; at most {limit:,} are accepted"
    return value.strip()


def _bank_exam_and_category(
    exam: object, category: object, outlines: Mapping[str, ExamOutline] | None, errors: dict[str, str]
) -> tuple[str, str]:
    code = str(exam or "").strip().lower()
    typed = str(category or "").strip()
    if outlines is None:
        return code, typed
    outline = outlines.get(code)
    if not code:
        errors["exam"] = f"is empty (use one of {', '.join(outlines)})"
    elif outline is None:
        errors["exam"] = f"{code!r} is not an exam code (use one of {', '.join(outlines)})"
    if outline is None:
        return code, typed
    name = outline.match(typed) if typed else None
    if name is None:
        errors["category"] = (
            f"is empty (use one of {', '.join(outline.names)})"
            if not typed
            else category_refusal_for(outline, code, typed) or ""
        )
        return code, typed
    return code, name


def question_from_fields(fields: Mapping[str, object], *, outlines: Mapping[str, ExamOutline] | None) -> Question:
    """A Question from exam, category, question, a..e, answer (a letter), explanation and source,
    or InvalidInput naming every bad field."""
    errors: dict[str, str] = {}
    code, category = _bank_exam_and_category(fields.get("exam"), fields.get("category"), outlines, errors)
    stem = _bank_text("question", fields.get("question"), bank.MAX_STEM, errors, what="its question")
    cells = ["" if fields.get(letter) is None else str(fields.get(letter)) for letter in bank.LETTERS]
    filled = [bool(cell.strip()) for cell in cells]
    choices: list[str] = []
    if not (filled[0] and filled[1]):
        errors["choices"] = "choices a and b must both be filled"
    elif any(filled[filled.index(False) :] if False in filled else ()):
        gap = bank.LETTERS[filled.index(False)]
        errors["choices"] = f"choice {gap} is empty but a later one is filled (fill choices from a without gaps)"
    else:
        for letter, cell in zip(bank.LETTERS, cells, strict=True):
            if cell.strip():
                choices.append(_bank_text(letter, cell, bank.MAX_CHOICE, errors, what="text"))
        seen = [choice.casefold() for choice in choices]
        repeated = next((index for index, choice in enumerate(seen) if choice in seen[:index]), None)
        if repeated is not None:
            errors["choices"] = (
                f"choice {bank.LETTERS[repeated]} repeats choice {bank.LETTERS[seen.index(seen[repeated])]}"
            )
    letter = str(fields.get("answer") or "").strip().lower()
    answer = -1
    if len(letter) != 1 or letter not in bank.LETTERS:
        errors["answer"] = (
            f"{letter!r} is not a letter from a to e" if letter else "is empty (give the right choice's letter)"
        )
    elif "choices" not in errors and bank.LETTERS.index(letter) >= len(choices):
        errors["answer"] = f"{letter!r} names an empty choice"
    else:
        answer = bank.LETTERS.index(letter)
    explanation = _bank_text(
        "explanation", fields.get("explanation"), bank.MAX_EXPLANATION, errors, what="an explanation"
    )
    source = _bank_text("source", fields.get("source"), bank.MAX_SOURCE, errors, what="a source")
    if errors:
        raise InvalidInput(errors)
    return Question(code, category, stem, tuple(choices), answer, explanation, source)


def flashcard_from_fields(
    exam: object, category: object, front: object, back: object, *, outlines: Mapping[str, ExamOutline] | None
) -> Flashcard:
    """A Flashcard, or InvalidInput naming every bad field."""
    errors: dict[str, str] = {}
    code, name = _bank_exam_and_category(exam, category, outlines, errors)
    front_text = _bank_text("front", front, bank.MAX_CARD_SIDE, errors, what="a front")
    back_text = _bank_text("back", back, bank.MAX_CARD_SIDE, errors, what="a back")
    if errors:
        raise InvalidInput(errors)
    return Flashcard(code, name, front_text, back_text)


def input_sentence(errors: Mapping[str, str]) -> str:
    """Every field's problem in one sentence: 'answer: 'f' is not a letter from a to e; source: is empty'."""
    return "; ".join(
        f"{field} {message}" if message.startswith(("is ", "has ")) else f"{field}: {message}"
        for field, message in errors.items()
    )
