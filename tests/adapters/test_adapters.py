"""The datatrove step and the ``datasets`` map function give the CLI's records on the seeds."""

from __future__ import annotations

import json
import pickle

import pytest

from ..conftest import SEEDS


def seed_sources() -> list[dict[str, str]]:
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(SEEDS.glob("*.txt"))]


def without_source(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if k != "source"}


def test_pipeline_pickles_and_processes_records(seed_records):
    from toolkit import Pipeline

    pipe = pickle.loads(pickle.dumps(Pipeline.default()))  # what Spark, Ray and Dask do with it
    got = [r for src in seed_sources() for r in pipe.process(src)]
    assert [without_source(r) for r in got] == [without_source(r) for r in seed_records]


def test_datasets_map_matches_the_cli(seed_records):
    datasets = pytest.importorskip("datasets")
    from toolkit.adapters.hf import cleaner

    ds = datasets.Dataset.from_list(seed_sources())
    out = ds.map(cleaner(), batched=True, batch_size=2, remove_columns=ds.column_names)
    assert out["text"] == [r["text"] for r in seed_records]
    assert [json.loads(r)["edits"] for r in out["record"]] == [r["edits"] for r in seed_records]
    assert all(e is None for e in out["error"])


def test_datatrove_step_matches_the_cli(seed_records):
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    from toolkit.adapters.datatrove import ToolkitCleaner

    step = ToolkitCleaner()
    docs = list(step.run(iter(Document(text=s["text"], id=s["id"]) for s in seed_sources())))
    assert [d.text for d in docs] == [r["text"] for r in seed_records]
    assert [d.metadata["toolkit"]["flags"] for d in docs] == [r["flags"] for r in seed_records]
    assert step.stats["toolkit_out"].total == len(seed_records)
