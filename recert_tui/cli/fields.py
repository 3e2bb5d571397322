"""Activity options -> the field dict the session validates (for add, and for edit over a stored one)."""

from __future__ import annotations

import argparse

from ..domain.counting import points_text
from ..domain.models import Activity

FIELDS = (
    "credential",
    "title",
    "date",
    "points",
    "area",
    "split",
    "approved",
    "kind",
    "college_credits",
    "provider",
    "certificate",
    "notes",
    "category",
    "recurring",
)
_POINT_FIELDS = ("points", "area", "split")


def given_fields(args: argparse.Namespace) -> dict[str, str | None]:
    """The activity fields typed on the command line (None where an option was not given)."""
    return {name: getattr(args, name) for name in FIELDS}


def stored_fields(activity: Activity) -> dict[str, str | None]:
    """A stored activity as the strings a person would type to enter it again."""
    fields: dict[str, str | None] = {
        "credential": activity.credential,
        "title": activity.title,
        "date": activity.completed_on.isoformat(),
        "points": None,
        "area": None,
        "split": None,
        "approved": "yes" if activity.approved else "no",
        "kind": activity.kind,
        "college_credits": None if activity.college_credits is None else points_text(activity.college_credits),
        "provider": activity.provider,
        "certificate": activity.certificate,
        "notes": activity.notes,
        "category": activity.category,
        "recurring": "yes" if activity.recurring else "",
    }
    if len(activity.points) == 1:
        ((area, points),) = activity.points.items()
        fields.update(points=points_text(points), area=area)
    elif activity.points:
        fields["split"] = ",".join(f"{area}={points_text(points)}" for area, points in activity.points.items())
    return fields


def edited_fields(stored: Activity, given: dict[str, str | None]) -> dict[str, str | None]:
    """The stored activity with the given options laid over it.

    Points follow what was typed: a new --split replaces points and area; new --points or
    --area replace the split. The category and recurring flag stay unless the credential changes. Where the rules decide (a CPR card's points, college credit's
    approval, college points from credits), stored values give way so the rules apply anew.
    """
    fields = stored_fields(stored)
    typed = {name: value for name, value in given.items() if value is not None}
    if "split" in typed:
        fields.update(points=None, area=None)
    elif "points" in typed or "area" in typed:
        fields["split"] = None
    kind = str(typed.get("kind") or fields["kind"]).strip().lower()
    if kind == "cpr":
        fields.update(dict.fromkeys((*_POINT_FIELDS, "approved")))
    elif kind == "college":
        fields["approved"] = None
        if "college_credits" in typed and "points" not in typed and "split" not in typed:
            fields["points"] = None  # recomputed from the new credits
    if kind != "college":
        fields["college_credits"] = None
    if str(typed.get("credential") or stored.credential).strip().lower() != stored.credential:
        # Both belong to the credential's rules: moved to another credential, the activity
        # is asked for them anew rather than carrying answers the new rules may refuse.
        fields.update(category=None, recurring=None)
    fields.update(typed)
    return fields
