"""Run ``toolkit`` as an attacker's victim would: a subprocess in a sandbox folder, under a CPU-time
and a memory limit, with a record of every file in the sandbox before and after.

A case passes when the toolkit exits with a clear one-line error (or handles the input) within the
limits, writes nothing outside its declared outputs, modifies no input, and leaves no truncated
output (every JSONL line parses).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

#: CPU seconds a case may use (a busy CI machine stretches wall time, not CPU time).
CPU_SECONDS = 10
#: Wall-clock seconds before a case is killed (generous: shared CI machines are slow to start Python).
WALL_SECONDS = 40
#: Address space a case may map.
MEMORY_BYTES = 1 << 30


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root``: a file's SHA-256, a link's target, a device's kind."""
    out: dict[str, str] = {}
    for dirpath, dirs, files in os.walk(root):
        for name in dirs + files:
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                out[rel] = "link:" + os.readlink(p)
            elif p.is_file():
                out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
            elif p.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = f"special:{os.stat(p).st_mode:o}"
    return out


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    cpu: float
    wall: float
    changed: set[str]

    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("toolkit: error:")]


def run(sandbox: Path, *args: str, outputs: tuple[str, ...] = (), stdin: bytes | None = None,
        python_prelude: str | None = None) -> Result:
    """``toolkit ARGS`` in ``sandbox`` under the limits; checks the invariants every case shares.

    ``outputs`` are the paths (relative to the sandbox) the run may create or change: a file, or a
    folder and everything in it. ``python_prelude`` runs before ``toolkit.cli.main`` in the same
    interpreter (to simulate what a root test user cannot do for real, such as an unreadable folder).
    """
    before = snapshot(sandbox)
    env = {**os.environ, "TOOLKIT_CACHE": str(sandbox.parent / "cache"), "CI": "1"}
    env.pop("PYTHONPATH", None)
    code = (python_prelude or "") + "\nimport sys\nfrom toolkit.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    t0 = time.perf_counter()
    usage0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=sandbox, input=stdin, capture_output=True,
                          timeout=WALL_SECONDS, preexec_fn=_limits, env=env)
    usage1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter() - t0
    cpu = (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime)
    after = snapshot(sandbox)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    res = Result(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"),
                 cpu, wall, changed)
    _check(res, sandbox, outputs, strict_stderr=args[:1] == ("clean",))
    return res


def _check(res: Result, sandbox: Path, outputs: tuple[str, ...], strict_stderr: bool) -> None:
    assert res.returncode >= 0, f"killed by signal {-res.returncode} (CPU {res.cpu:.1f} s): {res.stderr[-500:]}"
    assert res.cpu < CPU_SECONDS
    assert "Traceback" not in res.stderr, res.stderr[-2000:]
    for line in res.stderr.splitlines() if strict_stderr else ():  # one-line messages, each naming the toolkit
        assert line.startswith(("toolkit:", "usage:", " ")) or not line.strip(), f"stray stderr line: {line!r}"
    allowed = tuple(o.rstrip("/") for o in outputs)
    stray = {c for c in res.changed if not any(c == o or c.startswith(o + "/") or fnmatch.fnmatchcase(c, o) for o in allowed)}
    assert not stray, f"written or changed outside the outputs {allowed}: {sorted(stray)}"
    for o in allowed:  # no truncated JSON lines in what was written
        p = sandbox / o
        files = [p] if p.is_file() else sorted(p.rglob("*.jsonl")) if p.is_dir() else []
        for f in files:
            if f.suffix == ".jsonl":
                for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1):
                    try:
                        json.loads(line)
                    except ValueError:
                        raise AssertionError(f"{f}:{n} is not a whole JSON line (truncated output)") from None
    # a temporary file a caller names by pattern (a concurrent run's file, there mid-write) is checked by
    # that caller once every run has ended; any other one left behind is a defect of this run
    patterns = [o for o in allowed if any(ch in o for ch in "*?[")]
    left = [c for c in res.changed if Path(c).name.endswith(".tmp") and (sandbox / c).exists()
            and not any(fnmatch.fnmatchcase(c, o) for o in patterns)]
    assert not left, f"a temporary file was left behind: {left}"
