"""Start-up: whole-process time of `toolkit clean` on one small file, and on each bundled seed (a
real machine-translated page: its first document wakes the lazily loaded rules and word lists a
small ASCII file never touches), repeated, beside the same commands of an earlier version (a git
revision checked out in a temporary worktree) and beside the bare interpreter importing ftfy (the
floor any ftfy-based cleaner pays).

    python tests/bench/startup.py [--runs 7] [--rev 515c19b]

Prints min / median / max wall seconds of each; quote medians (the machine is shared).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def timed(cmd: list[str], env: dict[str, str], runs: int, cwd: Path = ROOT) -> list[float]:
    # ``python -m`` puts the working directory first on sys.path: each version runs from its own tree
    subprocess.run(cmd, env=env, capture_output=True, check=True, cwd=cwd)  # warm-up: .pyc files, disk cache
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True, cwd=cwd)
        out.append(time.perf_counter() - t0)
    return out


def row(label: str, xs: list[float]) -> str:
    return f"{label:52s} min {min(xs):.2f} s  median {statistics.median(xs):.2f} s  max {max(xs):.2f} s"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--rev", default="515c19b", help="earlier version to compare with (git revision)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "small.txt"
        doc.write_text("Cart\n\nThe economy grew,and jobs rose 5 % in May.\n", encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=str(ROOT), TOOLKIT_CACHE=str(Path(tmp) / "cache"))
        # as a user runs it: byte code written once and reused (an installed wheel ships it compiled)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        docs = [("one small file", doc)] + [(f"seed {p.name[:3]} ({p.stat().st_size // 1000} KB)", p)
                                            for p in sorted((ROOT / "seeds").glob("*.txt"))]

        def clean(d: Path, out: str) -> list[str]:
            return [sys.executable, "-m", "toolkit", "clean", str(d), "-o", str(Path(tmp) / out)]

        now = {label: timed(clean(d, "a.jsonl"), env, a.runs) for label, d in docs}
        cold = []
        for i in range(min(a.runs, 3)):  # the first run in an empty cache folder (regexes, glossary)
            cache = Path(tmp) / f"cold{i}"
            t0 = time.perf_counter()
            subprocess.run(clean(doc, "c.jsonl"), env=dict(env, TOOLKIT_CACHE=str(cache)), capture_output=True,
                           check=True, cwd=ROOT)
            cold.append(time.perf_counter() - t0)
        floor = timed([sys.executable, "-c", "import ftfy; ftfy.fix_text('x')"], env, a.runs)
        old: dict[str, list[float]] = {}
        wt = Path(tmp) / "old"
        if subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(wt), a.rev],
                          capture_output=True).returncode == 0:
            try:
                old_env = dict(env, PYTHONPATH=str(wt))
                old = {label: timed(clean(d, "b.jsonl"), old_env, a.runs, cwd=wt) for label, d in docs}
            finally:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(wt)], capture_output=True)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{a.runs} runs after a warm-up, caches warm")
    for label, _ in docs:
        print(row(f"toolkit clean, {label} (this version)", now[label]))
        if label in old:
            print(row(f"toolkit clean, {label} ({a.rev})", old[label]))
    print(row("one small file, first run in an empty cache folder", cold))
    print(row("python -c 'import ftfy; ftfy.fix_text(...)'", floor))
    return 0


if __name__ == "__main__":
    sys.exit(main())
