"""Run a pipeline over a stream of documents: in this process, in N processes, or on Dask.

The runner is the one place that knows about engines; it knows nothing about
files or formats. Input documents arrive numbered (their ``index`` in the input
order), results leave in the same order whatever the engine, so the output of
one worker, N workers, Dask and a resumed run is byte-identical.

>>> from toolkit.model import Document
>>> [r.records[0]["text"] for r in run([Document(id="a", source="a", raw="Cart\\n\\nGDP grew,and jobs rose.")])]
['GDP grew, and jobs rose.']
"""

from __future__ import annotations

import collections
import itertools
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import ConfigError, ToolkitError
from .model import Document
from .pipeline import Pipeline

ENGINES = ("local", "dask")


@dataclass(frozen=True, slots=True, kw_only=True)
class RunConfig:
    """How to run. ``config``: pipeline config path (None: the default pipeline). ``glossaries``:
    glossary paths replacing the config's. ``overrides``: stage name (or ``"*"``) -> options.
    ``workers``: processes (default 1). ``engine``: ``local`` or ``dask``. ``scheduler``: a Dask
    scheduler address (default: a local cluster of ``workers`` processes). ``batch_docs``:
    documents handed to a worker at once (default 64)."""

    config: str | None = None
    glossaries: tuple[str, ...] = ()
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    batch_docs: int = 64
    batch_bytes: int = 4_000_000

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ConfigError(f"workers must be at least 1, not {self.workers}")
        if self.engine not in ENGINES:
            raise ConfigError(f"engine must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        if self.batch_docs < 1:
            raise ConfigError(f"batch_docs must be at least 1, not {self.batch_docs}")

    def build(self) -> Pipeline:
        return Pipeline.from_config(self.config, list(self.glossaries) or None, self.overrides)


@dataclass(slots=True)
class Result:
    """What one input document became: its contract records and pairs, or the error that skipped it."""

    index: int
    source: str
    records: list[dict[str, Any]]
    pairs: list[dict[str, Any]]
    error: str | None = None


def process(pipe: Pipeline, index: int, doc: Document) -> Result:
    """Run ``pipe`` over one document; a bug in a stage costs this document, never the run."""
    try:
        pipe.run(doc)
        return Result(index, doc.source, doc.to_records(), [p.to_dict() for p in doc.pairs])
    except ToolkitError as exc:
        return Result(index, doc.source, [], [], str(exc))
    except Exception as exc:  # report it with the document and go on
        return Result(index, doc.source, [], [],
                      f"{doc.source}: internal error ({type(exc).__name__}: {exc}); document skipped")


# -- worker processes -------------------------------------------------------------------------------
_WORKER: Pipeline | None = None
_WORKER_KEY: Any = None


def _worker_init(cfg: RunConfig) -> None:
    """Build this process's pipeline once (Dask calls it per batch; the same settings reuse it)."""
    global _WORKER, _WORKER_KEY
    key = (cfg.config, cfg.glossaries, repr(sorted(cfg.overrides.items())))
    if _WORKER is None or key != _WORKER_KEY:
        _WORKER = cfg.build()
        _WORKER_KEY = key


#: A document that wakes the lazily loaded parts of the default pipeline (word lists, the OpenCC and
#: ftfy tables, the punctuation table, the language detector), run once in the parent before worker
#: processes are forked, so that they share those tables instead of each loading its own.
WARMUP_TEXT = (
    "Exports grew 5%\u3002Imports fell\u3001too, and the first-Mover advantage is Clear.\n\n"
    "\u672c\u5e02\u5c07\u5efa\u8a2d20\u500b\u65b0\u516c\u5712\uff0c\u4e26\u6539\u5584\u4ea4\u901a\u3002\n\n"
    "The minister said \u00e2\u20ac\u0153we will continue\u00e2\u20ac\x9d to support exports.\n\n"
    "Die Regierung hat heute neue Ma\u00dfnahmen angek\u00fcndigt.\n"
)


def _pool_worker_init(cfg: RunConfig, parent: int | None = None) -> None:
    """A worker process of ``--workers N``: the default signal handlers (a forked worker would inherit
    the CLI's SIGTERM handler and take the pool's own shutdown for the user's), Ctrl-C left to the
    parent, which stops the workers, and (on Linux) killed with its parent, so a parent killed with
    SIGKILL leaves no worker behind; then the pipeline."""
    import os
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if parent is not None and os.getppid() != parent:
        os._exit(1)  # the parent died before the line above took effect
    _worker_init(cfg)


def _prewarm(cfg: RunConfig) -> None:
    """Build the pipeline in this (parent) process and run :data:`WARMUP_TEXT` through it; forked
    workers inherit both (``_worker_init`` finds the same settings and keeps the pipeline)."""
    _worker_init(cfg)
    assert _WORKER is not None
    process(_WORKER, -1, Document(id="warmup", source="warmup", raw=WARMUP_TEXT))


def _worker_batch(batch: list[tuple[int, Document]]) -> list[Result]:
    assert _WORKER is not None
    return [process(_WORKER, i, d) for i, d in batch]


def _dask_batch(batch: list[tuple[int, Document]], cfg: RunConfig) -> list[Result]:
    _worker_init(cfg)
    return _worker_batch(batch)


def _batches(docs: Iterable[tuple[int, Document]], size: int,
             max_bytes: int | None = None) -> Iterator[list[tuple[int, Document]]]:
    """Consecutive batches of at most ``size`` documents and (when given) about ``max_bytes`` of input."""
    if max_bytes is None:
        it = iter(docs)
        while chunk := list(itertools.islice(it, size)):
            yield chunk
        return
    batch: list[tuple[int, Document]] = []
    nbytes = 0
    for item in docs:
        batch.append(item)
        nbytes += len(item[1].raw) + len(item[1].html or "")
        if len(batch) >= size or nbytes >= max_bytes:
            yield batch
            batch, nbytes = [], 0
    if batch:
        yield batch


def run(docs: Iterable[Document | tuple[int, Document]], cfg: RunConfig | None = None,
        pipeline: Pipeline | None = None) -> Iterator[Result]:
    """Clean ``docs`` (documents, or ``(index, document)`` pairs) and yield one :class:`Result` each, in order.

    Memory stays flat however long the stream: at most a few batches are in flight.
    ``pipeline`` reuses an already built pipeline for the in-process engine.
    """
    cfg = cfg or RunConfig()
    numbered = ((d if isinstance(d, tuple) else (i, d)) for i, d in enumerate(docs))
    if cfg.engine == "dask":
        yield from _run_dask(numbered, cfg)
    elif cfg.workers == 1:
        pipe = pipeline or cfg.build()
        for i, d in numbered:
            yield process(pipe, i, d)
    else:
        yield from _run_pool(numbered, cfg)


def _run_pool(numbered: Iterator[tuple[int, Document]], cfg: RunConfig) -> Iterator[Result]:
    """``cfg.workers`` processes. A worker that dies (killed by the system, out of memory) fails the
    run with a message instead of leaving it waiting forever for that worker's batch, which is what
    ``multiprocessing.Pool`` does (hence ``concurrent.futures``)."""
    import multiprocessing as mp
    import os
    from concurrent.futures import ProcessPoolExecutor, TimeoutError
    from concurrent.futures.process import BrokenProcessPool

    ctx = mp.get_context("spawn" if sys.platform == "darwin" else "fork")
    if ctx.get_start_method() == "fork":
        _prewarm(cfg)
    size = max(1, cfg.batch_docs // 8)
    ex = ProcessPoolExecutor(cfg.workers, mp_context=ctx, initializer=_pool_worker_init, initargs=(cfg, os.getpid()))
    done = False
    try:
        # Handing the whole input to the pool at once would read it all ahead of the workers. A
        # sliding window of 4 batches per worker keeps memory flat without a barrier: each time the
        # oldest batch's results are taken (in input order), the next batch is handed out, so no
        # worker waits for a slow batch of another's to finish.
        batches = _batches(numbered, size)
        pending = collections.deque(ex.submit(_worker_batch, b) for b in itertools.islice(batches, 4 * cfg.workers))
        while pending:
            fut = pending.popleft()
            while True:
                try:
                    results = fut.result(timeout=1.0)
                    break
                except TimeoutError:
                    # A worker killed while sending its result leaves the pool's reader waiting for
                    # the rest of the message: a worker that is gone is a dead worker.
                    if any(p.exitcode is not None for p in _workers(ex)):
                        raise BrokenProcessPool from None
            for b in itertools.islice(batches, 1):
                pending.append(ex.submit(_worker_batch, b))
            yield from results
        done = True
    except BrokenProcessPool:
        raise ToolkitError("a worker process died (killed by the system: out of memory?); nothing was written under "
                           "the output name (with --shard-size, finished shards are kept: --resume). "
                           "Rerun with fewer --workers") from None
    finally:
        if not done:  # an error, Ctrl-C or the consumer stopped early: no batch is worth finishing
            _stop(ex)
        ex.shutdown(wait=True, cancel_futures=True)


def _workers(ex: Any) -> list[Any]:
    """The pool's worker processes (concurrent.futures has no public way to reach them before 3.14)."""
    return list((getattr(ex, "_processes", None) or {}).values())


def _stop(ex: Any) -> None:
    """Kill the pool's workers and let its result reader see the end of its pipe: a worker killed while
    sending a result would otherwise leave the reader, and ``shutdown``, waiting for the rest of the
    message forever."""
    procs = _workers(ex)
    for proc in procs:
        proc.kill()
    for proc in procs:
        proc.join()
    queue = getattr(ex, "_result_queue", None)
    writer = getattr(queue, "_writer", None)
    if writer is not None:
        writer.close()
    reader = getattr(getattr(ex, "_call_queue", None), "_reader", None)
    if reader is not None and sys.version_info < (3, 11):
        reader.close()  # gh-94777: on 3.10 the call queue's feeder waits on a full pipe forever


def _run_dask(numbered: Iterator[tuple[int, Document]], cfg: RunConfig) -> Iterator[Result]:
    try:
        from dask.distributed import Client  # type: ignore[import-not-found]
    except ImportError:
        raise ConfigError("the dask engine needs the dask extra: pip install 'zh-mt-toolkit[dask]'") from None
    client = Client(cfg.scheduler) if cfg.scheduler else Client(processes=True, n_workers=cfg.workers,
                                                               threads_per_worker=1)
    try:
        pending: list[Any] = []
        for batch in _batches(numbered, cfg.batch_docs, cfg.batch_bytes):
            pending.append(client.submit(_dask_batch, batch, cfg, pure=False))
            if len(pending) > 2 * cfg.workers:  # keep the cluster busy, memory bounded, order kept
                yield from pending.pop(0).result()
        for fut in pending:
            yield from fut.result()
    finally:
        client.close()
