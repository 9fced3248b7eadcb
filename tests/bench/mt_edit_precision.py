"""Edit precision on real machine translation: WMT22 general-task zh→en system outputs
(wmt-conference/wmt22-news-systems, `txt/system-outputs/`) cleaned by `toolkit clean`.

Documents are built as tests/bench/clean_text.py builds them for the sources: ten lines to a
document, paragraphs separated by blank lines. Every edit (rule, before, after, paragraph, start)
and every removed line is collected; edits are sampled stratified by rule (up to --per-rule per
rule, fixed seed) into a TSV to label by hand (label: right / wrong / neutral). Removals are all
written (they are few) with rule "removed:<reason>".

    python tests/bench/mt_edit_precision.py sample MIRROR OUT.tsv [--per-rule 15] [--seed 22]
    python tests/bench/mt_edit_precision.py score LABELLED.tsv [--mirror MIRROR]
    python tests/bench/mt_edit_precision.py flags MIRROR OUT.tsv [--per-kind 12] [--seed 22]

`flags` collects the QA flags instead (rule "flag:<kind>", before = the flagged text, after empty,
context = the paragraph around it as cleaned), up to --per-kind of each kind; `score` reads that TSV
too (label right: a reviewer should look; wrong: correct text flagged).

MIRROR is the git directory of the repository (a bare mirror is read with `git show`) or a checkout.
`score` prints per-rule and overall precision right / (right + wrong) with a 95% Wilson interval;
with --mirror it re-runs this checkout over the same documents and counts a labelled edit that no
longer happens (same system, line, rule, before, after) as gone: the "after" column of the table.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stats import wilson  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SYSTEMS = ["Online-W", "HuaweiTSC", "JDExploreAcademy", "Online-Y"]
PATH = "txt/system-outputs/generaltest2022.zh-en.hyp.{}.en"
COLUMNS = ["system", "line", "rule", "before", "after", "context", "label", "note"]


def read(mirror: Path, path: str) -> list[str]:
    if (mirror / path).is_file():
        return (mirror / path).read_text(encoding="utf-8").splitlines()
    out = subprocess.run(["git", "--git-dir", str(mirror), "show", f"HEAD:{path}"], check=True, capture_output=True)
    return out.stdout.decode("utf-8").splitlines()


def clean(mirror: Path, tmp: Path, flags: bool = False) -> list[dict]:
    """Run `toolkit clean` over every system's documents; one row per edit or removal (with
    ``flags``, one row per flag instead)."""
    rows: list[dict] = []
    for system in SYSTEMS:
        lines = read(mirror, PATH.format(system))
        corpus, out = tmp / f"{system}.jsonl", tmp / f"{system}.out.jsonl"
        with open(corpus, "w", encoding="utf-8") as fh:
            for i in range(0, len(lines), 10):
                fh.write(json.dumps({"id": f"{system}:{i + 1}", "text": "\n\n".join(lines[i:i + 10])},
                                    ensure_ascii=False) + "\n")
        env = dict(os.environ, PYTHONPATH=str(ROOT), TOOLKIT_CACHE=str(tmp / "cache"))
        subprocess.run([sys.executable, "-m", "toolkit", "clean", str(corpus), "-o", str(out), "-q"], env=env,
                       check=True, cwd=str(ROOT), capture_output=True)
        for rec in map(json.loads, out.read_text(encoding="utf-8").splitlines()):
            first = int(rec["id"].split(":")[1].split("#")[0])  # "971#1": a document split into articles
            block = lines[first - 1:first + 9]
            paras = rec["paragraphs"]
            if flags:
                rows += flag_rows(system, first, block, paras, rec["flags"])
                continue
            text: dict[int, str] = {}  # MT line (0-based in block) -> its text as the edits so far left it
            for e in rec["edits"]:
                p = e.get("paragraph") or 0
                line = paras[p].get("line") if p < len(paras) else None
                q = (int(line) - 1) // 2 if line else locate(block, p, e["before"])
                q = min(max(q, 0), len(block) - 1)
                start = e.get("start") or 0
                b = e["before"]
                if text.get(q, block[q])[start:start + len(b)] != b:  # the paragraph index is off by a removal
                    q = next((r for r in sorted(range(len(block)), key=lambda r: abs(r - q))
                              if text.get(r, block[r])[start:start + len(b)] == b), q)
                cur = text.get(q, block[q])
                if cur[start:start + len(e["before"])] != e["before"]:
                    found = cur.find(e["before"])
                    start = found if found >= 0 else start
                rows.append({"system": system, "line": first + q, "rule": e["rule"], "before": e["before"],
                             "after": e["after"], "context": context(cur, start, e["before"])})
                if cur[start:start + len(e["before"])] == e["before"]:
                    text[q] = cur[:start] + e["after"] + cur[start + len(e["before"]):]
            for r in rec["removed"]:
                # the line of the document text (1-based, blank lines between paragraphs)
                p = (int(r.get("line") or 1) - 1) // 2
                rows.append({"system": system, "line": first + p, "rule": f"removed:{r['reason']}:{r.get('rule', '')}",
                             "before": r["text"], "after": "", "context": r["text"][:240]})
    return rows


def flag_rows(system: str, first: int, block: list[str], paras: list[dict], flags: list[dict]) -> list[dict]:
    """One row per flag: the MT line of its paragraph, the flagged text and the cleaned paragraph around it."""
    rows = []
    for f in flags:
        p = f.get("paragraph")
        para = paras[p] if p is not None and p < len(paras) else {}  # None: the title
        line = para.get("line")
        q = (int(line) - 1) // 2 if line else locate(block, p or 0, f["text"])
        q = min(max(q, 0), len(block) - 1)
        src = para.get("text", "")
        if f["text"] not in src:  # the paragraph index is off by a removal: the nearest line holding the text
            q = locate(block, q, f["text"])
            src = block[q]
        start = f.get("start") or 0
        if src[start:start + len(f["text"])] != f["text"]:
            found = src.find(f["text"])
            start = found if found >= 0 else start
        rows.append({"system": system, "line": first + q, "rule": f"flag:{f['kind']}", "before": f["text"],
                     "after": "", "context": context(src, start, f["text"])})
    return rows


def locate(block: list[str], p: int, before: str) -> int:
    """The MT line an edit was made in: its paragraph index counts output paragraphs (a removed
    line before it shifts it), so take the nearest line holding the edited text."""
    p = min(max(p, 0), len(block) - 1)
    for q in sorted(range(len(block)), key=lambda q: (abs(q - p), q)):
        if before.strip() and before in block[q]:
            return q
    return p


def context(src: str, start: int, before: str) -> str:
    """About 60 characters either side of the edit, the edited text in [[ ]]."""
    lo, hi = max(0, start - 60), min(len(src), start + len(before) + 60)
    return src[lo:start] + "[[" + src[start:start + len(before)] + "]]" + src[start + len(before):hi]


def key(row: dict) -> tuple:
    return (row["system"], str(row["line"]), row["rule"], row["before"], row["after"])


def cleaned(clean_fn: Callable[..., list[dict]], mirror: Path, flags: bool = False) -> list[dict]:
    """``clean_fn(mirror, tmp, flags=flags)``'s rows, its work files in a temporary folder (shared by
    the MT benches, each with its own ``clean``)."""
    with tempfile.TemporaryDirectory() as t:
        return clean_fn(mirror, Path(t), flags=flags)


def sample(a: argparse.Namespace) -> int:
    write_sample(cleaned(clean, a.mirror), a.out, a.seed, a.per_rule)
    return 0


def sample_flags(a: argparse.Namespace) -> int:
    write_sample(cleaned(clean, a.mirror, flags=True), a.out, a.seed, a.per_kind)
    return 0


def write_sample(rows: list[dict], out: Path, seed: int, per_rule: int, per_kind: int | None = None) -> None:
    """Up to ``per_rule`` events of each rule (``per_kind`` of each paragraph-kind decision), every
    removal, into a TSV with empty label and note columns."""
    by_rule: dict[str, list[dict]] = collections.defaultdict(list)
    for r in rows:
        by_rule[r["rule"]].append(r)
    rng = random.Random(seed)
    picked: list[dict] = []
    for rule in sorted(by_rule):
        group = by_rule[rule]
        print(f"{len(group):6d}  {rule}")
        n = per_kind if per_kind is not None and group_of(rule) == "kinds" else per_rule
        picked += group if group_of(rule) == "removals" else rng.sample(group, min(n, len(group)))
    print(f"{len(rows):6d}  in all; {len(picked)} sampled")
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for r in picked:
            w.writerow({**r, "label": "", "note": ""})


def group_of(rule: str) -> str:
    """removals, paragraph-kind decisions (they change no text: reported apart, out of "all"), flags
    (the same: reported apart), or edits."""
    if rule.startswith("flag:"):
        return "flags"
    return "removals" if rule.startswith("removed:") else "kinds" if rule.startswith("structure/kind:") else "edits"


def score(a: argparse.Namespace) -> int:
    still = None
    if a.mirror:
        with open(a.tsv, encoding="utf-8") as fh:
            of_flags = "\tflag:" in fh.read()
        with tempfile.TemporaryDirectory() as t:
            still = clean(a.mirror, Path(t), flags=of_flags)
    # one row per glossary file, not per entry
    print_scores(a.tsv, still, lambda rule: rule if rule.startswith(("removed:", "flag:")) else rule.split(":")[0])
    return 0


def rerun(tsv: Path, mirror: Path, clean: Callable[..., list[dict]]) -> list[dict]:
    """This checkout's events over the labelled documents again, for the groups ``tsv`` labels:
    edits, removals and kinds (``clean(mirror, tmp)``), and flags (``clean(..., flags=True)``)
    when it holds flag rows."""
    with open(tsv, encoding="utf-8", newline="") as fh:
        groups = {group_of(r["rule"]) for r in csv.DictReader(fh, delimiter="\t")}
    with tempfile.TemporaryDirectory() as t:
        still = clean(mirror, Path(t)) if groups - {"flags"} else []
        still += clean(mirror, Path(t), flags=True) if "flags" in groups else []
    return still


def print_scores(tsv: Path, still_rows: list[dict] | None, name: Callable[[str], str] = lambda r: r) -> None:
    """The per-rule table of a labelled TSV; with ``still_rows`` (a new run's events), a labelled
    event that no longer happens counts as gone."""
    with open(tsv, encoding="utf-8", newline="") as fh:
        labelled = list(csv.DictReader(fh, delimiter="\t"))
    still = collections.Counter(key(r) for r in still_rows) if still_rows is not None else None
    table: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for r in labelled:
        label = r["label"]
        if still is not None:
            if still[key(r)] > 0:
                still[key(r)] -= 1
            else:
                label = "gone"
        table[name(r["rule"])][label] += 1
    totals: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    print("| rule | n | right | wrong | neutral | gone | precision | 95% Wilson |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for rule in sorted(table):
        c = table[rule]
        totals[group_of(rule)].update(c)
        if group_of(rule) not in ("kinds", "flags"):
            totals["all"].update(c)
        print(line(rule, c))
    for group in ("edits", "removals", "all", "kinds", "flags"):
        if totals[group] or (group not in ("kinds", "flags") and not totals["flags"]):
            print(line(f"**{group}**", totals[group]))


def line(rule: str, c: collections.Counter[str]) -> str:
    k, n = c["right"], c["right"] + c["wrong"]
    lo, hi = wilson(k, n)
    prec = f"{k / n:.2f}" if n else "–"
    return (f"| {rule} | {sum(c.values())} | {c['right']} | {c['wrong']} | {c['neutral']} | {c['gone']} | {prec} "
            f"| {lo:.2f}–{hi:.2f} |")


def command_line(sample: Callable[[argparse.Namespace], int], score: Callable[[argparse.Namespace], int], *,
                 per_rule: int, seed: int,
                 flags: Callable[[argparse.Namespace], int] | None = None) -> tuple[argparse.ArgumentParser, Any]:
    """The ``sample MIRROR OUT``, ``score TSV [--mirror]`` and (given ``flags``) ``flags MIRROR OUT
    [--per-kind]`` commands the MT benches share; the caller adds its own commands and options to the
    returned subparsers."""
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("mirror", type=Path)
    s.add_argument("out", type=Path)
    s.add_argument("--per-rule", type=int, default=per_rule)
    s.add_argument("--seed", type=int, default=seed)
    s.set_defaults(func=sample)
    c = sub.add_parser("score")
    c.add_argument("tsv", type=Path)
    c.add_argument("--mirror", type=Path)
    c.set_defaults(func=score)
    if flags is not None:
        f = sub.add_parser("flags")
        f.add_argument("mirror", type=Path)
        f.add_argument("out", type=Path)
        f.add_argument("--per-kind", type=int, default=12)
        f.add_argument("--seed", type=int, default=seed)
        f.set_defaults(func=flags)
    return ap, sub


def main() -> int:
    ap, _ = command_line(sample, score, per_rule=15, seed=22, flags=sample_flags)
    a = ap.parse_args()
    return int(a.func(a))


if __name__ == "__main__":
    sys.exit(main())
