"""The command line: ``toolkit clean``, ``toolkit align``, ``toolkit glossary ...``, ``toolkit stages``.

``main(argv) -> int``; user errors print ``toolkit: error: ...`` with no
traceback. Exit status: 0 done; 1 some inputs had errors (reported, skipped,
the rest written); 2 bad usage or an unusable glossary/config.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import InputError, ToolkitError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"toolkit: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _err(msg: str) -> None:
    print(f"toolkit: error: {msg}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="toolkit", description="Clean scraped machine-translated zh->en documents; build bilingual corpora.")
    p.add_argument("--version", action="version", version=f"toolkit {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    c = sub.add_parser("clean", help="clean documents (files, folders, JSONL, HTML; gzip too)")
    c.add_argument("paths", nargs="+", metavar="PATH")
    c.add_argument("-o", "--output", metavar="OUT", help="output JSONL file (default stdout) or folder with --format txt")
    c.add_argument("--format", choices=("jsonl", "txt"), default="jsonl")
    c.add_argument("--bitext", metavar="PAIRS", help="write the bilingual pairs found (.jsonl, .tsv or .tmx)")
    c.add_argument("--glossary", action="append", metavar="PATH", help="glossary file or folder (repeatable)")
    c.add_argument("--config", metavar="FILE", help="pipeline config (YAML); default: the built-in pipeline")
    c.add_argument("--workers", type=int, default=1, metavar="N", help="processes (output order is kept)")
    c.add_argument("--engine", choices=("local", "dask"), default="local")
    c.add_argument("--scheduler", metavar="ADDRESS", help="dask scheduler address (with --engine dask)")
    c.add_argument("--keep-boilerplate", action="store_true", help="mark boilerplate (kind 'boilerplate') instead of removing")
    c.add_argument("--no-progress", action="store_true", help="no progress bar")

    a = sub.add_parser("align", help="align a Chinese and an English document into sentence pairs")
    a.add_argument("zh_file", metavar="ZH_FILE")
    a.add_argument("en_file", metavar="EN_FILE")
    a.add_argument("-o", "--output", metavar="PAIRS", help="output .tmx, .tsv or .jsonl (default: JSONL on stdout)")
    a.add_argument("--glossary", action="append", metavar="PATH")
    a.add_argument("--presplit", action="store_true", help="inputs hold one sentence per line")
    a.add_argument("--format", choices=("pairs", "beads"), default="pairs", help="beads: Vecalign-style bead lines")
    a.add_argument("--min-score", type=float, default=0.0, help="drop pairs scoring below this (0..1)")

    g = sub.add_parser("glossary", help="glossary tools: lint, show, stats, export, import, diff, suggest")
    gs = g.add_subparsers(dest="gcommand", parser_class=_Parser)
    gl = gs.add_parser("lint", help="check glossary files; PATH:LINE:COL: CODE message")
    gl.add_argument("paths", nargs="*", metavar="PATH")
    gl.add_argument("--format", choices=("text", "json"), default="text")
    gsh = gs.add_parser("show", help="which entry holds TERM, and where")
    gsh.add_argument("term")
    gsh.add_argument("--glossary", action="append", metavar="PATH")
    gst = gs.add_parser("stats", help="entries, variants and kinds per file")
    gst.add_argument("paths", nargs="*", metavar="PATH")
    gex = gs.add_parser("export", help="export to TBX, TSV or CSV")
    gex.add_argument("paths", nargs="*", metavar="PATH")
    gex.add_argument("--format", choices=("tbx", "tsv", "csv"), default="tsv")
    gex.add_argument("-o", "--output", metavar="FILE")
    gim = gs.add_parser("import", help="import TBX, TSV or CSV into glossary YAML")
    gim.add_argument("file", metavar="FILE")
    gim.add_argument("-o", "--output", metavar="FILE.yaml", required=True)
    gd = gs.add_parser("diff", help="which edits on a corpus a glossary change adds or removes")
    gd.add_argument("old", metavar="OLD")
    gd.add_argument("new", metavar="NEW")
    gd.add_argument("--corpus", required=True, metavar="PATH", action="append")
    gsu = gs.add_parser("suggest", help="turn repeated term-missing findings into proposed variants")
    gsu.add_argument("pairs", metavar="PAIRS.jsonl")
    gsu.add_argument("--glossary", action="append", metavar="PATH")
    gsu.add_argument("--min-count", type=int, default=2)

    st = sub.add_parser("stages", help="list every stage with its description and options")
    st.add_argument("--config", metavar="FILE", help="show this pipeline's stages, options and rule packs")
    return p


# -- clean -----------------------------------------------------------------------
_WORKER: Any = None


_WORKER_KEY: Any = None


def _worker_init(config: str | None, glossaries: list[str] | None, overrides: dict[str, dict[str, Any]]) -> None:
    """Build this process's pipeline once (dask calls it per batch; the same settings reuse it)."""
    global _WORKER, _WORKER_KEY
    from ..pipeline import Pipeline

    key = (config, tuple(glossaries or ()), repr(sorted(overrides.items())))
    if _WORKER is None or key != _WORKER_KEY:
        _WORKER = Pipeline.from_config(config, glossaries, overrides)
        _WORKER_KEY = key


