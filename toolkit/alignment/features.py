"""Pair features for the calibrated pair score: what the aligner already knows about a pair.

Each feature is a small pure function of the two sides (plus the document's en/zh length
ratio and the bead shape); :func:`pair_features` returns them in :data:`FEATURE_NAMES`
order, which is also the order of the weights in ``toolkit/data/pair-scorer.json``.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ..chars import HAN_RE, LATIN_RE
from .lexicon import _EN_WORD, _PUNCT_EN, _PUNCT_ZH, _STOP, Lexicon, en_names, punct_anchors, stem, zh_names
from .qa import en_numbers, en_readings, zh_numbers, zh_readings

#: English characters (spaces included) per Chinese character (spaces excluded), when the
#: document's own ratio is unknown: the median over the training pairs (MAC-Dev is ~4.1,
#: news ~3.0; the document ratio is used whenever the aligner knows it).
DEFAULT_RATIO = 3.3

FEATURE_NAMES = (
    "len_dev",  # log((en + 10) / (ratio * zh + 10)): + when the English is long for the Chinese
    "len_dev_sq",
    "zh_cov",  # share of translatable Chinese words with a dictionary translation in the English
    "en_cov",  # share of English content stems that translate some Chinese word
    "dice",  # the aligner's lexical score: 2 * hits / (zh words + en stems)
    "log_zh_words",  # evidence: how many translatable Chinese words there are
    "log_en_words",
    "num_agree",  # share of numbers on either side matched on the other (1 with no numbers)
    "num_any",  # 1 when either side has a number
    "latin_agree",  # share of Latin words inside the Chinese found in the English (1 with none)
    "punct_agree",  # Jaccard of ?/!/quote/colon anchors (1 with none on both sides)
    "en_han_share",  # Han characters among the English side's letters (untranslated text)
    "zh_latin_share",  # Latin letters among the Chinese side's letters, Han weighted x3
    "bead_extra",  # sentences in the bead beyond one a side (0 for 1-1, 1 for 1-2, 2 for 2-2 or 1-3)
    "zh_cov_x_evidence",  # coverage counts for more when there is more to cover
    "en_cov_rare",  # en_cov with each word weighted by rarity (7 - Zipf frequency): "the city" < "Beijing"
    "zh_cov_long",  # zh_cov with each word weighted by its length in characters
    "en_half_min",  # the lower of en_cov over the first and the second half of the English words
    "zh_half_min",  # the lower of zh_cov over the first and the second half of the Chinese words
    "repeated",  # 1 when a side is one text written twice
    "en_num_unmatched",  # 1 when a number in the English has no counterpart in the Chinese
    "rare_evidence",  # log(1 + sum of the rarity of matched English words): absolute evidence, not a share
    "zh_cov_specific",  # zh_cov with each word weighted by 1/sqrt(its number of translations)
    "rare_hit_share",  # matched rarity over the rarity a match of every Chinese word would bring
    "no_hit_evidence",  # log(1 + translatable Chinese words) when not one of them matched: many chances, no hit
    "name_hits",  # log(1 + pinyin-spelled names in the English found in the Chinese): 叶文洁 ~ Ye Wenjie
    "name_misses",  # log(1 + pinyin-spelled names in the English not found in the Chinese)
    "len_dev_sq_x_size",  # a length mismatch means more in a long sentence than in a short one
    # wrong extent (a neighbour glued on, a side cut short): where on each side the matches are
    "drift",  # mean (English position - Chinese position) of matched words, positions relative 0-1
    "drift_x_evidence",  # |drift| * sqrt(matched words): a consistent drift over many matches
    "en_edge",  # share of the English before its first or after its last matched word, the larger
    "zh_edge",  # the same for the Chinese
    "en_third_min",  # the lowest en_cov (rarity-weighted) over the three thirds of the English words
    "zh_third_min",  # the lowest zh_cov over the three thirds of the Chinese words
    "sent_ratio",  # log(English sentence ends / Chinese sentence ends)
    "sent_ratio_abs",
    "clause_ratio",  # log(English clauses / Chinese clauses)
    "en_first_clause_cov",  # en_cov of the first English clause (1 with a single clause)
    "en_last_clause_cov",
    "zh_first_clause_cov",
    "zh_last_clause_cov",
    "edge_clause_min",  # the lowest of the four
    "log_matches",  # log(1 + matched Chinese words)
    "en_starts_lower",  # the English starts in lower case (mid-sentence) ("iPhone" and "e-" excepted)
    "zh_starts_punct",  # the Chinese starts with a comma, stop or closing bracket (mid-sentence)
    "end_mark_mismatch",  # 1 when exactly one side ends with a sentence-final mark
    # weaker lexical evidence: a word with no match whose characters translate into the English
    "char_cov",  # zh_cov counting such words as matched
    "char_cov_x_evidence",
    "en_cov_char",  # en_cov with those characters' translations added
    # the learned lexicon (IBM Model 1 on public zh-en text: Lexicon.learned links, Lexicon.probs)
    "lrn_zh_cov",  # zh_cov with the learned links added
    "lrn_en_cov_rare",  # en_cov_rare with the learned links added
    "lrn_new_hits",  # log(1 + English words matched by a learned link only)
    "ibm_en",  # mean over known English words of log10 max t(word | a Chinese word of the pair), floor -4, a dictionary match 0
    "ibm_zh",  # the same for the known Chinese words: log10 max t(word | an English word of the pair)
    "ibm_min",  # the lower of the two
    # neighbour agreement: the sentences beside the pair in its documents (the aligner knows them;
    # a pair scored alone has none, and all five are 0)
    "has_context",  # 1 when the neighbouring sentences were given
    "nb_alt_dice",  # the best dice of this Chinese with an English neighbour, or of a Chinese neighbour with this English
    "nb_margin",  # dice - nb_alt_dice: + when this pairing beats every one-sentence shift
    "nb_zh_in_en",  # the larger share of a Chinese neighbour's words translated in this English (English over-merged)
    "nb_en_in_zh",  # the larger share of an English neighbour's content stems translated by this Chinese (Chinese over-merged)
)

#: The sentences beside a pair in its two documents: Chinese before, Chinese after, English before,
#: English after ("" where there is none: the document's edge).
Context = tuple[str, str, str, str]

_SPACE = re.compile(r"\s+")
_ZH_END = re.compile("[。！？!?…]+[”’」』\"')）]*")
_EN_END = re.compile(r"[.!?…]+[\"'”’)]*(?=\s|$)")
_ZH_CLAUSE_MARK = re.compile("[，,；;：:。！？!?、…—]+")
_EN_CLAUSE_MARK = re.compile(r"[,;:.!?…—]+(?=\s|$|[\"'”’])")
_ZH_ENDS = re.compile("[。！？!?…．.~～]+[”’」』\"')）】]*\\s*$")
_EN_ENDS = re.compile(r"[.!?…:;]+[\"'”’)\]]*\s*$")
_FIRST_LATIN = re.compile(r"[A-Za-z]")
_LOWER_OK = re.compile(r"[\s\W]*(?:iPhone|iPad|iOS|eBay|e-)")
_ZH_MID = frozenset("，,、；;：:。！？!?）)》」』")


@lru_cache(maxsize=100_000)
def rarity(word: str) -> float:
    """Weight of an English word: 7 - its Zipf frequency, between 1 and 6.

    >>> rarity("the") < rarity("city") < rarity("Beijing")
    True
    """
    from .. import wordlists

    return min(6.0, max(1.0, 7.0 - wordlists.zipf(word.lower())))


def is_repeated(text: str) -> bool:
    """The text is one shorter text written twice (a scraping or MT artefact).

    >>> is_repeated("你好。你好。"), is_repeated("Hello there. Hello there."), is_repeated("Hello there.")
    (True, True, False)
    """
    t = _SPACE.sub("", text)
    n = len(t)
    return n >= 4 and n % 2 == 0 and t[: n // 2] == t[n // 2 :]


def _half_min(hits: list[float], weights: list[float]) -> float:
    if len(hits) < 4:
        return 1.0 if any(hits) or not hits else 0.0
    h = len(hits) // 2
    a = sum(hits[:h]) / (sum(weights[:h]) or 1)
    b = sum(hits[h:]) / (sum(weights[h:]) or 1)
    return min(a, b)


def _thirds_min(hits: list[float], weights: list[float]) -> float:
    n = len(hits)
    if n < 6:
        return 1.0 if any(hits) or not hits else 0.0
    return min(sum(hits[k * n // 3 : (k + 1) * n // 3]) / (sum(weights[k * n // 3 : (k + 1) * n // 3]) or 1) for k in range(3))


def _edge(hits: list[float], pos: list[float]) -> float:
    """Share of a side (by position) before its first or after its last hit, the larger; 1 with no hit."""
    idx = [i for i, h in enumerate(hits) if h]
    return max(pos[idx[0]], 1.0 - pos[idx[-1]]) if idx else 1.0


def _clause_cov(hits: list[float], pos: list[int], text: str, marks: re.Pattern[str], keep: re.Pattern[str] | None) -> tuple[float, float]:
    """Share of matched words in the first and in the last clause (1.0, 1.0 with one clause)."""
    cuts = [0]
    for m in marks.finditer(text):
        seg = text[cuts[-1] : m.start()]
        if seg.strip() and (keep is None or keep.search(seg)):
            cuts.append(m.end())
    seg = text[cuts[-1] :]
    if not (seg.strip() and (keep is None or keep.search(seg))):
        cuts.pop()
    if len(cuts) < 2:
        return 1.0, 1.0
    first_end, last_start = cuts[1], cuts[-1]
    a = [h for h, p in zip(hits, pos) if p < first_end]
    b = [h for h, p in zip(hits, pos) if p >= last_start]
    return (sum(1 for h in a if h) / len(a) if a else 1.0), (sum(1 for h in b if h) / len(b) if b else 1.0)


def _zh_words_at(lex: Lexicon, text: str) -> tuple[list[str], list[int]]:
    """Translatable Chinese words and their offsets in ``text``."""
    words, pos = [], []
    cur = 0
    for w in lex.zh_words(text):
        p = text.find(w, cur)
        cur = p + len(w)
        if lex.table.get(w):
            words.append(w)
            pos.append(p)
    return words, pos


def en_stems(text: str) -> set[str]:
    """Content-word stems of English text (no stop words).

    >>> sorted(en_stems("The investments were made in the cities"))
    ['citi', 'invest', 'made']
    """
    return {stem(w) for w in _EN_WORD.findall(text) if w.lower() not in _STOP}


def _num_agree(zh: str, en: str) -> tuple[float, bool, bool]:
    """Share of numbers on either side matched on the other (each side's numbers in digits, each read
    against every value the other side may express: number words, decades, one-character numerals);
    whether either side has a number; whether an English number has no counterpart in the Chinese.

    >>> _num_agree("上世纪80年代，两岁的孩子", "a 2-year-old in the 1980s"), _num_agree("增长3%", "grew 5%")
    ((1.0, True, False), (0.0, True, True))
    """
    zn = {round(v, 6) for v, _ in zh_numbers(zh)}
    en_ = {round(v, 6) for v, _ in en_numbers(en)}
    if not zn and not en_:
        return 1.0, False, False
    zr = zh_readings(zh) if en_ else set()
    er = en_readings(en) if zn else set()
    en_hits = sum(v in zr for v in en_)
    return (sum(v in er for v in zn) + en_hits) / (len(zn) + len(en_)), True, en_hits < len(en_)


def script_shares(zh: str, en: str) -> tuple[float, float]:
    """Han share of the English side's letters; Latin share of the Chinese side (Han weighted x3).

    >>> script_shares("今天天气很好。", "The weather is nice today.")
    (0.0, 0.0)
    >>> script_shares("The weather is nice.", "今天天气很好。")
    (1.0, 1.0)
    """
    eh, el = len(HAN_RE.findall(en)), len(LATIN_RE.findall(en))
    zh_h, zl = len(HAN_RE.findall(zh)), len(LATIN_RE.findall(zh))
    en_han = eh * 3 / (eh * 3 + el) if eh or el else 0.0
    zh_lat = zl / (zl + zh_h * 3) if zl or zh_h else 0.0
    return en_han, zh_lat


def pair_features(zh: str, en: str, lex: Lexicon, *, ratio: float | None = None, beads: tuple[int, int] = (1, 1),
                  context: Context | None = None) -> list[float]:
    """Feature vector of one pair, in :data:`FEATURE_NAMES` order. ``context``: the sentences beside
    the pair in its documents (:data:`Context`), for the neighbour-agreement features.

    >>> from .lexicon import build_lexicon
    >>> f = dict(zip(FEATURE_NAMES, pair_features("我们去公园。", "We go to the park.", build_lexicon())))
    >>> f["en_cov"] > 0.5, abs(f["len_dev"]) < 0.5, f["bead_extra"]
    (True, True, 0.0)
    """
    r = ratio or DEFAULT_RATIO
    zl = len(_SPACE.sub("", zh)) or 1
    el = len(en) or 1
    d = math.log((el + 10) / (r * zl + 10))
    en_ms = [m for m in _EN_WORD.finditer(en) if m.group().lower() not in _STOP]
    en_words = [m.group() for m in en_ms]
    en_st = [stem(w) for w in en_words]
    es = set(en_st)
    words, zh_pos = _zh_words_at(lex, zh)
    union: set[str] = set()
    zh_hits: list[float] = []
    for w in words:
        t = lex.table[w]
        union |= t
        zh_hits.append(1.0 if t & es else 0.0)
    hits = sum(zh_hits)
    zh_cov = hits / len(words) if words else 0.0
    en_cov = len(es & union) / len(es) if es else 0.0
    dice = _dice(words, union, es)
    rw = [rarity(w) for w in en_words]
    en_hits = [r if s_ in union else 0.0 for r, s_ in zip(rw, en_st)]
    en_cov_rare = sum(en_hits) / sum(rw) if rw else 0.0
    rare_sum = sum(en_hits)
    spec = [1.0 / math.sqrt(len(lex.table[w])) for w in words]
    zh_cov_spec = sum(h * x for h, x in zip(zh_hits, spec)) / sum(spec) if words else 0.0
    zl_w = [float(len(w)) for w in words]
    zh_cov_long = sum(h * x for h, x in zip(zh_hits, zl_w)) / sum(zl_w) if words else 0.0
    num_agree, num_any, en_unmatched = _num_agree(zh, en)
    latin = {stem(w) for w in _EN_WORD.findall(zh) if w.lower() not in _STOP}
    latin_agree = len(latin & es) / len(latin) if latin else 1.0
    pz, pe = punct_anchors(zh, _PUNCT_ZH), punct_anchors(en, _PUNCT_EN)
    punct = len(pz & pe) / len(pz | pe) if pz | pe else 1.0
    en_han, zh_lat = script_shares(zh, en)
    lz = math.log1p(len(words))
    names = en_names(en)
    name_hits = len(zh_names(zh, lex.pinyin, names)) if names and lex.pinyin else 0
    base = [d, d * d, zh_cov, en_cov, dice, lz, math.log1p(len(es)), num_agree, float(num_any), latin_agree, punct,
            en_han, zh_lat, float(beads[0] + beads[1] - 2), zh_cov * lz, en_cov_rare, zh_cov_long,
            _half_min(en_hits, rw), _half_min(zh_hits, [1.0] * len(zh_hits)),
            float(is_repeated(zh) or is_repeated(en)), float(en_unmatched), math.log1p(rare_sum), zh_cov_spec,
            rare_sum / (3.0 * len(words) + 1.0), 0.0 if hits or (es & union) else lz,
            math.log1p(name_hits), math.log1p(len(names) - name_hits), d * d * math.log(zl + el)]
    return (base + _extent_features(zh, en, lex, words, zh_pos, zh_hits, en_ms, en_st, en_hits, rw, es, union)
            + _learned_features(lex, words, zh_hits, en_st, rw, es, union)
            + _context_features(lex, context, dice, words, es, union))


def _dice(words: list[str], union: set[str], es: set[str]) -> float:
    """The aligner's lexical score: 2 * English stems a Chinese word translates / (Chinese words + English stems)."""
    return 2.0 * len(es & union) / (len(words) + len(es)) if words and es else 0.0


