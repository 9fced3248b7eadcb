"""Body extraction, title, date and byline on other extractors' public test fixtures: toolkit's
default pipeline and trafilatura, side by side (held out: no rule was tuned on these pages).

    # build the page list once (reads three bare git mirrors, writes pages.jsonl.gz), then score
    /work/main/.venv/bin/python /tmp/h2/extraction_fixtures.py \\
        --goose3 /work/.mirror/goose3+goose3/repo \\
        --newspaper4k /work/.mirror/AndyTheFactory+newspaper4k/repo \\
        --fundus /work/.mirror/flairNLP+fundus/repo \\
        --devsets /work/.mirror/j-szulc+html-cleaning-dataset-merged/repo \\
        --pages-out /tmp/h2/pages.jsonl.gz
    /work/main/.venv/bin/python /tmp/h2/extraction_fixtures.py --pages /tmp/h2/pages.jsonl.gz \\
        --worst 15 --out /tmp/h2/out --diagnose /tmp/h2/diagnosis.md

Sources (each page's ``label`` says how far its gold can be trusted):

- ``fundus`` (github flairNLP/fundus, ``tests/resources/parser/test_data/<country>/``): pages crawled
  2023-2026 with the output of fundus' hand-written per-publisher parser, checked into its tests
  (``body``: summary, sub-headings and paragraphs; ``title``, ``authors``, ``publishing_date``).
  Label ``parser``: per-site selectors written and reviewed by people, not a generic extractor.
  A JSON holds one entry per parser version; each page is paired with the version whose
  paragraphs it contains.
- ``newspaper4k`` (github AndyTheFactory/newspaper4k, ``tests/data/{html,txt,metadata}``): the
  text newspaper4k itself extracted when the fixture was made (``tests/helpers/create_test_data.py``),
  a regression fixture. Label ``silver``. Its ``authors`` are newspaper's guesses (wired_001
  lists ten related-story authors) and are not used; title and date are.
- ``goose3`` (github goose3/goose3, ``tests/data/content``): the expected ``cleaned_text`` is a
  *prefix* the test checks with ``startswith`` (5 to 40 words on most pages). Label ``prefix``:
  only recall on the prefix is scored (did the article's opening survive), never precision, and
  these pages stay out of the F1 table. Pages whose expected text is the whole article are
  listed in ``GOOSE3_FULL`` (checked by reading the page) and are scored like the others, as silver.

Kept: English and Chinese pages (by the gold's script and function words). Dropped: byte-identical
pages, synthetic unit-test pages, pages whose gold shares >= 30% of its 8-token shingles with a
page of the project's dev and held-out sets (``--devsets``: j-szulc/html-cleaning-dataset-merged's
Dragnet, Readability, CleanEval, CleanPortalEval and page-signal gold; ``tests/eval/html``), and the
newspaper4k pages published 2019-2020 (``DROP``), the years of a held-back acceptance set that
cannot be opened to check. Scoring: ``tests/bench/extraction.py`` (imported): 4-token shingles,
per-page P/R averaged, F1 of the averages; both tools read the same decoded strings.
Metadata: ``tests/bench/metadata_readability.py``'s folding, byline and calendar-day rules.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html as htmllib
import json
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

BENCH = Path("/work/main/tests/bench")
sys.path.insert(0, str(BENCH))
import extraction as E  # noqa: E402
import metadata_readability as MR  # noqa: E402

GOOSE3_FULL = {"test_guardian1", "test_gizmodo1", "test_msn1"}
GOOSE3_SYNTHETIC = {"test_issue24", "test_pattern_config", "test_retry_top_node", "test_articlebody_tag",
                    "test_articlebody_attribute", "test_articlebody_itemprop"}
DROP = {
    "newspaper4k-yna_co_kr": "published 2019-08 (acceptance-set years)",
    "newspaper4k-article_with_br": "sott.net 2020 (acceptance-set years)",
    "newspaper4k-video_article_01": "same page as cleveland.com1",
}


# ---------------------------------------------------------------- reading the mirrors
def git_show(gitdir: str, path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", gitdir, "show", f"HEAD:{path}"], check=True,
                          capture_output=True).stdout


def git_ls(gitdir: str, prefix: str) -> list[str]:
    cmd = ["git", "--git-dir", gitdir, "-c", "core.quotePath=false", "ls-tree", "-r", "--name-only", "HEAD"]
    out = subprocess.run([*cmd, prefix] if prefix else cmd, check=True, capture_output=True, text=True).stdout
    return out.splitlines()


def git_cat_many(gitdir: str, paths: list[str]) -> dict[str, bytes]:
    """Many blobs in one ``git cat-file --batch``."""
    proc = subprocess.run(["git", "--git-dir", gitdir, "cat-file", "--batch"],
                          input="".join(f"HEAD:{p}\n" for p in paths).encode(), capture_output=True, check=True)
    out, buf, i = {}, proc.stdout, 0
    for p in paths:
        nl = buf.index(b"\n", i)
        header = buf[i:nl].split()
        if len(header) < 3 or header[1] == b"missing":
            i = nl + 1
            continue
        size = int(header[2])
        out[p] = buf[nl + 1: nl + 1 + size]
        i = nl + 1 + size + 1
    return out


def decode_html(raw: bytes) -> str:
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        m = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", raw[:4000])
        enc = m[1].decode() if m else "cp1252"
        try:
            return raw.decode(enc, "replace")
        except LookupError:
            return raw.decode("cp1252", "replace")


_EN = set("the and of to a in is that for on with was as by at it from said he his be are have has "
          "this not but they were their an will or who which".split())


def lang_of(text: str) -> str:
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return "und"
    han = sum("\u4e00" <= c <= "\u9fff" for c in chars) / len(chars)
    kana = sum("\u3040" <= c <= "\u30ff" for c in chars) / len(chars)
    hangul = sum("\uac00" <= c <= "\ud7af" for c in chars) / len(chars)
    if han > 0.3 and kana < 0.02 and hangul < 0.02:
        return "zh"
    words = re.findall(r"[A-Za-z']+", text.lower())
    if words and sum(w in _EN for w in words) / len(words) > 0.2:
        return "en"
    return "other"


def _visible(html: str) -> str:
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"(?s)<[^>]+>", " ", html)))


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", htmllib.unescape(s)).strip()


# ---------------------------------------------------------------- the three sources
def goose3_pages(g: str) -> list[dict]:
    rows = []
    names = sorted({p[:-5] for p in git_ls(g, "tests/data/content") if p.endswith(".json")})
    for base in names:
        name = base.rsplit("/", 1)[1]
        if name in GOOSE3_SYNTHETIC:
            continue
        meta = json.loads(git_show(g, base + ".json"))
        exp = meta["expected"]
        gold = exp.get("cleaned_text") or ""
        html = decode_html(git_show(g, base + ".html"))
        full = name in GOOSE3_FULL
        if not full and gold and not re.search(r"[\s.,;:!?\"'”。，]$", gold):
            gold = gold.rsplit(None, 1)[0] if " " in gold.strip() else gold  # a cut word at the end
        if lang_of(gold) == "zh":
            lang = "zh"
        elif (meta.get("target_language") in (None, "en") and exp.get("meta_lang") in (None, "", "en")
              and re.search(r"[A-Za-z]", gold) and not re.search(r"[\u0600-\u06ff\uac00-\ud7af]", gold)):
            lang = "en"
        else:
            continue
        rows.append({"id": f"goose3-{name}", "lang": lang, "source": "goose3", "label": "silver" if full else "prefix",
                     "url": meta.get("url"), "html": html, "gold": gold, "title": exp.get("title"),
                     "date": None, "authors": None})
    return rows


def newspaper4k_pages(g: str) -> list[dict]:
    rows = []
    for p in git_ls(g, "tests/data/html"):
        name = p.rsplit("/", 1)[1][:-5]
        try:
            gold = git_show(g, f"tests/data/txt/{name}.txt").decode("utf-8")
        except subprocess.CalledProcessError:
            continue
        try:
            meta = json.loads(git_show(g, f"tests/data/metadata/{name}.json"))
        except subprocess.CalledProcessError:
            meta = {}
        lang = lang_of(gold)
        if lang not in ("en", "zh"):
            continue
        rows.append({"id": f"newspaper4k-{name}", "lang": lang, "source": "newspaper4k", "label": "silver",
                     "url": meta.get("url") or meta.get("canonical_link"), "html": decode_html(git_show(g, p)),
                     "gold": gold.strip(), "title": meta.get("title"), "date": meta.get("publish_date"),
                     "authors": None})
    return rows


def _fundus_gold(v: dict) -> str:
    body = v.get("body") or {}
    parts = list(body.get("summary") or [])
    for sec in body.get("sections") or []:
        parts += list(sec.get("headline") or []) + list(sec.get("paragraphs") or [])
    return "\n\n".join(_norm(x) for x in parts if _norm(x))


def _version_key(name: str) -> tuple:
    return tuple(int(x) for x in re.findall(r"\d+", name))


def fundus_pages(g: str) -> list[dict]:
    root = "tests/resources/parser/test_data"
    files = git_ls(g, root)
    blobs = git_cat_many(g, files)
    rows = []
    by_pub: dict[str, list[str]] = defaultdict(list)
    for p in files:
        if p.endswith(".html.gz"):
            by_pub[p.rsplit("_", 3)[0]].append(p)
    for pub, htmls in sorted(by_pub.items()):
        country, name = pub.split("/")[-2:]
        jpath = f"{pub}.json"
        if jpath not in blobs:
            continue
        versions = json.loads(blobs[jpath])
        info = json.loads(blobs.get(f"{root}/{country}/meta.info", b"{}"))
        golds = {k: _fundus_gold(v) for k, v in sorted(versions.items(), key=lambda kv: _version_key(kv[0]))}
        pages = {h: decode_html(blobs[h]) for h in sorted(htmls)}
        vis = {h: _visible(t) for h, t in pages.items()}
        # pair every page with the version whose paragraphs it holds (each version once)
        cand = []
        for h in pages:
            for k, gold in golds.items():
                paras = [x for x in gold.split("\n\n") if len(x) > 30]
                if not paras:
                    continue
                hit = sum(x[:60] in vis[h] or x[-60:] in vis[h] or x[:60] in pages[h] for x in paras) / len(paras)
                cand.append((hit, h, k))
        used_h, used_k = set(), set()
        for hit, h, k in sorted(cand, key=lambda c: -c[0]):
            if h in used_h or k in used_k or hit < 0.5:
                continue
            used_h.add(h)
            used_k.add(k)
            v = versions[k]
            gold = golds[k]
            lang = lang_of(gold)
            if lang not in ("en", "zh"):
                continue
            fname = h.rsplit("/", 1)[1]
            rows.append({"id": f"fundus-{country}-{fname[:-8]}", "lang": lang, "source": "fundus", "label": "parser",
                         "url": (info.get(fname) or {}).get("url"), "html": pages[h], "gold": gold,
                         "title": v.get("title"), "date": v.get("publishing_date"), "authors": v.get("authors"),
                         "fundus_version": k, "pair_hit": round(hit, 2)})
    return rows


def _shingle8(text: str) -> set[int]:
    t = E.tokenize(text.lower())
    return {hash(tuple(t[i: i + 8])) for i in range(max(0, len(t) - 7))}


def devset_index(merged: str | None) -> tuple[dict[int, str], int]:
    index: dict[int, str] = {}
    n = 0
    if merged:
        paths = [p for p in git_ls(merged, "") if "/GoldStandard/" in p]
        for p, raw in git_cat_many(merged, paths).items():
            for s in _shingle8(decode_html(raw)):
                index.setdefault(s, p)
            n += 1
    for lang in ("en", "zh"):
        f = BENCH.parent / "eval" / "html" / f"dev-{lang}.jsonl.gz"
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                for s in _shingle8(r["gold"]):
                    index.setdefault(s, f"dev-{lang}:{r['id']}")
                n += 1
    return index, n


def build(a: argparse.Namespace) -> list[dict]:
    rows = []
    if a.fundus:
        rows += fundus_pages(a.fundus)
    if a.newspaper4k:
        rows += newspaper4k_pages(a.newspaper4k)
    if a.goose3:
        rows += goose3_pages(a.goose3)
    index, n = devset_index(a.devsets)
    print(f"dev/held-out gold pages indexed for overlap: {n}", file=sys.stderr)
    seen, kept = {}, []
    for r in rows:
        h = hashlib.sha1(r["html"].encode()).hexdigest()
        if r["id"] in DROP:
            print(f"drop {r['id']}: {DROP[r['id']]}", file=sys.stderr)
            continue
        if h in seen:
            print(f"drop {r['id']}: same html as {seen[h]}", file=sys.stderr)
            continue
        sh = _shingle8(r["gold"])
        if sh:
            hits = Counter(index[s] for s in sh if s in index)
            if hits and hits.most_common(1)[0][1] / len(sh) >= 0.3:
                print(f"drop {r['id']}: gold overlaps {hits.most_common(1)[0]}", file=sys.stderr)
                continue
        if len(E.tokenize(r["gold"])) < (4 if r["label"] == "prefix" else 50):
            print(f"drop {r['id']}: gold too short", file=sys.stderr)
            continue
        seen[h] = r["id"]
        kept.append(r)
    return kept


# ---------------------------------------------------------------- running the tools
def run_toolkit(pages: list[dict]) -> tuple[dict[str, str], dict[str, list[dict]], float]:
    from toolkit import Document, Pipeline

    pipe = Pipeline.default()
    pipe.run(Document(id="page", source="page", html=pages[0]["html"])).to_records()  # warm-up
    texts, recs = {}, {}
    t0 = time.perf_counter()
    for p in pages:
        r = pipe.run(Document(id="page", source="page", html=p["html"])).to_records()
        texts[p["id"]] = "\n\n".join(x["text"] for x in r if x["text"])  # as extraction.toolkit_extractor
        recs[p["id"]] = r
    return texts, recs, time.perf_counter() - t0


def run_trafilatura(pages: list[dict]) -> tuple[dict[str, str], dict[str, dict], float]:
    import trafilatura

    extract = E.trafilatura_extractor()
    extract(pages[0]["html"])
    texts = {}
    t0 = time.perf_counter()
    for p in pages:
        texts[p["id"]] = extract(p["html"])
    seconds = time.perf_counter() - t0
    meta = {}
    for p in pages:
        m = trafilatura.extract_metadata(p["html"])
        meta[p["id"]] = {"title": m.title, "byline": m.author, "date": m.date} if m else {}
    return texts, meta, seconds


def toolkit_meta(recs: list[dict]) -> dict:
    if not recs:
        return {}
    m = recs[0].get("metadata") or {}
    return {"title": recs[0].get("title"), "byline": m.get("byline"), "date": m.get("date")}


# ---------------------------------------------------------------- scoring
def fold_for(lang: str):
    return E._simplified if lang == "zh" else (lambda t: t)


def page_scores(p: dict, pred: str) -> tuple[float | None, float]:
    fold = fold_for(p["lang"])
    prec, rec = E.score(fold(p["gold"]), fold(pred))
    return (None if p["label"] == "prefix" else prec), rec


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def table(pages: list[dict], scores: dict, speed: dict) -> list[str]:
    out = ["| set | lang | tool | pages | F1 | P | R | pages/s |", "|---|---|---|---|---|---|---|---|"]
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for p in pages:
        if p["label"] == "prefix":
            continue
        groups[("all", p["lang"])].append(p)
        groups[(p["source"], p["lang"])].append(p)
    for (src, lang), ps in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0] != "all", kv[0][0])):
        for tool in scores:
            P = sum(scores[tool][p["id"]][0] for p in ps) / len(ps)
            R = sum(scores[tool][p["id"]][1] for p in ps) / len(ps)
            sp = f"{speed[tool][lang]:.1f}" if src == "all" else ""
            out.append(f"| {src} | {lang} | {tool} | {len(ps)} | {f1(P, R):.3f} | {P:.3f} | {R:.3f} | {sp} |")
    pre = [p for p in pages if p["label"] == "prefix"]
    if pre:
        out += ["", "goose3 prefix pages (gold = the article's first 5-40 words; recall only):", "",
                "| lang | tool | pages | mean prefix R | pages with R = 1 | pages with R = 0 |", "|---|---|---|---|---|---|"]
        for lang in sorted({p["lang"] for p in pre}):
            ps = [p for p in pre if p["lang"] == lang]
            for tool in scores:
                rs = [scores[tool][p["id"]][1] for p in ps]
                out.append(f"| {lang} | {tool} | {len(ps)} | {sum(rs) / len(rs):.3f} | {sum(r >= 0.999 for r in rs)} "
                           f"| {sum(r == 0 for r in rs)} |")
    return out


def meta_table(pages: list[dict], metas: dict) -> list[str]:
    out = ["| field | source | pages with expected | tool | found | exact (folded) | right (lenient) |",
           "|---|---|---|---|---|---|---|"]
    for field in ("title", "date", "authors"):
        for src in ("fundus", "newspaper4k", "goose3", "all"):
            ps = [p for p in pages if p.get(field) and (src == "all" or p["source"] == src)]
            if not ps:
                continue
            for tool in metas:
                found = exact = ok = 0
                for p in ps:
                    got = metas[tool][p["id"]]
                    key = {"title": "title", "date": "date", "authors": "byline"}[field]
                    g = got.get(key)
                    found += bool(g)
                    if field == "title":
                        exact += bool(g) and MR._fold(g) == MR._fold(p["title"])
                        ok += MR.title_ok(g, p["title"])
                    elif field == "date":
                        d = MR.day(str(g)) if g else None
                        exact += d is not None and d == MR.day(str(p["date"]))
                        ok = exact
                    else:
                        want = ", ".join(p["authors"])
                        exact += bool(g) and MR._names(g) == MR._names(want)
                        ok += MR.byline_ok(g, want)
                n = len(ps)
                out.append(f"| {field} | {src} | {n} | {tool} | {found / n:.2f} | {exact / n:.2f} | {ok / n:.2f} |")
    return out


# ---------------------------------------------------------------- diagnosis
def _paras(text: str) -> list[str]:
    return [x.strip() for x in re.split(r"\n\s*\n|\n", text or "") if x.strip()]


def diagnose(p: dict, pred: str, recs: list[dict], traf: str, agg: dict | None = None) -> list[str]:
    fold = fold_for(p["lang"])
    pred_sh = E.shingles(fold(pred))
    gold_sh = E.shingles(fold(p["gold"]))
    removed = [(x.get("rule"), x.get("reason"), x.get("text") or "") for r in recs for x in r.get("removed") or []]
    rem_sh = [E.shingles(fold(t)) for _, _, t in removed]
    traf_sh = E.shingles(fold(traf))
    lost: dict[str, list] = {}  # rule -> [paragraphs, shingles, trafilatura's share, excerpts]
    lost_total = 0
    for para in _paras(p["gold"]):
        sh = E.shingles(fold(para))
        n = sum(sh.values())
        if n < 3 or sum((sh & pred_sh).values()) / n >= 0.5:
            continue
        lost_total += n
        # the record holding most of it; a <script>/JSON copy of the article (html/script) only
        # when no other record holds it, since the visible copy is what was lost
        best, rule = 0.0, "(no removed record holds it)"
        for (r_rule, r_reason, _r_text), rs in zip(removed, rem_sh):
            c = sum((sh & rs).values()) / n - (0.5 if r_rule == "html/script" else 0.0)
            if c > best:
                best, rule = c, f"`{r_rule}` ({r_reason})"
        if best < 0.3 and rule != "(no removed record holds it)" and "html/script" not in rule:
            rule = "(no removed record holds it)"
        elif "html/script" in rule:
            rule = "(no record holds the visible copy; only the `html/script` JSON copy)"
        g = lost.setdefault(rule, [0, 0, 0.0, []])
        g[0] += 1
        g[1] += n
        g[2] += sum((sh & traf_sh).values())
        if len(g[3]) < 2:
            g[3].append(para[:100])
    extra = []
    if p["label"] != "prefix":
        for para in _paras(pred):
            sh = E.shingles(fold(para))
            n = sum(sh.values())
            if n >= 2 and sum((sh & gold_sh).values()) / n < 0.3:
                extra.append((n, para))
    kept_total = sum(n for n, _ in extra)
    gold_n, pred_n = sum(gold_sh.values()), sum(pred_sh.values())
    if agg is not None:  # shares of this page's gold lost by rule, of its output kept off gold
        for rule, (_k, n, _t, _ex) in lost.items():
            a = agg["lost"].setdefault(rule, [0.0, 0, []])
            a[0] += n / gold_n
            a[1] += 1
            a[2].append(p["id"])
        if extra:
            agg["kept"].append((kept_total / pred_n if pred_n else 0.0, p["id"], [x for _, x in sorted(extra, reverse=True)[:3]]))
        for _, para in extra:
            agg["kept_text"][re.sub(r"\W+", " ", para.lower()).strip()[:80]].add(p["id"])
    lines = [f"  gold {gold_n} shingles, toolkit {pred_n}; lost {lost_total} (in gold paragraphs toolkit dropped), "
             f"kept {kept_total} in {len(extra)} paragraphs not in gold"]
    for rule, (k, n, t, ex) in sorted(lost.items(), key=lambda kv: -kv[1][1]):
        lines.append(f"  - LOST {k} gold paragraphs, {n} shingles (trafilatura kept {t / n:.0%}) <- {rule}: "
                     + " | ".join(f'"{x}"' for x in ex))
    for n, para in sorted(extra, reverse=True)[:5]:
        lines.append(f"  - KEPT ({n} shingles) \"{para[:110]}\"")
    if len(extra) > 5:
        lines.append(f"  - ... and {len(extra) - 5} more kept paragraphs not in gold ({sum(n for n, _ in sorted(extra, reverse=True)[5:])} shingles)")
    return lines


# ---------------------------------------------------------------- main
def load_pages(path: str) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--goose3", help="bare git dir of github goose3/goose3")
    ap.add_argument("--newspaper4k", help="bare git dir of github AndyTheFactory/newspaper4k")
    ap.add_argument("--fundus", help="bare git dir of github flairNLP/fundus")
    ap.add_argument("--devsets", help="bare git dir of j-szulc/html-cleaning-dataset-merged (overlap check)")
    ap.add_argument("--pages-out", help="write the page list here (jsonl.gz) and stop")
    ap.add_argument("--pages", help="read the page list from here instead of the mirrors")
    ap.add_argument("--lang", choices=("en", "zh"), action="append")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst toolkit pages")
    ap.add_argument("--out", help="folder for outputs: toolkit records, trafilatura texts, per-page scores")
    ap.add_argument("--diagnose", help="write lost/kept paragraphs of the worst pages (markdown)")
    a = ap.parse_args(argv)

    if a.pages:
        pages = load_pages(a.pages)
    else:
        pages = build(a)
        if a.pages_out:
            with gzip.open(a.pages_out, "wt", encoding="utf-8") as f:
                for r in pages:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
            c = Counter((r["source"], r["lang"], r["label"]) for r in pages)
            for k, v in sorted(c.items()):
                print(k, v)
            return 0
    if a.lang:
        pages = [p for p in pages if p["lang"] in a.lang]

    texts, speed, metas = {}, defaultdict(dict), {}
    recs: dict[str, list[dict]] = {}
    for lang in sorted({p["lang"] for p in pages}):
        ps = [p for p in pages if p["lang"] == lang]
        t, r, s = run_toolkit(ps)
        texts.setdefault("toolkit", {}).update(t)
        recs.update(r)
        speed["toolkit"][lang] = len(ps) / s
        t, m, s = run_trafilatura(ps)
        texts.setdefault("trafilatura", {}).update(t)
        metas.setdefault("trafilatura", {}).update(m)
        speed["trafilatura"][lang] = len(ps) / s
    metas["toolkit"] = {p["id"]: toolkit_meta(recs[p["id"]]) for p in pages}
    metas = {"toolkit": metas["toolkit"], "trafilatura": metas["trafilatura"]}
    scores = {tool: {p["id"]: page_scores(p, texts[tool][p["id"]]) for p in pages} for tool in texts}

    print("\n".join(table(pages, scores, speed)))
    print()
    print("\n".join(meta_table(pages, metas)))

    full = [p for p in pages if p["label"] != "prefix"]
    by_id = {p["id"]: p for p in pages}

    def key(pid: str, tool: str) -> float:
        prec, rec = scores[tool][pid]
        return f1(prec, rec) if prec is not None else rec

    worst = sorted((p["id"] for p in full), key=lambda i: key(i, "toolkit"))[: a.worst]
    gap = [p["id"] for p in full if key(p["id"], "trafilatura") - key(p["id"], "toolkit") > 0.15]
    zero_prefix = [p["id"] for p in pages if p["label"] == "prefix" and scores["toolkit"][p["id"]][1] < 0.5]
    if a.worst:
        print(f"\nworst {a.worst} toolkit pages (F1 P/R; trafilatura's):")
        for i in worst:
            (tp, tr), (fp, fr) = scores["toolkit"][i], scores["trafilatura"][i]
            print(f"  {i:52} toolkit {f1(tp, tr):.2f} P{tp:.2f}/R{tr:.2f}   trafilatura {f1(fp, fr):.2f} P{fp:.2f}/R{fr:.2f}")
        print("\npages where toolkit is > 0.15 F1 below trafilatura:", len(gap))
        for i in gap:
            (tp, tr), (fp, fr) = scores["toolkit"][i], scores["trafilatura"][i]
            print(f"  {i:52} toolkit {f1(tp, tr):.2f} P{tp:.2f}/R{tr:.2f}   trafilatura {f1(fp, fr):.2f} P{fp:.2f}/R{fr:.2f}")
        print("\ngoose3 prefix pages where toolkit keeps < half the opening:",
              ", ".join(f"{i} (traf R{scores['trafilatura'][i][1]:.2f})" for i in zero_prefix) or "none")
    if a.diagnose:
        ids = list(dict.fromkeys(worst + gap + zero_prefix))
        agg: dict = {"lost": {}, "kept": [], "kept_text": defaultdict(set)}
        for p in full:
            diagnose(p, texts["toolkit"][p["id"]], recs[p["id"]], texts["trafilatura"][p["id"]], agg)
        n = len(full)
        md = ["# toolkit on the fixture set: where recall and precision go", "",
              f"## All {n} full-gold pages: mean recall lost in whole gold paragraphs, by the removed record's rule", "",
              "| rule | pages | mean R lost (points) | pages |", "|---|---|---|---|"]
        for rule, (share, k, ids_) in sorted(agg["lost"].items(), key=lambda kv: -kv[1][0]):
            md.append(f"| {rule} | {k} | {100 * share / n:.2f} | {', '.join(ids_[:8])}{' ...' if len(ids_) > 8 else ''} |")
        md += ["", "## Pages by share of toolkit's output that is not in the gold (top 25)", "",
               "| page | share of output | largest kept paragraphs |", "|---|---|---|"]
        for share, pid, ex in sorted(agg["kept"], reverse=True)[:25]:
            md.append(f"| {pid} | {share:.2f} | " + " / ".join(x[:70].replace("|", "/") for x in ex) + " |")
        md += ["", "## Kept non-gold paragraphs that recur on several pages", ""]
        for text, ids_ in sorted(agg["kept_text"].items(), key=lambda kv: -len(kv[1])):
            if len(ids_) >= 2:
                md.append(f"- {len(ids_)} pages: \"{text}\" ({', '.join(sorted(ids_)[:5])})")
        md += ["", "# The worst pages, one by one", ""]
        for i in ids:
            p = by_id[i]
            (tp, tr), (fp, fr) = scores["toolkit"][i], scores["trafilatura"][i]
            tps = f"P{tp:.2f}/" if tp is not None else ""
            fps = f"P{fp:.2f}/" if fp is not None else ""
            md.append(f"## {i} ({p['label']}, {p['lang']}) toolkit {tps}R{tr:.2f}, trafilatura {fps}R{fr:.2f}")
            md.append(f"  url: {p.get('url')}")
            md += diagnose(p, texts["toolkit"][i], recs[i], texts["trafilatura"][i])
            md.append("")
        Path(a.diagnose).write_text("\n".join(md), encoding="utf-8")
    if a.out:
        out = Path(a.out)
        out.mkdir(parents=True, exist_ok=True)
        with gzip.open(out / "toolkit_records.jsonl.gz", "wt", encoding="utf-8") as f:
            for p in pages:
                f.write(json.dumps({"page": p["id"], "records": recs[p["id"]]}, ensure_ascii=False) + "\n")
        with gzip.open(out / "trafilatura.jsonl.gz", "wt", encoding="utf-8") as f:
            for p in pages:
                f.write(json.dumps({"page": p["id"], "text": texts["trafilatura"][p["id"]],
                                    "meta": metas["trafilatura"][p["id"]]}, ensure_ascii=False) + "\n")
        with open(out / "per_page.tsv", "w", encoding="utf-8") as f:
            f.write("id\tlang\tsource\tlabel\ttk_P\ttk_R\ttr_P\ttr_R\ttk_title\ttk_date\ttk_byline\ttr_title\ttr_date\t"
                    "tr_author\tgold_title\tgold_date\tgold_authors\n")
            for p in pages:
                (tp, tr), (fp, fr) = scores["toolkit"][p["id"]], scores["trafilatura"][p["id"]]
                mt, mf = metas["toolkit"][p["id"]], metas["trafilatura"][p["id"]]

                def c(x: object) -> str:
                    return "" if x is None else re.sub(r"\s+", " ", str(x))[:150]

                f.write("\t".join([p["id"], p["lang"], p["source"], p["label"],
                                   c(tp if tp is None else round(tp, 3)), c(round(tr, 3)),
                                   c(fp if fp is None else round(fp, 3)), c(round(fr, 3)),
                                   c(mt.get("title")), c(mt.get("date")), c(mt.get("byline")),
                                   c(mf.get("title")), c(mf.get("date")), c(mf.get("byline")),
                                   c(p.get("title")), c(p.get("date")), c(p.get("authors") and "; ".join(p["authors"]))])
                        + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
