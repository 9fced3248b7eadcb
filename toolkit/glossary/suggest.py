"""``toolkit glossary suggest``: likely English renderings of Chinese terms, from aligned pairs.

For a Chinese term, the Chinese sentences that hold it are its *occurrences*
(several translations of one sentence, e.g. the outputs of several systems, count
as one sentence, each translation with weight 1/n: one sentence is one piece of
evidence). Every English n-gram (1 to 5 words, not starting or ending with a
function word) of their translations is a candidate, scored by the Dice
coefficient of the term and the n-gram over all sentences (``2 * both / (term +
ngram)``): a rendering is frequent where the term is and rare elsewhere, which the
sentence's first words are not.
A dictionary (CC-CEDICT, passed in by the caller as ``zh -> [gloss, ...]``) adds
a bonus in proportion to the share of a candidate's words found in the term's
glosses. Near-ties go to the candidate whose length is closest to the expected
length (the glosses' median, else one word per two characters). Each proposal
carries its counts and example pairs.

Targets are (a) glossary terms, using only the pairs where term QA finds none of
the entry's accepted forms (so the proposal is a rendering the glossary lacks:
an accepted form to add, or a wrong variant), and (b) frequent Chinese words that
are in no entry (``unknown``), found by dictionary segmentation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..chars import HAN_RE
from . import Glossary
from .forms import _TOKEN, en_key, word_key

_STOP = frozenset(
    "a an the of and or to in on at by for with from as is are was were be been being that this these those it its "
    "he she they we you i his her their our your him them us not no but if so than then there here which who whom "
    "what when where while will would shall should can could may might must has have had do does did also very "
    "said says say just all any each more most some such into over after before about up down out new".split()
)
_MAX_N = 5


@dataclass(slots=True)
class Proposal:
    zh: str
    rendering: str
    score: float
    together: int  # Chinese sentences with the term whose translations hold the rendering
    term_pairs: int  # Chinese sentences holding the term (those considered)
    rendering_pairs: int  # sentences whose translations hold the rendering, anywhere (weighted)
    target: str  # "glossary" or "unknown"
    expected: str | None = None
    examples: list[dict[str, str]] = field(default_factory=list)
    alternatives: list[tuple[str, float, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"zh": self.zh, "proposed": self.rendering, "score": round(self.score, 3),
                             "together": self.together, "term_pairs": self.term_pairs,
                             "rendering_pairs": self.rendering_pairs, "target": self.target}
        if self.expected is not None:
            d["glossary_en"] = self.expected
        d["alternatives"] = [{"rendering": r, "score": round(s, 3), "together": n} for r, s, n in self.alternatives]
        d["examples"] = self.examples
        return d


def _grams(en: str) -> tuple[set[str], dict[str, str]]:
    """Keys of the n-grams of ``en`` and, for each, one surface form."""
    toks = _TOKEN.findall(en)
    keys = [word_key(t) for t in toks]
    out: set[str] = set()
    surface: dict[str, str] = {}
    for i in range(len(toks)):
        if keys[i] in _STOP or keys[i].isdigit():
            continue
        for n in range(1, _MAX_N + 1):
            j = i + n
            if j > len(toks):
                break
            if keys[j - 1] in _STOP:
                continue
            k = " ".join(keys[i:j])
            out.add(k)
            surface.setdefault(k, " ".join(toks[i:j]))
    return out, surface


def _gloss_words(glosses: Iterable[str]) -> set[str]:
    return {word_key(t) for g in glosses for t in _TOKEN.findall(g)} - _STOP


class Suggester:
    """Index the pairs once; then :meth:`propose` for any number of terms."""

    def __init__(self, pairs: list[tuple[str, str]], dictionary: Callable[[str], list[str]] | None = None) -> None:
        self.pairs = pairs
        self.dictionary = dictionary
        self.grams: list[set[str]] = []
        self.surface: dict[str, Counter[str]] = {}
        self.group: list[int] = []  # pair -> its Chinese sentence
        self.size: list[int] = []  # Chinese sentence -> how many translations
        sentences: dict[str, int] = {}
        for zh, en in pairs:
            gid = sentences.setdefault(zh, len(sentences))
            if gid == len(self.size):
                self.size.append(0)
            self.size[gid] += 1
            self.group.append(gid)
            g, surf = _grams(en)
            self.grams.append(g)
            for k, s in surf.items():
                self.surface.setdefault(k, Counter())[s] += 1
        df: dict[str, float] = {}
        for i, g in enumerate(self.grams):
            w = 1 / self.size[self.group[i]]
            for k in g:
                df[k] = df.get(k, 0.0) + w
        self.df = df

    def occurrences(self, zh: str) -> list[int]:
        return [i for i, (z, _) in enumerate(self.pairs) if zh in z]

    def propose(self, zh: str, among: list[int] | None = None, *, min_count: int = 2, top: int = 3,
                target: str = "unknown", expected: str | None = None) -> Proposal | None:
        """The best rendering of ``zh`` in the pairs ``among`` (default: every pair holding it)."""
        occ = self.occurrences(zh) if among is None else among
        n_sentences = len({self.group[i] for i in occ})
        if n_sentences < min_count:
            return None
        weight = {i: 1 / self.size[self.group[i]] for i in occ}
        term_weight = sum(weight.values())
        together: dict[str, float] = {}
        groups: dict[str, set[int]] = {}
        for i in occ:
            for k in self.grams[i]:
                together[k] = together.get(k, 0.0) + weight[i]
                groups.setdefault(k, set()).add(self.group[i])
        bonus_words: set[str] = set()
        want_len = max(1.0, len(zh) / 2)
        if self.dictionary is not None:
            glosses = self.dictionary(zh)
            bonus_words = _gloss_words(glosses)
            sizes = sorted(len(_TOKEN.findall(g)) for g in glosses if g)
            if sizes:
                want_len = float(sizes[len(sizes) // 2])
        scored: list[tuple[float, float, int, str]] = []
        for g, n in together.items():
            if len(groups[g]) < min_count:
                continue
            dice = 2 * n / (term_weight + self.df.get(g, 0.0))
            words = g.split()
            if bonus_words:
                dice += 0.2 * sum(w in bonus_words for w in words) / len(words)
            scored.append((dice, n, len(words), g))
        if not scored:
            return None
        # Best score first; near-ties go to the expected length, then to the more frequent
        # (equally near: the longer, which holds the shorter: "inspection well", not "inspection").
        scored.sort(key=lambda x: (-round(x[0], 2), abs(x[2] - want_len), -x[2], -x[1], x[3]))
        best = scored[0]
        alts = [(self.surface[g].most_common(1)[0][0], s, n) for s, n, _, g in scored[1 : 1 + top]]
        rendering = self.surface[best[3]].most_common(1)[0][0]
        ex = [{"zh": self.pairs[i][0], "en": self.pairs[i][1]} for i in occ if best[3] in self.grams[i]][:2]
        return Proposal(zh, rendering, best[0], len(groups[best[3]]), n_sentences, round(self.df.get(best[3], 0.0)), target,
                        expected, ex, [(r, s, round(n)) for r, s, n in alts])


#: The most common words of Chinese (wordfreq's list) are not glossary material.
COMMON_WORDS = 1500


_EDGE_CHARS = frozenset("的了是在和与及等也就都而对从向把被为以于之其这那个各每将已还又或并且中上下里后前")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")


def frequent_unknown(pairs: list[tuple[str, str]], glossary: Glossary, segment: Callable[[str], list[str]] | None,
                     min_count: int, limit: int) -> list[str]:
    """Chinese terms in no entry that recur: in at least ``min_count`` sentences, most frequent first.

    Candidates are the words ``segment`` finds (2+ characters) and the *maximal* recurring runs of
    2-6 Chinese characters (a run that is not nearly always part of one longer run, so
    ``横琴合作区`` and ``合作区`` but not ``横琴合``), which finds names a dictionary lacks. The most
    common words of the language (可以, 我们) and runs starting or ending with a function
    character (的, 了, 在...) are left out.

    >>> pairs = [("推进横琴合作区建设", "x"), ("横琴合作区发展快", "y"), ("支持横琴合作区", "z"), ("合作区发展", "w")]
    >>> frequent_unknown(pairs, Glossary([], "", []), None, 2, 2)
    ['合作区', '横琴合作区']
    """
    from .. import wordlists

    common = set(wordlists.top_n("zh", COMMON_WORDS))
    sentences = {z for z, _ in pairs}
    df: Counter[str] = Counter()
    words: set[str] = set()
    for zh in sentences:
        grams: set[str] = set()
        for run in _HAN_RUN.findall(zh):
            for n in range(2, 8):
                grams.update(run[i : i + n] for i in range(len(run) - n + 1))
        df.update(grams)
        if segment is not None:
            words.update(w for w in segment(zh) if len(w) >= 2 and all(HAN_RE.match(c) for c in w))
    extended: dict[str, int] = {}
    for g, n in df.items():
        if len(g) >= 3:
            for part in (g[:-1], g[1:]):
                if n > extended.get(part, 0):
                    extended[part] = n
    known = {e.zh for e in glossary.entries}
    out: list[str] = []
    for g, n in sorted(df.items(), key=lambda x: (-x[1], -len(x[0]), x[0])):
        if n < min_count or len(out) >= limit:
            break
        if len(g) > 6 or g in known or g in common or g[0] in _EDGE_CHARS or g[-1] in _EDGE_CHARS:
            continue
        if extended.get(g, 0) >= 0.9 * n and g not in words:
            continue  # nearly always inside a longer run: that run is the term
        out.append(g)
    return out


def glossary_targets(pairs: list[tuple[str, str]], glossary: Glossary) -> dict[str, tuple[str, list[int]]]:
    """Per glossary ``zh``: its preferred form and the pairs where none of its accepted forms is present."""
    out: dict[str, tuple[str, list[int]]] = {}
    for i, (zh, en) in enumerate(pairs):
        key = None
        for s, e in glossary.zh_spans(zh, None, "all"):
            term = zh[s:e]
            entries = [x for x in glossary.entries_for(term) if x.applies(zh + "\n" + en)]
            if not entries:
                continue
            key = key if key is not None else en_key(en)
            if any(glossary.present(x, en, key) for x in entries):
                continue
            out.setdefault(term, (entries[0].en, []))[1].append(i)
    return out
