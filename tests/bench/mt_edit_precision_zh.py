"""Edit precision on real machine translation into Chinese: WMT24 general-task en→zh system outputs
(wmt-conference/wmt24-news-systems, `txt-ts/system-outputs/en-zh/`) cleaned by `toolkit clean`.

The companion of tests/bench/mt_edit_precision.py (WMT22 zh→en). Here the lines come with document ids
(`txt-ts/documents/en-zh.docs`), so the documents are the real ones, built as tests/bench/clean_text_wmt24.py
builds them: a document's lines joined with blank lines; the test-suite lines (`tsuite_*`) and the canary
line are left out. Every edit (rule, before, after) and every removed line is collected; edits are sampled
stratified by rule (up to --per-rule per rule, fixed seed) into a TSV to label by hand (label: right / wrong /
neutral). Removals are all written with rule "removed:<reason>:<rule>". The structure stage's heading
decisions (a paragraph given kind "heading") are sampled too (--per-kind) as "structure/kind:heading": they
change no text, but the records carry the kind and the metadata stage reads it (title, article start). Policy rules (Chinese punctuation made
full-width, Traditional made Simplified, full-width digits made ASCII) are "right" when applied correctly.

    python tests/bench/mt_edit_precision_zh.py sample MIRROR OUT.tsv [--per-rule 12] [--per-kind 30] [--seed 24]
    python tests/bench/mt_edit_precision_zh.py score LABELLED.tsv [--mirror MIRROR]

MIRROR is the git directory of the repository (a bare mirror is read with `git show`) or a checkout.
`score` prints per-rule and overall precision right / (right + wrong) with a 95% Wilson interval; with
--mirror it re-runs this checkout over the same documents and counts a labelled edit that no longer happens
(same system, document paragraph, rule, before, after) as gone: the "after" column of the table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mt_edit_precision import command_line, context, flag_rows, print_scores, read, write_sample  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# A frontier LLM, an open-weight LLM and an online MT engine.
SYSTEMS = ["GPT-4", "Aya23", "ONLINE-G"]
PATH = "txt-ts/system-outputs/en-zh/{}.txt"
DOCS = "txt-ts/documents/en-zh.docs"


def documents(mirror: Path, system: str) -> list[tuple[str, list[str]]]:
    """(document id, its lines) per real document, in order of first appearance."""
    lines, ids = read(mirror, PATH.format(system)), read(mirror, DOCS)
    if len(lines) != len(ids):
        raise SystemExit(f"{system}: {len(lines)} lines but {DOCS} has {len(ids)}")
    paras: dict[str, list[str]] = {}
    for text, row in zip(lines, ids):
        dom, _, doc = row.partition("\t")
        if doc.startswith("tsuite") or dom == "canary":
            continue
        paras.setdefault(doc, []).append(text)
    return list(paras.items())


def clean(mirror: Path, tmp: Path, systems: list[str] = SYSTEMS,
          documents_of: Callable[[Path, str], list[tuple[str, list[str]]]] | None = None,
          flags: bool = False) -> list[dict]:
    """Run `toolkit clean` over every system's documents (``documents_of(mirror, system)``, by
    default this bench's); one row per edit, heading decision or removal (with ``flags``, one row per
    flag instead)."""
    rows: list[dict] = []
    for system in systems:
        docs = dict((documents_of or documents)(mirror, system))
        corpus, out = tmp / f"{system}.jsonl", tmp / f"{system}.out.jsonl"
        with open(corpus, "w", encoding="utf-8") as fh:
            for doc, paras in docs.items():
                fh.write(json.dumps({"id": doc, "text": "\n\n".join(paras)}, ensure_ascii=False) + "\n")
        env = dict(os.environ, PYTHONPATH=str(ROOT), TOOLKIT_CACHE=str(tmp / "cache"))
        subprocess.run([sys.executable, "-m", "toolkit", "clean", str(corpus), "-o", str(out), "-q"], env=env,
                       check=True, cwd=str(ROOT), capture_output=True)
        for rec in map(json.loads, out.read_text(encoding="utf-8").splitlines()):
            # "doc#1": a document split into articles (a document id may hold "#" itself: WMT25's)
            doc = rec["id"] if rec["id"] in docs else rec["id"].rsplit("#", 1)[0]
            block = docs[doc]
            paras = rec["paragraphs"]
            if flags:
                for r in flag_rows(system, 1, block, paras, rec["flags"]):
                    rows.append({**r, "line": f"{doc}#{r['line']}"})
                continue
            text: dict[int, str] = {}  # document line (0-based) -> its text as the edits so far left it
            for e in rec["edits"]:
                p = e.get("paragraph") or 0
                ln = paras[p].get("line") if p < len(paras) else None
                q = min(max((int(ln) - 1) // 2 if ln else p, 0), len(block) - 1)
                start, b = e.get("start") or 0, e["before"]
                if text.get(q, block[q])[start:start + len(b)] != b:  # off by a removal or a merge
                    q = next((r for r in sorted(range(len(block)), key=lambda r: abs(r - q))
                              if b in text.get(r, block[r])), q)
                cur = text.get(q, block[q])
                if cur[start:start + len(b)] != b:
                    found = cur.find(b)
                    start = found if found >= 0 else start
                rows.append({"system": system, "line": f"{doc}#{q + 1}", "rule": e["rule"], "before": b,
                             "after": e["after"], "context": context(cur, start, b)})
                if cur[start:start + len(b)] == b:
                    text[q] = cur[:start] + e["after"] + cur[start + len(b):]
            for p_ in paras:  # the structure stage's decisions: a short line made a heading
                if p_["kind"] == "heading":
                    q = (int(p_.get("line") or 1) - 1) // 2
                    rows.append({"system": system, "line": f"{doc}#{q + 1}", "rule": "structure/kind:heading",
                                 "before": p_["text"], "after": "heading", "context": p_["text"][:240]})
            for r in rec["removed"]:
                q = (int(r.get("line") or 1) - 1) // 2
                rows.append({"system": system, "line": f"{doc}#{q + 1}",
                             "rule": f"removed:{r['reason']}:{r.get('rule', '')}",
                             "before": r["text"], "after": "", "context": r["text"][:240]})
    return rows


def sample(a: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as t:
        rows = clean(a.mirror, Path(t), a.systems.split(","))
    write_sample(rows, a.out, a.seed, a.per_rule, a.per_kind)
    return 0


def score(a: argparse.Namespace) -> int:
    still = None
    if a.mirror:
        with tempfile.TemporaryDirectory() as t:
            still = clean(a.mirror, Path(t))
    print_scores(a.tsv, still)
    return 0


def main() -> int:
    ap, sub = command_line(sample, score, per_rule=12, seed=24)
    s = sub.choices["sample"]
    s.add_argument("--per-kind", type=int, default=30, help="paragraphs sampled per kind decision (heading)")
    s.add_argument("--systems", default=",".join(SYSTEMS),
                   help="comma-separated system names (the labelled sample uses the default three)")
    a = ap.parse_args()
    return int(a.func(a))


if __name__ == "__main__":
    sys.exit(main())
