"""Train the calibrated pair scorer (``toolkit/data/pair-scorer.json``) and report held-out calibration.

    python tests/bench/train_pair_scorer.py --wmt /tmp/wmt22 [--model trees|logistic] [--write]

Positives are gold pairs: MAC-Dev beads (``../shared/data/mac-dev``, read in place, never copied)
and the WMT22 general-test zh-en and en-zh sources with their reference A (sentence-aligned, from
the public wmt-conference/wmt22-news-systems repository; ``--wmt`` names a folder holding
``generaltest2022.zh-en.src.zh``, ``generaltest2022.zh-en.ref.A.en``, ``generaltest2022.en-zh.src.en``
and ``generaltest2022.en-zh.ref.A.zh``). Negatives are made from the positives the way Bicleaner
makes them: shuffled pairs, wrong neighbours, truncated sides, over-merged neighbours (wrong
extent), number swaps, and a side copied or repeated.

The split is by document so nothing is reported on training data: MAC-Dev chapters 001-004 and
the first 80% of each WMT file train the model; chapters 005-006 and the last 20% of each WMT
file are held out. The shipped weights are the ones trained on the training part only, so the
held-out figures describe exactly what ships. Classes are weighted equally, so the score is a
probability under a 50/50 prior of correct and incorrect candidates. ``--weighting corpus`` gives
each corpus's gold and each corpus's negatives equal total weight instead (the classes still 50/50);
``--mac-gold X`` multiplies the weight of the MAC-Dev gold rows by X (then gold outweighs the
negatives, and the score is a probability under that prior, not 50/50). See :func:`row_weights`.

The shipped model is gradient-boosted regression trees (log-loss, Newton leaves, depth 4, on
quantile split points of the raw features), written out as plain JSON; ``--model logistic`` fits
the older class-balanced logistic regression for comparison.

Prints Brier score, ROC-AUC, a reliability table, and the share kept/dropped at 0.5 per kind.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from toolkit.alignment.aligner import neighbours  # noqa: E402
from toolkit.alignment.calibrate import PairScorer  # noqa: E402
from toolkit.alignment.features import FEATURE_NAMES, pair_features  # noqa: E402
from toolkit.alignment.flags import pair_flags  # noqa: E402
from toolkit.alignment.lexicon import build_lexicon  # noqa: E402
from toolkit.alignment.qa import number_mismatches  # noqa: E402
from toolkit.alignment.score import parse_beads  # noqa: E402

MAC = Path(__file__).resolve().parents[3] / "shared" / "data" / "mac-dev"
OUT = Path(__file__).resolve().parents[2] / "toolkit" / "data" / "pair-scorer.json"
MAC_HELD_OUT = ("005", "006")
WMT_FILES = (("generaltest2022.zh-en.src.zh", "generaltest2022.zh-en.ref.A.en"),
             ("generaltest2022.en-zh.ref.A.zh", "generaltest2022.en-zh.src.en"))

# A gold bead: its zh sentences, en sentences, and the sentences beside each side in its documents
# (zh before, zh after, en before, en after; "" at an edge).
Bead = tuple[list[str], list[str], tuple[str, str, str, str]]
# (zh, en, beads, ratio, label, kind, corpus, context or None)
Row = tuple[str, str, tuple[int, int], float, int, str, str, "tuple[str, str, str, str] | None"]

#: Share of training rows given without their neighbours, so the one model also scores pairs
#: that come alone (``PairScorer.score`` without ``context``).
NO_CONTEXT = 0.5
#: Trees in the shipped model.
N_TREES = 600
#: Draws of synthetic negatives the shipped model trains on (the gold pairs repeat with each; the
#: classes stay weighted equally).
DRAWS = 3


def doc_ratio(zh: list[str], en: list[str]) -> float:
    zl = sum(len(re.sub(r"\s+", "", s)) for s in zh) or 1
    return sum(len(s) for s in en) / zl


def mac_docs(data: Path) -> dict[str, tuple[list[Bead], float]]:
    out = {}
    if not (data / "gold").is_dir():
        raise SystemExit(f"no MAC-Dev gold beads under {data} (give --mac)")
    for g in sorted((data / "gold").glob("*.align")):
        zh = (data / "zh" / f"{g.stem}.zh").read_text(encoding="utf-8").splitlines()
        en = (data / "en" / f"{g.stem}.en").read_text(encoding="utf-8").splitlines()
        beads = [([zh[i] for i in s], [en[j] for j in t], neighbours(zh, en, s, t))
                 for s, t in parse_beads(g.read_text(encoding="utf-8").splitlines()) if s and t]
        out[g.stem] = (beads, doc_ratio(zh, en))
    return out


def wmt_docs(folder: Path) -> tuple[list[tuple[list[Bead], float]], list[tuple[list[Bead], float]]]:
    train, held = [], []
    for zf, ef in WMT_FILES:
        zh = (folder / zf).read_text(encoding="utf-8").splitlines()
        en = (folder / ef).read_text(encoding="utf-8").splitlines()
        if len(zh) != len(en):
            raise SystemExit(f"{zf} and {ef} are not line-aligned ({len(zh)} and {len(en)} lines)")
        lines = [(z, e) for z, e in zip(zh, en) if z.strip() and e.strip()]
        cut = int(len(lines) * 0.8)
        r = doc_ratio([z for z, _ in lines], [e for _, e in lines])
        # blocks of 50 lines stand in for documents (for neighbours and ratios)
        for part, dest in ((lines[:cut], train), (lines[cut:], held)):
            for k in range(0, len(part), 50):
                bz, be = [z for z, _ in part[k : k + 50]], [e for _, e in part[k : k + 50]]
                dest.append(([([z], [e], neighbours(bz, be, [i], [i])) for i, (z, e) in enumerate(zip(bz, be))], r))
    return train, held


_NUM = re.compile(r"\d+(?:\.\d+)?")

#: Features the score may only rise with (+1) or only fall with (-1), whatever the data says where
#: it is thin: evidence of a match never hurts, evidence of a mismatch never helps.
MONOTONE = {
    "zh_cov": 1, "en_cov": 1, "dice": 1, "num_agree": 1, "latin_agree": 1, "punct_agree": 1, "zh_cov_x_evidence": 1,
    "en_cov_rare": 1, "zh_cov_long": 1, "en_half_min": 1, "zh_half_min": 1, "rare_evidence": 1, "zh_cov_specific": 1,
    "rare_hit_share": 1, "name_hits": 1, "en_third_min": 1, "zh_third_min": 1, "en_first_clause_cov": 1,
    "en_last_clause_cov": 1, "zh_first_clause_cov": 1, "zh_last_clause_cov": 1, "edge_clause_min": 1, "log_matches": 1,
    "char_cov": 1, "char_cov_x_evidence": 1, "en_cov_char": 1,
    "en_han_share": -1, "zh_latin_share": -1, "repeated": -1, "en_num_unmatched": -1, "no_hit_evidence": -1,
    "name_misses": -1, "len_dev_sq": -1, "len_dev_sq_x_size": -1, "drift_x_evidence": -1, "en_edge": -1, "zh_edge": -1,
    "sent_ratio_abs": -1, "en_starts_lower": -1, "zh_starts_punct": -1, "end_mark_mismatch": -1,
}


#: Constraints always applied: a neighbour that fits better never raises the score. Unconstrained, the
#: trees learnt that a Chinese side with no match in its English but some in the English beside it is
#: gold-like (the synthetic shuffles come from far away, gold has its topic around it), which real
#: aligner errors, always local, never show; it raised held-out shuffled pairs (< 0.1: 88% -> 83%).
NEIGHBOUR_MONOTONE = {"nb_alt_dice": -1, "nb_margin": 1, "nb_zh_in_en": -1, "nb_en_in_zh": -1}


def _swap_number(rng: random.Random, text: str) -> str | None:
    ms = list(_NUM.finditer(text))
    if not ms:
        return None
    m = rng.choice(ms)
    v = m.group()
    new = v
    while new == v:
        new = str(int(float(v)) + rng.choice((1, 2, 3, 5, 9, 10, 100))) if rng.random() < 0.7 else str(rng.randint(2, 999))
    return text[: m.start()] + new + text[m.end() :]


def _truncate(rng: random.Random, sents: list[str], zh: bool) -> tuple[list[str], tuple[str | None, str | None]] | None:
    """A side cut short, and the new neighbours it has (None: unchanged). A side of several sentences
    loses its first or last ones, which then stand beside it as an aligner's too-short bead has them;
    one sentence is cut inside (its rest is no sentence of the document, so the neighbours stay)."""
    if len(sents) > 1:
        k = rng.randint(1, len(sents) - 1)
        return (sents[:k], (None, sents[k])) if rng.random() < 0.5 else (sents[k:], (sents[k - 1], None))
    s = sents[0]
    if zh:
        if len(s) < 8:
            return None
        k = int(len(s) * rng.uniform(0.3, 0.6))
        return ([s[:k]] if rng.random() < 0.5 else [s[k:]]), (None, None)
    words = s.split()
    if len(words) < 5:
        return None
    k = int(len(words) * rng.uniform(0.3, 0.6))
    return ([" ".join(words[:k])] if rng.random() < 0.5 else [" ".join(words[k:])]), (None, None)


def make_rows(docs: list[tuple[list[Bead], float]], corpus: str, seed: int, no_context: float = NO_CONTEXT) -> list[Row]:
    """Gold positives and one synthetic negative of each applicable kind per positive (subsampled).

    Each row carries the sentences beside it as an aligner would see them: a negative made of two
    beads' sides has each side's own neighbours (a wrong neighbour is an aligner's one-sentence
    shift, so the right partner is beside it); a glued-on neighbour moves that side's edge.
    ``no_context`` of the rows (:data:`NO_CONTEXT` for training) are given without."""
    rng = random.Random(seed)
    rows: list[Row] = []
    pool = [b for beads, _ in docs for b in beads]
    for beads, r in docs:
        for i, (z, e, c) in enumerate(beads):
            zs, es = "".join(z), " ".join(e)
            rows.append((zs, es, (len(z), len(e)), r, 1, "gold", corpus, c))
            negs: list[tuple[list[str], list[str], str, tuple[str, str, str, str]]] = []
            # half the shuffled pairs come from the same document (same style and lengths: harder)
            other = rng.choice(beads) if rng.random() < 0.5 else rng.choice(pool)
            if other[1] != e:
                negs.append((z, other[1], "shuffled", c[:2] + other[2][2:]))
            if len(beads) > 1:
                j = i + 1 if i + 1 < len(beads) else i - 1
                cj = beads[j][2]
                if rng.random() < 0.5:
                    negs.append((z, beads[j][1], "neighbour", c[:2] + cj[2:]))
                else:
                    negs.append((beads[j][0], e, "neighbour", cj[:2] + c[2:]))
                # over-merged: the neighbour's sentence glued on one side (a wrong extent)
                if j > i:
                    negs.append((z, e + beads[j][1], "merged", c[:3] + cj[3:]) if rng.random() < 0.5
                                else (z + beads[j][0], e, "merged", (c[0], cj[1]) + c[2:]))
                else:
                    negs.append((z, beads[j][1] + e, "merged", c[:2] + (cj[2], c[3])) if rng.random() < 0.5
                                else (beads[j][0] + z, e, "merged", (cj[0],) + c[1:]))
            side = rng.random() < 0.5
            cut = _truncate(rng, z if side else e, side)
            if cut:
                t, (before, after) = cut
                o = 0 if side else 2
                tc = tuple(v if new is None else new for v, new in zip(c[o : o + 2], (before, after)))
                negs.append((t, e, "truncated", tc + c[2:]) if side else (z, t, "truncated", c[:2] + tc))
            sw = _swap_number(rng, es)
            if sw:
                negs.append((z, [sw], "number-swap", c))
            if rng.random() < 0.5:
                negs.append((z, z, "copied", c[:2] * 2) if rng.random() < 0.5 else (e, e, "copied", c[2:] * 2))
            else:
                negs.append((z + z, e, "repeated", c) if rng.random() < 0.5 else (z, e + e, "repeated", c))
            for nz, ne, kind, nc in rng.sample(negs, min(3, len(negs))):
                rows.append(("".join(nz), " ".join(ne), (len(nz), len(ne)), r, 0, kind, corpus, nc))
    # drawn after the rows so the negatives are the same draws as without context
    drop = random.Random(seed + 1000)
    return [row if drop.random() >= no_context else row[:7] + (None,) for row in rows]


def draw_rows(mac: dict[str, tuple[list[Bead], float]], wtrain: list[tuple[list[Bead], float]],
              wheld: list[tuple[list[Bead], float]], offset: int = 0, draws: int = DRAWS,
              no_context: float = NO_CONTEXT) -> tuple[list[Row], list[Row]]:
    """The training rows (``draws`` draws of negatives) and the held-out rows of one seed ``offset``
    (0: what ships), split as the module's docstring says."""
    mtrain = [v for k, v in mac.items() if k not in MAC_HELD_OUT]
    mheld = [v for k, v in mac.items() if k in MAC_HELD_OUT]
    train = [row for d in range(draws) for row in make_rows(mtrain, "mac", 1 + offset + 100 * d, no_context)
             + make_rows(wtrain, "wmt", 2 + offset + 100 * d, no_context)]
    return train, make_rows(mheld, "mac", 3 + offset, 0.0) + make_rows(wheld, "wmt", 4 + offset, 0.0)


