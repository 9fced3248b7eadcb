"""The terms stage's cost must not grow with glossary size: run the whole `toolkit clean` with
glossaries of 10, 1,000 and 100,000 entries (loading included) and compare throughput.

    python tests/bench/glossary_scaling.py [--mb 5]

Each size is run twice: `cold` builds the compiled-glossary cache, `warm` reuses it. Synthetic
entries are random terms of common Simplified characters with English variants that may or may not
occur in the text; the shipped glossaries are always included so real repairs happen.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import ROOT, build  # noqa: E402

WORDS = ("economy industry trade policy growth market reform region capital service digital energy green port "
         "customs investment enterprise innovation talent finance rural urban platform export import cluster").split()


def common_chars() -> list[str]:
    """Common Simplified characters: real glossaries are written in them (and OpenCC leaves them alone)."""
    from wordfreq import top_n_list

    return sorted({c for w in top_n_list("zh", 5000) for c in w if "\u4e00" <= c <= "\u9fff"})


def synthetic(n: int, rng: random.Random) -> str:
    chars = common_chars()
    lines = ["pair: zh-en", "entries:"]
    for i in range(n):
        zh = "".join(rng.choice(chars) for _ in range(4)) + f"{i}"
        en = " ".join(rng.sample(WORDS, 3)) + f" term{i}"
        var = " ".join(rng.sample(WORDS, 2)) + f" variant{i}"
        lines += [f"  - zh: '{zh}'", f"    en: {en}", f"    variants: [{var}]"]
    return "\n".join(lines) + "\n"


def run(corpus: Path, glossary: Path, out: Path, cache: Path) -> float:
    env = dict(os.environ, TOOLKIT_CACHE=str(cache))
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "toolkit", "clean", str(corpus), "-o", str(out), "--no-progress",
                        "--glossary", str(ROOT / "glossaries"), "--glossary", str(glossary)],
                       capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise SystemExit(r.stderr)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0)
    a = ap.parse_args()
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        corpus = t / "corpus.jsonl"
        build(corpus, a.mb)
        mb = corpus.stat().st_size / 1e6
        base = None
        for n in (10, 1_000, 100_000):
            g = t / f"g{n}.yaml"
            g.write_text(synthetic(n, rng), encoding="utf-8")
            cache = t / f"cache{n}"
            cold = run(corpus, g, t / "out.jsonl", cache)
            warm = run(corpus, g, t / "out.jsonl", cache)
            base = base or mb / warm
            print(f"{n:>7} entries: cold {mb / cold:.2f} MB/s, warm {mb / warm:.2f} MB/s "
                  f"({mb / warm / base:.2f} of the 10-entry warm throughput)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