def _context_features(lex: Lexicon, context: Context | None, dice: float, words: list[str], es: set[str],
                      union: set[str]) -> list[float]:
    """``has_context`` .. ``nb_en_in_zh``: does a one-sentence shift explain the pair better, and does
    either side hold a neighbour's translation (an over-merged bead)?

    >>> from .lexicon import build_lexicon
    >>> lex = build_lexicon()
    >>> ctx = ("", "我们去公园。", "", "We go to the park.")
    >>> f = dict(zip(FEATURE_NAMES, pair_features("今天天气很好。", "The weather is nice today.", lex, context=ctx)))
    >>> g = dict(zip(FEATURE_NAMES, pair_features("今天天气很好。", "We go to the park.", lex, context=("", "我们去公园。", "The weather is nice today.", ""))))
    >>> f["nb_margin"] > 0 > g["nb_margin"], f["has_context"]
    (True, 1.0)
    """
    if context is None:
        return [0.0] * 5
    zp, zn, ep, en_n = context
    alt = 0.0
    zh_in_en = 0.0
    for z in (zp, zn):
        if z:
            w = [x for x in lex.zh_words(z) if lex.table.get(x)]
            u: set[str] = set()
            hit = 0
            for x in w:
                t = lex.table[x]
                u |= t
                hit += bool(t & es)
            alt = max(alt, _dice(w, u, es))
            zh_in_en = max(zh_in_en, hit / len(w) if w else 0.0)
    en_in_zh = 0.0
    for e in (ep, en_n):
        if e:
            st = en_stems(e)
            alt = max(alt, _dice(words, union, st))
            en_in_zh = max(en_in_zh, len(st & union) / len(st) if st else 0.0)
    return [1.0, alt, dice - alt, zh_in_en, en_in_zh]