def _worker_run(doc: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str | None]:
    try:
        _WORKER.run(doc)
        return doc.to_records(), [p.to_dict() for p in doc.pairs], None
    except ToolkitError as exc:
        return [], [], str(exc)
    except Exception as exc:  # a bug must not stop a corpus run; report it with the document
        return [], [], f"{doc.source}: internal error ({type(exc).__name__}: {exc}); document skipped"


def _input_bytes(paths: list[str], limit: int = 200_000) -> int | None:
    """Total size of the input files, for the progress bar's ETA (None past ``limit`` files)."""
    total = 0
    n = 0
    for p in paths:
        if os.path.isfile(p):
            total += os.path.getsize(p)
            n += 1
            continue
        for root, _dirs, files in os.walk(p):
            for f in files:
                n += 1
                if n > limit:
                    return None
                try:
                    total += os.path.getsize(os.path.join(root, f))
                except OSError:
                    pass
    return total or None


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _inputs_contain(paths: list[str], out: str) -> bool:
    """Is ``out`` one of the input files (by path or by identity)?"""
    outp = Path(out).resolve()
    return any(Path(p).resolve() == outp or (Path(p).exists() and Path(out).exists() and _same_file(p, out)) for p in paths)


def cmd_clean(args: argparse.Namespace) -> int:
    from ..io.readers import read_documents
    from ..io.writers import BitextWriter, JsonlWriter, TxtWriter
    from ..model import Pair
    from ..pipeline import Pipeline

    if args.workers < 1:
        _err("--workers must be at least 1")
        return 2
    if args.engine == "dask":
        try:
            import dask  # noqa: F401
        except ImportError:
            _err("--engine dask needs the dask extra: pip install 'toolkit[dask]'")
            return 2
    for target in (args.output, args.bitext):
        if target and target != "-" and _inputs_contain(args.paths, target):
            _err(f"refusing to write output over the input file {target}")
            return 2
    if args.format == "txt" and not args.output:
        _err("--format txt needs -o FOLDER")
        return 2
    overrides: dict[str, dict[str, Any]] = {}
    if args.keep_boilerplate:
        overrides = {"boilerplate": {"keep": True}, "dedupe": {"keep": True}}
    try:
        pipe = Pipeline.from_config(args.config, args.glossary, overrides)
        _ = pipe.resources.glossary  # load (and validate) now, not mid-run
        signature = pipe.signature
        writer: Any = TxtWriter(args.output) if args.format == "txt" else JsonlWriter(args.output)
        bitext = BitextWriter(args.bitext, signature) if args.bitext else None
    except OSError as exc:  # config, glossary and usage errors reach main() as ToolkitError (exit 2)
        _err(f"cannot open output: {exc}")
        return 2

    stats: Counter[str] = Counter()
    removed_by: Counter[str] = Counter()
    errors = 0
    t0 = time.perf_counter()
    nbytes = 0
    show = sys.stderr.isatty() and not args.no_progress and not os.environ.get("CI")
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=_input_bytes(args.paths), unit="B", unit_scale=True, unit_divisor=1000, file=sys.stderr,
                   dynamic_ncols=True, desc="cleaning")

    def docs() -> Iterator[Any]:
        nonlocal errors, nbytes
        outputs = [x for x in (args.output, args.bitext) if x and x != "-"]
        for item in read_documents(args.paths, exclude=outputs):
            if isinstance(item, InputError):
                errors += 1
                print(f"toolkit: {item}", file=sys.stderr)
                continue
            nbytes += len(item.raw.encode("utf-8")) if item.raw else len((item.html or "").encode("utf-8"))
            yield item

    def results() -> Iterator[tuple[list[dict[str, Any]], list[dict[str, Any]], str | None]]:
        if args.workers == 1 and args.engine == "local":
            global _WORKER
            _WORKER = pipe
            for d in docs():
                yield _worker_run(d)
        elif args.engine == "dask":
            yield from _dask_results(docs(), args, overrides)
        else:
            import multiprocessing as mp

            ctx = mp.get_context("spawn" if sys.platform == "darwin" else "fork")
            with ctx.Pool(args.workers, _worker_init, (args.config, args.glossary, overrides)) as pool:
                # Pool.imap would read the whole input ahead of the workers; feeding it bounded
                # batches keeps memory flat however large the corpus.
                stream = docs()
                while True:
                    batch = list(itertools.islice(stream, 64 * args.workers))
                    if not batch:
                        break
                    yield from pool.imap(_worker_run, batch, chunksize=4)

    try:
        for records, pairs, err in results():
            if err:
                errors += 1
                print(f"toolkit: {err}", file=sys.stderr)
                continue
            for rec in records:
                writer.write(rec)
                stats["documents"] += 1
                stats["edits"] += len(rec["edits"])
                stats["flags"] += len(rec["flags"])
                for r in rec["removed"]:
                    removed_by[r["reason"]] += 1
            if bitext:
                for p in pairs:
                    bitext.write(Pair(p["doc"], p["zh"], p["en"], p["beads"], p["score"], p["origin"], p["flags"]))
            if bar is not None:
                bar.update(max(0, min(nbytes, bar.total or nbytes) - bar.n))
                bar.set_postfix_str(f"{stats['documents']} docs")
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    finally:
        writer.close()
        if bitext:
            bitext.close()
        if bar is not None:
            bar.close()
    secs = max(1e-9, time.perf_counter() - t0)
    removed = ", ".join(f"{k} {v}" for k, v in sorted(removed_by.items())) or "none"
    pairs_note = f", {bitext.count} pairs" if bitext else ""
    print(
        f"toolkit: {stats['documents']} documents, removed lines: {removed}; {stats['edits']} edits, "
        f"{stats['flags']} flags{pairs_note}; {nbytes / 1e6:.2f} MB in {secs:.1f} s ({nbytes / 1e6 / secs:.2f} MB/s)"
        + (f"; {errors} inputs had errors" if errors else ""),
        file=sys.stderr,
    )
    return 1 if errors else 0


