"""Edit, removal and heading precision on machine translation into Chinese the project had never seen:
WMT25 general-task system outputs (wmt-conference/wmt25-general-mt, `data/systems/<system>.jsonl`)
cleaned by `toolkit clean`.

Each line of a system's file is one document: `doc_id` (`en-zh_CN_#_news_#_guardian.229338`: language
pair, domain, source document) and `hypothesis`, the whole translated document, its paragraphs separated by
newlines (a blank line between the posts of a social thread). The documents are built as
tests/bench/mt_edit_precision_zh.py builds WMT24's: the non-blank lines joined with blank lines between
paragraphs. Files: en→zh of Laniqo and SRPOL (87 documents each) and ja→zh of In2x and Laniqo (106 each);
the sources are not used. `sample`, `score` and `flags` are those of the WMT24 bench (edits stratified by
rule, every removal, --per-kind heading decisions; fixed seed); `dump` keeps the input and output records
(titles, metadata, every edit, flag and removal) to read them in context.

    python tests/bench/mt_edit_precision_zh_wmt25.py sample MIRROR OUT.tsv [--per-rule 12] [--per-kind 30] [--seed 25]
    python tests/bench/mt_edit_precision_zh_wmt25.py flags MIRROR OUT.tsv [--per-kind 12] [--seed 25]
    python tests/bench/mt_edit_precision_zh_wmt25.py score LABELLED.tsv [--mirror MIRROR]
    python tests/bench/mt_edit_precision_zh_wmt25.py dump MIRROR DIR

MIRROR is the git directory of the repository (a bare mirror is read with `git show`) or a checkout.
Labelled sample: tests/bench/data/mt_edit_precision_zh_wmt25.tsv.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mt_edit_precision import cleaned, command_line, print_scores, read, rerun, write_sample  # noqa: E402
from mt_edit_precision_zh import clean as clean_docs  # noqa: E402

PATH = "data/systems/{}.jsonl"
# system: the language pairs of its documents used here (an online-style MT system, an LLM-based one).
SYSTEMS = {"Laniqo": ("en-zh_CN", "ja-zh_CN"), "SRPOL": ("en-zh_CN",), "In2x": ("ja-zh_CN",)}


def documents(mirror: Path, system: str) -> list[tuple[str, list[str]]]:
    """(document id, its paragraphs) for the system's documents into Chinese, in file order."""
    out = []
    for line in read(mirror, PATH.format(system)):
        rec = json.loads(line)
        if rec["doc_id"].split("_#_")[0] in SYSTEMS[system]:
            out.append((rec["doc_id"], [p for p in rec["hypothesis"].split("\n") if p.strip()]))
    return out


def clean(mirror: Path, tmp: Path, flags: bool = False) -> list[dict]:
    return clean_docs(mirror, tmp, list(SYSTEMS), documents, flags=flags)


def sample(a: argparse.Namespace) -> int:
    write_sample(cleaned(clean, a.mirror), a.out, a.seed, a.per_rule, a.per_kind)
    return 0


def sample_flags(a: argparse.Namespace) -> int:
    write_sample(cleaned(clean, a.mirror, flags=True), a.out, a.seed, a.per_kind)
    return 0


def score(a: argparse.Namespace) -> int:
    still = rerun(a.tsv, a.mirror, clean) if a.mirror else None
    print_scores(a.tsv, still)
    return 0


def dump(a: argparse.Namespace) -> int:
    """<system>.jsonl (the documents) and <system>.out.jsonl (the records) in DIR."""
    a.dir.mkdir(parents=True, exist_ok=True)
    clean(a.mirror, a.dir)
    return 0


def main() -> int:
    ap, sub = command_line(sample, score, per_rule=12, seed=25, flags=sample_flags)
    sub.choices["sample"].add_argument("--per-kind", type=int, default=30,
                                       help="paragraphs sampled per kind decision (heading)")
    d = sub.add_parser("dump")
    d.add_argument("mirror", type=Path)
    d.add_argument("dir", type=Path)
    d.set_defaults(func=dump)
    a = ap.parse_args()
    return int(a.func(a))


if __name__ == "__main__":
    sys.exit(main())
