"""Rebuild the HTML extraction dev set (``dev-en.jsonl.gz``, ``dev-zh.jsonl.gz``) from public sources.

Not run by the tests; kept so the set can be remade and audited. Needs local git copies of
two public repositories and, for the Chinese silver labels, the ``gne`` package (not a toolkit
dependency; ``pip install --no-deps --target DIR gne`` and pass ``--gne-path DIR``)::

    python tests/eval/html/make_devset.py \
        --merged /path/to/j-szulc/html-cleaning-dataset-merged.git \
        --gne-repo /path/to/kingname/GeneralNewsExtractor.git --gne-path DIR

English: a seeded sample of 100 pages of the Dragnet data (``dragnet_data/input`` with the
hand-corrected gold text ``dragnet_data/GoldStandard`` cut before its reader comments, as mirrored in
github j-szulc/html-cleaning-dataset-merged; the copy in dragnet-org/dragnet_data is in Git LFS).

Chinese: GeneralNewsExtractor's test pages (github kingname/GeneralNewsExtractor, ``tests/``)
have no gold text, so their labels are *silver*: the text of the node GNE's own extractor picks,
with the pages where that pick is plainly wrong left out (see ``ZH_EXCLUDED``). Plus the four
Chinese pages of Mozilla Readability's test set (``readability/`` in the same mirror), whose
expected output is reviewed by hand, converted to text.
"""

from __future__ import annotations

import argparse
import gzip
import html as htmlmod
import json
import random
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent

#: GNE test pages whose GNE extraction is plainly wrong (checked by reading them), left out.
ZH_EXCLUDED = {
    "njxfhn__1.html": "GNE takes the whole page (178k characters: menus, lists, footer)",
    "ifeng__3.html": "GNE takes the date/source line only",
    "163__9.html": "GNE takes the platform disclaimer only",
    "people__1.html": "GNE takes a teaser box, not the article",
    "mingridapan__1.html": "GNE takes the column description only",
    "toutiao__2.html": "GNE takes the first caption of a slide show only",
    "hexun__1.html": "GNE takes the first paragraph only",
    "sina__4.html": "GNE takes the live-stream note only",
    "stcn__1.html": "GNE's node holds breadcrumbs and two ranking lists around the article",
    "huanqiu__1.html": "GNE's node holds the feedback form and the account promotion",
}
COMMENTS_MARK = "!@#$%^&*()  COMMENTS"
READABILITY_ZH = ("gmw", "qq", "pixnet", "youth")


def git_show(repo: str, path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", repo, "show", f"HEAD:{path}"], check=True, capture_output=True).stdout


def git_ls(repo: str, path: str) -> list[str]:
    out = subprocess.run(["git", "--git-dir", repo, "ls-tree", "-r", "--name-only", "HEAD", path], check=True,
                         capture_output=True, text=True).stdout
    return out.split()


def text_of_html(fragment: str) -> str:
    """Readability's expected HTML to text: block tags become line breaks."""
    fragment = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", fragment)
    fragment = re.sub(r"(?i)<(?:br|/p|/div|/h[1-6]|/li|/tr|/blockquote|/figcaption)\b[^>]*>", "\n", fragment)
    text = htmlmod.unescape(re.sub(r"<[^>]+>", "", fragment))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def english(merged: str, n: int, seed: int) -> list[dict]:
    names = sorted(p.rsplit("/", 1)[1][:-4] for p in git_ls(merged, "dragnet_data/GoldStandard") if p.endswith(".txt"))
    random.Random(seed).shuffle(names)
    out = []
    for name in names:
        if len(out) == n:
            break
        gold = git_show(merged, f"dragnet_data/GoldStandard/{name}.txt").decode("utf-8", "replace")
        # Dragnet's gold holds the article, then this marker and the reader comments; the article
        # body is what is scored (as in the article-extraction benchmark), so the comments go.
        gold = gold.split(COMMENTS_MARK, 1)[0].strip()
        raw = git_show(merged, f"dragnet_data/input/{name}.html")
        if len(gold.split()) < 50:
            continue  # a page whose gold is a stub says little about extraction
        out.append({"id": f"dragnet-{name}", "lang": "en", "source": "dragnet", "label": "gold",
                    "html": raw.decode("utf-8", "replace"), "gold": gold})
    return out


def chinese(merged: str, gne_repo: str, gne_path: str) -> list[dict]:
    sys.path.insert(0, gne_path)
    from gne import GeneralNewsExtractor  # type: ignore[import-not-found]

    ex = GeneralNewsExtractor()
    out = []
    for path in git_ls(gne_repo, "tests"):
        if not path.endswith(".html"):
            continue
        name = path[len("tests/"):].replace("/", "__")
        if name in ZH_EXCLUDED:
            continue
        page = git_show(gne_repo, path).decode("utf-8", "replace")
        gold = ex.extract(page).get("content", "").strip()
        out.append({"id": f"gne-{name[:-5]}", "lang": "zh", "source": "gne", "label": "silver", "html": page, "gold": gold})
    for name in READABILITY_ZH:
        page = git_show(merged, f"readability/input/{name}.html").decode("utf-8", "replace")
        gold = text_of_html(git_show(merged, f"readability/GoldStandard/{name}.txt").decode("utf-8", "replace"))
        out.append({"id": f"readability-{name}", "lang": "zh", "source": "readability", "label": "reviewed",
                    "html": page, "gold": gold})
    return out


def write(path: Path, rows: list[dict]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--merged", required=True, help="git dir of j-szulc/html-cleaning-dataset-merged")
    ap.add_argument("--gne-repo", required=True, help="git dir of kingname/GeneralNewsExtractor")
    ap.add_argument("--gne-path", required=True, help="folder holding the gne package")
    ap.add_argument("--english", type=int, default=100)
    ap.add_argument("--seed", type=int, default=12)
    a = ap.parse_args()
    write(HERE / "dev-en.jsonl.gz", english(a.merged, a.english, a.seed))
    write(HERE / "dev-zh.jsonl.gz", chinese(a.merged, a.gne_repo, a.gne_path))


if __name__ == "__main__":
    main()
