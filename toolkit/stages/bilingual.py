"""``bilingual``: pages that hold both languages.

Three shapes are recognised, all emitted with origin ``interleaved``: paragraphs that
alternate zh/en (each zh paragraph with the en one next to it, sentences aligned); a
Chinese half followed by an English half (or the reverse), aligned sentence by sentence;
and single paragraphs made of a Chinese text and its English rendering (bilingual headings).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..chars import HAN_RE
from ..lang import runs
from ..model import BODY, TITLE, Document, Pair
from ..stage import Stage, register


def interleaved_pairs(langs: list[str]) -> list[tuple[int, int]]:
    """Index pairs ``(zh, en)`` when the sequence alternates, else ``[]``.

    >>> interleaved_pairs(["zh", "en", "zh", "en"]), interleaved_pairs(["en", "zh", "en", "zh"])
    ([(0, 1), (2, 3)], [(1, 0), (3, 2)])
    >>> interleaved_pairs(["en", "en", "en", "zh"])
    []
    """
    idx = [i for i, lg in enumerate(langs) if lg in ("zh", "en")]
    if len(idx) < 4:
        return []
    seq = [langs[i] for i in idx]
    first = seq[0]
    pairs: list[tuple[int, int]] = []
    i = 0
    while i + 1 < len(seq):
        a, b = seq[i], seq[i + 1]
        if a == first and b != first:
            zh, en = (idx[i], idx[i + 1]) if a == "zh" else (idx[i + 1], idx[i])
            pairs.append((zh, en))
            i += 2
        else:
            i += 1
    covered = 2 * len(pairs)
    return pairs if covered >= 0.7 * len(seq) and len(pairs) >= 2 else []


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


def split_halves(langs: list[str]) -> tuple[list[int], list[int]] | None:
    """Indices of a Chinese half and an English half when a page gives all of one language first.

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
    if len(first) < 2 or len(second) < 2 or not 0.5 <= len(first) / len(second) <= 2:
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
        term/number QA flags (default true); off, each paragraph pair is one pair scored 1.0."""

        align_sentences: bool = True

    def run(self, doc: Document) -> None:
        body = [b for b in doc.blocks if b.role in (BODY, TITLE)]
        for b in body:  # one paragraph holding a Chinese text and its English rendering
            split = split_bilingual(b.text) if b.lang == "mixed" else None
            if split:
                self._emit(doc, [split[0]], [split[1]])
        body = [b for b in body if b.role == BODY]
        halves = split_halves([b.lang for b in body])
        if halves:
            zh_blocks = [body[i] for i in halves[0]]
            en_blocks = [body[i] for i in halves[1]]
            self._emit(doc, [s for b in zh_blocks for s in (b.sentences or [b.text])],
                       [s for b in en_blocks for s in (b.sentences or [b.text])])
            return
        pairs = interleaved_pairs([b.lang for b in body])
        for zi, ei in pairs:
            zh, en = body[zi], body[ei]
            if self.options.align_sentences:
                from ..alignment.aligner import align

                for p in align(zh.sentences or [zh.text], en.sentences or [en.text], glossary=self.resources.glossary):
                    if p.zh and p.en:
                        doc.pairs.append(Pair(doc.id, p.zh, p.en, p.beads, p.score, "interleaved", p.flags))
            else:
                doc.pairs.append(Pair(doc.id, zh.text, en.text, "1-1", 1.0, "interleaved"))

    def _emit(self, doc: Document, zh: list[str], en: list[str]) -> None:
        from ..alignment.aligner import align

        for p in align(zh, en, glossary=self.resources.glossary):
            if p.zh and p.en:
                doc.pairs.append(Pair(doc.id, p.zh, p.en, p.beads, p.score, "interleaved", p.flags))
