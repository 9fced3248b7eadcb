"""Sentence alignment by dynamic programming over beads, scored by length and dictionary anchors.

Beads 0-1, 1-0, 1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-4, 2-3, 3-2, 1-5 (literary translators often
render one Chinese sentence as three to five English ones). The length score compares
character lengths against the document's own en/zh ratio; the lexical score is the share of
dictionary translations (CC-CEDICT + glossary), numbers, punctuation and pinyin-spelled names
found on the other side. A second pass re-learns the lexicon from the first pass's 1-1 beads
(:mod:`.realign`). Long documents are searched in a band around a path through confident 1-1
anchors, so time and memory grow linearly. Each two-sided pair then gets the calibrated score
of :mod:`.calibrate` and the flags of :mod:`.flags` and :mod:`.qa`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .calibrate import PairScorer, default_scorer
from .features import DEFAULT_RATIO
from .lexicon import Lexicon, build_lexicon, en_features

if TYPE_CHECKING:
    from .embed import BeadScorer, Embedder

BEADS = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (2, 3), (3, 2), (1, 5), (1, 0), (0, 1))
# Chosen by grid searches on MAC-Dev (tests/bench/align_tune.py; docs/benchmarks.md also gives the
# leave-one-document-out figure, where each document is scored with settings tuned on the others).
PRIOR = {(1, 1): 0.0, (1, 2): -0.4, (2, 1): -0.4, (2, 2): -0.8, (1, 3): -0.9, (3, 1): -0.9,
         (1, 4): -1.2, (2, 3): -1.2, (3, 2): -1.2, (1, 5): -1.5}
SKIP = -2.2
FULL = -1  # band value: search every cell
AROUND = 10  # second pass: en sentences either side of the first path
LEX_WEIGHT = 6.0
LEN_SIGMA = 0.4


@dataclass(slots=True)
class AlignedPair:
    zh_ids: list[int]
    en_ids: list[int]
    zh: str
    en: str
    score: float
    flags: list[dict[str, Any]] = field(default_factory=list)

    @property
    def beads(self) -> str:
        return f"{len(self.zh_ids)}-{len(self.en_ids)}"

    def bead_line(self) -> str:
        return f"[{','.join(map(str, self.zh_ids))}]:[{','.join(map(str, self.en_ids))}]"


def _clen(s: str) -> int:
    return len(s.replace(" ", "")) or 1


def align(zh: list[str], en: list[str], *, glossary: Any = None, lexicon: Lexicon | None = None,
          band: int | None = None, qa: bool = True, scorer: PairScorer | None = None,
          realign: bool = True, embedder: Embedder | None = None) -> list[AlignedPair]:
    """Align two sentence lists; returns pairs in order (1-0 and 0-1 beads included).

    ``embedder`` (:class:`.embed.Embedder`, ``toolkit align --embeddings``): a bead's dictionary
    score is replaced by its sentence-embedding score (:mod:`.embed`) and there is no second
    pass; the pairs' calibrated ``score`` and flags are the same dictionary-based ones as without.

    >>> [p.beads for p in align(["今天天气很好。", "我们去公园。"], ["The weather is nice today.", "We go to the park."])]
    ['1-1', '1-1']
    """
    n, m = len(zh), len(en)
    if n == 0 or m == 0:
        return [AlignedPair([i], [], s, "", 0.0) for i, s in enumerate(zh)] + [
            AlignedPair([], [j], "", s, 0.0) for j, s in enumerate(en)
        ]
    lex = lexicon or build_lexicon(glossary)
    ef = [en_features(s) for s in en]
    # pinyin-name anchors only for the names the English has (every Han pair has candidate readings)
    names = frozenset(t for f in ef for t in f if t.startswith("py:"))
    zf = [lex.zh_features(s, names) for s in zh]
    zl = [_clen(s) for s in zh]
    el = [len(s) or 1 for s in en]
    emb = None
    if embedder is not None:
        emb = embedder.bead_scorer(zh, en, max(b[0] for b in BEADS), max(b[1] for b in BEADS))
        realign = False
    beads = _search(zf, ef, zl, el, band, emb=emb)
    if beads is None:  # pragma: no cover - a band always reaches the corner from its anchors
        beads = _search(zf, ef, zl, el, FULL, emb=emb) if n * m <= 4_000_000 else None
        if beads is None:
            return _diagonal(zh, en)
    if realign and n >= 20:
        from .realign import relearn

        lex2 = relearn(lex, [(zh[a[0]], en[b[0]]) for a, b in beads if len(a) == 1 and len(b) == 1])
        if lex2 is not lex:
            zf = [lex2.zh_features(s, names) for s in zh]
            # the first path is right nearly everywhere: search a narrow band around it
            path = [0] * (n + 1)
            for zi, ej in beads:
                for i in zi:
                    path[i + 1] = (ej[-1] + 1) if ej else path[i]
            for i in range(1, n + 1):
                path[i] = max(path[i], path[i - 1])
            beads = _search(zf, ef, zl, el, band, around=path) or beads
    out = [AlignedPair(zi, ej, "".join(zh[k] for k in zi), " ".join(en[k] for k in ej), 0.0) for zi, ej in beads]
    finish(out, lex, glossary=glossary, qa=qa, scorer=scorer, ratio=doc_ratio(sum(el), sum(zl)), sentences=(zh, en))
    return out


def _search(zf: list[tuple[frozenset[str], int]], ef: list[frozenset[str]], zl: list[int], el: list[int],
            band: int | None, around: list[int] | None = None,
            emb: BeadScorer | None = None) -> list[tuple[list[int], list[int]]] | None:
    """The best bead sequence by dynamic programming; None when a band is too narrow to reach the end.

    ``around``: for each zh index, an en index to search near (:data:`AROUND` either side),
    as the second pass does around the first pass's path. ``emb``: the embedding score of
    :mod:`.embed` takes the dictionary score's place."""
    n, m = len(zf), len(ef)
    ratio = sum(el) / sum(zl)
    zc = [0]
    for x in zl:
        zc.append(zc[-1] + x)
    ec = [0]
    for x in el:
        ec.append(ec[-1] + x)
    max_di = max(b[0] for b in BEADS)
    max_dj = max(b[1] for b in BEADS)
    # unions of features over the di sentences ending at i (zu[di][i]) and dj ending at j, built once
    zu: list[list[tuple[frozenset[str], int]]] = [[]] + [[(frozenset(), 0)] * (n + 1) for _ in range(max_di)]
    eu: list[list[frozenset[str]]] = [[]] + [[frozenset()] * (m + 1) for _ in range(max_dj)]
    for i in range(1, n + 1):
        zu[1][i] = zf[i - 1]
        for di in range(2, min(max_di, i) + 1):
            a, na = zu[di - 1][i - 1]
            zu[di][i] = (a | zf[i - 1][0], na + zf[i - 1][1])
    for j in range(1, m + 1):
        eu[1][j] = ef[j - 1]
        for dj in range(2, min(max_dj, j) + 1):
            eu[dj][j] = eu[dj - 1][j - 1] | ef[j - 1]
    inv2s2 = 1.0 / (2 * LEN_SIGMA * LEN_SIGMA)
    log = math.log

    def score(i: int, di: int, j: int, dj: int) -> float:
        d = log((ec[j] - ec[j - dj] + 10) / (ratio * (zc[i] - zc[i - di]) + 10))
        tz, nz = zu[di][i]
        ew = eu[dj][j]
        lex_s = 2.0 * len(tz & ew) / (nz + len(ew)) if nz and ew else 0.0
        return PRIOR[(di, dj)] - d * d * inv2s2 + LEX_WEIGHT * lex_s

    rows: dict[tuple[int, int], list[float]] = {}
    j0 = 0

    def emb_score(i: int, di: int, j: int, dj: int) -> float:
        d = log((ec[j] - ec[j - dj] + 10) / (ratio * (zc[i] - zc[i - di]) + 10))
        return PRIOR[(di, dj)] - d * d * inv2s2 + rows[(di, dj)][j - j0]

    if emb is not None:
        score = emb_score  # noqa: F811 - the embedding variant of the bead score

    width = None if band == FULL else band if band is not None else (None if n * m <= 400_000 else 0)
    centers = _anchor_path(zf, ef, n, m) if width == 0 else None
    margin = (width or 0) + 12
    if around is not None:
        centers, margin = around, AROUND

    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int]] = {}
    for i in range(n + 1):
        if centers is None:
            jr = range(m + 1)
        else:
            c = centers[min(i, n)]
            jr = range(max(0, c - margin), min(m, c + margin) + 1)
        if emb is not None and len(jr):
            j0 = jr[0]
            rows = {(di, dj): emb.row(i, di, dj, j0, jr[-1]) for di, dj in BEADS if di and dj and di <= i}
        for j in jr:
            if i == 0 and j == 0:
                continue
            top = -1e18
            arg = (0, 0)
            for di, dj in BEADS:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                prev = best.get((pi, pj))
                if prev is None:
                    continue
                s = prev + (SKIP if di == 0 or dj == 0 else score(i, di, j, dj))
                if s > top:
                    top, arg = s, (di, dj)
            if top > -1e18:
                best[(i, j)] = top
                back[(i, j)] = arg
    if (n, m) not in best:  # pragma: no cover - a band always reaches the corner from its anchors
        return None
    out: list[tuple[list[int], list[int]]] = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj = back[(i, j)]
        out.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    out.reverse()
    return out


