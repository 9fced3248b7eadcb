"""Inputs and outputs as fsspec URLs (``s3://``, ``gs://``, ``file://`` ...): the same records as local paths."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS, run_cli

fsspec = pytest.importorskip("fsspec")


def local_records(tmp_path: Path) -> list[dict]:
    out = tmp_path / "local.jsonl"
    assert run_cli("clean", str(SEEDS), "-o", str(out)).returncode == 0
    return [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]


def without_source(recs: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "source"} for r in recs]


def test_file_urls_in_and_out(tmp_path: Path):
    out = tmp_path / "out.jsonl"
    r = run_cli("clean", SEEDS.as_uri(), "-o", out.as_uri())
    assert r.returncode == 0, r.stderr
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert without_source(got) == without_source(local_records(tmp_path))
    assert got[0]["source"].startswith("file://")


def test_memory_file_system_with_shards(tmp_path: Path, monkeypatch):
    """An object store stand-in (fsspec's in-memory file system), run in-process."""
    from toolkit.cli import main

    mem = fsspec.filesystem("memory")
    for p in sorted(SEEDS.iterdir()):
        mem.pipe(f"/corpus/{p.name}", p.read_bytes())
    mem.pipe("/corpus/.hidden.txt", b"never read")
    assert main(["clean", "memory://corpus", "-o", "memory://clean", "--shard-size", "2", "-q"]) == 0
    names = sorted(PathName(n) for n in mem.ls("/clean", detail=False))
    assert names == ["pairs-00000.jsonl.gz", "pairs-00001.jsonl.gz", "pairs-00002.jsonl.gz",
                     "part-00000.jsonl.gz", "part-00001.jsonl.gz", "part-00002.jsonl.gz"]
    got = [json.loads(x) for n in names if n.startswith("part")
           for x in gzip.decompress(mem.cat(f"/clean/{n}")).decode("utf-8").splitlines()]
    assert without_source(got) == without_source(local_records(tmp_path))


def PathName(name: str) -> str:  # noqa: N802 - a tiny helper named for what it returns
    return name.rstrip("/").rsplit("/", 1)[-1]


def test_missing_url_is_one_line(tmp_path: Path):
    r = run_cli("clean", (tmp_path / "nothing-here").as_uri(), "-o", str(tmp_path / "o.jsonl"))
    assert r.returncode == 1 and "no such file or folder" in r.stderr and "Traceback" not in r.stderr