def _dask_results(docs: Iterator[Any], args: argparse.Namespace, overrides: dict[str, dict[str, Any]]) -> Iterator[Any]:
    """Run documents on a dask cluster in batches, keeping order."""
    from dask.distributed import Client  # type: ignore[import-not-found]

    client = Client(args.scheduler) if args.scheduler else Client(processes=True, n_workers=max(1, args.workers))
    try:
        def run_batch(batch: list[Any], config: str | None, glossaries: list[str] | None) -> list[Any]:
            _worker_init(config, glossaries, overrides)
            return [_worker_run(d) for d in batch]

        batch: list[Any] = []
        for d in docs:
            batch.append(d)
            if len(batch) >= 64:
                yield from client.submit(run_batch, batch, args.config, args.glossary).result()
                batch = []
        if batch:
            yield from client.submit(run_batch, batch, args.config, args.glossary).result()
    finally:
        client.close()


# -- stages ------------------------------------------------------------------------
def cmd_stages(args: argparse.Namespace) -> int:
    import dataclasses

    from ..pipeline import REGISTRY, Pipeline, _load_stages

    _load_stages()
    pipe = Pipeline.from_config(args.config)
    configured = {s.name: s for s in pipe.stages}
    order = pipe.stage_names()
    names = order + sorted(n for n in REGISTRY if n not in order)
    where = f"the pipeline of {args.config}" if args.config else "the default pipeline"
    for name in names:
        cls = REGISTRY[name]
        mark = "" if name in order else f"  (not in {where})"
        print(f"{name} (v{cls.version}): {cls.description}{mark}")
        stage = configured.get(name) or cls(None, pipe.resources)
        for f in dataclasses.fields(cls.Options):
            print(f"    {f.name} = {getattr(stage.options, f.name)!r}")
        if name == "boilerplate":
            print("    rule packs loaded: " + ", ".join(stage.describe_packs()))  # type: ignore[attr-defined]
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "clean":
            return cmd_clean(args)
        if args.command == "stages":
            return cmd_stages(args)
        if args.command == "align":
            from .align import cmd_align

            return cmd_align(args)
        if args.command == "glossary":
            from .glossary import run

            if not args.gcommand:
                _err("glossary needs a command: lint, show, stats, export, import, diff or suggest")
                return 2
            return run(args)
        parser.print_help()
        return 2
    except ToolkitError as exc:  # ConfigError, GlossaryError, InputError at the top level
        _err(str(exc))
        return 2
    except BrokenPipeError:
        return 0
