"""The learned lexicon (IBM-1 on public zh-en text): shipped, read lazily, and evidence in the pair features."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.alignment.features import FEATURE_NAMES, pair_features
from toolkit.alignment.lexicon import build_lexicon, learned_lexicon, parse_learned

ROOT = Path(__file__).resolve().parents[2]
# 作家 -> writer, 同事 -> coworker, 受伤 -> injured: links CC-CEDICT's definitions ("author", "colleague",
# "to sustain injuries") do not give (its verbs' irregular forms, said for 说, it does give)
PAIR = ("这位作家的同事受伤了。", "The writer's coworker was injured.")


@pytest.fixture(scope="module")
def lexicons():
    return build_lexicon(), build_lexicon(learned=False)


def test_shipped_file_holds_links_cc_cedict_lacks(lexicons):
    with_, without = lexicons
    lx = learned_lexicon()
    assert len(lx.fwd) > 5_000 and with_.probs is lx and without.probs is None and without.learned == {}
    for zh, en in (("作家", "writer"), ("同事", "cowork"), ("首席执行官", "ceo")):
        assert en in lx.links[zh] and en not in without.table.get(zh, ())
        assert 0.1 <= lx.fwd[zh][en] <= 1.0 and 0.1 <= lx.bwd[en][zh] <= 1.0
    # never merged into the dictionary table: the aligner's anchors are CC-CEDICT's and the glossary's
    assert with_.table == without.table


def test_learned_links_and_probabilities_reach_the_features(lexicons):
    with_, without = lexicons
    f = dict(zip(FEATURE_NAMES, pair_features(*PAIR, with_)))
    g = dict(zip(FEATURE_NAMES, pair_features(*PAIR, without)))
    assert f["lrn_new_hits"] > 0.5 and g["lrn_new_hits"] == 0.0
    assert f["lrn_zh_cov"] > f["zh_cov"] == g["lrn_zh_cov"]
    assert f["lrn_en_cov_rare"] > f["en_cov_rare"]
    # a CC-CEDICT match counts as probability 1, a learned one as its probability, an unknown word not at all
    assert -1.0 < f["ibm_en"] <= 0.0 and f["ibm_min"] == min(f["ibm_en"], f["ibm_zh"])
    unrelated = dict(zip(FEATURE_NAMES, pair_features(PAIR[0], "The children play football on the grass.", with_)))
    assert unrelated["ibm_en"] < -2.0 and unrelated["lrn_new_hits"] == 0.0


def test_a_damaged_file_reads_as_an_empty_lexicon():
    good = gzip.compress("# h\n说\tsaid\t0.4\t0.3\n".encode())
    assert parse_learned(good, {}).links == {"说": frozenset({"said"})}
    for raw in (b"", b"not gzip", gzip.compress(b"\xff\xfe"), gzip.compress("说\tsaid\tx\t0.3\n".encode()), good[:-5]):
        lx = parse_learned(raw, {})
        assert lx.fwd == {} and lx.links == {}


def test_read_on_first_use_only():
    """Importing the alignment modules (as ``toolkit clean --bitext`` does before it aligns anything)
    reads no learned lexicon; the first lexicon build does, once."""
    code = ("import toolkit.alignment.aligner, toolkit.alignment.calibrate, toolkit.alignment.lexicon as L; "
            "a = L.learned_lexicon.cache_info().currsize; L.build_lexicon(); L.build_lexicon(); "
            "print(a, L.learned_lexicon.cache_info().misses)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["0", "1"]


def test_cc_cedict_verbs_meet_their_irregular_past_and_nouns_their_plurals(lexicons):
    """CC-CEDICT defines 挂断 "to hang up" and 孩子 "child"; the English writes "hung", "children"
    (Snowball does not bring them back), so the table holds those forms too (lemminflect's tables)."""
    _, without = lexicons
    from toolkit.alignment.lexicon import stem

    assert stem("hung") in without.table["挂断"] and stem("went") in without.table["去"]
    assert stem("children") in without.table["孩子"]
    assert stem("born") not in without.table["熊"]  # "bear" the animal is no verb: no "born", "bore"
    f = dict(zip(FEATURE_NAMES, pair_features("电话挂断了。", "She hung up.", without)))
    assert f["zh_cov"] > 0.0
