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
G012    a key given twice in one mapping (YAML keeps only the last)
G013    the same ``zh`` with different ``en`` in two entries (in one file or across files)
G014    a variant that is another entry's preferred or accepted form (its repair undoes that entry)
G015    a malformed example (``"text -> expected"``, ``{keep: text}``, or ``{text, expect}``)
W101    the same ``zh`` term twice (warning)
W102    a variant that is one common English word with no context rule (warning: it fires everywhere)
W103    an unreachable variant: the same text and context as an earlier one, so it never fires (warning)
W104    an entry with no ``examples`` (warning; the shipped glossary has none)
======  ==========================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import regex

from .. import yamlio
from ..chars import HAN_RE
from ..errors import did_you_mean
from .entry import (
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
    Variant,
    norm_key,
    rule_name,
)
from .safe_regex import compile_context, risk


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
    from .. import wordlists

    return wordlists.at_least(word.lower(), 4.0)


_ARROW = " -> "
_EXAMPLE_HELP = "an example is \"text -> expected text\", {keep: text} (must stay unchanged) or {text: ..., expect: ...}"


def _example(x: Any, line: int) -> Example | str:
    """An :class:`Example`, or the message saying why ``x`` is not one.

    >>> _example("key and key tasks -> key tasks", 3)
    Example(text='key and key tasks', expect='key tasks', line=3)
    >>> _example({"keep": "renew quality productivity"}, 4).expect is None
    True
    """
    if isinstance(x, str):
        if x.count(_ARROW) != 1:
            return f"example {x!r} has no single ' -> ': {_EXAMPLE_HELP}"
        text, expect = x.split(_ARROW)
        if not text.strip() or not expect.strip():
            return f"example {x!r} has an empty side"
        return Example(text.strip(), expect.strip(), line)
    if isinstance(x, dict):
        extra = [k for k in x if k not in EXAMPLE_KEYS]
        if extra:
            return f"unknown key {extra[0]!r} in an example{did_you_mean(str(extra[0]), EXAMPLE_KEYS)}"
        if "keep" in x and len(x) == 1 and isinstance(x["keep"], str) and x["keep"].strip():
            return Example(x["keep"].strip(), None, line)
        if set(x) == {"text", "expect"} and all(isinstance(x[k], str) and x[k].strip() for k in x):
            return Example(x["text"].strip(), x["expect"].strip(), line)
    return _EXAMPLE_HELP


def _pos(m: Any, key: str, default: tuple[int, int]) -> tuple[int, int]:
    """Line and column of ``m[key]`` when ``m`` came from YAML with positions."""
    return m.value_pos.get(key, default) if isinstance(m, yamlio.LMap) else default


