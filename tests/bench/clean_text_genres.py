"""Clean text in genres never audited before: wrong decisions of `toolkit clean` on 59 documents.

    python tests/bench/clean_text_genres.py DOCS [--show]

DOCS is the folder ``tests/bench/clean_text_genres_build.py DOCS`` writes from the public repositories
listed in ``tests/eval/cleantext_genres/manifest.tsv`` (Chinese laws, government work reports, Lu Xun,
Tang poems and Song ci, the Analects, encyclopedia pages, recipes, tech weeklies, READMEs, FAQs and
tutorials; English inaugural addresses, encyclopedia articles, recipes, Gutenberg chapters, the Rust
book, Homebrew's docs), 30 Chinese and 29 English documents, all correct text: every edit, removal
and flag was read in the audit of 2026-12-01 (session 10), and each paragraph kind.

Scoring: every paragraph of the audited run has its right kind in ``kinds.json`` (text, kind, and
for the 202 the audited run got wrong the group of the mistake); a paragraph whose kind differs now
is wrong (matched by text, spaces ignored; one not found, being joined or split otherwise, is
counted apart). An edit, removal or flag is judged by the audit's verdict of its rule (``VERDICTS``): the
rules that are right or neutral on this set (Chinese punctuation made full-width, Traditional
characters converted, bullets moved into ``list_item``, prose double spaces) and the ones that are
wrong here whatever they touch. To measure an earlier version, run this script with ``PYTHONPATH`` pointing at that version's
tree (from outside this checkout).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "eval" / "cleantext_genres"

# rule -> verdict on this set of correct text ("right": the source had that defect)
VERDICTS = {
    "structure/bullet": "neutral", "normalize-whitespace/collapse": "neutral", "encoding/fullwidth-alnum": "neutral",
    "encoding/zh-punct": "right", "encoding/opencc-t2s": "right", "punctuation/reversed-zh-quote": "right",
    "punctuation/glued-sentence": "right", "metadata/source": "right", "footnotes/notes-heading": "right",
}


# ... but these: 拚 is a standard Simplified character (拚命), 詩 a book's name as written; □ an ornament
_WRONG_BEFORE = {"encoding/opencc-t2s": ("拚", "詩"), "structure/bullet": ("□",)}
# ... and spacing collapsed in the documents made of code and aligned output (OI-wiki's hosts file, the
# Rust book's shell sessions, Homebrew's install page)
_WRONG_IN = {"normalize-whitespace/collapse": ("20-", "50-", "59-")}


def run(docs: Path) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        subprocess.run([sys.executable, "-m", "toolkit", "clean", str(docs), "-o", str(out), "-q"], check=True)
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("docs", type=Path)
    ap.add_argument("--show", action="store_true", help="print every wrong decision")
    args = ap.parse_args(argv)
    recs = {r["id"]: r for r in run(args.docs)}
    labels = json.loads((DATA / "kinds.json").read_text(encoding="utf-8"))
    squash = "".join
    tally: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    for lab in labels:
        rec = recs[lab["doc"]]
        kinds = [p["kind"] for p in rec["paragraphs"] if squash(p["text"].split()) == squash(lab["text"].split())]
        if not kinds:
            tally["kinds: paragraph not found"] += 1  # joined or split differently now: not scored
            continue
        if kinds[0] == lab["kind"]:
            tally["kinds right"] += 1
        else:
            tally["kinds wrong"] += 1
            groups[lab.get("group", "kind (new)")] += 1
            if args.show:
                print(f"  kind  {lab['doc']:40} {kinds[0]} should be {lab['kind']}: {lab['text'][:60]!r}")
    for rec in recs.values():
        for what, items in (("edits", rec["edits"]), ("removed", rec["removed"]), ("flags", rec["flags"])):
            for x in items:
                verdict = VERDICTS.get(x["rule"], "wrong")
                if x["rule"] == "structure/join-wrapped":
                    verdict = "right" if rec["id"].startswith("47-") else "wrong"  # Gutenberg's wrapped verse
                elif x.get("before") in _WRONG_BEFORE.get(x["rule"], ()) or rec["id"][:3] in _WRONG_IN.get(x["rule"], ()):
                    verdict = "wrong"
                tally[f"{what} {verdict}"] += 1
                if verdict == "wrong":
                    groups[x["rule"]] += 1
                    if args.show:
                        print(f"  {what:5} {rec['id']:40} {x['rule']}: {x.get('before', x.get('text'))!r} -> {x.get('after', '')!r}")
    wrong = sum(v for k, v in tally.items() if k.endswith("wrong"))
    print(f"documents {len(recs)}, paragraphs {sum(len(r['paragraphs']) for r in recs.values())}")
    for k in sorted(tally):
        print(f"  {k}: {tally[k]}")
    print(f"wrong decisions: {wrong}")
    print("by group or rule:", ", ".join(f"{g} {n}" for g, n in groups.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
