"""``encoding``: mojibake, HTML entities, character width and Traditional/Simplified, per script.

ftfy fixes mojibake and entities, but its defaults fold full-width punctuation
(，：（）“”) into ASCII and uncurl quotes; here width folding is on only for
paragraphs with no Chinese, and quotes are never uncurled. In Chinese text,
full-width Latin letters and digits still become ASCII, and ASCII punctuation
between Chinese characters becomes full-width; in English text, Chinese
punctuation (``。、《》【】``) becomes ASCII by sacremoses' table. OpenCC converts
Chinese runs, but not in a Japanese document (hiragana present), whose kanji it would "simplify".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import datacache, recache
from ..chars import FULLWIDTH_ALNUM, HAN, HAN_RE, HIRAGANA, HIRAGANA_RE, KANA_RE, is_japanese
from ..lang import EN_FUNCTION_WORDS
from ..model import Document, apply_edits, diff_changes
from ..stage import Stage, register
from .whitespace import strip_changes, whitespace_changes


@lru_cache(maxsize=1)
def _ftfy() -> Any:
    """ftfy and its two configs, imported on first use (0.1 s of start-up that ASCII text never needs):
    no quote uncurling anywhere, full-width forms folded only outside Chinese text."""
    import ftfy

    en = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=True, unescape_html=True, explain=False)
    zh = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, unescape_html=True, explain=False)
    return ftfy, en, zh

# Full-width ASCII letters and digits (U+FF10-FF19, FF21-FF3A, FF41-FF5A) and the
# full-width percent sign and full stop between digits: these are never wanted, even in Chinese.
_FW_ALNUM = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for c in range(*r)}
_FW_ALNUM_RE = recache.compile(f"[{FULLWIDTH_ALNUM}]+(?:[\uff0e．][\uff10-\uff19]+)?[\uff05]?")
_ENTITY = recache.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
# Text ftfy leaves as it is, so it need not be called (most Chinese and English paragraphs): printable
# ASCII but "&", tabs, curly quotes, dashes and the ellipsis, and for Chinese text the Han
# ideographs (not the compatibility ones, which NFC changes), CJK symbols (not the combining tone
# marks U+302A-302F) and full-width forms (width folding is off for Chinese). Mojibake, entities,
# control characters, ligatures and NFC changes all need a character outside these sets.
# tests/stages/test_encoding_fastpath.py checks ftfy changes nothing over these alphabets.
_NOOP_EN = "\t\x20-\x25\x27-\x7e\u2013\u2014\u2018\u2019\u201c\u201d\u2026"
_NOOP_ZH = _NOOP_EN + "\u3000-\u3029\u3030-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e\U00020000-\U0002ebef"
FTFY_NOOP_EN = recache.compile(f"[{_NOOP_EN}]*")
FTFY_NOOP_ZH = recache.compile(f"[{_NOOP_ZH}]*")

# ASCII punctuation and the full-width form it takes in Chinese text.
HALF_TO_FULL = {
    ",": "\N{FULLWIDTH COMMA}",
    ":": "\N{FULLWIDTH COLON}",
    ";": "\N{FULLWIDTH SEMICOLON}",
    "?": "\N{FULLWIDTH QUESTION MARK}",
    "!": "\N{FULLWIDTH EXCLAMATION MARK}",
    "(": "\N{FULLWIDTH LEFT PARENTHESIS}",
    ")": "\N{FULLWIDTH RIGHT PARENTHESIS}",
}
# A smiley made of ASCII punctuation (":D", ":-)", ";P", ":("), ending the text or followed by a
# space: "说明:(一)" is a colon before a numbered item and "故选:D。" one before an answer.
_EMOTICON = recache.compile(r"[:;]-?[DPpOo()\[\]|/\\*](?=$|\s)")
# A custom-emoji shortcode of Mastodon, Slack or GitHub (":blob_yum:", ":+1:"): its colons are not
# punctuation. It stands apart (a space, a bracket or another shortcode on each side) and holds a
# letter, so "时间:10:30" and "标题:Chinese:中文" are not shortcodes.
_SHORTCODE = recache.compile(r"(?<![^\s(\[（【:]):(?=[\w+-]*[A-Za-z])[A-Za-z0-9_+-]+:(?=$|[\s)\]）】:,.!?，。！？])")
# The English word just before an opening bracket (lowercase: running English, "website (";
# an acronym, "GDP (国内生产总值)", sits in Chinese text as well).
_WORD_BEFORE = recache.compile(r"([A-Za-z]{2,})\s*$")
# Characters after which (or before which) ASCII punctuation is Chinese punctuation.
_ZH_SIDE = recache.compile(f"[{HAN}\u3001\u3002\u300a-\u300f\u3010\u3011\uff08\uff09\u201c\u201d\uff01\uff0c\uff1a\uff1b\uff1f]")


def fullwidth_alnum_changes(text: str) -> list[tuple[int, int, str, str]]:
    """Full-width Latin letters and digits to ASCII (``ＣＰＩ`` → ``CPI``, ``３．６％`` → ``3.6%``).

    >>> fullwidth_alnum_changes("ＣＰＩ上涨３．６％")
    [(0, 3, 'CPI', 'encoding/fullwidth-alnum'), (5, 9, '3.6%', 'encoding/fullwidth-alnum')]
    """
    out = []
    for m in _FW_ALNUM_RE.finditer(text):
        s = m.group().translate(_FW_ALNUM).replace("\uff0e", ".").replace("．", ".").replace("\uff05", "%")
        out.append((m.start(), m.end(), s, "encoding/fullwidth-alnum"))
    return out


def _blank(ch: str) -> bool:
    """Spaces and invisible format characters (zero-width space, BOM), which the whitespace stage removes."""
    return ch.isspace() or unicodedata.category(ch) == "Cf"


def _neighbour(text: str | list[str], i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and _blank(text[j]):
        j += step
    return text[j] if 0 <= j < len(text) else ""


_LATIN_WORDS = recache.compile(r"[A-Za-z\u00c0-\u024f]{2,}")
# a mark inside Chinese: Chinese on both sides, or Chinese before it and a closing quote after ("太好了!"")
_MARK_IN_HAN = recache.compile(f"(?<=[{HAN}])([,:;?!])(?=[{HAN}]|[\"”’)])")
_FIRST_LETTER = recache.compile(f"[A-Za-z{HAN}]")


def zh_punct_changes(text: str) -> list[tuple[int, int, str, str]]:
    """ASCII ``,:;?!()`` inside Chinese text become full-width.

    A mark is Chinese when the character before it is Chinese (for an opening
    parenthesis: the character after it); digits on both sides (``10:30``,
    ``1,000``) keep it ASCII. Parentheses convert as a pair.

    >>> t = "《李锁强:服务业延续恢复发展态势》,国家统计局网站"
    >>> "".join(HALF_TO_FULL.get(c, c) for c in t) == t.replace(":", "：").replace(",", "，")
    True
    >>> [c[2] for c in zh_punct_changes(t)]
    ['：', '，']
    >>> zh_punct_changes("会议于10:30开始, GDP (国内生产总值)")
    [(10, 11, '，', 'encoding/zh-punct'), (16, 17, '（', 'encoding/zh-punct'), (23, 24, '）', 'encoding/zh-punct')]
    >>> zh_punct_changes("吐司的味道了 :blob_yum:"), zh_punct_changes("（:blob_yum:）")
    ([], [])
    >>> [c[:3] for t in ("注意:blob是数据类型", "时间:10:30", "标题:Chinese:中文") for c in zh_punct_changes(t)]
    [(2, 3, '：'), (2, 3, '：'), (2, 3, '：')]

    A paragraph that opens in English and has more English words than Chinese characters is English
    with Chinese words in it: only a mark inside Chinese (Chinese on both sides, or before a closing
    quote) is Chinese there. One that opens in Chinese is Chinese ("主要参会企业:Microsoft, Amazon …").

    >>> zh_punct_changes(":white_check_mark: 四时: Shiny Weather App"), zh_punct_changes("confused means 'Hútú (糊涂)' in china")
    ([], [])
    >>> [c[2] for c in zh_punct_changes('主要参会企业:Microsoft, Amazon Web Services, Alibaba Cloud。 He said "太好了!" twice')]
    ['：', '！']
    >>> [c[2] for c in zh_punct_changes("The sign at the gate reads 禁止吸烟,违者罚款 in red letters on white")]
    ['，']
    """
    out: list[tuple[int, int, str, str]] = []
    first = _FIRST_LETTER.search(text)
    if first and not HAN_RE.match(first.group()) and len(_LATIN_WORDS.findall(text)) > len(HAN_RE.findall(text)):
        return [(m.start(1), m.end(1), HALF_TO_FULL[m.group(1)], "encoding/zh-punct") for m in _MARK_IN_HAN.finditer(text)]
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs.append((stack.pop(), i))
    shortcode_ends = {m.end() - 1 for m in _SHORTCODE.finditer(text)} if ":" in text else set()
    eff = list(text)  # the text as converted so far: "发展::" converts both colons in one pass
    for o, c in pairs:
        inner_first, inner_last = _neighbour(text, o, 1), _neighbour(text, c, -1)
        after = _neighbour(text, c, 1)
        word_before = _WORD_BEFORE.search(text, max(0, o - 40), o)  # a window: linear in the paragraph
        if (after.isascii() and after.isalpha()) or (word_before and word_before.group(1).islower()):
            continue  # brackets in running English stay ASCII, whatever they hold: "(Weibo @南海) The", "website (…)"
        if (inner_first and HAN_RE.match(inner_first)) or (inner_last and HAN_RE.match(inner_last)):
            out.append((o, o + 1, HALF_TO_FULL["("], "encoding/zh-punct"))
            out.append((c, c + 1, HALF_TO_FULL[")"], "encoding/zh-punct"))
            eff[o], eff[c] = HALF_TO_FULL["("], HALF_TO_FULL[")"]
    for i, ch in enumerate(text):
        if ch not in ",:;?!":
            continue
        prev, nxt = _neighbour(eff, i, -1), _neighbour(eff, i, 1)
        if prev.isdigit() and nxt.isdigit():
            continue
        if ch in ":;" and _EMOTICON.match(text, i):
            continue  # "好几年了:D", "谢谢;)": a smiley, not punctuation
        if ch == ":" and (_SHORTCODE.match(text, i) or i in shortcode_ends):
            continue  # "好吃 :blob_yum:": an emoji's name between colons
        if prev and _ZH_SIDE.match(prev):
            eff[i] = HALF_TO_FULL[ch]
            start = i
            while start > 0 and _blank(text[start - 1]):
                start -= 1  # Chinese takes no space before its punctuation: "发展 ," -> "发展，"
            out.append((start, i + 1, HALF_TO_FULL[ch], "encoding/zh-punct"))
    out.sort()
    return out


@lru_cache(maxsize=1)
def _moses_punct() -> tuple[tuple[re.Pattern[str], str], ...]:
    """sacremoses' table of Chinese/full-width punctuation for English text, minus curly quotes and
    the ellipsis, which are correct English typography and are kept."""
    keep = {"“", "”", "’", "‘", "…"}
    return tuple((recache.compile(a), b) for a, b in moses_unicode_punct() if a not in keep)


def _moses_table_text() -> str:
    from sacremoses import MosesPunctNormalizer

    return "".join(f"{a}\t{b}\n" for a, b in MosesPunctNormalizer.REPLACE_UNICODE_PUNCTUATION)


def moses_unicode_punct() -> list[tuple[str, str]]:
    """sacremoses' ``MosesPunctNormalizer.REPLACE_UNICODE_PUNCTUATION`` as (pattern, replacement)
    pairs, from a data cache: importing sacremoses compiles its tokenizer's patterns (0.7 s), and
    this stage needs only the table."""
    path = datacache.path_for("sacremoses-punct", datacache.source_key("sacremoses", "normalize.py", "__init__.py"))
    text = datacache.cached_text(path, _moses_table_text)
    return [(a, b) for a, _, b in (ln.partition("\t") for ln in text.split("\n")[:-1])]


# What follows a list's number: a word, a quote or a bracket, or a number that is no enumeration's
# next ("2、5G networks", not "1、2 and 3 were …").
_ITEM_START = recache.compile(r"\s*(?:[A-Za-z\"“'‘(（\[]|\d(?![\d.,]*\s*(?:、|,|and\b|or\b)))")


def en_punct_changes(text: str) -> list[tuple[int, int, str, str]]:
    """Chinese punctuation left in English text becomes ASCII (sacremoses' table, quotes kept curly).

    >>> en_punct_changes("Exports grew 5%。Imports fell、too")
    [(15, 16, '. ', 'encoding/en-punct'), (28, 29, ',', 'encoding/en-punct')]
    >>> en_punct_changes("He said “yes” and left…")
    []
    >>> en_punct_changes("“OK。” she said。 Then")
    [(3, 4, '.', 'encoding/en-punct'), (14, 16, '. ', 'encoding/en-punct')]
    >>> en_punct_changes('He left。"Go," she said。#MLS')
    [(7, 8, '. ', 'encoding/en-punct'), (22, 23, '. ', 'encoding/en-punct')]
    >>> en_punct_changes("1、Adhere to the plan、step by step")
    [(1, 2, '. ', 'encoding/en-punct'), (20, 21, ',', 'encoding/en-punct')]
    """
    out = []
    for rx, repl in _moses_punct():
        for m in rx.finditer(text):
            nxt = text[m.end() : m.end() + 1]
            # no space at the end, before a space, a closing mark or sentence punctuation, or a
            # straight quote that closes ('“OK。”' -> '“OK.”'); one before an opening '"', '#', '@'
            closing_quote = nxt in "\"'" and text[m.end() + 1 : m.end() + 2] in ("", " ", "\n")
            r = repl.rstrip() if not nxt or nxt.isspace() or closing_quote or nxt in ".,;:!?" or \
                unicodedata.category(nxt) in ("Pe", "Pf") else repl
            if m.group() == "、" and re.fullmatch(r"\s*\d{1,3}", text[: m.start()]) and _ITEM_START.match(text, m.end()):
                r = ". " if nxt and not nxt.isspace() else "."  # a list's number: "1、Adhere to" -> "1. Adhere to"
            out.append((m.start(), m.end(), r, "encoding/en-punct"))
    out.sort()
    return out


_TO_SIMPLIFIED = frozenset({"t2s", "tw2s", "hk2s"})
#: A paragraph of a Chinese document is Japanese left untranslated when a fifth of its Han and kana
#: is hiragana (Japanese prose has two to three times that); a Chinese sentence quoting a Japanese
#: phrase has far less, and the phrase's kanji are kept by :data:`_KANJI_BY_KANA`.
_JA_LINE = 0.2
# Kanji written against hiragana: a Japanese phrase ("売り言葉に買い言葉") in a Chinese paragraph,
# whose kanji OpenCC would take for Traditional Chinese (言葉 -> 言叶).
_KANJI_BY_KANA = recache.compile(f"[{HAN}]+(?=[{HIRAGANA}])|(?<=[{HIRAGANA}])[{HAN}]+")


# Languages named in their own script, as a page's language menu lists them ("简体中文 | 繁體中文 | 日本語"):
# converting them names the language in a script that is not its own ("日本语").
_ENDONYMS = recache.compile(r"日本語|繁體中文|正體中文|繁體|台灣華語")
_MENU = recache.compile(r"[|｜/·•]")


# A label and its link, as a Chinese document writes them ("QOJ：https://qoj.ac", "Codeforces Gym：www.…").
_ZH_LABEL = recache.compile(r"^[^：]{1,40}：\s*(?:https?://|www\.)\S+\s*$")
# A Chinese list's number before a Latin name ("1、lockbox", "10、OSX-KVM"), and Latin names in a
# Chinese enumeration ("React、Vue、Angular"): 、 has no English use, and such a line is no sentence.
_ZH_ITEM = recache.compile(r"^\s*\d{1,3}、|^[^\s、]{1,30}(?:、[^\s、]{1,30})+$")


def _zh_latin(text: str) -> bool:
    """A line without Han in a Chinese document that follows the document's punctuation: a label
    and its link, or a list number or enumeration with 、, up to eight words and no English
    function word (a sentence's marks are MT leftovers: "Imports fell、too").

    >>> [_zh_latin(t) for t in ("QOJ：https://qoj.ac", "1、Crafting Interpreters", "React、Vue、Angular", "8、react-class-to-fc")]
    [True, True, True, True]
    >>> [_zh_latin(t) for t in ("Imports fell、and exports rose", "1、Read the manual of the tool", "Hello，World！")]
    [False, False, False]
    """
    if _ZH_LABEL.match(text):
        return True
    if not _ZH_ITEM.match(text):
        return False
    words = [w.strip(".,;:!?()'\"").lower() for w in _ZH_ITEM.sub("", text).replace("、", " ").split()]
    return len(words) <= 8 and not any(w in EN_FUNCTION_WORDS for w in words)  # ("8、react-class-to-fc": one name)


def _east_asian(text: str) -> bool:
    """A line without Han that still follows Chinese (or Japanese) rules for width and punctuation:
    it holds kana, or no letter or digit at all (of any script). English rules would fold ``「どうしたのです？」``
    or ``“（……）”`` into ASCII.

    >>> _east_asian("「どうしたのです？」"), _east_asian("“（……）”"), _east_asian("He left。"), _east_asian("ＡＢＣ。")
    (True, True, False, False)
    """
    return bool(KANA_RE.search(text)) or not any(ch.isalnum() for ch in text)  # (① is a digit: "①！" -> "[1]!")


#: Characters of the Table of General Standard Chinese Characters (通用规范汉字表, 2013) that OpenCC's t2s
#: converts on their own: 乾 (qián, 乾清宫, 乾县), 徵 (zhǐ, 宫商角徵羽), 夥, 噁 (二噁英), 蒐, 剋, 昇, 鉅. In
#: text already Simplified they are right as written; beside other Traditional characters they are the
#: Traditional forms of 干/征/伙/恶/搜/克/升/巨 (乾燥, 徵求). Not 於: the surname is rare, and a stray 於
#: for 于 in Simplified text is not ("日本於2024年", WMT24).
_ALSO_SIMPLIFIED = frozenset("乾徵夥噁蒐剋昇鉅")
_ALSO_SIMPLIFIED_RE = recache.compile(f"[{''.join(sorted(_ALSO_SIMPLIFIED))}]")  # (a scan in C: on every Chinese paragraph)


def _traditional_share(cc, texts: list[str]) -> float:  # type: ignore[no-untyped-def]
    """The share of Han characters that OpenCC converts on their own (Traditional ones), 乾 and the other
    characters standard in Simplified too left out.

    >>> import opencc; cc = opencc.OpenCC("t2s")
    >>> _traditional_share(cc, ["天氣乾燥"]), _traditional_share(cc, ["乾县在陕西"])
    (0.25, 0.0)
    """
    han = [ch for t in texts for ch in t if HAN_RE.match(ch)]
    if not han:
        return 0.0
    return sum(1 for ch in han if ch not in _ALSO_SIMPLIFIED and cc.convert(ch) != ch) / len(han)


def _has_convertible(cc, segment: str, skip: frozenset[str] = frozenset()) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``segment`` holds a character that OpenCC converts on its own. A change whose
    characters all convert to themselves comes from a phrase rule alone, and on text already in
    the target script such a rule misreads it: t2s turns the Simplified "破坏布里斯托尔" ("damaged
    [the statue of] Bristol") into "破坯布..." because its phrase table maps the variant 坏布 to
    坯布 (greige cloth). Those changes are not made.

    >>> import opencc; cc = opencc.OpenCC("t2s")
    >>> _has_convertible(cc, "坏"), _has_convertible(cc, "壞"), _has_convertible(cc, "乾", _ALSO_SIMPLIFIED)
    (False, True, False)
    """
    return any(ch not in skip and cc.convert(ch) != ch for ch in segment)


@lru_cache(maxsize=4)
def _opencc(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(config)


@register
class Encoding(Stage):
    name = "encoding"
    requires = ("blocks",)
    provides = ("decoded",)
    uses_glossary = True
    description = "Fix mojibake and HTML entities (ftfy, per script), full-width Latin, Chinese punctuation, OpenCC."

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``opencc``: t2s (default), s2t, s2twp, t2tw or off. ``zh_punct``: full-width
        punctuation in Chinese text (default true). ``ftfy``: run ftfy (default true)."""

        opencc: str = "t2s"
        zh_punct: bool = True
        ftfy: bool = True

        def __post_init__(self) -> None:
            if self.opencc not in ("t2s", "s2t", "s2twp", "t2tw", "tw2s", "hk2s", "off"):
                raise ValueError(f"opencc must be one of t2s, s2t, s2twp, t2tw, tw2s, hk2s, off; not {self.opencc!r}")

    def run(self, doc: Document) -> None:
        o = self.options
        # Japanese kanji are not Traditional Chinese: OpenCC would turn 商標 into 商标.
        japanese = is_japanese("".join(b.text for b in doc.blocks))
        hans = [bool(HAN_RE.search(b.text)) for b in doc.blocks]
        # In a Chinese document a Latin label before its link keeps the document's full-width colon
        # ("QOJ：https://qoj.ac" among "官网地址：https://…"), and a list's "1、lockbox" its 、;
        # elsewhere such marks on a line without Han are MT's leftovers ("Hello，World！", "１２３，４５６").
        # (a Latin item of a Chinese list is no evidence either way: "推荐以下工具：" over "1、Python", "2、Java")
        zh_doc = 2 * sum(hans) > sum(1 for b, h in zip(doc.blocks, hans) if h or not _ZH_ITEM.match(b.text))
        # 乾 and the like are Traditional wherever the document is Traditional (a short paragraph of a
        # Traditional page may hold no other Traditional character), not in a Simplified article that
        # quotes one Traditional name ("長江實業" beside 乾县); only a document with any needs the check
        zh_texts = [b.text for b, h in zip(doc.blocks, hans) if h]
        traditional = o.opencc in _TO_SIMPLIFIED and any(_ALSO_SIMPLIFIED_RE.search(t) for t in zh_texts) \
            and _traditional_share(_opencc(o.opencc), zh_texts) >= 0.02
        for b, has_han in zip(doc.blocks, hans):
            text = b.text
            zh_latin = not has_han and zh_doc and not text.isascii() and _zh_latin(text)
            cjk = has_han or zh_latin or (not text.isascii() and _east_asian(text))
            if o.ftfy and (not text.isascii() or _ENTITY.search(text)) and not (
                    FTFY_NOOP_ZH if cjk else FTFY_NOOP_EN).fullmatch(text):
                ftfy, ft_en, ft_zh = _ftfy()
                fixed = ftfy.fix_text(text, ft_zh if cjk else ft_en)
                if fixed != text:
                    apply_edits(b, self.name, diff_changes(text, fixed, "encoding/ftfy"))
                    has_han = bool(HAN_RE.search(b.text))  # mojibake repair can reveal Chinese
                    cjk = has_han or (not b.text.isascii() and _east_asian(b.text))
                    # ...and entities can decode to odd spaces ("&#160;"): normalize them as that stage would.
                    apply_edits(b, self.name, whitespace_changes(b.text))
                    apply_edits(b, self.name, strip_changes(b.text))  # "Â " at the start was an NBSP
            if not cjk and not b.text.isascii():
                apply_edits(b, self.name, en_punct_changes(b.text))
            if has_han or zh_latin:
                apply_edits(b, self.name, fullwidth_alnum_changes(b.text))
                if o.zh_punct:
                    apply_edits(b, self.name, zh_punct_changes(b.text))
                if o.opencc != "off" and not japanese:
                    hiragana = HIRAGANA_RE.search(b.text) is not None
                    if not (hiragana and is_japanese(b.text, _JA_LINE)):
                        self._convert(b, hiragana, traditional)

    def _convert(self, b, hiragana: bool, traditional: bool) -> None:  # type: ignore[no-untyped-def]
        """OpenCC over ``b`` (``traditional``: the document is Traditional, so 乾 and the like are too)."""
        cc = _opencc(self.options.opencc)
        text = b.text
        protected = self.resources.glossary.zh_spans(text, cc.convert, self.options.opencc)
        if hiragana:  # kanji of a Japanese phrase quoted in Chinese text stay as written
            protected = sorted(protected + [m.span() for m in _KANJI_BY_KANA.finditer(text)])
        if ("語" in text or "體" in text) and _MENU.search(text):
            # a language menu's names, each in its own script ("简体中文 | 繁體中文 | 日本語 | English"); in
            # running text 日本語 is Simplified 日本语, and in a Traditional document 繁體 converts with the rest
            protected = sorted(protected + [m.span() for m in _ENDONYMS.finditer(text) if not traditional or "語" in m.group()])
        pieces, pos = [], 0
        for s, e in protected:
            if s < pos:  # overlapping spans: the part not yet written
                s = pos
                if s >= e:
                    continue
            pieces.append(cc.convert(text[pos:s]))
            pieces.append(text[s:e])
            pos = e
        pieces.append(cc.convert(text[pos:]))
        converted = "".join(pieces)
        if converted != text:
            changes = diff_changes(text, converted, f"encoding/opencc-{self.options.opencc}")
            if self.options.opencc in _TO_SIMPLIFIED:
                # toward Simplified, a phrase rule whose characters all convert to themselves would
                # rewrite text already Simplified; the other modes rely on phrase rules (打印机 -> 印表機)
                changes = [c for c in changes if c[0] == c[1] or not c[2] or _has_convertible(cc, text[c[0]:c[1]])]
                if not traditional and _ALSO_SIMPLIFIED_RE.search(text) \
                        and not _has_convertible(cc, text, _ALSO_SIMPLIFIED):
                    # characters standard in Simplified too change only beside other Traditional text
                    changes = [c for c in changes if not _has_convertible(cc, text[c[0]:c[1]]) or
                               _has_convertible(cc, text[c[0]:c[1]], _ALSO_SIMPLIFIED)]
            apply_edits(b, self.name, changes)
