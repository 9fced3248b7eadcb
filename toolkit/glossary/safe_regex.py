"""User-written ``before``/``after`` regexes, compiled and run so that none can hang a run.

Two defences, because either alone leaks:

- :func:`risk` is a structural analysis (a group holding an unbounded quantifier,
  at any depth, itself repeated without bound: ``(a+)+``, ``((a+))+$``,
  ``(\\w+\\s?)*``; alternatives under a quantifier that can match the same text:
  ``(a|a)*``, ``(\\w|\\d)+``) plus a probe that runs the pattern on strings built
  from its own literals under a time budget. Lint reports what it finds (G008).
- :func:`search` runs every pattern with the ``regex`` module's ``timeout``, so a
  pattern the analysis misses costs at most :data:`TIMEOUT` seconds per call and
  counts as "no match" (the repair is not made; the caller can report it).
"""

from __future__ import annotations

from typing import Any

import regex

#: Seconds one search may take before it is abandoned.
TIMEOUT = 0.05
#: Seconds a lint probe may take; longer means catastrophic backtracking.
PROBE_TIMEOUT = 0.05

_QUANT_START = "*+?{"


def compile_context(pattern: str) -> Any:
    """Compile with the ``regex`` module (V0: the syntax of Python's ``re``); raises ``regex.error``.

    >>> compile_context(r"departments? of [^.]*$").search("the departments of ") is not None
    True
    """
    return regex.compile(pattern, regex.V0)


def search(rx: Any, text: str) -> bool | None:
    """Does ``rx`` match somewhere in ``text``? ``None`` when it ran out of time.

    >>> search(compile_context(r"(a|a)*$"), "a" * 40 + "!") is None
    True
    """
    try:
        return rx.search(text, timeout=TIMEOUT) is not None
    except TimeoutError:
        return None


def _quantifier_at(p: str, i: int) -> tuple[bool, int]:
    """``(unbounded, length)`` of a quantifier starting at ``p[i]``, or ``(False, 0)``."""
    if i >= len(p):
        return False, 0
    c = p[i]
    if c in "*+":
        n = 1
    elif c == "?":
        return False, 1
    elif c == "{":
        j = p.find("}", i)
        body = p[i + 1 : j] if j > 0 else ""
        if j < 0 or not body or not all(ch.isdigit() or ch == "," for ch in body):
            return False, 0
        return ("," in body and body.endswith(",")), j - i + 1
    else:
        return False, 0
    if i + 1 < len(p) and p[i + 1] in "?+":  # lazy or possessive modifier
        n += 1
    return True, n


_WIDE = {r"\w", r"\S", r"\D", ".", r"\W", r"\s", r"\d"}


def structural_risk(p: str) -> str | None:
    """Why ``p`` can backtrack catastrophically, or ``None``.

    >>> structural_risk(r"(\\w+\\s?)+$"), structural_risk(r"((a+))+$"), structural_risk(r"(a|a)*$")
    ('nests quantifiers', 'nests quantifiers', 'repeats alternatives that can match the same text')
    >>> structural_risk(r"\\b(?:departments?|bureaus?) of [^.]*$") is None, structural_risk(r"(?:ab)+c") is None
    (True, True)
    """
    # stack of [has_unbounded_quantifier_inside, alternatives]
    stack: list[list[Any]] = [[False, [""]]]
    i = 0
    in_class = False
    while i < len(p):
        c = p[i]
        if c == "\\":
            stack[-1][1][-1] += p[i : i + 2]
            i += 2
            unb, n = _quantifier_at(p, i)
            if unb:
                stack[-1][0] = True
            i += n
            continue
        if in_class:
            if c == "]":
                in_class = False
                unb, n = _quantifier_at(p, i + 1)
                if unb:
                    stack[-1][0] = True
                i += 1 + n
                continue
            stack[-1][1][-1] += c
            i += 1
            continue
        if c == "[":
            in_class = True
            stack[-1][1][-1] += "["
            i += 1
            if i < len(p) and p[i] == "^":
                i += 1
            if i < len(p) and p[i] == "]":
                i += 1
            continue
        if c == "(":
            stack.append([False, [""]])
            i += 1
            if p[i : i + 1] == "?":  # (?:...), (?P<n>...), lookarounds: skip the prefix
                j = i + 1
                while j < len(p) and p[j] not in ":=!)" and not (p[j] == ">" and p[i + 1 : i + 3] == "P<"):
                    j += 1
                i = j + 1 if j < len(p) and p[j] in ":>" else i + 1
            continue
        if c == ")" and len(stack) > 1:
            inner, alts = stack.pop()
            unb, n = _quantifier_at(p, i + 1)
            if unb and inner:
                return "nests quantifiers"
            if unb and len(alts) > 1 and _overlapping(alts):
                return "repeats alternatives that can match the same text"
            if inner or unb:
                stack[-1][0] = True
            stack[-1][1][-1] += "(...)"
            i += 1 + n
            continue
        if c == "|":
            stack[-1][1].append("")
            i += 1
            continue
        unb, n = _quantifier_at(p, i)
        if n:
            if unb:
                stack[-1][0] = True
            i += n
            continue
        stack[-1][1][-1] += c
        i += 1
    return None


def _overlapping(alts: list[str]) -> bool:
    """Can two alternatives start the same way (the same literal, or a class that covers another)?"""
    seen: set[str] = set()
    for a in alts:
        if a in seen:
            return True
        seen.add(a)
    wide = [a for a in alts if a in _WIDE]
    return bool(wide) and any(a != w and (len(a) <= 2) for w in wide for a in alts)


def _probes(p: str) -> list[str]:
    letters = sorted({c for c in p if c.isalnum()} | {"a"})[:6]
    out = []
    for c in letters:
        out += [c * 30 + "!", (c + " ") * 20 + "!", c * 30 + "\n"]
    out += [" " * 40 + "!", "a1" * 20 + "!", "a-" * 20 + "."]
    return out


def probe_risk(rx: Any, pattern: str) -> bool:
    """Does ``rx`` run out of time on a string built from its own characters?"""
    for s in _probes(pattern):
        try:
            rx.search(s, timeout=PROBE_TIMEOUT)
        except TimeoutError:
            return True
    return False


def risk(pattern: str, rx: Any = None) -> str | None:
    r"""Why ``pattern`` can backtrack catastrophically, or None: structural analysis first, then a
    timed probe of the compiled pattern ``rx``.

    >>> [risk(p, compile_context(p)) is not None for p in (r"(a+)+$", r"^\s+(said|told)", r"(\w+\s?)*x", r"((a+))+$")]
    [True, False, True, True]
    """
    why = structural_risk(pattern)
    if why:
        return why
    if rx is not None and probe_risk(rx, pattern):
        return "takes too long on a short probe string"
    return None
