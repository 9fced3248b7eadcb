"""Hard-negative flags on an aligned pair, independent of its score.

``untranslated``: both sides are in the same language (the English side is Chinese, the
Chinese side is English) or one side is a copy of the other. ``wrong-script``: a side is
mostly in a script that is neither Han nor Latin (kana, Hangul, Cyrillic, Arabic...) or
is Latin-1 mojibake. ``partial``: one side is much longer than the document's length
ratio expects and its extra part, at the start or the end, has no dictionary match on the
other side. (``number-mismatch`` is in :mod:`toolkit.alignment.qa`.)

Each flag is a dict with ``kind``, ``side`` (``zh``/``en``), ``message`` and, for
``partial``, ``start``/``end`` offsets of the unaligned part in that side's text.
"""

from __future__ import annotations

import re
from typing import Any

from ..chars import HAN_RE, LATIN_RE
from .features import DEFAULT_RATIO, en_stems
from .lexicon import Lexicon

#: Pair-level flag kinds this module raises (``--drop-flags`` also accepts ``number-mismatch``
#: and ``term-missing`` from the QA module).
KINDS = ("untranslated", "wrong-script", "partial")

# Letters of scripts a zh-en pair should not be written in: kana, Hangul, Cyrillic, Greek,
# Arabic, Hebrew, Thai, Devanagari.
_OTHER = re.compile("[\u3040-\u30ff\uac00-\ud7af\u0400-\u04ff\u0370-\u03ff\u0600-\u06ff\u0590-\u05ff\u0e00-\u0e7f\u0900-\u097f]")
# Latin-1 letters that UTF-8 read as Latin-1/cp1252 turns Chinese into: "å¤©æ°"
_MOJIBAKE = re.compile("[\u00c0-\u00ff]")
_SPACE = re.compile(r"\s+")
_NORM = re.compile(r"[\W_]+")
_EN_CLAUSE = re.compile(r"[^.;:!?,]+[.;:!?,]*")
_ZH_CLAUSE = re.compile("[^\N{IDEOGRAPHIC FULL STOP}\N{FULLWIDTH COMMA}\N{FULLWIDTH SEMICOLON}\N{FULLWIDTH COLON}"
                        "\N{FULLWIDTH EXCLAMATION MARK}\N{FULLWIDTH QUESTION MARK}\N{IDEOGRAPHIC COMMA}]+"
                        "[\N{IDEOGRAPHIC FULL STOP}\N{FULLWIDTH COMMA}\N{FULLWIDTH SEMICOLON}\N{FULLWIDTH COLON}"
                        "\N{FULLWIDTH EXCLAMATION MARK}\N{FULLWIDTH QUESTION MARK}\N{IDEOGRAPHIC COMMA}"
                        "\N{RIGHT DOUBLE QUOTATION MARK}]*")
_EN_WORD = re.compile(r"[A-Za-z]{3,}")

# partial: the long side must exceed the expected length by this factor, and its unaligned
# edge must hold this share of its characters (loose translations rarely do both).
PARTIAL_EXCESS = 1.8
PARTIAL_SHARE = 0.4


def untranslated(zh: str, en: str) -> dict[str, Any] | None:
    """Both sides in one language, or a copy.

    >>> untranslated("今天天气很好。", "今天天气很好。")["message"]
    'the two sides are the same text'
    >>> untranslated("今天天气很好。", "今天天气很好，我们去公园。")["side"]
    'en'
    >>> untranslated("The weather is nice today.", "It is a nice day.")["side"]
    'zh'
    >>> untranslated("今天天气很好。", "The weather is nice today.") is None
    True
    """
    a, b = _NORM.sub("", zh).lower(), _NORM.sub("", en).lower()
    if a and a == b and not a.isdigit():
        return {"kind": "untranslated", "side": "en", "message": "the two sides are the same text"}
    eh, el = len(HAN_RE.findall(en)), len(LATIN_RE.findall(en))
    if eh and eh * 3 >= el:
        return {"kind": "untranslated", "side": "en", "message": f"the English side is Chinese ({eh} Han characters)"}
    zh_h, zl = len(HAN_RE.findall(zh)), len(LATIN_RE.findall(zh))
    if zl >= 10 and zh_h * 3 < zl * 0.1:
        return {"kind": "untranslated", "side": "zh", "message": f"the Chinese side is Latin-script text ({zh_h} Han characters)"}
    return None


