"""The managed glossary: YAML term lists, loaded with positions, compiled into one automaton.

See ``docs/glossary.md`` for the file format. :class:`Glossary` is what stages
use: :meth:`Glossary.find` returns the repairs a text needs (longest match
first, word-boundary aware, honouring ``before``/``after``/``case_sensitive``
and ``when``/``unless``, never inside a protected name or another entry's
preferred or accepted form); :meth:`Glossary.entries_for` is the indexed
``zh`` lookup term QA uses, and :meth:`Glossary.present` says whether any
accepted form of an entry is in an English text (plural, possessive and
capitalized forms count).

Compiled glossaries are cached as JSON (data only: nothing in a cache folder can
run code) under a name and a ``digest`` field that are the SHA-256 of the files.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
from .entry import (
    _APOS,
    ACTIONS,
    CONDITION_KEYS,
    ENTRY_KEYS,
    EXAMPLE_KEYS,
    FILE_KEYS,
    KINDS,
    VARIANT_KEYS,
    Condition,
    Entry,
    Example,
    Repair,
    Variant,
    _bounded,
    norm_key,
    rule_name,
)
from .forms import en_key, form_present

__all__ = [
    "ACTIONS", "CONDITION_KEYS", "ENTRY_KEYS", "EXAMPLE_KEYS", "FILE_KEYS", "KINDS", "VARIANT_KEYS", "Condition",
    "Entry", "Example", "Glossary", "Repair", "Variant", "default_glossary_paths", "glossary_files", "match_case",
    "norm_key", "rule_name",
]

_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())


def _title_case(text: str) -> str:
    words = text.split(" ")
    return " ".join(w if (i and w in _SMALL_WORDS) or not w[:1].islower() else w[:1].upper() + w[1:]
                    for i, w in enumerate(words))


def match_case(preferred: str, kind: str, sentence_start: bool, found: str = "") -> str:
    """The preferred form, capitalized where a sentence starts.

    The case of the text found says little (MT capitalizes words it took for
    names, "Qian Fan's competition"); the position says whether a capital is due.
    Names (person, org, place) and acronyms are written as the glossary has them.

    >>> match_case("new quality productive forces", "term", True)
    'New quality productive forces'
    >>> match_case("the race of a thousand sails", "idiom", False)
    'the race of a thousand sails'
    >>> match_case("Green and Beautiful Shaoguan", "place", False)
    'Green and Beautiful Shaoguan'
    >>> match_case("industry and information technology", "term", False, "Industrial Letter")
    'Industry and Information Technology'
    """
    if kind in ("person", "org", "place") or not preferred:
        return preferred
    words = [w for w in found.split() if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and not found.isupper():
        return _title_case(preferred)  # in a title-cased name: "Bureau of Industrial Letter"
    if sentence_start and preferred[0].islower():
        return preferred[0].upper() + preferred[1:]
    return preferred


_SENTENCE_START = re.compile(r"(?:^|[.!?。！？]['\"’”)]*\s+|[:;]\s+[\"“‘']|^[\"“‘'])$")


class Glossary:
    """All loaded entries and the automata built from them."""

    def __init__(self, entries: list[Entry], digest: str, files: list[str]) -> None:
        self.entries = entries
        self.digest = digest
        self.files = files
        self._auto: Any = None
        self._protect: Any = None
        self._zh: dict[str, Any] = {}
        self._names: set[str] | None = None
        self._by_zh: dict[str, list[Entry]] | None = None
        self._by_en: dict[str, list[Entry]] | None = None
        #: ``before``/``after`` searches abandoned for taking too long (see :mod:`.safe_regex`).
        self.timeouts = 0

    # -- loading -------------------------------------------------------------
    @classmethod
    def load(cls, paths: Iterable[str | Path], *, cache: bool = True) -> Glossary:
        """Load glossary files and folders; a file with errors raises :class:`GlossaryError`."""
        from .loader import load_files

        files = glossary_files(paths)
        h = hashlib.sha256()
        blobs: list[tuple[str, str, bytes]] = []
        for root, f in files:
            try:
                data = Path(f).read_bytes()
            except OSError as exc:
                raise GlossaryError(f"cannot read glossary: {exc.strerror}", path=str(f)) from None
            h.update(str(rule_name(root, f)).encode() + b"\0" + data)
            blobs.append((root, str(f), data))
        digest = "sha256:" + h.hexdigest()
        cached = _cache_path(digest) if cache else None
        if cached is not None:
            from .cache import read_cache

            entries = read_cache(cached, digest)
            if entries is not None:
                return cls(entries, digest, [b[1] for b in blobs])
        entries, issues = load_files(blobs)
        errors = [i for i in issues if i.severity == "error"]
        if errors:
            first = errors[0]
            more = f" (and {len(errors) - 1} more; run 'toolkit glossary lint')" if len(errors) > 1 else ""
            raise GlossaryError(f"{first.format()}{more}")
        if cached is not None:
            from .cache import write_cache

            write_cache(cached, digest, entries)
        return cls(entries, digest, [b[1] for b in blobs])

    # -- automata ------------------------------------------------------------
    def _build(self) -> None:
        import ahocorasick

        auto = ahocorasick.Automaton()
        protect = ahocorasick.Automaton()
        for ei, e in enumerate(self.entries):
            for vi, v in enumerate(e.variants):
                key = norm_key(v.text)
                hits = auto.get(key, None)
                if hits is None:
                    auto.add_word(key, [(ei, vi)])
                else:
                    hits.append((ei, vi))
            for form in e.forms:
                k = norm_key(form)
                if k and protect.get(k, None) is None:
                    protect.add_word(k, len(k))
        for a in (auto, protect):
            if len(a):
                a.make_automaton()
        self._auto, self._protect = auto, protect

    def _ready(self) -> None:
        if self._auto is None:
            self._build()

    def protected_spans(self, text: str, key: str | None = None) -> list[tuple[int, int]]:
        """Where preferred English forms (protected names) occur, word-bounded."""
        self._ready()
        if not len(self._protect):
            return []
        key = key if key is not None else norm_key(text)
        spans = []
        for end, length in self._protect.iter(key):
            s, e = end - length + 1, end + 1
            if _bounded(text, s, e):
                spans.append((s, e))
        return spans

    def zh_spans(self, text: str, convert: Any = None, key: str = "all") -> list[tuple[int, int]]:
        """Spans of glossary ``zh`` terms to protect from a script conversion (longest first).

        Only terms the conversion would change need protecting, so with ``convert`` (a
        ``str -> str`` function, e.g. OpenCC's) the automaton holds just those: a large,
        ordinary Simplified glossary costs nothing here.
        """
        import ahocorasick

        auto = self._zh.get(key)
        if auto is None:
            auto = ahocorasick.Automaton()
            for e in self.entries:
                if e.zh and (convert is None or convert(e.zh) != e.zh) and auto.get(e.zh, None) is None:
                    auto.add_word(e.zh, len(e.zh))
            if len(auto):
                auto.make_automaton()
            self._zh[key] = auto
        if not len(auto):
            return []
        return [(end - length + 1, end + 1) for end, length in auto.iter_long(text)]

    def find(self, text: str, domain: str | None = None) -> list[Repair]:
        """The repairs ``text`` needs, non-overlapping, longest match first.

        ``domain`` (the document's, when known) is what ``when: {domain: ...}`` tests.
        """
        self._ready()
        if not len(self._auto):
            return []
        key = norm_key(text)
        cands: list[tuple[int, int, int, int]] = []
        for end, hits in self._auto.iter(key):
            for ei, vi in hits:
                v = self.entries[ei].variants[vi]
                s = end - len(v.text) + 1
                cands.append((s, end + 1, ei, vi))
        if not cands:
            return []
        protected = self.protected_spans(text, key)
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        taken: list[tuple[int, int]] = []
        out: list[Repair] = []
        for s, e, ei, vi in cands:
            entry = self.entries[ei]
            v = entry.variants[vi]
            found = text[s:e]
            if (v.case_sensitive or entry.case_sensitive) and found.translate(_APOS) != v.text.translate(_APOS):
                continue
            if not _bounded(text, s, e, v.text):
                continue
            if any(ps <= s and e <= pe and (ps, pe) != (s, e) for ps, pe in protected):
                continue  # inside a protected name or another entry's preferred form
            if any(not (e <= ts or s >= te) for ts, te in taken):
                continue
            if not self._context_ok(v.before_re, text[max(0, s - 200) : s]):
                continue
            if not self._context_ok(v.after_re, text[e : e + 200]):
                continue
            if (entry.when is not None or entry.unless is not None) and not entry.applies(
                    text[max(0, s - 200) : e + 200], domain):
                continue
            taken.append((s, e))
            start = bool(_SENTENCE_START.search(text[max(0, s - 4) : s]))
            out.append(Repair(s, e, match_case(entry.en, entry.kind, start, found), entry, v))
        out.sort(key=lambda r: r.start)
        return out

    def _context_ok(self, rx: Any, text: str) -> bool:
        if rx is None:
            return True
        from .safe_regex import search

        found = search(rx, text)
        if found is None:
            self.timeouts += 1
            return False
        return found

    # -- lookups -------------------------------------------------------------
    def _index(self) -> None:
        by_zh: dict[str, list[Entry]] = {}
        by_en: dict[str, list[Entry]] = {}
        for e in self.entries:
            by_zh.setdefault(e.zh, []).append(e)
            for t in [*e.forms, *(v.text for v in e.variants)]:
                lst = by_en.setdefault(norm_key(t), [])
                if not lst or lst[-1] is not e:
                    lst.append(e)
        self._by_zh, self._by_en = by_zh, by_en

    def entries_for(self, zh: str) -> list[Entry]:
        """Entries whose ``zh`` is exactly ``zh`` (a dict lookup: no scan over entries)."""
        if self._by_zh is None:
            self._index()
        assert self._by_zh is not None
        return self._by_zh.get(zh, [])

    def lookup(self, term: str) -> list[Entry]:
        """Entries whose zh, en, an accepted form or a variant equals ``term`` (case-insensitive for English)."""
        if self._by_zh is None:
            self._index()
        assert self._by_zh is not None and self._by_en is not None
        out = list(self._by_zh.get(term, []))
        out += [e for e in self._by_en.get(norm_key(term), []) if e not in out]
        return out

    @staticmethod
    def present(entry: Entry, en: str, key: str | None = None) -> str | None:
        """The accepted form of ``entry`` found in ``en`` (plural, possessive, capitalized count), or None.

        ``key`` is ``forms.en_key(en)`` when the caller checks many entries against one text.
        """
        key = key if key is not None else en_key(en)
        for form in entry.forms:
            if form_present(form, en, key):
                return form
        return None

    def names(self) -> set[str]:
        """Preferred and accepted forms of names and terms: never split, never rewritten (computed once)."""
        if self._names is None:
            self._names = {f for e in self.entries for f in e.forms if f}
        return self._names


def glossary_files(paths: Iterable[str | Path]) -> list[tuple[str, Path]]:
    """``(root, file)`` for every ``.yaml``/``.yml`` under ``paths``, sorted."""
    out: list[tuple[str, Path]] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.suffix in (".yaml", ".yml") and f.is_file() and not any(part.startswith(".") for part in f.parts):
                    out.append((str(path), f))
        elif path.is_file():
            out.append((str(path), path))
        else:
            raise GlossaryError("no such glossary file or folder", path=str(path))
    return out


def _cache_path(digest: str) -> Path | None:
    from ..recache import cache_dir
    from .cache import CACHE_FORMAT

    return cache_dir() / f"glossary-v{CACHE_FORMAT}-{digest.split(':')[1]}.json"


def default_glossary_paths() -> list[Path]:
    """Where the shipped glossaries are: ``./glossaries``, else the installed package's
    (``toolkit/data/glossaries``: package data in a wheel, a link to the checkout's
    ``glossaries/`` in a source tree), else the source checkout's."""
    here = Path("glossaries")
    if here.is_dir():
        return [here]
    from importlib import resources

    shipped = Path(str(resources.files("toolkit").joinpath("data/glossaries")))
    if shipped.is_dir():
        return [shipped]
    repo = Path(__file__).resolve().parents[2] / "glossaries"
    if repo.is_dir():
        return [repo]
    return []
