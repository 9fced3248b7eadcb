"""Quality gate on the real-world dev set (tests/eval/realworld/, scored by tests/bench/realworld.py).

Floors pinned a little under the measured figures (docs/benchmarks.md), so a change that makes
structure, metadata, pairing or flags worse on real documents fails here."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "realworld.py"


@pytest.fixture(scope="module")
def result():
    spec = importlib.util.spec_from_file_location("realworld_bench", BENCH)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.run()


def ratio(text: str) -> float:
    right, total = text.split(" ")[0].split("/")
    return int(right) / int(total)


def test_fields_articles_and_pairs(result):
    acc = result["field_accuracy"]
    assert ratio(acc["title"]) >= 0.95, result["field_misses"]["title"]
    assert ratio(acc["documents"]) == 1.0, result["field_misses"]["documents"]
    for f in ("date", "source_name", "byline", "editors"):
        assert ratio(acc[f]) >= 0.9, result["field_misses"][f]
    assert ratio(result["pairs"]["emitted_correct"]) >= 0.95 and ratio(result["pairs"]["labelled_covered"]) >= 0.95


def test_no_content_lost_and_furniture_removed(result):
    assert result["lost"] == []
    assert result["boilerplate"]["precision"] >= 0.9 and result["boilerplate"]["recall"] >= 0.9
    assert result["metadata_lines"].split("/")[0] == result["metadata_lines"].split("/")[1]


def test_edits_correct_and_flags_trustworthy(result):
    """No edit judged wrong; at least 80% of judged flags true problems (new ones are reported unjudged)."""
    right, judged = result["edit_precision"].split(" ")[0].split("/")
    assert right == judged, result["unjudged"]
    right, judged = (int(x) for x in result["flag_precision"].split(" ")[0].split("/"))
    assert judged and right / judged >= 0.8
    assert result["flags_per_1000"]["en"] <= 1.5


def test_hard_wrapped_variants_read_like_the_original(result):
    assert ratio(result["hard_wrapped_same"]) >= 0.85, result["hard_wrapped_differ"]
