"""toolkit: clean scraped, machine-translated Chinese-to-English web documents.

The library entry points::

    import toolkit
    records = toolkit.clean_text("Cart\\n\\nA title\\n\\nSome text.")   # list of contract dicts
    pipe = toolkit.Pipeline.from_config("pipeline.yaml")             # or Pipeline.default()
    for doc in pipe.clean(toolkit.read_documents(["corpus/"])):
        for record in doc.to_records():
            ...
    pairs = toolkit.align(zh_sentences, en_sentences)
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
