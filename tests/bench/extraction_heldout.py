"""A second look at extraction on pages the rules were *not* tuned on (not committed: read from a
local git copy of github j-szulc/html-cleaning-dataset-merged).

    python tests/bench/extraction_heldout.py --merged /path/to/html-cleaning-dataset-merged.git

- ``dragnet-heldout``: the next 150 Dragnet pages of the dev set's seeded shuffle (article of 50
  words or more, gold cut before the reader comments), none of them in ``tests/eval/html``.
- ``page-signal``: 100 Google News pages of github geodrome/page-signal (seeded sample); their
  gold keeps teaser lists and other page text, a different labelling convention, so recall is
  low for both tools.

Same metric and tools as ``tests/bench/extraction.py``.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "eval" / "html"))
import extraction as E  # noqa: E402
import make_devset as M  # noqa: E402


def dragnet_heldout(merged: str, n: int) -> list[dict]:
    dev = {p["id"] for p in E.load("en")}
    names = sorted(p.rsplit("/", 1)[1][:-4] for p in M.git_ls(merged, "dragnet_data/GoldStandard") if p.endswith(".txt"))
    random.Random(12).shuffle(names)
    rows: list[dict] = []
    for name in names:
        if f"dragnet-{name}" in dev:
            continue
        gold = M.git_show(merged, f"dragnet_data/GoldStandard/{name}.txt").decode("utf-8", "replace")
        gold = gold.split(M.COMMENTS_MARK, 1)[0].strip()
        if len(gold.split()) < 50:
            continue
        html = M.git_show(merged, f"dragnet_data/input/{name}.html").decode("utf-8", "replace")
        rows.append({"id": f"dragnet-{name}", "lang": "en", "html": html, "gold": gold})
        if len(rows) == n:
            break
    return rows


def page_signal(merged: str, n: int) -> list[dict]:
    paths = [p for p in M.git_ls(merged, "page-signal-master/GoldStandard") if p.endswith(".txt")]
    random.Random(5).shuffle(paths)
    rows: list[dict] = []
    for p in paths:
        name = p.rsplit("/", 1)[1][:-4]
        try:
            gold = M.git_show(merged, p).decode("utf-8", "replace")
            html = M.git_show(merged, f"page-signal-master/input/{name}.html").decode("utf-8", "replace")
        except Exception:  # noqa: BLE001 - a gold file without its page
            continue
        if "<" in gold[:200]:
            gold = M.text_of_html(gold)
        if len(gold.split()) < 50:
            continue
        rows.append({"id": f"ps-{name}", "lang": "en", "html": html, "gold": gold})
        if len(rows) == n:
            break
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--merged", required=True, help="git dir of j-szulc/html-cleaning-dataset-merged")
    a = ap.parse_args()
    tools = (("toolkit", E.toolkit_extractor()), ("trafilatura", E.trafilatura_extractor()))
    print("| set | tool | pages | F1 | P | R | pages/s |\n|---|---|---|---|---|---|---|")
    for label, rows in (("dragnet-heldout", dragnet_heldout(a.merged, 150)), ("page-signal", page_signal(a.merged, 100))):
        for name, fn in tools:
            r = E.evaluate(name, fn, rows)
            print(f"| {label} | {name} | {r['pages']} | {r['F1']:.3f} | {r['P']:.3f} | {r['R']:.3f} | {r['pages_per_s']:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
