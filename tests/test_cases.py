"""Golden cases as data: tests/cases/*.yaml (label, input, expected, comment; optional flags,
flags_absent, removed, max_edits, xfail). A case without `expected` must come out unchanged with
zero edits (the false-positive set). An HTML case has `html` instead of `input` (and always an
`expected`), a Markdown case `markdown`, and may pin `title`, `metadata` (a subset), `kinds` (each paragraph's) and `articles` (how many records)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES_DIR = Path(__file__).parent / "cases"


def load_cases():
    out = []
    for f in sorted(CASES_DIR.glob("*.yaml")):
        if f.name == "seed-expectations.yaml":
            continue
        for case in yaml.safe_load(f.read_text(encoding="utf-8")):
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
            out.append(pytest.param(case, id=f"{f.stem}:{case['label']}", marks=marks))
    return out


CASES = load_cases()


def test_enough_cases():
    assert len(CASES) >= 150
    assert sum(1 for c in CASES if "expected" not in c.values[0]) >= 50
    assert all(c.values[0].get("comment") for c in CASES)


@pytest.mark.parametrize("case", CASES)
def test_case(case, pipeline):
    from toolkit import Document, clean_text

    if "html" in case:
        assert "expected" in case, "an HTML case needs 'expected'"
        recs = pipeline.run(Document(id="case", source="case", html=case["html"])).to_records()
    elif "markdown" in case:
        assert "expected" in case, "a Markdown case needs 'expected'"
        recs = pipeline.run(Document(id="case", source="case", raw=case["markdown"], markup="markdown")).to_records()
    else:
        recs = clean_text(case["input"], pipeline=pipeline)
    rec = recs[0]
    body = rec["text"]
    if "expected" not in case:
        assert body == case["input"].strip()
        assert rec["edits"] == [], rec["edits"]
        assert rec["removed"] == []
    else:
        assert body == case["expected"]
    kinds = {f["kind"] for f in rec["flags"]}
    for k in case.get("flags", []):
        assert k in kinds, rec["flags"]
    for k in case.get("flags_absent", []):
        assert k not in kinds, rec["flags"]
    if "removed" in case:
        texts = [r["text"] for r in rec["removed"]]
        if not case["removed"]:
            assert texts == []
        for t in case["removed"]:
            assert any(x.startswith(t) or t in x for x in texts), texts
    if "title" in case:
        assert rec["title"] == case["title"]
    if "kinds" in case:  # every paragraph's kind, in order
        assert [p["kind"] for r in recs for p in r["paragraphs"]] == case["kinds"], [p["text"] for r in recs for p in r["paragraphs"]]
    for key, value in case.get("metadata", {}).items():
        assert rec["metadata"].get(key) == value, rec["metadata"]
    if "articles" in case:
        assert len(recs) == case["articles"], [r["title"] for r in recs]
    if "max_edits" in case:
        assert len(rec["edits"]) <= case["max_edits"], rec["edits"]
