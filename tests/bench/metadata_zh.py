"""Title, date, author, source and editors of the 54 Chinese dev pages against hand labels.

    python tests/bench/metadata_zh.py [--show]

Pages: ``tests/eval/html/dev-zh.jsonl.gz`` (GeneralNewsExtractor's test pages and Readability's
Chinese pages); labels: ``tests/eval/html/meta-zh.tsv``, written by reading each page (its header,
meta tags, byline and source lines, the article's end) without looking at the toolkit's output:
``date`` as the page shows it, ``author`` the people who wrote the article (names only),
``source`` the outlet credited as origin, ``editors`` from 责任编辑/编辑 lines, ``title`` the
headline without a site suffix; ``notes`` say where a call was hard. The pages are the extraction
dev set, which rules were tuned on, so these figures are optimistic.

A title is right when it equals the label (after folding width, quotes and Traditional characters)
or the label plus a site part; a date when it names the same day; an author when every labelled
name is in the byline (toolkit keeps a byline as written, "澎湃新闻记者 段彦超 廖艳"); a source when
equal; editors when the same set of names. To compare with an earlier version, run the script with
``PYTHONPATH`` pointing at that version's tree (outside this checkout).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from metadata_readability import _fold, day, title_ok  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "tests" / "eval" / "html"
FIELDS = ("title", "date", "author", "source", "editors")


def names(text: str | None) -> set[str]:
    return {x for x in re.split(r"[;,、，\s]+", _fold(text)) if x}


def right(field: str, got: str | None, want: str) -> bool:
    if not got:
        return False
    if field == "title":
        return title_ok(got, want)
    if field == "date":
        return day(got) is not None and day(got) == day(want)
    if field == "author":
        return all(n in _fold(got) for n in names(want))
    if field == "editors":
        return names(got) == names(want)
    return _fold(got) == _fold(want)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true", help="print every field a page got wrong")
    args = ap.parse_args(argv)
    from toolkit import Document, Pipeline

    with open(EVAL / "meta-zh.tsv", encoding="utf-8") as f:
        labels = {r["id"]: r for r in csv.DictReader(f, delimiter="\t")}
    with gzip.open(EVAL / "dev-zh.jsonl.gz", "rt", encoding="utf-8") as f:
        pages = [json.loads(line) for line in f]
    pipe = Pipeline.default()
    counts = {k: [0, 0, 0] for k in FIELDS}  # right, wrong, none given
    for page in pages:
        want = labels[page["id"]]
        rec = pipe.run(Document(id=page["id"], source=page["id"], html=page["html"])).to_records()[0]
        meta = rec.get("metadata") or {}
        got = {"title": rec.get("title"), "date": meta.get("date"), "author": meta.get("byline"),
               "source": meta.get("source_name"), "editors": ";".join(meta.get("editors") or [])}
        for field in FIELDS:
            if not want[field]:
                continue
            ok = right(field, got[field], want[field])
            counts[field][0 if ok else 1 if got[field] else 2] += 1
            if args.show and not ok:
                print(f"  {page['id']:24} {field:7} got {got[field]!r:44.44} want {want[field]!r:.44}")
    print("| field | pages labelled | right | wrong | none given | accuracy |")
    print("|---|---|---|---|---|---|")
    for field, (r, w, n) in counts.items():
        print(f"| {field} | {r + w + n} | {r} | {w} | {n} | {r / max(1, r + w + n):.1%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