def without_context(rows: list[Row]) -> list[Row]:
    return [row[:7] + (None,) for row in rows]


def featurize(rows: list[Row], lex) -> np.ndarray:  # type: ignore[no-untyped-def]
    return np.array([pair_features(z, e, lex, ratio=r, beads=b, context=c) for z, e, b, r, _l, _k, _c, c in rows], dtype=float)


def fit(X: np.ndarray, y: np.ndarray, l2: float = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Class-balanced L2 logistic regression by Newton's method on standardised features."""
    mean = X.mean(0)
    scale = X.std(0)
    scale[scale < 1e-9] = 1.0
    Z = np.hstack([(X - mean) / scale, np.ones((len(X), 1))])
    w_pos = 0.5 / max(1, y.sum())
    w_neg = 0.5 / max(1, (1 - y).sum())
    sw = np.where(y == 1, w_pos, w_neg) * len(y)
    w = np.zeros(Z.shape[1])
    reg = np.full(Z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(Z @ w, -40, 40)))
        g = Z.T @ (sw * (p - y)) + reg * w
        H = (Z * (sw * p * (1 - p))[:, None]).T @ Z + np.diag(reg)
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return mean, scale, w[:-1], float(w[-1])


def _split_points(x: np.ndarray, bins: int) -> np.ndarray:
    """Candidate thresholds: midpoints below quantiles, so ``x < t`` splits exactly where the bins do
    and rounding a threshold in the JSON cannot move a training value across it."""
    u = np.unique(x)
    q = np.unique(np.quantile(x, np.linspace(0, 1, bins + 1)[1:-1], method="higher"))
    k = np.searchsorted(u, q)
    k = k[k > 0]
    return (u[k - 1] + u[k]) / 2


