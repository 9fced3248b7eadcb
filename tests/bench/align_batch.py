"""Batch alignment: 24 chapter pairs in one ``toolkit align`` call against 24 separate calls.

    python tests/bench/align_batch.py [--data ../shared/data/mac-dev] [--no-separate]

The 24 chapters are the six MAC-Dev chapters cut into four parts each at gold bead boundaries
(about 60 Chinese sentences a part), written to a temporary folder that is deleted afterwards
(the literary texts are never copied into the project). Times are whole processes, as a user
sees them, with the CC-CEDICT cache already built (the first run on a machine builds it once).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from toolkit.alignment.score import parse_beads  # noqa: E402


def make_chapters(data: Path, out: Path, parts: int = 4) -> int:
    (out / "zh").mkdir()
    (out / "en").mkdir()
    n = 0
    for g in sorted((data / "gold").glob("*.align")):
        zh = (data / "zh" / f"{g.stem}.zh").read_text(encoding="utf-8").splitlines()
        en = (data / "en" / f"{g.stem}.en").read_text(encoding="utf-8").splitlines()
        beads = parse_beads(g.read_text(encoding="utf-8").splitlines())
        step = -(-len(beads) // parts)
        for k in range(parts):
            chunk = beads[k * step : (k + 1) * step]
            zi = sorted(i for s, _ in chunk for i in s)
            ej = sorted(j for _, t in chunk for j in t)
            (out / "zh" / f"{g.stem}-{k}.txt").write_text("\n".join(zh[i] for i in zi) + "\n", encoding="utf-8")
            (out / "en" / f"{g.stem}-{k}.txt").write_text("\n".join(en[j] for j in ej) + "\n", encoding="utf-8")
            n += 1
    return n


def run(*args: str) -> float:
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "toolkit", "align", *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"toolkit align failed ({r.returncode}): {r.stderr}")
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[3] / "shared/data/mac-dev"))
    ap.add_argument("--no-separate", action="store_true", help="skip the 24 separate calls")
    a = ap.parse_args()
    data = Path(a.data)
    if not (data / "gold").is_dir():
        print(f"no MAC-Dev data at {data}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        n = make_chapters(data, t)
        run(str(t / "zh" / "001-0.txt"), str(t / "en" / "001-0.txt"), "--presplit", "-o", str(t / "warm.jsonl"))
        secs = run(str(t / "zh"), str(t / "en"), "--presplit", "-o", str(t / "all.jsonl"))
        pairs = len((t / "all.jsonl").read_text(encoding="utf-8").splitlines())
        print(f"one call, {n} chapter pairs ({pairs} pairs written): {secs:.1f} s")
        if not a.no_separate:
            total = 0.0
            for z in sorted((t / "zh").iterdir()):
                total += run(str(z), str(t / "en" / z.name), "--presplit", "-o", str(t / f"{z.stem}.jsonl"))
            print(f"{n} separate calls: {total:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
