"""The glossary's data: entries, variants, conditions, examples, and the helpers they need.

Everything else in ``toolkit.glossary`` builds on these; this module imports nothing from the
package, so the loader, the cache and the exchange formats can use it without import circles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KINDS = ("term", "person", "org", "place", "title", "idiom")
ACTIONS = ("replace", "suggest", "flag")
ENTRY_KEYS = ("zh", "en", "accept", "variants", "kind", "action", "when", "unless", "note", "sources",
              "case_sensitive", "examples")
VARIANT_KEYS = ("text", "before", "after", "case_sensitive")
CONDITION_KEYS = ("near", "domain")
EXAMPLE_KEYS = ("text", "expect", "keep")
FILE_KEYS = ("pair", "domain", "entries", "description")
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def norm_key(text: str) -> str:
    """The automaton key: lowercased, curly apostrophes straightened (same length, so offsets hold).

    >>> norm_key("Qian Fan\\u2019s")
    "qian fan's"
    """
    if "\u2019" in text or "\u2018" in text or "\u02bc" in text or "`" in text:
        text = text.translate(_APOS)
    return text.lower()


@dataclass(slots=True)
class Variant:
    """A known wrong rendering; ``before``/``after`` are regexes the neighbouring text must match."""

    text: str
    before: str | None = None
    after: str | None = None
    case_sensitive: bool = False
    line: int = 0
    col: int = 0
    before_re: Any = None
    after_re: Any = None


@dataclass(slots=True)
class Condition:
    """Where an entry applies: any of ``near`` (words or phrases, Chinese or English) in the
    neighbourhood, and the document's domain one of ``domain``. An empty part always holds."""

    near: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)

    def holds(self, context: str, domain: str | None) -> bool:
        if self.domain and (domain is None or domain.lower() not in [d.lower() for d in self.domain]):
            return False
        if self.near:
            low = norm_key(context)
            return any(_has_words(low, norm_key(w)) for w in self.near)
        return True

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (("near", self.near), ("domain", self.domain)) if v}


@dataclass(slots=True)
class Example:
    """``text`` must become ``expect`` (a positive example) or, with ``expect`` None, stay as it is."""

    text: str
    expect: str | None = None
    line: int = 0

    def to_yaml(self) -> Any:
        return f"{self.text} -> {self.expect}" if self.expect is not None else {"keep": self.text}


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
    accept: list[str] = field(default_factory=list)
    when: Condition | None = None
    unless: Condition | None = None
    examples: list[Example] = field(default_factory=list)

    @property
    def rule(self) -> str:
        return f"{self.file}:{self.zh}"

    @property
    def forms(self) -> list[str]:
        """Every accepted English form, the preferred one first."""
        return [self.en, *self.accept]

    def applies(self, context: str, domain: str | None = None) -> bool:
        """Do ``when`` and ``unless`` allow this entry in ``context``?"""
        if self.when is not None and not self.when.holds(context, domain):
            return False
        return not (self.unless is not None and (self.unless.near or self.unless.domain)
                    and _unless_holds(self.unless, context, domain))

    def to_dict(self) -> dict[str, Any]:
        """The entry as glossary YAML writes it (defaults left out)."""
        d: dict[str, Any] = {"zh": self.zh, "en": self.en}
        if self.accept:
            d["accept"] = list(self.accept)
        if self.kind != "term":
            d["kind"] = self.kind
        if self.action != "replace":
            d["action"] = self.action
        if self.case_sensitive:
            d["case_sensitive"] = True
        if self.variants:
            d["variants"] = [_variant_dict(v, self.case_sensitive) for v in self.variants]
        if self.when is not None:
            d["when"] = self.when.to_dict()
        if self.unless is not None:
            d["unless"] = self.unless.to_dict()
        if self.note:
            d["note"] = self.note
        if self.sources:
            d["sources"] = list(self.sources)
        if self.examples:
            d["examples"] = [x.to_yaml() for x in self.examples]
        return d


def _variant_dict(v: Variant, entry_cs: bool) -> Any:
    if not (v.before or v.after) and v.case_sensitive == entry_cs:
        return v.text
    d: dict[str, Any] = {"text": v.text}
    if v.before:
        d["before"] = v.before
    if v.after:
        d["after"] = v.after
    if v.case_sensitive != entry_cs:
        d["case_sensitive"] = v.case_sensitive
    return d


def _unless_holds(c: Condition, context: str, domain: str | None) -> bool:
    """``unless`` fires when any of its parts holds (a listed word nearby, or a listed domain)."""
    if c.domain and domain is not None and domain.lower() in [d.lower() for d in c.domain]:
        return True
    low = norm_key(context)
    return any(_has_words(low, norm_key(w)) for w in c.near)


def _alpha_edge(ch: str) -> bool:
    # Chinese has no word boundaries, so only letters and digits below the CJK blocks need one.
    return (ch.isalnum() or ch == "_") and ch < "\u2e80"


def _has_words(hay: str, needle: str) -> bool:
    """``needle`` in ``hay`` at word boundaries where its ends are letters (anywhere, for Chinese).

    >>> _has_words("站在风口上，", "风口上"), _has_words("pigs fly", "pig"), _has_words("a pig flies", "pig")
    (True, False, True)
    """
    if not needle:
        return False
    start = hay.find(needle)
    while start >= 0:
        end = start + len(needle)
        ok_start = not (_alpha_edge(needle[0]) and start > 0 and _alpha_edge(hay[start - 1]))
        ok_end = not (_alpha_edge(needle[-1]) and end < len(hay) and _alpha_edge(hay[end]))
        if ok_start and ok_end:
            return True
        start = hay.find(needle, start + 1)
    return False


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
