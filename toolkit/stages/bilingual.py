"""``bilingual``: pages that hold both languages.

Three shapes are recognised, all emitted with origin ``interleaved``: paragraphs that
alternate zh/en (each zh paragraph with the en one next to it, sentences aligned); a
Chinese half followed by an English half (or the reverse), aligned sentence by sentence;
and single paragraphs made of a Chinese text and its English rendering (bilingual headings).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .. import recache
from ..chars import HAN_RE
from ..lang import runs
from ..model import BODY, TITLE, Block, Document, Pair
from ..stage import Stage, register

#: Alignment lexicons built in this process, by glossary digest (see ``Bilingual._lexicon``).
_LEXICONS: dict[str, Any] = {}
_NUM = recache.compile(r"\d+(?:[.,]\d+)?")


def pair_score(zh: str, en: str) -> float:
    """How well an English paragraph fits a Chinese one as its translation, in [0, 1]: the length
    ratio (English characters per Han character, about 3 in news) and shared numbers.

    >>> pair_score("国家统计局发布数据。", "The National Bureau of Statistics released data.") > 0.5
    True
    >>> pair_score("国家统计局发布数据。", "Editor: Li") < 0.2
    True
    """
    han = max(1, len(HAN_RE.findall(zh)))
    ratio = max(1, len(en)) / han
    score = math.exp(-(math.log(ratio / 3.2) ** 2) / (2 * 0.55**2))
    zn, en_n = set(_NUM.findall(zh)), set(_NUM.findall(en))
    if zn and en_n:
        score = min(1.0, score + 0.3 * len(zn & en_n) / len(zn | en_n))
    return score


def interleaved_pairs(langs: list[str], texts: list[str] | None = None, *, min_pair_score: float = 0.15,
                      min_coverage: float = 0.7, headings: list[bool] | None = None) -> list[tuple[int, int]]:
    """Index pairs ``(zh, en)`` of a page that interleaves the two languages, else ``[]``.

    Pairs are found by alignment, not by position: each Chinese paragraph is paired with the
    English paragraph next to it (after it on a zh-first page, before it on an en-first page)
    when the two fit as translations (:func:`pair_score`, given ``texts``); a paragraph with no
    counterpart (a headline, a caption, an editor's line) is left out and never shifts the pairs
    after it. A pair must score at least ``min_pair_score``, and the pairs must cover at least
    ``min_coverage`` of the page's Chinese and English paragraphs. Given ``headings`` (which blocks
    are headings), a paragraph may also pair over one heading between it and its translation: the
    other language's headline above its first paragraph.

    >>> interleaved_pairs(["zh", "en", "zh", "en"]), interleaved_pairs(["en", "zh", "en", "zh"])
    ([(0, 1), (2, 3)], [(1, 0), (3, 2)])
    >>> interleaved_pairs(["en", "en", "en", "zh"])
    []
    >>> texts = ["Xinhua headline in English", "经济运行总体平稳。", "The economy ran steadily.", "就业形势保持稳定。",
    ...          "Employment remained stable.", "物价温和上涨。", "Prices rose mildly."]
    >>> interleaved_pairs(["en", "zh", "en", "zh", "en", "zh", "en"], texts)
    [(1, 2), (3, 4), (5, 6)]
    >>> texts = ["国家统计局发布数据显示，国内生产总值达到126万亿元。", "China's economy is stable",
    ...          "The statistics bureau said gross domestic product reached 126 trillion yuan.", "第三产业增长5.8%。",
    ...          "The tertiary industry grew 5.8%."]
    >>> interleaved_pairs(["zh", "en", "en", "zh", "en"], texts, headings=[False, True, False, False, False])
    [(0, 2), (3, 4)]
    """
    idx = [i for i, lg in enumerate(langs) if lg in ("zh", "en")]
    if len(idx) < 4:
        return []
    best: list[tuple[int, int]] = []
    best_score = 0.0
    for first in ("zh", "en"):
        # f[k]: (score, pairs) for the first k language blocks; a block is skipped or paired with the one before it.
        f: list[tuple[float, list[tuple[int, int]]]] = [(0.0, [])] * (len(idx) + 1)
        for k in range(1, len(idx) + 1):
            f[k] = f[k - 1]
            # pair the block before k with the one before it, or with the one two back over an
            # unpaired block between them (the other language's headline above its first paragraph)
            for gap in (2, 3):
                if k < gap:
                    continue
                a, b = idx[k - gap], idx[k - 1]
                if gap == 3 and not (texts and headings and headings[idx[k - 2]]):
                    continue  # only a heading is passed over, and only when texts can tell the pairs apart
                if langs[a] == first and langs[b] != first:
                    zh_i, en_i = (a, b) if first == "zh" else (b, a)
                    sc = pair_score(texts[zh_i], texts[en_i]) if texts else 1.0
                    if sc >= min_pair_score and f[k - gap][0] + sc > f[k][0]:
                        f[k] = (f[k - gap][0] + sc, [*f[k - gap][1], (zh_i, en_i)])
        if f[-1][0] > best_score:  # the reading (zh-first or en-first) whose pairs fit best
            best_score, best = f[-1]
    covered = 2 * len(best)
    return best if covered >= min_coverage * len(idx) and len(best) >= 2 else []


def split_bilingual(text: str) -> tuple[str, str] | None:
    """``(zh, en)`` when a paragraph is one Chinese run followed (or preceded) by its English rendering.

    >>> split_bilingual("国务院部署稳外贸措施 State Council rolls out measures to stabilize foreign trade")
    ('国务院部署稳外贸措施', 'State Council rolls out measures to stabilize foreign trade')
    >>> split_bilingual("新质生产力 (new quality productive forces) 是关键词") is None
    True
    """
    parts: list[tuple[str, str]] = []
    for s, e, lang in runs(text):
        seg = text[s:e]
        if lang == "und" or (parts and parts[-1][0] == lang):
            if parts:
                parts[-1] = (parts[-1][0], parts[-1][1] + seg)
            continue
        parts.append((lang, seg))
    if len(parts) != 2:
        return None
    zh = next(t for lg, t in parts if lg == "zh").strip(" ：:-—|/")
    en = next(t for lg, t in parts if lg == "en").strip(" ：:-—|/")
    if len(HAN_RE.findall(zh)) < 4 or len(en.split()) < 3 or "(" in en[:1] or en.endswith(")"):
        return None
    return zh, en


def split_halves(langs: list[str], max_ratio: float = 2.0) -> tuple[list[int], list[int]] | None:
    """Indices of a Chinese half and an English half when a page gives all of one language first
    (the halves' paragraph counts within ``max_ratio`` of each other).

    >>> split_halves(["zh", "zh", "zh", "en", "en", "en"])
    ([0, 1, 2], [3, 4, 5])
    >>> split_halves(["en", "en", "en", "en", "zh"]) is None
    True
    """
    idx = [(i, lg) for i, lg in enumerate(langs) if lg in ("zh", "en")]
    if len(idx) < 4:
        return None
    switches = [k for k in range(1, len(idx)) if idx[k][1] != idx[k - 1][1]]
    if len(switches) != 1:
        return None
    first = [i for i, _ in idx[: switches[0]]]
    second = [i for i, _ in idx[switches[0] :]]
    if len(first) < 2 or len(second) < 2 or not 1 / max_ratio <= len(first) / len(second) <= max_ratio:
        return None
    return (first, second) if idx[0][1] == "zh" else (second, first)


@register
class Bilingual(Stage):
    name = "bilingual"
    requires = ("blocks",)
    provides = ("pairs",)
    uses = ("paragraphs", "sentences")
    uses_glossary = True
    description = "Recognise pages that interleave Chinese and English paragraphs and emit their aligned pairs."

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``align_sentences``: align the sentences inside each paragraph pair, with scores and
        term/number QA flags (default true); off, each paragraph pair is one pair scored 1.0.
        ``min_pair_score``: a zh and an en paragraph next to each other are a pair only when their
        length/number fit scores at least this (default 0.15). ``min_coverage``: a page is
        interleaved only when its pairs cover this share of its zh and en paragraphs (default 0.7).
        ``halves_max_ratio``: a Chinese half and an English half pair up only when their paragraph
        counts are within this factor (default 2.0)."""

        align_sentences: bool = True
        min_pair_score: float = 0.15
        min_coverage: float = 0.7
        halves_max_ratio: float = 2.0

    def run(self, doc: Document) -> None:
        body = [b for b in doc.blocks if b.role in (BODY, TITLE) and not b.verbatim]  # code is no translation
        for b in body:  # one paragraph holding a Chinese text and its English rendering
            split = split_bilingual(b.text) if b.lang == "mixed" else None
            if split:
                self._emit(doc, [split[0]], [split[1]])
        body = [b for b in body if b.role == BODY]
        o = self.options
        title = next((b for b in doc.blocks if b.role == TITLE), None)
        halves = split_halves([b.lang for b in body], o.halves_max_ratio)
        if halves:
            zh_blocks = [body[i] for i in halves[0]]
            en_blocks = [body[i] for i in halves[1]]
            # The page's title is one half's headline; the other half opens with its own headline:
            # the two are a pair, and the headline is not glued to the other half's first sentence.
            other = {"zh": en_blocks, "en": zh_blocks}.get(title.lang) if title is not None else None
            if title is not None and other and other[0].kind == "heading":
                self._emit_title(doc, title, other.pop(0))
            self._emit(doc, [s for b in zh_blocks for s in (b.sentences or [b.text])],
                       [s for b in en_blocks for s in (b.sentences or [b.text])])
            return
        pairs = interleaved_pairs([b.lang for b in body], [b.text for b in body], min_pair_score=o.min_pair_score,
                                  min_coverage=o.min_coverage, headings=[b.kind == "heading" for b in body])
        if pairs and title is not None and title.lang in ("zh", "en"):
            # the other language's headline: an unpaired heading above that language's first paired paragraph
            lang = "en" if title.lang == "zh" else "zh"
            first = min(e if lang == "en" else z for z, e in pairs)
            paired = {i for p in pairs for i in p}
            heads = [i for i in range(first) if i not in paired and body[i].lang == lang and body[i].kind == "heading"]
            if len(heads) == 1:
                self._emit_title(doc, title, body[heads[0]])
        for zi, ei in pairs:
            zh, en = body[zi], body[ei]
            if self.options.align_sentences:
                from ..alignment.aligner import align

                for p in align(zh.sentences or [zh.text], en.sentences or [en.text], glossary=self.resources.glossary,
                               lexicon=self._lexicon()):
                    if p.zh and p.en:
                        doc.pairs.append(Pair(doc.id, p.zh, p.en, p.beads, p.score, "interleaved", p.flags))
            else:
                doc.pairs.append(Pair(doc.id, zh.text, en.text, "1-1", 1.0, "interleaved"))

    def _lexicon(self) -> Any:
        """The alignment lexicon for this stage's glossary, built once per process (copying
        CC-CEDICT and adding the glossary cost ~60 ms, which every aligned page used to pay)."""
        from ..alignment.lexicon import build_lexicon

        g = self.resources.glossary
        key = g.digest if g is not None else ""
        lex = _LEXICONS.get(key)
        if lex is None:
            if len(_LEXICONS) >= 4:
                _LEXICONS.clear()
            lex = _LEXICONS[key] = build_lexicon(g)
        return lex

    def _emit_title(self, doc: Document, title: Block, head: Block) -> None:
        """The page's title and the other language's headline, as a pair."""
        zh, en = (title, head) if title.lang == "zh" else (head, title)
        self._emit(doc, [zh.text], [en.text])

    def _emit(self, doc: Document, zh: list[str], en: list[str]) -> None:
        from ..alignment.aligner import align

        for p in align(zh, en, glossary=self.resources.glossary, lexicon=self._lexicon()):
            if p.zh and p.en:
                doc.pairs.append(Pair(doc.id, p.zh, p.en, p.beads, p.score, "interleaved", p.flags))
