"""Optional neural bead score for :func:`.aligner.align`: a sentence-embedding model on disk, Vecalign-style.

``toolkit align --embeddings MODEL_PATH`` loads a sentence-transformers model (LaBSE or any other
multilingual one; the ``embeddings`` extra installs sentence-transformers) from a local folder,
never from a hub. Every run of 1..3 consecutive Chinese sentences and 1..5 consecutive English
ones (the largest sides of :data:`.aligner.BEADS`) is embedded once, in batches, with normalised
vectors, so a bead's similarity is a dot product (Thompson and Koehn's *Vecalign* overlaps).

The bead score follows Vecalign's cost: ``c = (1 - cos(x, y)) / avg`` where ``avg`` is the mean of
``1 - cos`` of ``x`` against random English sentences of the document and of ``y`` against random
Chinese ones, so ``c`` is about 1 for an unrelated pair whatever the model's scale, and near 0 for
a translation. The aligner adds :data:`EMB_WEIGHT` ``* (1 - c)`` to a bead's shape prior and length
term in place of the dictionary score (the shape priors play the part of Vecalign's bead-size
penalty). sentence-transformers, torch and numpy are imported only here, and only when a model
is loaded.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

from ..errors import ConfigError

#: Weight of ``1 - c`` in a bead's score (the dictionary score's weight is 6.0).
EMB_WEIGHT = 6.0
#: Random sentences of the other side that a run is compared with for the normaliser.
SAMPLES = 100
INSTALL = "pip install 'zh-mt-toolkit[embeddings]'"
_MODEL_FILES = ("modules.json", "config_sentence_transformers.json", "config.json")


class Embedder:
    """A sentence-transformers model loaded from ``path`` on CPU, offline.

    A missing path, a folder that holds no model, a model that fails to load, or no
    sentence-transformers installed: :class:`~toolkit.errors.ConfigError` naming the path.
    """

    def __init__(self, path: str | os.PathLike[str], *, batch_size: int = 64) -> None:
        p = Path(path)
        self.path = str(path)
        self.batch_size = batch_size
        if not p.exists():
            raise ConfigError("no sentence-embedding model here (--embeddings takes a local folder, "
                              "a saved sentence-transformers model; nothing is downloaded)", path=self.path)
        if not p.is_dir() or not any((p / f).is_file() for f in _MODEL_FILES):
            raise ConfigError("not a sentence-transformers model folder (no modules.json or config.json); "
                              "give the folder that model.save() wrote", path=self.path)
        # never reach a hub: set before huggingface_hub is first imported (it reads them once)
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bar on stderr
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigError(f"--embeddings needs sentence-transformers, which is not installed ({exc}); "
                              f"{INSTALL}", path=self.path) from None
        try:
            self.model: Any = SentenceTransformer(str(p), device="cpu")
        except Exception as exc:  # noqa: BLE001 - any failure inside the model's own loader
            msg = str(exc).splitlines()[0] if str(exc) else ""
            raise ConfigError(f"cannot load the sentence-embedding model: {type(exc).__name__}: {msg[:300]}",
                              path=self.path) from None

    def encode(self, texts: list[str]) -> Any:
        """Unit-length embeddings of ``texts`` (a float32 numpy array, one row a text)."""
        import numpy as np

        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        v = self.model.encode(texts, batch_size=self.batch_size, convert_to_numpy=True,
                              normalize_embeddings=True, show_progress_bar=False)
        v = np.asarray(v, dtype=np.float32)
        # a text with no known token embeds as zeros: leave it at zero (cosine 0 with everything)
        return v

    def bead_scorer(self, zh: list[str], en: list[str], max_zh: int, max_en: int) -> BeadScorer:
        """The bead score table for one document (runs of up to ``max_zh``/``max_en`` sentences)."""
        return BeadScorer(self, zh, en, max_zh, max_en)


def _runs(sents: list[str], k: int, sep: str) -> list[str]:
    """Each run of ``k`` consecutive sentences, joined, in the order of its last sentence."""
    return [sep.join(sents[i - k:i]) for i in range(k, len(sents) + 1)]


class BeadScorer:
    """Embeddings of one document's overlapping runs and their Vecalign normalisers.

    ``row(i, di, dj, j0, j1)``: the embedding part of the score of the beads whose Chinese side
    is the ``di`` sentences ending before ``i`` and whose English side is the ``dj`` ending before
    each ``j`` in ``j0..j1`` (the aligner's DP indexing), as a list.
    """

    def __init__(self, embedder: Embedder, zh: list[str], en: list[str], max_zh: int, max_en: int) -> None:
        import numpy as np

        n, m = len(zh), len(en)
        max_zh, max_en = min(max_zh, n), min(max_en, m)
        texts: list[str] = []
        spans: list[tuple[str, int, int, int]] = []  # side, k, first row in texts, count
        for side, sents, top, sep in (("zh", zh, max_zh, ""), ("en", en, max_en, " ")):
            for k in range(1, top + 1):
                runs = _runs(sents, k, sep)
                spans.append((side, k, len(texts), len(runs)))
                texts.extend(runs)
        vecs = embedder.encode(texts)
        dim = vecs.shape[1]
        # z[k][i]: the run of k zh sentences ending before i (rows i < k stay zero and are never used)
        self.z: dict[int, Any] = {}
        self.e: dict[int, Any] = {}
        for side, k, start, count in spans:
            table = np.zeros(((n if side == "zh" else m) + 1, dim), dtype=np.float32)
            table[k:] = vecs[start:start + count]
            (self.z if side == "zh" else self.e)[k] = table
        rng = random.Random(0)
        zs = self.z[1][1:][sorted(rng.sample(range(n), min(n, SAMPLES)))]
        es = self.e[1][1:][sorted(rng.sample(range(m), min(m, SAMPLES)))]
        # mean of 1 - cos against random sentences of the other side, for every run
        self.nz = {k: 1.0 - (t @ es.T).mean(axis=1) for k, t in self.z.items()}
        self.ne = {k: 1.0 - (t @ zs.T).mean(axis=1) for k, t in self.e.items()}

    def row(self, i: int, di: int, dj: int, j0: int, j1: int) -> list[float]:
        import numpy as np

        if di not in self.z or dj not in self.e:  # longer than the document: the bead can never be placed
            return [0.0] * (j1 - j0 + 1)
        e = self.e[dj][j0:j1 + 1]
        cos = e @ self.z[di][i]
        avg = np.maximum((self.nz[di][i] + self.ne[dj][j0:j1 + 1]) / 2.0, 1e-3)
        out: list[float] = (EMB_WEIGHT * (1.0 - (1.0 - cos) / avg)).tolist()
        return out
