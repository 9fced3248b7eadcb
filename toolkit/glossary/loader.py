"""Read glossary YAML into entries, collecting lint issues with ``PATH:LINE:COL``.

The same code serves ``toolkit glossary lint`` (all issues) and loading for the
pipeline (errors are fatal there). Error codes:

======  ==========================================================
G001    YAML syntax error
G002    a required field is missing (``pair``, ``entries``, ``zh``, ``en``)
G003    unknown key (with a did-you-mean)
G004    the same variant in two entries with different preferred forms
G005    a cycle: a variant of one entry is the preferred form of another, and back
G006    a variant occurs inside its own preferred form (repair would re-fire)
G007    invalid ``before``/``after`` regex
G008    ``before``/``after`` regex that can backtrack catastrophically
G009    empty or whitespace-padded string
G010    ``zh`` has no Chinese characters
G011    a value of the wrong type or not one of the allowed values
W101    the same ``zh`` term twice (warning)
W102    a variant that is one common English word with no context rule (warning: it fires everywhere)
======  ==========================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .. import yamlio
from ..chars import HAN_RE
from ..errors import did_you_mean
from . import ACTIONS, ENTRY_KEYS, FILE_KEYS, KINDS, VARIANT_KEYS, Entry, Variant, norm_key, rule_name

# A quantified group that itself contains a quantifier: (a+)+, (\w+\s?)*, (x|y+){2,}.
_NESTED_QUANT = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\})")
# Alternatives that can match the same text under a quantifier: (a|a)*, (\w|\d)+.
_OVERLAP_ALT = re.compile(r"\((?:\\w|\.|\\S)\|(?:\\w|\\d|\.|[a-z])\)[+*]")


@dataclass(slots=True)
class Issue:
    path: str
    line: int
    col: int
    code: str
    message: str
    severity: str = "error"

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "col": self.col, "code": self.code, "message": self.message,
                "severity": self.severity}


def _inside_words(needle: str, hay: str) -> bool:
    """Does ``needle`` occur in ``hay`` as whole words? (No regex: this runs once per variant.)

    >>> _inside_words("productive forces", "new quality productive forces"), _inside_words("qin", "hengqin")
    (True, False)
    """
    start = hay.find(needle)
    while start >= 0:
        end = start + len(needle)
        before_ok = start == 0 or not hay[start - 1].isalnum() or not needle[:1].isalnum()
        after_ok = end == len(hay) or not hay[end].isalnum() or not needle[-1:].isalnum()
        if before_ok and after_ok:
            return True
        start = hay.find(needle, start + 1)
    return False


def _common_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= 4.0


def redos_risk(pattern: str) -> bool:
    """A regex shape known to backtrack catastrophically.

    >>> redos_risk(r"(a+)+$"), redos_risk(r"^\\s+(said|told)"), redos_risk(r"(\\w+\\s?)*x")
    (True, False, True)
    """
    return bool(_NESTED_QUANT.search(pattern) or _OVERLAP_ALT.search(pattern))


def _pos(m: Any, key: str, default: tuple[int, int]) -> tuple[int, int]:
    """Line and column of ``m[key]`` when ``m`` came from YAML with positions."""
    return m.value_pos.get(key, default) if isinstance(m, yamlio.LMap) else default


class _Reader:
    def __init__(self, path: str, rule_file: str) -> None:
        self.path = path
        self.rule_file = rule_file
        self.issues: list[Issue] = []

    def issue(self, pos: tuple[int, int], code: str, message: str, severity: str = "error") -> None:
        self.issues.append(Issue(self.path, pos[0], pos[1], code, message, severity))

    def string(self, m: Any, key: str, what: str, required: bool = True) -> str | None:
        pos = m.value_pos.get(key, m.pos) if isinstance(m, yamlio.LMap) else (1, 1)
        if key not in m:
            if required:
                self.issue(m.pos if isinstance(m, yamlio.LMap) else (1, 1), "G002", f"{what} has no '{key}'")
            return None
        v = m[key]
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            v = str(v)
        if not isinstance(v, str):
            self.issue(pos, "G011", f"'{key}' must be a string, not {type(v).__name__}")
            return None
        if not v.strip():
            self.issue(pos, "G009", f"'{key}' is empty")
            return None
        if v != v.strip():
            self.issue(pos, "G009", f"'{key}' has leading or trailing spaces: {v!r}")
            return v.strip()
        return v

    def regex(self, m: Any, key: str) -> re.Pattern[str] | None:
        if key not in m:
            return None
        pos = m.value_pos.get(key, m.pos)
        v = m[key]
        if not isinstance(v, str) or not v:
            self.issue(pos, "G011", f"'{key}' must be a non-empty regex string")
            return None
        try:
            rx = re.compile(v)
        except re.error as exc:
            self.issue(pos, "G007", f"invalid '{key}' regex {v!r}: {exc}")
            return None
        if redos_risk(v):
            self.issue(pos, "G008", f"'{key}' regex {v!r} nests quantifiers and can backtrack catastrophically")
            return None
        return rx

    def check_keys(self, m: Any, allowed: tuple[str, ...], what: str) -> None:
        if not isinstance(m, yamlio.LMap):
            return
        for k in m:
            if k not in allowed:
                self.issue(m.key_pos[k], "G003", f"unknown key {k!r} in {what}{did_you_mean(str(k), allowed)}")

    def variant(self, raw: Any, pos: tuple[int, int], entry_cs: bool) -> Variant | None:
        if isinstance(raw, str):
            if not raw.strip():
                self.issue(pos, "G009", "variant is empty")
                return None
            if raw != raw.strip():
                self.issue(pos, "G009", f"variant has leading or trailing spaces: {raw!r}")
            return Variant(raw.strip(), case_sensitive=entry_cs, line=pos[0], col=pos[1])
        if isinstance(raw, dict):
            self.check_keys(raw, VARIANT_KEYS, "a variant")
            text = self.string(raw, "text", "variant")
            if text is None:
                return None
            cs = raw.get("case_sensitive", entry_cs)
            if not isinstance(cs, bool):
                self.issue(_pos(raw, "case_sensitive", pos), "G011", "'case_sensitive' must be true or false")
                cs = entry_cs
            v = Variant(text, raw.get("before"), raw.get("after"), cs, pos[0], pos[1])
            v.before_re = self.regex(raw, "before")
            v.after_re = self.regex(raw, "after")
            if ("before" in raw and v.before_re is None) or ("after" in raw and v.after_re is None):
                return None
            return v
        self.issue(pos, "G011", "a variant is a string or a mapping with 'text' (and optional before/after/case_sensitive)")
        return None

    def entry(self, raw: Any, pos: tuple[int, int]) -> Entry | None:
        if not isinstance(raw, dict):
            self.issue(pos, "G011", "an entry is a mapping with 'zh' and 'en'")
            return None
        self.check_keys(raw, ENTRY_KEYS, "an entry")
        zh = self.string(raw, "zh", "entry")
        en = self.string(raw, "en", "entry")
        if zh is not None and not HAN_RE.search(zh):
            self.issue(_pos(raw, "zh", pos), "G010", f"'zh' has no Chinese characters: {zh!r}")
        kind = raw.get("kind", "term")
        if kind not in KINDS:
            self.issue(_pos(raw, "kind", pos), "G011", f"kind {kind!r} is not one of {', '.join(KINDS)}")
            kind = "term"
        action = raw.get("action", "replace")
        if action not in ACTIONS:
            self.issue(_pos(raw, "action", pos), "G011", f"action {action!r} is not one of {', '.join(ACTIONS)}")
            action = "replace"
        cs = raw.get("case_sensitive", False)
        if not isinstance(cs, bool):
            self.issue(_pos(raw, "case_sensitive", pos), "G011", "'case_sensitive' must be true or false")
            cs = False
        note = raw.get("note", "")
        if not isinstance(note, str):
            self.issue(_pos(raw, "note", pos), "G011", "'note' must be a string")
            note = ""
        sources = raw.get("sources", [])
        if isinstance(sources, str):
            sources = [sources]
        if not isinstance(sources, list):
            self.issue(_pos(raw, "sources", pos), "G011", "'sources' must be a list of strings")
            sources = []
        variants: list[Variant] = []
        vraw = raw.get("variants", [])
        if vraw is None:
            vraw = []
        if isinstance(vraw, str):
            vraw = [vraw]
        if not isinstance(vraw, list):
            self.issue(_pos(raw, "variants", pos), "G011", "'variants' must be a list")
            vraw = []
        for i, v in enumerate(vraw):
            vpos = vraw.item_pos[i] if isinstance(vraw, yamlio.LList) else pos
            var = self.variant(v, vpos, cs)
            if var is not None:
                variants.append(var)
        if zh is None or en is None:
            return None
        for v in variants:
            if not (v.before or v.after) and re.fullmatch(r"[A-Za-z]+", v.text) and _common_word(v.text):
                self.issue((v.line, v.col), "W102",
                           f"variant {v.text!r} is a common English word with no before/after rule: it will fire everywhere",
                           "warning")
            if _inside_words(norm_key(v.text), norm_key(en)) and norm_key(v.text) != norm_key(en):
                self.issue((v.line, v.col), "G006",
                           f"variant {v.text!r} occurs inside its own preferred form {en!r}: repair would fire again on repaired text")
            elif norm_key(v.text) == norm_key(en):
                self.issue((v.line, v.col), "G006", f"variant {v.text!r} is the preferred form itself")
        return Entry(zh, en, self.rule_file, pos[0], kind, action, variants, note, [str(s) for s in sources], cs)


def read_file(root: str, path: str, data: bytes) -> tuple[list[Entry], list[Issue]]:
    """Entries and issues of one glossary file."""
    rf = rule_name(root, path)
    r = _Reader(path, rf)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        r.issue((1, 1), "G001", f"not UTF-8 text (byte {exc.start})")
        return [], r.issues
    try:
        doc = yamlio.load(text, path)
    except yamlio.YamlSyntaxError as exc:
        r.issue((exc.line or 1, exc.column or 1), "G001", exc.message)
        return [], r.issues
    if doc is None:
        r.issue((1, 1), "G002", "empty glossary file: needs 'pair' and 'entries'")
        return [], r.issues
    if not isinstance(doc, yamlio.LMap):
        r.issue((1, 1), "G011", "a glossary file is a mapping with 'pair' and 'entries'")
        return [], r.issues
    r.check_keys(doc, FILE_KEYS, "the file")
    pair = r.string(doc, "pair", "the file")
    if pair is not None and pair != "zh-en":
        r.issue(doc.value_pos["pair"], "G011", f"pair {pair!r} is not supported; use 'zh-en'")
    entries_raw = doc.get("entries")
    if entries_raw is None:
        r.issue(doc.pos, "G002", "the file has no 'entries'")
        return [], r.issues
    if not isinstance(entries_raw, yamlio.LList):
        r.issue(doc.value_pos.get("entries", doc.pos), "G011", "'entries' must be a list")
        return [], r.issues
    entries = []
    for i, raw in enumerate(entries_raw):
        e = r.entry(raw, entries_raw.item_pos[i])
        if e is not None:
            entries.append(e)
    return entries, r.issues


def cross_checks(entries: list[Entry], paths: dict[str, str]) -> list[Issue]:
    """Checks across entries (and files): conflicting variants, cycles, duplicate terms."""
    issues: list[Issue] = []
    by_variant: dict[tuple[str, str, str], Entry] = {}
    preferred: dict[str, Entry] = {}
    seen_zh: dict[str, Entry] = {}
    for e in entries:
        preferred.setdefault(norm_key(e.en), e)
        if e.zh in seen_zh and norm_key(seen_zh[e.zh].en) == norm_key(e.en) and seen_zh[e.zh] is not e:
            first = seen_zh[e.zh]
            issues.append(Issue(paths[e.file], e.line, 1, "W101", f"zh {e.zh!r} is already an entry at {paths[first.file]}:{first.line}", "warning"))
        seen_zh.setdefault(e.zh, e)
    for e in entries:
        for v in e.variants:
            k = (norm_key(v.text), v.before or "", v.after or "")
            other = by_variant.get(k)
            if other is not None and norm_key(other.en) != norm_key(e.en):
                issues.append(Issue(
                    paths[e.file], v.line, v.col, "G004",
                    f"variant {v.text!r} also belongs to {other.zh!r} ({paths[other.file]}:{other.line}) "
                    f"with preferred form {other.en!r}, not {e.en!r}",
                ))
            by_variant.setdefault(k, e)
    for e in entries:
        for v in e.variants:
            if v.before or v.after:
                continue
            other = preferred.get(norm_key(v.text))
            if other is None or other is e:
                continue
            if any(norm_key(ov.text) == norm_key(e.en) and not (ov.before or ov.after) for ov in other.variants):
                issues.append(Issue(
                    paths[e.file], v.line, v.col, "G005",
                    f"cycle: {e.en!r} replaces {v.text!r}, and {paths[other.file]}:{other.line} replaces {e.en!r} with {v.text!r}",
                ))
    return issues


def load_files(blobs: list[tuple[str, str, bytes]]) -> tuple[list[Entry], list[Issue]]:
    """All entries and issues of several files (``(root, path, bytes)``)."""
    entries: list[Entry] = []
    issues: list[Issue] = []
    paths: dict[str, str] = {}
    for root, path, data in blobs:
        es, iss = read_file(root, path, data)
        paths[rule_name(root, path)] = path
        entries.extend(es)
        issues.extend(iss)
    issues.extend(cross_checks(entries, paths))
    issues.sort(key=lambda i: (i.path, i.line, i.col, i.code))
    return entries, issues
