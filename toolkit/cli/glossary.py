"""``toolkit glossary`` subcommands: lint, show, stats, export, import, diff, suggest."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
from ..glossary import Entry, Glossary, glossary_files
from ..glossary.loader import load_files


def _paths(given: list[str] | None) -> list[str]:
    if given:
        return given
    from ..glossary import default_glossary_paths

    found = [str(p) for p in default_glossary_paths()]
    if not found:
        raise GlossaryError("no glossary given and no ./glossaries folder; name a file or folder")
    return found


def _blobs(paths: list[str]) -> list[tuple[str, str, bytes]]:
    out = []
    for root, f in glossary_files(paths):
        out.append((root, str(f), f.read_bytes()))
    return out


def cmd_lint(args: argparse.Namespace) -> int:
    entries, issues = load_files(_blobs(_paths(args.paths)))
    if args.format == "json":
        print(json.dumps([i.to_dict() for i in issues], ensure_ascii=False, indent=1))
    else:
        for i in issues:
            print(i.format())
        errors = sum(1 for i in issues if i.severity == "error")
        print(f"{len(entries)} entries; {errors} errors, {len(issues) - errors} warnings", file=sys.stderr)
    return 1 if any(i.severity == "error" for i in issues) else 0


def cmd_show(args: argparse.Namespace) -> int:
    g = Glossary.load(_paths(args.glossary), cache=False)
    hits = g.lookup(args.term)
    if not hits:
        print(f"{args.term!r}: not in the glossary", file=sys.stderr)
        return 1
    for e in hits:
        path = next((f for f in g.files if f.endswith(e.file)), e.file)
        print(f"{path}:{e.line}: {e.zh} -> {e.en} [{e.kind}, {e.action}]")
        for v in e.variants:
            ctx = "".join(f" {k}={getattr(v, k)!r}" for k in ("before", "after") if getattr(v, k))
            print(f"    variant {v.text!r}{ctx}  (line {v.line})")
        if e.note:
            print(f"    note: {e.note}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    g = Glossary.load(_paths(args.paths), cache=False)
    per_file: Counter[str] = Counter(e.file for e in g.entries)
    kinds: Counter[str] = Counter(e.kind for e in g.entries)
    actions: Counter[str] = Counter(e.action for e in g.entries)
    variants = sum(len(e.variants) for e in g.entries)
    print(f"{len(g.entries)} entries, {variants} variants, digest {g.digest[:19]}")
    for f, n in sorted(per_file.items()):
        print(f"  {f}: {n} entries")
    print("  kinds: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    print("  actions: " + ", ".join(f"{k} {n}" for k, n in sorted(actions.items())))
    return 0


def _variant_texts(e: Entry) -> str:
    return "|".join(v.text for v in e.variants)


def cmd_export(args: argparse.Namespace) -> int:
    g = Glossary.load(_paths(args.paths), cache=False)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        if args.format in ("tsv", "csv"):
            w = csv.writer(out, delimiter="\t" if args.format == "tsv" else ",", lineterminator="\n")
            w.writerow(["zh", "en", "kind", "action", "variants", "note"])
            for e in g.entries:
                w.writerow([e.zh, e.en, e.kind, e.action, _variant_texts(e), e.note])
        else:
            from ..glossary.tbx import to_tbx

            out.write(to_tbx(g.entries))
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from ..glossary.tbx import from_table, from_tbx, to_yaml

    src = Path(args.file)
    if not src.exists():
        raise GlossaryError("no such file", path=args.file)
    suffix = src.suffix.lower()
    if suffix == ".tbx":
        rows = from_tbx(src)
    elif suffix in (".tsv", ".csv"):
        rows = from_table(src, "\t" if suffix == ".tsv" else ",")
    else:
        raise GlossaryError("import reads .tbx, .tsv or .csv files", path=args.file)
    Path(args.output).write_text(to_yaml(rows), encoding="utf-8")
    print(f"{len(rows)} entries written to {args.output}; run 'toolkit glossary lint {args.output}'", file=sys.stderr)
    return 0


def _edits_on(paths: list[str], glossary: list[str]) -> Counter[tuple[str, str, str, str]]:
    from ..io.readers import read_documents
    from ..pipeline import Pipeline

    pipe = Pipeline.from_config(None, glossary)
    found: Counter[tuple[str, str, str, str]] = Counter()
    for doc in read_documents(paths):
        if isinstance(doc, Exception):
            print(f"toolkit: {doc}", file=sys.stderr)
            continue
        for rec in pipe.run(doc).to_records():
            for e in rec["edits"]:
                if e["stage"] == "terms":
                    found[(rec["id"], e["before"], e["after"], e["rule"].split(":", 1)[-1])] += 1
            for f in rec["flags"]:
                if f["stage"] == "terms":
                    found[(rec["id"], f["text"], f"[{f['kind']}] {f.get('suggestion') or ''}", f["rule"].split(":", 1)[-1])] += 1
    return found


def cmd_diff(args: argparse.Namespace) -> int:
    old = _edits_on(args.corpus, [args.old])
    new = _edits_on(args.corpus, [args.new])
    added = new - old
    gone = old - new
    for (doc, before, after, zh), n in sorted(gone.items()):
        print(f"- {doc}: {before!r} -> {after!r} ({zh}) x{n}")
    for (doc, before, after, zh), n in sorted(added.items()):
        print(f"+ {doc}: {before!r} -> {after!r} ({zh}) x{n}")
    print(f"{sum(added.values())} edits added, {sum(gone.values())} removed", file=sys.stderr)
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    counts: Counter[tuple[str, str, str]] = Counter()
    with open(args.pairs, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                pair = json.loads(line)
            except json.JSONDecodeError:
                print(f"toolkit: {args.pairs}:{n}: malformed JSON; skipped", file=sys.stderr)
                continue
            for fl in pair.get("flags", []):
                if fl.get("kind") == "term-missing":
                    for cand in fl.get("candidates", [])[:1]:
                        counts[(fl.get("zh", ""), fl.get("expected", ""), cand)] += 1
    out: list[dict[str, Any]] = []
    for (zh, en, cand), n in counts.most_common():
        if n >= args.min_count:
            out.append({"zh": zh, "en": en, "proposed_variant": cand, "count": n})
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


def run(args: argparse.Namespace) -> int:
    cmds = {"lint": cmd_lint, "show": cmd_show, "stats": cmd_stats, "export": cmd_export, "import": cmd_import,
            "diff": cmd_diff, "suggest": cmd_suggest}
    return cmds[args.gcommand](args)

