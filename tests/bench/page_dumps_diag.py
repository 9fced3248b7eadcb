"""Diagnose ``toolkit clean`` on the labelled page dumps: article lines it drops, boilerplate it keeps.

    python tests/bench/page_dumps_diag.py --dir /tmp/h4 > /tmp/h4/diag.md

Reads ``DIR/fates.tsv`` (from ``dumps_score.py``, labels after its duplicate adjustment) and
``DIR/hints.tsv``. Writes markdown: (a) ``article`` lines not kept, by rule; (b) ``other`` lines
kept, sorted into patterns by the first matching test below (heuristic, on the dump text and its
neighbours only); (c) candidate general rules tried on the lines toolkit keeps: how many ``other``
and ``article`` lines (and words) each would drop, with the article lines it would hit.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from pathlib import Path

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
ARCHIVE = re.compile(rf"^(?:[►▼»·-]\s*)?{MONTH}\s*(?:\d{{4}})?\s*(?:\(\d+\))?$", re.IGNORECASE)
COUNTED = re.compile(r"^[^()\d]{1,40}\s\(\d+\)$")
SOCIAL = re.compile(r"\b(?:facebook|twitter|tweet|share|sharethis|pinterest|pin it|google\+?|linkedin|rss|"
                    r"e-?mail|print|digg|reddit|stumbleupon|tumblr|delicious|follow|subscribe|like|"
                    r"feed|youtube|instagram|flickr|addthis|\+1|on)\b", re.IGNORECASE)
LEGAL = re.compile(r"©|\bcopyright\b|all rights reserved|privacy|terms of (?:use|service)|powered by|"
                   r"web design|\bsitemap\b|site map|contact us|about us|advertis|\bcareers\b|"
                   r"\bdisclaimer\b|cookie", re.IGNORECASE)
UI = re.compile(r"^(?:log ?in|sign ?in|sign ?up|register|search|submit|go|password|username|"
                r"newsletter|loading|more|next|prev(?:ious)?|older|newer|home|menu|reply|"
                r"view all|see all|read more|more »|show more|load more|skip to .*|back to top|"
                r"top|close|email address|name|website|url)\W*$|\blog ?in\b|\bsign ?(?:in|up)\b|"
                r"\bregister\b|\bnewsletter\b|leave a (?:comment|reply)|post (?:a )?comment|"
                r"required|\bcomments? \(\d+\)|\d+ comments?\b|\breplies\b|email address",
                re.IGNORECASE)
COMMENT_META = re.compile(r"\bsays:?$|\bwrote:$|\breply\b|report abuse|flag as inappropriate|"
                          r"permalink|^by .{1,40} on .{0,40}\d|^(?:hi|hey|dear|thanks)\b.{0,30}[,!]?$|"
                          r"\bat \d{1,2}:\d\d ?(?:am|pm)\b|\(#\d+\)|\bpoints?\b.*\bago\b|"
                          r"\b\d+ (?:minutes?|hours?|days?) ago\b|\bup reply\b", re.IGNORECASE)
DATE = re.compile(rf"\b{MONTH} \d{{1,2}},? \d{{4}}\b|\b\d{{1,2}} {MONTH},? \d{{4}}\b|"
                  r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}:\d\d ?(?:am|pm)?\b|\b\d{4}-\d\d-\d\d\b",
                  re.IGNORECASE)
BYLINE = re.compile(r"^(?:by|posted by|posted on|posted in|written by|filed under|tags?:|categories?:|"
                    r"labels?:|topics?:|author:|updated|published)\b", re.IGNORECASE)
CAPTION = re.compile(r"\bphoto\b|\bimage\b|\bcredit\b|getty|\bap photo\b|reuters|courtesy|"
                     r"\bpicture\b|\(file\)|^\(?(?:left|right|above|below)\b", re.IGNORECASE)
ADS = re.compile(r"advertisement|sponsored|ad choices|ads by|\bpromoted\b|\bad\b", re.IGNORECASE)
SENT_END = re.compile(r"[.!?…\"”’')]\s*$")
WORD = re.compile(r"[A-Za-z][\w'’-]*")


def load(path: Path) -> dict[str, list[dict]]:
    docs: dict[str, list[dict]] = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            row["line"] = int(row["line"])
            row["words"] = int(row["words"])
            row["label"] = row.pop("label_scored")
            docs[row["doc"]].append(row)
    for rows in docs.values():
        rows.sort(key=lambda r: r["line"])
    return docs


def kept(r: dict) -> bool:
    return r["fate"] in ("text", "title")


def short(r: dict, n: int = 5) -> bool:
    return 0 < r["words"] <= n and not SENT_END.search(r["text"])


def titlecase(text: str) -> bool:
    words = [w for w in WORD.findall(text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def runs(rows: list[dict], test, min_len: int) -> set[int]:
    """Indexes of lines in a run of ``min_len`` or more consecutive lines passing ``test``."""
    out: set[int] = set()
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and test(rows[j]):
            j += 1
        if j - i >= min_len:
            out.update(range(i, j))
        i = max(j, i + 1)
    return out


def social_only(text: str) -> bool:
    rest = SOCIAL.sub(" ", text)
    return bool(SOCIAL.search(text)) and not re.search(r"[A-Za-z]{3,}", re.sub(r"\b(?:this|us|me|via|and|it|the|to|with|your|friends?)\b", "", rest, flags=re.IGNORECASE))


def pattern(rows: list[dict], i: int, ctx: dict) -> str:
    r, t = rows[i], rows[i]["text"]
    if ctx["hint"].get((r["doc"], r["line"])) == "comment":
        return "reader comments: comment text (matches the gold's comments)"
    lo, hi = ctx["comment_span"].get(r["doc"], (10**9, -1))
    if lo <= r["line"] <= hi or COMMENT_META.search(t):
        return "reader comments: author/date/reply lines, greetings, short comments"
    if ARCHIVE.match(t):
        return "archive links (\"March 2007 (39)\")"
    if COUNTED.match(t):
        return "category/tag links with counts (\"Advice (65)\")"
    if r["words"] <= 10 and social_only(t):
        return "share/follow/social bars"
    if LEGAL.search(t) and r["words"] <= 40:
        return "footer/legal/site links"
    if r["words"] <= 12 and (UI.search(t)):
        return "forms, search, login, pager, comment-form UI"
    if ADS.search(t) and r["words"] <= 10:
        return "ad labels"
    if r["words"] <= 25 and (BYLINE.search(t) or (DATE.search(t) and r["words"] <= 12)):
        return "bylines, dates, tags/categories lines (outside the gold)"
    if r["words"] <= 25 and CAPTION.search(t):
        return "image captions/credits (outside the gold)"
    if i in ctx["menu"]:
        return "menu/link lists: runs of 3+ short lines (<= 4 words)"
    if i in ctx["heads"]:
        return "headline lists: runs of 3+ unpunctuated lines (related/recent/popular)"
    if r["words"] <= 4:
        return "isolated short labels (section/widget titles, site name)"
    if r["words"] <= 15 and not SENT_END.search(t):
        return "isolated unpunctuated lines (headline teasers, taglines)"
    return "prose outside the article (teasers, blurbs, bios, notices)"


# candidate general rules, each a function (rows) -> set of indexes it would drop
NUMBERS = re.compile(r"\d")


def rule_menu_run(n: int, words: int, title: bool, no_numbers: bool = False):
    def ok(r: dict) -> bool:
        if not short(r, words):
            return False
        if title and not (titlecase(r["text"]) or r["words"] <= 1):
            return False
        return not (no_numbers and len(NUMBERS.findall(r["text"])) >= 2)

    def f(rows: list[dict]) -> set[int]:
        return runs(rows, ok, n)
    f.__doc__ = (f"run of >= {n} lines of <= {words} words, no sentence-final punctuation"
                 + (", title-case" if title else "") + (", fewer than 2 digits (not a table row)" if no_numbers else ""))
    return f


def rule_headlines(rows: list[dict]) -> set[int]:
    """run of >= 4 lines of 3-20 words, no sentence-final punctuation, title-case"""
    return runs(rows, lambda r: 3 <= r["words"] <= 20 and not SENT_END.search(r["text"]) and titlecase(r["text"]), 4)


def rule_archive(rows: list[dict]) -> set[int]:
    """archive month line ("March 2007", "► January (10)") or "Name (N)" link with a count"""
    return {i for i, r in enumerate(rows) if ARCHIVE.match(r["text"]) or COUNTED.match(r["text"])}


def rule_social(rows: list[dict]) -> set[int]:
    """line of <= 10 words made only of share/follow/network words"""
    return {i for i, r in enumerate(rows) if r["words"] <= 10 and social_only(r["text"])}


def rule_comment_meta(rows: list[dict]) -> set[int]:
    """comment furniture: "X says:", "Reply", "Report abuse", "by X (123) on DATE", "N minutes ago" """
    return {i for i, r in enumerate(rows) if r["words"] <= 20 and COMMENT_META.search(r["text"])}


COMMENT_HEAD = re.compile(r"^(?:\d+|no|one|two|three) (?:comments?|responses?|thoughts?|replies)\b|"
                          r"^comments? \(\d+\)$|^(?:leave a (?:reply|comment)|reader comments|"
                          r"\d+ responses to .*|discussion)\W*$", re.IGNORECASE)


def rule_after_comment_head(rows: list[dict]) -> set[int]:
    """everything after a comments heading ("12 Comments", "Leave a Reply", "7 Responses to ...")
    that has 150+ words of sentences before it"""
    prose = 0
    for i, r in enumerate(rows):
        if COMMENT_HEAD.match(r["text"]) and prose >= 150:
            return set(range(i + 1, len(rows)))
        if SENT_END.search(r["text"]) and r["words"] >= 8:
            prose += r["words"]
    return set()


def rule_short_isolated(rows: list[dict]) -> set[int]:
    """line of <= 3 words, no sentence punctuation, both neighbours also <= 5 words"""
    out = set()
    for i, r in enumerate(rows):
        if short(r, 3):
            prev = rows[i - 1] if i else None
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            if (prev is None or prev["words"] <= 5) and (nxt is None or nxt["words"] <= 5):
                out.add(i)
    return out


def excerpt(text: str, n: int = 140) -> str:
    return (text[:n] + "…") if len(text) > n else text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", type=Path, default=Path("/tmp/h4"))
    a = ap.parse_args()
    docs = load(a.dir / "fates.tsv")
    hint: dict[tuple[str, int], str] = {}
    with open(a.dir / "hints.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            hint[(row["doc"], int(row["line"]))] = row["hint"]
    span: dict[str, tuple[int, int]] = {}
    for (doc, line), h in hint.items():
        if h == "comment":
            lo, hi = span.get(doc, (line, line))
            span[doc] = (min(lo, line), max(hi, line))

    # (a) article lines not kept
    print("## (a) article lines toolkit does not keep, by fate and rule\n")
    groups: dict[str, list[dict]] = defaultdict(list)
    for rows in docs.values():
        for r in rows:
            if r["label"] == "article" and not kept(r):
                groups[f"{r['fate']} {r['rule']}"].append(r)
    print("| fate / rule | lines | words | pages | excerpts |\n|---|---|---|---|---|")
    for key, rs in sorted(groups.items(), key=lambda kv: -sum(r["words"] for r in kv[1])):
        ex = "; ".join(f"`{r['doc']}`: {excerpt(r['text'], 90)}" for r in rs[:3])
        print(f"| {key} | {len(rs)} | {sum(r['words'] for r in rs)} | {len({r['doc'] for r in rs})} | {ex} |")

    # (b) other lines kept
    print("\n## (b) other lines toolkit keeps, by pattern\n")
    pats: dict[str, list[dict]] = defaultdict(list)
    total_w = 0
    for rows in docs.values():
        ctx = {"hint": hint, "comment_span": span,
               "menu": runs(rows, lambda r: short(r, 4), 3),
               "heads": runs(rows, lambda r: 0 < r["words"] <= 20 and not SENT_END.search(r["text"]), 3)}
        for i, r in enumerate(rows):
            if r["label"] == "other" and kept(r):
                pats[pattern(rows, i, ctx)].append(r)
                total_w += r["words"]
    print(f"All: {sum(len(v) for v in pats.values())} lines, {total_w} words.\n")
    print("| pattern | lines | words | pages | excerpts |\n|---|---|---|---|---|")
    for key, rs in sorted(pats.items(), key=lambda kv: -sum(r["words"] for r in kv[1])):
        step = max(1, len(rs) // 3)
        ex = "; ".join(f"`{r['doc']}`: {excerpt(r['text'], 80)}" for r in rs[::step][:3])
        print(f"| {key} | {len(rs)} | {sum(r['words'] for r in rs)} | {len({r['doc'] for r in rs})} | {ex} |")

    # (c) candidate rules on what toolkit keeps
    print("\n## (c) candidate general rules, applied to the dump, counted on lines toolkit keeps\n")
    rules = [rule_menu_run(5, 5, True), rule_menu_run(5, 5, True, True), rule_menu_run(5, 5, False),
             rule_menu_run(3, 4, False),
             rule_headlines, rule_archive, rule_social, rule_comment_meta, rule_after_comment_head,
             rule_short_isolated]
    print("| rule | other lines | other words | article lines | article words | article pages |"
          " article lines hit (excerpts) |\n|---|---|---|---|---|---|---|")
    for rule in rules:
        ol = ow = al = aw = 0
        hits: list[dict] = []
        for rows in docs.values():
            for i in rule(rows):
                r = rows[i]
                if not kept(r):
                    continue
                if r["label"] == "other":
                    ol += 1
                    ow += r["words"]
                else:
                    al += 1
                    aw += r["words"]
                    hits.append(r)
        pages = len({r["doc"] for r in hits})
        hits.sort(key=lambda r: -r["words"])
        ex = "; ".join(f"`{r['doc']}`: {excerpt(r['text'], 60)}" for r in hits[:3])
        doc = " ".join((rule.__doc__ or "").split())
        print(f"| {doc} | {ol} | {ow} | {al} | {aw} | {pages} | {ex} |")

    combo = [rule_archive, rule_social, rule_menu_run(5, 5, True, True), rule_after_comment_head]
    print("\nWhat-if: toolkit plus " + " + ".join(f"({' '.join((r.__doc__ or '').split())})" for r in combo)
          + ", pooled over pages:\n")
    print("| | precision lines | recall lines | other dropped lines | precision words | recall words |"
          " other dropped words |\n|---|---|---|---|---|---|---|")
    for name, extra in (("toolkit", False), ("toolkit + these rules", True)):
        t = {k: 0 for k in ("akl", "al", "kl", "ol", "odl", "akw", "aw", "kw", "ow", "odw")}
        for rows in docs.values():
            drop = set().union(*(r(rows) for r in combo)) if extra else set()
            for i, r in enumerate(rows):
                k = kept(r) and i not in drop
                art = r["label"] == "article"
                for suffix, w in (("l", 1), ("w", r["words"])):
                    t["a" + suffix] += w * art
                    t["ak" + suffix] += w * (art and k)
                    t["k" + suffix] += w * k
                    t["o" + suffix] += w * (not art)
                    t["od" + suffix] += w * (not art and not k)
        cells = [t["akl"] / t["kl"], t["akl"] / t["al"], t["odl"] / t["ol"],
                 t["akw"] / t["kw"], t["akw"] / t["aw"], t["odw"] / t["ow"]]
        print(f"| {name} | " + " | ".join(f"{100 * c:.1f}" for c in cells) + " |")


if __name__ == "__main__":
    main()
