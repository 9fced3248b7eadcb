"""``bilingual``: pages that interleave Chinese paragraphs with their English translations.

When most neighbouring body paragraphs alternate zh/en, each zh paragraph and
the en paragraph next to it (in the order the page uses) become a pair with
origin ``interleaved``; their sentences are aligned with the aligner.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import BODY, Document, Pair
from ..pipeline import Stage, register


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


@register
class Bilingual(Stage):
    name = "bilingual"
    description = "Recognise pages that interleave Chinese and English paragraphs and emit their aligned pairs."

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``align_sentences``: align the sentences inside each paragraph pair, with scores and
        term/number QA flags (default true); off, each paragraph pair is one pair scored 1.0."""

        align_sentences: bool = True

    def run(self, doc: Document) -> None:
        body = [b for b in doc.blocks if b.role == BODY]
        pairs = interleaved_pairs([b.lang for b in body])
        for zi, ei in pairs:
            zh, en = body[zi], body[ei]
            if self.options.align_sentences:
                from ..align.aligner import align

                for p in align(zh.sentences or [zh.text], en.sentences or [en.text], glossary=self.resources.glossary):
                    if p.zh and p.en:
                        doc.pairs.append(Pair(doc.id, p.zh, p.en, p.beads, p.score, "interleaved", p.flags))
            else:
                doc.pairs.append(Pair(doc.id, zh.text, en.text, "1-1", 1.0, "interleaved"))
