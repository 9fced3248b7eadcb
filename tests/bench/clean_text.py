"""Clean human text through `toolkit clean`: every edit, flag and removal on it is a candidate false
positive. Input: the WMT22 general-task files (wmt-conference/wmt22-news-systems, `txt-ts/`):
the original English and Chinese sources and the human references A, ten lines to a document.

    python tests/bench/clean_text.py WMT_DIR [--rev REV] [--dump DIR]

Prints, per file, the counts by rule (edits, flags, removed lines) for this checkout and, with
--rev, for an earlier revision checked out in a temporary worktree; --dump DIR keeps this checkout's
output records (DIR/<file>.jsonl) to read the examples in context. Rules that apply a policy to
correct text (Chinese punctuation made full-width, Traditional characters made Simplified,
full-width digits) are listed like the rest: read the examples before calling any of them wrong.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FILES = {
    "en source": "generaltest2022.en-zh.src.en",
    "en reference": "generaltest2022.zh-en.ref.A.en",
    "zh source": "generaltest2022.zh-en.src.zh",
    "zh reference": "generaltest2022.en-zh.ref.A.zh",
}


def counts(root: Path, corpus: Path, tmp: Path, dump: Path | None = None) -> collections.Counter[str]:
    out = tmp / "out.jsonl"
    env = dict(os.environ, PYTHONPATH=str(root), TOOLKIT_CACHE=str(tmp / "cache"))
    subprocess.run([sys.executable, "-m", "toolkit", "clean", str(corpus), "-o", str(out), "-q"], env=env, check=True,
                   cwd=str(root), capture_output=True)
    if dump is not None:
        dump.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(out, dump)
    c: collections.Counter[str] = collections.Counter()
    for line in out.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        c.update("edit " + e["rule"].split(":")[0] for e in rec["edits"])
        c.update("flag " + f["kind"] for f in rec["flags"])
        c.update("removed " + r["reason"] for r in rec["removed"])
    return c


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("wmt", type=Path)
    ap.add_argument("--rev", default="")
    ap.add_argument("--dump", type=Path, help="write this checkout's output records to DIR/<file>.jsonl")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as t, revision_tree(a.rev, Path(t)) as old_root:
        tmp = Path(t)
        for label, name in FILES.items():
            lines = (a.wmt / name).read_text(encoding="utf-8").splitlines()
            corpus = tmp / f"{name}.jsonl"
            with open(corpus, "w", encoding="utf-8") as fh:
                for i in range(0, len(lines), 10):
                    fh.write(json.dumps({"id": f"{name}:{i + 1}", "text": "\n\n".join(lines[i:i + 10])},
                                        ensure_ascii=False) + "\n")
            now = counts(ROOT, corpus, tmp, a.dump / f"{name}.jsonl" if a.dump else None)
            old = counts(old_root, corpus, tmp) if old_root else None
            report(f"{label} ({len(lines)} lines)", now, old, a.rev)
    return 0


@contextlib.contextmanager
def revision_tree(rev: str, tmp: Path) -> Iterator[Path | None]:
    """An earlier revision checked out in a temporary worktree (None without one), removed after."""
    if not rev:
        yield None
        return
    root = tmp / "old"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(root), rev], check=True)
    try:
        yield root
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(root)], capture_output=True)


def report(title: str, now: collections.Counter[str], old: collections.Counter[str] | None, rev: str) -> None:
    """Counts by rule, this checkout's first and then (when given) the earlier revision's."""
    print(f"\n{title}: {sum(now.values())} in all" + (f" ({sum(old.values())} at {rev})" if old is not None else ""))
    for key in sorted(set(now) | set(old or {}), key=lambda k: -now.get(k, 0)):
        print(f"  {now.get(key, 0):5d}" + (f" {old.get(key, 0):5d}" if old is not None else "") + f"  {key}")


if __name__ == "__main__":
    sys.exit(main())
