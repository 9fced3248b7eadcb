"""A second pass that learns the document's own vocabulary, as hunalign's realign does.

The first pass aligns with CC-CEDICT and the glossary; its one-to-one beads are then read as a
small parallel corpus. A Chinese word and an English stem that keep appearing in the same beads
(Dice association, seen together at least :data:`MIN_COUNT` times) become a translation for the
second pass: character names a dictionary cannot know (小宝 -> Trinket), an author's habits,
a document's terminology.
"""

from __future__ import annotations

from collections import Counter

from .lexicon import _EN_WORD, _STOP, Lexicon, stem

MIN_COUNT = 2
MIN_DICE = 0.5
MAX_PER_WORD = 2


def learn_pairs(zh_words: list[list[str]], en_stems: list[set[str]], min_count: int = MIN_COUNT,
                min_dice: float = MIN_DICE) -> dict[str, set[str]]:
    """Word -> stems associated by Dice over aligned sentence pairs (one bag each side per pair).

    >>> learn_pairs([["小宝", "笑"], ["小宝", "走"], ["他"]], [{"trinket", "laugh"}, {"trinket", "left"}, {"he"}])
    {'小宝': {'trinket'}}
    """
    cz: Counter[str] = Counter()
    ce: Counter[str] = Counter()
    cze: Counter[tuple[str, str]] = Counter()
    for zs, es in zip(zh_words, en_stems):
        zset = set(zs)
        cz.update(zset)
        ce.update(es)
        for z in zset:
            for e in es:
                cze[(z, e)] += 1
    best: dict[str, list[tuple[float, str]]] = {}
    for (z, e), c in cze.items():
        if c < min_count:
            continue
        d = 2.0 * c / (cz[z] + ce[e])
        if d >= min_dice:
            best.setdefault(z, []).append((d, e))
    return {z: {e for _, e in sorted(v, reverse=True)[:MAX_PER_WORD]} for z, v in best.items()}


def _content_stems(text: str) -> set[str]:
    return {stem(w) for w in _EN_WORD.findall(text) if w.lower() not in _STOP}


def relearn(lex: Lexicon, pairs: list[tuple[str, str]]) -> Lexicon:
    """``lex`` plus what the aligned ``(zh, en)`` sentence pairs teach (a new Lexicon; ``lex`` is untouched)."""
    words = [lex.zh_words(z) for z, _ in pairs]
    stems = [_content_stems(e) for _, e in pairs]
    learned = learn_pairs(words, stems)
    if not learned:
        return lex
    table = dict(lex.table)
    for z, es in learned.items():
        table[z] = table.get(z, frozenset()) | frozenset(es)
    return Lexicon(table, lex.max_len, lex.pinyin)
