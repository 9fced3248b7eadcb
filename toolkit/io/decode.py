"""Bytes to text: BOMs first, then strict UTF-8, then the charset a page declares, then guessing.

GBK and GB2312 (guessed or declared) are widened to GB18030, a strict superset, so a
file that is "mostly GBK" with one rarer character still decodes; a declared
ISO-8859-1 is read as Windows-1252, as browsers do. A declaration is trusted only
when the bytes decode under it.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from .. import recache
from ..chars import CJK_SYMBOLS, FULLWIDTH_FORMS, HAN, HANGUL_RE, KANA_RE, is_han
from ..errors import InputError

# A wide character that belongs in Chinese text: Han, CJK punctuation, full-width forms, and the marks
# Chinese shares with typographic English (curly quotes, dashes, ellipsis, middle dot: GB2312 has them).
_CHINESE_WIDE = recache.compile(f"[{HAN}{CJK_SYMBOLS}{FULLWIDTH_FORMS}\u2014\u2026\u201c\u201d\u2018\u2019\u00b7]")
#: Code pages charset-normalizer picks for short Western text that is cp1252 (Windows Baltic; Western
#: DOS, Nordic, Celtic, Mac Roman and Latin 2; cp775, its commonest misguess, though Baltic DOS text
#: then reads wrong): read as cp1252, the web's Latin default. Another alphabet's code page (Cyrillic,
#: Greek, Chinese, Japanese, Korean), cp852, the ISO Baltic pages and Windows Central European (cp1250,
#: ISO 8859-2: Polish and Czech read as cp1252 lost every ł and ě; Western text is recognised before the
#: guess now, see ``_plain_western``) keep the guess.
_LATIN_MISGUESS = frozenset({"cp1257", "iso8859_15", "mac_roman", "cp437", "cp850", "cp858",
                             "cp775", "mac_latin2", "iso8859_3", "iso8859_10", "iso8859_14", "iso8859_16", "mac_iceland"})

_WIDEN = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "big5": "big5hkscs", "ascii": "utf-8"}


#: Browsers read these declared charsets as their supersets (WHATWG Encoding Standard).
_DECLARED_WIDEN = {**_WIDEN, "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                   "us-ascii": "cp1252", "ascii": "cp1252", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
                   "x-euc-cn": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "hz"}
_DECLARATION = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""",
    re.I,
)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration names in the first 4 KB, widened.

    >>> declared_charset(b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    'gb18030'
    >>> declared_charset(b"<p>no declaration</p>") is None
    True
    """
    m = _DECLARATION.search(data[:4096])
    if not m:
        return None
    name = (m.group(1) or m.group(2)).decode("ascii").lower()
    name = _DECLARED_WIDEN.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _single_byte(encoding: str) -> bool:
    """Does every byte stand for one character in ``encoding`` (cp1252, ISO-8859-x, KOI8-R ...)?

    >>> _single_byte("cp1252"), _single_byte("gb18030")
    (True, False)
    """
    try:
        return len("\u00e9".encode(encoding, errors="replace")) == 1 and len("中".encode(encoding, errors="replace")) == 1
    except LookupError:
        return False


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > max(8, len(sample) // 50)


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """The ~3,500 Han characters of the 20,000 most frequent Chinese words (wordfreq)."""
    from .. import wordlists

    return frozenset(c for w in wordlists.top_n("zh", 20000) for c in w if is_han(c))


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def _common_han_share(text: str) -> float:
    """Share of Han characters that are common ones (true text, not mis-decoded bytes)."""
    han = [c for c in _t2s().convert(text) if is_han(c)]
    return sum(1 for c in han if c in _common_han()) / len(han) if han else 0.0


@lru_cache(maxsize=2)
def _common_wide(lang: str) -> frozenset[str]:
    """The wide characters (Hangul syllables, kana, kanji) of ``lang``'s 20,000 most frequent words."""
    from .. import wordlists

    return frozenset(c for w in wordlists.top_n(lang, 20000) for c in w if ord(c) >= 0x3000)


def _native_share(text: str, lang: str) -> float:
    """Share of the wide characters of ``text`` that are common in Korean or Japanese words, or the
    width-neutral CJK punctuation and full-width forms (half-width katakana excluded: Big5 bytes read as
    Shift_JIS give them). Real text scores near 1; Chinese or Korean bytes read in the other's code page
    give rare syllables and kanji (Chinese GB bytes read as Korean: at most 0.6 on NTREX sentences)."""
    wide = [c for c in text if ord(c) > 127]
    if not wide:
        return 0.0
    common = _common_wide(lang)
    return sum(1 for c in wide if c in common or (_CHINESE_WIDE.match(c) and not is_han(c))) / len(wide)


# A Han character alone between Latin letters ("J鋒rigen" for "Jährigen", "rar閒i閟" for "raréfiés"):
# two Latin-1 letters (or a letter and a space) read as one GB18030 or Big5 character.
_HAN_IN_LATIN = recache.compile(f"(?<=[A-Za-z])[{HAN}](?![{HAN}])|(?<![{HAN}])[{HAN}](?=[A-Za-z])")
_HAN_CHAR = recache.compile(f"[{HAN}]")
_HAN_INSIDE_WORD = recache.compile(f"[A-Za-z][{HAN}][A-Za-z]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _latin_read_as_han(text: str) -> bool:
    """Is ``text`` Western text whose accented letters were read as Han characters? Mostly Latin
    letters, and at least half its Han characters alone against a Latin letter (real Chinese has
    them in runs: "用Python写代码" has one of four).

    >>> _latin_read_as_han("Hai verletzt 13-J鋒rigen"), _latin_read_as_han("用Python写代码"), _latin_read_as_han("A股和B股")
    (True, False, False)
    """
    han = len(_HAN_CHAR.findall(text))
    return bool(han) and len(_ASCII_LETTER.findall(text)) > han and 2 * len(_HAN_IN_LATIN.findall(text)) >= han


#: Letters of the Western European languages cp1252 is written in (not the Icelandic ð/þ, which are
#: where cp1254 has Turkish ğ/ş).
_WESTERN_LETTERS = frozenset("àáâãäåæçèéêëìíîïñòóôõöøùúûüÿßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜœŒšŠžŽŸªº")
#: The marks cp1252 text uses (quotes, dashes, the no-break space, €).
_WESTERN_MARKS = frozenset("“”‘’„‚«»–—…•€™\xa0°§©®±·¿¡£¥¢´½¼¾²³¹µ¶×÷")
_WORD = re.compile(r"[^\W\d_]+")
# A mark inside a word: Central European letters read as cp1252 ("p…sobit" for cp852 "působit");
# an apostrophe, a dash, a no-break space ("Mme\xa0May") or the Catalan middle dot may stand there.
_MARK_AFTER_LETTERS = re.compile(r"([^\W\d_]+)[¹³¿¥]")
_MARK_IN_WORD = re.compile(r"(?<=[^\W\d_])[“”„‚«»…•€™°§©®±¡£´](?=[^\W\d_])")


def _plain_western(text: str) -> bool:
    """Does ``text`` (bytes read as cp1252) read as Western European text? Its other marks are
    cp1252's quotes, dashes and symbols; its non-ASCII letters are Western ones, sprinkled in words
    of ASCII letters: no word of three letters or more is all
    non-ASCII (Cyrillic or Greek read as cp1252 is: "Ïðèâåò"), and they are at most a quarter of
    the letters.

    >>> _plain_western("Hai verletzt 13-Jährigen « beim » Tauchen"), _plain_western("Ïðèâåò, êàê äåëà?")
    (True, False)
    >>> _plain_western("„Sie sind nur verspielt.“"), _plain_western("Price: 5 ¤"), _plain_western("grow 4½ percent on 500 m²")
    (True, False, True)
    """
    words = _WORD.findall(text)
    wide = [c for w in words for c in w if ord(c) > 127 and c.isalpha()]  # (½ and ² are "word" characters to re)
    marks = [c for c in text if ord(c) > 127 and not c.isalpha()]
    if not (wide or marks) or any(c not in _WESTERN_LETTERS for c in wide) or any(c not in _WESTERN_MARKS for c in marks):
        return False
    if any(len(w) >= 3 and not any(c.isascii() for c in w) for w in words) or _MARK_IN_WORD.search(text):
        return False
    if any(m.group(1).lower() not in ("m", "cm", "km", "mm", "dm") for m in _MARK_AFTER_LETTERS.finditer(text)):
        return False  # "by³", "s¹", "mo¿na": Polish ł, ą, ż in cp1250 read as cp1252 ("m³" is a unit)
    return 4 * len(wide) <= sum(len(w) for w in words)


def _reads_western(data: bytes) -> bool:
    """Do the bytes read as Western European text in cp1252 (see :func:`_plain_western`)?"""
    try:
        return _plain_western(data.decode("cp1252"))
    except UnicodeDecodeError:
        return False


def _korean_or_japanese(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` when the bytes are Korean (EUC-KR/CP949) or Japanese (Shift_JIS/EUC-JP).

    EUC-KR puts Hangul where GB2312 has common Han characters, so Korean read as GB18030 looks like
    Chinese to every Chinese-only test ("한국어" -> "茄惫绢"), and EUC-JP shares GB2312's kana rows: the
    Chinese guess must come second. Korean needs its syllables to be Korean's common ones, in words
    with spaces between them (a line of Chinese read as Korean is one run); Japanese
    needs kana (Chinese GB text read as EUC-JP gives kanji only) and its characters to be common ones.

    >>> _korean_or_japanese("서울에서 열린 회의".encode("euc-kr"))[1], _korean_or_japanese("東京で会議が開かれた。".encode("euc-jp"))[1]
    ('cp949', 'euc_jp')
    >>> _korean_or_japanese("国家统计局发布数据".encode("gb18030")) is None
    True
    """
    for enc, lang in (("cp949", "ko"), ("cp932", "ja"), ("euc_jp", "ja")):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if lang == "ko":
            # Korean spaces its words (2-5 syllables); Chinese read as Korean has one long run
            words = [w for w in text.split() if HANGUL_RE.search(w)]
            letters = len(HANGUL_RE.findall(text))
            if len(words) < 2 or letters > 8 * len(words):
                continue
        else:
            letters = len(KANA_RE.findall(text))
        wide = sum(1 for c in text if ord(c) > 127)
        # (four at least: two Big5 characters read as EUC-JP are two hiragana, "今天" -> "さぱ")
        if letters >= 4 and letters >= 0.1 * wide and _native_share(text, lang) >= 0.85:
            return text, enc
    return None


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`InputError` for binary or undecodable bytes.

    >>> decode_bytes("国家统计局".encode("gb18030"), "x")[0]
    '国家统计局'
    >>> decode_bytes("國家統計局發布數據".encode("big5"), "x")[0], decode_bytes("Le café très réputé".encode("latin-1"), "x")[0]
    ('國家統計局發布數據', 'Le café très réputé')
    >>> decode_bytes(codecs.BOM_UTF16_LE + "abc".encode("utf-16-le"), "x")
    ('abc', 'utf-16')
    >>> decode_bytes("The café’s “special” — only €5.".encode("cp1252"), "x")
    ('The café’s “special” — only €5.', 'cp1252')
    >>> decode_bytes("GDP grew, said 国家统计局".encode("utf-8")[:-1], "x")
    ('GDP grew, said 国家统计\ufffd', 'utf-8')
    >>> decode_bytes("The minister’s “new deal” — ".encode("utf-8") + "café talks".encode("latin-1"), "x")
    ('The minister’s “new deal” — caf\ufffd talks', 'utf-8')
    """
    if not data.strip():
        raise InputError("empty file", path=path)
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                raise InputError(f"starts with a {enc} byte-order mark but does not decode as {enc}", path=path) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start > 0 and not data[: exc.start].isascii():
            # UTF-8 cut inside its last character (a truncated download), with UTF-8 characters before
            # it ("Written by José" in Latin-1 ends the same way, and has none): the rest is text, and
            # the lost character is marked (U+FFFD, which the qa stage flags)
            return data[: exc.start].decode("utf-8") + "\ufffd", "utf-8"
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        multibyte = len(text) - len(text.encode("ascii", "ignore")) - bad
        if multibyte >= 3 and bad <= max(1, multibyte // 50):
            # UTF-8 with a stray byte or two (a Latin-1 character pasted in): the text is UTF-8, and
            # each stray byte is marked (U+FFFD), not the whole file read in another code page
            return text, "utf-8"
    # UTF-16 without a BOM: every other byte is NUL in ASCII-heavy text.
    if len(data) >= 4 and data[1::2].count(0) > len(data) // 4:
        try:
            return data.decode("utf-16-le"), "utf-16-le"
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise InputError("binary file (not text in any common encoding); skipped", path=path)
    declared = declared_charset(data)
    # A multi-byte declaration that decodes is near-proof; a single-byte one (cp1252) decodes
    # anything, so it waits until the bytes have been tried as Chinese.
    single_byte = declared is not None and _single_byte(declared)
    if declared and declared != "utf-8" and not single_byte:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass  # the page's declaration is wrong: guess
    # Korean and Japanese code pages before Chinese ones (their bytes read as GB18030 pass for Chinese),
    # then Chinese: charset-normalizer guesses poorly on short Chinese text.
    if not data.isascii():
        found = _korean_or_japanese(data)
        if found:
            return found
    for enc in ("gb18030", "big5hkscs"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        wide = [c for c in text if ord(c) > 127]
        common = sum(1 for c in wide if _CHINESE_WIDE.match(c))
        if wide and common >= 0.9 * len(wide) and _common_han_share(text) >= 0.5 and not (
                _latin_read_as_han(text) and (_reads_western(data) or _HAN_INSIDE_WORD.search(text))):
            return text, enc  # ("cotton T恤", "鄂ICP证" are Chinese: no Han inside a Latin word, no Western reading)
    if declared and single_byte:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    # Western text with a few accented letters: charset-normalizer often names another code page
    # for it (HP Roman-8, CP1125, CP949 for a French «\xa0…\xa0»)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        if _plain_western(text):
            return text, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None:
        raise InputError("cannot detect the text encoding; convert it to UTF-8", path=path)
    enc = _WIDEN.get(best.encoding.lower(), best.encoding)
    if enc.lower() in _LATIN_MISGUESS:
        # Short Western text is often misread as Central European or a DOS code page (cp850:
        # "cafÚÆs" for "café’s"); cp1252 is the web's Latin default.
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode(enc), enc
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"looks like {enc} but does not decode as it; convert it to UTF-8", path=path) from None
