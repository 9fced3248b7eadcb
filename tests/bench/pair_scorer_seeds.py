"""With and without a group of features: the pair scorer retrained on three draws of synthetic negatives.

    python tests/bench/pair_scorer_seeds.py --wmt /path/to/wmt22 [--group neighbours|learned]

The same split as ``train_pair_scorer.py`` (train on MAC-Dev 001-004 and the first 80% of each WMT22
file, report on MAC-Dev 005-006 and the last 20%), the same model settings; only the random draw of
negatives changes (seed offsets 0, 10, 20; offset 0 is what ``train_pair_scorer.py`` ships). "without"
trains and scores with the group's features held constant, which is the model before them:
``neighbours`` (the default) is ``has_context`` .. ``nb_en_in_zh`` (held-out pairs scored with their
neighbours, as the aligner scores them; "with, alone" is the same model scoring each pair without
them); ``learned`` is the learned-lexicon features ``lrn_*`` and ``ibm_*`` (the neighbour features
held constant in both). Prints, per draw, the held-out figures of both and the pairs on which they
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
from train_pair_scorer import (  # noqa: E402
    DRAWS,
    MAC,
    N_TREES,
    auc,
    draw_rows,
    featurize,
    fit_trees,
    mac_docs,
    wmt_docs,
)

from toolkit.alignment.calibrate import PairScorer  # noqa: E402
from toolkit.alignment.features import FEATURE_NAMES  # noqa: E402
from toolkit.alignment.lexicon import build_lexicon  # noqa: E402

FIRST_LEARNED = FEATURE_NAMES.index("lrn_zh_cov")
FIRST_NEIGHBOUR = FEATURE_NAMES.index("has_context")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mac", default=str(MAC))
    ap.add_argument("--wmt", required=True)
    ap.add_argument("--group", choices=("neighbours", "learned"), default="neighbours")
    ap.add_argument("--draws", type=int, default=DRAWS, help="draws of negatives each model trains on")
    a = ap.parse_args()
    n = len(FEATURE_NAMES)
    if a.group == "neighbours":
        # (name, columns held at 0 in training, columns held at 0 when scoring)
        models = [("without", range(FIRST_NEIGHBOUR, n), range(FIRST_NEIGHBOUR, n)), ("with", (), ()),
                  ("with, alone", (), range(FIRST_NEIGHBOUR, n))]
    else:
        models = [("without", range(FIRST_LEARNED, n), range(FIRST_LEARNED, n)),
                  ("with", range(FIRST_NEIGHBOUR, n), range(FIRST_NEIGHBOUR, n))]
    lex = build_lexicon(None)
    mac = mac_docs(Path(a.mac))
    wtrain, wheld = wmt_docs(Path(a.wmt))
    print("| draw | model | Brier (balanced) | ROC-AUC | gold kept at 0.5 | negatives dropped at 0.5 | shuffled < 0.1 | MAC-Dev gold kept |")
    print("|---|---|---|---|---|---|---|---|")
    for s in (0, 10, 20):
        train, held = draw_rows(mac, wtrain, wheld, s, a.draws)
        X, H = featurize(train, lex), featurize(held, lex)
        y = np.array([r[4] for r in train], float)
        yh = np.array([r[4] for r in held], float)
        kinds = np.array([r[5] for r in held])
        mac_rows = np.array([r[6] == "mac" for r in held])
        g = yh == 1
        w = np.where(g, 0.5 / g.sum(), 0.5 / (~g).sum())
        res = {}
        fitted: dict[tuple[int, ...], PairScorer] = {}
        for name, zero_train, zero_score in models:
            key = tuple(zero_train)
            if key not in fitted:
                Xt = X.copy()
                Xt[:, list(zero_train)] = 0.0
                b, trees = fit_trees(Xt, y, N_TREES)
                fitted[key] = PairScorer.from_dict({"features": FEATURE_NAMES, "bias": b, "trees": trees})
            sc = fitted[key]
            Ht = H.copy()
            Ht[:, list(zero_score)] = 0.0
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
        o, n_ = res["without"], res["with"]
        print(f"|  | disagree | gold kept by without only {int(((o >= 0.5) & (n_ < 0.5) & g).sum())}, by with only "
              f"{int(((o < 0.5) & (n_ >= 0.5) & g).sum())}; negatives dropped by without only {int(((o < 0.5) & (n_ >= 0.5) & ~g).sum())}, "
              f"by with only {int(((o >= 0.5) & (n_ < 0.5) & ~g).sum())} | | | | | |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
