"""Throughput of `toolkit clean` (the CLI, start-up included) and of ftfy.fix_text alone, on the
same synthetic corpus built from the seeds.

    python tests/bench/throughput.py [--mb 5] [--workers 1]
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
    a = ap.parse_args()
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
    print(f"machine: {platform.processor() or platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"corpus: {n} documents, {mb:.2f} MB (seeds, shuffled and renumbered)")
    print(f"toolkit clean --workers {a.workers}: {clean_s:.1f} s, {mb / clean_s:.2f} MB/s (start-up included)")
    print(f"ftfy.fix_text alone:        {ftfy_s:.1f} s, {mb / ftfy_s:.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
