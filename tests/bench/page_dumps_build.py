"""Build plain-text page dumps (what a naive scraper writes) with per-line article/other labels.

    pip install html-text   # (the dump's text; not a dependency of toolkit)
    python tests/bench/page_dumps_build.py \
        --merged /work/.mirror/j-szulc+html-cleaning-dataset-merged/repo --out /tmp/h4
    toolkit clean /tmp/h4/docs -o /tmp/h4/out.jsonl -q
    python tests/bench/page_dumps_score.py --dir /tmp/h4

Pages: Dragnet (``dragnet_data/input/NAME.html``, gold ``dragnet_data/GoldStandard/NAME.txt``) in
the ``random.Random(12)`` shuffle of the sorted names that toolkit's benches use, counting only
pages whose article (gold before the comments marker, as the benches cut it) has 50 words or
more; the first 290 such pages are taken by ``tests/eval/html/make_devset.py`` (100),
``tests/bench/extraction_heldout.py`` (150) and ``tests/bench/pages_pipeline.py`` (40), so this
takes the next ``--n`` (150).

Dump: like a browser's ``innerText`` of ``<body>``: ``head``, ``script``, ``style``, ``noscript``,
``template``, comments and elements hidden by an inline ``display:none`` / ``visibility:hidden``
or a ``hidden`` attribute are dropped; menus, footers, asides, forms, comments sections are kept.
Text comes from ``html_text`` (block tags give line breaks, a table row is one line as in
``innerText``; ``option`` and ``caption`` added so a menu option is its own line); each non-empty
line is written, whitespace collapsed, with a blank line between lines.

Out: ``OUT/docs/NAME.txt``, ``OUT/labels.tsv`` (doc, line, label, text; ``line`` is the 1-based
line number in the .txt), ``OUT/hints.tsv`` (doc, line, hint: ``comment`` when an ``other`` line matches the gold's reader comments) and
``OUT/gold/NAME.txt`` (the gold article, for reference).

The gold article is the text before the comments marker, also in the misspelt forms a few gold
files hold (the benches' filter misses those; it is kept as they apply it, for the same pages).

Label (the line against the gold article; words are lower-cased word-character runs after NFKC and
quote folding): ``article`` when

- a line of 4+ words has at least 60% of its word 4-gram shingles in the gold, or its letters and
  digits (15 or more) occur in the gold's with spaces and punctuation dropped (the gold sometimes
  glues two words: "GuideOctober");
- a shorter line equals a gold line, or continues an adjacent ``article`` line in the gold (its
  words and that line's last or first three words are one run of the gold: a split byline), or
  belongs to a run of short lines that together have 60% of their 4-grams in the gold;

then two clean-ups: when a line is labelled ``article`` more often than the gold holds it, only
the copies nearest the article's bulk stay ``article`` (a headline repeated in a related-links box
is ``other`` there), and a line that holds another ``article`` line plus words that do not
continue it in the gold ("Home / Blog / HEADLINE") is ``other``. Every other line is ``other``.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import subprocess
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import html_text

COMMENTS_MARK = "!@#$%^&*()  COMMENTS"
#: the marker as some gold files hold it ("@#$%^&*() COMMENTS", "!@ $%^&*()  COMMENTS")
COMMENTS_RE = re.compile(r"!?@[#\s]\$%\^&\*\(\)\s*COMMENTS")
SKIP = 290  # dev 100 + held-out 150 + pages_pipeline 40
DROP_TAGS = ("head", "script", "style", "noscript", "template")
HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
NEWLINE_TAGS = html_text.NEWLINE_TAGS | {"option", "caption"}
TOKEN = re.compile(r"\w+", re.UNICODE)
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                        "\u2014": "-", "\u00a0": " "})


def git_ls(repo: str, path: str) -> list[str]:
    out = subprocess.run(["git", "--git-dir", repo, "ls-tree", "-r", "--name-only", "HEAD", path],
                         check=True, capture_output=True, text=True).stdout
    return out.split()


def git_show(repo: str, path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", repo, "show", f"HEAD:{path}"], check=True,
                          capture_output=True).stdout


def pick(repo: str, n: int, skip: int) -> list[tuple[str, str, str]]:
    """(name, gold article, gold comments) of the pages after the first ``skip`` usable ones."""
    names = sorted(p.rsplit("/", 1)[1][:-4] for p in git_ls(repo, "dragnet_data/GoldStandard")
                   if p.endswith(".txt"))
    random.Random(12).shuffle(names)
    seen, out = 0, []
    for name in names:
        raw = git_show(repo, f"dragnet_data/GoldStandard/{name}.txt")
        # the benches' filter, as they apply it (UTF-8 with replacement)
        if len(raw.decode("utf-8", "replace").split(COMMENTS_MARK, 1)[0].split()) < 50:
            continue
        # a few gold files are UTF-16 with a byte order mark
        gold = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8", "replace")
        article, comments = (COMMENTS_RE.split(gold, 1) + [""])[:2]
        seen += 1
        if seen <= skip:
            continue
        out.append((name, article.strip(), comments.strip()))
        if len(out) == n:
            break
    return out


def decode(raw: bytes) -> str:
    head = raw[:4096].decode("ascii", "replace")
    m = re.search(r"""charset\s*=\s*["']?([\w-]+)""", head, re.IGNORECASE)
    for enc in ([m.group(1)] if m else []) + ["utf-8", "cp1252"]:
        try:
            return raw.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", "replace")


def dump(page: str) -> list[str]:
    """The page's visible text, one block per item, whitespace collapsed."""
    page = re.sub(r"^\s*<\?xml[^>]*>", "", page)
    root = html_text.parse_html(page)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        hidden = el.tag in DROP_TAGS or el.get("hidden") is not None or HIDDEN.search(el.get("style") or "")
        if hidden and el.getparent() is not None:
            el.drop_tree()
    text = html_text.extract_text(root, newline_tags=NEWLINE_TAGS)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def norm_tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).translate(QUOTES).lower()
    return TOKEN.findall(text)


