"""The original text of a record, read again from its input (the ``source`` field).

``source`` is the path as ``toolkit clean`` was given it (``seeds/a.txt``), or
``PATH:N`` for line N of a JSON-lines input. Paths are tried as written (relative
to the working directory) and then under each ``roots`` folder. The input is
split into blocks exactly as the ``ingest`` stage splits it (one per non-blank
line for text; block elements for HTML), so the ``line`` fields of the record
point into it. When the input cannot be found or read, :meth:`Originals.blocks`
returns None with the reason, and the report reconstructs the original from the
record (``removed`` lines, and each paragraph with its ``edits`` undone).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from ..errors import ToolkitError
from ..io.html import html_blocks
from ..io.readers import JSONL_SUFFIXES, read_file
from ..io.text import split_lines

#: One block of the original: (1-based input line, text).
Block = tuple[int, str]

_JSONL_LINE = re.compile(r"^(.*):(\d+)$")


class Originals:
    """Reads originals for a stream of records; consecutive records of one input reuse one read.

    JSON-lines inputs are read forward line by line, so a report over records in input
    order reads each input once, however large.
    """

    def __init__(self, roots: Sequence[str | Path] = ()) -> None:
        self.roots = [Path(r) for r in roots]
        self._last: tuple[str, list[Block] | None, str] | None = None
        self._jsonl: dict[Path, tuple[IO[str], int]] = {}
        self._found: dict[str, Path | None] = {}

    def close(self) -> None:
        for f, _n in self._jsonl.values():
            f.close()
        self._jsonl.clear()

    def _find(self, path: str) -> Path | None:
        if path not in self._found:
            if len(self._found) > 10_000:
                self._found.clear()
            self._found[path] = self._look(path)
        return self._found[path]

    def _look(self, path: str) -> Path | None:
        candidates = [Path(path)] + [r / path for r in self.roots if not Path(path).is_absolute()]
        # A moved corpus: try the path's tail under each root too (``seeds/a.txt`` under ``/data/seeds``).
        candidates += [r / Path(path).name for r in self.roots]
        for c in candidates:
            if c.is_file():
                return c
        return None

    def blocks(self, source: str) -> tuple[list[Block] | None, str]:
        """The blocks of ``source`` and a note; (None, why) when the original is not available."""
        if self._last is not None and self._last[0] == source:
            return self._last[1], self._last[2]
        try:
            found = self._read(source)
        except (OSError, ToolkitError, ValueError, UnicodeDecodeError) as exc:
            found = (None, f"the input could not be read ({exc})")
        self._last = (source, found[0], found[1])
        return found

    def _read(self, source: str) -> tuple[list[Block] | None, str]:
        m = _JSONL_LINE.match(source)
        path = self._find(source) if m is None or self._find(m.group(1)) is None else None
        if path is not None:
            if path.name.lower().removesuffix(".gz").endswith(JSONL_SUFFIXES):
                return None, f"{source} is a JSON-lines file; the record names no line of it"
            for item in read_file(path):
                if isinstance(item, ToolkitError):
                    return None, f"the input could not be read ({item})"
                return _split(item.raw, item.html, str(path)), f"read from {path}"
            return None, f"{path} holds no document"
        if m:
            jpath = self._find(m.group(1))
            if jpath is not None:
                obj = self._jsonl_line(jpath, int(m.group(2)))
                if obj is None:
                    return None, f"{jpath} has no line {m.group(2)}"
                text, html = obj.get("text"), obj.get("html")
                if not isinstance(text, str) and not isinstance(html, str):
                    text = obj.get("markdown")  # shown as its source lines
                if isinstance(html, str) and not isinstance(text, str):
                    return _split("", html, source), f"read from {jpath}, line {m.group(2)}"
                if isinstance(text, str):
                    return _split(text, None, source), f"read from {jpath}, line {m.group(2)}"
                return None, f"{jpath} line {m.group(2)} has no 'text', 'html' or 'markdown'"
        return None, f"the input {source} was not found"

    def _jsonl_line(self, path: Path, n: int) -> dict[str, Any] | None:
        f, at = self._jsonl.get(path, (None, 0))
        if f is None or n <= at:
            if f is not None:
                f.close()
            f = _open_text(path)
            at = 0
        line = ""
        while at < n:
            line = f.readline()
            if not line:
                self._jsonl[path] = (f, at)
                return None
            at += 1
        self._jsonl[path] = (f, at)
        obj = json.loads(line)
        return obj if isinstance(obj, dict) else None


def _open_text(path: Path) -> IO[str]:
    with open(path, "rb") as raw:
        magic = raw.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def _split(raw: str, html: str | None, source: str) -> list[Block]:
    """Blocks as the ``ingest`` stage makes them; HTML furniture (nav, script...) is kept as blocks."""
    if html is None:
        return [(b.line, b.text) for b in split_lines(raw)]
    blocks, dropped = html_blocks(html, source)
    out = [(b.line, b.text) for b in blocks] + [(r.line, r.text) for r in dropped]
    out.sort(key=lambda b: b[0])
    return out


def iter_lines(path: str | Path) -> Iterator[str]:
    """Lines of a (possibly gzip-compressed) UTF-8 file."""
    with _open_text(Path(path)) as f:
        yield from f
