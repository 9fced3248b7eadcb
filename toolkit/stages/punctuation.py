"""``punctuation``: spacing, glued sentences, quotes and hyphen case in English runs.

Every rule is a small function ``text -> changes`` with an id; the stage applies
them in order. Rules only fire where both sides of the change are English
(nothing next to a Chinese character is touched), and camel-case names are
never split: a glued pair is split only where both halves are ordinary English
words (wordfreq) and the whole token is not a protected glossary name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .. import recache, yamlio
from ..chars import HAN_RE, looks_like_code
from ..lang import EN_FUNCTION_WORDS, PINYIN_SYLLABLE
from ..model import BODY, TITLE, Document, apply_edits
from ..stage import Stage, register
from ..wordlists import at_least, cased_names

Change = tuple[int, int, str, str]


@lru_cache(maxsize=1)
def protected_names() -> tuple[frozenset[str], frozenset[str]]:
    """``(brands, proper_nouns)`` from ``toolkit/data/protected-names.yaml``.

    >>> brands, nouns = protected_names()
    >>> "teamLab" in brands and "Singapore" in nouns
    True
    """
    where = "toolkit/data/protected-names.yaml"
    data = yamlio.load(resources.files("toolkit").joinpath("data/protected-names.yaml").read_text(encoding="utf-8"), where)
    return frozenset(str(x) for x in data.get("brands") or []), frozenset(str(x) for x in data.get("proper_nouns") or [])


_CODE_CHARS = recache.compile(r"[=<>/\\{}()\[\];_@#]|\.\w")


def _token_at(text: str, i: int) -> str:
    """The space-delimited token around ``i`` (looking at most 200 characters each way)."""
    lo = max(0, i - 200)
    s = text.rfind(" ", lo, i) + 1 or lo
    e = text.find(" ", i, i + 200)
    return text[max(s, lo) : e if e >= 0 else min(len(text), i + 200)]


def _in_url(text: str, i: int) -> bool:
    tok = _token_at(text, i)
    return "://" in tok or "@" in tok or tok.startswith("www.") or "\\" in tok or "/" in tok or "_" in tok


def _near_han(text: str, i: int) -> bool:
    return bool(HAN_RE.search(text[max(0, i - 1) : i + 2]))


_SPACE_AFTER = recache.compile(
    r"(?<=[A-Za-z0-9%)\]])([?!;,])(?=[A-Za-z\"“])|(?:(?<=[a-z]{2})|(?<=\d%)|(?<=\b\d{4}))(\.)(?=[A-Z][a-z])"
    r"|(?<=[a-z]{2})(:)(?=[A-Za-z\"“])"  # "include:the", 'said:“We' (a colon from Chinese ：); not "10:30"
)


# Gates: a necessary condition of a rule's pattern, led by a character class or a literal so the
# regex engine scans for it quickly; the rule's own, slower pattern runs only where a gate matches.
# (tests/stages/test_gates.py checks on real text that a gate never hides a change.)
_SPACE_AFTER_GATE = recache.compile(r"[?!;,.:][A-Za-z\"“]")
_DOMAIN_TAIL = recache.compile(r"(?:Net|NET|Com|COM|Org|ORG)(?![\w-])")
_SPACE_BEFORE_GATE = recache.compile(r" [,;.!?:]")
_SPACED_COMMA_GATE = recache.compile(r" [,;][A-Za-z]")
_SPACED_NUMBER_GATE = recache.compile(r"\d(?: +%| \.\d|\. \d)")
_TIME_GATE = recache.compile(r": [0-5]\d")


# After "X." in a program's qualified name: a part glued to a call, a further dot, a type argument or
# a closing quote ("This(", "Build.cs", 'Typename"'); after a capitalized "X.", a camel-case part
# ("Type.GetType", "Period.SerializationProxy"). A sentence glued on goes on with a space
# ("growth.The economy", "Monday.Officials said", "quarter.PetroChina said").
_DOTTED_NAME = recache.compile(r"[A-Z][a-z]+(?:[(.<\[](?=\S)|[\"'`](?![A-Za-z]))")
_CAMEL_RIGHT = recache.compile(r"[A-Z][a-z]+[A-Z]")


def space_after(text: str) -> list[Change]:
    """A missing space after ``? ! ; , .`` before a letter.

    >>> space_after("in 2024?What are the paths")
    [(8, 8, ' ', 'punctuation/space-after')]
    >>> space_after("platforms,Safeguarding rights; see www.gov.cn,and 1,000 W.J.Baumol")
    [(10, 10, ' ', 'punctuation/space-after')]
    >>> space_after('"We expect it to double," said the director')
    []
    >>> [c[0] for c in space_after("In 2023,the economy grew 5%.What next? It rose in 2023.The end")]
    [8, 28, 55]
    >>> space_after("exports of 1,000,000 tons; version 2.0.1; 3.5%, 5.2; No.1 Middle School")
    []
    >>> space_after("the state of S?o Paulo and Maranh?o")
    []
    >>> [c[0] for c in space_after('Projects include:the metro; the mayor said:“We will.”')], space_after("at 10:30, see https://a.cn")
    ([17, 43], [])
    >>> space_after("instances of expr:href='data:label.url' and std:vector_t")
    []
    >>> space_after("in Visual Studio.Net 2003, a regular contributor to Teachers.Net.")
    []
    >>> space_after("tl;dr Sudo is dangerous; files are 0755 (u=rwx,g=rx,o=rx) on macOS")
    []
    >>> [c[0] for c in space_after("When x=1,the loop ends; we give up;the rest")]
    [9, 35]
    >>> space_after('see Type.GetType, new Expr.This(k), UnLua.Build.cs, "Namespace.Typename" and self.Overridden.Play()')
    []
    >>> [c[0] for c in space_after("It grew in China.The economy rose.“We said. It was clever.It's called obsidian.")]
    [17, 58]
    >>> [c[0] for c in space_after("in Beijing on Monday.Officials said; in October.China's exports; the quarter.PetroChina said")]
    [21, 48, 77]
    """
    out: list[Change] = []
    if not _SPACE_AFTER_GATE.search(text):
        return out
    for m in _SPACE_AFTER.finditer(text):
        i = m.end()
        ch = text[m.start()]
        if ch == "," and not text[m.start() - 1].isalpha() and not re.match(r"[a-z]{2}|[A-Z][a-z]", text[i : i + 2]):
            continue  # "1,000"; a comma after a number is glued only to a word ("2023,the")
        if i < len(text) and text[i] == '"' and (text.count('"', 0, i) % 2 or text[i + 1 : i + 2] in (" ", "")):
            continue  # the quote closes a quotation: '...three years," said' (a closing quote is followed by a space)

        if _in_url(text, m.start()) or _near_han(text, m.start()):
            continue
        if ch == "?" and text[m.start() - 1].isalpha() and text[i].islower():
            continue  # "S?o Paulo", "Maranh?o": a letter lost to encoding damage, inside the word
        if ch == ":" and _CODE_CHARS.search(_token_at(text, m.start())):
            continue  # "expr:href='data:label.url'": code, where a colon takes no space
        if ch in ",;" and "=" in text[m.start() - 12 : m.start()] and re.match(r"[\w.]+=", text[i : i + 16]):
            continue  # "(u=rwx,g=rx,o=rx)": settings written as code (not "When x=1,the")
        if ch == ";" and re.fullmatch(r"\W*(?i:tl;dr|tl;dw)\W*", _token_at(text, m.start())):
            continue  # "tl;dr": an abbreviation written with its semicolon (not "up;we")
        if ch == ".":
            word = text[max(0, m.start() - 40) : m.start()].rsplit(" ", 1)[-1]
            if "." in word:
                continue  # an abbreviation or a domain
            if _DOMAIN_TAIL.match(text, i):
                continue  # "Visual Studio.Net", "Teachers.Net": a name written as a domain
            if _DOTTED_NAME.match(text, i) or (word[:1].isupper() and _CAMEL_RIGHT.match(text, i)):
                continue  # "Expr.This(", "UnLua.Build.cs", '"Namespace.Typename"', "Type.GetType": a program's name
        out.append((i, i, " ", "punctuation/space-after"))
    return out


# Not before a spaced ellipsis (". . ." is one; "Mine's . . ." is written that way on purpose).
_SPACE_BEFORE = recache.compile(r"(?<=[\w%)\]”’\"])( +)([,;!?:]|\.(?! \.))(?=\s|$)")


def space_before(text: str) -> list[Change]:
    """No space before ``, ; . ! ? :`` in English.

    >>> space_before("a growth rate of 4.2% , ranking first")
    [(21, 22, '', 'punctuation/space-before')]
    >>> space_before("using a ! means that you are calling a macro")
    []

    After a straight quote only when it closes one (the quotes before it, itself included, pair up):

    >>> space_before('the "American Dream" , and'), space_before('marks like " , " and "." here')
    ([(20, 21, '', 'punctuation/space-before')], [])
    >>> space_before('make that a big "fsck -f" : )'), space_before("three parts : (1) coal")
    ([], [(11, 12, '', 'punctuation/space-before')])
    """
    if not _SPACE_BEFORE_GATE.search(text):
        return []
    return [
        (m.start(1), m.end(1), "", "punctuation/space-before")
        for m in _SPACE_BEFORE.finditer(text)
        if not _near_han(text, m.start(1)) and not _mark_as_word(text, m.start(2))
        and (text[m.start(1) - 1] != '"' or ("\n" not in text and _closes_quote(text, m.start(1) - 1)))
        and not (m.group(2) in ":;" and _SMILEY_TAIL.match(text, m.end()))  # a smiley, ": )"
    ]


_SMILEY_TAIL = recache.compile(r" [()](?:\s|$)")  # ": )" and ": (" end there; ": (1) cutting coal" goes on


def _closes_quote(text: str, i: int) -> bool:
    """The straight ``"`` at ``i`` closes a quotation: it follows a word or a sentence's end, and the
    ``"`` before it, itself included, pair up.

    >>> _closes_quote('the "American Dream" ,', 19), _closes_quote('like " , "', 5)
    (True, False)
    """
    return i > 0 and (text[i - 1].isalnum() or text[i - 1] in ".!?,%)") and text.count('"', 0, i + 1) % 2 == 0


def _mark_as_word(text: str, i: int) -> bool:
    """The ``!`` or ``?`` at ``i`` is a word of the sentence, not its end: an article before it and
    a small letter after ("using a ! means that", "the ? operator").

    >>> _mark_as_word("using a ! means", 8), _mark_as_word("we won ! Then", 7), _mark_as_word("a good day ! we", 11)
    (True, False, False)
    """
    return text[i] in "!?" and bool(re.match(r" +[a-z]", text[i + 1 : i + 4])) \
        and bool(re.search(r"(?:^|\s)(?:a|an|the|[Tt]he)\s+$", text[max(0, i - 6) : i]))


_SPACED_COMMA = recache.compile(r"(?<=[A-Za-z]) ([,;])(?=[A-Za-z])")


def spaced_comma(text: str) -> list[Change]:
    """``said ,the`` → ``said, the``: a comma (or semicolon) moved off its word onto the next one.

    >>> spaced_comma("the spokesman said ,the talks went well")
    [(18, 20, ', ', 'punctuation/spaced-comma')]
    >>> spaced_comma("values a ,b and c; x ,1; Chinese text 中文 ,好")
    [(8, 10, ', ', 'punctuation/spaced-comma')]
    """
    if not _SPACED_COMMA_GATE.search(text):
        return []
    return [(m.start(), m.end(), m.group(1) + " ", "punctuation/spaced-comma")
            for m in _SPACED_COMMA.finditer(text) if not _near_han(text, m.start())]


_SPACED_NUMBER = recache.compile(r"(?<=\d) +(%)|(?<=\d) (\.)(?=\d)|(?<=\d)(\.) (?=\d+ ?(?:%|percent\b|per cent\b))")


def _number_start(text: str, end: int) -> int:
    """Where the run of digits, dots and commas that ends at ``end`` starts (scanning back from
    ``end`` only: linear over a paragraph, however many numbers it holds).

    >>> _number_start("grew 5.2 %", 8), _number_start("x 1,000", 7)
    (5, 2)
    """
    j = end
    while j > 0 and (text[j - 1].isdecimal() or text[j - 1] in ".,"):
        j -= 1
    return j


def spaced_number(text: str) -> list[Change]:
    """``5.2 %`` → ``5.2%``; ``3 .5 percent`` → ``3.5 percent``: a space inside a number.

    >>> [(s, e, r) for s, e, r, _ in spaced_number("grew 5.2 % and 3 .5 percent, then 4. 5%")]
    [(8, 9, ''), (16, 18, '.'), (35, 37, '.')]
    >>> spaced_number("in 2023. 5 people came; 5 % of 10. 2 more; scored 3 . 5; 增长5 %")
    [(25, 26, '', 'punctuation/spaced-number')]
    """
    out: list[Change] = []
    if not _SPACED_NUMBER_GATE.search(text):
        return out
    for m in _SPACED_NUMBER.finditer(text):
        num_start = _number_start(text, m.start())
        if _near_han(text, num_start) or _near_han(text, m.end() - 1):
            continue  # Chinese text keeps its own spacing
        if m.group(1):
            out.append((m.start(), m.start(1), "", "punctuation/spaced-number"))
        else:
            out.append((m.start(), m.end(), ".", "punctuation/spaced-number"))
    return out


_TIME = recache.compile(r"\b([01]?\d|2[0-3]): ([0-5]\d)\b(?=\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|hours?\b|h\b))|(?<=\bat )([01]?\d|2[0-3]): ([0-5]\d)\b")


def time_colon(text: str) -> list[Change]:
    """``9: 00 a.m.`` → ``9:00 a.m.``.

    >>> time_colon("At 9: 00 a.m. on February 1st; the ratio was 3: 2")
    [(5, 6, '', 'punctuation/time')]
    """
    if not _TIME_GATE.search(text):
        return []
    return [(m.start() + text[m.start() : m.end()].index(":") + 1, m.start() + text[m.start() : m.end()].index(":") + 2, "",
             "punctuation/time") for m in _TIME.finditer(text)]


SENTENCE_STARTERS = frozenset(
    "He She It They We I The This That These Those All In On At As Since After According There A An Its Their Our "
    "His Her What How When While Meanwhile Moreover However Therefore".split()
)


def glued_quotes(text: str) -> list[Change]:
    """Straight double quotes glued to words (from Chinese “” with no spaces): spaces, and the sentence break.

    Opening and closing are told apart by position (1st, 3rd, ... open); only a
    paragraph with an even number of quotes is touched.

    >>> t = 'held on this day"The first meeting of the new year"All localities'
    >>> [(s, r) for s, e, r, _ in glued_quotes(t)]
    [(16, ' '), (51, '. ')]
    >>> glued_quotes('The workers" mood is angry. "Appeals are circulating," warned Mr Habeck, "and worse."')
    []
    >>> glued_quotes('She heard a series of "okay"s around her.')
    []
    >>> glued_quotes('join this monthâ€"but don’t be "too" keen')
    []
    """
    idx = [i for i in _positions(text, '"') if not mojibake_tail(text, i)]
    if not idx or len(idx) % 2:
        return []
    # The parity guess must fit every quote: an opener is followed by its word, a closer follows one.
    # When one does not ('The workers" mood ... angry. "Appeals', an apostrophe typed as a quote
    # shifts the count), the guess is wrong everywhere in the paragraph: touch nothing.
    if any(text[i + 1 : i + 2].isspace() if k % 2 == 0 else text[i - 1 : i].isspace() for k, i in enumerate(idx)):
        return []
    out = []
    for k, i in enumerate(idx):
        if k % 2 == 0:  # opening
            if i > 0 and (text[i - 1].isalpha() or text[i - 1] in ",;:") and not _near_han(text, i):
                out.append((i, i, " ", "punctuation/glued-quote"))
        else:
            if i + 1 < len(text) and text[i + 1].isalpha() and not _near_han(text, i):
                m = re.match(r"[A-Za-z]+", text[i + 1 :])
                word = m.group() if m else ""
                if word == "s":
                    continue  # 'a series of "okay"s': the plural of a quoted word
                sep = ". " if word in SENTENCE_STARTERS and text[i - 1] not in ".!?" else " "
                out.append((i + 1, i + 1, sep, "punctuation/glued-quote"))
    return out


_GLUED = recache.compile(r"\b([a-z]{2,})([A-Z][a-z]{1,})\b")
_GLUED_GATE = recache.compile(r"[a-z][A-Z]")  # necessary for _GLUED, and rare in running text
# Capitalized words that start a sentence and are never part of a name: the positive evidence
# that "significantlyThe" is two sentences.
_STARTERS = SENTENCE_STARTERS | frozenset(
    "Focus Promote Accelerate Strengthen Improve Build Support Deepen Implement Adhere Insist Continue Speed Expand "
    "First Second Third Finally Besides Also Then Thus Hence Still Yet Now Today Currently Recently Previously "
    "If Although Though Because Unless Whether Where Why Who Which You Your My Some Many Most Each Every Both "
    "Not No Only Such Other Another One Two Three For To By From With Without Under Over During Between".split()
)


#: Left halves of program identifiers (``addAll``, ``removeIf``, ``getType``, ``putAll``, ``findFirst``): the
#: verbs methods are named with. No sentence of news ends on one, so the glue needs another left half.
_METHOD_VERBS = frozenset(
    "add remove get set put find retain contains index sort filter map reduce apply accept handle init create make "
    "parse read write load save run check update delete insert copy clear compute merge replace push pop peek poll "
    "offer append print open close start stop has can should did max min sum count value key entry list array "
    "string new sub last next prev".split()
)


def glued_sentences(text: str, names: frozenset[str] = frozenset()) -> list[Change]:
    """``economyFocus on`` → ``economy. Focus on``, only on positive evidence; names are never split.

    The evidence: both halves are ordinary English words (wordfreq), the whole token is not a word
    or a name (``teamLab``, ``iPhone``, ``eBay``, ``WeChat``, ``PayPal``, ``iQIYI``: the protected
    names in ``toolkit/data/protected-names.yaml`` and the glossary's), and the right half starts a
    sentence: a word that opens sentences and never a name ("The", "Focus", "However"). A
    camel-case token with a one- or two-letter left half (``iPad``, ``eCommerce``), one that
    appears again in the document, or one inside a run of capitalized words is a name; a left half
    that names a method (``addAll``, ``removeIf``: :data:`_METHOD_VERBS`) makes a program's identifier.

    >>> glued_sentences("the low-altitude economyFocus on AI; ExxonMobil and eBay and iPhone")
    [(24, 24, '. ', 'punctuation/glued-sentence')]
    >>> glued_sentences("invest has increased significantlyThe second is")
    [(34, 34, '. ', 'punctuation/glued-sentence')]
    >>> glued_sentences("visitors flocked to the teamLab exhibition; the teamLab Borderless museum; a smartWatch")
    []
    >>> glued_sentences("the party supports Above-the-line orUnder-the-line preference voting")
    []
    >>> glued_sentences("Use the addAll method, then call removeIf or forEach on the list")
    []
    >>> [c[0] for c in glued_sentences("the digital economyIn 2023, green developmentAs a result")]
    [19, 45]
    """
    out: list[Change] = []
    if not _GLUED_GATE.search(text):
        return out
    brands = protected_names()[0] | names
    for m in _GLUED.finditer(text):
        low, cap = m.group(1), m.group(2)
        token = m.group(0)
        if token in brands or _in_url(text, m.start()) or cap not in _STARTERS or low in _METHOD_VERBS:
            continue
        s = m.start()
        if s > 0 and text[s - 1] in "._@#$/\\=<>(`":
            continue
        if not at_least(low, 3.0) or not at_least(cap, 3.5) or at_least(token, 2.0):
            continue
        if low.lower() in EN_FUNCTION_WORDS:
            continue  # "Above-the-line orUnder-the-line": no sentence ends on "or", "the", "of"; a lost space
        if text.count(token) > 1:
            continue  # a name repeats; a glue accident rarely does
        after = text[m.end() : m.end() + 30].split()
        if after and after[0][:1].isupper() and cap not in SENTENCE_STARTERS:
            continue  # "smartCity Expo": inside a run of capitalized words, a name
        out.append((m.start(2), m.start(2), ". ", "punctuation/glued-sentence"))
    return out


_REVERSED = recache.compile(
    r"(?P<pre>\b(?:with|and|for|of|the|as|to|in|on|by|from|called|namely|a|an|is|are|or|was|were|be|become|into|than|like|about)"
    r"|[,;:])(?P<q>’ )(?P<inner>[^’‘\n\"]{1,80}?[\w)])’(?!\w)",
    re.I,
)


def reversed_single_quotes(text: str) -> list[Change]:
    """``with’ chain owners’`` → ``with ‘chain owners’``: a closing quote used as an opening one.

    >>> t = "cultivate enterprises with’ chain owners’,’ individual champions’ and’ specialization’"
    >>> import toolkit.model as M; b = M.Block(t, 1); _ = M.apply_edits(b, "x", reversed_single_quotes(t)); b.text
    'cultivate enterprises with ‘chain owners’, ‘individual champions’ and ‘specialization’'
    >>> reversed_single_quotes("the workers’ union and the farmers’ group")
    []
    """
    out: list[Change] = []
    if "’ " not in text:
        return out
    pos = 0
    while True:
        m = _REVERSED.search(text, pos)
        if not m:
            return out
        out.append((m.start("q"), m.end("q"), " ‘", "punctuation/reversed-quote"))
        pos = m.end() - 1


def mojibake_tail(text: str, i: int) -> bool:
    """Whether the quote at ``i`` ends a mojibake dash: UTF-8 "—" read as cp1252 is ``â€”``, and with
    its last character made straight (``â€"``) it still is no quotation mark.

    >>> mojibake_tail('this monthâ€"your emotions', 12), mojibake_tail('he said "yes"', 8)
    (True, False)
    """
    return text[i - 2 : i] == "â€"


def _positions(text: str, ch: str) -> list[int]:
    """Every index of ``ch`` in ``text`` (found in C, not by a loop over the characters).

    >>> _positions('a"b"c', '"')
    [1, 3]
    """
    out = []
    i = text.find(ch)
    while i >= 0:
        out.append(i)
        i = text.find(ch, i + 1)
    return out


def _pads(inner: str) -> tuple[int, int]:
    """How many spaces ``inner`` starts and ends with.

    >>> _pads("  a b "), _pads("ab")
    ((2, 1), (0, 0))
    """
    return len(inner) - len(inner.lstrip(" ")), len(inner) - len(inner.rstrip(" "))


_QUOTE_OPEN_BEFORE = " \t([{:—–-/\u00a0"  # what may stand before an opening straight quote
_QUOTE_CLOSE_AFTER = " \t.,;:!?)]}—–-/\u00a0"  # ... and after a closing one


def spaced_quotes(text: str) -> list[Change]:
    """Spaces inside straight double quotes: ``" The policy takes effect. "`` → ``"The policy takes
    effect."``, and a closing quote on the wrong side of its space, ``"Made in China 2025 "plan`` →
    ``"Made in China 2025" plan``.

    Quotes pair up by order (1st with 2nd, ...), and only when every pair's outside confirms it: an
    opening quote at the start or after a space or a bracket, a closing one at the end or before a
    space or punctuation (or before a word, when a space stands inside it instead). Else, or with an
    odd number of quotes, nothing is touched.

    >>> import toolkit.model as M
    >>> def fix(t):
    ...     b = M.Block(t, 1); _ = M.apply_edits(b, "x", spaced_quotes(t)); return b.text
    >>> fix('The official said: " The policy will be implemented next month. "')
    'The official said: "The policy will be implemented next month."'
    >>> fix('The "Made in China 2025 "plan was cited.')
    'The "Made in China 2025" plan was cited.'
    >>> spaced_quotes('He said "yes" and left, then "no" again.'), spaced_quotes('a 20" screen and a 27" one')
    ([], [])
    """
    if '"' not in text:
        return []
    idx = _positions(text, '"')
    if len(idx) % 2 or _near_han(text, idx[0]):
        return []
    out: list[Change] = []
    n = len(text)
    for o, c in zip(idx[::2], idx[1::2]):
        inner = text[o + 1 : c]
        if not inner.strip() or "\n" in inner:
            return []
        if o > 0 and text[o - 1] not in _QUOTE_OPEN_BEFORE:
            return []  # a quote glued to the word before it: the pairing guess is not confirmed
        lead, trail = _pads(inner)
        after = text[c + 1 : c + 2]
        wrong_side = trail and after.isalpha()  # '2025 "plan': the space belongs after the quote
        if after and after not in _QUOTE_CLOSE_AFTER and not wrong_side:
            return []
        if lead:
            out.append((o + 1, o + 1 + lead, "", "punctuation/spaced-quote"))
        if trail:
            out.append((c - trail, c, "", "punctuation/spaced-quote"))
            if wrong_side and c + 1 < n:
                out.append((c + 1, c + 1, " ", "punctuation/spaced-quote"))
    return out


_POSSESSIVE_QUOTE = recache.compile(r'(?<=[a-z]s)"(?= ([a-z]+))')
# Words that follow a closing quote ("the 'two sessions' refers to"), never a possessive's noun.
_AFTER_CLOSING = EN_FUNCTION_WORDS | frozenset(
    "said says say told asked added noted warned wrote reported stated explained according while when where who "
    "whom whose so yet if because although though after before since until unless then there here now "
    # prepositions, conjunctions and verbs that follow a quoted name ('a number of "Beautiful Counties" across')
    "across along among amongst around through throughout within without toward towards against between beyond "
    "during under over near per via like about above below behind beside besides despite except inside outside "
    "onto upon unlike whereas whether nor than up down off out would could should may might must shall did does "
    "do became become becomes remain remains remained seems seemed refers referred means meant includes included "
    "covers covered aims aimed has have had being get gets got went goes go came come comes".split()
)


def possessive_quotes(text: str) -> list[Change]:
    """A plural possessive's apostrophe typed as a double quote: ``the workers" mood`` → ``the
    workers' mood`` (the apostrophe of the text's own kind, ’ when it has one).

    Only at a place where no quote can stand: where an opening quote is due (an even number of
    quotes before it) yet the mark follows a word and is followed by a space; and only before a
    noun-like word (not "said", "and", "is" ..., which follow a closing quote), and when the
    paragraph's other quotes pair up once it is taken out.

    >>> import toolkit.model as M
    >>> t = 'The workers" mood is angry. "Appeals are circulating," warned Mr Habeck; the farmers" protest grew.'
    >>> b = M.Block(t, 1); _ = M.apply_edits(b, "x", possessive_quotes(t)); print(b.text)
    The workers' mood is angry. "Appeals are circulating," warned Mr Habeck; the farmers' protest grew.
    >>> possessive_quotes('The so-called "two sessions" refers to the NPC.'), possessive_quotes('the "new projects" plan')
    ([], [])
    """
    if 's"' not in text:
        return []
    cands = {m.start() for m in _POSSESSIVE_QUOTE.finditer(text) if m.group(1) not in _AFTER_CLOSING}
    if not cands:
        return []
    out: list[Change] = []
    seen = 0
    for i in _positions(text, '"'):
        if i in cands and seen % 2 == 0:
            out.append((i, i + 1, "’" if "’" in text else "'", "punctuation/possessive-quote"))
        else:
            seen += 1
    if not out or seen % 2 or _near_han(text, out[0][0]):
        return []
    return out


def mirrored_quotes(text: str) -> list[Change]:
    """Curly double quotes all of one hand: ``“Innovation drives the future“`` → ``… future”``
    (and ``”…”`` → ``“…”``). Only a paragraph with no quote of the other hand and an even number of
    them, where every other one sits where a closing (or opening) quote belongs.

    >>> [(s, r) for s, e, r, _ in mirrored_quotes("The slogan is “Innovation drives the future“.")]
    [(43, '”')]
    >>> [(s, r) for s, e, r, _ in mirrored_quotes("He said ”we will win” and left.")]
    [(8, '“')]
    >>> mirrored_quotes("“A” and “B” are balanced."), mirrored_quotes("“A“B“C“")
    ([], [])
    """
    has_open, has_close = "\u201c" in text, "\u201d" in text
    if has_open == has_close:
        return []
    q = "\u201c" if has_open else "\u201d"
    idx = _positions(text, q)
    if len(idx) % 2 or _near_han(text, idx[0]):
        return []
    out: list[Change] = []
    for o, c in zip(idx[::2], idx[1::2]):
        before_o, after_o = text[o - 1 : o], text[o + 1 : o + 2]
        before_c, after_c = text[c - 1 : c], text[c + 1 : c + 2]
        opens = (not before_o or before_o in _QUOTE_OPEN_BEFORE) and after_o.strip() != ""
        closes = before_c.strip() != "" and (not after_c or after_c in _QUOTE_CLOSE_AFTER)
        if not (opens and closes):
            return []
        if has_open:
            out.append((c, c + 1, "\u201d", "punctuation/mirrored-quote"))
        else:
            out.append((o, o + 1, "\u201c", "punctuation/mirrored-quote"))
    return out


# Where a quote mark cannot open (before sentence or clause punctuation, or nothing) and cannot close
# (after a colon or bracket that introduces the quotation: a comma may end the quoted words, “好，”他说).
_ZH_NO_OPEN_AFTER_MARK = frozenset("，。！？；：、,.!?;:)）」』…")
_ZH_NO_CLOSE_BEFORE_MARK = frozenset("：:(（「『")
_ZH_SENTENCE_END = frozenset("。！？!?…")
_ZH_DOUBLE_QUOTE = recache.compile("[“”]")


def reversed_zh_quotes(text: str) -> list[Change]:
    """Chinese curly double quotes typed the wrong way round, pair by pair: ``”收成好不好与你无关“`` →
    ``“收成好不好与你无关”``. Only in a paragraph whose double quotes alternate ``”…“`` from its first,
    in an even number, where no ``”`` could be closing (after a sentence end, or before punctuation:
    ``…就这样。”他说，“我们…`` closes the quotation of the paragraph before and opens another) and no
    ``“`` could be opening (after a colon or an opening bracket).

    >>> [(s, r) for s, e, r, _ in reversed_zh_quotes("”收成好不好与你无关，你别插嘴“，他说。")]
    [(0, '“'), (15, '”')]
    >>> reversed_zh_quotes("我们赢了。”他说，“明天再来。"), reversed_zh_quotes("他说：“好。”她答：“不。”")
    ([], [])
    >>> reversed_zh_quotes("就这样”，他点点头，“走吧")
    []
    """
    idx = [m.start() for m in _ZH_DOUBLE_QUOTE.finditer(text)]
    if not idx or len(idx) % 2 or any(text[i] != ("”" if k % 2 == 0 else "“") for k, i in enumerate(idx)):
        return []
    out: list[Change] = []
    for o, c in zip(idx[::2], idx[1::2]):
        before_o, after_o = text[o - 1 : o], text[o + 1 : o + 2]
        before_c = text[c - 1 : c]
        if before_o in _ZH_SENTENCE_END or not after_o.strip() or after_o in _ZH_NO_OPEN_AFTER_MARK:
            return []
        if not before_c.strip() or before_c in _ZH_NO_CLOSE_BEFORE_MARK or c == o + 1:
            return []
        out += [(o, o + 1, "“", "punctuation/reversed-zh-quote"), (c, c + 1, "”", "punctuation/reversed-zh-quote")]
    return out


# A word of two or more letters glued to a bracket that holds words: "yuan(about 168 billion dollars)".
# (Words: a space inside; "does(n't)", "item(s)", "f(x)" keep their bracket where it is.)
_GLUED_BRACKET = recache.compile(r"(?<=[a-z]{2})\((?=[A-Za-z0-9$][^()\n ]{0,100} [^()\n]{1,200}\))")
_SPACED_BRACKET = recache.compile(r"\( +([A-Za-z0-9$€£¥][^()\n]{0,200}?[A-Za-z0-9.%)]) +\)|\( +([A-Za-z0-9$€£¥][^()\n]{0,200}?[A-Za-z0-9.%])\)"
                                  r"|\(([A-Za-z0-9$€£¥][^()\n]{0,200}?[A-Za-z0-9.%]) +\)")


_CALLEE = recache.compile(r"[\w.]+$")


def _call(text: str, i: int) -> bool:
    """Is the word before the bracket at ``i`` a program's method? A dotted name (``Objects.equals(``)
    or a camel-case one that starts in lower case (``asList(``; not ``WeChat(``, a name before its gloss)."""
    callee = _CALLEE.search(text, max(0, i - 60), i)
    word = callee.group() if callee else ""
    return "." in word.strip(".") or bool(re.match(r"[a-z]+[A-Z]", word))


def spaced_brackets(text: str) -> list[Change]:
    """Spaces just inside round brackets in English: ``( about 210 million U.S. dollars )`` →
    ``(about 210 million U.S. dollars)``; and a word glued to the bracket after it, as Chinese
    （） leaves it: ``yuan(about 168 billion dollars)`` → ``yuan (about ...)`` (not ``item(s)``,
    ``f(x)``).

    >>> import toolkit.model as M
    >>> t = "cost 1.5 billion yuan ( about 210 million U.S. dollars )."
    >>> b = M.Block(t, 1); _ = M.apply_edits(b, "x", spaced_brackets(t)); b.text
    'cost 1.5 billion yuan (about 210 million U.S. dollars).'
    >>> spaced_brackets("He smiled :) and said (quietly) that it was fine ( see below).")[0][:3]
    (50, 51, '')
    >>> spaced_brackets("the function f(x) and the pair (a, b) are defined, item(s), child(ren) and does(n't)")
    []
    >>> spaced_brackets("1.2 trillion yuan(about 168 billion dollars)")[0][:3]
    (17, 17, ' ')
    >>> spaced_brackets("use Objects.equals(Object, Object), Arrays.asList(T... a) and addAll(Collection c, T x)")
    []
    >>> [c[0] for c in spaced_brackets("the sectors(agriculture, industry, services) and WeChat(known as Weixin in China)")]
    [11, 55]
    """
    out: list[Change] = []
    if "(" in text:
        for m in _GLUED_BRACKET.finditer(text):
            if not _near_han(text, m.start()) and not _in_url(text, m.start()) and not _call(text, m.start()):
                out.append((m.start(), m.start(), " ", "punctuation/spaced-bracket"))
    if "( " not in text and " )" not in text:
        return out
    for m in _SPACED_BRACKET.finditer(text):
        if _near_han(text, m.start()):
            continue
        s, e = m.start(), m.end()
        lead, trail = _pads(text[s + 1 : e - 1])
        if lead:
            out.append((s + 1, s + 1 + lead, "", "punctuation/spaced-bracket"))
        if trail:
            out.append((e - 1 - trail, e - 1, "", "punctuation/spaced-bracket"))
    return out


PINYIN_FINALS = frozenset("a ai an ang ao e ei en eng er o ou".split())
_PINYIN_SPLIT = recache.compile(r"\b([A-Z][a-z]{1,5}) ?[‘’'] ?([aeo][a-z]{0,3})\b(?![’'])")


def pinyin_apostrophe(text: str) -> list[Change]:
    """``Yun ‘an`` → ``Yun'an``: the syllable-separating apostrophe of pinyin, not a quote. A
    typographic apostrophe glued on both sides (``Guang’an``) is correct and stays.

    >>> pinyin_apostrophe("bases in Yunfu Yun ‘an, Zhaoqing")
    [(18, 20, "'", 'punctuation/pinyin-apostrophe')]
    >>> pinyin_apostrophe("the ‘Dragon’ and ‘an’")
    []
    >>> pinyin_apostrophe("Guang’an City’s Linshui County; Yun’ an")
    [(35, 37, "'", 'punctuation/pinyin-apostrophe')]
    """
    out: list[Change] = []
    if not any(q in text for q in "‘’'"):
        return out
    for m in _PINYIN_SPLIT.finditer(text):
        first, fin = m.group(1), m.group(2)
        if fin not in PINYIN_FINALS or not PINYIN_SYLLABLE.match(first.lower()):
            continue
        if at_least(first, 4.0):
            continue  # an English word ("the", "and") before a quote, not a syllable
        s, e = m.end(1), m.start(2)
        if text[s:e] not in ("'", "’"):  # a glued typographic apostrophe ("Guang’an") is one already
            out.append((s, e, "'", "punctuation/pinyin-apostrophe"))
    return out


_HYPHEN_CASE = recache.compile(r"\b([a-z]{3,})-([A-Z][a-z]{2,})\b")
_HYPHEN_GATE = recache.compile(r"[a-z]-[A-Z]")  # necessary for _HYPHEN_CASE
_NAME_CHAIN = recache.compile(r"(?<![\w-])[A-Z][\w'’]*-(?:[a-z]+-)*\Z")  # "Stratford-upon-" before "Avon"
_NAME_AFTER = recache.compile(r"\s+[A-Z]")  # a capitalized word follows
_PROPER_PREFIXES = frozenset("anti pro non pre post mid trans sino pan neo inter intra cross all ultra euro afro".split())
_MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december monday tuesday wednesday "
    "thursday friday saturday sunday".split()
)


def hyphen_case(text: str) -> list[Change]:
    """``first-Mover`` → ``first-mover``; ``anti-American``, ``mid-June`` stay.

    >>> hyphen_case("a first-Mover advantage, anti-American, mid-June")
    [(8, 9, 'm', 'punctuation/hyphen-case')]
    >>> hyphen_case("abandoned in 2018 by then-President Donald Trump")
    []
    >>> hyphen_case("near Vernet-les-Bains, Stratford-upon-Avon and Winnie-the-Pooh's wood")
    []
    >>> hyphen_case("if we do some thought experiments-Einstein likes to do this very much-we can imagine")
    []
    >>> [r for _, _, r, _ in hyphen_case("the north-West region and a well-Frank opponent")]
    ['w', 'f']
    """
    out: list[Change] = []
    if not _HYPHEN_GATE.search(text):
        return out
    for m in _HYPHEN_CASE.finditer(text):
        left, right = m.group(1), m.group(2)
        if left in _PROPER_PREFIXES or right.lower() in _MONTHS_DAYS or right in protected_names()[1] or (
                right in cased_names() and not at_least(right, 4.5)):
            continue  # "anti-American", "mid-June", "year-Xinhua", "experiments-Einstein": the right half is a name
            # (a name that is also a common word, "West", "Hill", "Frank", is MT's slip: "north-West")
        if _NAME_AFTER.match(text, m.end()):
            continue  # "then-President Donald Trump": a title before a name is capitalized
        if _NAME_CHAIN.search(text, 0, m.start()):
            continue  # "Vernet-les-Bains", "Winnie-the-Pooh": a hyphenated name that opens with a capital
        if not at_least(left, 4.0) or not at_least(right, 2.5):
            continue
        out.append((m.start(2), m.start(2) + 1, right[0].lower(), "punctuation/hyphen-case"))
    return out


# MT tokenizers' leftovers: "company ' s", "don ' t" (an apostrophe spaced off a contraction).
_SPACED_APOSTROPHE = recache.compile(r"(?<=[A-Za-z]) (['’]) (?=(?:s|t|re|ve|ll|d|m)\b)")


def spaced_apostrophe(text: str) -> list[Change]:
    """``company ' s`` → ``company's``, ``don ' t`` → ``don't``: an apostrophe spaced off a contraction.

    >>> [(s, e, r) for s, e, r, _ in spaced_apostrophe("The company ' s revenue; we don ' t know")]
    [(11, 14, "'"), (31, 34, "'")]
    >>> spaced_apostrophe("the letters ' s ' and ' t ' stand for"), spaced_apostrophe("Li's and don't")
    ([], [])
    """
    if " ' " not in text and " ’ " not in text:
        return []
    out: list[Change] = []
    for m in _SPACED_APOSTROPHE.finditer(text):
        if text[m.end():m.end() + 3].startswith((" '", " ’")) or re.match(r"\w ['’]", text[m.end():m.end() + 3]):
            continue  # "' s '": a letter quoted, not a contraction
        out.append((m.start(), m.end(), m.group(1), "punctuation/spaced-apostrophe"))
    return out


# A comma typed twice: "rose,, and". Two full stops are left alone: informal writing uses ".." as a
# short ellipsis ("like.. as a person", a WMT24 social post), and "::" is code ("global::System").
_DOUBLED_MARK = recache.compile(r"(?<=[A-Za-z%)\d])(,,|，，)(?=\s|[A-Za-z])")


def doubled_mark(text: str) -> list[Change]:
    """``rose,, and`` → ``rose, and``.

    >>> [(s, e, r) for s, e, r, _ in doubled_mark("Investment rose,, and consumption recovered")]
    [(15, 17, ',')]
    >>> doubled_mark("Wait.. and see; like.. as a person; global::System"), doubled_mark("a,b,,c csv")
    ([], [])
    """
    if ",," not in text and "，，" not in text:
        return []
    return [(m.start(), m.end(), m.group(1)[0], "punctuation/doubled-mark") for m in _DOUBLED_MARK.finditer(text)
            if not re.search(r",\w*,,", text[max(0, m.start() - 12):m.end()])]


# A unit word glued to its number: "3.5percent", "100million yuan".
_GLUED_UNIT = recache.compile(r"(?<=\d)(?=(?:percent|percentage points?|per cent|yuan|million|billion|trillion)\b)")


def glued_unit(text: str) -> list[Change]:
    """``3.5percent`` → ``3.5 percent``, ``100million`` → ``100 million``.

    >>> [(s, e, r) for s, e, r, _ in glued_unit("It rose 3.5percent to 100million yuan")]
    [(11, 11, ' '), (25, 25, ' ')]
    >>> glued_unit("5G networks and 3D films; 5 percent")
    []
    """
    if not any(u in text for u in ("percent", "per cent", "yuan", "illion")):
        return []
    return [(m.start(), m.start(), " ", "punctuation/glued-unit") for m in _GLUED_UNIT.finditer(text)]


RULES: dict[str, Callable[[str], list[Change]]] = {
    "spaced-comma": spaced_comma,
    "space-before": space_before,
    "spaced-number": spaced_number,
    "spaced-apostrophe": spaced_apostrophe,
    "doubled-mark": doubled_mark,
    "glued-unit": glued_unit,
    "time": time_colon,
    "possessive-quote": possessive_quotes,
    "spaced-quote": spaced_quotes,
    "glued-quote": glued_quotes,
    "mirrored-quote": mirrored_quotes,
    "spaced-bracket": spaced_brackets,
    "space-after": space_after,
    "reversed-quote": reversed_single_quotes,
    "pinyin-apostrophe": pinyin_apostrophe,
    "hyphen-case": hyphen_case,
}


@register
class Punctuation(Stage):
    name = "punctuation"
    requires = ("blocks",)
    provides = ()
    uses = ("decoded", "paragraphs")
    uses_glossary = True
    rules = (*RULES, "glued-sentence", "reversed-zh-quote")
    description = "Fix spacing around punctuation, times, glued quotes and sentences, reversed quotes, pinyin apostrophes."

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``disable``: rule ids to switch off (spaced-comma, space-before, spaced-number, spaced-apostrophe,
        doubled-mark, glued-unit, time, possessive-quote, spaced-quote, glued-quote, mirrored-quote, spaced-bracket, space-after,
        glued-sentence, reversed-quote, pinyin-apostrophe, hyphen-case; reversed-zh-quote, the one rule for Chinese text)."""

        disable: tuple[str, ...] = ()

    _names_cache: frozenset[str] | None = None

    def _names(self) -> frozenset[str]:
        if self._names_cache is None:
            self._names_cache = frozenset(n for n in self.resources.glossary.names() if " " not in n)
        return self._names_cache

    def run(self, doc: Document) -> None:
        names = self._names()
        off = set(self.options.disable)
        left_open = False  # the paragraph before ended inside a quotation ("…把“高质量发展" / "”的总基调")
        for b in doc.blocks:
            if b.role in (BODY, TITLE) and "reversed-zh-quote" not in off and "\u201d" in b.text and HAN_RE.search(b.text) \
                    and not left_open:
                apply_edits(b, self.name, reversed_zh_quotes(b.text))
            if b.role == BODY:
                left_open = b.text.rfind("\u201c") > b.text.rfind("\u201d")
            if b.role not in (BODY, TITLE) or b.lang == "zh" or not re.search(r"[A-Za-z]", b.text) or looks_like_code(b.text):
                continue  # (a line of code: its marks are syntax, "function bar(x) {")
            for rid, fn in RULES.items():
                if rid not in off:
                    apply_edits(b, self.name, fn(b.text))
            if "glued-sentence" not in off:
                apply_edits(b, self.name, glued_sentences(b.text, names))
