"""``toolkit clean PATH... -o OUT``: inputs -> :mod:`toolkit.runner` -> writers.

This module is the command line around the runner: it checks the arguments,
refuses outputs that could destroy an input, opens the writers (every file
written atomically), shows progress and prints the summary.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..errors import InputError, InputWarning, ToolkitError
from .messages import err as _err


def add_parser(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    c = sub.add_parser("clean", help="clean documents (files, folders, JSONL, HTML; gzip too)")
    c.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to clean ('-' reads standard input)")
    c.add_argument("-o", "--output", metavar="OUT",
                   help="output JSONL file (default: standard output), a folder with --format txt or --shard-size")
    c.add_argument("--format", choices=("jsonl", "txt"), default="jsonl",
                   help="jsonl: one contract record per line (default); txt: one clean ID.txt per document")
    c.add_argument("--bitext", metavar="PAIRS", help="write the bilingual pairs found (.jsonl, .tsv or .tmx)")
    c.add_argument("--glossary", action="append", metavar="PATH", help="glossary file or folder (repeatable)")
    c.add_argument("--config", metavar="FILE", help="pipeline config (YAML); default: the built-in pipeline")
    c.add_argument("--workers", type=int, default=1, metavar="N", help="processes (default 1; output order is kept)")
    c.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: this machine (default); dask: a Dask cluster (see docs/scale.md)")
    c.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (with --engine dask)")
    c.add_argument("--shard-size", type=int, metavar="N",
                   help="write -o FOLDER/part-00000.jsonl.gz ..., N input documents per shard")
    c.add_argument("--resume", action="store_true",
                   help="with --shard-size: keep the shards an interrupted run finished and do the rest")
    c.add_argument("--keep-boilerplate", action="store_true", help="mark boilerplate (kind 'boilerplate') instead of removing")
    c.add_argument("--domain", metavar="NAME", help="document domain for glossary when/unless conditions, for every "
                   "document without its own metadata 'domain' (stage option 'domain')")
    c.add_argument("--no-progress", "-q", "--quiet", dest="no_progress", action="store_true",
                   help="no progress bar (it is off anyway when standard error is not a terminal)")
    c.add_argument("--report", metavar="REPORT.html", help="also write the HTML review report (needs -o OUT.jsonl)")
    c.add_argument("--max-document-mb", type=float, default=4.0, metavar="MB",
                   help="skip (with a message) a document larger than this: a text/HTML file or one JSON line (default 4)")
    c.add_argument("--max-line-mb", type=float, default=1.0, metavar="MB",
                   help="skip a plain-text document with a line (paragraph) longer than this (default 1)")
    c.add_argument("--max-gzip-ratio", type=float, default=200.0, metavar="R",
                   help="skip gzip input that expands more than R times past 10 MB, a gzip bomb (default 200)")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _input_files(paths: list[str], limit: int | None = 200_000) -> Iterator[str]:
    """The input files (stdin and URLs excluded), up to ``limit`` (None: all)."""
    n = 0
    for p in paths:
        if p == "-" or "://" in p:
            continue
        if os.path.isfile(p):
            n += 1
            yield p
            continue
        for root, _dirs, files in os.walk(p):
            for f in files:
                n += 1
                if limit is not None and n > limit:
                    return
                yield os.path.join(root, f)


def _input_bytes(paths: list[str], limit: int = 200_000) -> int | None:
    """Total size of the input files, for the progress bar's ETA (None past ``limit`` files)."""
    total = 0
    for n, f in enumerate(_input_files(paths, limit + 1)):
        if n >= limit:
            return None
        try:
            total += os.path.getsize(f)
        except OSError:
            pass
    return total or None


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def check_outputs(paths: list[str], outputs: list[str]) -> str | None:
    """Why an output would destroy an input, or None. Compared by device and inode, so a symlink or
    hard link to an input counts; an output inside an input folder is refused when it exists as an
    input file, and excluded from reading otherwise."""
    for out in outputs:
        real = os.path.realpath(out)
        for p in paths:
            if p != "-" and os.path.realpath(p) == real:
                return f"refusing to write output over the input {out}"
    # Only an output that exists can be an input under another name (a link); the input tree is
    # walked only then, and stops at the first match.
    existing = {ident: out for out in outputs if (ident := _identity(out))}
    if existing:
        for f in _input_files(paths, None):
            ident = _identity(f)
            if ident in existing:
                return f"refusing to write output over the input file {existing[ident]}"
    return None


class _Terminated(Exception):
    """SIGTERM: finish like an interrupt (temporary files removed, nothing half-written)."""


def _on_term(signum: int, frame: Any) -> None:
    raise _Terminated()


