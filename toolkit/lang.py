"""Language by script first, a detector only where script cannot decide.

Chinese and English are told apart by counting Han characters against Latin
letters: that is exact and costs nothing. langdetect (slow, ~0.1 MB/s, and random
unless seeded) is only asked about Latin-script text that does not look like
English by its function words.
"""

from __future__ import annotations

from functools import lru_cache

from . import recache
from .chars import CJK_PUNCT, HAN, HAN_RE, HANGUL_RE, HIRAGANA_RE, KANA_RE, LATIN_RE

#: English running text is full of these; a Latin paragraph where they make up
#: a good share of the words is English without asking a detector.
EN_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as by at from it this be are was were has have had will "
    "an or its their which not but been more also we our they he she his her than all can into".split()
)
_WORD = recache.compile(r"[A-Za-z]+")


_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))

#: One Mandarin syllable in pinyin without tone marks ("zhang", "xiao", "er").
PINYIN_SYLLABLE = recache.compile(
    r"^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|in|un|"
    r"ia|ie|iu|ua|uo|ue|ui|a|e|i|o|u|v)$"
)


def _syllables(word: str, most: int) -> bool:
    """Whether ``word`` (lowercase) is one to ``most`` pinyin syllables."""
    if PINYIN_SYLLABLE.match(word):
        return True
    return most > 1 and any(PINYIN_SYLLABLE.match(word[:i]) and _syllables(word[i:], most - 1) for i in range(1, len(word)))


def pinyin_name(text: str) -> bool:
    """Whether ``text`` is a Chinese personal name in pinyin: a capitalised one-syllable surname, then a
    given name of one or two syllables, as one word or two ("Ma Long", "Zhao Xiaowen", "Ouyang Nana"
    with a two-syllable surname).

    >>> [pinyin_name(t) for t in ("Ma Long", "Sun Li", "Zhao Xiaowen", "Ouyang Nana", "Li Xiao Ming")]
    [True, True, True, True, True]
    >>> [pinyin_name(t) for t in ("Image", "Image Credits", "Words Phrases", "New York", "ma long")]
    [False, False, False, False, False]
    """
    words = text.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w[1:].islower() and w.isascii() for w in words):
        return False
    low = [w.lower() for w in words]
    if not _syllables(low[0], 2):
        return False
    return all(_syllables(w, 2 if len(low) == 2 else 1) for w in low[1:])


def script_counts(text: str) -> tuple[int, int]:
    """Han characters and Latin letters in ``text``.

    >>> script_counts("GDP增长5.3%"), script_counts("GDP grew 5.3%"), script_counts("Café 中")
    ((2, 3), (0, 7), (1, 4))
    """
    if text.isascii():  # most English text: count letters in C, no list of matches
        raw = text.encode("ascii")
        return 0, len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    return len(HAN_RE.findall(text)), len(LATIN_RE.findall(text))


def _kana_heavy(text: str) -> bool:
    """Japanese by its kana: hiragana for a fifth of its Han and kana (Japanese prose has two to three
    times that), or no Han at all, or kana for three in ten (a short headline: "今後の見通し", "ニュース解説")."""
    kana, han, hiragana = len(KANA_RE.findall(text)), len(HAN_RE.findall(text)), len(HIRAGANA_RE.findall(text))
    # (Chinese quoting a Japanese phrase has some hiragana too, so a fifth, not is_japanese's 5%)
    return han == 0 or kana >= 0.3 * (kana + han) or (hiragana >= 3 and hiragana >= 0.2 * (kana + han))


def script_lang(text: str) -> str:
    """``zh``, ``en``, ``mixed`` or ``und`` from the script alone.

    One Han character stands for about three Latin letters of translation, so a
    paragraph is ``zh`` when Han carries most of the weight, ``en`` when it
    carries almost none.

    >>> script_lang("国家统计局网站，2023年1月18日。"), script_lang("The GDP grew 5.3%."), script_lang("2023")
    ('zh', 'en', 'und')
    >>> script_lang("新质生产力 (new quality productive forces) 是一个关键词，也是 a key word in 2024 policy documents")
    'mixed'
    >>> script_lang("说完，お弓便高高兴兴地出去了。"), script_lang("人が多いので時間を使ってしまい"), script_lang("ソニー")
    ('zh', 'ja', 'ja')
    >>> script_lang("今後の見通し"), script_lang("ニュース解説"), script_lang("索尼（ソニー）公司发布了新的商标注册申请。")
    ('ja', 'ja', 'zh')
    """
    if KANA_RE.search(text) and _kana_heavy(text):
        return "ja"  # a kana name in Chinese narration ("说完，お弓便出去了") leaves it Chinese
    if HANGUL_RE.search(text):
        return "ko"
    han, latin = script_counts(text)
    if han == 0 and latin == 0:
        return "und"
    weight = han * 3
    share = weight / (weight + latin)
    if share >= 0.75:
        return "zh"
    if share <= 0.1:
        return "en"
    return "mixed"


@lru_cache(maxsize=4096)
def _detect(text: str) -> str:
    try:
        from langdetect import DetectorFactory, detect

        DetectorFactory.seed = 0  # langdetect is random unless seeded
        return str(detect(text))
    except Exception:  # langdetect raises on text with no features
        return "und"


def latin_lang(text: str) -> str:
    """Language of Latin-script text: English by function words, else ask langdetect.

    >>> latin_lang("The province held a meeting on the development of the economy.")
    'en'
    >>> latin_lang("Cart")
    'en'
    """
    words = _WORD.findall(text)
    if len(words) < 12:
        return "en"  # too short for any detector; the corpus is translated into English
    fw = sum(1 for w in words if w.lower() in EN_FUNCTION_WORDS)
    if fw / len(words) >= 0.12:
        return "en"
    return _detect(text[:2000])


@lru_cache(maxsize=65536)
def detect_lang(text: str) -> str:
    """The language of a paragraph: script first, langdetect only for Latin non-English.

    >>> detect_lang("注释"), detect_lang("Report 0 Favorite 0 Comment 0")
    ('zh', 'en')
    """
    s = script_lang(text)
    if s == "en":
        return latin_lang(text)
    return s


_RUN_SPLIT = recache.compile(f"([{HAN}][{HAN}{CJK_PUNCT}0-9０-９%％.．]*)")


def runs(text: str) -> list[tuple[int, int, str]]:
    """Split mixed text into ``(start, end, lang)`` runs of Chinese and non-Chinese.

    A Chinese run starts at a Han character and takes in the Chinese punctuation
    and digits that follow it; everything else is a non-Chinese run (``en`` when
    it holds Latin letters, ``und`` otherwise).

    >>> runs("《李锁强》,国家统计局 (NBS) said")
    [(0, 1, 'und'), (1, 5, 'zh'), (5, 6, 'und'), (6, 11, 'zh'), (11, 22, 'en')]
    """
    out: list[tuple[int, int, str]] = []
    pos = 0
    for m in _RUN_SPLIT.finditer(text):
        if m.start() > pos:
            seg = text[pos : m.start()]
            out.append((pos, m.start(), "en" if LATIN_RE.search(seg) else "und"))
        out.append((m.start(), m.end(), "zh"))
        pos = m.end()
    if pos < len(text):
        seg = text[pos:]
        out.append((pos, len(text), "en" if LATIN_RE.search(seg) else "und"))
    return out
