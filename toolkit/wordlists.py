"""Word frequencies from wordfreq, served from a data-only cache.

wordfreq answers the stages' questions ("is this a common English word?") exactly, but its first
answer costs about 0.35 s: importing it and langcodes, reading its word list and matching the
language code. The stages ask on almost every real document, so that was most of the time to the
first document. The cache keeps wordfreq's own list (its frequency bands, most frequent first, the
Zipf value of each band computed by wordfreq itself) as plain text, and a band is parsed only when a
question needs it: a stage asking "Zipf at least 2.0?" reads the 96,000 words above that and no
more.

Only a word of ASCII letters is answered from the cache (wordfreq case-folds it and takes it as one
token, so its frequency is its band's); anything else is asked of wordfreq itself.
``tests/test_wordlists.py`` checks every English word in the list, and random strings, against
``wordfreq.zipf_frequency``.

>>> zipf("the") == zipf("The") > 7.0, zipf("qzxqzx"), zipf("the2023") == zipf("the2023")
(True, 0.0, True)
>>> at_least("Economy", 4.0), at_least("zygote", 4.0)
(True, False)
>>> top_n("en", 5)
['the', 'to', 'and', 'of', 'a']
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import datacache

#: Bump when the cache layout changes.
FORMAT = 1
_ASCII_WORD = re.compile(r"[A-Za-z]+")


class _Bands:
    """One language's frequency bands, parsed lazily from the top.

    Each cached line is ``zipf<TAB>word word ...`` (``zipf`` empty for a band with no ASCII word).
    """

    def __init__(self, data: bytes) -> None:
        self._lines = data.split(b"\n")[:-1]  # decoded one band at a time, as they are read
        self._next = 0
        self.zipf: dict[str, float] = {}
        self.order: list[str] = []
        self.floor = float("inf")  # every ASCII word at or above this is in ``zipf``

    def _parse_one(self) -> None:
        z, _, words = self._lines[self._next].decode("utf-8", "replace").partition("\t")
        self._next += 1
        ws = words.split(" ") if words else []
        self.order.extend(ws)
        if z:
            self.zipf.update(dict.fromkeys(ws, float(z)))
            self.floor = float(z)

    def down_to(self, floor: float) -> None:
        """Parse bands until every word with Zipf >= ``floor`` is known."""
        while self._next < len(self._lines) and self.floor > floor:
            self._parse_one()
        if self._next >= len(self._lines):
            self.floor = float("-inf")

    def first(self, n: int) -> list[str]:
        while len(self.order) < n and self._next < len(self._lines):
            self._parse_one()
        return self.order[:n]


def _build(lang: str) -> str:
    import wordfreq
    from wordfreq.numbers import has_digit_sequence

    lines = []
    for band in wordfreq.get_frequency_list(lang, "best"):
        words = [w for w in band if not has_digit_sequence(w)]  # top_n_list leaves these out
        rep = next((w for w in words if _ASCII_WORD.fullmatch(w)), None)
        z = wordfreq.zipf_frequency(rep, lang) if rep is not None and lang == "en" else None
        lines.append(f"{'' if z is None else repr(z)}\t{' '.join(words)}")
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=4)
def _bands(lang: str) -> _Bands:
    key = datacache.source_key("wordfreq", f"data/large_{lang}.msgpack.gz", "__init__.py", "tokens.py")
    path = datacache.path_for(f"wordfreq-{lang}-v{FORMAT}", key)
    return _Bands(datacache.cached_bytes(path, lambda: _build(lang)))


def zipf(word: str, floor: float = 0.0) -> float:
    """wordfreq's English Zipf frequency of ``word``; exact when it is at least ``floor``, and some
    value below ``floor`` otherwise (a caller comparing with thresholds >= ``floor`` loses nothing,
    and the rarer bands are not read)."""
    if _ASCII_WORD.fullmatch(word):
        bands = _bands("en")
        bands.down_to(floor)
        return bands.zipf.get(word.lower(), 0.0)
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def at_least(word: str, threshold: float) -> bool:
    """Whether ``word``'s English Zipf frequency is at least ``threshold``."""
    return zipf(word, threshold) >= threshold


def top_n(lang: str, n: int) -> list[str]:
    """wordfreq's ``top_n_list(lang, n)``: the ``n`` most frequent words, digits sequences left out."""
    return _bands(lang).first(n)


@lru_cache(maxsize=1)
def cased_names() -> frozenset[str]:
    """Words news English capitalizes mid-sentence at least as often as it lowercases them
    (``toolkit/data/cased-names.txt``, built by ``tests/bench/build_cased_names.py``): names that a
    casefolding frequency list counts as common words.

    >>> {"Putin", "Johnson", "Google"} <= cased_names(), "Overall" in cased_names() or "Client" in cased_names()
    (True, False)
    """
    from importlib import resources

    text = resources.files("toolkit").joinpath("data/cased-names.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))
