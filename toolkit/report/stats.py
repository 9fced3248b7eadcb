"""Corpus statistics for the report's summary, and the per-document tags its filters use.

One pass over the records; memory grows with the number of documents only by
each document's id and a few small integers (its tags are numbers into one
shared table).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

#: The summary's charts, in order: key, heading, what is counted, tag prefix the counts link to.
CHARTS: tuple[tuple[str, str, str, str], ...] = (
    ("lang", "Documents by language", "documents", "lang"),
    ("reason", "Removed lines by reason", "lines", "reason"),
    ("removed_rule", "Removed lines by rule", "lines", "rule"),
    ("stage", "Edits by stage", "edits", "stage"),
    ("glossary", "Edits by glossary entry", "edits", "rule"),
    ("edit_rule", "Edits by rule (other stages)", "edits", "rule"),
    ("flag", "Flags by kind", "flags", "flag"),
    ("flag_rule", "Flags by rule", "flags", "rule"),
    ("origin", "Bilingual pairs by origin", "pairs", "origin"),
)

#: Score histogram bins: [0, 0.1), [0.1, 0.2) ... [0.9, 1.0].
SCORE_BINS = 10


def score_bin(score: Any) -> int | None:
    """The histogram bin of a pair score, or None when it has none.

    >>> score_bin(0.91), score_bin(1.0), score_bin(0), score_bin(None)
    (9, 9, 0, None)
    """
    if not isinstance(score, (int, float)):
        return None
    return max(0, min(SCORE_BINS - 1, int(float(score) * SCORE_BINS)))


def bin_label(b: int) -> str:
    """>>> bin_label(9)
    '0.9–1.0'
    """
    return f"{b / SCORE_BINS:.1f}\N{EN DASH}{(b + 1) / SCORE_BINS:.1f}"


@dataclass
class Summary:
    """Counts over a corpus; ``charts[key][label] = [items, documents]``."""

    documents: int = 0
    sources: set[str] = field(default_factory=set)
    paragraphs: int = 0
    removed: int = 0
    edits: int = 0
    flags: int = 0
    pairs: int = 0
    charts: dict[str, dict[str, list[int]]] = field(default_factory=lambda: {c[0]: {} for c in CHARTS})
    scores: list[list[int]] = field(default_factory=lambda: [[0, 0] for _ in range(SCORE_BINS)])
    tags: dict[str, int] = field(default_factory=dict)
    index: list[list[Any]] = field(default_factory=list)
    signatures: Counter[str] = field(default_factory=Counter)

    def _tag(self, name: str) -> int:
        n = self.tags.get(name)
        if n is None:
            n = self.tags[name] = len(self.tags)
        return n

    def add(self, record: dict[str, Any], pairs: list[dict[str, Any]] | None = None) -> None:
        """Count one record (and its pairs); add its line to the document index."""
        self.documents += 1
        self.sources.add(str(record.get("source")))
        if record.get("signature"):
            self.signatures[str(record["signature"])] += 1
        removed = record.get("removed") or []
        edits = record.get("edits") or []
        flags = record.get("flags") or []
        pairs = pairs or []
        self.paragraphs += len(record.get("paragraphs") or [])
        self.removed += len(removed)
        self.edits += len(edits)
        self.flags += len(flags)
        self.pairs += len(pairs)
        local: dict[str, Counter[str]] = {c[0]: Counter() for c in CHARTS}
        local["lang"][str(record.get("lang") or "und")] += 1
        for r in removed:
            local["reason"][str(r.get("reason"))] += 1
            local["removed_rule"][str(r.get("rule"))] += 1
        for e in edits:
            local["stage"][str(e.get("stage"))] += 1
            local["glossary" if e.get("stage") == "terms" else "edit_rule"][str(e.get("rule"))] += 1
        for f in flags:
            local["flag"][str(f.get("kind"))] += 1
            local["flag_rule"][str(f.get("rule"))] += 1
        bins: Counter[int] = Counter()
        for p in pairs:
            local["origin"][str(p.get("origin"))] += 1
            b = score_bin(p.get("score"))
            if b is not None:
                bins[b] += 1
        tags: set[int] = set()
        for key, _title, _unit, prefix in CHARTS:
            chart = self.charts[key]
            for label, n in local[key].items():
                cell = chart.setdefault(label, [0, 0])
                cell[0] += n
                cell[1] += 1
                tags.add(self._tag(f"{prefix}:{label}"))
        for b, n in bins.items():
            self.scores[b][0] += n
            self.scores[b][1] += 1
            tags.add(self._tag(f"score:{bin_label(b)}"))
        self.index.append([str(record.get("id")), str(record.get("lang") or "und"), len(removed), len(edits),
                           len(flags), len(pairs), sorted(tags)])

    def tag_list(self) -> list[str]:
        out = [""] * len(self.tags)
        for name, n in self.tags.items():
            out[n] = name
        return out