class _Reader:
    def __init__(self, path: str, rule_file: str) -> None:
        self.path = path
        self.rule_file = rule_file
        self.issues: list[Issue] = []

    def duplicates(self, m: Any) -> None:
        for key, line, col, first, _ in getattr(m, "duplicates", []):
            self.issue((line, col), "G012", f"key {key!r} is given twice in this mapping (also at line {first}); "
                       "YAML keeps only the last: merge the two")

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

    def regex(self, m: Any, key: str) -> Any:
        if key not in m:
            return None
        pos = m.value_pos.get(key, m.pos)
        v = m[key]
        if not isinstance(v, str) or not v:
            self.issue(pos, "G011", f"'{key}' must be a non-empty regex string")
            return None
        try:
            re.compile(v)  # the syntax users know; regex (below) runs it, with a timeout
            rx = compile_context(v)
        except (re.error, regex.error) as exc:
            self.issue(pos, "G007", f"invalid '{key}' regex {v!r}: {exc}")
            return None
        why = risk(v, rx)
        if why:
            self.issue(pos, "G008", f"'{key}' regex {v!r} {why} and can backtrack catastrophically")
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
            self.duplicates(raw)
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
        self.duplicates(raw)
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
        accept = self.strings(raw, "accept", pos)
        when = self.condition(raw, "when", pos)
        unless = self.condition(raw, "unless", pos)
        examples = self.examples(raw, pos)
        if zh is None or en is None:
            return None
        keys = {norm_key(en): "the preferred form"}
        for a in accept:
            if norm_key(a) in keys:
                self.issue(_pos(raw, "accept", pos), "G009", f"accepted form {a!r} repeats {keys[norm_key(a)]}")
            keys.setdefault(norm_key(a), f"the accepted form {a!r}")
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
            elif norm_key(v.text) in keys:
                self.issue((v.line, v.col), "G006",
                           f"variant {v.text!r} is {keys[norm_key(v.text)]} of its own entry: remove it from 'variants'")
        if not examples and "examples" not in raw:
            self.issue(pos, "W104", f"entry {zh!r} has no 'examples' (\"wrong text -> right text\", {{keep: text}}): "
                       "'toolkit glossary test' runs them", "warning")
        return Entry(zh, en, self.rule_file, pos[0], kind, action, variants, note, [str(s) for s in sources], cs,
                     accept, when, unless, examples)

    def strings(self, m: Any, key: str, pos: tuple[int, int]) -> list[str]:
        raw = m.get(key, [])
        if raw is None:
            return []
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
            self.issue(_pos(m, key, pos), "G011", f"'{key}' must be a list of non-empty strings")
            return []
        out = []
        for i, x in enumerate(raw):
            if x != x.strip():
                ipos = raw.item_pos[i] if isinstance(raw, yamlio.LList) else _pos(m, key, pos)
                self.issue(ipos, "G009", f"'{key}' item has leading or trailing spaces: {x!r}")
            out.append(x.strip())
        return out

    def condition(self, m: Any, key: str, pos: tuple[int, int]) -> Condition | None:
        if key not in m:
            return None
        raw = m[key]
        cpos = _pos(m, key, pos)
        if not isinstance(raw, dict):
            self.issue(cpos, "G011", f"'{key}' is a mapping with 'near' (words) and/or 'domain' (document domains)")
            return None
        self.duplicates(raw)
        self.check_keys(raw, CONDITION_KEYS, f"'{key}'")
        c = Condition(self.strings(raw, "near", cpos), self.strings(raw, "domain", cpos))
        if not (c.near or c.domain):
            self.issue(cpos, "G011", f"'{key}' needs 'near' or 'domain'")
            return None
        return c

    def examples(self, m: Any, pos: tuple[int, int]) -> list[Example]:
        raw = m.get("examples", [])
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.issue(_pos(m, "examples", pos), "G015", "'examples' must be a list")
            return []
        out = []
        for i, x in enumerate(raw):
            ipos = raw.item_pos[i] if isinstance(raw, yamlio.LList) else _pos(m, "examples", pos)
            ex = _example(x, ipos[0])
            if isinstance(ex, str):
                self.issue(ipos, "G015", ex)
                continue
            if isinstance(x, dict):
                self.duplicates(x)
            out.append(ex)
        return out


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
    r.duplicates(doc)
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


def _where(paths: dict[str, str], e: Entry) -> str:
    return f"{paths.get(e.file, e.file)}:{e.line}"


def _distinguished(a: Entry, b: Entry) -> bool:
    """Do context conditions keep two entries with one ``zh`` apart?"""
    return (a.when, a.unless) != (b.when, b.unless)


