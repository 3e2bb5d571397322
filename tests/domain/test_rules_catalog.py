"""The rule catalog: every value sourced, clear errors for broken files, user overrides."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from recert_tui.catalog import load_catalog
from recert_tui.domain.engine import compute
from recert_tui.domain.models import HeldCredential, Profile
from recert_tui.domain.rules import CONFIDENCES, RuleFileError
from tests.helpers.rules import SHIPPED

from .conftest import activity

CODES = {"cma-aama", "ccma-nha", "rma-amt", "ncma-ncct", "cmac-amca"}


def test_all_five_credentials_ship(catalog):
    assert set(catalog.codes) == CODES
    assert catalog.codes[0] == "cma-aama"  # the primary credential leads every list


def test_every_value_has_source_confidence_and_check_date(catalog):
    for rules in catalog.credentials.values():
        values = rules.sourced_values()
        assert values, rules.code
        for key, value in values:
            assert value.confidence in CONFIDENCES, (rules.code, key)
            assert value.source.url, (rules.code, key)
            assert isinstance(value.source.checked, date), (rules.code, key)


def test_cma_values_match_the_reference(cma):
    assert cma.cycle_months.value == 60
    assert cma.ce.total_points.value == 60
    assert cma.ce.area_minimums.value == {"administrative": 10, "clinical": 10, "general": 10}
    assert cma.ce.approved_minimum.value == 30
    assert cma.ce.non_approved_maximum.value == 30
    assert (cma.ce.cpr.points_per_card.value, cma.ce.cpr.max_cards.value, cma.ce.cpr.area.value) == (4, 3, "clinical")
    assert cma.ce.cpr.approved.unconfirmed
    assert cma.ce.college.points_per_credit.value == 15
    assert cma.exam.max_attempts.value == 3
    assert cma.exam.outline.unconfirmed
    assert cma.fee("ce_route").amount.value is None  # unknown, not invented


def _copy_shipped(tmp_path: Path) -> Path:
    folder = tmp_path / "shipped"
    shutil.copytree(SHIPPED, folder)
    return folder


@pytest.mark.parametrize(
    "old, new, key",
    [
        ("[ce.total_points]\nvalue = 60", "[ce.total_points]\nvalu = 60", "ce.total_points"),
        ('[ce.grace]\nvalue = "3 months"', '[ce.grace]\nvalue = "3 monthz"', "ce.grace.value"),
        (
            'confidence = "official"\nsource = "policies"\nnote = "At least 30',
            'confidence = "sure"\nsource = "policies"\nnote = "At least 30',
            "ce.approved_minimum.confidence",
        ),
        ("[cycle.months]", "[cycle.monthz]", "cycle.monthz"),
        ("[exam.max_attempts]\nvalue = 3", "[exam.max_attempts]\nvalue = -3", "exam.max_attempts.value"),
    ],
)
def test_a_broken_key_names_the_file_and_the_key(tmp_path, old, new, key):
    folder = _copy_shipped(tmp_path)
    target = folder / "cma-aama.toml"
    text = target.read_text()
    assert old in text
    target.write_text(text.replace(old, new, 1))
    with pytest.raises(RuleFileError) as caught:
        load_catalog(folder, tmp_path / "none")
    assert "cma-aama.toml" in str(caught.value)
    assert f"'{key}'" in str(caught.value)


def test_invalid_toml_names_the_file(tmp_path):
    folder = _copy_shipped(tmp_path)
    (folder / "rma-amt.toml").write_text("code = \n")
    with pytest.raises(RuleFileError, match="rma-amt.toml: not valid TOML"):
        load_catalog(folder, tmp_path / "none")


def test_user_override_replaces_a_value_and_says_so(tmp_path):
    user = tmp_path / "rules"
    user.mkdir()
    (user / "cma-aama.toml").write_text('[ce.cpr.approved]\nvalue = true\nconfidence = "unconfirmed"\n')
    catalog = load_catalog(SHIPPED, user)
    approved = catalog.get("cma-aama").ce.cpr.approved
    assert approved.value is True
    assert approved.overridden_by == "cma-aama.toml"
    assert approved.provenance == "your override (cma-aama.toml)"
    assert approved.source.url  # the shipped source is kept
    # and the engine follows it: CPR cards now count as AAMA-approved
    card = activity("2023-05-01", kind="cpr", approved=False, clinical=4)
    profile = Profile(credentials=(HeldCredential("cma-aama", date(2022, 3, 15)),), activities=(card,))
    assert compute(profile, catalog.credentials, date(2026, 11, 23)).credentials[0].tally.approved == 4


def test_user_can_add_a_credential(tmp_path):
    user = tmp_path / "rules"
    user.mkdir()
    text = (SHIPPED / "cmac-amca.toml").read_text().replace('code = "cmac-amca"', 'code = "cpt-nha"')
    (user / "cpt-nha.toml").write_text(text)
    assert "cpt-nha" in load_catalog(SHIPPED, user)


def test_a_user_file_whose_code_does_not_match_its_name_is_refused(tmp_path):
    user = tmp_path / "rules"
    user.mkdir()
    (user / "mine.toml").write_text((SHIPPED / "cmac-amca.toml").read_text())
    with pytest.raises(RuleFileError, match="mine.toml: key 'code'"):
        load_catalog(SHIPPED, user)


def test_rules_load_from_the_installed_package():
    catalog = load_catalog(user_dir=Path("/nonexistent"))
    assert set(catalog.codes) == CODES
