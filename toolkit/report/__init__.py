"""``toolkit report``: one self-contained HTML page for reviewing a cleaned corpus.

The page has a corpus summary (server-side HTML and inline SVG, readable
without JavaScript) and a per-document view (the original beside the clean
text, or a redline) that a small inline script renders on demand from JSON
embedded in the page, a chunk at a time, so a 10,000-document report opens
fast. See ``docs/report.md``.

This package is a top layer: it reads records (``toolkit.io``), never the other
way round; only ``toolkit.cli`` imports it.

Layout: :mod:`.redline` (edits replayed into runs), :mod:`.sources` (the
original read again from the input), :mod:`.document` (one record to the
embedded object), :mod:`.stats` (the summary's counts and the filter tags),
:mod:`.html` (escaping and the summary), :mod:`.assets` (inline CSS and script).
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
import os
import shutil
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .._version import __version__
from ..errors import InputError, ToolkitError
from . import assets
from .document import build
from .html import esc, json_for_script, summary_html
from .html import options as tag_options
from .sources import Originals, iter_lines
from .stats import Summary


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportOptions:
    """How the report is made.

    ``read_sources`` (default True): read each record's input again for the
    original text; False (or an input that is gone) reconstructs the original
    from the record instead, and the page says so. ``source_roots`` (default
    none): folders to look for inputs in when a record's ``source`` path does not
    resolve from the working directory. ``chunk`` (default 100): documents per
    embedded JSON block (the page parses one block when it shows one of its
    documents). ``title`` (default "toolkit review report"): the page title.
    ``compress`` (default None: only when the records file is over
    :data:`COMPRESS_ABOVE` bytes): embed each block of documents
    deflate-compressed in base64, which makes a large page about 2.4 times
    smaller and faster to open (the browser decompresses a block when one of its
    documents is shown) at the cost of some writing time and of data one can no
    longer grep in the page.
    """

    read_sources: bool = True
    source_roots: tuple[str, ...] = ()
    chunk: int = 100
    title: str = "toolkit review report"
    compress: bool | None = None


#: Records files larger than this get compressed document blocks unless ``compress`` says otherwise.
COMPRESS_ABOVE = 64_000_000


@dataclass(slots=True)
class ReportResult:
    """What :func:`write_report` did: documents written, originals reconstructed, lines skipped."""

    documents: int = 0
    reconstructed: int = 0
    pairs: int = 0
    skipped: list[InputError] = field(default_factory=list)


def _records(path: str | Path, errors: list[InputError] | None) -> Iterator[dict[str, Any]]:
    for n, line in enumerate(iter_lines(path), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            if errors is not None:
                errors.append(InputError(f"not a JSON record ({exc.msg}); line skipped", path=str(path), line=n))
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("id"), str) or not isinstance(obj.get("paragraphs"), list):
            if errors is not None:
                errors.append(InputError("not a toolkit record (needs 'id' and 'paragraphs'); line skipped",
                                         path=str(path), line=n))
            continue
        for key in ("removed", "edits", "flags", "footnotes", "notes"):
            if not isinstance(obj.get(key), list):
                obj[key] = []
        yield obj


def _pairs(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for n, line in enumerate(iter_lines(path), start=1):
        if not line.strip():
            continue
        try:
            p = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not a JSON pair ({exc.msg}); the pairs file must be the .jsonl --bitext writes",
                             path=str(path), line=n) from None
        if isinstance(p, dict):
            by_doc.setdefault(str(p.get("doc")), []).append(p)
    return by_doc


def write_report(records: str | Path, output: str | Path, *, pairs: str | Path | None = None,
                 options: ReportOptions | None = None) -> ReportResult:
    """Write the HTML report of the records in ``records`` (a ``toolkit clean`` JSONL) to ``output``.

    ``pairs``: the ``--bitext`` JSONL of the same run, shown per document and in
    the summary. One pass over ``records``: documents are streamed to a side
    file next to ``output`` while the summary is counted, then the page is put
    together (the summary comes first) and moved into place. Raises :class:`ToolkitError`
    for an unreadable records or pairs file; bad record lines are skipped and
    listed in the result.
    """
    opts = options or ReportOptions()
    if opts.chunk < 1:
        raise ToolkitError(f"chunk must be at least 1, not {opts.chunk}")
    records, output = str(records), str(output)
    if not os.path.isfile(records):
        raise InputError("no such records file (give the JSONL that toolkit clean -o wrote)", path=records)
    result = ReportResult()
    by_doc = _pairs(pairs) if pairs is not None else {}
    summary = Summary()
    out_dir = os.path.dirname(os.path.abspath(output))
    originals = Originals(opts.source_roots) if opts.read_sources else None
    temps: list[str] = []
    try:
        # One pass over the records: documents go to a side file while the summary is counted;
        # the page is then the summary, the index, the documents (copied over) and the script.
        fd, docs_tmp = tempfile.mkstemp(prefix=".report-docs-", suffix=".part", dir=out_dir)
        temps.append(docs_tmp)
        with os.fdopen(fd, "w", encoding="utf-8") as side:
            compress = opts.compress if opts.compress is not None else os.path.getsize(records) > COMPRESS_ABOVE
            batch: list[dict[str, Any]] = []
            n = 0

            def flush() -> None:
                if compress:
                    # Base64 holds no character that could end the element; the JSON needs no escaping.
                    raw = json.dumps(batch, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
                    data = base64.b64encode(zlib.compress(raw, 1)).decode("ascii")
                    side.write(f'<script type="application/octet-stream" data-encoding="deflate-base64" id="docs-{n}">'
                               f"{data}</script>\n")
                else:
                    side.write(f'<script type="application/json" id="docs-{n}">{json_for_script(batch)}</script>\n')
            for rec in _records(records, result.skipped):
                doc_pairs = by_doc.get(rec["id"])
                summary.add(rec, doc_pairs)
                doc = build(rec, originals, doc_pairs)
                if doc["original"] != "source":
                    result.reconstructed += 1
                batch.append(doc)
                if len(batch) == opts.chunk:
                    flush()
                    batch, n = [], n + 1
            if batch:
                flush()
        result.documents = summary.documents
        result.pairs = summary.pairs
        generated = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
        tags = summary.tag_list()
        index = {"tags": tags, "docs": summary.index, "chunk": opts.chunk}
        fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".html", dir=out_dir)
        temps.append(tmp)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            _head(f, opts.title, summary_html(summary, records_path=records,
                                              pairs_path=str(pairs) if pairs is not None else None, generated=generated),
                  tags)
            f.write(f'<script type="application/json" id="report-index">{json_for_script(index)}</script>\n')
            with open(docs_tmp, encoding="utf-8") as side_in:
                shutil.copyfileobj(side_in, f, 1 << 20)
            f.write(f"<script>{assets.JS}</script>\n</body>\n</html>\n")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; a report is an ordinary file
        os.replace(tmp, output)
    finally:
        for t in temps:
            if os.path.exists(t):
                os.unlink(t)
        if originals is not None:
            originals.close()
    return result


def _head(f: IO[str], title: str, summary: str, tags: list[str]) -> None:
    f.write(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="toolkit {esc(__version__)}">\n'
        f"<title>{esc(title)}</title>\n<style>{assets.CSS}</style>\n</head>\n<body>\n"
        f'<header class="top"><h1>{esc(title)}</h1><nav aria-label="sections"><a href="#summary">Summary</a>'
        '<a href="#documents">Documents</a></nav></header>\n<main>\n'
    )
    f.write(summary)
    f.write(
        '\n<section id="documents" aria-labelledby="documents-h"><h2 id="documents-h">Documents</h2>\n'
        "<noscript><p>The per-document view (original beside clean text, edits, flags, pairs) needs JavaScript; "
        "the summary above does not.</p></noscript>\n"
        '<div id="app" hidden>\n<form id="filters" role="search" aria-label="filter documents">'
        f'<label for="f-flag">Flag kind<select id="f-flag"><option value="">any</option>{tag_options(tags, "flag")}</select></label>'
        f'<label for="f-rule">Rule<select id="f-rule"><option value="">any</option>{tag_options(tags, "rule")}</select></label>'
        '<label for="f-q">Find document id<input id="f-q" type="search" autocomplete="off"></label>'
        '<span id="f-tag"></span><output id="f-count" aria-live="polite"></output></form>\n'
        '<p class="keys">Keys: <kbd>j</kbd>/<kbd>\N{DOWNWARDS ARROW}</kbd> next document, <kbd>k</kbd>/'
        '<kbd>\N{UPWARDS ARROW}</kbd> previous, <kbd>r</kbd> side by side / redline, <kbd>/</kbd> find. '
        'Marks: <ins>inserted</ins> <del>deleted</del> <mark class="flag">flagged</mark> (hover for the rule).</p>\n'
        '<div class="layout"><nav id="doc-list" aria-label="document list"><div class="pager">'
        '<button type="button" id="prev-page">\N{LEFTWARDS ARROW} page</button><span id="page-info"></span>'
        '<button type="button" id="next-page">page \N{RIGHTWARDS ARROW}</button></div><ol id="doc-ol"></ol></nav>\n'
        '<article id="doc-view" aria-live="polite" aria-labelledby="doc-h"></article></div>\n</div>\n</section>\n</main>\n'
    )


__all__ = ["ReportOptions", "ReportResult", "write_report"]
