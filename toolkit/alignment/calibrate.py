"""The calibrated pair score: P(correct translation pair of the right extent) from pair features.

A model over :data:`~toolkit.alignment.features.FEATURE_NAMES`, trained by
``python tests/bench/train_pair_scorer.py`` (plain numpy) and shipped as plain JSON
(``toolkit/data/pair-scorer.json``; never pickle): boosted regression trees on the raw features
(``trees``) and/or a logistic layer on standardised features (``mean``, ``scale``, ``weights``),
summed with ``bias`` into the log-odds. Inference is plain Python, so scoring needs no numpy.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from .features import FEATURE_NAMES, Context, pair_features
from .lexicon import Lexicon

# One regression tree, flat: node k is (feature, threshold, left, right); a leaf has feature -1
# and its value as threshold. Go left when x[feature] < threshold.
Tree = tuple[tuple[int, float, int, int], ...]


def _tree(nodes: list) -> Tree:  # type: ignore[type-arg]
    out = tuple((int(f), float(t), int(a), int(b)) for f, t, a, b in nodes)
    for k, (f, _t, a, b) in enumerate(out):
        # children come after their parent, so a walk always ends
        if f >= len(FEATURE_NAMES) or (f >= 0 and not (k < a < len(out) and k < b < len(out))):
            raise ValueError("tree node out of range")
    return out


@dataclass(frozen=True, slots=True, kw_only=True)
class PairScorer:
    """``sigmoid(bias + sum of tree outputs on x + sum(w * (x - mean) / scale))``.

    Either part may be empty (no trees: a logistic model; no weights: boosted trees).
    ``version`` identifies the weights in outputs; ``features`` must equal
    :data:`FEATURE_NAMES` (a weights file for other features is refused, not misread).
    """

    features: tuple[str, ...]
    bias: float
    mean: tuple[float, ...] = ()
    scale: tuple[float, ...] = ()
    weights: tuple[float, ...] = ()
    trees: tuple[Tree, ...] = ()
    version: str = "1"

    @classmethod
    def from_dict(cls, data: dict, source: str = "pair-scorer.json") -> PairScorer:  # type: ignore[type-arg]
        try:
            feats = tuple(data["features"])
            sc = cls(features=feats, mean=tuple(map(float, data.get("mean", ()))), scale=tuple(map(float, data.get("scale", ()))),
                     weights=tuple(map(float, data.get("weights", ()))), bias=float(data["bias"]),
                     trees=tuple(_tree(t) for t in data.get("trees", ())), version=str(data.get("version", "1")))
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"not a pair-scorer weights file ({exc}); expected features, bias, and trees or "
                              "mean/scale/weights", path=source) from None
        if not sc.trees and not sc.weights:
            raise ConfigError("not a pair-scorer weights file: neither trees nor weights", path=source)
        if feats != FEATURE_NAMES or (sc.weights and not (len(sc.mean) == len(sc.scale) == len(sc.weights) == len(feats))):
            raise ConfigError(f"weights are for features {list(feats)}, this toolkit computes {list(FEATURE_NAMES)}; "
                              "retrain with tests/bench/train_pair_scorer.py", path=source)
        return sc

    @classmethod
    def load(cls, path: str | Path) -> PairScorer:
        try:
            return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")), str(path))
        except (OSError, json.JSONDecodeError) as exc:
            raise ConfigError(f"cannot read pair-scorer weights: {exc}", path=str(path)) from None

    def probability(self, x: list[float]) -> float:
        z = self.bias
        for v, m, s, w in zip(x, self.mean, self.scale, self.weights):
            z += w * (v - m) / s
        for tree in self.trees:
            f, t, a, b = tree[0]
            while f >= 0:
                f, t, a, b = tree[a if x[f] < t else b]
            z += t
        # clamp so exp never overflows on absurd inputs
        z = max(-40.0, min(40.0, z))
        return 1.0 / (1.0 + math.exp(-z))

    def score(self, zh: str, en: str, lex: Lexicon, *, ratio: float | None = None, beads: tuple[int, int] = (1, 1),
              context: Context | None = None) -> float:
        """P(correct pair); 0.0 when a side is empty. ``context``: the sentences beside the pair in
        its documents (the aligner passes them; without, the neighbour features read "unknown")."""
        if not zh.strip() or not en.strip():
            return 0.0
        return self.probability(pair_features(zh, en, lex, ratio=ratio, beads=beads, context=context))


@lru_cache(maxsize=1)
def default_scorer() -> PairScorer:
    """The shipped weights (``toolkit/data/pair-scorer.json``)."""
    ref = resources.files("toolkit") / "data" / "pair-scorer.json"
    return PairScorer.from_dict(json.loads(ref.read_text(encoding="utf-8")), "toolkit/data/pair-scorer.json")
