"""Layout golden cases (tests/cases/layouts.yaml): the interleaved pairs and the articles.

tests/test_cases.py checks the body, title and metadata of every case; this checks the pairs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from toolkit import Pipeline
from toolkit.model import Document

CASES = yaml.safe_load((Path(__file__).resolve().parents[1] / "cases" / "layouts.yaml").read_text(encoding="utf-8"))
PIPE = Pipeline.default()


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_layout_case(case):
    doc = PIPE.run(Document(id="t", source="t", raw=case["input"]))
    recs = doc.to_records()
    if "articles" in case:
        assert len(recs) == case["articles"], [r["title"] for r in recs]
    if "pairs" in case:
        assert [(p.zh, p.en) for p in doc.pairs] == [tuple(p) for p in case["pairs"]]


def test_interleaved_pairs_are_not_shifted_by_an_unpaired_headline():
    """Even with the headline left in the body (no title taken), pairing is by alignment, not position."""
    from toolkit.stages.bilingual import interleaved_pairs

    texts = ["Jiangxi to train rural music teachers", "江西将在3年内培训1万名乡村小学音乐教师。",
             "Jiangxi will train 10,000 rural primary school music teachers in 3 years.", "培训对象为45岁以下的教师。",
             "The trainees are teachers under the age of 45.", "全省100个县都将参加。", "All 100 counties of the province will take part."]
    langs = ["en", "zh", "en", "zh", "en", "zh", "en"]
    assert interleaved_pairs(langs, texts) == [(1, 2), (3, 4), (5, 6)]
