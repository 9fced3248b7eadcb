"""Sentence segmentation speed: the segment stage's rule segmenter (the default), its spaCy
segmenter (regex fast path, spaCy where a boundary is ambiguous) and spaCy's sentencizer on every
paragraph, over the English paragraphs of the seed corpus; and how often the rules and the spaCy
segmenter disagree.

    python tests/bench/segmentation.py [--mb 2]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from corpus import build  # noqa: E402

from toolkit.lang import detect_lang  # noqa: E402
from toolkit.stages import segment  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.0)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "c.jsonl"
        build(p, a.mb)
        paras = [x.strip() for line in p.read_text(encoding="utf-8").splitlines()
                 for x in json.loads(line)["text"].split("\n") if x.strip()]
    paras = [x for x in paras if detect_lang(x) == "en"]
    mb = sum(len(x.encode()) for x in paras) / 1e6
    segment._nlp()
    t0 = time.perf_counter()
    rules = [segment.split_en(x) for x in paras]
    t_stage = time.perf_counter() - t0
    n_stage = sum(map(len, rules))
    t0 = time.perf_counter()
    mixed = [segment.split_en_spacy(x) for x in paras]
    t_mixed = time.perf_counter() - t0
    disagree = sum(1 for a, b in zip(rules, mixed) if a != b)
    nlp = segment._nlp()
    t0 = time.perf_counter()
    n_spacy = sum(len(list(nlp(x).sents)) for x in paras)
    t_spacy = time.perf_counter() - t0
    print(f"{len(paras)} English paragraphs, {mb:.2f} MB")
    print(f"segment stage, rules (default):                          {mb / t_stage:.2f} MB/s, {n_stage} sentences")
    print(f"segment stage, spacy (regex fast path + spaCy where ambiguous): {mb / t_mixed:.2f} MB/s, "
          f"{sum(map(len, mixed))} sentences; paragraphs split differently: {disagree}")
    print(f"spaCy sentencizer on every paragraph:                    {mb / t_spacy:.2f} MB/s, {n_spacy} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
