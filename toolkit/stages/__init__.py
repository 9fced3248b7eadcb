"""Built-in stages, one module each; importing this package registers them all."""

from . import (  # noqa: F401
    bilingual,
    boilerplate,
    dedupe,
    encoding,
    footnotes,
    ingest,
    metadata,
    numbers,
    punctuation,
    qa,
    segment,
    structure,
    terms,
    whitespace,
)