def doc_ratio(en_chars: int, zh_chars: int) -> float:
    """The document's en/zh length ratio, pulled towards the default for short documents.

    200 pseudo-characters at :data:`~toolkit.alignment.features.DEFAULT_RATIO` are added, so a
    two-sentence document does not define its own ratio (which would make every length match).

    >>> round(doc_ratio(41000, 10000), 2), doc_ratio(0, 0)
    (4.08, 3.3)
    """
    return (en_chars + 200 * DEFAULT_RATIO) / (zh_chars + 200)


def finish(pairs: list[AlignedPair], lex: Lexicon, *, glossary: Any = None, qa: bool = True,
           scorer: PairScorer | None = None, ratio: float | None = None,
           sentences: tuple[list[str], list[str]] | None = None) -> None:
    """Score each two-sided pair (P(correct pair), :mod:`.calibrate`) and attach its flags.

    ``sentences``: the two documents' sentence lists the pairs index, so each pair is scored with
    the sentences beside it (the neighbour-agreement features: would a one-sentence shift fit better?).
    """
    sc = scorer or default_scorer()
    for p in pairs:
        if p.zh_ids and p.en_ids:
            ctx = neighbours(*sentences, p.zh_ids, p.en_ids) if sentences else None
            p.score = round(sc.score(p.zh, p.en, lex, ratio=ratio, beads=(len(p.zh_ids), len(p.en_ids)), context=ctx), 4)
    if glossary is not None or qa:
        from .flags import pair_flags
        from .qa import check_pair

        for p in pairs:
            if p.zh and p.en:
                p.flags = check_pair(p.zh, p.en, glossary) + pair_flags(p.zh, p.en, lex, ratio)