def cross_checks(entries: list[Entry], paths: dict[str, str]) -> list[Issue]:
    """Checks across entries and files: conflicting variants and renderings, cycles, unreachable variants."""
    issues: list[Issue] = []
    by_variant: dict[tuple[str, str, str], tuple[Entry, Variant]] = {}
    accepted: dict[str, Entry] = {}
    seen_zh: dict[str, list[Entry]] = {}
    for e in entries:
        for form in e.forms:
            accepted.setdefault(norm_key(form), e)
        for first in seen_zh.get(e.zh, []):
            if norm_key(first.en) == norm_key(e.en) and first is not e:
                issues.append(Issue(paths[e.file], e.line, 1, "W101", f"zh {e.zh!r} is already an entry at {_where(paths, first)}: merge the two",
                                    "warning"))
                break
            if norm_key(first.en) != norm_key(e.en) and not _distinguished(first, e):
                alt = "" if norm_key(e.en) in map(norm_key, first.forms) else f" add {e.en!r} to its 'accept' list,"
                issues.append(Issue(
                    paths[e.file], e.line, 1, "G013",
                    f"zh {e.zh!r} is rendered {e.en!r} here but {first.en!r} at {_where(paths, first)}: keep one entry"
                    f" (preferred {first.en!r};{alt} and delete this one), or tell them apart with 'when'/'unless'",
                ))
                break
        seen_zh.setdefault(e.zh, []).append(e)
    for e in entries:
        for v in e.variants:
            k = (norm_key(v.text), v.before or "", v.after or "")
            prior = by_variant.get(k)
            if prior is not None:
                other, ov = prior
                if norm_key(other.en) != norm_key(e.en):
                    issues.append(Issue(
                        paths[e.file], v.line, v.col, "G004",
                        f"variant {v.text!r} also belongs to {other.zh!r} ({_where(paths, other)}) "
                        f"with preferred form {other.en!r}, not {e.en!r}: keep it in one entry, or give each a "
                        "'before'/'after' context that tells them apart",
                    ))
                else:
                    issues.append(Issue(
                        paths[e.file], v.line, v.col, "W103",
                        f"variant {v.text!r} repeats {paths.get(other.file, other.file)}:{ov.line} (same text and context), "
                        "so it never fires: delete it", "warning"))
                continue
            by_variant[k] = (e, v)
    # The repair graph: a variant's text -> the entry's preferred form. An edge into another entry's
    # accepted form undoes that entry (G014); a path back to where it started is a cycle (G005).
    # Only unconditional repairs count: a context rule or a condition keeps a variant from firing everywhere.
    repairs = [(e, v) for e in entries if e.action == "replace" and e.when is None
               for v in e.variants if not (v.before or v.after)]
    edges: dict[str, list[tuple[Entry, Variant]]] = {}
    for e, v in repairs:
        edges.setdefault(norm_key(v.text), []).append((e, v))
    for e, v in repairs:
        target = accepted.get(norm_key(v.text))
        if target is None or target is e or target.zh == e.zh:
            continue
        back = _path_back(norm_key(e.en), norm_key(v.text), edges, paths)
        if back:
            issues.append(Issue(
                paths[e.file], v.line, v.col, "G005",
                f"cycle: {e.en!r} replaces {v.text!r}, and {back} replaces {e.en!r} with {v.text!r}: "
                "delete one of the two variants",
            ))
        else:
            form = "preferred" if norm_key(target.en) == norm_key(v.text) else "accepted"
            issues.append(Issue(
                paths[e.file], v.line, v.col, "G014",
                f"variant {v.text!r} is the {form} form of {target.zh!r} ({_where(paths, target)}): repairing it to "
                f"{e.en!r} undoes that entry; delete the variant or give it a 'before'/'after' context",
            ))
    return issues


def _path_back(start: str, goal: str, edges: dict[str, list[tuple[Entry, Variant]]], paths: dict[str, str]) -> str | None:
    """``file:line`` of the repair that leads from ``start`` back to ``goal`` (breadth first), or None."""
    seen = {start}
    frontier = [start]
    while frontier:
        nxt = []
        for node in frontier:
            for e, v in edges.get(node, []):
                target = norm_key(e.en)
                if target == goal:
                    return f"{paths.get(e.file, e.file)}:{v.line}"
                if target not in seen:
                    seen.add(target)
                    nxt.append(target)
        frontier = nxt
    return None


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