def _grow_tree(B: np.ndarray, th: list[np.ndarray], g: np.ndarray, h: np.ndarray, mono: np.ndarray, depth: int,
               lr: float, lam: float, min_hess: float) -> tuple[list[list[float]], np.ndarray]:
    """One Newton regression tree on binned features: its flat nodes and its output on the training rows."""
    nodes: list[list[float]] = []
    out = np.zeros(len(g))

    def grow(idx: np.ndarray, dep: int, lo: float, hi: float) -> int:
        G, H = g[idx].sum(), h[idx].sum()
        me = len(nodes)
        nodes.append([-1, round(float(lr * min(hi, max(lo, -G / (H + lam)))), 6), 0, 0])
        if dep == depth or H < 2 * min_hess:
            out[idx] = nodes[me][1]
            return me
        best, bj, bk, bmid = 1e-9, -1, -1, 0.0
        for j, t in enumerate(th):
            if not len(t):
                continue
            gl = np.cumsum(np.bincount(B[idx, j], weights=g[idx], minlength=len(t) + 1))[:-1]
            hl = np.cumsum(np.bincount(B[idx, j], weights=h[idx], minlength=len(t) + 1))[:-1]
            ok = (hl >= min_hess) & (H - hl >= min_hess)
            wl = np.clip(-gl / (hl + lam), lo, hi)
            wr = np.clip(-(G - gl) / (H - hl + lam), lo, hi)
            if mono[j]:
                ok &= mono[j] * (wr - wl) >= 0
            # gain of the (clipped) leaf values: -(2 g w + (h + lam) w^2) summed over both leaves
            gain = -(2 * gl * wl + (hl + lam) * wl ** 2) - (2 * (G - gl) * wr + (H - hl + lam) * wr ** 2)
            w0 = min(hi, max(lo, -G / (H + lam)))
            gain = np.where(ok, gain + (2 * G * w0 + (H + lam) * w0 ** 2), -np.inf)
            k = int(gain.argmax())
            if gain[k] > best:
                best, bj, bk, bmid = float(gain[k]), j, k, float((wl[k] + wr[k]) / 2)
        if bj < 0:
            out[idx] = nodes[me][1]
            return me
        left = B[idx, bj] <= bk
        if mono[bj] > 0:
            a, b = grow(idx[left], dep + 1, lo, bmid), grow(idx[~left], dep + 1, bmid, hi)
        elif mono[bj] < 0:
            a, b = grow(idx[left], dep + 1, bmid, hi), grow(idx[~left], dep + 1, lo, bmid)
        else:
            a, b = grow(idx[left], dep + 1, lo, hi), grow(idx[~left], dep + 1, lo, hi)
        nodes[me] = [bj, float(f"{th[bj][bk]:.9g}"), a, b]
        return me

    grow(np.arange(len(g)), 0, -np.inf, np.inf)
    return nodes, out


