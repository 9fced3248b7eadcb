"""Every rule has a negative test: a correct sentence it must leave alone (tests/cases/rule-negatives.yaml,
run by tests/test_cases.py). This checks that none is missing, so a new rule comes with one."""

from __future__ import annotations

from pathlib import Path

import yaml

from toolkit.stages.boilerplate import BUILTIN_PACKS, load_packs
from toolkit.stages.punctuation import Punctuation

CASES = yaml.safe_load((Path(__file__).resolve().parents[1] / "cases" / "rule-negatives.yaml").read_text(encoding="utf-8"))


def test_every_plain_text_boilerplate_rule_has_a_negative_case():
    covered = {c["rule"] for c in CASES}
    packs = {name.removesuffix(".yaml").replace("boilerplate-", "web-") for name in BUILTIN_PACKS if "html" not in name}
    rules = {r.id for r in load_packs(()) if r.pack in packs}
    assert rules and sorted(rules - covered) == []


def test_every_punctuation_rule_has_a_negative_case():
    covered = {c["rule"] for c in CASES}
    assert sorted(f"punctuation/{r}" for r in Punctuation.rules if f"punctuation/{r}" not in covered) == []
