"""``toolkit align``: one document pair, two folders, a list of pairs, or JSONL with both sides.

The lexicon (CC-CEDICT, from its data-only cache, plus the glossary) is built once for the whole
run, and so is the sentence-embedding model of ``--embeddings`` (optional: it replaces the
dictionary score in the search for beads; the pairs' scores and flags stay dictionary-based).
Pairs below ``--min-score`` or carrying a ``--drop-flags`` kind are not lost: they go to a
side file (``--dropped``, by default beside ``-o``) with the reasons, and stderr gets a summary.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError
from ..model import Pair

#: Flag kinds ``--drop-flags`` accepts: the hard-negative flags and the QA flags.
DROPPABLE = ("untranslated", "wrong-script", "partial", "number-mismatch", "term-missing")


def _score(value: str) -> float:
    try:
        v = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--min-score must be a number between 0 and 1, not {value!r}") from None
    if not 0.0 <= v <= 1.0:
        raise argparse.ArgumentTypeError(
            f"--min-score is a probability between 0 and 1, not {value} (0.5 keeps pairs more likely right than wrong)")
    return v


def _kinds(value: str) -> list[str]:
    from ..errors import did_you_mean

    kinds = [k.strip() for k in value.split(",") if k.strip()]
    for k in kinds:
        if k not in DROPPABLE:
            raise argparse.ArgumentTypeError(f"unknown flag kind {k!r}{did_you_mean(k, DROPPABLE)}; "
                                             f"one of: {', '.join(DROPPABLE)}")
    return kinds


def add_parser(sub: Any, parser_class: type) -> None:
    a = sub.add_parser("align", help="align Chinese and English documents into sentence pairs (one pair, folders, "
                       "a list or JSONL)", description=__doc__)
    a.add_argument("inputs", nargs="*", metavar="ZH EN", help="two files, or two folders whose files pair up by name")
    a.add_argument("--list", metavar="FILE", help="pairs to align: one 'ZH_PATH<TAB>EN_PATH' per line (relative to FILE)")
    a.add_argument("--jsonl", metavar="FILE", help="documents with both sides: {\"id\", \"zh\", \"en\"} per line; "
                   "a side is a text or a list of sentences")
    a.add_argument("-o", "--output", metavar="PAIRS",
                   help="output .tmx, .tsv or .jsonl (default: JSONL on stdout); a folder with --format beads and many documents")
    a.add_argument("--glossary", action="append", metavar="PATH",
                   help="glossary file or folder (repeatable): its terms become anchors and term QA runs (default: the shipped glossaries)")
    a.add_argument("--presplit", action="store_true", help="inputs hold one sentence per line")
    a.add_argument("--format", choices=("pairs", "beads"), default="pairs", help="beads: Vecalign-style bead lines")
    a.add_argument("--min-score", type=_score, default=0.0, metavar="P",
                   help="drop pairs whose score (the probability that the pair is right) is below P, 0..1")
    a.add_argument("--drop-flags", type=_kinds, default=[], metavar="KIND[,KIND]",
                   help=f"drop pairs carrying any of these flags: {', '.join(DROPPABLE)}")
    a.add_argument("--dropped", metavar="FILE.jsonl",
                   help="where dropped pairs go, with the reasons (default: beside -o as NAME.dropped.jsonl)")
    a.add_argument("--embeddings", metavar="MODEL_PATH",
                   help="search for beads with a multilingual sentence-embedding model saved in this folder (LaBSE "
                   "or similar, sentence-transformers format; never downloaded), Vecalign-style, instead of the "
                   "dictionary score; needs pip install 'zh-mt-toolkit[embeddings]'")


@dataclass(slots=True)
class Job:
    """One document pair to align: its id and where its two sides come from."""

    doc: str
    zh: list[str]
    en: list[str]


def _sentences(text: str, presplit: bool) -> list[str]:
    from ..lang import detect_lang
    from ..stages.segment import split_sentences

    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if presplit:
        return lines
    out: list[str] = []
    for ln in lines:
        out.extend(split_sentences(ln, detect_lang(ln)))
    return out


def _read(path: Path) -> str:
    from ..io.decode import decode_bytes

    try:
        text, _ = decode_bytes(path.read_bytes(), str(path))
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None
    return text


def _file_job(zh: Path, en: Path, presplit: bool, doc: str | None = None) -> Job:
    return Job(doc or zh.stem, _sentences(_read(zh), presplit), _sentences(_read(en), presplit))


def _jobs(args: argparse.Namespace, problems: list[str]) -> Iterator[Job]:
    """The document pairs of this run, lazily (a bad one is reported in ``problems`` and skipped)."""
    if args.jsonl:
        path = Path(args.jsonl)
        try:
            fh = open(path, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None
        with fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                    sides = []
                    for key in ("zh", "en"):
                        v = rec[key]
                        if isinstance(v, list) and all(isinstance(s, str) for s in v):
                            sides.append([s.strip() for s in v if s.strip()])
                        elif isinstance(v, str):
                            sides.append(_sentences(v, args.presplit))
                        else:
                            raise TypeError(f"'{key}' must be a text or a list of sentences")
                    yield Job(str(rec.get("id", f"{path.stem}:{n}")), sides[0], sides[1])
                except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
                    problems.append(f"{path}:{n}: {type(exc).__name__}: {exc}; document skipped")
        return
    if args.list:
        path = Path(args.list)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None
        for n, line in enumerate(lines, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2:
                problems.append(f"{path}:{n}: expected 'ZH_PATH<TAB>EN_PATH', got {line.strip()[:60]!r}; line skipped")
                continue
            try:
                yield _file_job(path.parent / parts[0].strip(), path.parent / parts[1].strip(), args.presplit)
            except InputError as exc:
                problems.append(f"{exc}; document skipped (listed at {path}:{n})")
        return
    zh, en = Path(args.inputs[0]), Path(args.inputs[1])
    if zh.is_dir() and en.is_dir():
        en_by_stem = {p.stem: p for p in sorted(en.iterdir()) if p.is_file() and not p.name.startswith(".")}
        for z in sorted(zh.iterdir()):
            if not z.is_file() or z.name.startswith("."):
                continue
            e = en_by_stem.pop(z.stem, None)
            if e is None:
                problems.append(f"{z}: no file named {z.stem}.* in {en}; document skipped")
                continue
            try:
                yield _file_job(z, e, args.presplit)
            except InputError as exc:
                problems.append(f"{exc}; document skipped")
        for e in en_by_stem.values():
            problems.append(f"{e}: no file named {e.stem}.* in {zh}; document skipped")
        return
    if zh.is_dir() != en.is_dir():
        raise ConfigError(f"give two files or two folders, not a {'folder' if zh.is_dir() else 'file'} and a "
                          f"{'folder' if en.is_dir() else 'file'}")
    yield _file_job(zh, en, args.presplit)


def _check_usage(args: argparse.Namespace) -> None:
    modes = bool(args.inputs) + bool(args.list) + bool(args.jsonl)
    if modes != 1 or (args.inputs and len(args.inputs) != 2):
        raise ConfigError("give ZH EN (two files or two folders), or --list FILE, or --jsonl FILE (one of them)")
    inputs = [Path(p).resolve() for p in ([*args.inputs, args.list, args.jsonl]) if p]
    for out in (args.output, args.dropped):
        if out and Path(out).resolve() in inputs:
            raise ConfigError(f"refusing to overwrite the input file {out}; choose another output name")


def _dropped_path(args: argparse.Namespace) -> str | None:
    if args.dropped:
        return str(args.dropped)
    if args.output and args.format == "pairs":
        p = Path(args.output)
        return str(p.with_name(p.stem + ".dropped.jsonl"))
    return None


def cmd_align(args: argparse.Namespace) -> int:
    from ..alignment.aligner import align
    from ..alignment.lexicon import build_lexicon
    from ..glossary import default_glossary_paths
    from ..io.writers import BitextWriter, JsonlWriter, dumps

    _check_usage(args)
    filtering = args.min_score > 0 or bool(args.drop_flags)
    dropped_path = _dropped_path(args)
    if filtering and args.format == "pairs" and dropped_path is None:
        raise ConfigError("--min-score/--drop-flags write what they drop to a side file: give -o PAIRS or --dropped FILE")
    embedder = None
    if args.embeddings:
        from ..alignment.embed import Embedder

        embedder = Embedder(args.embeddings)
    glossary = None
    paths = args.glossary or [str(p) for p in default_glossary_paths()]
    if paths:
        from ..glossary import Glossary

        glossary = Glossary.load(paths)
    lex = build_lexicon(glossary)
    batch = not args.inputs or Path(args.inputs[0]).is_dir()

    problems: list[str] = []
    reasons: Counter[str] = Counter()
    n_docs = n_zh = n_en = n_kept = n_dropped = n_unpaired = 0
    drop_kinds = set(args.drop_flags)
    writer: Any = None
    dropped_out = None
    beads_dir = None
    if args.format == "beads":
        if batch:
            if not args.output:
                raise ConfigError("--format beads with many documents writes one NAME.align per document: give -o FOLDER")
            beads_dir = Path(args.output)
            beads_dir.mkdir(parents=True, exist_ok=True)
        else:
            writer = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    else:
        writer = BitextWriter(args.output) if args.output else JsonlWriter(None)
    try:
        for job in _jobs(args, problems):
            n_docs += 1
            n_zh += len(job.zh)
            n_en += len(job.en)
            pairs = align(job.zh, job.en, glossary=glossary, lexicon=lex, embedder=embedder)
            if args.format == "beads":
                lines = "".join(p.bead_line() + "\n" for p in pairs)
                if beads_dir is not None:
                    (beads_dir / f"{job.doc}.align").write_text(lines, encoding="utf-8")
                else:
                    writer.write(lines)
                continue
            for p in pairs:
                if not (p.zh and p.en):
                    n_unpaired += 1
                    continue
                pair = Pair(job.doc, p.zh, p.en, p.beads, p.score, "parallel", p.flags)
                why = [f"score<{args.min_score:g}"] if p.score < args.min_score else []
                why += sorted({f["kind"] for f in p.flags if f["kind"] in drop_kinds})
                if why:
                    n_dropped += 1
                    reasons.update(why)
                    if dropped_out is None and dropped_path is not None:
                        dropped_out = open(dropped_path, "w", encoding="utf-8")
                    if dropped_out is not None:
                        dropped_out.write(dumps({**pair.to_dict(), "dropped": why}) + "\n")
                    continue
                n_kept += 1
                writer.write(pair if isinstance(writer, BitextWriter) else pair.to_dict())
    finally:
        if writer is not None and writer is not sys.stdout:
            writer.close()
        if dropped_out is not None:
            dropped_out.close()
    for msg in problems:
        print(f"toolkit: {msg}", file=sys.stderr)
    docs = f"{n_docs} document pair{'s' if n_docs != 1 else ''}: " if batch else ""
    if args.format == "beads":
        print(f"toolkit: {docs}{n_zh} zh and {n_en} en sentences aligned", file=sys.stderr)
    else:
        print(f"toolkit: {docs}{n_zh} zh and {n_en} en sentences, {n_kept} pairs written, {n_dropped} dropped, "
              f"{n_unpaired} sentence{'s' if n_unpaired != 1 else ''} without a counterpart", file=sys.stderr)
        if n_dropped:
            summary = ", ".join(f"{k} {v}" for k, v in reasons.most_common())
            print(f"toolkit: dropped {n_dropped} pairs ({summary}); they are in {dropped_path}", file=sys.stderr)
    return 1 if problems else 0