def cmd_clean(args: argparse.Namespace) -> int:
    """``toolkit clean``; outputs given as fsspec URLs are written locally (atomically, as always)
    and uploaded whole when the run succeeds, so a failed run leaves nothing half-written there."""
    from ..io.readers import is_url

    remote = [(k, getattr(args, k)) for k in ("output", "bitext", "report") if getattr(args, k) and is_url(getattr(args, k))]
    if not remote:
        return _clean(args)
    if args.resume:
        _err("--resume needs a local output folder (it reads the finished shards)")
        return 2
    try:
        import fsspec  # type: ignore[import-untyped]
    except ImportError:
        _err("writing to a URL needs fsspec (pip install 'zh-mt-toolkit[dask]', plus s3fs or gcsfs)")
        return 2
    import tempfile
    from pathlib import PurePosixPath

    with tempfile.TemporaryDirectory(prefix="toolkit-out-") as tmp:
        for i, (key, url) in enumerate(remote):
            setattr(args, key, os.path.join(tmp, f"{i}-{PurePosixPath(url.rstrip('/')).name or key}"))
        rc = _clean(args)
        if rc not in (0, 1):
            return rc
        for key, url in remote:
            local = getattr(args, key)
            if not os.path.exists(local):
                continue
            try:
                fs, path = fsspec.core.url_to_fs(url)
                if os.path.isdir(local):
                    fs.makedirs(path, exist_ok=True)
                    for name in sorted(os.listdir(local)):
                        fs.put(os.path.join(local, name), f"{path.rstrip('/')}/{name}")
                else:
                    fs.put(local, path)
            except Exception as exc:  # the file system's own error, as one line
                _err(f"cannot upload to {url}: {type(exc).__name__}: {exc}")
                return 1
        return rc


