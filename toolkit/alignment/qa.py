"""Terminology and number QA on aligned pairs.

``term-missing``: a glossary ``zh`` term in the Chinese sentence none of whose accepted English
forms (``en`` and ``accept``; plural, possessive and capitalized forms count) is in the English,
for entries whose ``when``/``unless`` conditions hold on the pair, and only where the term is
a whole word of the sentence (forward maximum matching over CC-CEDICT and the glossary: 现代 in
现代化 or 理学 in 物理学 is no occurrence); with the English words most likely standing in for
it (a known variant first). A known wrong variant in the English is always a miss; without one,
a word that identifies a capitalized name ("Tiananmen" for "Tiananmen Gate") counts as the name. The Chinese terms are found by one
automaton pass over the sentence and their entries by a dict lookup, so the cost does not grow
with the glossary. ``number-mismatch``: a number in the Chinese (万/亿 scales and Chinese numerals
understood) that no number in the English matches.
"""

from __future__ import annotations

import re
import weakref
from typing import Any

from ..glossary import Glossary, norm_key
from ..glossary.forms import en_key, form_present, name_evidence

_ZH_NUM = re.compile(r"(\d+(?:\.\d+)?)\s*(万亿|亿|万|千|百)?\s*(%|％)?")
_EN_NUM = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(trillion|billion|million|thousand|hundred)?\s*(%|percent|per cent)?", re.I)
_ZH_SCALE = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}
_EN_SCALE = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3, "hundred": 1e2}
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMERAL = re.compile(r"[零一二两三四五六七八九十百千]+(?:万亿|亿|万)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_STOP = frozenset("the of and to in a an on for with by at from as is are was were be that this it its".split())


def cn_numeral(text: str) -> float | None:
    """Value of a Chinese numeral.

    >>> cn_numeral("三十五"), cn_numeral("两千"), cn_numeral("十"), cn_numeral("五万")
    (35.0, 2000.0, 10.0, 50000.0)
    """
    scale = 1.0
    for suffix, mult in (("万亿", 1e12), ("亿", 1e8), ("万", 1e4)):
        if text.endswith(suffix):
            text, scale = text[: -len(suffix)], mult
            break
    total, current = 0, 0
    units = {"十": 10, "百": 100, "千": 1000}
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in units:
            total += (current or 1) * units[ch]
            current = 0
        else:
            return None
    total += current
    return float(total) * scale if total else None


def zh_numbers(text: str) -> list[tuple[float, bool]]:
    """``(value, is_percent)`` for the numbers in Chinese text.

    >>> zh_numbers("规模达8.3万亿元，增长5.3%")
    [(8300000000000.0, False), (5.3, True)]
    """
    out: list[tuple[float, bool]] = []
    for m in _ZH_NUM.finditer(text):
        v = float(f"{float(m.group(1)) * _ZH_SCALE.get(m.group(2) or '', 1):.12g}")
        out.append((v, bool(m.group(3))))
    for m in _CN_NUMERAL.finditer(text):
        if len(m.group()) >= 2 or m.group() in "十":
            cv = cn_numeral(m.group())
            if cv is not None and cv >= 10:
                out.append((cv, False))
    return out


def en_numbers(text: str) -> list[tuple[float, bool]]:
    """``(value, is_percent)`` for the numbers in English text.

    >>> en_numbers("8.3 trillion yuan, up 5.3 percent and 1,200 firms")
    [(8300000000000.0, False), (5.3, True), (1200.0, False)]
    """
    out = []
    for m in _EN_NUM.finditer(text):
        v = float(f"{float(m.group(1).replace(',', '')) * _EN_SCALE.get((m.group(2) or '').lower(), 1):.12g}")
        out.append((v, bool(m.group(3))))
    return out


def number_mismatches(zh: str, en: str) -> list[str]:
    """Chinese numbers with no English counterpart.

    >>> number_mismatches("规模达8.3万亿元", "reached 8.3 trillion yuan"), number_mismatches("增长5.3%", "grew 53%")
    ([], ['5.3%'])
    """
    ens = en_numbers(en)
    if not ens:
        return []
    bad = []
    for v, pct in zh_numbers(zh):
        if 1900 <= v <= 2100 and not pct:
            if any(abs(v - e) < 1e-9 for e, _ in ens):
                continue
        if not any(abs(v - e) <= 1e-6 * max(1.0, abs(v)) and (pct == p or not pct) for e, p in ens):
            bad.append(f"{v:g}%" if pct else f"{v:g}")
    return bad


def _candidates(entry: Any, en: str) -> list[str]:
    low = norm_key(en)
    found = [v.text for v in entry.variants if norm_key(v.text) in low]
    if found:
        return found
    words = _WORD.findall(en)
    target = len(entry.en.split())
    grams = []
    for n in range(max(1, target - 1), target + 2):
        for i in range(len(words) - n + 1):
            g = words[i : i + n]
            if g[0].lower() in _STOP or g[-1].lower() in _STOP:
                continue
            grams.append(" ".join(g))
    return grams[:3]


_WORDS: weakref.WeakKeyDictionary[Glossary, tuple[Any, int]] = weakref.WeakKeyDictionary()
_MAX_WORD = 8


def _word_table(glossary: Glossary) -> tuple[Any, int]:
    """Chinese words for segmentation: CC-CEDICT's (the aligner's cached table) and the glossary's terms."""
    table = _WORDS.get(glossary)
    if table is None:
        from .lexicon import _cedict

        words = set(_cedict()) | {e.zh for e in glossary.entries}
        table = (words, min(max((len(w) for w in words), default=1), _MAX_WORD))
        _WORDS[glossary] = table
    return table


def word_boundaries(text: str, table: Any, max_len: int) -> set[int]:
    """Offsets where forward maximum matching over ``table`` puts a word boundary.

    >>> sorted(word_boundaries("推进现代化建设", {"推进", "现代", "现代化", "建设"}, 3))
    [0, 2, 5, 7]
    """
    out = {0}
    i, n = 0, len(text)
    while i < n:
        for size in range(min(max_len, n - i), 1, -1):
            if text[i : i + size] in table:
                i += size
                break
        else:
            i += 1
        out.add(i)
    return out


def term_flags(zh: str, en: str, glossary: Glossary, domain: str | None = None) -> list[dict[str, Any]]:
    """``term-missing`` flags for one aligned pair.

    An entry is skipped when its ``when``/``unless`` fails on the pair (both sides are the
    neighbourhood); a term counts as rendered when any applicable entry's accepted form is there.
    """
    flags: list[dict[str, Any]] = []
    key: str | None = None
    bounds: set[int] | None = None
    context = zh + "\n" + en
    for s, e in glossary.zh_spans(zh, None, "all"):
        term = zh[s:e]
        if bounds is None:
            bounds = word_boundaries(zh, *_word_table(glossary))
        if s not in bounds or e not in bounds:
            continue  # inside a longer word
        applicable = [x for x in glossary.entries_for(term) if x.applies(context, domain)]
        if not applicable:
            continue
        if key is None:
            key = en_key(en)
        if any(glossary.present(x, en, key) for x in applicable):
            continue
        # A known wrong rendering is a miss for certain; otherwise a word that identifies a
        # name ("Tiananmen" for "Tiananmen Gate") is taken as the name, shortened.
        wrong = any(form_present(v.text, en, key) for x in applicable for v in x.variants)
        if not wrong and any(name_evidence(f, key) for x in applicable for f in x.forms):
            continue
        entry = applicable[0]
        flags.append({"kind": "term-missing", "zh": term, "expected": entry.en, "candidates": _candidates(entry, en),
                      "rule": entry.rule})
    return flags


def check_pair(zh: str, en: str, glossary: Glossary | None, domain: str | None = None) -> list[dict[str, Any]]:
    """QA flags for one aligned pair."""
    flags: list[dict[str, Any]] = []
    if glossary is not None and glossary.entries:
        flags += term_flags(zh, en, glossary, domain)
    for n in number_mismatches(zh, en):
        flags.append({"kind": "number-mismatch", "zh": n, "message": f"{n} in the Chinese has no match in the English"})
    return flags
