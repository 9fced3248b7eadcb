"""The word-frequency cache (toolkit.wordlists) and sacremoses' punctuation table
(toolkit.stages.encoding.moses_unicode_punct) answer exactly as the libraries they stand in for."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import wordfreq

from toolkit import datacache, wordlists
from toolkit.stages import encoding

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache folder and no table in memory: the first use builds and writes the cache."""
    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path))
    wordlists._bands.cache_clear()
    yield tmp_path
    wordlists._bands.cache_clear()


@pytest.fixture(scope="module")
def truth() -> dict[str, float]:
    """wordfreq's own Zipf value of every ASCII word in its English list (3 s, computed once)."""
    return {w: wordfreq.zipf_frequency(w, "en") for w in wordfreq.iter_wordlist("en") if re.fullmatch(r"[a-z]+", w)}


def test_every_english_word_has_wordfreqs_zipf(fresh_cache, truth):
    words = list(truth)
    assert len(words) > 250_000
    wrong = [w for w in words if wordlists.zipf(w) != truth[w]]
    assert wrong == []
    assert list(fresh_cache.glob("wordfreq-en-*.tsv")), "the cache file was written"
    # ... and a second process-like start reads it back with the same answers
    wordlists._bands.cache_clear()
    sample = random.Random(7).sample(words, 3000)
    assert [wordlists.zipf(w) for w in sample] == [truth[w] for w in sample]


def test_other_strings_match_wordfreq(fresh_cache):
    rng = random.Random(11)
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    odd = ["The", "ECONOMY", "iPhone", "teamLab", "don't", "the2023", "2023", "café", "Beijing's", "x-ray", "",
           "中国", "naïve", "Ａpple", "qzxqzx"]
    rand = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 9))) for _ in range(2000)]
    for w in odd + rand:
        assert wordlists.zipf(w) == wordfreq.zipf_frequency(w, "en"), w


def test_a_floor_reads_only_the_bands_above_it_and_stays_exact_there(fresh_cache, truth):
    assert wordlists.at_least("zygote", 2.0) is (wordfreq.zipf_frequency("zygote", "en") >= 2.0)
    bands = wordlists._bands("en")
    assert 2.0 >= bands.floor > 1.5, "reading stopped at the floor"
    known = len(bands.zipf)
    assert 80_000 < known < 150_000
    rare = next(w for w in truth if 0.5 < truth[w] < 1.5)
    assert wordlists.zipf(rare, 2.0) < 2.0
    assert len(bands.zipf) == known, "a question with a floor reads no further"
    assert wordlists.zipf(rare) == wordfreq.zipf_frequency(rare, "en")
    assert len(bands.zipf) > known


@pytest.mark.parametrize("lang,n", [("en", 60_000), ("zh", 20_000), ("zh", 7)])
def test_top_n_is_wordfreqs_top_n_list(fresh_cache, lang, n):
    assert wordlists.top_n(lang, n) == wordfreq.top_n_list(lang, n)


def test_sacremoses_table_is_the_librarys(tmp_path, monkeypatch):
    from sacremoses import MosesPunctNormalizer

    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path))
    want = [tuple(p) for p in MosesPunctNormalizer.REPLACE_UNICODE_PUNCTUATION]
    assert encoding.moses_unicode_punct() == want  # built
    assert list(tmp_path.glob("sacremoses-punct-*.tsv"))
    assert encoding.moses_unicode_punct() == want  # read back


def test_a_changed_source_builds_a_new_cache():
    a = datacache.path_for("t", datacache.source_key("wordfreq", "data/large_en.msgpack.gz"))
    b = datacache.path_for("t", datacache.source_key("wordfreq", "data/small_en.msgpack.gz"))
    assert a is not None and b is not None and a != b
    assert datacache.source_key("no_such_package_xyz", "x") is None
    assert datacache.path_for("t", None) is None


def test_a_real_document_loads_neither_wordfreq_nor_sacremoses_once_cached(tmp_path):
    """The first real document used to pay ~1 s importing sacremoses (its tokenizer compiles ~200
    patterns) and wordfreq (with langcodes). With the caches warm, neither is imported; nor is
    markdown-it-py (~40 ms) for a document that is not Markdown."""
    text = ("Exports grew 5%。Imports fell、too. The first-Mover advantage is Clear in Beijing.\n\n"
            "Guangdong's annual import and expor\n")
    code = (
        "import sys, toolkit\n"
        f"toolkit.clean_text({text!r})\n"
        "print(json.dumps(sorted(m for m in ('wordfreq', 'sacremoses', 'langcodes', 'markdown_it') if m in sys.modules)))\n"
    )
    env = dict(os.environ, TOOLKIT_CACHE=str(tmp_path), PYTHONPATH=str(ROOT))
    run = [sys.executable, "-c", "import json\n" + code]
    subprocess.run(run, env=env, check=True, capture_output=True, text=True)  # builds the caches
    warm = subprocess.run(run, env=env, check=True, capture_output=True, text=True)
    assert json.loads(warm.stdout.strip().splitlines()[-1]) == []


@pytest.mark.parametrize("threshold", [2.0, 2.5, 3.0, 3.5, 4.0, 4.5])
def test_at_least_agrees_with_wordfreq_at_each_threshold_the_stages_use(fresh_cache, truth, threshold):
    words = list(truth)
    rng = random.Random(int(threshold * 10))
    at_edge = [w for w in words if abs(truth[w] - threshold) <= 0.01][:50]
    assert at_edge, "words on the threshold itself are checked"
    for w in at_edge + rng.sample(words, 500) + ["Economy", "qzxqzx", "café"]:
        assert wordlists.at_least(w, threshold) is (wordfreq.zipf_frequency(w, "en") >= threshold), w
