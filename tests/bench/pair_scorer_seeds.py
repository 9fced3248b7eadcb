"""With and without the learned lexicon: the pair scorer retrained on three draws of synthetic negatives.

    python tests/bench/pair_scorer_seeds.py --wmt /path/to/wmt22

The same split as ``train_pair_scorer.py`` (train on MAC-Dev 001-004 and the first 80% of each WMT22
file, report on MAC-Dev 005-006 and the last 20%), the same model settings; only the random draw of
negatives changes (seed offsets 0, 10, 20; offset 0 is what ``train_pair_scorer.py`` ships). "without"
trains and scores with the learned-lexicon features (``lrn_*``, ``ibm_*``) held constant, which is
the model before them. Prints, per draw, the held-out figures of both and the pairs on which they
disagree at 0.5 (gold kept by one only, negatives dropped by one only), with 95% Wilson intervals
for the headline shares of the "with" model.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from stats import wilson  # noqa: E402
from train_pair_scorer import MAC, MAC_HELD_OUT, auc, featurize, fit_trees, mac_docs, make_rows, wmt_docs  # noqa: E402

from toolkit.alignment.calibrate import PairScorer  # noqa: E402
from toolkit.alignment.features import FEATURE_NAMES  # noqa: E402
from toolkit.alignment.lexicon import build_lexicon  # noqa: E402

FIRST_LEARNED = FEATURE_NAMES.index("lrn_zh_cov")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mac", default=str(MAC))
    ap.add_argument("--wmt", required=True)
    a = ap.parse_args()
    lex = build_lexicon(None)
    mac = mac_docs(Path(a.mac))
    wtrain, wheld = wmt_docs(Path(a.wmt))
    print("| draw | model | Brier (balanced) | ROC-AUC | gold kept at 0.5 | negatives dropped at 0.5 | shuffled < 0.1 | MAC-Dev gold kept |")
    print("|---|---|---|---|---|---|---|---|")
    for s in (0, 10, 20):
        train = make_rows([v for k, v in mac.items() if k not in MAC_HELD_OUT], "mac", 1 + s) + make_rows(wtrain, "wmt", 2 + s)
        held = make_rows([v for k, v in mac.items() if k in MAC_HELD_OUT], "mac", 3 + s) + make_rows(wheld, "wmt", 4 + s)
        X, H = featurize(train, lex), featurize(held, lex)
        y = np.array([r[4] for r in train], float)
        yh = np.array([r[4] for r in held], float)
        kinds = np.array([r[5] for r in held])
        mac_rows = np.array([r[6] == "mac" for r in held])
        g = yh == 1
        w = np.where(g, 0.5 / g.sum(), 0.5 / (~g).sum())
        res = {}
        for name, cut in (("without", FIRST_LEARNED), ("with", X.shape[1])):
            Xt, Ht = X.copy(), H.copy()
            Xt[:, cut:] = 0.0
            Ht[:, cut:] = 0.0
            b, trees = fit_trees(Xt, y)
            sc = PairScorer.from_dict({"features": FEATURE_NAMES, "bias": b, "trees": trees})
            p = np.array([sc.probability(list(x)) for x in Ht])
            res[name] = p
            kept, dropped = int((p[g] >= 0.5).sum()), int((p[~g] < 0.5).sum())
            sh = kinds == "shuffled"
            low = int((p[sh] < 0.1).sum())
            ci = ""
            if name == "with":
                ci = " [{:.1%}-{:.1%}]"
            print(f"| +{s} | {name} | {(w * (p - yh) ** 2).sum():.4f} | {auc(p, yh):.4f} "
                  f"| {kept / g.sum():.1%}{ci.format(*wilson(kept, int(g.sum()))) if ci else ''} "
                  f"| {dropped / (~g).sum():.1%}{ci.format(*wilson(dropped, int((~g).sum()))) if ci else ''} "
                  f"| {low / sh.sum():.1%}{ci.format(*wilson(low, int(sh.sum()))) if ci else ''} "
                  f"| {(p[g & mac_rows] >= 0.5).mean():.1%} |", flush=True)
        o, n = res["without"], res["with"]
        print(f"|  | disagree | gold kept by without only {int(((o >= 0.5) & (n < 0.5) & g).sum())}, by with only "
              f"{int(((o < 0.5) & (n >= 0.5) & g).sum())}; negatives dropped by without only {int(((o < 0.5) & (n >= 0.5) & ~g).sum())}, "
              f"by with only {int(((o >= 0.5) & (n < 0.5) & ~g).sum())} | | | | | |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
