"""Rule ids and thresholds are options: switching one off or moving a threshold changes what the
stage does, and a misspelt rule id is a config error naming the nearest valid one."""

from __future__ import annotations

import pytest

from toolkit import Pipeline
from toolkit.errors import ConfigError
from toolkit.model import Document
from toolkit.pipeline import StageSpec


def run(specs: list[StageSpec], text: str) -> Document:
    pipe = Pipeline.from_specs(specs, [])
    return pipe.run(Document(id="d", source="d", raw=text))


def test_boilerplate_rule_can_be_switched_off():
    text = "Cart\n\nThe economy grew in May, officials said on Monday.\n"
    on = run([StageSpec("ingest"), StageSpec("boilerplate")], text)
    rule_off = run([StageSpec("ingest"), StageSpec("boilerplate", {"disable": ["web-en/shop/cart"]})], text)
    both_off = run([StageSpec("ingest"),
                    StageSpec("boilerplate", {"disable": ["web-en/shop/cart", "heuristic/ui-words"]})], text)
    assert [r.rule for r in on.removed] == ["web-en/shop/cart"]
    assert [r.rule for r in rule_off.removed] == ["heuristic/ui-words"]  # the heuristic still knows a UI word
    assert both_off.removed == [] and both_off.blocks[0].text == "Cart"


def test_boilerplate_rule_ids_come_from_the_packs():
    with pytest.raises(ConfigError, match=r"unknown rule 'web-en/shop/carts'.*did you mean 'web-en/shop/cart'"):
        Pipeline.from_specs([StageSpec("ingest"), StageSpec("boilerplate", {"disable": ["web-en/shop/carts"]})], [])


def test_qa_flag_kind_can_be_switched_off():
    text = "the the economy grew strongly Overall in the spring of that year.\n"
    on = run([StageSpec("ingest"), StageSpec("qa")], text)
    off = run([StageSpec("ingest"), StageSpec("qa", {"disable": ["doubled-word"]})], text)
    kinds_on = {f.kind for b in on.blocks for f in b.flags}
    kinds_off = {f.kind for b in off.blocks for f in b.flags}
    assert "doubled-word" in kinds_on and "doubled-word" not in kinds_off


def test_bilingual_threshold_moves_the_decision():
    text = ("经济运行总体平稳。\n\nThe economy ran steadily.\n\n就业形势保持稳定。\n\nEmployment remained stable.\n\n"
            "物价温和上涨。\n\nPrices rose mildly.\n")
    specs = [StageSpec("ingest"), StageSpec("segment")]
    paired = run([*specs, StageSpec("bilingual", {"align_sentences": False})], text)
    strict = run([*specs, StageSpec("bilingual", {"align_sentences": False, "min_pair_score": 1.01})], text)
    assert len(paired.pairs) == 3 and strict.pairs == []
