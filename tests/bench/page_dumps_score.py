"""Score ``toolkit clean`` on labelled plain-text page dumps: which lines it keeps, which it drops.

    /work/main/.venv/bin/toolkit clean /tmp/h4/docs -o /tmp/h4/out.jsonl -q
    python tests/bench/page_dumps_score.py --dir /tmp/h4 [--json scores.json]

Reads ``DIR/labels.tsv`` (from ``page_dumps_build.py``) and ``DIR/out.jsonl``; writes
``DIR/fates.tsv`` (doc, line, label, fate, rule, words, text) and prints the score table.

Each dump line's fate comes from the record(s) of its file (``NAME`` and ``NAME#2`` ... when toolkit
splits a file into several articles): ``text`` (a paragraph, matched by its ``line``; the text is
checked against the dump line after normalizing), ``removed`` (with reason and rule), else
``title`` when it is the record's title (normalized), else ``metadata`` (a byline or date line is
taken into ``metadata`` without a ``removed`` entry); ``removed`` with reason ``metadata`` is
also ``metadata``. *Kept* = ``text`` or ``title``. Precision and recall of keeping ``article``
lines, and the share of ``other`` lines not kept, by lines and by words (whitespace words of the
dump line), over all pages pooled and as the median over pages; the baseline keeps everything.
An ``article`` line that toolkit drops as a duplicate of a line it keeps (70% of their word sets
shared, or its text, 5+ words, inside the kept line: a teaser or a quote) passes its label to the kept copy (the labels mark one copy of a repeated line only; nothing is
lost); ``--no-dedupe-adjust`` turns this off. ``recall+meta`` also counts article lines moved to
metadata as kept (they are in the record).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import unicodedata
from collections import defaultdict
from pathlib import Path

TOKEN = re.compile(r"\w+")


def norm(text: str) -> str:
    return " ".join(TOKEN.findall(unicodedata.normalize("NFKC", text).lower()))


def load_labels(path: Path) -> dict[str, list[dict]]:
    docs: dict[str, list[dict]] = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            row["line"] = int(row["line"])
            row["words"] = len(row["text"].split())
            docs[row["doc"]].append(row)
    return docs


def fates(docs: dict[str, list[dict]], out: Path) -> None:
    """Set ``fate`` and ``rule`` on every labelled line."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    with open(out, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            by_doc[rec["id"].split("#")[0]].append(rec)
    for doc, rows in docs.items():
        where: dict[int, tuple[str, str, str]] = {}
        titles = set()
        for rec in by_doc.get(doc, []):
            titles.add(norm(rec.get("title") or ""))
            for p in rec["paragraphs"]:
                where[p["line"]] = ("text", p["kind"], p["text"])
            for r in rec["removed"]:
                fate = "metadata" if r["reason"] == "metadata" else "removed"
                where[r["line"]] = (fate, f"{r['reason']}:{r.get('rule', '')}", r["text"])
        for row in rows:
            fate, rule, text = where.get(row["line"], ("", "", ""))
            if fate and norm(text) != norm(row["text"]) and norm(text) not in norm(row["text"]):
                rule += " (text differs)"
            if not fate:
                fate, rule = ("title", "") if norm(row["text"]) in titles else ("metadata", "unrecorded")
            row["fate"], row["rule"] = fate, rule


def similarity(a: str, b: str) -> float:
    """Word-set overlap (Jaccard) of two normalized lines."""
    x, y = set(a.split()), set(b.split())
    return len(x & y) / len(x | y) if x and y else 0.0


