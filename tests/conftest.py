from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI replays a fixed, derandomized set of examples so that its verdict is reproducible; a run on a
# developer's machine explores new examples each time (that is how idempotence bugs are found).
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def pipeline():
    from toolkit import Pipeline

    return Pipeline.default()


@pytest.fixture(scope="session")
def seed_records(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds") / "out.jsonl"
    r = run_cli("clean", str(SEEDS), "-o", str(out))
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, text=True, cwd=cwd or ROOT,
                          input=stdin, timeout=600)


def clean(text: str, pipeline) -> dict:
    from toolkit import clean_text

    return clean_text(text, pipeline=pipeline)[0]
