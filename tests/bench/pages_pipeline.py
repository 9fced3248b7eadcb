"""What the later stages (metadata, boilerplate, qa, punctuation ...) do to real news pages after
extraction: every removal, the title and metadata, edits and flags, labelled by hand.

Pages (none in ``tests/eval/html``; not committed: read from local git copies):

- Chinese: every GeneralNewsExtractor news page the dev set does not hold: the ten pages
  left out of it (``ZH_EXCLUDED``). The three pages GNE's history once held (``people/2``,
  ``mct/1``, ``yna/1``) are empty files. No other Chinese news set is at hand, so 10, not 40.
- English: Dragnet pages of the dev set's seeded shuffle (seed 12) after the dev set's 100 and the
  held-out 150 of ``extraction_heldout.py`` (so pages no stage was looked at on), 50 words or more.

    python tests/bench/pages_pipeline.py build --merged MERGED.git --gne GNE.git --out /tmp/pp
    python tests/bench/pages_pipeline.py run --out /tmp/pp            # toolkit clean -> out.jsonl
    python tests/bench/pages_pipeline.py sample --out /tmp/pp > rows.tsv   # one row per item
    python tests/bench/pages_pipeline.py score tests/bench/data/pages_pipeline_before.tsv

``sample`` writes every item that is not the extractor's own page furniture (``ingest`` removals
of script/style/nav/aside ... are the extractor's job, scored by ``extraction.py``): removals of
the later stages, the title, each metadata field, every edit and flag. A labelled TSV has a
``label`` column: ``right`` (the removal/value/edit is correct), ``wrong``, ``neutral`` (harmless
either way). Precision = right / (right + wrong), with a 95% Wilson interval.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stats import wilson  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "eval" / "html"))
import make_devset as M  # noqa: E402

#: GNE test pages deleted from its tree, with the commit that added them.
GNE_HISTORY = {"people__2": ("cc16b6f4803edaede20ed8bf2cef636ad5826d2a", "tests/people/2.html"),
               "mct__1": ("cc16b6f4803edaede20ed8bf2cef636ad5826d2a", "tests/mct/1.html"),
               "yna__1": ("cc16b6f4803edaede20ed8bf2cef636ad5826d2a", "tests/yna/1.html")}
#: Dragnet pages to skip at the front of the seeded shuffle: the dev set (100) and the held-out
#: set (150) of ``extraction_heldout.py`` both come from there.
EN_SKIP = 250
FIELDS = ["page", "lang", "kind", "stage", "reason", "rule", "text", "label", "note"]


def _show(repo: str, spec: str) -> bytes:
    return subprocess.run(["git", "--git-dir", repo, "show", spec], check=True, capture_output=True).stdout


def build(merged: str, gne: str, out: Path, n_en: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in sorted(M.ZH_EXCLUDED):
        (out / f"zh-{name}").write_bytes(_show(gne, "HEAD:tests/" + name.replace("__", "/")))
    names = sorted(p.rsplit("/", 1)[1][:-4] for p in M.git_ls(merged, "dragnet_data/GoldStandard") if p.endswith(".txt"))
    random.Random(12).shuffle(names)
    kept = 0
    for name in names:
        gold = M.git_show(merged, f"dragnet_data/GoldStandard/{name}.txt").decode("utf-8", "replace")
        if len(gold.split(M.COMMENTS_MARK, 1)[0].split()) < 50:
            continue
        kept += 1
        if kept <= EN_SKIP:
            continue
        (out / f"en-{name}.html").write_bytes(M.git_show(merged, f"dragnet_data/input/{name}.html"))
        if kept - EN_SKIP == n_en:
            break


def run(out: Path) -> None:
    pages = sorted(str(p) for p in out.glob("*.html"))
    with open(out / "out.jsonl", "wb") as fh:
        subprocess.run(["toolkit", "clean", "-q", *pages], check=True, stdout=fh)


def sample(out: Path) -> None:
    w = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    w.writerow(FIELDS)
    for line in open(out / "out.jsonl", encoding="utf-8"):
        r = json.loads(line)
        page = Path(r["source"]).stem
        lang = page.split("-", 1)[0]
        w.writerow([page, lang, "title", "metadata", "title", "", r.get("title") or "", "", ""])
        for k, v in (r.get("metadata") or {}).items():
            if k != "title":
                w.writerow([page, lang, "metadata", "metadata", k, "", json.dumps(v, ensure_ascii=False), "", ""])
        for x in r["removed"]:
            if x.get("stage") == "ingest" and not x["rule"].startswith("html/meta"):
                continue
            w.writerow([page, lang, "removed", x.get("stage", ""), x["reason"], x["rule"], x["text"][:400], "", ""])
        for e in r["edits"]:
            w.writerow([page, lang, "edit", e.get("stage", ""), e.get("rule", ""), e.get("rule", ""),
                        f"{e.get('before', '')} -> {e.get('after', '')}", "", ""])
        for f in r["flags"]:
            w.writerow([page, lang, "flag", f.get("stage", ""), f.get("rule", f.get("kind", "")), f.get("rule", ""),
                        json.dumps(f, ensure_ascii=False)[:300], "", ""])


def score(path: str) -> dict[str, tuple[int, int, int]]:
    """Per (kind, reason): right, wrong, neutral."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            key = f"{row['kind']}:{row['reason']}"
            i = {"right": 0, "wrong": 1, "neutral": 2}.get(row["label"])
            if i is None:
                continue
            tally[key][i] += 1
            tally[f"{row['kind']}:(all)"][i] += 1
    print(f"{'item':34} {'n':>4} {'right':>5} {'wrong':>5} {'neutral':>7} {'precision':>9}  95% CI")
    for key in sorted(tally):
        r, w, n = tally[key]
        lo, hi = wilson(r, r + w)
        p = r / (r + w) if r + w else float("nan")
        print(f"{key:34} {r + w + n:4} {r:5} {w:5} {n:7} {p:9.2f}  [{lo:.2f}, {hi:.2f}]")
    return {k: (v[0], v[1], v[2]) for k, v in tally.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--merged", required=True, help="git dir of j-szulc/html-cleaning-dataset-merged")
    b.add_argument("--gne", required=True, help="git dir of kingname/GeneralNewsExtractor")
    b.add_argument("--out", type=Path, required=True)
    b.add_argument("--english", type=int, default=40)
    for name in ("run", "sample"):
        sub.add_parser(name).add_argument("--out", type=Path, required=True)
    sub.add_parser("score").add_argument("tsv")
    a = ap.parse_args(argv)
    if a.cmd == "build":
        build(a.merged, a.gne, a.out, a.english)
    elif a.cmd == "run":
        run(a.out)
    elif a.cmd == "sample":
        sample(a.out)
    else:
        score(a.tsv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
