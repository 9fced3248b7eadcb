"""``numbers``: decimal points lost in translation, repaired only where the pattern proves them.

``increased by 9% year-on-year1%`` is what ``同比增长9.1%`` becomes when the
decimal point is taken for a sentence break: the split figure around the
comparison phrase proves it. Dates and magnitudes rendered word by word
(``2024 year 1 month 5 day``, ``1.5 ten thousand yuan``, ``3 hundred million``) are
rewritten the English way. Everything else that looks wrong is flagged
``number-glitch``, never guessed: a digit glued to a word, a share above 100%.
"""

from __future__ import annotations

from collections import Counter

from .. import recache
from ..chars import EN_MONTHS
from ..lang import EN_FUNCTION_WORDS
from ..model import BODY, Block, Document, apply_edits
from ..stage import Stage, register
from ..wordlists import at_least

_DIGIT = recache.compile(r"\d")
_COMPARE = r"(?:year-on-year|month-on-month|quarter-on-quarter|year on year|month on month|over the previous year|over the same period(?: of (?:last|the previous) year)?)"
_LOST_DECIMAL = recache.compile(rf"(?<![\w.,])(\d+)%(\s+){_COMPARE}(\d+)%")  # a whole number: "12.5%" has its decimal
# Not after "@", "#", "/" or "." : a handle ("@user13"), a hashtag ("#pa28"), a path or a host name
# ("/page2", "www.site2.com") is written with its digits glued on purpose.
# Nor before a file extension ("user32.dll"): a file's name.
_GLUED_DIGIT = recache.compile(r"(?<![@#/.])\b([a-z]{3,})(\d+(?:\.\d+)?)(?=[\s%,;]|\.(?![A-Za-z])|$)")
# Product lines written with their version glued on: "windows11", "office2019", "iphone13", "ios15".
_PRODUCT_LINES = frozenset("windows win office iphone ipad ios android macos xbox galaxy pixel mate redmi "
                           "matebook thinkpad ryzen core geforce rtx gtx python java html php".split())
_YEAR = recache.compile(r"(?:19|20)\d\d")
_SHARE = recache.compile(
    r"\b(?:accounting for|accounted for|accounts for|account for|a share of|the share of|a proportion of|the proportion of|"
    r"proportion (?:was|is|reached)|share (?:was|is|reached))\s+(\d+(?:\.\d+)?)%"
)


def lost_decimal(text: str) -> list[tuple[int, int, str, str]]:
    """``9% year-on-year1%`` → ``9.1% year-on-year``.

    >>> lost_decimal("private investment increased by 9% year-on-year1%, the growth rate is faster")
    [(32, 49, '9.1% year-on-year', 'numbers/lost-decimal')]
    >>> lost_decimal("grew 9% year-on-year, 1% more than")
    []
    """
    out = []
    for m in _LOST_DECIMAL.finditer(text):
        phrase = text[m.end(2) : m.start(3)]
        out.append((m.start(), m.end(), f"{m.group(1)}.{m.group(3)}%{m.group(2)}{phrase}", "numbers/lost-decimal"))
    return out


_MONTHS = EN_MONTHS
# A date machine translation rendered word by word: "2024 year 1 month 5 day" (2024年1月5日).
_LITERAL_DATE = recache.compile(
    r"\b(?:((?:19|20)\d\d) years? )?(1[0-2]|0?[1-9]) months? (3[01]|[12]\d|0?[1-9]) (?:day|days|date|sun)\b"
    r"|\b((?:19|20)\d\d) years? (1[0-2]|0?[1-9]) months?\b(?! (?:old|of|and|to|later|ago|after|before)\b)")
# Words before a yearless "6 month 3 day" that make it a length of time ("a 6 month 3 day residency").
_DURATION_BEFORE = recache.compile(r"\b(?i:an?|each|every|per)\s+$")
# A magnitude rendered word by word: "1.5 ten thousand yuan" (1.5万元), "3 hundred million" (3亿).
_LITERAL_MAGNITUDE = recache.compile(r"(?<![\w.,])(\d+(?:\.\d+)?) (ten thousand|hundred million)\b(?! (?:times|of)\b)")


