"""The managed glossary: YAML term lists, loaded with positions, compiled into one automaton.

See ``docs/glossary.md`` for the file format. :class:`Glossary` is what stages
use: :meth:`Glossary.find` returns the repairs a text needs (longest match
first, word-boundary aware, honouring ``before``/``after``/``case_sensitive``,
never inside a protected name or another entry's preferred form).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GlossaryError

KINDS = ("term", "person", "org", "place", "title", "idiom")
ACTIONS = ("replace", "suggest", "flag")
ENTRY_KEYS = ("zh", "en", "variants", "kind", "action", "note", "sources", "case_sensitive")
VARIANT_KEYS = ("text", "before", "after", "case_sensitive")
FILE_KEYS = ("pair", "domain", "entries", "description")
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def norm_key(text: str) -> str:
    """The automaton key: lowercased, curly apostrophes straightened (same length, so offsets hold).

    >>> norm_key("Qian Fan\\u2019s")
    "qian fan's"
    """
    return text.translate(_APOS).lower()


@dataclass(slots=True)
class Variant:
    text: str
    before: str | None = None
    after: str | None = None
    case_sensitive: bool = False
    line: int = 0
    col: int = 0
    before_re: re.Pattern[str] | None = None
    after_re: re.Pattern[str] | None = None


@dataclass(slots=True)
class Entry:
    zh: str
    en: str
    file: str
    line: int
    kind: str = "term"
    action: str = "replace"
    variants: list[Variant] = field(default_factory=list)
    note: str = ""
    sources: list[str] = field(default_factory=list)
    case_sensitive: bool = False

    @property
    def rule(self) -> str:
        return f"{self.file}:{self.zh}"


@dataclass(slots=True)
class Repair:
    """One glossary hit: replace (or flag) ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str
    entry: Entry
    variant: Variant


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


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
        if cached and cached.exists():
            try:
                with open(cached, "rb") as fh:
                    entries, auto, protect = pickle.load(fh)
                g = cls(entries, digest, [b[1] for b in blobs])
                g._auto, g._protect = auto, protect
                return g
            except Exception:  # a stale or foreign cache file: rebuild it
                pass
        entries, issues = load_files(blobs)
        errors = [i for i in issues if i.severity == "error"]
        if errors:
            first = errors[0]
            more = f" (and {len(errors) - 1} more; run 'toolkit glossary lint')" if len(errors) > 1 else ""
            raise GlossaryError(f"{first.format()}{more}")
        g = cls(entries, digest, [b[1] for b in blobs])
        if cached:
            g._ready()  # the automata go into the cache too: building them is most of a warm load
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(f".{os.getpid()}.tmp")
                with open(tmp, "wb") as fh:
                    pickle.dump((entries, g._auto, g._protect), fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, cached)
            except (OSError, pickle.PicklingError, TypeError):
                pass
        return g

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
            if e.en:
                k = norm_key(e.en)
                if protect.get(k, None) is None:
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

    def find(self, text: str) -> list[Repair]:
        """The repairs ``text`` needs, non-overlapping, longest match first."""
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
            if v.before_re is not None and not v.before_re.search(text[max(0, s - 200) : s]):
                continue
            if v.after_re is not None and not v.after_re.search(text[e : e + 200]):
                continue
            if any(not (e <= ts or s >= te) for ts, te in taken):
                continue
            taken.append((s, e))
            start = bool(_SENTENCE_START.search(text[max(0, s - 4) : s]))
            out.append(Repair(s, e, match_case(entry.en, entry.kind, start, found), entry, v))
        out.sort(key=lambda r: r.start)
        return out

    # -- lookups -------------------------------------------------------------
    def lookup(self, term: str) -> list[Entry]:
        """Entries whose zh, en or a variant equals ``term`` (case-insensitive for English)."""
        k = norm_key(term)
        return [e for e in self.entries if e.zh == term or norm_key(e.en) == k or any(norm_key(v.text) == k for v in e.variants)]

    def names(self) -> set[str]:
        """Preferred forms of names and terms: never split, never rewritten (computed once)."""
        if self._names is None:
            self._names = {e.en for e in self.entries if e.en}
        return self._names


def _bounded(text: str, s: int, e: int, pattern: str | None = None) -> bool:
    """Word boundaries at both ends (checked only where the pattern's edge is a word character)."""
    first = pattern[0] if pattern else text[s : s + 1]
    last = pattern[-1] if pattern else text[e - 1 : e]
    if _is_word(first) and s > 0 and _is_word(text[s - 1]):
        return False
    return not (_is_word(last) and e < len(text) and _is_word(text[e]))


def rule_name(root: str, f: str | Path) -> str:
    """How an edit names a glossary file: its path under the glossary folder (``zh-en/policy.yaml``)."""
    fp = Path(f)
    rp = Path(root)
    if rp.is_dir():
        try:
            return fp.relative_to(rp).as_posix()
        except ValueError:
            pass
    return f"{fp.parent.name}/{fp.name}" if fp.parent.name else fp.name


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
    base = os.environ.get("TOOLKIT_CACHE") or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "toolkit")
    try:
        from .. import __version__

        return Path(base) / f"glossary-{__version__}-{digest.split(':')[1][:24]}.pkl"
    except Exception:
        return None


def default_glossary_paths() -> list[Path]:
    """Where the shipped glossaries are: ``./glossaries``, else the source checkout's."""
    here = Path("glossaries")
    if here.is_dir():
        return [here]
    repo = Path(__file__).resolve().parents[2] / "glossaries"
    if repo.is_dir():
        return [repo]
    return []
