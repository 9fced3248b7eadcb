"""``toolkit clean PATH... -o OUT``: inputs -> pipeline -> writers."""

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

from ..errors import InputError, ToolkitError
from . import err as _err

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
    for target in (args.output, args.bitext, args.report):
        if target and target != "-" and _inputs_contain(args.paths, target):
            _err(f"refusing to write output over the input file {target}")
            return 2
    if args.report and (args.format != "jsonl" or not args.output or args.output == "-"):
        _err("--report reads the records back: it needs -o OUT.jsonl (not stdout, not --format txt)")
        return 2
    if args.format == "txt" and not args.output:
        _err("--format txt needs -o FOLDER")
        return 2
    overrides: dict[str, dict[str, Any]] = {}
    if args.keep_boilerplate:
        overrides = {"*": {"keep": True}}  # every stage that can mark instead of removing
    try:
        pipe = Pipeline.from_config(args.config, args.glossary, overrides)
        pipe.prepare()  # load (and validate) the glossary now, not mid-run
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
        outputs = [x for x in (args.output, args.bitext, args.report) if x and x != "-"]
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
    if args.report:
        from .report import write as write_report

        pairs_jsonl = args.bitext if args.bitext and args.bitext.lower().endswith(".jsonl") else None
        if write_report(args.output, args.report, pairs_jsonl) == 2:
            return 2
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