def neighbours(zh: list[str], en: list[str], zh_ids: Sequence[int], en_ids: Sequence[int]) -> tuple[str, str, str, str]:
    """The sentences just outside a bead (ascending, non-empty index runs) on each side ("" at a
    document's edge): the ``context`` of :meth:`.calibrate.PairScorer.score`.

    >>> neighbours(["一", "二", "三"], ["one", "two"], [1], [0])
    ('一', '三', '', 'two')
    """
    def at(xs: list[str], k: int) -> str:
        return xs[k] if 0 <= k < len(xs) else ""

    return at(zh, zh_ids[0] - 1), at(zh, zh_ids[-1] + 1), at(en, en_ids[0] - 1), at(en, en_ids[-1] + 1)


def _diagonal(zh: list[str], en: list[str]) -> list[AlignedPair]:
    out = []
    n, m = len(zh), len(en)
    for i in range(n):
        j0, j1 = i * m // n, (i + 1) * m // n
        ids = list(range(j0, max(j1, j0 + 1))) if j0 < m else []
        out.append(AlignedPair([i], ids, zh[i], " ".join(en[k] for k in ids), 0.1))
    return out


def _anchor_path(zf: list[tuple[frozenset[str], int]], ef: list[frozenset[str]], n: int, m: int) -> list[int]:
    """For each zh index, the en index the path should pass near: a chain of confident 1-1 anchors."""
    import bisect

    df: dict[str, int] = {}
    for f in ef:
        for w in f:
            df[w] = df.get(w, 0) + 1
    index: dict[str, list[int]] = {}
    for j, f in enumerate(ef):
        for w in f:
            if df[w] <= 20:  # rare words make anchors; common ones make noise
                index.setdefault(w, []).append(j)
    win = max(200, m // 10)
    cands: list[tuple[int, int]] = []
    for i, (tz, _nz) in enumerate(zf):
        c = i * m // n
        counts: dict[int, int] = {}
        for w in tz:
            for j in index.get(w, ()):
                if abs(j - c) <= win:
                    counts[j] = counts.get(j, 0) + 1
        if counts:
            j, k = max(counts.items(), key=lambda x: x[1])
            second = max((v for jj, v in counts.items() if jj != j), default=0)
            if k >= 2 and k >= second + 2:
                cands.append((i, j))
    # longest chain increasing in both i and j (patience sorting)
    tails: list[int] = []
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(cands)
    for k, (_i, j) in enumerate(cands):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos else -1
    chain: list[tuple[int, int]] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(cands[k])
        k = prev[k]
    chain.reverse()
    pts = [(0, 0)] + chain + [(n, m)]
    centers = [0] * (n + 1)
    for (i0, j0), (i1, j1) in zip(pts, pts[1:]):
        for i in range(i0, i1 + 1):
            centers[i] = j0 + (j1 - j0) * (i - i0) // max(1, i1 - i0)
    return centers
