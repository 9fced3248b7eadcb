"""Edit, removal and flag precision on text the project had never seen: WMT21 news-task zh→en
(wmt-conference/wmt21-news-systems, `txt/`): the human English reference A, four system outputs (the
best-ranked by human evaluation, NiuTrans, a mid-table one, Facebook-AI, and the two lowest-ranked,
Online-A and Online-Y) and the Chinese source, each cleaned by `toolkit clean`.

The repository's zh-en XML (the one file with document ids) is not in the snapshot, so the documents are
rebuilt from the Chinese source: a line ending in a site name after a dash ("…-新华网", "… - 中新网") is a
headline and starts a document (103 documents; the first line is one). The same
boundaries are used for every file (they are line-aligned). A document's lines are joined with blank
lines between paragraphs, as the other MT benches do.

    python tests/bench/mt_edit_precision_wmt21.py rates MIRROR
    python tests/bench/mt_edit_precision_wmt21.py sample MIRROR OUT.tsv [--per-rule 12] [--per-kind 12] [--seed 21]
    python tests/bench/mt_edit_precision_wmt21.py flags MIRROR OUT.tsv [--per-kind 12] [--seed 21]
    python tests/bench/mt_edit_precision_wmt21.py census MIRROR OUT.tsv [--file ref-A]
    python tests/bench/mt_edit_precision_wmt21.py score LABELLED.tsv [--mirror MIRROR]

`rates` prints, per file, edits, removed lines, heading decisions and flags per 1,000 lines (a WMT
line is a sentence or two): on the human reference every one is a candidate false positive. `sample`,
`flags` and `score` are those of tests/bench/mt_edit_precision.py (stratified by rule / flag kind, fixed
seed; every removal is written), over all six files; the system column says which file. `census`
writes every event of one file (by default the human reference: each one a candidate false positive),
edits and flags together, to label them all; `score` reads such a file too.
Labelled data (labelled on the revision before the audit's fixes): tests/bench/data/
mt_edit_precision_wmt21.tsv, mt_flag_precision_wmt21.tsv and mt_census_wmt21_ref.tsv.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mt_edit_precision import cleaned, command_line, group_of, print_scores, read, rerun, write_sample  # noqa: E402
from mt_edit_precision_zh import clean as clean_docs  # noqa: E402

FILES = {
    "ref-A": "txt/references/newstest2021.zh-en.ref.A.en",
    "NiuTrans": "txt/system-outputs/newstest2021.zh-en.hyp.NiuTrans.en",
    "Facebook-AI": "txt/system-outputs/newstest2021.zh-en.hyp.Facebook-AI.en",
    "Online-A": "txt/system-outputs/newstest2021.zh-en.hyp.Online-A.en",
    "Online-Y": "txt/system-outputs/newstest2021.zh-en.hyp.Online-Y.en",
    "src-zh": "txt/sources/newstest2021.zh-en.src.zh",
}
SOURCE = FILES["src-zh"]
# A Chinese news headline as the test set carries it: the title, a dash, the site ("-新华网",
# " - 中新网", "-经济观察－专业财经新闻网站").
HEADLINE = re.compile(r"\s*[-_|—–]\s*[^\s，。、-]{2,12}(网|网站|新闻|报|频道|在线|日报|晚报|时报|周刊)$")


def starts(mirror: Path) -> list[int]:
    """The 0-based source lines that start a document."""
    src = read(mirror, SOURCE)
    return sorted({0} | {i for i, line in enumerate(src) if HEADLINE.search(line)})


def documents(mirror: Path, system: str) -> list[tuple[str, list[str]]]:
    lines = read(mirror, FILES[system])
    cuts = starts(mirror) + [len(lines)]
    return [(f"L{a + 1}", lines[a:b]) for a, b in zip(cuts, cuts[1:])]


def clean(mirror: Path, tmp: Path, flags: bool = False) -> list[dict]:
    return clean_docs(mirror, tmp, list(FILES), documents, flags=flags)


def rates(a: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as t:
        rows = clean(a.mirror, Path(t)) + clean(a.mirror, Path(t), flags=True)
    n_lines = {s: len(read(a.mirror, f)) for s, f in FILES.items()}
    by: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    rules: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for r in rows:
        by[r["system"]][group_of(r["rule"])] += 1
        rules[r["system"]][r["rule"].split(":")[0] if group_of(r["rule"]) == "edits" else r["rule"]] += 1
    print(f"{len(starts(a.mirror))} documents")
    print("| file | lines | edits /1k | removals /1k | headings /1k | flags /1k |")
    print("|---|---:|---:|---:|---:|---:|")
    for s in FILES:
        c, n = by[s], n_lines[s]
        print(f"| {s} | {n} | " + " | ".join(f"{1000 * c[g] / n:.1f} ({c[g]})"
                                              for g in ("edits", "removals", "kinds", "flags")) + " |")
    for s in FILES:
        print(f"{s}: " + ", ".join(f"{k} {v}" for k, v in rules[s].most_common()))
    return 0


def sample(a: argparse.Namespace) -> int:
    write_sample(cleaned(clean, a.mirror), a.out, a.seed, a.per_rule, a.per_kind)
    return 0


def census(a: argparse.Namespace) -> int:
    """Every event on one file (edits, heading decisions, removals and flags), to label them all."""
    rows = [r for r in cleaned(clean, a.mirror) + cleaned(clean, a.mirror, flags=True) if r["system"] == a.file]
    big = len(rows) + 1
    write_sample(rows, a.out, 0, big, big)
    return 0


def sample_flags(a: argparse.Namespace) -> int:
    write_sample(cleaned(clean, a.mirror, flags=True), a.out, a.seed, a.per_kind)
    return 0


def score(a: argparse.Namespace) -> int:
    still = rerun(a.tsv, a.mirror, clean) if a.mirror else None
    print_scores(a.tsv, still, lambda rule: rule if group_of(rule) != "edits" else rule.split(":")[0])
    return 0


def main() -> int:
    ap, sub = command_line(sample, score, per_rule=12, seed=21, flags=sample_flags)
    sub.choices["sample"].add_argument("--per-kind", type=int, default=12)
    c = sub.add_parser("census")
    c.add_argument("mirror", type=Path)
    c.add_argument("out", type=Path)
    c.add_argument("--file", default="ref-A", choices=list(FILES))
    c.set_defaults(func=census)
    r = sub.add_parser("rates")
    r.add_argument("mirror", type=Path)
    r.set_defaults(func=rates)
    a = ap.parse_args()
    return int(a.func(a))


if __name__ == "__main__":
    sys.exit(main())
