"""Sentence segmentation against the gold set in tests/cases/segmentation/ (English and Chinese).

The boundary F1 is pinned; the measured figure is in docs/benchmarks.md.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from toolkit.stages.segment import split_sentences

GOLD = Path(__file__).parent / "cases" / "segmentation"
FLOOR = 0.98


def load() -> list[tuple[str, list[str]]]:
    out = []
    for f in sorted(GOLD.glob("*.yaml")):
        lang = f.stem
        for item in yaml.safe_load(f.read_text(encoding="utf-8")):
            out.append((lang, [s.strip() for s in str(item).split(" || ")]))
    return out


def boundaries(sents: list[str]) -> set[int]:
    """Sentence end offsets in the joined text (spaces removed, so joining does not matter)."""
    ends, pos = set(), 0
    for s in sents[:-1]:
        pos += len(s.replace(" ", ""))
        ends.add(pos)
    return ends


def score() -> tuple[float, int, list[str]]:
    tp = fp = fn = 0
    errors = []
    items = load()
    for lang, gold in items:
        text = ("" if lang == "zh" else " ").join(gold)
        got = split_sentences(text, lang)
        g, s = boundaries(gold), boundaries(got)
        tp += len(g & s)
        fp += len(s - g)
        fn += len(g - s)
        if g != s:
            errors.append(f"{got}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return 2 * p * r / (p + r), sum(len(g) for _, g in items), errors


def test_gold_set_size():
    assert sum(len(g) for _, g in load()) >= 200


def test_boundary_f1_floor():
    f1, _, errors = score()
    assert f1 >= FLOOR, (f1, errors)
