"""Body extraction on CleanEval's HTML pages (toolkit and trafilatura), dev/test by page id.

    python tests/bench/extraction_cleaneval.py MIRROR [--split dev|test] [--worst N]

MIRROR is a local git copy of github j-szulc/html-cleaning-dataset-merged (``cleaneval-dev`` and
``cleaneval-final``: ``input/N.html`` and ``GoldStandard/N.txt``, read with ``git show``). CleanEval's
pages are of every kind (news, blogs, forums, shops, government and academic pages) and its gold
keeps all the text a reader would keep, reader comments and lists included, with ``<p>``/``<h>``/
``<l>`` marks (stripped here). Even page ids are dev, odd ids test (as in ``gold_text_fp.py``). The
metric is ``extraction.py``'s (the scrapinghub benchmark's 4-token shingles, averaged per page).
"""

from __future__ import annotations

import argparse
import html
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extraction import score, toolkit_extractor, trafilatura_extractor  # noqa: E402
from gold_text_fp import _git, list_pages  # noqa: E402


def pages(mirror: Path, split: str) -> list[tuple[str, str, str]]:
    rows = []
    for tag in ("cleaneval-dev", "cleaneval-final"):
        for path in list_pages(mirror, f"{tag}/GoldStandard"):
            num = int(re.sub(r"\D", "", path.rsplit("/", 1)[1]) or 0)
            if (num % 2 == 0) != (split == "dev"):
                continue
            try:
                page = _git(mirror, "show", f"HEAD:{tag}/input/{num}.html").decode("utf-8", "replace")
            except subprocess.CalledProcessError:
                continue
            gold = _git(mirror, "show", f"HEAD:{path}").decode("utf-8", "replace")
            gold = html.unescape(re.sub(r"<[phlPHL]>|^URL:.*$", " ", gold, flags=re.M))
            rows.append((f"{tag}/{num}", page, gold))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mirror", type=Path)
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--worst", type=int, default=0, help="list the N pages where toolkit trails trafilatura most")
    args = ap.parse_args(argv)
    rows = pages(args.mirror, args.split)
    print("| split | tool | pages | F1 | P | R |\n|---|---|---|---|---|---|")
    per: dict[str, dict[str, float]] = {}
    for name, make in (("toolkit", toolkit_extractor), ("trafilatura", trafilatura_extractor)):
        extract = make()
        ps, rs = [], []
        for pid, page, gold in rows:
            p, r = score(gold, extract(page) or "")
            ps.append(p)
            rs.append(r)
            per.setdefault(pid, {})[name] = 2 * p * r / (p + r) if p + r else 0.0
        P, R = sum(ps) / len(ps), sum(rs) / len(rs)
        print(f"| {args.split} | {name} | {len(rows)} | {2 * P * R / (P + R):.3f} | {P:.3f} | {R:.3f} |")
    for pid in sorted(per, key=lambda k: per[k]["toolkit"] - per[k]["trafilatura"])[: args.worst]:
        print(f"  {pid}: toolkit {per[pid]['toolkit']:.2f}, trafilatura {per[pid]['trafilatura']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
