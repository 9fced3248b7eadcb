"""``qa``: flags a reviewer should see: masks, casing, doubled words, unbalanced quotes, censored names.

Nothing here changes text. Masks (``**``) that a glossary variant resolved are
gone by now; what is left is flagged ``masked-text``.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .. import recache, yamlio
from ..chars import HAN_RE, looks_like_code
from ..gates import literal_gate
from ..lang import EN_FUNCTION_WORDS
from ..model import BODY, FOOTNOTE, NOTE, TITLE, Block, Document
from ..stage import Stage, register
from ..wordlists import at_least, cased_names
from .punctuation import mojibake_tail, protected_names

# Ten asterisks or more are a rule drawn across the page ("*****************"), not a mask.
_MASK = recache.compile(r"(?<!\*)\*{2,9}(?!\*)|＊{2,}|×{2,}(?!×)|□{2,}|■{2,}")
_MASK_GATE = recache.compile(r"[*＊×□■]{2}")  # necessary for _MASK; a character class scans fast
# Markdown emphasis, not a mask: "**three**", "**CompTIA A+ Course Intro**" — a short span that starts
# and ends with a letter or digit and holds no clause punctuation (a mask pair spans a clause:
# "把控**精准，…下厨的**是神器"). Outside it there is a space, punctuation or the paragraph's edge on
# both sides, unless the paragraph uses Markdown otherwise (a single-asterisk "*italic*").
_MD_BOLD = recache.compile(r"\*\*(?=[^\W_])[^*\n,，。！？；;!?]{0,60}?(?<=[^\W_])\*\*")
_MD_ITALIC = recache.compile(r"(?<!\*)\*(?=[^\W_])[^*\n]{1,60}?(?<=[^\W_])\*(?!\*)")
_WORD = recache.compile(r"\w+")
_MID_CAP = recache.compile(r"(?<=[a-z,;] )([A-Z][a-z]{2,})\b")
_CODE_NAME = recache.compile(r"\b[A-Z][a-z]+\b")
_CASING = recache.compile(r"(?<![-\w@#])([a-z]{3,}) ([A-Z][a-z]{2,}) ([a-z]+)")  # (not "@mikefish Fair enough")
_DOUBLED = recache.compile(r"\b(\w{3,}),? and \1\b|(?<![-\w])(\w{3,}) \2\b")
# After a possessive or an interface verb a capital starts a name or a label: "your Home screen",
# "tap Sign out", "select Repair your account".
_BEFORE_LABEL = frozenset("my your tap click select press choose".split())
_DOUBLED_MODIFIERS = frozenset("good better best fast high strong stable steady big great new more key".split())
# English that doubles a word correctly ("had had", "that that", "asked her her name", "what they do do").
_NOT_DOUBLED = frozenset({"that", "had", "very", "bye", "ha", "is", "can", "more", "many", "far", "again", "over", "round",
                          "her", "do", "does", "being"})  # "a human being being fed"
# Said twice on purpose: intensifiers and interjections ("really really glad", "way way harder",
# "blah blah blah", "long long ago").
_REDUPLICATED = frozenset("really way much too blah bla yeah yes well now there please knock super long little "
                          "wow hey okay sorry wait ooh aha huh hmm yay boo tut".split())
# Size and degree words that make compound modifiers: "low power power cable" is a low-power power
# cable, "high voltage voltage sensor" a high-voltage voltage sensor (WMT22 zh→en product lists).
_COMPOUND_MODIFIERS = frozenset("low high medium small large full half mid middle long short".split())
_POSSESSIVE = recache.compile(r"['’]s\b")
_NEXT_WORD = recache.compile(r" ([a-z]+)\b")
_IRREGULAR_COMPARATIVES = frozenset("better worse less fewer further farther".split())


def comparative(word: str) -> bool:
    """A comparative: "X and X" with one ("better and better", "bigger and bigger") says that
    something keeps growing; it is English, not a doubled word.

    >>> [w for w in ("better", "bigger", "closer", "easier", "higher", "water", "number", "good") if comparative(w)]
    ['better', 'bigger', 'closer', 'easier', 'higher']
    >>> [w for w in ("letter", "winner", "manner", "banner", "farmer", "leader", "longer", "faster") if comparative(w)]
    ['longer', 'faster']
    """
    if word in _IRREGULAR_COMPARATIVES:
        return True
    if not word.endswith("er") or len(word) < 5:
        return False
    stems = {word[:-2], word[:-1]}  # higher, closer
    if word.endswith("ier"):  # easier
        stems.add(word[:-3] + "y")
    if word[-3] == word[-4]:  # bigger, hotter
        stems.add(word[:-3])
    # ...and it has a superlative in use: "highest", "closest", "biggest", "easiest"; no "lettest"
    return any(at_least(st, 4.5) for st in stems) and at_least(word[:-2] + "est", 2.0)


@lru_cache(maxsize=1)
def censor_patterns() -> tuple[tuple[str, re.Pattern[str], Callable[[str], bool]], ...]:
    """``(id, pattern, gate)`` per censor pattern; the gate (a literal every match contains)
    is False only for text the pattern cannot match."""
    text = resources.files("toolkit").joinpath("data/censor.yaml").read_text(encoding="utf-8")
    data = yamlio.load(text, "toolkit/data/censor.yaml")
    out = []
    for p in data["patterns"]:
        rx = recache.compile(p["pattern"])
        out.append((p["id"], rx, literal_gate(rx)))
    return tuple(out)


def masked(text: str) -> list[tuple[int, str]]:
    """Censor masks left in the text.

    >>> masked("stakeholders such as **, industry and cells**, metaverse; 2 * 3")
    [(21, '**'), (43, '**')]
    >>> masked("doubtless an indication of things to come. ******************************")
    []
    >>> masked("***"), masked("＊＊＊")
    ([], [])
    """
    if not _MASK_GATE.search(text) or not text.strip(" *＊"):
        return []  # (a line of asterisks alone is a scene break: "***", "* * *")
    bold = markdown_bold(text) if "**" in text else set()
    return [(m.start(), m.group()) for m in _MASK.finditer(text) if m.start() not in bold]


def _edge(c: str) -> bool:
    return not c or c.isspace() or not c.isalnum()


def markdown_bold(text: str) -> set[int]:
    """Offsets of the ``**`` pairs that make Markdown bold.

    >>> sorted(markdown_bold("The **Enterprise-D** of *The Next Generation* had **three** shuttlebays."))
    [4, 18, 50, 57]
    >>> sorted(markdown_bold("*下一代*中的**进取号 D** 有**三架**穿梭机。"))
    [7, 14, 18, 22]
    >>> markdown_bold("火候和调料的把控**精准，菜的口感直接升级为大厨级别，不错，对于不善于下厨的**是神器"), markdown_bold("习**和李**")
    (set(), set())

    A whole paragraph in bold, as a README or a scraper's Markdown has it, however long:

    >>> sorted(markdown_bold("**Note that I do not own any rights to these data. All rights belong to their owners.**"))
    [0, 85]
    >>> markdown_bold("**Note that I do not own any rights,"), markdown_bold("All rights belong to their owners.**")
    ({0}, {34})
    >>> markdown_bold("**市人民政府发布通知。"), markdown_bold("the ** conference opened")
    (set(), set())
    """
    italic = _MD_ITALIC.search(_MD_BOLD.sub(lambda m: " " * len(m.group()), text)) is not None
    out: set[int] = set()
    n = len(text)
    if (n > 4 and text.startswith("**") and text.endswith("**") and not text[2].isspace() and not text[-3].isspace()
            and "*" not in text[2:-2]):
        out.update((0, n - 2))
    elif text.count("**") == 1 and "***" not in text:
        # bold that a line break cut in two: "**Note that …" opens it, "… owners.**" closes it; a mask
        # is no part of a Latin word at the paragraph's edge
        if text.startswith("**") and text[2:3].isascii() and text[2:3].isalpha():
            out.add(0)
        elif text.endswith("**") and n > 3 and text[-3].isascii() and (text[-3].isalpha() or text[-3] in ".!?\"'"):
            out.add(n - 2)
    for m in _MD_BOLD.finditer(text):
        s, e = m.start(), m.end()
        if italic or (_edge(text[s - 1 : s]) and _edge(text[e : e + 1])):
            out.update((s, e - 2))
    return out


#: Endings that make a name's derived forms (Democrat-s, Democrat-ic, Republic-an-s), longest first.
_NAME_SUFFIXES = ("ians", "ian", "ans", "an", "ics", "ic", "ese", "s")


def name_stem(word: str, suffixes: tuple[str, ...] = _NAME_SUFFIXES) -> str:
    """A capitalized word without the ending that derives it from a name; a stem shorter than five
    letters is the word itself (so "Bans" and "Ban" stay apart from "Banks").

    >>> name_stem("Democrats"), name_stem("Democratic"), name_stem("Republicans"), name_stem("Republican")
    ('Democrat', 'Democrat', 'Republic', 'Republic')
    >>> name_stem("Texans"), name_stem("Bans")
    ('Texan', 'Bans')
    """
    for suf in suffixes:
        if word.endswith(suf) and len(word) - len(suf) >= 5:
            return word[: -len(suf)]
    return word


#: Endings that make a name's adjective ("Democrat-ic", "Canad-ian", "Chin-ese"), not its plural.
_ADJECTIVE_SUFFIXES = tuple(s for s in _NAME_SUFFIXES if s != "s")


def _derived_name(word: str, names: frozenset[str]) -> bool:
    """A name's adjective ("Democratic" beside "Democrat"); a plural is no name because its singular
    is one ("Regulations", "Governments": the glossary names "State Council" and "Work Report").

    >>> _derived_name("Democratic", frozenset({"Democrat"})), _derived_name("Reports", frozenset({"Report"}))
    (True, False)
    """
    stem = name_stem(word, _ADJECTIVE_SUFFIXES)
    return stem != word and stem in names


_DEITY_PRONOUNS = frozenset({"He", "His", "Him", "Himself", "Thy", "Thee", "Thou", "Thine"})
# A deity's name, not one inside a name ("Lord Cameron", "Gabriel Jesus", "Christ Church", "God of War")
_DEITY = recache.compile(r"(?<![A-Z][a-z]\s)(?<![A-Z][a-z]{2}\s)(?<![A-Z][a-z]{3}\s)(?<![A-Z][a-z]{4}\s)(?<![A-Z][a-z]{5}\s)(?<![A-Z][a-z]{6}\s)"
                         r"\b(?:God|Almighty|Christ|Jesus|Allah|Lord)\b(?!\s+(?:of\b|[A-Z]))")


def casing(text: str, names: frozenset[str] = frozenset(), min_zipf: float = 4.0) -> list[tuple[int, str]]:
    """A common word capitalized mid-sentence after a lowercase word.

    >>> casing("introduced Guangdong's high-quality development Overall situation and the Belt and Road")
    [(48, 'Overall')]
    >>> casing("the actual use of foreign capital Expanded from 138.4 billion yuan; Newly-established Enterprises in")
    [(34, 'Expanded')]
    >>> casing("Go back to your Home screen, then tap Sign out.")
    []
    >>> casing("pray to the same God, and each invokes His aid; let us go forth asking His blessing")
    []
    >>> casing("let us go forth asking His blessing and His help, knowing that God's work is ours")
    []
    >>> casing("said Lord Cameron, who took His seat in the Lords"), casing("near the Temple of Heaven where His staff")
    ([(28, 'His')], [(32, 'His')])
    >>> casing("a fan of God of War, she took His controller")
    [(30, 'His')]

    A derived form of a known name is a name too ("Democrat" makes "Democratic"):

    >>> casing("he rejected Democratic proposals", frozenset({"Democrat"})), casing("he rejected Democratic proposals")
    ([], [(12, 'Democratic')])
    """
    out = []
    for m in _CASING.finditer(text):
        prev, word, nxt = m.group(1), m.group(2), m.group(3)
        # Title-cased names ("the High-quality Development of the Real Economy") go on with a function
        # word; a capitalized verb form ("foreign capital Expanded from") does not make a name.
        if (nxt in EN_FUNCTION_WORDS and not word.endswith("ed")) or prev in EN_FUNCTION_WORDS or prev in _BEFORE_LABEL \
                or word in names or _derived_name(word, names) or not at_least(word, min_zipf):
            continue
        if word in _DEITY_PRONOUNS and _DEITY.search(text, max(0, m.start(2) - 300), m.end(2) + 300):
            continue  # "pray to the same God, and each invokes His aid": capitalised in reverence
        out.append((m.start(2), word))
    return out


def _may_double(text: str) -> bool:
    """A necessary condition of ``_DOUBLED``: some word token equals the next one, or the one after
    an ``and`` (a match's groups are whole tokens). Token comparison is far cheaper than running the
    back-referencing pattern at every position.

    >>> _may_double("the the end"), _may_double("good and good"), _may_double("one two three")
    (True, True, False)
    >>> _may_double("the rise of the yuan and the dollar")
    False
    """
    toks = _WORD.findall(text)
    # Equal neighbours, compared in C; else equal tokens two apart with "and" between them (the
    # positions of equal pairs are found in C, and only those are looked at here).
    if any(map(operator.eq, toks, toks[1:])):
        return True
    if "and" not in toks:
        return False
    return any(toks[i + 1] == "and" for i in itertools.compress(range(len(toks) - 2), map(operator.eq, toks, toks[2:])))


def doubled(text: str) -> list[tuple[int, str]]:
    """Doubled words (``good and good``, ``the the``).

    >>> doubled("strive to achieve a stable, good and good start in the the end")
    [(28, 'good and good'), (51, 'the the')]
    >>> doubled("exports of aluminum and aluminum products; incentives and incentives, tax")
    [(43, 'incentives and incentives')]
    >>> doubled("Low power power cable; advertise in meta, and meta's results")
    []
    >>> doubled("the ban on fishing and fishing-quitting work; military and military-industrial units")
    []
    >>> doubled("they asked her her business over a persistent tock tock tock tock")
    []
    >>> doubled("please e-mail us. _______ _______ Picture a human being being fed by a goat.")
    []
    >>> doubled("To sit at his feet and hear and hear, we waited and waited. $ ls: main main.rs")
    []
    >>> [w for _, w in doubled("reform was deepened and deepened, ties consolidate and consolidate. We improve and improve.")]
    ['deepened and deepened', 'consolidate and consolidate', 'improve and improve']
    """
    out: list[tuple[int, str]] = []
    if not _may_double(text):
        return out
    for m in _DOUBLED.finditer(text):
        raw = m.group(1) or m.group(2)
        w = raw.lower()
        if w in _NOT_DOUBLED or w.isdigit() or raw[:1].isupper():  # "Peng Peng" is a name
            continue
        if not any(ch.isalpha() for ch in w):
            continue  # "_____ _____": two rules drawn with underscores, no word
        if (m.group(2) and w in _REDUPLICATED) or (m.group(1) and comparative(w)):
            continue
        if m.group(2) and (text[m.end() : m.end() + len(w) + 1].lower() == " " + w
                           or text[max(0, m.start() - len(w) - 1) : m.start()].lower() == w + " "):
            continue  # "tock tock tock tock": a sound written out, not a slip

        if m.group(2) and compound_modifier(text, m.start(), m.end()):
            continue
        if m.group(1) and _POSSESSIVE.match(text, m.end()):  # "in meta, and meta's results": a new clause
            continue
        if m.group(1) and text[m.end() : m.end() + 1] == "-" and text[m.end() + 1 : m.end() + 2].isalpha():
            continue  # "fishing and fishing-quitting", "high, and high-quality": the second starts a compound
        if m.group(1):
            # "aluminum and aluminum products" is English (a material and things made of it); MT's
            # doubling ends the phrase ("incentives and incentives,") or doubles a modifier.
            after = text[m.end() : m.end() + 2]
            if after[:1].isspace() and after[1:2].isalpha() and w not in _DOUBLED_MODIFIERS and not w.endswith("ly"):
                continue
            if _durative(w):
                continue  # "to sit at his feet and hear and hear", "we waited and waited": an action that goes on
                # (not MT's "improve and improve", "deepened and deepened": policy verbs doubled)
        elif re.match(r"\.\w", text[m.end() : m.end() + 2]):
            continue  # "main main.rs": a name, then a file named after it
        out.append((m.start(), m.group()))
    return out


# Verbs that English repeats with "and" for an action that goes on ("we waited and waited", "he ran and
# ran"): motion, speech, perception, effort. Their past and -ing forms are found by _durative.
_DURATIVE = frozenset("""wait hear listen look search talk walk run ran try cry laugh weep sob sing dance climb dig push pull
fall fell grow grew drift circle spin spun turn wander roll ring rang knock swim swam fly flew write wrote read eat ate drink
drank fight fought argue pray beg sleep slept dream rise rose sink sank think thought play shout scream call
""".split())


def _durative(word: str) -> bool:
    """A form of a verb of :data:`_DURATIVE`.

    >>> [_durative(w) for w in ("hear", "waited", "talking", "ran", "improve", "deepened", "consolidate")]
    [True, True, True, True, False, False, False]
    """
    w = word.lower()
    if w in _DURATIVE:
        return True
    for suffix in ("ing", "ed", "es", "s", "d"):
        stem = w[: -len(suffix)] if w.endswith(suffix) else ""
        if stem and (stem in _DURATIVE or stem[:-1] in _DURATIVE and stem[-1:] == stem[-2:-1] or stem + "e" in _DURATIVE):
            return True  # waited, talking, running, danced, circling
    return False


def compound_modifier(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` ("power power") is the end of a compound modifier and the head of a noun:
    a size or degree word before it and a lowercase word (not a function word) after it.

    >>> compound_modifier("a low power power cable", 6, 17), compound_modifier("to rest rest for a while", 3, 12)
    (True, False)
    """
    before = text[:start].split()
    nxt = _NEXT_WORD.match(text, end)
    if not before or not nxt or before[-1].lower() not in _COMPOUND_MODIFIERS:
        return False
    return nxt.group(1) not in EN_FUNCTION_WORDS


def quote_state(text: str) -> tuple[list[int], list[int]]:
    """``(unclosed openers, stray closers)``: offsets of double quotes left open at the paragraph's end
    and of closing quotes with no opener in it. A straight quote is told apart by its neighbours: one
    followed by a letter or digit opens, one followed by a space, punctuation or the end closes.

    >>> quote_state('"The core elements are scarce. Song said.')
    ([0], [])
    >>> quote_state('He said "yes" twice; “fine”.'), quote_state('we can wash our hands clean! "')
    (([], []), ([], [29]))
    >>> quote_state('Prints of 20x16" and 6x4" ship in a week.'), quote_state('He said "2024" was good.')
    (([], []), ([], []))
    >>> quote_state('She heard a series of "okay"s around her.')
    ([], [])
    >>> quote_state('social activism this monthâ€"but not too much')
    ([], [])
    >>> quote_state('export REMOTE="..." # here'), quote_state('He said "…" and left.')
    (([], []), ([], []))
    """
    opened: list[int] = []
    stray: list[int] = []
    for m in re.finditer('["“”]', text):
        q, i = m.group(), m.start()
        nxt = text[i + 1 : i + 2]
        prev = text[i - 1 : i]
        if q == '"' and not opened and prev.isdigit():
            continue  # an inch mark ('20x16"', '6x4" prints'), not a quote: nothing is open to close
        if q == '"' and mojibake_tail(text, i):
            continue  # 'this monthâ€"your': the end of a mojibake dash
        spaced_open = q == '"' and not opened and prev in ("", " ") and nxt == " "  # MT's '9, " Zhihui Xiaxiang" 2021'
        # a quotation of dots alone opens ('REMOTE="..."', 'He said "..." and left')
        spaced_open = spaced_open or (q == '"' and not opened and text.startswith(("...", "…"), i + 1))
        # with a quote open, a straight quote glued to the word before it closes it ('"okay"s', '"yes"and')
        glued_close = q == '"' and bool(opened) and bool(prev) and not prev.isspace()
        if q == "“" or spaced_open or (
                q == '"' and nxt and not nxt.isspace() and nxt not in ".,;:!?)]}”" and not (opened and not nxt.isalnum())
                and not glued_close):
            opened.append(i)
        elif opened:
            opened.pop()
        else:
            stray.append(i)
    return opened, stray


def unbalanced_quote(text: str) -> int | None:
    """Offset of a quote opened and never closed (or closed and never opened), or None.

    >>> unbalanced_quote('"The core elements are scarce. Song said.'), unbalanced_quote('He said "yes" twice.')
    (0, None)
    """
    opened, stray = quote_state(text)
    if opened:
        return opened[-1]
    return stray[0] if stray else None


def quotation_runs(texts: list[str], reach: int = 6) -> list[int | None]:
    """Per paragraph, the offset of an unbalanced quote, or None — a quotation may run over
    several paragraphs: English opens each paragraph of a long quote and closes only the last, and
    machine translation often opens in one paragraph and closes in a later one. A paragraph left
    open is fine when the next paragraph opens again or a paragraph within ``reach`` closes it;
    the closing paragraph is fine too.

    >>> quotation_runs(['He said: "We know the work.', 'But we rise to it.', 'That is why we change."'])
    [None, None, None]
    >>> quotation_runs(['He said: "We know the work.', '"We will rise to it."', 'Done.'])
    [None, None, None]
    >>> quotation_runs(['"The core elements are scarce. Song said.', 'Prices rose.'])
    [0, None]
    """
    states = [quote_state(t) for t in texts]
    out: list[int | None] = [unbalanced_quote(t) for t in texts]
    i = 0
    while i < len(texts):
        opened, stray = states[i]
        if opened and not stray:
            j = i + 1
            while j < len(texts) and j <= i + reach:
                o, st = states[j]
                if texts[j].lstrip()[:1] in ('"', "“"):  # the quotation goes on in a new paragraph
                    out[i] = None
                    break
                if st and not o:  # a later paragraph closes it
                    out[i] = out[j] = None
                    for k in range(i + 1, j):
                        out[k] = None if not any(states[k]) else out[k]
                    break
                if o:
                    break
                j += 1
        i += 1
    return out


# A run of replacement characters (U+FFFD, "�"): bytes a decoder could not read, upstream of us; the
# characters are lost, and no repair can bring them back.
_REPLACEMENT = recache.compile("\ufffd+(?: ?\ufffd+)*")


@register
class QA(Stage):
    name = "qa"
    requires = ("blocks",)
    provides = ("flags",)
    uses = ("decoded", "paragraphs", "articles")
    uses_glossary = True
    description = "Flag masked text, mid-sentence capitals, doubled words, unbalanced quotes, censored names and lost characters (U+FFFD)."
    rules = ("masked-text", "censored-name", "casing", "doubled-word", "unbalanced-quote", "replacement-char")
    _name_words: frozenset[str] | None = None

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``disable``: flag kinds to switch off (masked-text, censored-name, casing, doubled-word,
        unbalanced-quote, replacement-char). ``casing_min_zipf``: a mid-sentence capital is flagged only on a common
        word, one at least this frequent on wordfreq's Zipf scale (default 4.0: rarer words are
        likely names)."""

        disable: tuple[str, ...] = ()
        casing_min_zipf: float = 4.0

    def run(self, doc: Document) -> None:
        if self._name_words is None:
            # The glossary's name words, the protected names, a brand also in title case
            # ("Ebay returns", "Youtube"), and the words news English capitalizes mid-sentence
            # ("met Putin yesterday"): the same for every document, so built once.
            brands, proper = protected_names()
            self._name_words = frozenset(w for n in self.resources.glossary.names() for w in n.split() if w[:1].isupper()) \
                | brands | frozenset(b.capitalize() for b in brands) | proper | cased_names()
        body = [b for b in doc.blocks if b.role in (BODY, TITLE) and not (HAN_RE.search(b.text) and b.lang == "zh")
                and not looks_like_code(b.text)]
        # Words the document itself writes capitalized mid-sentence more than once are names there,
        # and so are their derived forms: "Democrats" twice makes "Democratic turnout" a name.
        mid_caps = Counter(m.group(1) for b in body for m in _MID_CAP.finditer(b.text))
        repeated = {w for w, n in mid_caps.items() if n > 1 and w.lower() not in EN_FUNCTION_WORDS}
        stems = {name_stem(w) for w in repeated}
        own = frozenset(w for w in mid_caps if w in repeated or name_stem(w) in stems)
        # ... and so are the capitalized words its code uses: "a List of Map entries" beside List<Map<K, V>>
        code = frozenset(w for b in doc.blocks if b.verbatim for w in _CODE_NAME.findall(b.text))
        own |= code
        known = self._name_words | own if own else self._name_words
        for b in doc.blocks:
            if b.role not in (BODY, TITLE, FOOTNOTE, NOTE):
                continue
            self._block(b, known)
        if "unbalanced-quote" in self.options.disable:
            return
        for art in sorted({b.article for b in body}):
            titles = [b for b in body if b.article == art and b.role == TITLE]
            paras = [b for b in body if b.article == art and b.role == BODY]
            runs = [unbalanced_quote(b.text) for b in titles] + quotation_runs([b.text for b in paras])
            for b, pos in zip(titles + paras, runs):
                if pos is not None:
                    b.flag("unbalanced-quote", pos, b.text[pos], "a quote is opened and never closed (or closed and never opened)",
                           stage=self.name, rule="qa/unbalanced-quote")

    def _block(self, b: Block, names: frozenset[str]) -> None:
        t = b.text
        off = self.options.disable
        for start, s in masked(t) if "masked-text" not in off else ():
            b.flag("masked-text", start, s, "masked characters that no glossary rule resolves", stage=self.name, rule="qa/masked-text")
        for rid, rx, gate in censor_patterns() if "censored-name" not in off else ():
            for m in rx.finditer(t) if gate(t) else ():
                b.flag("censored-name", m.start(), m.group(), "a placeholder where a name was censored", stage=self.name,
                       rule=f"qa/censored-name/{rid}")
        if "replacement-char" not in off and "\ufffd" in t:
            for m in _REPLACEMENT.finditer(t):
                b.flag("replacement-char", m.start(), m.group(), "U+FFFD: characters lost in decoding before this text was scraped",
                       stage=self.name, rule="qa/replacement-char")
        if b.role not in (BODY, TITLE) or (HAN_RE.search(t) and b.lang == "zh") or looks_like_code(t):
            return
        for start, w in casing(t, names, self.options.casing_min_zipf) if "casing" not in off else ():
            b.flag("casing", start, w, f"{w!r} is capitalized mid-sentence", stage=self.name, rule="qa/casing")
        for start, w in doubled(t) if "doubled-word" not in off else ():
            b.flag("doubled-word", start, w, f"doubled word: {w!r}", stage=self.name, rule="qa/doubled-word")

