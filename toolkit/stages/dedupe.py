"""``dedupe``: truncated teasers and near-duplicate paragraphs.

Character n-grams work for English and Chinese alike where word hashing fails
on unsegmented Chinese. A paragraph whose n-grams are (nearly) all inside
another paragraph nearby is a teaser or a duplicate; the fuller copy stays
(on a tie, the later one: summaries and teasers come first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import BODY, Block, Document
from ..stage import Stage, register

_NORM = re.compile(r"[\W_]+", re.UNICODE)


def shingles(text: str, n: int = 5) -> set[str]:
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

    def run(self, doc: Document) -> None:
        o = self.options
        body = [b for b in doc.blocks if b.role == BODY and b.kind != "boilerplate" and len(b.text) >= o.min_chars]
        grams = [shingles(b.text) for b in body]
        # A dozen n-grams per paragraph reject most pairs before a full set intersection.
        samples = [sorted(g)[:: max(1, len(g) // 12)] for g in grams]
        gone: set[int] = set()
        for i in range(len(body)):
            if i in gone:
                continue
            for j in range(i + 1, min(len(body), i + 1 + o.window)):
                if j in gone or i in gone:
                    continue
                a, b = grams[i], grams[j]
                if not a or not b:
                    continue
                small, big = (a, b) if len(a) <= len(b) else (b, a)
                if len(small) < o.min_size_ratio * len(big):
                    continue
                # The sampled n-grams estimate the containment: reject only pairs whose estimate is
                # far below the threshold (the margin absorbs the sampling error), never above it.
                sample = samples[i] if small is a else samples[j]
                if sum(1 for g in sample if g in big) < 0.75 * o.threshold * len(sample):
                    continue
                if containment(small, big) < o.threshold:
                    continue
                drop = i if len(body[i].text) <= len(body[j].text) else j
                self._drop(doc, body[drop], body[j if drop == i else i])
                gone.add(drop)

    def _drop(self, doc: Document, b: Block, kept: Block) -> None:
        doc.remove(b, "duplicate", "dedupe/near-duplicate", self.name, keep=self.options.keep)
