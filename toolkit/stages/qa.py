"""``qa``: flags a reviewer should see: masks, casing, doubled words, unbalanced quotes, censored names.

Nothing here changes text. Masks (``**``) that a glossary variant resolved are
gone by now; what is left is flagged ``masked-text``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .. import yamlio
from ..chars import HAN_RE
from ..lang import EN_FUNCTION_WORDS
from ..model import BODY, FOOTNOTE, NOTE, TITLE, Block, Document
from ..stage import Stage, register
from .punctuation import zipf

_MASK = re.compile(r"\*{2,}|＊{2,}|×{2,}(?!×)|□{2,}|■{2,}")
_CASING = re.compile(r"(?<![-\w])([a-z]{3,}) ([A-Z][a-z]{2,}) ([a-z]+)")
_DOUBLED = re.compile(r"\b(\w{3,}),? and \1\b|\b(\w{3,}) \2\b")
_DOUBLED_MODIFIERS = frozenset("good better best fast high strong stable steady big great new more key".split())
_NOT_DOUBLED = frozenset({"that", "had", "very", "bye", "ha", "is", "can", "more", "many", "far", "again", "over", "round"})


@lru_cache(maxsize=1)
def censor_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    text = resources.files("toolkit").joinpath("data/censor.yaml").read_text(encoding="utf-8")
    data = yamlio.load(text, "toolkit/data/censor.yaml")
    return tuple((p["id"], re.compile(p["pattern"])) for p in data["patterns"])


def masked(text: str) -> list[tuple[int, str]]:
    """Censor masks left in the text.

    >>> masked("stakeholders such as **, industry and cells**, metaverse; 2 * 3")
    [(21, '**'), (43, '**')]
    """
    return [(m.start(), m.group()) for m in _MASK.finditer(text)]


def casing(text: str, names: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """A common word capitalized mid-sentence after a lowercase word.

    >>> casing("introduced Guangdong's high-quality development Overall situation and the Belt and Road")
    [(48, 'Overall')]
    >>> casing("the actual use of foreign capital Expanded from 138.4 billion yuan; Newly-established Enterprises in")
    [(34, 'Expanded')]
    """
    out = []
    for m in _CASING.finditer(text):
        prev, word, nxt = m.group(1), m.group(2), m.group(3)
        # Title-cased names ("the High-quality Development of the Real Economy") go on with a function
        # word; a capitalized verb form ("foreign capital Expanded from") does not make a name.
        if (nxt in EN_FUNCTION_WORDS and not word.endswith("ed")) or prev in EN_FUNCTION_WORDS or word in names or zipf(word.lower()) < 4.0:
            continue
        out.append((m.start(2), word))
    return out


def doubled(text: str) -> list[tuple[int, str]]:
    """Doubled words (``good and good``, ``the the``).

    >>> doubled("strive to achieve a stable, good and good start in the the end")
    [(28, 'good and good'), (51, 'the the')]
    >>> doubled("exports of aluminum and aluminum products; incentives and incentives, tax")
    [(43, 'incentives and incentives')]
    """
    out = []
    for m in _DOUBLED.finditer(text):
        raw = m.group(1) or m.group(2)
        w = raw.lower()
        if w in _NOT_DOUBLED or w.isdigit() or raw[:1].isupper():  # "Peng Peng" is a name
            continue
        if m.group(1):
            # "aluminum and aluminum products" is English (a material and things made of it); MT's
            # doubling ends the phrase ("incentives and incentives,") or doubles a modifier.
            after = text[m.end() : m.end() + 2]
            if after[:1].isspace() and after[1:2].isalpha() and w not in _DOUBLED_MODIFIERS and not w.endswith("ly"):
                continue
        out.append((m.start(), m.group()))
    return out


def unbalanced_quote(text: str) -> int | None:
    """Offset of a quote opened and never closed, or None.

    >>> unbalanced_quote('"The core elements are scarce. Song said.'), unbalanced_quote('He said "yes" twice.')
    (0, None)
    """
    straight = [m.start() for m in re.finditer('"', text)]
    if len(straight) % 2:
        return straight[-1] if len(straight) > 1 else straight[0]
    depth, last_open = 0, None
    for m in re.finditer("[“”]", text):
        if m.group() == "“":
            depth += 1
            last_open = m.start()
        elif depth:
            depth -= 1
    return last_open if depth else None


@register
class QA(Stage):
    name = "qa"
    requires = ("blocks",)
    provides = ("flags",)
    uses = ("decoded", "paragraphs", "articles")
    uses_glossary = True
    description = "Flag masked text, mid-sentence capitals, doubled words, unbalanced quotes and censored names."
    _name_words: frozenset[str] | None = None

    def run(self, doc: Document) -> None:
        if self._name_words is None:
            self._name_words = frozenset(w for n in self.resources.glossary.names() for w in n.split() if w[:1].isupper())
        names = self._name_words
        for b in doc.blocks:
            if b.role not in (BODY, TITLE, FOOTNOTE, NOTE):
                continue
            self._block(b, names)

    def _block(self, b: Block, names: frozenset[str]) -> None:
        t = b.text
        for start, s in masked(t):
            b.flag("masked-text", start, s, "masked characters that no glossary rule resolves", stage=self.name, rule="qa/masked-text")
        for rid, rx in censor_patterns():
            for m in rx.finditer(t):
                b.flag("censored-name", m.start(), m.group(), "a placeholder where a name was censored", stage=self.name,
                       rule=f"qa/censored-name/{rid}")
        if b.role not in (BODY, TITLE) or (HAN_RE.search(t) and b.lang == "zh"):
            return
        for start, w in casing(t, names):
            b.flag("casing", start, w, f"{w!r} is capitalized mid-sentence", stage=self.name, rule="qa/casing")
        for start, w in doubled(t):
            b.flag("doubled-word", start, w, f"doubled word: {w!r}", stage=self.name, rule="qa/doubled-word")
        pos = unbalanced_quote(t)
        if pos is not None:
            b.flag("unbalanced-quote", pos, t[pos], "a quote is opened and never closed", stage=self.name, rule="qa/unbalanced-quote")
