"""datatrove: a pipeline step that cleans each document with toolkit.

>>> from datatrove.data import Document  # doctest: +SKIP
>>> step = ToolkitCleaner()  # doctest: +SKIP
>>> [d.text for d in step.run(iter([Document(text="Cart\\n\\nGDP grew,and jobs rose.", id="a")]))]  # doctest: +SKIP
['GDP grew, and jobs rose.']

Use it like any datatrove step, between a reader and a writer::

    LocalPipelineExecutor(pipeline=[JsonlReader("raw/"), ToolkitCleaner(), JsonlWriter("clean/")]).run()

Each article becomes one datatrove ``Document``: ``text`` is the clean body, ``id`` the record id,
and ``metadata["toolkit"]`` the rest of the contract record (title, metadata, removed lines,
edits, flags, footnotes, signature). A document that fails is dropped and counted in the step's
stats (``toolkit_error``), never silently.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from ..pipeline import Pipeline


class ToolkitCleaner(PipelineStep):  # type: ignore[misc]
    """Clean each document's text (or ``metadata[html_key]``) with a toolkit pipeline."""

    name = "🧹 toolkit clean"
    type = "🔨 - FORMAT"

    def __init__(self, config: str | None = None, glossaries: list[str] | None = None,
                 html_key: str | None = None) -> None:
        super().__init__()
        self.config = config
        self.glossaries = glossaries
        self.html_key = html_key
        self._pipe: Pipeline | None = None

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> Iterator[Document]:
        if self._pipe is None:
            self._pipe = Pipeline.from_config(self.config, self.glossaries)
        for doc in data:
            with self.track_time():
                source: dict[str, Any] = {"id": str(doc.id)}
                if self.html_key and isinstance(doc.metadata.get(self.html_key), str):
                    source["html"] = doc.metadata[self.html_key]
                else:
                    source["text"] = doc.text
                try:
                    records = self._pipe.process(source)
                except Exception:
                    self.stat_update("toolkit_error")
                    continue
            self.stat_update("toolkit_in")
            for rec in records:
                self.stat_update("toolkit_out")
                rest = {k: v for k, v in rec.items() if k not in ("id", "text")}
                yield Document(text=rec["text"], id=str(rec["id"]), metadata={**doc.metadata, "toolkit": rest})
