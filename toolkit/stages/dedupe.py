"""``dedupe``: truncated teasers and near-duplicate paragraphs.

Character n-grams work for English and Chinese alike where word hashing fails
on unsegmented Chinese. A paragraph whose n-grams are (nearly) all inside
another paragraph nearby is a teaser or a duplicate; the fuller copy stays
(on a tie, the later one: summaries and teasers come first). A heading is never
the teaser of a paragraph that restates it (a news headline and its lead).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import recache
from ..chars import looks_like_code
from ..model import BODY, Block, Document
from ..stage import Stage, register
from .metadata import is_title_like, take_dateline
from .structure import relist

_NORM = recache.compile(r"[\W_]+", re.UNICODE)


_N = 5  # n-gram length


def _sample(norm: str, k: int = 12, n: int = _N) -> list[str]:
    """``k`` n-grams at evenly spaced positions of a normalized text.

    >>> _sample("abcdefghij", 3, 5)
    ['abcde', 'cdefg', 'efghi']
    """
    last = max(1, len(norm) - n + 1)
    step = max(1, last // k)
    return [norm[p : p + n] for p in range(0, last, step)][:k]


def shingles(text: str, n: int = _N) -> set[str]:
    """Character n-grams of the text with punctuation and spacing removed, lowercased.

    >>> sorted(shingles("A b-c!", 2))
    ['ab', 'bc']
    """
    s = _NORM.sub("", text.lower())
    return {s[i : i + n] for i in range(max(1, len(s) - n + 1))} if s else set()


def containment(small: set[str], big: set[str]) -> float:
    """Share of ``small``'s n-grams found in ``big``.

    >>> containment({"ab", "bc"}, {"ab", "bc", "cd"})
    1.0
    """
    return len(small & big) / len(small) if small else 0.0


_NUMBER = recache.compile(r"\d+(?:[.,]\d+)*")
_DISTINCT_RUN = 10  # consecutive n-grams of the shorter text missing from the longer: ~14 characters


def same_content(short: str, long: str, long_grams: set[str] | None = None) -> bool:
    """Whether ``short``, which shares most of its n-grams with ``long``, says nothing ``long``
    does not: a teaser or a copy. It says something else when it holds a number ``long`` lacks
    ("300 yuan" against "600 yuan"), a name ``long`` lacks (a capitalized word not opening a
    sentence: "the Dairy Committee" against "the Public Health Committee"), a run of about 14
    characters found nowhere in ``long`` (two headings that share a product name: "... equipment
    assembly site:" and "... equipment features and advantages:"), or when its words are spread
    over ``long`` rather than repeating one stretch of it (``compact``). A truncated teaser keeps
    its numbers and names and ends inside ``long``.
    ``long_grams``: ``shingles(long)`` when the caller has it already.

    >>> same_content("GDP grew 5.2% in the first quarter, the bureau said on", "GDP grew 5.2% in the first quarter, the bureau said on Monday.")
    True
    >>> same_content("The fee for elective courses is 300 yuan per person.", "The fee for compulsory and elective courses is 600 yuan per person.")
    False
    >>> same_content("Concrete module production equipment assembly site:", "Concrete module production equipment features and advantages:")
    False
    >>> same_content("The opening of the Dairy Committee in Shanghai.", "The opening of the Public Health Committee in Shanghai.")
    False
    >>> same_content("Talent is the key to rural revitalization.", "Talent is the key factor to establish the connection between poverty alleviation and rural revitalization.")
    False
    >>> same_content("HAPE occurs after a recent ascent to altitudes higher than about 2500 m.", "AMS and HACE occur after a recent ascent to altitudes higher than about 2500 m.")
    False
    >>> same_content("A maximum dose of Cardizem SR of 360 mg should not be exceeded.", "A maximum dose of Cardizem CD of 360 mg once daily should not be exceeded.")
    False
    """
    if not set(_NUMBER.findall(short)) <= set(_NUMBER.findall(long)):
        return False
    words = {w.lower() for w in _WORD.findall(long)}
    missing = _names(short) - words
    last = _WORD.findall(short[-40:])[-1:] if short[-1:].isalpha() else []
    if last and last[0].lower() in missing and any(w.startswith(last[0].lower()) for w in words):
        missing.discard(last[0].lower())  # a truncated teaser's cut last word ("... in Guang")
    if missing:
        return False
    s, grams = _NORM.sub("", short.lower()), long_grams if long_grams is not None else shingles(long)
    run = 0
    for k in range(max(0, len(s) - _N + 1)):
        run = run + 1 if s[k : k + _N] not in grams else 0
        if run >= _DISTINCT_RUN:
            return False
    return compact(s, _NORM.sub("", long.lower()))


_WORD = recache.compile(r"[A-Za-z][A-Za-z'’-]*")
_LABEL = recache.compile(r"^\W*\w+(?:[ \t]+\w+){0,3}[ \t]*[:：]")
_SENTENCE_END = frozenset(".!?:;\"“”")


def _names(text: str) -> set[str]:
    """The capitalized words of ``text`` that do not open a sentence after the first, lowercased: the
    names it carries ("the Dairy Special Committee" -> dairy, special, committee). The paragraph's
    own first word counts: a copy or a teaser opens like the text it repeats, while two entries of a
    list may differ only there ("HAPE occurs after ..." against "AMS and HACE occur after ...").

    >>> sorted(_names("Dairy farmers met the Dairy Committee. Then they left"))
    ['committee', 'dairy']
    >>> sorted(_names("HAPE occurs after a rapid ascent. Then it"))
    ['hape']
    >>> sorted(_names("Core Tip: As a new economic form, the Digital Economy grows"))
    ['digital', 'economy']
    """
    out: set[str] = set()
    label = _LABEL.match(text)  # "Core Tip: ..." against "Abstract: ...": a label, not a name
    for m in _WORD.finditer(text, label.end() if label else 0):
        w = m.group()
        if not w[0].isupper() or len(w) < 2 or (len(w) < 3 and not w.isupper()):
            continue  # two capitals are a name too ("Cardizem SR" against "Cardizem CD")
        before = text[: m.start()].rstrip()
        if before and before[-1] in _SENTENCE_END:
            continue  # a sentence's first word
        out.add(w.lower())
    return out


def compact(short: str, long: str, share: float = 0.75) -> bool:
    """Whether ``share`` of the n-grams of ``short`` (normalized) lie together in ``long``, in a
    stretch not much longer than ``short``: a copy or a teaser repeats a run of the longer text; a
    short sentence whose words are spread over a longer one ("talent is the key to rural
    revitalization" in "talent is the key factor to establish the connection between poverty
    alleviation and rural revitalization") says something else.

    >>> compact("talentisthekeytoruralrevitalization", "talentisthekeyfactortoestablishtheconnectionbetweenpovertyalleviationandruralrevitalization")
    False
    >>> compact("thebankcutratesonmonday", "lastweekthebankcutinterestratesonmondaysaidthereport")
    True
    """
    grams = [short[k : k + _N] for k in range(max(1, len(short) - _N + 1))]
    width = len(short) + len(short) // 2 + _N
    starts: set[int] = set()
    for k, g in enumerate(grams):
        at = long.find(g)
        while at >= 0 and len(starts) < 64:
            starts.add(max(0, at - k))
            at = long.find(g, at + 1)
    need = share * len(grams)
    for st in sorted(starts):
        window = long[max(0, st - _N) : st + width]
        if sum(g in window for g in grams) >= need:
            return True
    return False


def _headline(body: list[Block], k: int) -> bool:
    """A heading, or the document's first line when it reads like one (short, no sentence end):
    where a headline stands when no title was taken (``re-cleaning a rendering keeps its title``)."""
    if body[k].kind == "heading":
        return True
    return k == 0 and body[k].text.rstrip()[-1:] not in ".!?。！？…" and is_title_like(body[k].text)


@register
class Dedupe(Stage):
    name = "dedupe"
    requires = ("blocks",)
    provides = ()
    uses = ("paragraphs", "boilerplate-removed")
    description = "Remove truncated teasers and near-duplicate paragraphs (character n-gram containment), keeping the fuller copy."

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``threshold``: n-gram containment that makes a duplicate (default 0.8). ``window``: how many
        following paragraphs to compare with (default 40). ``min_chars``: shorter paragraphs are
        never duplicates (default 40). ``min_size_ratio``: a paragraph with fewer than this share of
        the other's n-grams is too short to be its teaser (default 0.2). ``keep``: mark instead of
        removing."""

        threshold: float = 0.8
        window: int = 40
        min_chars: int = 40
        min_size_ratio: float = 0.2
        keep: bool = False

    def after_removal(self, doc: Document) -> None:
        relist(doc)

    def run(self, doc: Document) -> None:
        o = self.options
        # List items are the page's own structure (a plan's points, which the paragraphs after them
        # may open with), never teasers. A tutorial repeats its commands on purpose, and the line that
        # introduces each code block ("lox/Parser.java, in forStatement(), replace 1 line:").
        captions = {id(b) for b, nxt in zip(doc.blocks, doc.blocks[1:]) if nxt.verbatim and nxt.role == BODY}
        body = [b for b in doc.blocks
                if b.role == BODY and b.kind not in ("boilerplate", "list_item") and len(b.text) >= o.min_chars
                and not looks_like_code(b.text) and id(b) not in captions]
        if len(body) < 2:
            return
        norms = [_NORM.sub("", b.text.lower()) for b in body]
        samples = [_sample(x) for x in norms]
        grams: dict[int, set[str]] = {}  # full n-gram sets, built only for pairs that pass the prefilter

        def full(k: int) -> set[str]:
            if k not in grams:
                grams[k] = shingles(body[k].text)
            return grams[k]

        gone: set[int] = set()
        for i in range(len(body)):
            if i in gone:
                continue
            for j in range(i + 1, min(len(body), i + 1 + o.window)):
                if j in gone or i in gone:
                    continue
                si, sj = (i, j) if len(norms[i]) <= len(norms[j]) else (j, i)
                small_s, big_s = norms[si], norms[sj]
                if not small_s or len(small_s) < o.min_size_ratio * len(big_s) - _N:
                    continue
                # A dozen n-grams of the shorter text, looked up as substrings of the longer one,
                # estimate the containment; reject only pairs far below the threshold (the margin
                # absorbs the sampling error). The exact test below decides every pair that passes.
                sample = samples[si]
                misses_allowed = len(sample) - 0.75 * o.threshold * len(sample)
                misses = 0
                for g in sample:
                    if g not in big_s:
                        misses += 1
                        if misses > misses_allowed:
                            break
                if misses > misses_allowed:
                    continue
                a, b = full(i), full(j)
                if not a or not b:
                    continue
                small, big = (a, b) if len(a) <= len(b) else (b, a)
                if len(small) < o.min_size_ratio * len(big):
                    continue
                if containment(small, big) < o.threshold:
                    continue
                drop = i if len(body[i].text) <= len(body[j].text) else j
                kept = j if drop == i else i
                # A headline that the article's lead restates is the headline, not a teaser of the
                # lead: a heading goes only as the copy of another heading or of the same words; and
                # a document's first line, read as its headline, and the line under it that restates
                # it in fewer words are a headline and its deck, whichever is longer.
                if norms[drop] != norms[kept] and ((_headline(body, drop) and body[kept].kind != "heading")
                                                   or ({drop, kept} == {0, 1} and _headline(body, 0))):
                    continue
                if not same_content(body[drop].text, body[kept].text, full(kept)):
                    continue
                self._drop(doc, body[drop], body[kept])
                gone.add(drop)
        if any(body[k].opener for k in gone):
            self._reopen(doc, {id(body[k]) for k in gone})

    def _reopen(self, doc: Document, gone: set[int]) -> None:
        """A teaser that opened its story is gone: the paragraph now first reads its dateline, as
        the metadata stage would have ("Teaser." / "BEIJING, March 5 (Xinhua) -- Teaser, in full.")."""
        reopen: set[int] = set()
        for b in doc.blocks:
            if b.opener and id(b) in gone:
                b.opener = False
                reopen.add(b.article)
            elif b.article in reopen and b.role == BODY and b.kind == "paragraph" and id(b) not in gone:
                reopen.discard(b.article)
                b.opener = True
                take_dateline(doc, doc.meta(b.article), b, self.name)

    def _drop(self, doc: Document, b: Block, kept: Block) -> None:
        doc.remove(b, "duplicate", "dedupe/near-duplicate", self.name, keep=self.options.keep)