def literal_dates(text: str) -> list[tuple[int, int, str, str]]:
    """``2024 year 1 month 5 day`` → ``January 5, 2024``; ``2024 year 1 month`` → ``January 2024``.

    >>> [r for _, _, r, _ in literal_dates("held on 2024 year 1 month 5 day, and in 2023 year 12 month; on 3 month 8 day")]
    ['January 5, 2024', 'December 2023', 'March 8']
    >>> literal_dates("a 2024 year-end review; a baby of 3 months 5 days; the 2024 year 2 months later")
    []
    >>> literal_dates("a 6 month 3 day residency"), [r for _, _, r, _ in literal_dates("scheduled for 6 month 3 day")]
    ([], ['June 3'])
    """
    out = []
    for m in _LITERAL_DATE.finditer(text):
        if m.group(2):
            month, day = _MONTHS[int(m.group(2)) - 1], int(m.group(3))
            new = f"{month} {day}, {m.group(1)}" if m.group(1) else f"{month} {day}"
            if not m.group(1) and (m.group(0).split()[1] != "month" or m.group(0).split()[3] != "day"
                                   or _DURATION_BEFORE.search(text, 0, m.start())):
                continue  # "3 months 5 days", "a 6 month 3 day residency": a length of time, not a date
        else:
            new = f"{_MONTHS[int(m.group(5)) - 1]} {m.group(4)}"
        out.append((m.start(), m.end(), new, "numbers/literal-date"))
    return out


def literal_magnitudes(text: str) -> list[tuple[int, int, str, str]]:
    """``1.5 ten thousand`` → ``15,000``; ``3 hundred million`` → ``300 million``; ``15 hundred
    million`` → ``1.5 billion``: Chinese 万 and 亿 rendered word by word.

    >>> [r for _, _, r, _ in literal_magnitudes("got 1.5 ten thousand yuan; cost 3 hundred million; 15 hundred million")]
    ['15,000', '300 million', '1.5 billion']
    >>> literal_magnitudes("ten thousand people; two hundred million; 5 ten thousand times over")
    []
    """
    out = []
    for m in _LITERAL_MAGNITUDE.finditer(text):
        n = float(m.group(1))
        if m.group(2) == "ten thousand":
            value = n * 10_000
            if value != int(value):
                continue
            new = f"{int(value):,}"
        else:
            millions = n * 100
            new = f"{millions / 1000:g} billion" if millions >= 1000 else f"{millions:g} million"
        out.append((m.start(), m.end(), new, "numbers/literal-magnitude"))
    return out


def number_glitches(text: str) -> list[tuple[int, str, str]]:
    """``(start, text, message)`` for numbers that look wrong but cannot be repaired with certainty.

    >>> [g[1] for g in number_glitches("the growth rate5 percentage points, accounting for 533%, and G20, 5G, PM2.5")]
    ['rate5', '533%']
    >>> number_glitches("@user13 see #week2 and example.com/page2 too")
    []
    >>> number_glitches("installed windows11 and office2019 on it")
    []
    >>> number_glitches("it calls user32.dll; the rate5. is not")[0][1]
    'rate5'
    >>> [g[1] for g in number_glitches("under the2023 plan")]
    ['the2023']
    """
    out = []
    for m in _GLUED_DIGIT.finditer(text):
        word, num = m.group(1), m.group(2)
        # a version glued to a product line's name, or a year (an edition: "office2019"), is a name
        if word.lower() in _PRODUCT_LINES or (_YEAR.fullmatch(num) and word not in EN_FUNCTION_WORDS):
            continue  # ...but "the2023 plan" lost its space
        if at_least(word, 3.0):
            out.append((m.start(), m.group(0), "a number glued to a word: a decimal point or space was probably lost"))
    for m in _SHARE.finditer(text):
        if float(m.group(1)) > 100:
            out.append((m.start(1), m.group(1) + "%", "a share above 100%: a decimal point was probably lost"))
    return out


@register
class Numbers(Stage):
    name = "numbers"
    requires = ("blocks",)
    provides = ()
    uses = ("decoded", "paragraphs")
    description = "Repair decimal points lost in translation where the pattern proves it; flag other number glitches."

    def run(self, doc: Document) -> None:
        found: list[tuple[Block, int, str, str]] = []
        for b in doc.blocks:
            if b.role != BODY or b.lang == "zh" or not _DIGIT.search(b.text):
                continue
            apply_edits(b, self.name, lost_decimal(b.text))
            if "month" in b.text or "ten thousand" in b.text or "hundred million" in b.text:
                apply_edits(b, self.name, literal_dates(b.text))
                apply_edits(b, self.name, literal_magnitudes(b.text))
            found.extend((b, start, text, msg) for start, text, msg in number_glitches(b.text))
        # A glued token the document writes more than once is a name it uses ("eth0", "ppp0", a
        # site's "urban75"); a lost space or decimal point does not repeat itself letter for letter.
        seen = Counter(text for _, _, text, _ in found)
        for b, start, text, msg in found:
            if not (seen[text] > 1 and text[-1:].isdigit()):
                b.flag("number-glitch", start, text, msg, stage=self.name, rule="numbers/glitch")
