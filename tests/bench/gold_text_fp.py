"""Clean human web text through `toolkit clean`: CleanEval gold standard (hand-cleaned article text of
general English web pages, 2007). Every removal, edit and flag on it is a candidate false positive; the
gold is hand-cleaned but not perfect, so read the samples before calling a decision wrong.

    python tests/bench/gold_text_fp.py MIRROR [--split dev|test|both] [--rev REV ...] [--sample N] [--dump DIR]

MIRROR is a clone of j-szulc/html-cleaning-dataset-merged; a bare one is read with `git show`. Pages:
`cleaneval-final/GoldStandard/*.txt` and `cleaneval-dev/GoldStandard/*.txt`. The markup is stripped: the
`URL:` first line goes, and every `<p>`, `<h>` or `<l>` marker (at a line's start or, in some pages, inside it) starts a paragraph (the wrapped lines that
follow are joined with spaces); paragraphs are separated by blank lines, one record per page. Split: a page
whose numeric id is even is dev, odd is test (read and fix on dev; score test only at the end).

Prints, per split, the counts of removals (by reason and rule), edits (by rule) and flags (by kind), as
numbers and per 1,000 paragraphs, for this checkout and, with --rev (repeatable), for earlier revisions checked out in
temporary worktrees. --sample N prints up to N decisions of each kind (removed, edit, flag) on dev with
their paragraph context, seeded (--seed) so a labelled sample can be drawn again; --dump DIR keeps this
checkout's output records (DIR/<split>.jsonl) and the input (DIR/<split>.in.jsonl).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))
from clean_text import revision_tree  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DIRS = {"final": "cleaneval-final/GoldStandard", "dev": "cleaneval-dev/GoldStandard"}
MARK = re.compile(r"\s*<([phl])>\s*", re.I)  # the group: which marker
T = TypeVar("T")


def _git(mirror: Path, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(mirror), *args], check=True, capture_output=True).stdout


def read_page(mirror: Path, path: str) -> str:
    raw = (mirror / path).read_bytes() if (mirror / path).is_file() else _git(mirror, "show", f"HEAD:{path}")
    for enc in ("utf-8", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1")


def list_pages(mirror: Path, folder: str) -> list[str]:
    if (mirror / folder).is_dir():
        return sorted(f"{folder}/{p.name}" for p in (mirror / folder).glob("*.txt"))
    return sorted(x for x in _git(mirror, "ls-tree", "--name-only", "HEAD", folder + "/").decode().split()
                  if x.endswith(".txt"))


def marked_paragraphs(gold: str) -> list[tuple[str, str]]:
    """The gold page as (marker, text): marker "p", "h" or "l" ("" for text before any marker), markers
    stripped from the text, wrapped lines joined, the URL line dropped."""
    out: list[tuple[str, list[str]]] = []
    lines = gold.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[0].startswith("URL:"):
        lines = lines[1:]
    for line in lines:
        parts = MARK.split(line)  # text, marker, text, marker, text ...
        for k in range(0, len(parts), 2):
            if k:  # a marker, at the start of the line or inside it ("Status: ... <p>Salary: ..."), opens a paragraph
                out.append((parts[k - 1].lower(), []))
            piece = " ".join(parts[k].split())
            if piece:
                if not out:
                    out.append(("", []))
                out[-1][1].append(piece)
    return [(mark, " ".join(p)) for mark, p in out if p]


def paragraphs(gold: str) -> list[str]:
    """The gold page as paragraphs: markers stripped, wrapped lines joined, the URL line dropped."""
    return [text for _, text in marked_paragraphs(gold)]


def pages(mirror: Path, read: Callable[[str], list[T]] = paragraphs) -> dict[str, list[tuple[str, list[T]]]]:  # type: ignore[assignment]
    """split -> [(page id, paragraphs)]: even numeric id is dev, odd is test. ``read`` turns a gold page
    into its paragraphs (``marked_paragraphs`` keeps each one's marker)."""
    by_split: dict[str, list[tuple[str, list[T]]]] = {"dev": [], "test": []}
    for tag, folder in DIRS.items():
        for path in list_pages(mirror, folder):
            num = int(re.sub(r"\D", "", Path(path).stem) or 0)
            paras = read(read_page(mirror, path))
            if paras:
                by_split["dev" if num % 2 == 0 else "test"].append((f"{tag}/{num}", paras))
    return by_split


def document(page: str, paras: list[str]) -> dict[str, str]:
    """The input record of one gold page: its paragraphs separated by blank lines (paragraph i starts
    on line 2i+1)."""
    return {"id": page, "text": "\n\n".join(paras)}


def write_corpus(path: Path, docs: list[tuple[str, list[str]]]) -> Path:
    """The pages' input records (:func:`document`), one JSON line each, at ``path``."""
    with open(path, "w", encoding="utf-8") as fh:
        for page, paras in docs:
            fh.write(json.dumps(document(page, paras), ensure_ascii=False) + "\n")
    return path


def run(root: Path, corpus: Path, tmp: Path) -> list[dict]:
    out = tmp / "out.jsonl"
    env = dict(os.environ, PYTHONPATH=str(root), TOOLKIT_CACHE=str(tmp / "cache"))
    subprocess.run([sys.executable, "-m", "toolkit", "clean", str(corpus), "-o", str(out), "-q"], env=env, check=True,
                   cwd=str(root), capture_output=True)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def decisions(recs: list[dict]) -> collections.Counter[str]:
    c: collections.Counter[str] = collections.Counter()
    for rec in recs:
        c.update(f"removed {r['reason']} {r['rule']}" for r in rec["removed"])
        c.update("edit " + e["rule"] for e in rec["edits"])
        c.update("flag " + f["kind"] for f in rec["flags"])
    return c


def report(title: str, n_par: int, now: collections.Counter[str],
           olds: list[tuple[str, collections.Counter[str]]]) -> None:
    """Totals per kind, then counts by rule, this checkout's first and then each earlier revision's;
    per 1,000 paragraphs in brackets."""
    per_k = lambda n: 1000 * n / max(n_par, 1)  # noqa: E731
    cell = lambda n: f"{n:5d} ({per_k(n):6.2f}/1k)"  # noqa: E731
    print(f"\n{title}")
    print(f"  {'':34s} {'now':>18s}" + "".join(f" | {rev:>18s}" for rev, _ in olds))
    def tot(c: collections.Counter[str], kind: str) -> int:
        return sum(v for k, v in c.items() if k.startswith(kind + " "))

    for kind in ("removed", "edit", "flag"):
        print(f"  {kind + ' (all)':34s} {cell(tot(now, kind))}" + "".join(f" | {cell(tot(o, kind))}" for _, o in olds))
    keys = set(now).union(*(o for _, o in olds))
    for key in sorted(keys, key=lambda k: (-now.get(k, 0), k)):
        print(f"    {'':32s}{cell(now.get(key, 0))}" + "".join(f" | {cell(o.get(key, 0))}" for _, o in olds) + f"  {key}")


def samples(recs: list[dict], corpus: dict[str, list[str]], n: int, seed: int) -> None:
    """Up to n decisions of each kind with the paragraph they hit (and its neighbours for a removal); an
    edit is shown as ``[[before->after]]`` in its paragraph, a flag's place as ``[[``."""
    items: dict[str, list[tuple[str, str, str, str]]] = {"removed": [], "edit": [], "flag": []}
    for rec in recs:
        page = rec["id"]
        src = corpus.get(page, corpus.get(page.split("#")[0], []))
        out = rec["paragraphs"]
        # input line -> input paragraph: paragraphs are separated by one blank line
        for r in rec["removed"]:
            i = (r["line"] - 1) // 2
            ctx = " || ".join(src[j] for j in range(max(i - 1, 0), min(i + 2, len(src))))
            items["removed"].append((page, f"{r['reason']} {r['rule']}", r["text"], ctx))
        text: dict[object, str] = {}  # each paragraph as the edits so far left it ("start" is an offset in it)
        for e in rec["edits"]:
            p = e.get("paragraph")
            t = text.setdefault(p, _source(src, out, p))
            at, before = e["start"], e["before"]
            ctx = f"{t[max(0, at - 120):at]}[[{before}->{e['after']}]]{t[at + len(before):at + len(before) + 120]}"
            items["edit"].append((page, e["rule"], f"{before!r} -> {e['after']!r}", ctx))
            text[p] = t[:at] + e["after"] + t[at + len(before):]
        for f in rec["flags"]:
            p = f.get("paragraph")
            t = out[p]["text"] if isinstance(p, int) and p < len(out) else ""
            at = f["start"]
            ctx = f"{t[max(0, at - 120):at]}[[{t[at:at + 120]}" if t else str(f.get("field", ""))
            items["flag"].append((page, f"{f['kind']} {f.get('rule', '')}", f"{f['text']!r}: {f['message']}", ctx))
    rng = random.Random(seed)
    for kind, rows in items.items():
        pick = sorted(rng.sample(range(len(rows)), min(n, len(rows))))
        print(f"\n== {kind}: {len(pick)} of {len(rows)} ==")
        for i in pick:
            page, rule, text, ctx = rows[i]
            print(f"- [{page}] {rule}: {text[:300]}\n    context: {ctx[:600]}")


def _source(src: list[str], out: list[dict], p: object) -> str:
    """The input paragraph an output paragraph came from (its text before any edit)."""
    if not isinstance(p, int) or p >= len(out):
        return ""
    i = (out[p].get("line", 1) - 1) // 2
    return src[i] if i < len(src) else out[p]["text"]


def revision_roots(revs: list[str], tmp: Path, stack: contextlib.ExitStack) -> list[tuple[str, Path]]:
    """Each earlier revision checked out in its own temporary worktree, removed when ``stack`` closes."""
    roots = []
    for k, rev in enumerate(revs):
        (tmp / f"rev{k}").mkdir()
        root = stack.enter_context(revision_tree(rev, tmp / f"rev{k}"))
        assert root is not None
        roots.append((rev, root))
    return roots


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("mirror", type=Path)
    ap.add_argument("--split", choices=("dev", "test", "both"), default="dev")
    ap.add_argument("--rev", action="append", default=[], help="an earlier revision to compare with (repeatable)")
    ap.add_argument("--sample", type=int, default=0, help="print up to N decisions of each kind on dev, in context")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dump", type=Path, help="write this checkout's output records to DIR/<split>.jsonl")
    a = ap.parse_args()
    by_split = pages(a.mirror)
    splits = ["dev", "test"] if a.split == "both" else [a.split]
    with tempfile.TemporaryDirectory() as t, contextlib.ExitStack() as stack:
        tmp = Path(t)
        roots = revision_roots(a.rev, tmp, stack)
        for split in splits:
            docs = by_split[split]
            corpus = write_corpus(tmp / f"{split}.jsonl", docs)
            recs = run(ROOT, corpus, tmp)
            if a.dump:
                a.dump.mkdir(parents=True, exist_ok=True)
                shutil.copy(tmp / "out.jsonl", a.dump / f"{split}.jsonl")
                shutil.copy(corpus, a.dump / f"{split}.in.jsonl")
            olds = [(rev, decisions(run(root, corpus, tmp))) for rev, root in roots]
            n_par = sum(len(p) for _, p in docs)
            report(f"{split} ({len(docs)} pages, {n_par} paragraphs)", n_par, decisions(recs), olds)
            if a.sample and split == "dev":
                samples(recs, dict(docs), a.sample, a.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
