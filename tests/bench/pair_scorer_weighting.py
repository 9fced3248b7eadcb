"""Row weightings of the pair scorer compared over draws of negatives, on the same rows.

    python tests/bench/pair_scorer_weighting.py --wmt /path/to/wmt22 [--seeds 0 10 20 30]
        [--settings class:1 corpus:1 class:2 corpus:1.5 corpus:2] [--json out.json]

The same split, draws and model settings as ``pair_scorer_seeds.py`` (train on MAC-Dev 001-004 and the
first 80% of each WMT22 file, report on MAC-Dev 005-006 and the last 20%; seed offset 0 is what
``train_pair_scorer.py`` trains). Each seed's rows are featurised once and every setting is fitted on
them; a setting is ``WEIGHTING:MAC_GOLD`` (see ``train_pair_scorer.row_weights``: ``class`` is the
shipped weighting, ``corpus`` gives each corpus equal weight within each class, ``MAC_GOLD``
multiplies the MAC-Dev gold rows). Prints per seed and setting: gold kept at 0.5 (both / MAC-Dev /
WMT22), negatives dropped at 0.5, shuffled pairs below 0.1 (each with its 95% Wilson interval),
class-balanced Brier and ROC-AUC; ``--json`` writes the counts as well.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from stats import wilson  # noqa: E402
from train_pair_scorer import (  # noqa: E402
    DRAWS,
    MAC,
    N_TREES,
    auc,
    draw_rows,
    featurize,
    fit_trees,
    mac_docs,
    row_weights,
    wmt_docs,
)

from toolkit.alignment.calibrate import PairScorer  # noqa: E402
from toolkit.alignment.features import FEATURE_NAMES  # noqa: E402
from toolkit.alignment.lexicon import build_lexicon  # noqa: E402


def parse_setting(text: str) -> tuple[str, float]:
    weighting, _, mac_gold = text.partition(":")
    if weighting not in ("class", "corpus"):
        raise argparse.ArgumentTypeError(f"{text!r}: WEIGHTING:MAC_GOLD with WEIGHTING class or corpus")
    return weighting, float(mac_gold or 1.0)


def share(k: int, n: int) -> dict:  # type: ignore[type-arg]
    lo, hi = wilson(k, n)
    return {"k": k, "n": n, "share": k / n if n else float("nan"), "wilson95": [lo, hi]}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mac", default=str(MAC))
    ap.add_argument("--wmt", required=True)
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 10, 20])
    ap.add_argument("--settings", type=parse_setting, nargs="+",
                    default=[("class", 1.0), ("corpus", 1.0), ("class", 2.0), ("corpus", 1.5), ("corpus", 2.0)])
    ap.add_argument("--draws", type=int, default=DRAWS, help="draws of negatives each model trains on")
    ap.add_argument("--json", help="write every figure (with counts) to this file, after each fit")
    a = ap.parse_args()
    lex = build_lexicon(None)
    mac = mac_docs(Path(a.mac))
    wtrain, wheld = wmt_docs(Path(a.wmt))
    out: list[dict] = []  # type: ignore[type-arg]
    print("| seed | weighting | MAC-Dev gold | gold kept at 0.5 (both / MAC-Dev / WMT22) | negatives dropped at 0.5 "
          "| shuffled < 0.1 | Brier (balanced) | ROC-AUC |")
    print("|---|---|---|---|---|---|---|---|")
    for s in a.seeds:
        t0 = time.time()
        train, held = draw_rows(mac, wtrain, wheld, s, a.draws)
        X, H = featurize(train, lex), featurize(held, lex)
        featurise_s = time.time() - t0
        y = np.array([r[4] for r in train], float)
        corpus = np.array([r[6] for r in train])
        yh = np.array([r[4] for r in held], float)
        kinds = np.array([r[5] for r in held])
        mac_rows = np.array([r[6] == "mac" for r in held])
        g = yh == 1
        wb = np.where(g, 0.5 / g.sum(), 0.5 / (~g).sum())
        sh = kinds == "shuffled"
        print(f"<!-- seed +{s}: {len(train)} training rows ({int(y.sum())} gold), {len(held)} held-out rows "
              f"({int(g.sum())} gold); featurised in {featurise_s:.0f} s -->", flush=True)
        for weighting, mac_gold in a.settings:
            t1 = time.time()
            sw = row_weights(y, corpus, weighting, mac_gold)
            tw = np.where(y == 1, 0.5 / y.sum(), 0.5 / (1 - y).sum()) * sw  # the weights fit_trees trains with (up to scale)
            b, trees = fit_trees(X, y, N_TREES, sample_weight=None if weighting == "class" and mac_gold == 1.0 else sw)
            sc = PairScorer.from_dict({"features": FEATURE_NAMES, "bias": b, "trees": trees})
            p = np.array([sc.probability(list(x)) for x in H])
            fit_s = time.time() - t1
            res = {
                "seed": s, "weighting": weighting, "mac_gold": mac_gold, "bias": b,
                "gold_kept": share(int((p[g] >= 0.5).sum()), int(g.sum())),
                "gold_kept_mac": share(int((p[g & mac_rows] >= 0.5).sum()), int((g & mac_rows).sum())),
                "gold_kept_wmt": share(int((p[g & ~mac_rows] >= 0.5).sum()), int((g & ~mac_rows).sum())),
                "negatives_dropped": share(int((p[~g] < 0.5).sum()), int((~g).sum())),
                "negatives_dropped_mac": share(int((p[~g & mac_rows] < 0.5).sum()), int((~g & mac_rows).sum())),
                "negatives_dropped_wmt": share(int((p[~g & ~mac_rows] < 0.5).sum()), int((~g & ~mac_rows).sum())),
                "shuffled_below_0.1": share(int((p[sh] < 0.1).sum()), int(sh.sum())),
                "brier_balanced": float((wb * (p - yh) ** 2).sum()), "roc_auc": auc(p, yh),
                "training_weight": {f"{c} {'gold' if cls else 'negatives'}": float(tw[(corpus == c) & (y == cls)].sum() / tw.sum())
                                    for c in ("mac", "wmt") for cls in (1, 0)},
                "featurise_seconds": round(featurise_s, 1), "fit_and_score_seconds": round(fit_s, 1),
            }
            out.append(res)

            def ci(key: str, res: dict = res) -> str:  # type: ignore[type-arg]
                lo, hi = res[key]["wilson95"]
                return f"{res[key]['share']:.1%} [{lo:.1%}-{hi:.1%}]"

            print(f"| +{s} | {weighting} | x{mac_gold:g} | {ci('gold_kept')} / {res['gold_kept_mac']['share']:.1%} / "
                  f"{res['gold_kept_wmt']['share']:.1%} | {ci('negatives_dropped')} | {ci('shuffled_below_0.1')} "
                  f"| {res['brier_balanced']:.4f} | {res['roc_auc']:.4f} |", flush=True)
            if a.json:
                Path(a.json).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"<!-- seed +{s}: {time.time() - t0:.0f} s in all -->", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
