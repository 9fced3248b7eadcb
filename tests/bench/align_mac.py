"""Align MAC-Dev (../shared/data/mac-dev, measurement only: never copied here) and score it.

    python tests/bench/align_mac.py [--data ../shared/data/mac-dev] [--embeddings MODEL_PATH]

Prints strict and lax P/R/F1 (Vecalign/Bertalign definition, pooled), wall and CPU time (CPU time
is the fairer speed figure on a shared machine). ``--embeddings``: the bead score of a local
sentence-transformers model (``toolkit align --embeddings``); its load time is printed apart and
the align time includes embedding every sentence run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from toolkit.alignment.aligner import align  # noqa: E402
from toolkit.alignment.lexicon import build_lexicon  # noqa: E402
from toolkit.alignment.score import parse_beads, score  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[3] / "shared/data/mac-dev"))
    ap.add_argument("--embeddings", metavar="MODEL_PATH", help="a local sentence-transformers model folder")
    a = ap.parse_args()
    data = Path(a.data)
    if not (data / "gold").is_dir():
        print(f"no MAC-Dev data at {data}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    lex = build_lexicon(None)
    t_lex = time.perf_counter() - t0
    embedder = None
    t_model = ""
    if a.embeddings:
        from toolkit.alignment.embed import Embedder

        t0 = time.perf_counter()
        embedder = Embedder(a.embeddings)
        t_model = f"model load {time.perf_counter() - t0:.1f} s, "
    docs = []
    t1 = time.perf_counter()
    c1 = time.process_time()
    for g in sorted((data / "gold").glob("*.align")):
        zh = (data / "zh" / f"{g.stem}.zh").read_text(encoding="utf-8").splitlines()
        en = (data / "en" / f"{g.stem}.en").read_text(encoding="utf-8").splitlines()
        test = [(tuple(p.zh_ids), tuple(p.en_ids)) for p in align(zh, en, lexicon=lex, embedder=embedder)]
        docs.append((test, parse_beads(g.read_text(encoding="utf-8").splitlines())))
    t_align = time.perf_counter() - t1
    c_align = time.process_time() - c1
    s = score(docs)
    print(f"MAC-Dev: strict P {s['strict_p']:.3f} R {s['strict_r']:.3f} F1 {s['strict_f1']:.3f} | "
          f"lax P {s['lax_p']:.3f} R {s['lax_r']:.3f} F1 {s['lax_f1']:.3f} | "
          f"lexicon load {t_lex:.1f} s, {t_model}align {t_align:.1f} s wall, {c_align:.1f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