def _learned_features(lex: Lexicon, words: list[str], zh_hits: list[float], en_st: list[str], rw: list[float],
                      es: set[str], union: set[str]) -> list[float]:
    """``lrn_*``: coverage with :attr:`Lexicon.learned` added; ``ibm_*``: Bicleaner-style IBM-1 evidence
    from :attr:`Lexicon.probs`, over the words the dictionary or the learned lexicon knows (a word
    neither knows is no evidence either way: the lexicon is news and dialogue, and literature would
    otherwise look unsupported). Without a learned lexicon ``lrn_*`` are the dictionary coverage."""
    learned = lex.learned
    extra: set[str] = set()
    hits = 0.0
    for w, h in zip(words, zh_hits):
        t = learned.get(w)
        if t:
            extra |= t
        hits += 1.0 if h or (t and t & es) else 0.0
    new = (es & extra) - union
    en_hits = sum(r for r, s_ in zip(rw, en_st) if s_ in union or s_ in new)
    fwd = lex.probs.fwd if lex.probs else {}
    bwd = lex.probs.bwd if lex.probs else {}
    rows = [r for r in (fwd.get(w) for w in set(words)) if r]
    cols = [c for c in (bwd.get(e) for e in es) if c]
    # a dictionary match counts as probability 1; words neither source knows are no evidence either way
    known_en = [e for e in en_st if e in bwd or e in union]
    known_zh = [(w, h) for w, h in zip(words, zh_hits) if h or w in fwd]
    ibm_en = (sum(0.0 if e in union else math.log10(max(_FLOOR, max((r.get(e, 0.0) for r in rows), default=0.0)))
                  for e in known_en) / len(known_en) if known_en else 0.0)
    ibm_zh = (sum(0.0 if h else math.log10(max(_FLOOR, max((c.get(w, 0.0) for c in cols), default=0.0)))
                  for w, h in known_zh) / len(known_zh) if known_zh else 0.0)
    return [hits / len(words) if words else 0.0, en_hits / sum(rw) if rw else 0.0, math.log1p(len(new)),
            ibm_en, ibm_zh, min(ibm_en, ibm_zh)]


