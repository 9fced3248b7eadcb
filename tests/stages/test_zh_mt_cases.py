"""Machine-translated Chinese golden cases (tests/cases/zh_mt.yaml): the kind of every paragraph.

tests/test_cases.py checks the body of every case; this checks `kinds` (heading, paragraph, list_item),
which the structure stage decides and the records carry, and `langs`, each paragraph's language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from toolkit import Pipeline
from toolkit.model import Document

CASES = [c for c in yaml.safe_load((Path(__file__).resolve().parents[1] / "cases" / "zh_mt.yaml").read_text(encoding="utf-8"))
         if "kinds" in c or "langs" in c]
PIPE = Pipeline.default()


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_zh_mt_kinds(case):
    recs = PIPE.run(Document(id="t", source="t", raw=case["input"])).to_records()
    paras = [p for r in recs for p in r["paragraphs"]]
    if "kinds" in case:
        assert [p["kind"] for p in paras] == case["kinds"], [p["text"] for p in paras]
    if "langs" in case:
        assert [p["lang"] for p in paras] == case["langs"], [p["text"] for p in paras]
