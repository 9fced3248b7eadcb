"""How well the structure stage decides paragraph kinds on human English web text: the CleanEval gold
standard's own markup as labels. Each gold paragraph is marked ``<h>`` (heading), ``<l>`` (list item) or
``<p>`` (paragraph); the toolkit gets the page as gold_text_fp.py builds it (markers stripped, one
paragraph per blank-line-separated block) and decides each paragraph's kind itself.

    python tests/bench/structure_cleaneval.py MIRROR [--split dev|test|both] [--rev REV ...] [--sample N]
        [--cells h:paragraph,l:paragraph] [--seed S] [--dump DIR]

MIRROR is a clone of j-szulc/html-cleaning-dataset-merged (a bare one is read with ``git show``); pages,
paragraphs and the dev/test split (even page id dev, odd test) are gold_text_fp.py's. Read and fix on
dev; score test only at the end.

Matching: gold paragraph i starts on input line 2i+1, and every output paragraph, footnote, note and
removed line carries the input line it came from, so each gold paragraph is found by its line (the
text is checked: a matched paragraph whose text is less than half similar to the gold is counted in
the diagnostics). The title has no line: it is matched to the unmatched gold paragraph most like it (among equals,
one nothing else accounts for, just before the article's first body line).
A gold paragraph with several outputs (split by a stage) takes the kind of its longest body part.

Outcome of a gold paragraph: the toolkit kind of its output paragraph (``heading``, ``list_item``,
``paragraph``, ``quote``), ``title`` (moved to the record's title), ``note`` (a footnote or note),
``removed`` (a removed line: boilerplate, metadata, duplicate ...), or ``lost`` (nothing in the output
accounts for it; should be 0). Heading and list-item precision and recall are over the gold paragraphs
the toolkit kept in the body or title (removed ones are counted apart, in the matrix); a title counts
as a heading. Gold paragraphs before any marker (``-``) are left out of precision and recall.

This checkout runs in-process (``toolkit.Pipeline.default()``); each --rev runs the same code in a
subprocess with PYTHONPATH set to a temporary git worktree of that revision and its working
directory outside the checkout (the venv's editable install would otherwise load this checkout);
both print the ``toolkit.__file__`` they loaded. --sample N prints up to N seeded examples of each
confusion cell (or of the cells given by --cells, as gold:outcome) on dev, for this checkout.
--dump DIR writes one row per gold paragraph (DIR/<split>.<rev or now>.jsonl).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import difflib
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gold_text_fp import ROOT, marked_paragraphs, pages, revision_roots, write_corpus  # noqa: E402

GOLD = ("h", "l", "p", "")
GOLD_NAME = {"h": "h (heading)", "l": "l (list)", "p": "p (para)", "": "- (none)"}
OUTCOMES = ("heading", "title", "list_item", "paragraph", "quote", "note", "removed", "lost")
KEPT = ("heading", "title", "list_item", "paragraph", "quote")
PRED = {"h": ("heading", "title"), "l": ("list_item",)}


# -- running the pipeline -------------------------------------------------------------------------------

def process_file(src: Path, dst: Path) -> str:
    """Clean every input record of ``src`` (JSON lines) with the ``toolkit`` this interpreter imports,
    one output line per input record (its list of contract records); returns ``toolkit.__file__``."""
    import toolkit

    pipe = toolkit.Pipeline.default()
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        for line in fin:
            fout.write(json.dumps(pipe.process(json.loads(line)), ensure_ascii=False) + "\n")
    return str(toolkit.__file__)


def run_now(corpus: Path, out: Path) -> list[list[dict[str, Any]]]:
    where = process_file(corpus, out)
    print(f"now: toolkit loaded from {where}")
    if not Path(where).resolve().is_relative_to(ROOT / "toolkit"):
        raise SystemExit(f"this checkout's run loaded toolkit from {where}, not {ROOT / 'toolkit'}")
    return [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]


def run_rev(rev: str, root: Path, corpus: Path, out: Path, tmp: Path) -> list[list[dict[str, Any]]]:
    """This script's ``--worker`` in a subprocess that imports the worktree's ``toolkit``."""
    env = dict(os.environ, PYTHONPATH=str(root), TOOLKIT_CACHE=str(tmp / "cache"))
    env.pop("PYTHONSAFEPATH", None)
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", str(corpus), str(out)],
                          env=env, cwd=str(tmp), check=True, capture_output=True, text=True)
    where = proc.stdout.strip().splitlines()[-1]
    print(f"{rev}: toolkit loaded from {where}")
    if not Path(where).resolve().is_relative_to(root.resolve() / "toolkit"):
        raise SystemExit(f"{rev}: the subprocess loaded toolkit from {where}, not the worktree {root}")
    return [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]


# -- matching output to gold ----------------------------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def similarity(a: str, b: str) -> float:
    a, b = _norm(a), _norm(b)
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _title_similarity(title: str, gold: str) -> float:
    """A title may have lost a site part or a prefix: containment counts as a match."""
    t, g = _norm(title), _norm(gold)
    if t and t in g:
        return max(len(t) / max(len(g), 1), 0.9)
    return similarity(title, gold)


def match_page(gold: list[tuple[str, str]], recs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], collections.Counter[str]]:
    """One row per gold paragraph: its marker, text, outcome and the output text that decided it;
    and the matching diagnostics."""
    diag: collections.Counter[str] = collections.Counter()
    found: dict[int, list[tuple[str, str, str]]] = collections.defaultdict(list)  # gold index -> (outcome, text, detail)

    def at(line: Any) -> int | None:
        if not isinstance(line, int) or line < 1 or (line - 1) % 2:
            diag["output line not on a gold paragraph's line"] += 1
            return None
        i = (line - 1) // 2
        if i >= len(gold):
            diag["output line past the gold"] += 1
            return None
        return i

    titles = []
    for rec in recs:
        for p in rec["paragraphs"]:
            i = at(p.get("line"))
            if i is not None:
                found[i].append((p["kind"], p["text"], ""))
        for field in ("footnotes", "notes"):
            for p in rec.get(field, []):
                i = at(p.get("line"))
                if i is not None:
                    found[i].append(("note", p["text"], field))
        for r in rec["removed"]:
            i = at(r.get("line"))
            if i is not None:
                found[i].append(("removed", r["text"], f"{r['reason']} {r['rule']}"))
        if rec.get("title"):
            lines = [(p.get("line") or 0) for p in rec["paragraphs"]]
            titles.append((rec["title"], (min(lines) - 1) // 2 if lines else len(gold)))
    for title, first in titles:
        # The title has no line: the unmatched gold paragraph most like it; among equals (a blog's
        # repeated "(0) opinions" line), one nothing else accounts for, just before the article's body.
        free = [i for i in range(len(gold)) if not any(o in KEPT for o, _, _ in found[i])]
        best = max(free, key=lambda i: (round(_title_similarity(title, gold[i][1]), 2), not found.get(i), i < first,
                                        -abs(first - i)), default=None)
        if best is not None and _title_similarity(title, gold[best][1]) >= 0.6:
            found[best].append(("title", title, ""))
        else:
            diag["title not matched"] += 1
    rows = []
    for i, (mark, text) in enumerate(gold):
        outs = found.get(i, [])
        body = [o for o in outs if o[0] in KEPT]
        if body:
            outcome, out_text, detail = max(body, key=lambda o: len(o[1]))
        elif any(o[0] == "note" for o in outs):
            outcome, out_text, detail = next(o for o in outs if o[0] == "note")
        elif outs:
            outcome, out_text, detail = outs[0]
        else:
            outcome, out_text, detail = "lost", "", ""
        if len(body) > 1:
            diag["gold paragraph split into several body paragraphs"] += 1
        if body and outcome != "title" and similarity(text, out_text) < 0.5:
            diag["matched text less than half similar"] += 1
        rows.append({"i": i, "gold": mark, "outcome": outcome, "text": text, "out": out_text, "detail": detail})
    return rows, diag


def match_all(docs: list[tuple[str, list[tuple[str, str]]]], results: list[list[dict[str, Any]]]
              ) -> tuple[dict[str, list[dict[str, Any]]], collections.Counter[str]]:
    by_page: dict[str, list[dict[str, Any]]] = {}
    diag: collections.Counter[str] = collections.Counter()
    for (page, gold), recs in zip(docs, results, strict=True):
        rows, d = match_page(gold, recs)
        by_page[page] = rows
        diag.update(d)
    return by_page, diag


# -- the report ------------------------------------------------------------------------------------------

def confusion(by_page: dict[str, list[dict[str, Any]]]) -> collections.Counter[tuple[str, str]]:
    return collections.Counter((r["gold"], r["outcome"]) for rows in by_page.values() for r in rows)


def pr(c: collections.Counter[tuple[str, str]], gold: str) -> tuple[int, int, int]:
    """(hits, predicted, gold) for one kind, over labelled paragraphs kept in the body or title."""
    pred = PRED[gold]
    hits = sum(c[gold, o] for o in pred)
    predicted = sum(c[g, o] for g in GOLD if g for o in pred)
    actual = sum(c[gold, o] for o in KEPT)
    return hits, predicted, actual


def table(title: str, c: collections.Counter[tuple[str, str]], diag: collections.Counter[str]) -> str:
    lines = [title, "", "| gold \\ toolkit | " + " | ".join(OUTCOMES) + " | total |",
             "|---|" + "---:|" * (len(OUTCOMES) + 1)]
    for g in GOLD:
        total = sum(c[g, o] for o in OUTCOMES)
        if g == "" and not total:
            continue
        lines.append(f"| {GOLD_NAME[g]} | " + " | ".join(str(c[g, o]) for o in OUTCOMES) + f" | {total} |")
    lines.append("| total | " + " | ".join(str(sum(c[g, o] for g in GOLD)) for o in OUTCOMES)
                 + f" | {sum(c.values())} |")
    lines.append("")
    pct = lambda a, b: f"{100 * a / b:5.1f}%" if b else "   - "  # noqa: E731
    for g, name in (("h", "heading (title counts)"), ("l", "list item")):
        hits, predicted, actual = pr(c, g)
        p, r = (hits / predicted if predicted else 0.0), (hits / actual if actual else 0.0)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(f"- {name}: precision {pct(hits, predicted)} ({hits}/{predicted}), "
                     f"recall {pct(hits, actual)} ({hits}/{actual} kept), F1 {100 * f1:.1f}")
    hits = sum(c[g, o] for g, o in (("h", "heading"), ("h", "title"), ("l", "list_item"), ("p", "paragraph"), ("p", "quote")))
    kept = sum(c[g, o] for g in GOLD if g for o in KEPT)
    lines.append(f"- kind accuracy over kept labelled paragraphs: {pct(hits, kept)} ({hits}/{kept})")
    if diag:
        lines.append("- matching: " + "; ".join(f"{k} {v}" for k, v in sorted(diag.items())))
    return "\n".join(lines)


def samples(by_page: dict[str, list[dict[str, Any]]], n: int, seed: int, cells: set[tuple[str, str]] | None) -> None:
    """Up to n examples per (gold, outcome) cell, with the gold paragraphs before and after."""
    items: dict[tuple[str, str], list[tuple[str, int]]] = collections.defaultdict(list)
    for page, rows in by_page.items():
        for r in rows:
            items[r["gold"], r["outcome"]].append((page, r["i"]))
    rng = random.Random(seed)
    short = lambda t, k=160: t if len(t) <= k else t[:k] + "…"  # noqa: E731
    for cell in sorted(items, key=lambda k: (GOLD.index(k[0]), OUTCOMES.index(k[1]))):
        if cells is not None and cell not in cells:
            continue
        rows = items[cell]
        pick = sorted(rng.sample(range(len(rows)), min(n, len(rows))))
        n_pages = len({page for page, _ in rows})
        print(f"\n== gold {cell[0] or '-'} -> {cell[1]}: {len(pick)} of {len(rows)} (in {n_pages} pages) ==")
        for k in pick:
            page, i = rows[k]
            page_rows = by_page[page]
            r = page_rows[i]
            print(f"- [{page} #{i}] <{r['gold'] or '-'}> {short(r['text'], 300)!r}")
            if r["out"] and _norm(r["out"]) != _norm(r["text"]):
                print(f"    out ({r['outcome']}{' ' + r['detail'] if r['detail'] else ''}): {short(r['out'], 200)!r}")
            elif r["detail"]:
                print(f"    ({r['detail']})")
            for j in (i - 1, i + 1):
                if 0 <= j < len(page_rows):
                    q = page_rows[j]
                    print(f"    {'before' if j < i else 'after '}: <{q['gold'] or '-'}>→{q['outcome']} {short(q['text'])!r}")


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":  # run by run_rev, with the worktree on PYTHONPATH
        print(process_file(Path(sys.argv[2]), Path(sys.argv[3])))
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument("mirror", type=Path)
    ap.add_argument("--split", choices=("dev", "test", "both"), default="dev")
    ap.add_argument("--rev", action="append", default=[], help="an earlier revision to compare with (repeatable)")
    ap.add_argument("--sample", type=int, default=0, help="print up to N examples of each confusion cell on dev")
    ap.add_argument("--cells", default="", help="only these cells, as gold:outcome (h:paragraph,l:paragraph)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dump", type=Path, help="write one row per gold paragraph to DIR/<split>.<now|rev>.jsonl")
    a = ap.parse_args()
    cells = ({(c.split(":")[0].strip("-"), c.split(":")[1]) for c in a.cells.split(",")} if a.cells else None)
    by_split = pages(a.mirror, marked_paragraphs)
    splits = ["dev", "test"] if a.split == "both" else [a.split]
    with tempfile.TemporaryDirectory() as t, contextlib.ExitStack() as stack:
        tmp = Path(t)
        roots = revision_roots(a.rev, tmp, stack)
        for split in splits:
            docs = by_split[split]
            corpus = write_corpus(tmp / f"{split}.jsonl", [(page, [text for _, text in gold]) for page, gold in docs])
            n_par = sum(len(g) for _, g in docs)
            runs = [("now", run_now(corpus, tmp / "now.out.jsonl"))]
            runs += [(rev, run_rev(rev, root, corpus, tmp / f"{k}.out.jsonl", tmp)) for k, (rev, root) in enumerate(roots)]
            for label, results in runs:
                by_page, diag = match_all(docs, results)
                print("\n" + table(f"### {split}, {label} ({len(docs)} pages, {n_par} gold paragraphs)", confusion(by_page), diag))
                if a.dump:
                    a.dump.mkdir(parents=True, exist_ok=True)
                    with open(a.dump / f"{split}.{label}.jsonl", "w", encoding="utf-8") as fh:
                        for page, rows in by_page.items():
                            for r in rows:
                                fh.write(json.dumps({"page": page, **r}, ensure_ascii=False) + "\n")
                if a.sample and split == "dev" and label == "now":
                    samples(by_page, a.sample, a.seed, cells)
    return 0


if __name__ == "__main__":
    sys.exit(main())