_FLOOR = 1e-4


def _extent_features(zh: str, en: str, lex: Lexicon, words: list[str], zh_pos: list[int], zh_hits: list[float],
                     en_ms: list[re.Match[str]], en_st: list[str], en_hits: list[float], rw: list[float],
                     es: set[str], union: set[str]) -> list[float]:
    """The wrong-extent and character-fallback features (``drift`` .. ``en_cov_char``)."""
    zn, en_n = len(zh) or 1, len(en) or 1
    zp = [(p + len(w) / 2) / zn for w, p in zip(words, zh_pos)]
    ep = [(m.start() + len(m.group()) / 2) / en_n for m in en_ms]
    at: dict[str, list[float]] = {}
    for s_, q in zip(en_st, ep):
        at.setdefault(s_, []).append(q)
    diffs = []
    for w, h, pz in zip(words, zh_hits, zp):
        if h:
            pe = min((q for s_ in lex.table[w] & es for q in at[s_]), key=lambda q: (abs(q - pz), q))
            diffs.append(pe - pz)
    n = len(diffs)
    drift = sum(diffs) / n if n else 0.0
    sr = math.log((len(_EN_END.findall(en)) or 1) / (len(_ZH_END.findall(zh)) or 1))
    cz = sum(1 for c in _ZH_CLAUSE_MARK.split(zh) if c.strip()) or 1
    ce = sum(1 for c in _EN_CLAUSE_MARK.split(en) if c.strip()) or 1
    ef, el_ = _clause_cov(en_hits, [m.start() for m in en_ms], en, _EN_CLAUSE_MARK, _EN_WORD)
    zf, zl_ = _clause_cov(zh_hits, zh_pos, zh, _ZH_CLAUSE_MARK, None)
    first = _FIRST_LATIN.search(en)
    en_low = float(bool(first and first.group().islower() and not _LOWER_OK.match(en)))
    zs = zh.lstrip()
    zh_mid = float(bool(zs) and zs[0] in _ZH_MID)
    end_mis = float(bool(_ZH_ENDS.search(zh)) != bool(_EN_ENDS.search(en)))
    # character fallback
    ch_hits = 0.0
    ch_union: set[str] = set()
    for w, h in zip(words, zh_hits):
        if h:
            ch_hits += 1
        elif len(w) > 1:
            for c in w:
                t = lex.table.get(c)
                if t:
                    ch_union |= t
                    if t & es:
                        ch_hits += 1
                        break
    char_cov = ch_hits / len(words) if words else 0.0
    en_cov_char = len(es & (union | ch_union)) / len(es) if es else 0.0
    return [drift, abs(drift) * math.sqrt(n), _edge(en_hits, ep), _edge(zh_hits, zp), _thirds_min(en_hits, rw),
            _thirds_min(zh_hits, [1.0] * len(zh_hits)), sr, abs(sr), math.log(ce / cz), ef, el_, zf, zl_,
            min(ef, el_, zf, zl_), math.log1p(n), en_low, zh_mid, end_mis, char_cov, char_cov * math.log1p(len(words)),
            en_cov_char]