def wrong_script(zh: str, en: str) -> dict[str, Any] | None:
    """A side mostly written in a script that is neither Han nor Latin, or in Latin-1 mojibake.

    >>> wrong_script("今日はいい天気ですね。", "The weather is nice today.")["side"]
    'zh'
    >>> wrong_script("今天天气很好。", "Сегодня хорошая погода.")["side"]
    'en'
    >>> wrong_script("ä»Šå¤©å¤©æ°”å¾ˆå¥½ã€‚", "The weather is nice today.")["message"]
    'the Chinese side looks like mojibake (UTF-8 read as Latin-1)'
    >>> wrong_script("他喜欢看《ドラえもん》这部动画片。", "He likes watching Doraemon.") is None
    True
    """
    for side, text in (("zh", zh), ("en", en)):
        other = len(_OTHER.findall(text))
        letters = len(HAN_RE.findall(text)) + len(LATIN_RE.findall(text)) + other
        if letters and other >= 2 and other / letters >= 0.4:
            return {"kind": "wrong-script", "side": side,
                    "message": f"the {'Chinese' if side == 'zh' else 'English'} side is mostly in another script ({other} letters)"}
    moj = len(_MOJIBAKE.findall(zh))
    if moj >= 3 and moj / max(1, len(_SPACE.sub("", zh))) >= 0.3:
        return {"kind": "wrong-script", "side": "zh", "message": "the Chinese side looks like mojibake (UTF-8 read as Latin-1)"}
    moj = len(_MOJIBAKE.findall(en))
    if moj >= 6 and moj / max(1, len(LATIN_RE.findall(en))) >= 0.3:
        return {"kind": "wrong-script", "side": "en", "message": "the English side looks like mojibake (UTF-8 read as Latin-1)"}
    return None


def _edge_run(matched: list[bool], spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The longer unmatched run of clauses at the start or at the end, as a character span."""
    if not matched or all(not m for m in matched) or all(matched):
        return None
    k = 0
    while not matched[k]:
        k += 1
    head = (spans[0][0], spans[k - 1][1]) if k else None
    k = len(matched)
    while not matched[k - 1]:
        k -= 1
    tail = (spans[k][0], spans[-1][1]) if k < len(matched) else None
    runs = [r for r in (head, tail) if r]
    return max(runs, key=lambda r: r[1] - r[0]) if runs else None


def partial(zh: str, en: str, lex: Lexicon, ratio: float | None = None) -> dict[str, Any] | None:
    """One side much longer than expected, its extra part (start or end) unmatched.

    >>> from .lexicon import build_lexicon
    >>> lex = build_lexicon()
    >>> f = partial("我们去公园。", "We go to the park. Astronomers held a press conference about images from the Mars probe.", lex)
    >>> f["side"], f["start"]
    ('en', 18)
    >>> partial("我们去公园。", "We go to the park.", lex) is None
    True
    """
    r = ratio or DEFAULT_RATIO
    zl = len(_SPACE.sub("", zh)) or 1
    el = len(en) or 1
    if el + 10 > PARTIAL_EXCESS * (r * zl + 10):
        es_all = lex.zh_features(zh)[0]
        spans = [(m.start(), m.end()) for m in _EN_CLAUSE.finditer(en) if m.group().strip()]
        matched = [bool(en_stems(en[s:e]) & es_all) or not _EN_WORD.search(en[s:e]) for s, e in spans]
        run = _edge_run(matched, spans)
        if run and (run[1] - run[0]) >= PARTIAL_SHARE * el and len(_EN_WORD.findall(en[run[0] : run[1]])) >= 4:
            return {"kind": "partial", "side": "en", "start": run[0], "end": run[1],
                    "message": f"the English is {el / (r * zl):.1f}x the expected length and its part "
                               f"{en[run[0]:run[1]].strip()[:40]!r} matches nothing in the Chinese"}
    if r * zl + 10 > PARTIAL_EXCESS * (el + 10):
        es = en_stems(en)
        spans = [(m.start(), m.end()) for m in _ZH_CLAUSE.finditer(zh) if m.group().strip()]
        matched = []
        for s, e in spans:
            words = [w for w in lex.zh_words(zh[s:e]) if lex.table.get(w)]
            matched.append(any(lex.table[w] & es for w in words) or len(words) < 2)
        run = _edge_run(matched, spans)
        if run and (run[1] - run[0]) >= PARTIAL_SHARE * len(zh) and run[1] - run[0] >= 6:
            return {"kind": "partial", "side": "zh", "start": run[0], "end": run[1],
                    "message": f"the Chinese is {r * zl / el:.1f}x the expected length and its part "
                               f"{zh[run[0]:run[1]][:20]!r} matches nothing in the English"}
    return None


def pair_flags(zh: str, en: str, lex: Lexicon, ratio: float | None = None) -> list[dict[str, Any]]:
    """All hard-negative flags of one pair (at most one of each kind)."""
    out = []
    f = wrong_script(zh, en) or untranslated(zh, en)
    if f:
        out.append(f)
    if not out:
        p = partial(zh, en, lex, ratio)
        if p:
            out.append(p)
    return out