def dedupe_adjust(docs: dict[str, list[dict]]) -> int:
    """An article line that toolkit drops as a duplicate of a line it keeps lost nothing: the label
    moves to the kept copy (the labels mark one copy of a repeated line only). Returns the count."""
    moved = 0
    for rows in docs.values():
        kept = [r for r in rows if r["fate"] in ("text", "title")]
        for r in rows:
            if r["label"] != "article" or not r["rule"].startswith("duplicate:"):
                continue
            mine = norm(r["text"])
            if r["text"].rstrip().endswith(("...", "…")):  # a truncated teaser: drop the cut word
                mine = mine.rsplit(" ", 1)[0]
            scored = [(similarity(mine, norm(k["text"])), k) for k in kept]
            best = max(scored, key=lambda sk: sk[0], default=(0.0, None))
            twin = best[1] if best[0] >= 0.7 else None
            if twin is None and len(mine.split()) >= 5:  # a copy of a part (a teaser, a quote)
                twin = next((k for k in kept if mine in norm(k["text"])), None)
            if twin is not None:
                r["label"], twin["label"] = "other", "article"
                moved += 1
    return moved


def tally(rows: list[dict], keep: set[str], weight: str | None) -> dict[str, float | None]:
    def w(r: dict) -> int:
        return r["words"] if weight else 1

    art_kept = sum(w(r) for r in rows if r["label"] == "article" and r["fate"] in keep)
    art = sum(w(r) for r in rows if r["label"] == "article")
    art_meta = sum(w(r) for r in rows if r["label"] == "article" and r["fate"] in keep | {"metadata"})
    kept = sum(w(r) for r in rows if r["fate"] in keep)
    oth = sum(w(r) for r in rows if r["label"] == "other")
    oth_drop = sum(w(r) for r in rows if r["label"] == "other" and r["fate"] not in keep)
    return {"precision": art_kept / kept if kept else None, "recall": art_kept / art if art else None,
            "recall+meta": art_meta / art if art else None,
            "other_dropped": oth_drop / oth if oth else None}


def median(xs: list[float | None]) -> float | None:
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def score(docs: dict[str, list[dict]]) -> dict:
    systems = {"toolkit": {"text", "title"},
               "keep-everything": {"text", "title", "metadata", "removed"}}
    table = {}
    for name, keep in systems.items():
        for weight in ("lines", "words"):
            wt = None if weight == "lines" else "words"
            pooled = tally([r for rows in docs.values() for r in rows], keep, wt)
            per = [tally(rows, keep, wt) for rows in docs.values()]
            med = {k: median([p[k] for p in per]) for k in pooled}
            table[f"{name} / {weight}"] = {"pooled": pooled, "median": med}
    return table


def fmt(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", type=Path, default=Path("/tmp/h4"))
    ap.add_argument("--out", type=Path, help="toolkit output (default DIR/out.jsonl)")
    ap.add_argument("--no-dedupe-adjust", action="store_true", help="score the labels as they are")
    ap.add_argument("--json", type=Path, help="also write the scores here")
    a = ap.parse_args()
    docs = load_labels(a.dir / "labels.tsv")
    fates(docs, a.out or a.dir / "out.jsonl")
    if not a.no_dedupe_adjust:
        print(f"article lines dropped as duplicates of a kept copy, label moved to the copy: {dedupe_adjust(docs)}")
    with open(a.dir / "fates.tsv", "w", encoding="utf-8") as f:
        f.write("doc\tline\tlabel_scored\tfate\trule\twords\ttext\n")
        for doc in sorted(docs):
            f.writelines(f"{doc}\t{r['line']}\t{r['label']}\t{r['fate']}\t{r['rule']}\t{r['words']}\t{r['text']}\n" for r in docs[doc])
    table = score(docs)
    keys = ["precision", "recall", "recall+meta", "other_dropped"]
    print(f"{'system / unit':28} {'':7}" + "".join(f"{k:>14}" for k in keys))
    for name, t in table.items():
        for agg in ("pooled", "median"):
            print(f"{name:28} {agg:7}" + "".join(f"{fmt(t[agg][k]):>14}" for k in keys))
    if a.json:
        a.json.write_text(json.dumps(table, indent=1))


if __name__ == "__main__":
    main()
