"""Account for every input line in the output records (the contract's "nothing lost" guarantee).

Only the records are read, never the pipeline's internal blocks, so a stage that drops a line or
a ``Document.remove`` that writes no record is caught. Each piece of output text is taken back to
the input it came from by undoing its edits (each edit carries its offset and ``before``); a line
is accounted for when it occurs, whitespace-normalized, in one of those original texts: a body
paragraph, the title, a footnote, a note, a removed record, or a line that a join appended. A
line that no piece holds verbatim (footnotes are split into marker and text) is accounted for when
all of its words occur in the record's pieces, counted: a word used up by another line does not
count twice.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

_WORD = re.compile(r"[A-Za-z]+|\d+|[\u4e00-\u9fff]")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def revert(text: str, edits: list[dict[str, Any]]) -> str:
    """The text before ``edits`` (applied in order, each ``start`` an offset before it was made)."""
    for e in reversed(edits):
        s = e["start"]
        if text[s : s + len(e["after"])] != e["after"]:
            raise AssertionError(f"edit {e['rule']} does not point at its text: {e}")
        text = text[:s] + e["before"] + text[s + len(e["after"]) :]
    return text


def originals(recs: list[dict[str, Any]]) -> list[str]:
    """The input-side text of every piece of the records."""
    out: list[str] = []
    for rec in recs:
        by_para: dict[int, list[dict[str, Any]]] = {}
        by_field: dict[tuple[str, int], list[dict[str, Any]]] = {}
        for e in rec["edits"]:
            if e.get("paragraph") is not None:
                by_para.setdefault(e["paragraph"], []).append(e)
            else:
                by_field.setdefault((e.get("field", ""), e.get("index", 0)), []).append(e)
            if e["rule"].startswith("structure/join") and e["after"]:
                out.extend(x for x in e["after"].split("\n") if x.strip())  # the appended line as the input had it
        for i, p in enumerate(rec["paragraphs"]):
            out.append(revert(p["text"], by_para.get(i, [])))
        if rec["title"]:
            out.append(revert(rec["title"], by_field.get(("title", 0), [])))
        for name in ("footnotes", "notes"):
            for i, f in enumerate(rec[name]):
                try:
                    out.append(revert(f["text"], by_field.get((name, i), [])))
                except AssertionError:
                    out.append(f["text"])
                out.append(f.get("marker", "") + f["text"])
        out.extend(r["text"] for r in rec["removed"])
        out.extend(str(v) for v in rec["metadata"].values() if isinstance(v, str))
    return out


def unaccounted_lines(raw: str, recs: list[dict[str, Any]]) -> list[str]:
    """Input lines of ``raw`` (plain text) that no output piece accounts for."""
    pieces = [_norm(x) for x in originals(recs)]
    joined = "\n".join(pieces)
    pool = Counter(w.lower() for x in pieces for w in _WORD.findall(x))
    lines = [(line, _norm(line)) for line in raw.splitlines()]
    lines = [(line, n) for line, n in lines if n and _WORD.search(n)]
    rest = []
    for line, n in lines:  # verbatim lines first: they use up their words
        if n in joined:
            pool.subtract(Counter(w.lower() for w in _WORD.findall(n)))
        else:
            rest.append((line, n))
    missing = []
    for line, n in rest:
        words = Counter(w.lower() for w in _WORD.findall(n))
        if all(pool[w] >= c for w, c in words.items()):
            pool.subtract(words)
            continue
        missing.append(line)
    return missing
