#!/usr/bin/env python3
# Copied from shared/tools/expect_eval.py (the project spec's checker) so the test suite is self-contained.
"""Check `toolkit clean` output against an expectations YAML.

usage: expect_eval.py EXPECTATIONS.yaml DOCS_DIR [--toolkit CMD] [--min-ratio R] [-v]

Runs `CMD clean DOCS_DIR -o out.jsonl --bitext pairs.jsonl` in a temp dir, then
checks every expectation. Prints failures and, last, "N/M checks pass".
Exit 0 when the pass ratio >= --min-ratio (default 1.0).
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import unicodedata

import yaml

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


def run_toolkit(cmd, docs, tmp):
    out, bitext = os.path.join(tmp, "out.jsonl"), os.path.join(tmp, "pairs.jsonl")
    argv = shlex.split(cmd) + ["clean", docs, "-o", out, "--bitext", bitext]
    p = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    if not os.path.exists(out):
        argv = shlex.split(cmd) + ["clean", docs, "-o", out]
        p = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    docs_out = []
    if os.path.exists(out):
        with open(out, encoding="utf-8") as f:
            docs_out = [json.loads(l) for l in f if l.strip()]
    pairs = []
    if os.path.exists(bitext):
        with open(bitext, encoding="utf-8") as f:
            pairs = [json.loads(l) for l in f if l.strip()]
    return p, docs_out, pairs


class Checker:
    def __init__(self, verbose):
        self.ok = self.total = 0
        self.fail = []
        self.verbose = verbose

    def check(self, name, cond, detail=""):
        self.total += 1
        if cond:
            self.ok += 1
        else:
            self.fail.append(f"FAIL {name} {detail}".rstrip())


def stem_of(fname):
    return os.path.splitext(fname)[0]


def docs_for(fname, docs):
    s = stem_of(fname)
    return [d for d in docs if str(d.get("id", "")).split("#")[0] == s]


def body(ds):
    return "\n".join(norm(d.get("title", "")) + "\n" + norm(d.get("text", "")) for d in ds)


def paragraphs(ds):
    return [p for d in ds for p in d.get("paragraphs", [])]


def evaluate(exp, docs, pairs, c):
    for fname, e in exp.items():
        ds = docs_for(fname, docs)
        tag = fname
        c.check(f"{tag}: produced", bool(ds), "no document with this id")
        if not ds:
            continue
        b = body(ds)
        bl = b.lower()
        if "documents" in e:
            c.check(f"{tag}: documents", len(ds) == e["documents"], f"got {len(ds)} want {e['documents']}")
        for i, t in enumerate(e.get("titles", [])):
            got = norm(ds[i].get("title", "")) if i < len(ds) else None
            c.check(f"{tag}: title {i+1}", got == norm(t), f"got {got!r}")
        if "lang" in e:
            c.check(f"{tag}: lang", ds[0].get("lang") == e["lang"], f"got {ds[0].get('lang')!r}")
        removed = [r for d in ds for r in d.get("removed", [])]
        for r in e.get("removed", []):
            t = norm(r["text"])
            rec = [x for x in removed if t in norm(x.get("text", "")) or norm(x.get("text", "")).startswith(t)]
            c.check(f"{tag}: removed record {t[:50]!r}", bool(rec))
            if rec and r.get("reason"):
                c.check(f"{tag}: removed reason {t[:40]!r}", any(x.get("reason") == r["reason"] for x in rec),
                        f"got {[x.get('reason') for x in rec]}")
            if len(t) < 14:
                c.check(f"{tag}: not in body {t!r}", all(norm(p.get("text")) != t for p in paragraphs(ds)))
            else:
                c.check(f"{tag}: not in body {t[:50]!r}", t not in b)
        for t in e.get("removed_any", []):
            c.check(f"{tag}: gone {t!r}", norm(t) not in b)
        md = e.get("metadata", {})
        for k, v in md.items():
            if k.startswith("document_"):
                idx = int(k.split("_")[1]) - 1
                m = ds[idx].get("metadata", {}) if idx < len(ds) else {}
                for k2, v2 in v.items():
                    got = m.get(k2)
                    c.check(f"{tag}: {k}.metadata.{k2}", bool(got) if v2 == "present" else norm(str(got)) == norm(str(v2)), f"got {got!r}")
                continue
            got = ds[0].get("metadata", {}).get(k)
            if isinstance(v, list):
                c.check(f"{tag}: metadata.{k}", [norm(x) for x in (got or [])] == [norm(x) for x in v], f"got {got!r}")
            else:
                c.check(f"{tag}: metadata.{k}", bool(got) if v == "present" else norm(str(got)) == norm(str(v)), f"got {got!r}")
        for t in e.get("absent", []):
            c.check(f"{tag}: absent {t[:50]!r}", norm(t) not in b if t.strip() else t not in b)
        for t in e.get("present", []):
            c.check(f"{tag}: present {t[:60]!r}", norm(t) in b)
        for t in e.get("present_ci", []):
            c.check(f"{tag}: present(ci) {t[:60]!r}", norm(t).lower() in bl)
        if e.get("body_has_no_cjk"):
            hits = CJK.findall("\n".join(d.get("text", "") for d in ds))
            c.check(f"{tag}: body has no CJK", not hits, f"{len(hits)} CJK chars")
        fn = e.get("footnotes")
        if fn:
            notes = [f for d in ds for f in d.get("footnotes", [])]
            c.check(f"{tag}: footnote count", len(notes) == fn["count"], f"got {len(notes)}")
            if "lang" in fn:
                c.check(f"{tag}: footnote lang", notes and all(f.get("lang") == fn["lang"] for f in notes),
                        f"got {[f.get('lang') for f in notes]}")
            bymark = {norm(f.get("marker")): f for f in notes}
            for m in fn.get("linked", []):
                c.check(f"{tag}: footnote {m} linked", bymark.get(m, {}).get("linked") is True)
            flags = [f for d in ds for f in d.get("flags", [])]
            for m in fn.get("orphans", []):
                c.check(f"{tag}: footnote {m} orphan", bymark.get(m, {}).get("linked") is False)
                c.check(f"{tag}: orphan flag {m}", any(f.get("kind") == "orphan-footnote" and m in (f.get("text", "") + f.get("message", "")) for f in flags))
            if "text_of_1_contains" in fn:
                first = next((f for f in notes if norm(f.get("marker")) in ("①", "[1]", "1")), {})
                c.check(f"{tag}: footnote 1 text", norm(fn["text_of_1_contains"]) in norm(first.get("text")), f"got {first.get('text')!r}")
            for m, lg in fn.get("langs", {}).items():
                c.check(f"{tag}: footnote {m} lang", bymark.get(m, {}).get("lang") == lg, f"got {bymark.get(m, {}).get('lang')!r}")
        nt = e.get("notes")
        if nt:
            notes = [f for d in ds for f in d.get("notes", [])]
            c.check(f"{tag}: notes count", len(notes) == nt["count"], f"got {len(notes)}")
            c.check(f"{tag}: notes lang", notes and all(f.get("lang") == nt["lang"] for f in notes))
        for fl in e.get("flags", []) + [dict(x, kind=None) for x in e.get("flags_any_kind", [])]:
            near = norm(fl["near"])
            hit = False
            for d in ds:
                ps = d.get("paragraphs", [])
                for f in d.get("flags", []):
                    if fl["kind"] and f.get("kind") != fl["kind"]:
                        continue
                    pi = f.get("paragraph")
                    if isinstance(pi, int) and 0 <= pi < len(ps):
                        txt = norm(ps[pi].get("text"))
                        pos = txt.find(near)
                        st = f.get("start", 0) or 0
                        if pos >= 0 and pos - 40 <= st <= pos + len(near) + 40:
                            hit = True
                    if not hit and near in norm(f.get("text", "") + " " + str(f.get("context", ""))):
                        hit = True
            c.check(f"{tag}: flag {fl['kind'] or 'any'} near {near[:40]!r}", hit)
        st = e.get("structure")
        if st:
            ps = paragraphs(ds)
            if "list_items" in st:
                n = sum(1 for p in ps if p.get("kind") == "list_item")
                c.check(f"{tag}: list items", n == st["list_items"], f"got {n}")
            if "headings_min" in st:
                n = sum(1 for p in ps if p.get("kind") == "heading")
                c.check(f"{tag}: headings", n >= st["headings_min"], f"got {n}")
        if "min_sentences" in e:
            n = sum(len(p.get("sentences", [])) for p in paragraphs(ds))
            c.check(f"{tag}: sentences", n >= e["min_sentences"], f"got {n}")
        for key, field in (("max_edits", "edits"), ("max_removed", "removed"), ("max_flags", "flags")):
            if key in e:
                n = sum(len(d.get(field, [])) for d in ds)
                c.check(f"{tag}: {field} <= {e[key]}", n <= e[key], f"got {n}: {[d.get(field) for d in ds]}"[:300])
        bt = e.get("bitext")
        if bt:
            s = stem_of(fname)
            mine = [p for p in pairs if str(p.get("doc", "")).split("#")[0] == s]
            c.check(f"{tag}: bitext pairs >= {bt['min_pairs']}", len(mine) >= bt["min_pairs"], f"got {len(mine)}")
            for zh, en in bt.get("must_pair", []):
                ok = any(norm(zh) in norm(p.get("zh")) and norm(en).lower() in norm(p.get("en")).lower() for p in mine)
                c.check(f"{tag}: pair {zh[:12]!r}", ok)
            if "origin" in bt:
                c.check(f"{tag}: bitext origin", mine and all(p.get("origin") == bt["origin"] for p in mine))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("expectations")
    ap.add_argument("docs")
    ap.add_argument("--toolkit", default="toolkit")
    ap.add_argument("--min-ratio", type=float, default=1.0)
    ap.add_argument("--json", help="read this output JSONL instead of running the toolkit")
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    exp = yaml.safe_load(open(a.expectations, encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        p, docs, pairs = run_toolkit(a.toolkit, a.docs, tmp)
    c = Checker(a.v)
    evaluate(exp, docs, pairs, c)
    if p.returncode not in (0, 1):
        print(f"toolkit exited {p.returncode}: {p.stderr.strip()[-400:]}")
    for f in c.fail:
        print(f)
    ratio = c.ok / c.total if c.total else 0
    print(f"{c.ok}/{c.total} checks pass ({ratio:.0%})")
    sys.exit(0 if ratio >= a.min_ratio else 1)


if __name__ == "__main__":
    main()