def row_weights(y: np.ndarray, corpus: np.ndarray | list[str], weighting: str = "class", mac_gold: float = 1.0) -> np.ndarray:
    """Per-row multipliers of the class-balanced weights :func:`fit_trees` gives (its ``sample_weight``).

    ``weighting="class"``: all ones (today's weighting: all gold rows together weigh as much as all
    negatives together). ``"corpus"``: within each class, each corpus gets an equal share of that
    class's weight (with two corpora, each corpus's gold and each corpus's negatives a quarter of the
    total), so the classes stay 50/50. ``mac_gold`` then multiplies the MAC-Dev (``"mac"``) gold rows;
    above 1 gold outweighs the negatives (the prior is no longer 50/50; :func:`fit_trees` starts from
    the weighted prior log-odds).
    """
    y = np.asarray(y)
    corpus = np.asarray(corpus)
    w = np.ones(len(y))
    if weighting == "corpus":
        for cls in (0, 1):
            in_cls = y == cls
            names = sorted(set(corpus[in_cls].tolist()))
            for c in names:
                sel = in_cls & (corpus == c)
                w[sel] = in_cls.sum() / (len(names) * sel.sum())
    elif weighting != "class":
        raise ValueError(f"unknown weighting {weighting!r} (class or corpus)")
    if mac_gold != 1.0:
        w[(corpus == "mac") & (y == 1)] *= mac_gold
    return w


