"""Each exam's content outline: its categories with weights and item counts, its length and time.

One source for every place a study category appears (questions, flashcards, practice scores,
the weakest area, readiness). The outline lives in the credential's rule file as `[outline]`,
each value with its source and confidence like every other rule, so a user overrides it the
same way; `build_outline` turns that table into an `ExamOutline` (pure), and `catalog.outline_for`
gives the outline of an exam code from the catalog (shipped rules plus the user's).

    [outline]
    version = "content outline effective on and after 15 July 2021"
    effective = 2021-07-15                 # optional
    [outline.scored_items]                 # value / confidence / source / note, as any rule
    [outline.total_items]                  # optional
    [outline.minutes]                      # the exam's testing time, to scale a mock exam
    [outline.pass_mark]                    # percent, a practice target (the real exams are scaled)
    [outline.categories.clinical]
    label = "Clinical Competency"
    weight = { value = 59, ... }           # percent; left out, it is items / scored_items
    items = { value = 106, ... }           # optional: scored items, where published
    subcategories = { value = ["Pharmacology", { label = "Phlebotomy", items = 12 }], ... }
"""

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, NamedTuple

# No import of .rules here: rules.py imports this module for ExamPolicy's field type. The
# sourced values (rules.Sourced) are typed Any for that reason.

OVERALL = "overall"  # a practice score or study time not tied to one category
WEIGHT_TOLERANCE = 0.5  # percentage points: weights rounded to whole or two-decimal figures
_CATEGORY_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_CONFIDENCE_ORDER = {"official": 0, "semi-official": 1, "unconfirmed": 2}  # rules.CONFIDENCES, surest first


class Subcategory(NamedTuple):
    label: str
    items: int | None = None  # scored items, where published


class OutlineCategory(NamedTuple):
    """One content category: `name` is the key records store, `label` what people read."""

    name: str
    label: str
    weight: float  # percent of the exam
    items: int | None  # scored items, where published
    subcategories: tuple[Subcategory, ...]
    provenance: dict[str, Any]  # "weight", "items", "subcategories" -> the sourced value


class ExamOutline(NamedTuple):
    """An exam's content outline; `provenance` says where each value came from."""

    exam: str
    version: str
    effective: date | None
    categories: tuple[OutlineCategory, ...]  # in the outline's own order
    scored_items: int
    minutes: int
    pass_mark: float  # percent: a practice target, not the exam's scaled cut score
    total_items: int | None
    provenance: dict[str, Any]  # "scored_items", "minutes", "pass_mark", "total_items"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(category.name for category in self.categories)

    @property
    def weights(self) -> dict[str, float]:
        """Category name -> weight in percent, in outline order."""
        return {category.name: category.weight for category in self.categories}

    # `value` and `unconfirmed` let the outline stand where a sourced weights table was used.
    @property
    def value(self) -> dict[str, float]:
        return self.weights

    @property
    def unconfirmed(self) -> bool:
        """Whether any weight is unconfirmed (and not the user's own)."""
        return any(category.provenance["weight"].unconfirmed for category in self.categories)

    @property
    def confidence(self) -> str:
        """The weakest confidence among the weights."""
        found = [category.provenance["weight"].confidence for category in self.categories]
        return max(found, key=_CONFIDENCE_ORDER.__getitem__)

    def category(self, name: str) -> OutlineCategory | None:
        return next((category for category in self.categories if category.name == name), None)

    def label(self, name: str) -> str:
        found = self.category(name)
        return found.label if found else ("Overall" if name == OVERALL else name)

    def match(self, typed: str) -> str | None:
        """The category name for what a person typed (its name or label, any case, spaces or dashes)."""
        wanted = category_form(typed)
        for category in self.categories:
            if wanted in (category.name, category_form(category.label)):
                return category.name
        return None

    def sourced_values(self) -> list[tuple[str, Any]]:
        """Every sourced value with its dotted key in the rule file, for `recert rules`."""
        found = [(f"outline.{key}", value) for key, value in self.provenance.items()]
        for category in self.categories:
            found += [
                (f"outline.categories.{category.name}.{key}", value) for key, value in category.provenance.items()
            ]
        return found


def category_form(text: str) -> str:
    """A category as compared: lower case, `&` as `and`, each run of spaces, dashes or underscores one dash."""
    return "-".join(re.split(r"[\s_-]+", text.strip().lower().replace("&", " and "))).strip("-")


def category_refusal_for(outline: ExamOutline | None, exam: str, category: str, *, overall: bool = False) -> str | None:
    """None if `category` is one of the outline's names (or `overall`, when allowed), else one sentence."""
    if outline is None:
        return f"{exam!r} has no content outline, so no category can be checked"
    if category in outline.names or (overall and category == OVERALL):
        return None
    choices = ", ".join([*([OVERALL] if overall else []), *outline.names])
    return f"{category!r} is not a category of {exam} (use one of {choices})"


def outlines_of(rules_by_code: Mapping[str, Any]) -> dict[str, ExamOutline]:
    """Code -> outline for every credential of a catalog that has one."""
    return {code: rules.outline for code, rules in rules_by_code.items() if rules.outline is not None}


# --- building, from a rule file's [outline] ---------------------------------------------------

