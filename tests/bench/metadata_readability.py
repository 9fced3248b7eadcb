"""Title, byline and date of real pages against Mozilla Readability's expected metadata.

    python tests/bench/metadata_readability.py MIRROR [--split dev|test|both] [--only toolkit|trafilatura] [--show]

MIRROR is a local git copy of github mozilla/readability (read with ``git show``, nothing
checked out): ``test/test-pages/NAME/source.html`` and ``expected-metadata.json`` (``title``,
``byline``, ``publishedTime``), the output its maintainers reviewed for each of ~130 pages (news,
blogs, docs, wikis, a dozen languages). Pages are split dev/test by a hash of the *site*
(``tests/bench/extraction_layouts.split_of``), so every page of a layout falls on one side: the
dev half is read while fixing, the test half only scored. Pages whose expected field is empty are
left out of that field's score (Readability found none; the page may still have one).

A title is right when it equals the expected one after folding case, width, quotes, dashes, spaces
and Traditional to Simplified characters (toolkit writes Simplified), or equals it without a site
part at one end, after a separator (Readability keeps ``<title>``'s "| eHow"; toolkit's convention
is the headline alone). A byline is right when
the names of one side are all in the other (``By Dan Goodin`` = ``Dan Goodin``; ``Jeffrey
Gettleman and Jane Doe`` holds ``Jeffrey Gettleman``). A date is right when it names the same
calendar day. toolkit's values are the record's ``title`` and ``metadata.byline``/``date``
(the default pipeline); trafilatura's are ``trafilatura.extract_metadata`` (title, author, date).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extraction_layouts import split_of  # noqa: E402

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "«": '"', "»": '"'})
_MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}


def _git(mirror: str, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", mirror, *args], check=True, capture_output=True).stdout


def pages(mirror: str) -> list[dict]:
    names = _git(mirror, "ls-tree", "--name-only", "HEAD", "test/test-pages/").decode().split()
    out = []
    for path in names:
        name = path.rsplit("/", 1)[1]
        try:
            meta = json.loads(_git(mirror, "show", f"HEAD:{path}/expected-metadata.json"))
            html = _git(mirror, "show", f"HEAD:{path}/source.html").decode("utf-8", "replace")
        except (subprocess.CalledProcessError, json.JSONDecodeError):
            continue
        out.append({"id": name, "split": split_of(name), "html": html, "expected": meta})
    return out


def _fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES).casefold()
    text = _fold.cc.convert(text) if re.search(r"[\u4e00-\u9fff]", text) else text  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", text).strip(" .")


_fold.cc = __import__("opencc").OpenCC("t2s")  # type: ignore[attr-defined]


_SEP = " -|–—:·»«/_｜@(（"


def title_ok(got: str | None, want: str) -> bool:
    """Equal, or equal to the expected title without a site part at one end (Readability keeps
    ``<title>``'s "| eHow", "- Wikipedia", "_科技_腾讯网"; toolkit's title is the headline alone).

    >>> title_ok("How to Build a Terrarium", "How to Build a Terrarium | eHow"), title_ok("How to", "How to Build")
    (True, False)
    """
    if not got:
        return False
    a, b = _fold(got), _fold(want)
    if a == b:
        return True
    if b.startswith(a):
        rest = b[len(a):]
    elif b.endswith(a):
        rest = b[: -len(a)][::-1]
    else:
        return False
    return rest[:1] in _SEP and len(rest.strip(_SEP)) > 0 and rest.lstrip(" ")[:1] in _SEP


def _names(text: str | None) -> set[str]:
    text = re.sub(r"^\s*by\s+", "", _fold(text))
    return {w for w in re.split(r"[^\w'-]+", text) if w and w not in ("and", "by")}


def byline_ok(got: str | None, want: str) -> bool:
    a, b = _names(got), _names(want)
    return bool(a and b) and (a <= b or b <= a)


def day(text: str | None) -> tuple[int, int, int] | None:
    """The calendar day a date string names.

    >>> day("2019-09-07T13:43:45+08:00"), day("2019年9月7日 13:43"), day("Sept. 7, 2019"), day("7 September 2019")
    ((2019, 9, 7), (2019, 9, 7), (2019, 9, 7), (2019, 9, 7))
    """
    if not text:
        return None
    m = re.search(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", text)
    if m:
        return int(m[1]), int(m[2]), int(m[3])
    m = re.search(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)", text)
    if m and m[1].lower() in _MONTHS:
        return int(m[3]), _MONTHS[m[1].lower()], int(m[2])
    m = re.search(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+((?:19|20)\d\d)", text)
    if m and m[2].lower() in _MONTHS:
        return int(m[3]), _MONTHS[m[2].lower()], int(m[1])
    return None


def toolkit_meta() -> Callable[[str], dict]:
    from toolkit import Document, Pipeline

    pipe = Pipeline.default()

    def run(html: str) -> dict:
        rec = pipe.run(Document(id="page", source="page", html=html)).to_records()[0]
        meta = rec.get("metadata") or {}
        return {"title": rec.get("title"), "byline": meta.get("byline"), "date": meta.get("date")}

    return run


def trafilatura_meta() -> Callable[[str], dict]:
    import trafilatura

    def run(html: str) -> dict:
        m = trafilatura.extract_metadata(html)
        return {"title": m.title, "byline": m.author, "date": m.date} if m else {}

    return run


def evaluate(extract: Callable[[str], dict], rows: list[dict], show: bool = False) -> dict:
    counts = {k: [0, 0, 0] for k in ("title", "byline", "date")}  # right, wrong, none given
    for row in rows:
        got, want = extract(row["html"]), row["expected"]
        for key, wkey, ok in (("title", "title", title_ok), ("byline", "byline", byline_ok),
                              ("date", "publishedTime", lambda g, w: day(g) is not None and day(g) == day(w))):
            if not want.get(wkey):
                continue
            c = counts[key]
            if ok(got.get(key), want[wkey]):
                c[0] += 1
            else:
                c[1 if got.get(key) else 2] += 1
                if show:
                    print(f"  {row['id']:34} {key:6} got {got.get(key)!r:60.60} want {want[wkey]!r:.60}")
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mirror", help="git directory of a mozilla/readability copy")
    ap.add_argument("--split", choices=("dev", "test", "both"), default="dev")
    ap.add_argument("--only", choices=("toolkit", "trafilatura"))
    ap.add_argument("--show", action="store_true", help="print every page a tool got wrong")
    args = ap.parse_args(argv)
    rows = pages(args.mirror)
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    tools = {"toolkit": toolkit_meta, "trafilatura": trafilatura_meta}
    print("| split | tool | field | pages with one expected | right | wrong | none given | accuracy |")
    print("|---|---|---|---|---|---|---|---|")
    for split in splits:
        part = [r for r in rows if r["split"] == split]
        for name, make in tools.items():
            if args.only and name != args.only:
                continue
            if args.show:
                print(f"{split} {name}:")
            counts = evaluate(make(), part, args.show)
            for field, (right, wrong, none) in counts.items():
                n = right + wrong + none
                print(f"| {split} | {name} | {field} | {n} | {right} | {wrong} | {none} | {right / max(1, n):.1%} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
