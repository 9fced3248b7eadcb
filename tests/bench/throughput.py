"""Throughput of `toolkit clean` (the CLI, start-up included) beside ftfy.fix_text alone and an
earlier version of toolkit (a git revision in a temporary worktree), on the same synthetic corpus
built from the seeds, in one run; then each stage's share, measured in-process.

    python tests/bench/throughput.py [--mb 5] [--workers 1] [--rev 515c19b] [--stages]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import build  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--rev", default="", help="also time this earlier revision (e.g. 515c19b)")
    ap.add_argument("--stages", action="store_true", help="print each stage's seconds (in-process run)")
    a = ap.parse_args()
    old_s = None
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        n = build(corpus, a.mb)
        texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        import ftfy

        t0 = time.perf_counter()
        for t in texts:
            ftfy.fix_text(t)
        ftfy_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "toolkit", "clean", str(corpus), "-o", str(Path(tmp) / "out.jsonl"),
                            "--workers", str(a.workers), "--no-progress"], capture_output=True, text=True)
        clean_s = time.perf_counter() - t0
        if r.returncode != 0:
            print(r.stderr, file=sys.stderr)
            return 1
        if a.rev:
            import os

            wt = Path(tmp) / "old"
            root = Path(__file__).resolve().parents[2]
            subprocess.run(["git", "-C", str(root), "worktree", "add", "-q", "--detach", str(wt), a.rev], check=True)
            try:
                t0 = time.perf_counter()
                subprocess.run([sys.executable, "-m", "toolkit", "clean", str(corpus), "-o", str(Path(tmp) / "old.jsonl"),
                                "--workers", str(a.workers), "--no-progress"], capture_output=True, text=True, check=True,
                               env=dict(os.environ, PYTHONPATH=str(wt)), cwd=str(wt))
                old_s = time.perf_counter() - t0
            finally:
                subprocess.run(["git", "-C", str(root), "worktree", "remove", "--force", str(wt)], capture_output=True)
        stage_rows = stage_table(texts) if a.stages else []
    print(f"machine: {platform.processor() or platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"corpus: {n} documents, {mb:.2f} MB (seeds, shuffled and renumbered)")
    print(f"toolkit clean --workers {a.workers}: {clean_s:.1f} s, {mb / clean_s:.2f} MB/s (start-up included)")
    if old_s is not None:
        print(f"toolkit clean at {a.rev}:   {old_s:.1f} s, {mb / old_s:.2f} MB/s (start-up included)")
    print(f"ftfy.fix_text alone:        {ftfy_s:.1f} s, {mb / ftfy_s:.2f} MB/s")
    print(f"toolkit / ftfy: {ftfy_s / clean_s:.2f}x ftfy's MB/s")
    if stage_rows:
        total = sum(sec for _, sec in stage_rows)
        print("\n| stage | seconds | share |\n|---|---|---|")
        for name, sec in sorted(stage_rows, key=lambda r: -r[1]):
            print(f"| {name} | {sec:.2f} | {sec / total:.0%} |")
    return 0


def stage_table(texts: list[str]) -> list[tuple[str, float]]:
    """Each stage's seconds over the corpus, in this process (the pipeline built and warmed first)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from toolkit import Pipeline
    from toolkit.model import Document

    pipe = Pipeline.default()
    pipe.prepare()
    pipe.run(Document(id="warm", source="warm", raw=texts[0]))
    for st in pipe.stages:
        st.seconds = 0.0
    for i, t in enumerate(texts):
        pipe.run(Document(id=str(i), source=str(i), raw=t))
    return [(st.name, st.seconds) for st in pipe.stages]


if __name__ == "__main__":
    sys.exit(main())
