"""The calibrated pair score: a probability, low for unrelated pairs, high for gold pairs; the weights file."""

from __future__ import annotations

import json
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


@pytest.mark.xfail(strict=True, reason="an unrelated pair of exactly the expected length scores 0.22: literary gold pairs "
                   "with no dictionary match are common, so a linear model cannot push length-matched misses below 0.1")
def test_unrelated_pair_of_the_expected_length_scores_below_a_tenth(lex):
    assert default_scorer().score(*UNRELATED_SAME_LENGTH, lex) < 0.1


def test_empty_side_scores_zero(lex):
    assert default_scorer().score("你好。", "  ", lex) == 0.0


def test_aligner_pairs_carry_the_calibrated_score():
    out = align(["今天天气很好。", "我们去公园散步。"], ["The weather is nice today.", "We go for a walk in the park."])
    assert all(0.5 < p.score <= 1.0 for p in out)


def test_weights_file_is_plain_json_with_matching_features():
    from importlib import resources

    data = json.loads((resources.files("toolkit") / "data" / "pair-scorer.json").read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURE_NAMES and len(data["weights"]) == len(FEATURE_NAMES)


def test_weights_for_other_features_are_refused(tmp_path):
    p = tmp_path / "w.json"
    p.write_text(json.dumps({"features": ["a"], "mean": [0], "scale": [1], "weights": [1], "bias": 0}), encoding="utf-8")
    with pytest.raises(ConfigError, match="retrain"):
        PairScorer.load(p)
    p.write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a pair-scorer"):
        PairScorer.load(p)


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
    same style, same length distribution). Measured: median 0.005-0.065 per chapter, 68% below 0.1, 93% below 0.5."""
    sc = default_scorer()
    rng = random.Random(0)
    shuffled, gold = [], []
    for _doc, beads, r in _mac_docs():
        for i, (z, e, b) in enumerate(beads):
            gold.append(sc.score(z, e, lex, ratio=r, beads=b))
            j = rng.randrange(len(beads) - 1)
            j += j >= i
            shuffled.append(sc.score(z, beads[j][1], lex, ratio=r, beads=(b[0], beads[j][2][1])))
    assert statistics.median(shuffled) < 0.1
    assert sum(s < 0.1 for s in shuffled) / len(shuffled) >= 0.6
    assert sum(s < 0.5 for s in shuffled) / len(shuffled) >= 0.9
    assert statistics.median(gold) > 0.7
