"""Runs that cannot destroy data: atomic outputs (also under SIGKILL), shards, resume, and the same
bytes from one worker, two workers, Dask and a resumed run."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS, run_cli


def make_corpus(folder: Path, copies: int = 6) -> Path:
    """The seeds, several times over under different names: enough documents for several shards."""
    folder.mkdir()
    for k in range(copies):
        for seed in sorted(SEEDS.iterdir()):
            (folder / f"{k:02d}_{seed.name}").write_bytes(seed.read_bytes())
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("c") / "corpus", copies=3)


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("ref") / "out.jsonl"
    r = run_cli("clean", str(corpus), "-o", str(out))
    assert r.returncode == 0, r.stderr
    return out.read_bytes()


def shards_text(folder: Path, prefix: str = "part") -> bytes:
    return b"".join(gzip.decompress(p.read_bytes()) for p in sorted(folder.glob(f"{prefix}-*.jsonl.gz")))


def test_sharded_output_is_the_single_file_split(corpus: Path, reference: bytes, tmp_path: Path):
    out = tmp_path / "shards"
    r = run_cli("clean", str(corpus), "-o", str(out), "--shard-size", "4")
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"{k}-{i:05d}.jsonl.gz" for k in ("pairs", "part") for i in range(4)]  # 15 documents
    assert shards_text(out) == reference
    # gzip with a zero timestamp: the same run gives the same bytes
    again = tmp_path / "again"
    run_cli("clean", str(corpus), "-o", str(again), "--shard-size", "4")
    assert [p.read_bytes() for p in sorted(out.iterdir())] == [p.read_bytes() for p in sorted(again.iterdir())]


def test_workers_and_dask_give_the_same_bytes(corpus: Path, reference: bytes, tmp_path: Path):
    two = tmp_path / "two.jsonl"
    assert run_cli("clean", str(corpus), "-o", str(two), "--workers", "2").returncode == 0
    assert two.read_bytes() == reference
    pytest.importorskip("dask.distributed")
    dask = tmp_path / "dask.jsonl"
    r = run_cli("clean", str(corpus), "-o", str(dask), "--engine", "dask", "--workers", "2")
    assert r.returncode == 0, r.stderr
    assert dask.read_bytes() == reference


def _kill_midway(args: list[str], wait_for, timeout: float = 120) -> int:
    """Start ``toolkit`` and SIGKILL it as soon as ``wait_for()`` is true (or when it ends)."""
    proc = subprocess.Popen([sys.executable, "-m", "toolkit", *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t0 = time.time()
    while proc.poll() is None and time.time() - t0 < timeout:
        if wait_for():
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    return proc.wait()


def test_sigkill_never_leaves_a_truncated_output(corpus: Path, reference: bytes, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n", encoding="utf-8")
    for delay in (0.3, 0.8, 1.5):  # different points of the run
        t = time.time()
        _kill_midway(["clean", str(corpus), "-o", str(out)], lambda t=t, d=delay: time.time() - t > d)
        content = out.read_bytes()
        assert content in (b"previous run\n", reference), f"killed after {delay}s: {len(content)} bytes"
    # a temporary file is all a kill can leave, under a hidden name
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "out.jsonl"]
    assert all(n.startswith(".out.jsonl.") and n.endswith(".tmp") for n in leftovers)


def test_killed_sharded_run_resumes_to_identical_output(corpus: Path, tmp_path: Path):
    full = tmp_path / "full"
    assert run_cli("clean", str(corpus), "-o", str(full), "--shard-size", "3").returncode == 0
    out = tmp_path / "out"
    # kill as soon as the first shard is complete
    _kill_midway(["clean", str(corpus), "-o", str(out), "--shard-size", "3"],
                 lambda: (out / "part-00000.jsonl.gz").exists())
    finished = {p.name for p in out.glob("part-*.jsonl.gz")}
    assert finished and len(finished) < 5, finished  # interrupted midway
    before = {n: (out / n).stat().st_mtime_ns for n in finished}
    r = run_cli("clean", str(corpus), "-o", str(out), "--shard-size", "3", "--resume")
    assert r.returncode == 0, r.stderr
    assert "already done (resumed)" in r.stderr
    assert all((out / n).stat().st_mtime_ns == t for n, t in before.items())  # finished shards not rewritten
    assert shards_text(out) == shards_text(full)
    assert shards_text(out, "pairs") == shards_text(full, "pairs")


def test_resume_and_shard_usage_errors(tmp_path: Path):
    for argv in (["--resume"], ["--shard-size", "0", "-o", str(tmp_path / "x")], ["--shard-size", "3"],
                 ["--shard-size", "3", "-o", str(tmp_path / "y"), "--bitext", str(tmp_path / "p.jsonl")]):
        r = run_cli("clean", str(SEEDS), *argv)
        assert r.returncode == 2 and "toolkit: error:" in r.stderr and "Traceback" not in r.stderr, argv


def test_output_linked_to_an_input_is_refused_before_writing(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    doc = src / "a.txt"
    doc.write_text("Trade rose in May.\n", encoding="utf-8")
    hard = tmp_path / "hard.jsonl"
    os.link(doc, hard)
    soft = tmp_path / "soft.jsonl"
    soft.symlink_to(doc)
    inside = src / "a.txt"
    for out in (hard, soft, inside):
        r = run_cli("clean", str(src), "-o", str(out))
        assert r.returncode == 2 and "refusing to write output over the input" in r.stderr, out
        assert doc.read_text(encoding="utf-8") == "Trade rose in May.\n"
    # a rejected --bitext leaves an existing -o untouched
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    r = run_cli("clean", str(src), "-o", str(out), "--bitext", str(tmp_path / "pairs.txt"))
    assert r.returncode == 2
    assert out.read_text(encoding="utf-8") == "keep me\n"


def test_output_into_a_missing_folder_is_one_line(tmp_path: Path):
    r = run_cli("clean", str(SEEDS), "-o", str(tmp_path / "no" / "such" / "out.jsonl"))
    assert r.returncode == 2 and "does not exist" in r.stderr and "Traceback" not in r.stderr


def test_disk_full_is_reported_and_leaves_nothing(tmp_path: Path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    proc = subprocess.run(f"{sys.executable} -m toolkit clean {SEEDS} > /dev/full", shell=True, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "toolkit: error:" in proc.stderr


def _worker_sigterm_is_default(q) -> None:  # a forked child: what a worker of --workers N sees
    from toolkit.runner import RunConfig, _pool_worker_init

    _pool_worker_init(RunConfig())
    q.put(signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)


@pytest.mark.skipif(sys.platform == "darwin", reason="workers are forked on Linux only")
def test_a_worker_dies_on_sigterm_whatever_handler_the_parent_set():
    """The CLI turns SIGTERM into a clean interrupt; a forked worker inherited that handler and took the
    pool's own shutdown signal for the user's, so one run in ten under load hung at the end (a worker
    stuck on the task queue's lock, seen in CI). Workers get the default handler back."""
    import multiprocessing as mp

    old = signal.signal(signal.SIGTERM, lambda *_: None)
    try:
        ctx = mp.get_context("fork")
        q = ctx.Queue()
        p = ctx.Process(target=_worker_sigterm_is_default, args=(q,))
        p.start()
        p.join(120)
        assert q.get(timeout=5) is True
    finally:
        signal.signal(signal.SIGTERM, old)


def test_a_worker_killed_midway_fails_the_run_with_one_line(tmp_path: Path):
    """A worker the system kills (out of memory) used to leave multiprocessing.Pool waiting forever for
    its batch; the run now stops with a message, writes nothing, and leaves no worker behind."""
    (tmp_path / "in").mkdir()
    for i in range(20):
        (tmp_path / "in" / f"d{i:02d}.txt").write_text(f"Document {i} says the economy grew.\n", encoding="utf-8")
    prelude = ("import os, signal, toolkit.runner as r\n"
               "def _die(batch):\n    os.kill(os.getpid(), signal.SIGKILL)\n"
               "r._worker_batch = _die\n")
    code = prelude + "import sys\nfrom toolkit.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    r = subprocess.run([sys.executable, "-c", code, "clean", "in", "-o", "out.jsonl", "--workers", "2"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=120, env={**os.environ, "CI": "1"})
    assert r.returncode != 0 and "Traceback" not in r.stderr, r.stderr
    assert "worker process died" in r.stderr and not (tmp_path / "out.jsonl").exists()
    assert not list(tmp_path.glob(".*.tmp"))