_TOP = {"version", "effective", "scored_items", "total_items", "minutes", "pass_mark", "categories"}
_CATEGORY = {"label", "weight", "items", "subcategories"}


def _count(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
        raise ValueError(f"{raw!r} is not a whole number of 1 or more")
    return raw


def _percent(raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not 0 < raw <= 100:
        raise ValueError(f"{raw!r} is not a percent above 0, at most 100")
    return float(raw)


def _subcategories(raw: Any) -> tuple[Subcategory, ...]:
    if not isinstance(raw, list):
        raise ValueError("must be a list of labels, or of { label = ..., items = N }")
    found = []
    for entry in raw:
        if isinstance(entry, str) and entry.strip():
            found.append(Subcategory(entry.strip()))
        elif isinstance(entry, dict) and set(entry) <= {"label", "items"} and isinstance(entry.get("label"), str):
            found.append(Subcategory(entry["label"].strip(), None if "items" not in entry else _count(entry["items"])))
        else:
            raise ValueError(f"{entry!r} is not a label or {{ label = ..., items = N }}")
    return tuple(found)


def build_outline(reader: Any, code: str) -> ExamOutline | None:
    """The rule file's [outline] as an ExamOutline, None if it has none; RuleFileError names a bad key.

    `reader` is the rule file's reader (domain.rules._Reader): its sources, and the user's overrides.
    """
    table = reader.table("outline", _TOP, required=False)
    if table is None:
        return None
    version = table.get("version")
    if not isinstance(version, str) or not version.strip():
        raise reader.fail("outline.version", "is missing or not text")
    effective = table.get("effective")
    if effective is not None and type(effective) is not date:
        raise reader.fail("outline.effective", "must be a date like 2021-07-15")
    provenance: dict[str, Any] = {
        "scored_items": reader.value(table, "outline.scored_items", _count),
        "minutes": reader.value(table, "outline.minutes", _count),
        "pass_mark": reader.value(table, "outline.pass_mark", _percent),
    }
    total = reader.value(table, "outline.total_items", _count, required=False)
    if total is not None:
        provenance["total_items"] = total
        if total.value < provenance["scored_items"].value:
            raise reader.fail("outline.total_items.value", "is fewer than the scored items")
    scored = provenance["scored_items"]
    categories_table = reader.table("outline.categories", set(table.get("categories") or ()), required=True)
    if not categories_table:
        raise reader.fail("outline.categories", "must name at least one category")
    categories = [_category(reader, name, scored) for name in categories_table]
    total_weight = sum(category.weight for category in categories)
    if abs(total_weight - 100) > WEIGHT_TOLERANCE:
        raise reader.fail("outline.categories", f"the weights add up to {total_weight:g}%, not 100%")
    counts = [category.items for category in categories if category.items is not None]
    if len(counts) == len(categories) and sum(counts) != scored.value:  # checked only when every count is known
        raise reader.fail(
            "outline.categories",
            f"the item counts add up to {sum(counts)}, not the {scored.value} scored items",
        )
    return ExamOutline(
        exam=code,
        version=version.strip(),
        effective=effective,
        categories=tuple(categories),
        scored_items=scored.value,
        minutes=provenance["minutes"].value,
        pass_mark=provenance["pass_mark"].value,
        total_items=total.value if total else None,
        provenance=provenance,
    )


def _category(reader: Any, name: str, scored: Any) -> OutlineCategory:
    key = f"outline.categories.{name}"
    if not _CATEGORY_NAME.fullmatch(name) or name == OVERALL:
        raise reader.fail(key, "a category name is lower-case words joined by dashes, and not 'overall'")
    table = reader.table(key, _CATEGORY)
    label = table.get("label")
    if not isinstance(label, str) or not label.strip():
        raise reader.fail(f"{key}.label", "is missing or not text")
    provenance: dict[str, Any] = {}
    items = reader.value(table, f"{key}.items", _count, required=False)
    if items is not None:
        provenance["items"] = items
    weight = reader.value(table, f"{key}.weight", _percent, required=False)
    if weight is None:
        if items is None:
            raise reader.fail(f"{key}.weight", "is missing (give the weight, or the items to work it out from)")
        # Worked out from the count, with the count's own source and confidence.
        weight = items._replace(
            value=round(100 * items.value / scored.value, 2),
            note=f"Worked out: {items.value} of the {scored.value} scored items.",
        )
    provenance["weight"] = weight
    subcategories = reader.value(table, f"{key}.subcategories", _subcategories, required=False)
    if subcategories is not None:
        provenance["subcategories"] = subcategories
        counts = [sub.items for sub in subcategories.value if sub.items is not None]
        if items is not None and len(counts) == len(subcategories.value) and sum(counts) != items.value:
            raise reader.fail(
                f"{key}.subcategories",
                f"the item counts add up to {sum(counts)}, not the category's {items.value}",
            )
    return OutlineCategory(
        name=name,
        label=label.strip(),
        weight=weight.value,
        items=items.value if items else None,
        subcategories=subcategories.value if subcategories else (),
        provenance=provenance,
    )


__all__ = [
    "OVERALL",
    "ExamOutline",
    "OutlineCategory",
    "Subcategory",
    "build_outline",
    "category_form",
    "category_refusal_for",
    "outlines_of",
]