def fit_trees(X: np.ndarray, y: np.ndarray, n_trees: int = 400, depth: int = 4, lr: float = 0.05, lam: float = 1.0,
              min_hess: float = 20.0, bins: int = 48, mono: np.ndarray | None = None,
              sample_weight: np.ndarray | None = None) -> tuple[float, list[list[list[float]]]]:
    """Class-balanced gradient boosting of regression trees on the log-loss (Newton steps).

    ``mono[j]`` = +1 / -1 keeps the score non-decreasing / non-increasing in feature j (XGBoost's
    way: a split must order its two leaves, and bounds its subtrees at their midpoint). Measured
    with :data:`MONOTONE`: fewer shuffled pairs below 0.1 (80% against 85%), so by default only the
    neighbour features are constrained (:data:`NEIGHBOUR_MONOTONE`).
    ``sample_weight`` (see :func:`row_weights`) multiplies each row's class-balanced weight; the
    bias is the prior log-odds under the weights used.
    Returns the bias (prior log-odds: 0 with balanced classes) and the trees as flat node lists
    ``[feature, threshold, left, right]`` (a leaf: ``[-1, value, 0, 0]``; left when x < threshold).
    """
    if mono is None:
        mono = np.array([NEIGHBOUR_MONOTONE.get(n, 0) for n in FEATURE_NAMES], float) if X.shape[1] == len(FEATURE_NAMES) else np.zeros(X.shape[1])
    sw = np.where(y == 1, 0.5 / max(1, y.sum()), 0.5 / max(1, (1 - y).sum())) * len(y)
    if sample_weight is not None:
        sw = sw * np.asarray(sample_weight, dtype=float)
    th = [_split_points(X[:, j], bins) for j in range(X.shape[1])]
    B = np.stack([np.searchsorted(t, X[:, j], side="right") for j, t in enumerate(th)], 1)
    bias = float(np.log((sw * y).sum() / (sw * (1 - y)).sum()))
    F = np.full(len(y), bias)
    trees = []
    for _ in range(n_trees):
        p = 1 / (1 + np.exp(-F))
        nodes, out = _grow_tree(B, th, sw * (p - y), sw * p * (1 - p), mono, depth, lr, lam, min_hess)
        trees.append(nodes)
        F += out
    return bias, trees


