"""Score ``toolkit clean`` on the real-world dev set (tests/eval/realworld/).

    python tests/bench/realworld.py            # the table for docs/benchmarks.md
    python tests/bench/realworld.py --dump     # every edit and flag, to judge by hand
    python tests/bench/realworld.py --json out.json

What is measured (labels in labels.yaml, hand judgements in judgements.yaml):

- accuracy per field: title, documents (articles found), date, source_name, byline, editors —
  over the documents whose label sets the field (a title label of null means "no title");
- boilerplate precision/recall over lines: labelled furniture lines against the lines the
  toolkit removed as boilerplate/image/caption (a line in ``optional_remove`` counts neither way);
  metadata lines: recall of labelled metadata lines removed with reason metadata;
- content kept: every other input line must still be in the body (word containment >= 0.8);
- edits and flags per 1,000 words (English words for English documents, Han characters / 1.5 for
  Chinese ones); text edits exclude removals (metadata datelines, boilerplate prefixes) and joins;
- flag and edit precision: share judged true in judgements.yaml (unjudged ones are reported);
- interleaved pages: share of emitted pairs whose two sides come from the same labelled pair,
  and share of labelled pairs covered.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "eval" / "realworld"
sys.path.insert(0, str(ROOT))

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_WORD = re.compile(r"[A-Za-z]+|\d+|[\u4e00-\u9fff]")
_NON_TEXT_RULES = ("metadata/", "structure/join-wrapped")


def norm_date(value: str | None) -> tuple[int, int] | None:
    """(month, day) of a date written in any of the usual shapes."""
    if not value:
        return None
    v = value.lower()
    m = re.search(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", v)
    if m:
        return int(m.group(2)), int(m.group(3))
    m = re.search(r"(\d{1,2})月(\d{1,2})日", v)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.search(r"([a-z]{3})[a-z]*\.?\s+(\d{1,2})", v)
    if m and m.group(1) in _MONTHS:
        return _MONTHS[m.group(1)], int(m.group(2))
    m = re.search(r"(\d{1,2})\s+([a-z]{3})", v)
    if m and m.group(2) in _MONTHS:
        return _MONTHS[m.group(2)], int(m.group(1))
    return None


def norm_text(value: object) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip().lower()


def field_ok(name: str, want: object, got: object) -> bool:
    if name == "date":
        return norm_date(str(want)) == norm_date(str(got) if got else None)
    if name == "editors":
        return [norm_text(x) for x in (want or [])] == [norm_text(x) for x in (got or [])]
    return norm_text(want) == norm_text(got)


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _WORD.findall(text)]


def words(text: str, lang: str) -> float:
    if lang == "zh":
        return len(re.findall(r"[\u4e00-\u9fff]", text)) / 1.5
    return float(len(re.findall(r"[A-Za-z]+(?:['’][a-z]+)?", text)))


def kept(line: str, body: Counter[str]) -> bool:
    toks = tokens(line)
    if not toks:
        return True
    have = sum(1 for t in toks if body[t] > 0)
    return have / len(toks) >= 0.8


def run(dump: bool = False) -> dict:
    from toolkit import Pipeline
    from toolkit.model import Document

    labels = yaml.safe_load((DEV / "labels.yaml").read_text(encoding="utf-8"))
    judg = yaml.safe_load((DEV / "judgements.yaml").read_text(encoding="utf-8")) if (DEV / "judgements.yaml").exists() else {}
    flag_judg = (judg or {}).get("flags", [])
    edit_judg = (judg or {}).get("edits", [])

    def judge(items: list[dict], file: str, keys: dict[str, str], window: str) -> bool | None:
        """The hand judgement for a flag/edit: same file and keys, its ``near`` text around it."""
        for j in items:
            if j["file"] == file and all(j.get(k) == v for k, v in keys.items()) and j.get("near", "") in window:
                return bool(j["ok"])
        return None

    pipe = Pipeline.default()
    fields = ("title", "documents", "date", "source_name", "byline", "editors")
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: dict[str, list[str]] = {f: [] for f in fields}
    bp_tp = bp_fp = bp_fn = 0
    bp_fp_lines: list[str] = []
    md_tp = md_fn = 0
    lost: list[tuple[str, str]] = []
    content_lines = 0
    edits_by_rule: Counter[str] = Counter()
    flags_by_kind: Counter[str] = Counter()
    n_words = {"en": 0.0, "zh": 0.0}
    n_edits = {"en": 0, "zh": 0}
    n_flags = {"en": 0, "zh": 0}
    flag_true = flag_false = flag_unjudged = 0
    edit_true = edit_false = edit_unjudged = 0
    pair_ok = pair_total = pair_covered = pair_labelled = 0
    unjudged: list[str] = []
    t0 = time.perf_counter()
    for lab in labels:
        file = lab["file"]
        text = (DEV / "docs" / file).read_text(encoding="utf-8")
        doc = Document(id=file, source=file, raw=text)
        pipe.run(doc)
        recs = doc.to_records()
        lang = lab.get("lang", "en")
        rec0 = recs[0]
        meta = rec0["metadata"]
        # -- fields
        total["documents"] += 1
        if len(recs) == lab["documents"]:
            right["documents"] += 1
        else:
            misses["documents"].append(f"{file}: {len(recs)} (want {lab['documents']})")
        want_titles = lab.get("titles") or [lab.get("title")]
        for i, want in enumerate(want_titles):
            got = recs[i]["title"] if i < len(recs) else None
            total["title"] += 1
            if (not want and not got) or (want and field_ok("title", want, got)):
                right["title"] += 1
            else:
                misses["title"].append(f"{file}: got {str(got)[:70]!r} want {str(want)[:70]!r}")
        for f in ("date", "source_name", "byline", "editors"):
            if f in lab["metadata"]:
                total[f] += 1
                if field_ok(f, lab["metadata"][f], meta.get(f)):
                    right[f] += 1
                else:
                    misses[f].append(f"{file}: got {meta.get(f)!r} want {lab['metadata'][f]!r}")
        # -- removals
        removed = [(r["text"], r["reason"]) for rec in recs for r in rec["removed"]]
        bp_labels = [norm_text(x) for x in lab.get("boilerplate", [])]
        optional = [norm_text(x) for x in lab.get("optional_remove", [])]
        md_labels = [norm_text(x) for x in lab.get("metadata_lines", [])]
        removed_bp = [norm_text(t) for t, r in removed if r in ("boilerplate", "image", "caption")]
        removed_md = [norm_text(t) for t, r in removed if r == "metadata"]
        for x in bp_labels:
            if x in removed_bp:
                bp_tp += 1
            else:
                bp_fn += 1
        for x in removed_bp:
            if x not in bp_labels and x not in optional and x not in md_labels:
                bp_fp += 1
                bp_fp_lines.append(f"{file}: {x[:80]}")
        for x in md_labels:
            if x in removed_md or x in removed_bp:
                md_tp += 1
            else:
                md_fn += 1
        # -- content kept
        body = Counter(t for rec in recs for t in tokens(rec["text"]))
        # A dateline cut from the front of a paragraph is accounted for (metadata); any other
        # metadata record (a field line, or a paragraph swallowed by one) is not counted as kept.
        body.update(t for rec in recs for r in rec["removed"] if r["rule"].startswith("metadata/dateline")
                    for t in tokens(r["text"]))
        skip = set(bp_labels) | set(optional) | set(md_labels)
        skip |= {norm_text(t) for t in want_titles if t}
        heads = [norm_text(t) for t in want_titles if t]
        for line in text.split("\n"):
            if not line.strip() or norm_text(line) in skip:
                continue
            if any(norm_text(line).startswith(h) and len(line) - len(h) <= 60 for h in heads):
                continue  # the title line with the site's name after the headline (metadata site_name)
            content_lines += 1
            if not kept(line, body):
                lost.append((file, line[:90]))
        # -- edits and flags
        n_words[lang] += sum(words(rec["text"], lang) for rec in recs)
        for rec in recs:
            for e in rec["edits"]:
                if e["stage"] == "boilerplate" or e["rule"].startswith(_NON_TEXT_RULES):
                    continue
                n_edits[lang] += 1
                edits_by_rule[e["rule"]] += 1
                para = rec["paragraphs"][e["paragraph"]]["text"] if e.get("paragraph") is not None else rec["title"]
                window = para[max(0, e["start"] - 80) : e["start"] + 80]
                truth = judge(edit_judg, file, {"rule": e["rule"], "before": e["before"], "after": e["after"]}, window)
                if truth is None:
                    edit_unjudged += 1
                    unjudged.append(f"EDIT {file}: {e['rule']} {e['before']!r} -> {e['after']!r}")
                elif truth:
                    edit_true += 1
                else:
                    edit_false += 1
                if dump:
                    s = e["start"]
                    print(f"EDIT {file} {e['rule']} {e['before']!r}->{e['after']!r} judged={truth} :: "
                          f"...{para[max(0, s - 50):s + 50]}...")
            for f in rec["flags"]:
                n_flags[lang] += 1
                flags_by_kind[f["kind"]] += 1
                para = rec["paragraphs"][f["paragraph"]]["text"] if f.get("paragraph") is not None else rec["title"]
                window = para[max(0, f["start"] - 80) : f["start"] + 80]
                truth = judge(flag_judg, file, {"kind": f["kind"], "text": f["text"]}, window)
                if truth is None:
                    flag_unjudged += 1
                    unjudged.append(f"FLAG {file}: {f['kind']} {f['text']!r}")
                elif truth:
                    flag_true += 1
                else:
                    flag_false += 1
                if dump:
                    s = f["start"]
                    nxt = ""
                    if f.get("paragraph") is not None and f["paragraph"] + 1 < len(rec["paragraphs"]):
                        nxt = rec["paragraphs"][f["paragraph"] + 1]["text"][:60]
                    print(f"FLAG {file} {f['kind']} {f['text']!r} judged={truth} :: ...{para[max(0, s - 60):s + 60]}..."
                          f" || next: {nxt}")
        # -- interleaved pairs
        if lab.get("pairs"):
            want_pairs = lab["pairs"]
            pair_labelled += len(want_pairs)
            covered = set()
            for p in doc.pairs:
                pair_total += 1
                hit = [i for i, (z, e) in enumerate(want_pairs)
                       if kept(unicodedata.normalize("NFKC", p.zh), Counter(tokens(unicodedata.normalize("NFKC", z))))
                       and kept(p.en, Counter(tokens(e)))]
                if hit:
                    pair_ok += 1
                    covered.update(hit)
            pair_covered += len(covered)
    seconds = time.perf_counter() - t0
    wrap_same, wrap_total, wrap_diff = wrapped_variants(pipe, labels)

    def per_k(n: int, w: float) -> float:
        return round(1000 * n / w, 2) if w else 0.0

    judged_flags = flag_true + flag_false
    judged_edits = edit_true + edit_false
    return {
        "documents": len(labels),
        "seconds": round(seconds, 2),
        "field_accuracy": {f: f"{right[f]}/{total[f]}" for f in fields},
        "field_misses": misses,
        "boilerplate": {"tp": bp_tp, "fp": bp_fp, "fn": bp_fn,
                        "precision": round(bp_tp / (bp_tp + bp_fp), 3) if bp_tp + bp_fp else None,
                        "recall": round(bp_tp / (bp_tp + bp_fn), 3) if bp_tp + bp_fn else None,
                        "false_removals": bp_fp_lines},
        "metadata_lines": f"{md_tp}/{md_tp + md_fn}",
        "content_lines_lost": f"{len(lost)}/{content_lines}",
        "lost": lost,
        "words": {k: round(v) for k, v in n_words.items()},
        "edits_per_1000": {k: per_k(n_edits[k], n_words[k]) for k in n_words},
        "flags_per_1000": {k: per_k(n_flags[k], n_words[k]) for k in n_words},
        "edits": dict(edits_by_rule.most_common()),
        "flags": dict(flags_by_kind.most_common()),
        "flag_precision": f"{flag_true}/{judged_flags}" + (f" ({flag_unjudged} unjudged)" if flag_unjudged else ""),
        "edit_precision": f"{edit_true}/{judged_edits}" + (f" ({edit_unjudged} unjudged)" if edit_unjudged else ""),
        "pairs": {"emitted_correct": f"{pair_ok}/{pair_total}", "labelled_covered": f"{pair_covered}/{pair_labelled}"},
        "unjudged": unjudged,
        "hard_wrapped_same": f"{wrap_same}/{wrap_total}",
        "hard_wrapped_differ": wrap_diff,
    }


def wrapped_variants(pipe: object, labels: list[dict]) -> tuple[int, int, list[str]]:
    """The same documents hard-wrapped as old pages are (English at 60 and 72 columns; Chinese at 30
    characters with an indented first line and no blank lines): the articles, titles and paragraph
    counts must come out as for the unwrapped file."""
    import textwrap

    from toolkit.model import Document

    def shape(raw: str) -> list[tuple[str, int]]:
        recs = pipe.run(Document(id="w", source="w", raw=raw)).to_records()  # type: ignore[attr-defined]
        return [(r["title"], len(r["paragraphs"])) for r in recs]

    same = total = 0
    differ: list[str] = []
    for lab in labels:
        raw = (DEV / "docs" / lab["file"]).read_text(encoding="utf-8")
        if lab["layout"] in ("plain", "nohead", "wire"):
            paras = [p for p in raw.split("\n\n") if p.strip()]
            variants = {f"{w} cols": "\n\n".join(textwrap.fill(p, w, break_on_hyphens=False) for p in paras) for w in (60, 72)}
        elif lab["layout"] == "zh" and lab["documents"] == 1:
            lines = [x for x in raw.split("\n") if x.strip()]
            out = lines[:2]
            for p in lines[2:]:
                chunks = [p[i : i + 30] for i in range(0, len(p), 30)]
                out += ["\u3000\u3000" + chunks[0]] + chunks[1:]
            variants = {"30 chars": "\n".join(out)}
        else:
            continue
        want = shape(raw)
        for name, text in variants.items():
            total += 1
            got = shape(text)
            if got == want:
                same += 1
            else:
                differ.append(f"{lab['file']} {name}: {got} (unwrapped {want})")
    return same, total, differ


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dump", action="store_true", help="print every edit and flag with its judgement")
    ap.add_argument("--json", help="write the full result here")
    args = ap.parse_args(argv)
    res = run(dump=args.dump)
    if args.json:
        Path(args.json).write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    show = {k: v for k, v in res.items() if k not in ("unjudged",)}
    print(json.dumps(show, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
