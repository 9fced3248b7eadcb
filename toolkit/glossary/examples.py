"""``examples:`` of an entry, run as tests (``toolkit glossary test``).

A positive example ``"text -> expected"`` must come out as ``expected`` when the
whole glossary repairs ``text`` (for a ``suggest``/``flag`` entry: when its
suggestion is taken), and the entry must be among the ones that fired. A negative
example (``{keep: text}``) must come out unchanged and the entry must not fire. An entry
whose ``when`` names domains is tested in the first of them (its examples show what it
does where it applies).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import Entry, Example, Glossary


def apply_repairs(g: Glossary, text: str, entry: Entry | None = None, domain: str | None = None) -> tuple[str, bool]:
    """``text`` after every ``replace`` repair (and ``entry``'s own, whatever its action); did ``entry`` fire?

    >>> g = Glossary([], "", [])
    >>> apply_repairs(g, "unchanged")
    ('unchanged', False)
    """
    out = text
    fired = False
    for r in reversed(g.find(text, domain)):
        if r.entry is entry:
            fired = True
        if r.entry.action == "replace" or r.entry is entry:
            out = out[: r.start] + r.replacement + out[r.end :]
    return out, fired


@dataclass(slots=True)
class Failure:
    path: str
    entry: Entry
    example: Example
    got: str
    fired: bool

    def format(self) -> str:
        x = self.example
        where = f"{self.path}:{x.line}"
        if x.expect is None:
            why = "changed" if self.got != x.text else "left unchanged, but the entry matched"
            return f"{where}: {self.entry.zh}: negative example {x.text!r} must stay unchanged; {why}: {self.got!r}"
        if self.got == x.expect and not self.fired:
            return f"{where}: {self.entry.zh}: example {x.text!r} came out right, but this entry did not fire"
        return f"{where}: {self.entry.zh}: example {x.text!r} gave {self.got!r}, expected {x.expect!r}"


def run_examples(g: Glossary, paths: dict[str, str] | None = None) -> tuple[int, list[Failure]]:
    """``(number of examples run, failures)`` over every entry of ``g``."""
    paths = paths or {}
    n = 0
    failures: list[Failure] = []
    for e in g.entries:
        for x in e.examples:
            n += 1
            domain = e.when.domain[0] if e.when is not None and e.when.domain else None
            got, fired = apply_repairs(g, x.text, e, domain)
            ok = (got == x.expect and fired) if x.expect is not None else (got == x.text and not fired)
            if not ok:
                failures.append(Failure(paths.get(e.file, e.file), e, x, got, fired))
    return n, failures
