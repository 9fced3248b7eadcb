"""Hugging Face ``datasets``: a function for ``Dataset.map(batched=True)``.

>>> from toolkit.adapters.hf import cleaner
>>> clean = cleaner()
>>> out = clean({"id": ["a"], "text": ["Cart\\n\\nGDP grew,and jobs rose."]})
>>> out["id"], out["text"]
(['a'], ['GDP grew, and jobs rose.'])

With a dataset (one input row may become several article rows, so the input columns go)::

    ds = ds.map(cleaner(), batched=True, remove_columns=ds.column_names)

Each output row has ``id``, ``text`` (the clean body), ``title``, ``lang`` and ``record`` (the
whole contract record as JSON: removed lines, edits, flags, metadata, signature). A row whose
document failed has empty ``text`` and the error in ``error``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..pipeline import Pipeline

COLUMNS = ("id", "text", "title", "lang", "record", "error")


def cleaner(config: str | None = None, glossaries: list[str] | None = None, *, text_column: str = "text",
            html_column: str | None = None, id_column: str = "id") -> Callable[[dict[str, list[Any]]], dict[str, list[Any]]]:
    """A batched ``map`` function cleaning ``text_column`` (or ``html_column``) of each row.

    The pipeline is built on first use in each worker process and pickles cleanly, so
    ``num_proc`` works.
    """
    state: dict[str, Pipeline] = {}

    def clean(batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        if "pipe" not in state:
            state["pipe"] = Pipeline.from_config(config, glossaries)
        pipe = state["pipe"]
        out: dict[str, list[Any]] = {c: [] for c in COLUMNS}
        texts = batch[html_column] if html_column else batch[text_column]
        ids = batch.get(id_column) or [str(i) for i in range(len(texts))]
        for doc_id, value in zip(ids, texts):
            source = {"id": str(doc_id), ("html" if html_column else "text"): value or ""}
            error: str | None = None
            try:
                records = pipe.process(source)
            except Exception as exc:  # one bad row never stops a map
                records, error = [], f"{type(exc).__name__}: {exc}"
            if not records:
                for c, v in zip(COLUMNS, (str(doc_id), "", None, None, None, error or "no article")):
                    out[c].append(v)
            for rec in records:
                out["id"].append(rec["id"])
                out["text"].append(rec["text"])
                out["title"].append(rec.get("title"))
                out["lang"].append(rec.get("lang"))
                out["record"].append(json.dumps(rec, ensure_ascii=False))
                out["error"].append(None)
        return out

    return clean
