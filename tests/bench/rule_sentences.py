"""Which boilerplate rules remove a whole sentence of clean text?

Every pack rule is tried (``boilerplate.match_line``) on each full sentence of clean human text: lines
of seven words or more ending in a sentence mark (English), or of twelve Han characters or more ending
in 。！？ (Chinese), from the WMT22 general-test sources and references, MAC-Dev's chapters and the
first 400 CleanEval gold pages. A rule should match none but real furniture (a copyright line, a
photo caption); each hit is printed with up to six examples.

    python tests/bench/rule_sentences.py --wmt22 DIR --mac-dev ../shared/data/mac-dev \\
        --merged /work/.mirror/j-szulc+html-cleaning-dataset-merged/repo
"""

from __future__ import annotations

import argparse
import collections
import re
import subprocess
from pathlib import Path

from toolkit.stages.boilerplate import load_packs, match_line

_SENTENCE_EN = re.compile(r"[.!?。！？][\"”’]?$")
_SENTENCE_ZH = re.compile(r"[。！？][\"”’]?$")
_HAN12 = re.compile(r"[\u4e00-\u9fff]{12}")


def lines_of(wmt22: Path | None, mac_dev: Path | None, merged: Path | None, pages: int) -> list[str]:
    lines: list[str] = []
    for folder in (wmt22, mac_dev):
        if folder is not None:
            for f in sorted(p for p in folder.rglob("*") if p.is_file()):
                lines += f.read_text(encoding="utf-8", errors="replace").split("\n")
    if merged is not None:
        git = ["git", "--git-dir", str(merged)]
        names = subprocess.run([*git, "ls-tree", "-r", "--name-only", "HEAD", "cleaneval-final/GoldStandard"],
                               capture_output=True, text=True, check=True).stdout.split()[:pages]
        for n in names:
            text = subprocess.run([*git, "show", f"HEAD:{n}"], capture_output=True, check=True).stdout.decode("utf-8", "replace")
            lines += [re.sub(r"^<[phl]>\s*", "", x) for x in text.split("\n")]
    return lines


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wmt22", type=Path)
    ap.add_argument("--mac-dev", type=Path)
    ap.add_argument("--merged", type=Path)
    ap.add_argument("--pages", type=int, default=400)
    a = ap.parse_args()
    lines = [x.strip() for x in lines_of(a.wmt22, a.mac_dev, a.merged, a.pages)]
    en = [x for x in lines if len(x.split()) >= 7 and _SENTENCE_EN.search(x)]
    zh = [x for x in lines if _HAN12.search(x) and _SENTENCE_ZH.search(x)]
    print(f"{len(en)} English and {len(zh)} Chinese sentences")
    rules = load_packs(())
    hits: dict[str, list[str]] = collections.defaultdict(list)
    for s in en + zh:
        m = match_line(rules, s)
        if m and m[1] == 0 and m[2] == len(s):
            hits[m[0].id].append(s)
    for rule, found in sorted(hits.items(), key=lambda kv: -len(kv[1])):
        print(len(found), rule)
        for s in found[:6]:
            print("    ", s[:160])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