def _clean(args: argparse.Namespace) -> int:
    from ..io.readers import Limits, read_documents
    from ..io.writers import BitextWriter, JsonlWriter, ShardWriter, TxtWriter
    from ..model import Pair
    from ..runner import RunConfig, run

    if args.workers < 1:
        _err(f"--workers must be at least 1, not {args.workers}")
        return 2
    if args.shard_size is not None and (args.shard_size < 1 or not args.output or args.output == "-"):
        _err("--shard-size N needs N >= 1 and -o FOLDER")
        return 2
    if args.resume and args.shard_size is None:
        _err("--resume works with sharded output: add --shard-size N -o FOLDER")
        return 2
    if args.shard_size is not None and (args.format != "jsonl" or args.report):
        _err("--shard-size writes JSONL shards; it does not combine with --format txt or --report")
        return 2
    if args.shard_size is not None and args.bitext:
        _err("with --shard-size, pairs go into the output folder as pairs-00000.jsonl.gz ...; drop --bitext")
        return 2
    if args.report and (args.format != "jsonl" or not args.output or args.output == "-"):
        _err("--report reads the records back: it needs -o OUT.jsonl (not stdout, not --format txt)")
        return 2
    if args.format == "txt" and not args.output:
        _err("--format txt needs -o FOLDER")
        return 2
    for opt in ("max_document_mb", "max_line_mb", "max_gzip_ratio"):
        if not getattr(args, opt) > 0:
            _err(f"--{opt.replace('_', '-')} must be positive, not {getattr(args, opt):g}")
            return 2
    limits = Limits(max_document_bytes=int(args.max_document_mb * 1e6), max_line_bytes=int(args.max_line_mb * 1e6),
                    max_gzip_ratio=args.max_gzip_ratio)
    if args.paths.count("-") > 1:
        _err("standard input ('-') can be read once")
        return 2
    outputs = [x for x in (args.output, args.bitext, args.report) if x and x != "-"]
    problem = check_outputs(args.paths, outputs)
    if problem:
        _err(problem)
        return 2
    overrides: dict[str, dict[str, Any]] = {}
    if args.keep_boilerplate:
        overrides = {"*": {"keep": True}}  # every stage that can mark instead of removing
    if args.domain:
        overrides.setdefault("*", {})["domain"] = args.domain  # every stage with a 'domain' option
    cfg = RunConfig(config=args.config, glossaries=tuple(args.glossary or ()), overrides=overrides,
                    workers=args.workers, engine=args.engine, scheduler=args.scheduler)
    pipe = cfg.build()
    pipe.prepare()  # load (and validate) the glossary now, not mid-run
    signature = pipe.signature

    writer: Any
    shards: ShardWriter | None = None
    if args.shard_size is not None:
        shards = writer = ShardWriter(args.output, args.shard_size, pairs=True, resume=args.resume)
    elif args.format == "txt":
        writer = TxtWriter(args.output)
    else:
        writer = JsonlWriter(args.output)
    try:
        bitext = BitextWriter(args.bitext, signature) if args.bitext else None
    except ToolkitError:
        writer.abort()
        raise
    done = shards.done if shards is not None else set()

    stats: Counter[str] = Counter()
    empty: list[str] = []  # sources of documents that kept no text
    removed_by: Counter[str] = Counter()
    errors = 0
    skipped = 0
    t0 = time.perf_counter()
    nbytes = 0
    show = sys.stderr.isatty() and not args.no_progress and not os.environ.get("CI")
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=_input_bytes(args.paths), unit="B", unit_scale=True, unit_divisor=1000, file=sys.stderr,
                   dynamic_ncols=True, desc="cleaning")

    def docs() -> Iterator[Any]:
        nonlocal errors, nbytes, skipped
        index = 0
        for item in read_documents(args.paths, exclude=outputs, limits=limits):
            if isinstance(item, InputWarning):
                print(f"toolkit: warning: {item}", file=sys.stderr)
                continue
            if isinstance(item, InputError):
                errors += 1
                print(f"toolkit: {item}", file=sys.stderr)
                continue
            nbytes += len(item.raw.encode("utf-8")) if item.raw else len((item.html or "").encode("utf-8"))
            if shards is not None and shards.shard_of(index) in done:
                skipped += 1  # finished by an earlier run: read, not cleaned
            else:
                yield index, item
            index += 1

    old_term = signal.signal(signal.SIGTERM, _on_term)
    ok = False
    try:
        for res in run(docs(), cfg, pipeline=pipe):
            if res.error:
                errors += 1
                print(f"toolkit: {res.error}", file=sys.stderr)
                if shards is not None:
                    shards.write(res.index, [], [])
                continue
            if shards is not None:
                shards.write(res.index, res.records, res.pairs)
            else:
                for rec in res.records:
                    writer.write(rec)
            for rec in res.records:
                stats["documents"] += 1
                stats["edits"] += len(rec["edits"])
                stats["flags"] += len(rec["flags"])
                if not rec["paragraphs"]:
                    empty.append(str(rec["source"]))
                for r in rec["removed"]:
                    removed_by[r["reason"]] += 1
            if bitext:
                for p in res.pairs:
                    bitext.write(Pair(p["doc"], p["zh"], p["en"], p["beads"], p["score"], p["origin"], p["flags"]))
            if bar is not None:
                bar.update(max(0, min(nbytes, bar.total or nbytes) - bar.n))
                secs = max(1e-9, time.perf_counter() - t0)
                bar.set_postfix_str(f"{stats['documents']} docs, {stats['documents'] / secs:.0f} docs/s")
        writer.close()
        if bitext:
            bitext.close()
        ok = True
    except (KeyboardInterrupt, _Terminated):
        _err("interrupted; nothing was written under the output name" + (" (finished shards are kept: rerun with --resume)" if shards else ""))
        return 130
    finally:
        signal.signal(signal.SIGTERM, old_term)
        if not ok:
            writer.abort()
            if bitext:
                bitext.abort()
        if bar is not None:
            bar.close()
    secs = max(1e-9, time.perf_counter() - t0)
    removed = ", ".join(f"{k} {v}" for k, v in sorted(removed_by.items())) or "none"
    pairs_note = f", {_plural(bitext.count, 'pair')}" if bitext else (
        f", {_plural(shards.count, 'pair')}" if shards else "")
    resumed = f"; {_plural(skipped, 'document')} already done (resumed)" if skipped else ""
    print(
        f"toolkit: {_plural(stats['documents'], 'document')}, removed lines: {removed}; "
        f"{_plural(stats['edits'], 'edit')}, {_plural(stats['flags'], 'flag')}{pairs_note}; "
        f"{nbytes / 1e6:.2f} MB in {secs:.1f} s ({nbytes / 1e6 / secs:.2f} MB/s){resumed}"
        + (f"; {errors} {'input' if errors == 1 else 'inputs'} had errors" if errors else ""),
        file=sys.stderr,
    )
    if empty:  # no silent loss: a document whose every line went is named (its lines are in `removed`)
        shown = ", ".join(empty[:3]) + (f" and {len(empty) - 3} more" if len(empty) > 3 else "")
        print(f"toolkit: warning: {_plural(len(empty), 'document')} kept no text (every line is in its 'removed' "
              f"record): {shown}", file=sys.stderr)
    if args.report:
        from .report import write as write_report

        pairs_jsonl = args.bitext if args.bitext and args.bitext.lower().endswith(".jsonl") else None
        if write_report(args.output, args.report, pairs_jsonl) == 2:
            return 2
    return 1 if errors else 0
