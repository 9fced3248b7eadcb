"""Literal gates: strings one of which every match of a pattern must contain.

A pattern that begins with a look-behind or ``\\b`` gets no prefix scan from Python's regex
engine: it is tried at every position of the text. When every match must contain one of a few
literal strings, ``str.__contains__`` (a C search) rules most texts out first, and the pattern
runs only on the rest. :func:`required_literals` reads them off the parsed pattern:

>>> sorted(required_literals(r"\\b(?:General Secretary|Comrade)(?: of the)? Supreme Leader\\b"))
[' Supreme Leader']
>>> sorted(required_literals(r"(?<![A-Za-z])(?:XXX|×××)(?![A-Za-z])"))
['XXX', '×××']
>>> required_literals(r"(?i)supreme leader") is None, required_literals(r"\\d+") is None
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Callable

try:  # the parser behind re, public as sre_parse before Python 3.11
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective requirement: the one whose shortest string is longest, then the fewest."""
    if not sets:
        return None
    return max(sets, key=lambda s: (min(map(len, s)), -len(s)))


def _required(seq) -> list[frozenset[str]]:  # type: ignore[no-untyped-def]
    """Requirements of a parsed sequence: each is a set of strings, one of which every match contains."""
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in seq:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is C.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if not add_flags & re.IGNORECASE:
                out.extend(_required(sub))
        elif op in _REPEATS:
            lo, _hi, sub = av
            if lo >= 1:
                out.extend(_required(sub))
        elif op is C.BRANCH:
            per = [_best(_required(b)) for b in av[1]]
            if per and all(per):
                out.append(frozenset().union(*per))  # type: ignore[arg-type]
        elif getattr(C, "ATOMIC_GROUP", None) is not None and op is C.ATOMIC_GROUP:
            out.extend(_required(av))
        # anything else (classes, anchors, look-arounds, back-references) requires no literal
    flush()
    return out


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None when there are none (or
    the pattern ignores case)."""
    parsed = _parser.parse(pattern, flags)
    if (flags | parsed.state.flags) & re.IGNORECASE:
        return None
    return _best(_required(parsed))


def literal_gate(rx: re.Pattern[str]) -> Callable[[str], bool]:
    """A quick test that is False only for texts ``rx`` cannot match anywhere."""
    lits = required_literals(rx.pattern, rx.flags & ~re.UNICODE) if isinstance(rx.pattern, str) else None
    if not lits:
        return lambda text: True
    ordered = tuple(sorted(lits, key=len, reverse=True))
    return lambda text: any(s in text for s in ordered)
