"""The calibrated pair score: a probability, low for unrelated pairs, high for gold pairs; the weights file."""

from __future__ import annotations

import json
import math
import random
import statistics
from pathlib import Path

import pytest

from toolkit.alignment.aligner import align, doc_ratio
from toolkit.alignment.calibrate import PairScorer, default_scorer
from toolkit.alignment.features import FEATURE_NAMES
from toolkit.alignment.lexicon import build_lexicon
from toolkit.alignment.score import parse_beads
from toolkit.errors import ConfigError

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "mac-dev"


@pytest.fixture(scope="module")
def lex():
    return build_lexicon()


GOOD = ("国家统计局今天发布了经济数据。", "The National Bureau of Statistics released economic data today.")
UNRELATED_SAME_LENGTH = ("国家统计局今天发布了经济数据。", "The children play football on the grass behind the old school.")


def test_scores_are_probabilities_and_order_good_above_bad(lex):
    sc = default_scorer()
    good, bad = sc.score(*GOOD, lex), sc.score(*UNRELATED_SAME_LENGTH, lex)
    assert 0.0 <= bad < 0.5 < 0.9 < good <= 1.0


@pytest.mark.xfail(strict=True, reason="an unrelated pair of exactly the expected length with no dictionary match scores 0.142 "
                   "alone (0.083 with the one-draw neighbour model, 0.14 before it, 0.32 before the learned lexicon's "
                   "IBM-1 evidence): among training pairs like it (no match, 4-11 translatable words, length within 25%, "
                   "same end marks) many are gold, free literary or chat translations the dictionary cannot link, so a "
                   "calibrated score stays near 0.1 there")
def test_unrelated_pair_of_the_expected_length_scores_below_a_tenth(lex):
    assert default_scorer().score(*UNRELATED_SAME_LENGTH, lex) < 0.1


NEIGHBOUR_ZH = "孩子们整个下午都在老学校后面的草地上踢足球。"


@pytest.mark.parametrize("zh", [GOOD[0] + NEIGHBOUR_ZH, NEIGHBOUR_ZH + GOOD[0]], ids=["glued-after", "glued-before"])
def test_a_neighbour_glued_on_the_chinese_side_scores_below_a_tenth(lex, zh):
    """Wrong extent: the English matches one end of the Chinese only (the logistic model gave 0.33)."""
    assert default_scorer().score(zh, GOOD[1], lex, beads=(2, 1)) < 0.1 < 0.9 < default_scorer().score(*GOOD, lex)


def test_empty_side_scores_zero(lex):
    assert default_scorer().score("你好。", "  ", lex) == 0.0


def test_aligner_pairs_carry_the_calibrated_score():
    out = align(["今天天气很好。", "我们去公园散步。"], ["The weather is nice today.", "We go for a walk in the park."])
    assert all(0.5 < p.score <= 1.0 for p in out)