def auc(p: np.ndarray, y: np.ndarray) -> float:
    order = np.argsort(p, kind="mergesort")
    ranks = np.empty(len(p))
    ranks[order] = np.arange(1, len(p) + 1)
    # ties: average ranks
    _, inv, counts = np.unique(p, return_inverse=True, return_counts=True)
    sums = np.bincount(inv, weights=ranks)
    ranks = (sums / counts)[inv]
    npos = y.sum()
    nneg = len(y) - npos
    return float((ranks[y == 1].sum() - npos * (npos + 1) / 2) / (npos * nneg))


def flagged(rows: list[Row], lex) -> np.ndarray:  # type: ignore[no-untyped-def]
    """1 where a hard-negative flag (untranslated, wrong-script, partial, number-mismatch) is raised."""
    return np.array([bool(pair_flags(z, e, lex, r) or number_mismatches(z, e)) for z, e, _b, r, *_ in rows])


def report(name: str, rows: list[Row], p: np.ndarray, flags: np.ndarray) -> dict:  # type: ignore[type-arg]
    y = np.array([r[4] for r in rows], dtype=float)
    kinds = np.array([r[5] for r in rows])
    wpos, wneg = 0.5 / y.sum(), 0.5 / (1 - y).sum()
    w = np.where(y == 1, wpos, wneg)
    brier = float((w * (p - y) ** 2).sum())
    res = {"pairs": int(len(y)), "gold": int(y.sum()), "brier_balanced": round(brier, 4),
           "brier": round(float(((p - y) ** 2).mean()), 4), "roc_auc": round(auc(p, y), 4),
           "gold_kept_at_0.5": round(float((p[y == 1] >= 0.5).mean()), 4),
           "negatives_dropped_at_0.5": round(float((p[y == 0] < 0.5).mean()), 4),
           "gold_kept_at_0.5_unflagged": round(float(((p >= 0.5) & ~flags)[y == 1].mean()), 4),
           "negatives_dropped_at_0.5_or_flagged": round(float(((p < 0.5) | flags)[y == 0].mean()), 4)}
    print(f"\n### {name}: {res['pairs']} pairs ({res['gold']} gold)\n")
    print(f"Brier {res['brier']:.4f} (class-balanced {res['brier_balanced']:.4f}), ROC-AUC {res['roc_auc']:.4f}, "
          f"gold kept at 0.5: {res['gold_kept_at_0.5']:.1%}, synthetic negatives dropped at 0.5: "
          f"{res['negatives_dropped_at_0.5']:.1%}; with the hard-negative flags as well (dropped when flagged): gold kept "
          f"{res['gold_kept_at_0.5_unflagged']:.1%}, negatives dropped {res['negatives_dropped_at_0.5_or_flagged']:.1%}\n")
    print("| kind | pairs | mean score | kept at 0.5 | score < 0.1 | kept at 0.5 and unflagged |\n|---|---|---|---|---|---|")
    for k in ["gold", "shuffled", "neighbour", "merged", "truncated", "number-swap", "copied", "repeated"]:
        sel = kinds == k
        if sel.any():
            print(f"| {k} | {sel.sum()} | {p[sel].mean():.3f} | {(p[sel] >= 0.5).mean():.1%} | {(p[sel] < 0.1).mean():.1%} "
                  f"| {((p[sel] >= 0.5) & ~flags[sel]).mean():.1%} |")
    print("\nReliability (class-balanced: each gold pair and each negative weighted so both classes count equally)\n")
    print("| score bin | pairs | mean score | observed share correct |\n|---|---|---|---|")
    rel = []
    for lo in np.arange(0, 1, 0.1):
        sel = (p >= lo) & (p < lo + 0.1 if lo < 0.9 else p <= 1.0)
        if sel.any():
            obs = float((w[sel] * y[sel]).sum() / w[sel].sum())
            rel.append([round(float(lo), 1), int(sel.sum()), round(float(p[sel].mean()), 3), round(obs, 3)])
            print(f"| {lo:.1f}-{lo + 0.1:.1f} | {sel.sum()} | {p[sel].mean():.3f} | {obs:.3f} |")
    res["reliability"] = rel
    res["kinds"] = {k: round(float((p[kinds == k] >= 0.5).mean()), 4) for k in sorted(set(kinds.tolist()))}
    return res


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mac", default=str(MAC))
    ap.add_argument("--wmt", required=True, help="folder with the four WMT22 generaltest zh/en files")
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty of --model logistic")
    ap.add_argument("--model", choices=("trees", "logistic"), default="trees")
    ap.add_argument("--trees", type=int, default=N_TREES)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--min-hess", type=float, default=20.0, help="least (class-weighted) hessian in a leaf")
    ap.add_argument("--monotone", action="store_true", help="constrain the trees by MONOTONE (measured: worse)")
    ap.add_argument("--no-context", type=float, default=NO_CONTEXT, help="share of training rows given without their neighbours")
    ap.add_argument("--draws", type=int, default=DRAWS, help="draws of synthetic negatives to train on (the gold pairs repeat with each)")
    ap.add_argument("--weighting", choices=("class", "corpus"), default="class",
                    help="class: gold and negatives weigh equally (shipped); corpus: also each corpus within each class")
    ap.add_argument("--mac-gold", type=float, default=1.0, help="multiplier of the MAC-Dev gold rows' weight")
    ap.add_argument("--write", action="store_true", help=f"write the weights to {OUT}")
    a = ap.parse_args()
    lex = build_lexicon(None)
    mac = mac_docs(Path(a.mac))
    wtrain, wheld = wmt_docs(Path(a.wmt))
    mtrain = [v for k, v in mac.items() if k not in MAC_HELD_OUT]
    mheld = [v for k, v in mac.items() if k in MAC_HELD_OUT]
    train = [row for d in range(a.draws) for row in make_rows(mtrain, "mac", 1 + 100 * d, a.no_context)
             + make_rows(wtrain, "wmt", 2 + 100 * d, a.no_context)]
    held_mac = make_rows(mheld, "mac", 3, no_context=0.0)
    held_wmt = make_rows(wheld, "wmt", 4, no_context=0.0)
    X = featurize(train, lex)
    y = np.array([r[4] for r in train], dtype=float)
    if a.model == "logistic":
        mean, scale, w, b = fit(X, y, a.l2)
        sc = PairScorer(features=FEATURE_NAMES, mean=tuple(mean), scale=tuple(scale), weights=tuple(w), bias=b)
        model = {"model": "logistic regression, class-balanced, L2 on standardised features",
                 "mean": [round(float(v), 6) for v in mean], "scale": [round(float(v), 6) for v in scale],
                 "weights": [round(float(v), 6) for v in w], "bias": round(b, 6)}
        print("| feature | weight (per standard deviation) |\n|---|---|")
        for n, v in zip(FEATURE_NAMES, w):
            print(f"| {n} | {v:+.3f} |")
    else:
        rules = {**NEIGHBOUR_MONOTONE, **MONOTONE} if a.monotone else NEIGHBOUR_MONOTONE
        mono = np.array([rules.get(n, 0) for n in FEATURE_NAMES], float)
        default_weights = a.weighting == "class" and a.mac_gold == 1.0
        sw = None if default_weights else row_weights(y, [r[6] for r in train], a.weighting, a.mac_gold)
        b, trees = fit_trees(X, y, a.trees, a.depth, a.lr, min_hess=a.min_hess, mono=mono, sample_weight=sw)
        weights = "class-balanced" if default_weights else (
            ("class- and corpus-balanced" if a.weighting == "corpus" else "class-balanced")
            + (f", MAC-Dev gold x{a.mac_gold:g}" if a.mac_gold != 1.0 else ""))
        model = {"model": f"gradient-boosted regression trees ({a.trees} trees, depth {a.depth}, learning rate {a.lr}, "
                          f"least leaf hessian {a.min_hess}{', monotone' if a.monotone else ''}), {weights} log-loss", "bias": round(b, 6), "trees": trees}
        sc = PairScorer.from_dict({"features": FEATURE_NAMES, **model})
        used: dict[str, int] = {}
        for t in trees:
            for f, *_ in t:
                if f >= 0:
                    used[FEATURE_NAMES[int(f)]] = used.get(FEATURE_NAMES[int(f)], 0) + 1
        print("| feature | splits |\n|---|---|")
        for n, c in sorted(used.items(), key=lambda kv: -kv[1]):
            print(f"| {n} | {c} |")
    metrics = {}
    for name, rows in (("held-out MAC-Dev (chapters 005-006)", held_mac), ("held-out WMT22 (last 20% of each file)", held_wmt),
                       ("held-out, both", held_mac + held_wmt),
                       ("held-out, both, each pair alone (no neighbours)", without_context(held_mac + held_wmt))):
        p = np.array([sc.probability(list(x)) for x in featurize(rows, lex)])
        metrics[name] = report(name, rows, p, flagged(rows, lex))
    if a.write:
        head = {"version": "2", "model": model.pop("model"),
                "trained_on": "MAC-Dev chapters 001-004 gold beads; WMT22 generaltest zh-en/en-zh source + reference A, first 80%; "
                              "Bicleaner-style synthetic negatives (tests/bench/train_pair_scorer.py)",
                "held_out": {k: {kk: vv for kk, vv in v.items() if kk != "reliability"} for k, v in metrics.items()},
                "features": list(FEATURE_NAMES)}
        # one line per tree keeps the file diffable and small
        body = {**head, **model}
        text = json.dumps({k: v for k, v in body.items() if k != "trees"}, indent=1, ensure_ascii=False)
        if "trees" in body:
            text = text[:-2] + ',\n "trees": [\n' + ",\n".join(
                "  " + json.dumps(t, separators=(",", ":")) for t in body["trees"]) + "\n ]\n}"
        OUT.write_text(text + "\n", encoding="utf-8")
        print(f"\nwrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