def shingles(tokens: list[str], k: int = 4) -> list[tuple[str, ...]]:
    return [tuple(tokens[i:i + k]) for i in range(len(tokens) - k + 1)]


class Gold:
    def __init__(self, text: str) -> None:
        self.tokens = norm_tokens(text)
        self.joined = " " + " ".join(self.tokens) + " "
        self.grams = set(shingles(self.tokens))
        self.flat = "".join(self.tokens)
        self.lines = Counter(" ".join(norm_tokens(x)) for x in text.splitlines() if norm_tokens(x))

    def share(self, toks: list[str]) -> float:
        grams = shingles(toks)
        return sum(g in self.grams for g in grams) / len(grams)

    def holds(self, toks: list[str]) -> bool:
        """A line of 4+ words with 60% of its 4-grams in the gold, a short line that is a gold line,
        or a line whose letters (15+) occur in the gold's (the gold sometimes glues two words)."""
        if len(toks) >= 4 and self.share(toks) >= 0.6:
            return True
        if 0 < len(toks) < 4 and self.lines.get(" ".join(toks)):
            return True
        return len("".join(toks)) >= 15 and "".join(toks) in self.flat

    def has_run(self, toks: list[str]) -> bool:
        return bool(toks) and f" {' '.join(toks)} " in self.joined

    def occurrences(self, toks: list[str]) -> int:
        """How often the line can appear in the gold: as a whole gold line, or as a run of words."""
        key = " ".join(toks)
        return max(self.lines.get(key, 0), self.joined.count(f" {key} "))


def label(lines: list[str], gold: Gold) -> list[str]:
    toks = [norm_tokens(x) for x in lines]
    labels = ["other"] * len(lines)
    short = []
    for i, t in enumerate(toks):
        if gold.holds(t):
            labels[i] = "article"
        elif 0 < len(t) < 4 and gold.has_run(t):
            short.append(i)
    # a run of short lines that together read as gold text (a list of short items, a split table)
    i = 0
    while i < len(toks):
        j = i
        while j < len(toks) and labels[j] == "other" and 0 < len(toks[j]) < 4 and gold.has_run(toks[j]):
            j += 1
        run = [t for k in range(i, j) for t in toks[k]]
        if j - i >= 2 and len(run) >= 4 and gold.share(run) >= 0.6:
            labels[i:j] = ["article"] * (j - i)
        i = j + 1
    changed = True
    while changed:  # a short piece that continues an adjacent article line in the gold (split byline)
        changed = False
        for i in short:
            if labels[i] == "article":
                continue
            before = i > 0 and labels[i - 1] == "article" and gold.has_run(toks[i - 1][-3:] + toks[i])
            after = i + 1 < len(toks) and labels[i + 1] == "article" and gold.has_run(toks[i] + toks[i + 1][:3])
            if before or after:
                labels[i] = "article"
                changed = True
    # a line labelled article more often than the gold holds it: keep the copies nearest the bulk
    long_art = [i for i, t in enumerate(toks) if labels[i] == "article" and len(t) >= 8]
    centre = sorted(long_art)[len(long_art) // 2] if long_art else len(lines) // 2
    groups: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(toks):
        if labels[i] == "article":
            groups[" ".join(t)].append(i)
    for key, idx in groups.items():
        cap = max(1, gold.occurrences(key.split()))
        if len(idx) > cap:
            for i in sorted(idx, key=lambda j: abs(j - centre))[cap:]:
                labels[i] = "other"
    # a line that wraps another article line in foreign words (a breadcrumb "Home / Blog / HEADLINE")
    art = {i: f" {' '.join(toks[i])} " for i in range(len(toks)) if labels[i] == "article"}
    for i, a_text in art.items():
        if gold.has_run(toks[i]):
            continue
        for j, b_text in art.items():
            if j != i and len(toks[j]) >= 3 and b_text in a_text and gold.occurrences(toks[j]) <= 1:
                labels[i] = "other"
                break
    return labels


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--merged", required=True, help="git dir of j-szulc/html-cleaning-dataset-merged")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=150)
    a = ap.parse_args()
    (a.out / "docs").mkdir(parents=True, exist_ok=True)
    (a.out / "gold").mkdir(parents=True, exist_ok=True)
    with open(a.out / "labels.tsv", "w", newline="", encoding="utf-8") as lf, \
            open(a.out / "hints.tsv", "w", newline="", encoding="utf-8") as hf:
        hw = csv.writer(hf, delimiter="\t", lineterminator="\n")
        # no tab or newline is in a line (whitespace is collapsed): written unquoted, read with QUOTE_NONE
        lf.write("doc\tline\tlabel\ttext\n")
        hw.writerow(["doc", "line", "hint"])
        for name, article, comments in pick(a.merged, a.n, SKIP):
            lines = dump(decode(git_show(a.merged, f"dragnet_data/input/{name}.html")))
            labels = label(lines, Gold(article))
            cgold = Gold(comments) if comments else None
            (a.out / "docs" / f"{name}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
            (a.out / "gold" / f"{name}.txt").write_text(article + "\n", encoding="utf-8")
            for i, (line, lab) in enumerate(zip(lines, labels)):
                lf.write(f"{name}\t{2 * i + 1}\t{lab}\t{line}\n")
                t = norm_tokens(line)
                if lab == "other" and cgold and len(t) >= 4 and cgold.share(t) >= 0.6:
                    hw.writerow([name, 2 * i + 1, "comment"])


if __name__ == "__main__":
    main()