def test_weights_file_is_plain_json_with_matching_features():
    from importlib import resources

    data = json.loads((resources.files("toolkit") / "data" / "pair-scorer.json").read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURE_NAMES
    assert len(data.get("weights", FEATURE_NAMES)) == len(FEATURE_NAMES)
    for tree in data["trees"]:
        assert all(-1 <= f < len(FEATURE_NAMES) and isinstance(t, float) for f, t, _a, _b in tree)


def test_weights_for_other_features_are_refused(tmp_path):
    p = tmp_path / "w.json"
    p.write_text(json.dumps({"features": ["a"], "mean": [0], "scale": [1], "weights": [1], "bias": 0}), encoding="utf-8")
    with pytest.raises(ConfigError, match="retrain"):
        PairScorer.load(p)
    p.write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a pair-scorer"):
        PairScorer.load(p)
    # a tree whose child points back at its parent would never end: refused
    p.write_text(json.dumps({"features": list(FEATURE_NAMES), "bias": 0, "trees": [[[0, 0.5, 0, 0]]]}), encoding="utf-8")
    with pytest.raises(ConfigError, match="not a pair-scorer"):
        PairScorer.load(p)


def test_trees_and_a_logistic_layer_both_load(tmp_path):
    n = len(FEATURE_NAMES)
    x = [0.0] * n
    trees = PairScorer.from_dict({"features": list(FEATURE_NAMES), "bias": 0.5,
                                  "trees": [[[0, 0.0, 1, 2], [-1, -1.0, 0, 0], [-1, 1.0, 0, 0]]]})
    assert trees.probability(x) == pytest.approx(1 / (1 + math.exp(-1.5)))  # x[0] = 0 is not < 0: right leaf
    x[0] = -1.0
    assert trees.probability(x) == pytest.approx(1 / (1 + math.exp(0.5)))
    logistic = PairScorer.from_dict({"features": list(FEATURE_NAMES), "bias": 0.0, "mean": [0] * n, "scale": [1] * n,
                                     "weights": [2.0] + [0.0] * (n - 1)})
    assert logistic.probability(x) == pytest.approx(1 / (1 + math.exp(2.0)))


def _mac_docs():
    for g in sorted((DATA / "gold").glob("*.align")):
        zh = (DATA / "zh" / f"{g.stem}.zh").read_text(encoding="utf-8").splitlines()
        en = (DATA / "en" / f"{g.stem}.en").read_text(encoding="utf-8").splitlines()
        beads = [("".join(zh[i] for i in s), " ".join(en[j] for j in t), (len(s), len(t)))
                 for s, t in parse_beads(g.read_text(encoding="utf-8").splitlines()) if s and t]
        r = doc_ratio(sum(len(s) for s in en), sum(len(s.replace(" ", "")) for s in zh))
        yield g.stem, beads, r


@pytest.mark.skipif(not (DATA / "gold").is_dir(), reason="MAC-Dev is not beside this checkout (../shared/data/mac-dev)")
def test_shuffled_mac_dev_pairs_score_below_a_tenth(lex):
    """Each Chinese side with the English of another bead of the same chapter (the hard kind of shuffle:
    same style, same length distribution), each pair scored alone. Measured with the boosted trees
    (2026-12-01, the neighbour-feature model, three draws): median 0.005-0.023 per chapter, 78.9% below
    0.1 (84% and 87% in the held-out chapters 005 and 006), 95.5% below 0.5; gold median 0.92, 91.7% of
    gold beads at 0.5 or more (before the neighbour features: 77.0% below 0.1; 75.6% before the learned lexicon). (The logistic model: 69% below 0.1, gold median 0.81, 83% at 0.5.)"""
    sc = default_scorer()
    rng = random.Random(0)
    shuffled, gold = [], []
    for _doc, beads, r in _mac_docs():
        for i, (z, e, b) in enumerate(beads):
            gold.append(sc.score(z, e, lex, ratio=r, beads=b))
            j = rng.randrange(len(beads) - 1)
            j += j >= i
            shuffled.append(sc.score(z, beads[j][1], lex, ratio=r, beads=(b[0], beads[j][2][1])))
    assert statistics.median(shuffled) < 0.05
    assert sum(s < 0.1 for s in shuffled) / len(shuffled) >= 0.78
    assert sum(s < 0.5 for s in shuffled) / len(shuffled) >= 0.94
    assert statistics.median(gold) > 0.88
    assert sum(g >= 0.5 for g in gold) / len(gold) >= 0.87


def _shifted(beads: list[tuple[list[int], list[int]]]) -> list[tuple[list[int], list[int]]]:
    """The aligner's one-sentence slip: each Chinese side paired with the next bead's English."""
    return [(s, beads[k + 1][1]) for k, (s, _t) in enumerate(beads[:-1])]


@pytest.mark.skipif(not (DATA / "gold").is_dir(), reason="MAC-Dev is not beside this checkout (../shared/data/mac-dev)")
def test_a_slipped_alignment_is_caught_by_its_neighbours(lex):
    """Pairs scored by the aligner (``finish`` with the documents' sentences) carry the neighbour
    features: a stretch that slipped by one sentence has its right partner beside it. On the held-out
    chapters (005, 006), measured: slipped pairs below 0.5 alone 93.5%, with neighbours 98.7%; gold
    beads at 0.5 or more alone 89.3%, with neighbours 89.8% (the alone figure is also what a pair
    scored outside an alignment gets)."""
    from toolkit.alignment.aligner import AlignedPair, finish

    sc = default_scorer()
    res: dict[str, list[float]] = {}
    for doc in ("005", "006"):
        zh = (DATA / "zh" / f"{doc}.zh").read_text(encoding="utf-8").splitlines()
        en = (DATA / "en" / f"{doc}.en").read_text(encoding="utf-8").splitlines()
        gold = [(list(s), list(t)) for s, t in parse_beads((DATA / "gold" / f"{doc}.align").read_text(encoding="utf-8").splitlines())
                if s and t]
        r = doc_ratio(sum(len(s) for s in en), sum(len(s.replace(" ", "")) for s in zh))
        for kind, beads in (("gold", gold), ("slipped", _shifted(gold))):
            for how, sentences in (("alone", None), ("neighbours", (zh, en))):
                pairs = [AlignedPair(s, t, "".join(zh[i] for i in s), " ".join(en[j] for j in t), 0.0) for s, t in beads]
                finish(pairs, lex, qa=False, scorer=sc, ratio=r, sentences=sentences)
                res.setdefault(f"{kind} {how}", []).extend(p.score for p in pairs)

    def share(key: str, keep: bool) -> float:
        return sum((s >= 0.5) == keep for s in res[key]) / len(res[key])

    assert share("slipped neighbours", False) >= 0.97 > share("slipped alone", False) + 0.03
    assert share("gold neighbours", True) >= 0.88 and share("gold alone", True) >= 0.88
