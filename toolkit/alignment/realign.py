"""A second pass that learns the document's own vocabulary, as hunalign's realign does.

The first pass aligns with CC-CEDICT and the glossary; its one-to-one beads are then read as a
small parallel corpus. A Chinese word and an English stem that keep appearing in the same beads
(Dice association, seen together at least :data:`MIN_COUNT` times; the words include every
pair of Han characters, since names are rarely dictionary words) become a translation for the
second pass: character names a dictionary cannot know (小宝 -> Trinket), an author's habits,
a document's terminology.
"""

from __future__ import annotations

import re
from collections import Counter

from .lexicon import _EN_WORD, _STOP, Lexicon, stem

_HAN = re.compile("[\u4e00-\u9fff]{2}")
MIN_COUNT = 3
MIN_DICE = 0.5
MAX_PER_WORD = 2


def learn_pairs(zh_words: list[list[str]], en_stems: list[set[str]], min_count: int | None = None,
                min_dice: float | None = None) -> dict[str, set[str]]:
    """Word -> stems associated by Dice over aligned sentence pairs (one bag each side per pair).

    >>> learn_pairs([["小宝", "笑"], ["小宝", "走"], ["他"]], [{"trinket", "laugh"}, {"trinket", "left"}, {"he"}], 2)
    {'小宝': {'trinket'}}
    """
    min_count = MIN_COUNT if min_count is None else min_count
    min_dice = MIN_DICE if min_dice is None else min_dice
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


def _tokens(lex: Lexicon, text: str) -> list[str]:
    # dictionary words, and every pair of Han characters: names are rarely dictionary words
    # (小玄子 is 小 + 玄 + 子 to CC-CEDICT, but 玄子 follows "Misty" through a chapter)
    out = lex.zh_words(text)
    out += [text[i : i + 2] for i in range(len(text) - 1) if _HAN.match(text[i : i + 2])]
    return out


def relearn(lex: Lexicon, pairs: list[tuple[str, str]]) -> Lexicon:
    """``lex`` plus what the aligned ``(zh, en)`` sentence pairs teach (a new Lexicon; ``lex`` is untouched)."""
    words = [_tokens(lex, z) for z, _ in pairs]
    stems = [_content_stems(e) for _, e in pairs]
    learned = learn_pairs(words, stems)
    if not learned:
        return lex
    table = dict(lex.table)
    for z, es in learned.items():
        table[z] = table.get(z, frozenset()) | frozenset(es)
    return Lexicon(table, max(lex.max_len, 2), lex.pinyin, lex.learned, lex.probs)
