"""Exam outlines as data: the values against the reference, the checks on a rule file, refusals."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest

from recert_tui import catalog as catalog_module
from recert_tui.catalog import category_refusal, outline_for
from recert_tui.domain.outline import OVERALL, category_refusal_for
from recert_tui.domain.rules import RuleFileError, build_rules

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "credentials"
CODES = ("cma-aama", "ccma-nha", "rma-amt", "ncma-ncct", "cmac-amca")


@pytest.fixture(autouse=True)
def fresh_outlines():
    catalog_module.clear_outline_cache()
    yield
    catalog_module.clear_outline_cache()


def raw(code: str) -> dict:
    return tomllib.loads((SHIPPED / f"{code}.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", CODES)
def test_every_exam_has_an_outline_whose_weights_add_up_to_100(catalog, code):
    outline = catalog.get(code).outline
    assert outline is not None and outline.exam == code
    assert abs(sum(outline.weights.values()) - 100) <= 0.05
    counts = [category.items for category in outline.categories]
    if all(count is not None for count in counts):
        assert sum(counts) == outline.scored_items
    assert 0 < outline.pass_mark <= 100 and outline.minutes > 0
    for key, value in outline.sourced_values():
        assert value.confidence in ("official", "semi-official", "unconfirmed"), key
        assert value.source.url and value.source.checked, key


def test_cma_values_match_the_reference(catalog):
    cma = catalog.get("cma-aama").outline
    assert cma.names == ("general", "administrative", "clinical")
    assert cma.weights == {"general": 21, "administrative": 20, "clinical": 59}
    assert [c.items for c in cma.categories] == [38, 36, 106]
    assert (cma.scored_items, cma.total_items, cma.minutes) == (180, 200, 160)
    assert cma.category("clinical").label == "Clinical Competency"
    assert "Pharmacology" in [s.label for s in cma.category("clinical").subcategories]
    assert cma.unconfirmed and cma.provenance["minutes"].confidence == "official"


def test_ccma_clinical_patient_care_is_84_of_150(catalog):
    ccma = catalog.get("ccma-nha").outline
    clinical = ccma.category("clinical-patient-care")
    assert (clinical.items, ccma.scored_items, ccma.total_items, ccma.minutes) == (84, 150, 180, 180)
    assert clinical.weight == 56.0
    assert [s.items for s in clinical.subcategories] == [14, 28, 15, 9, 12, 6]
    assert [c.items for c in ccma.categories] == [15, 8, 84, 12, 12, 12, 7]
    # the weight is worked out from the count and says so, with the count's confidence
    assert clinical.provenance["weight"].confidence == "semi-official"
    assert "84 of the 150" in clinical.provenance["weight"].note


def test_cmac_is_four_official_percentages_without_counts(catalog):
    cmac = catalog.get("cmac-amca").outline
    assert cmac.weights == {"professionalism": 10, "law-and-ethics": 4, "clinical": 60, "administrative": 26}
    assert all(c.items is None for c in cmac.categories)
    assert not cmac.unconfirmed and cmac.total_items == 175 and cmac.minutes == 150


def test_rma_and_ncma_have_outlines_without_an_attempt_policy(catalog):
    rma, ncma = catalog.get("rma-amt"), catalog.get("ncma-ncct")
    assert rma.exam is None and ncma.exam is None
    assert [c.items for c in rma.outline.categories] == [44, 56, 39, 71]
    assert rma.outline.scored_items == 210
    assert ncma.outline.unconfirmed and ncma.outline.category("pharmacology").items == 18


@pytest.mark.parametrize("code", CODES)
def test_the_pass_mark_is_an_unconfirmed_default(catalog, code):
    mark = catalog.get(code).outline.provenance["pass_mark"]
    assert mark.value == 70 and mark.unconfirmed and "not the exam's cut score" in mark.note


def test_the_exam_policy_outline_is_the_same_single_source(catalog):
    for code in catalog.exam_codes:
        rules = catalog.get(code)
        assert rules.exam.outline is rules.outline
        assert rules.exam.outline.value == rules.outline.weights


def test_rules_listing_shows_outline_values_once(catalog):
    keys = [key for key, _ in catalog.get("ccma-nha").sourced_values()]
    assert "outline.categories.clinical-patient-care.items" in keys
    assert "outline.pass_mark" in keys
    assert len(keys) == len(set(keys)) and "exam.outline" not in keys


def test_a_mock_exam_is_timed_in_proportion():
    from recert_tui.domain.practice.mock import mock_minutes

    cma = outline_for("cma-aama")
    assert (cma.minutes, cma.total_items) == (160, 200)  # 200 items (180 scored) in 160 minutes
    assert mock_minutes(cma.minutes, cma.total_items, 50) == 40 and mock_minutes(cma.minutes, cma.total_items, 1) == 1


def test_category_refusal_names_the_valid_categories():
    assert category_refusal("cma-aama", "clinical") is None
    sentence = category_refusal("cma-aama", "astrology")
    assert sentence == "'astrology' is not a category of cma-aama (use one of general, administrative, clinical)"
    assert "known: cma-aama" in category_refusal("nope", "clinical")
    assert category_refusal_for(outline_for("cma-aama"), "cma-aama", OVERALL, overall=True) is None


def test_categories_match_by_name_or_label():
    cma = outline_for("cma-aama")
    assert cma.match("Clinical Competency") == "clinical" == cma.match(" CLINICAL ")
    assert outline_for("ccma-nha").match("Medical Law & Ethics") == "law-and-ethics"
    assert cma.match("clinic") is None


def test_a_user_override_changes_the_pass_mark_and_says_so(tmp_path, monkeypatch):
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "cma-aama.toml").write_text("[outline.pass_mark]\nvalue = 75\n", encoding="utf-8")
    monkeypatch.setenv("RECERT_RULES_DIR", str(rules_dir))
    cma = outline_for("cma-aama")
    assert cma.pass_mark == 75 and cma.provenance["pass_mark"].overridden_by == "cma-aama.toml"


def _broken(code: str, change) -> str:
    data = copy.deepcopy(raw(code))
    change(data["outline"])
    with pytest.raises(RuleFileError) as caught:
        build_rules(f"{code}.toml", data)
    return str(caught.value)


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda o: o["categories"]["clinical"]["weight"].update(value=60), "the weights add up to 101%, not 100%"),
        (
            lambda o: o["categories"]["clinical"]["items"].update(value=107),
            "the item counts add up to 181, not the 180",
        ),
        (lambda o: o["categories"]["clinical"].pop("label"), "key 'outline.categories.clinical.label': is missing"),
        (lambda o: o["categories"].update(overall=o["categories"].pop("general")), "not 'overall'"),
        (
            lambda o: o["categories"]["clinical"].update(colour="red"),
            "outline.categories.clinical.colour': unknown key",
        ),
        (lambda o: o["pass_mark"].update(value=0), "outline.pass_mark.value"),
        (lambda o: o["minutes"].update(value=-5), "outline.minutes.value"),
        (lambda o: o["total_items"].update(value=10), "fewer than the scored items"),
        (
            lambda o: [o["categories"]["general"].pop(key) for key in ("weight", "items")],
            "outline.categories.general.weight': is missing",
        ),
        (lambda o: o.pop("version"), "outline.version"),
    ],
)
def test_a_bad_outline_is_refused_naming_the_key(change, words):
    assert words in _broken("cma-aama", change)


def test_subcategory_counts_must_add_up_to_the_category():
    message = _broken(
        "ccma-nha", lambda o: o["categories"]["clinical-patient-care"]["subcategories"]["value"][0].update(items=15)
    )
    assert "add up to 85, not the category's 84" in message


def test_the_old_exam_outline_key_is_refused_with_where_it_went():
    data = raw("cmac-amca")
    data["exam"]["outline"] = {"value": {"clinical": 100}, "confidence": "official", "source": "certification"}
    with pytest.raises(RuleFileError, match=r"moved to \[outline.categories"):
        build_rules("cmac-amca.toml", data)
