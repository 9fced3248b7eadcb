"""toolkit: clean scraped, machine-translated Chinese-to-English web documents.

The library entry points (this example runs as a doctest in CI):

>>> import pathlib, tempfile
>>> import toolkit
>>> toolkit.clean_text("Cart\\n\\nThe economy grew,and jobs rose.")[0]["text"]   # list of contract records
'The economy grew, and jobs rose.'
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Cart\\n\\nExports rose,and imports fell.\\n", encoding="utf-8")
>>> _ = (folder / "b.bin").write_bytes(bytes(range(256)) * 4)
>>> pipe = toolkit.Pipeline.default()          # or Pipeline.from_config("pipeline.yaml")
>>> for item in toolkit.read_documents(folder):   # a path or a list of paths; "-" is stdin
...     if isinstance(item, toolkit.InputError):
...         print("skipped:", item.message)
...     else:
...         print([record["text"] for record in pipe.run(item).to_records()])
['Exports rose, and imports fell.']
skipped: binary file (not text in any common encoding); skipped
>>> [(p.en, p.score > 0.5) for p in toolkit.align(["经济增长了5%。"], ["The economy grew by 5%."])]
[('The economy grew by 5%.', True)]
"""

from __future__ import annotations

import os
from typing import Any

from ._version import __version__
from .errors import ConfigError, GlossaryError, InputError, ToolkitError
from .model import Block, Document, Pair
from .pipeline import Pipeline
from .stage import REGISTRY, Stage, register

_default: Pipeline | None = None


def clean_text(text: str, *, doc_id: str = "doc", pipeline: Pipeline | None = None) -> list[dict[str, Any]]:
    """Clean one plain-text document; returns the contract records (one per article).

    >>> rec = clean_text("Cart\\n\\nThe economy grew,and jobs rose.")[0]
    >>> rec["text"], [r["text"] for r in rec["removed"]]
    ('The economy grew, and jobs rose.', ['Cart'])
    """
    global _default
    if pipeline is None:
        if _default is None:
            _default = Pipeline.default()
        pipeline = _default
    doc = Document(id=doc_id, source=doc_id, raw=text)
    return pipeline.run(doc).to_records()


def read_documents(paths: str | os.PathLike[str] | list[str | os.PathLike[str]], **kwargs: Any) -> Any:
    """Stream :class:`Document` objects from a file or folder, or a list of them (see :mod:`toolkit.io.readers`)."""
    from .io.readers import read_documents as _read

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return _read([os.fspath(p) for p in paths], **kwargs)


def align(zh_sentences: list[str], en_sentences: list[str], **kwargs: Any) -> Any:
    """Align two lists of sentences; see :func:`toolkit.alignment.aligner.align`."""
    from .alignment.aligner import align as _align

    return _align(zh_sentences, en_sentences, **kwargs)


__all__ = [
    "Block",
    "ConfigError",
    "Document",
    "GlossaryError",
    "InputError",
    "Pair",
    "Pipeline",
    "REGISTRY",
    "Stage",
    "ToolkitError",
    "__version__",
    "align",
    "clean_text",
    "read_documents",
    "register",
]
