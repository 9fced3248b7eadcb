"""Character classes, defined once: Han, CJK punctuation, full-width forms, kana, hangul, Latin.

Every module that needs to know "is this Chinese?" takes its ranges from here,
as regex character-class fragments (to splice into larger patterns) and as
compiled patterns. Ranges are spelled as code points with a comment, because
most of them are invisible or look like their ASCII cousins.

>>> bool(HAN_RE.search("GDP增长")), bool(HAN_RE.search("GDP growth"))
(True, False)
>>> is_han("中"), is_han("a"), is_han("\N{CJK COMPATIBILITY IDEOGRAPH-F900}")
(True, False, True)
"""

from __future__ import annotations

from . import recache

#: Han ideographs: CJK Unified (U+4E00-9FFF), Extension A (U+3400-4DBF), Compatibility
#: Ideographs (U+F900-FAFF) and the supplementary planes' extensions B-F (U+20000-2EBEF).
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
#: CJK Symbols and Punctuation (U+3000-303F): ideographic space, 、。〈〉《》「」『』【】〔〕 ...
CJK_SYMBOLS = r"\u3000-\u303f"
#: Halfwidth and Fullwidth Forms (U+FF00-FFEF): ，：；（）！？ and full-width Latin/digits.
FULLWIDTH_FORMS = r"\uff00-\uffef"
#: Full-width ASCII letters and digits: U+FF10-FF19 (０-９), U+FF21-FF3A (Ａ-Ｚ), U+FF41-FF5A (ａ-ｚ).
FULLWIDTH_ALNUM = r"\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
#: Punctuation that only occurs in Chinese/Japanese text (CJK symbols, full-width punctuation),
#: plus the marks Chinese text shares with typographic English: EM DASH, HORIZONTAL ELLIPSIS,
#: curly quotes and MIDDLE DOT.
CJK_PUNCT = (
    CJK_SYMBOLS
    + r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    + r"\u2014\u2026\u201c\u201d\u2018\u2019\u00b7"
)
#: Hiragana and katakana (U+3040-30FF): their presence makes a Han text Japanese.
KANA = r"\u3040-\u30ff"
#: Hiragana letters and marks (U+3041-3096, 309D-309F; not the voicing marks both kana share).
HIRAGANA = r"\u3041-\u3096\u309d-\u309f"
#: Hangul syllables (U+AC00-D7AF).
HANGUL = r"\uac00-\ud7af"
#: Basic Latin letters and Latin-1/Extended-A/B letters (U+00C0-024F).
LATIN = r"A-Za-z\u00c0-\u024f"

HAN_RE = recache.compile(f"[{HAN}]")
KANA_RE = recache.compile(f"[{KANA}]")
HIRAGANA_RE = recache.compile(f"[{HIRAGANA}]")
HANGUL_RE = recache.compile(f"[{HANGUL}]")
LATIN_RE = recache.compile(f"[{LATIN}]")


def is_han(ch: str) -> bool:
    """Is the single character ``ch`` a Han ideograph?"""
    return HAN_RE.match(ch) is not None


def has_han(text: str) -> bool:
    """Does ``text`` contain at least one Han ideograph?

    >>> has_han("2024年"), has_han("2024")
    (True, False)
    """
    return HAN_RE.search(text) is not None


def is_japanese(text: str, share: float = 0.05) -> bool:
    """Japanese text: hiragana (the particles の は を に) make up ``share`` (5%) or more of its Han and kana.

    Chinese text quotes a katakana name (ソニー) now and then, but never writes hiragana.

    >>> is_japanese("商標登録の出願について説明します。"), is_japanese("商標注册申请已受理。")
    (True, False)
    >>> is_japanese("索尼（ソニー）公司发布了新的商标注册申请。")
    False
    """
    kana = KANA_RE.findall(text)
    if len(kana) < 3:
        return False
    hiragana = len(HIRAGANA_RE.findall(text))
    return hiragana >= 3 and hiragana >= share * (len(kana) + len(HAN_RE.findall(text)))
