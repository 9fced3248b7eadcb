"""Stream documents from files and folders, one at a time.

Plain text (any common encoding), HTML, and JSON lines (``{"id", "text"}`` or
``{"id", "html"}``), each optionally gzip-compressed; folders are read
recursively in sorted order. Nothing reads a whole corpus into memory: files are
yielded one by one and JSON lines line by line. A problem with one input is
yielded as an :class:`~toolkit.errors.InputError` (file and line) and the run
goes on.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Document
from .decode import decode_bytes

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def _stem(path: Path) -> str:
    name = path.name
    if name.endswith(".gz"):
        name = name[:-3]
    return name.rsplit(".", 1)[0] if "." in name else name


def _base_suffix(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[1]


def iter_files(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> Iterator[Path | InputError]:
    """Every file under ``paths`` (folders recursively, sorted; hidden files and ``exclude`` skipped)."""
    skip = {Path(x).resolve() for x in exclude}
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (Path(root) / d).resolve() not in skip)
                for f in sorted(files):
                    if not f.startswith(".") and (Path(root) / f).resolve() not in skip:
                        yield Path(root) / f
        elif path.is_file():
            yield path
        else:
            yield InputError("no such file or folder", path=str(path))


def _looks_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def _read_bytes(path: Path) -> bytes:
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(data)
        except (EOFError, OSError, zlib.error):
            raise InputError("truncated or corrupt gzip file", path=str(path)) from None
    return data


def _read_jsonl(path: Path) -> Iterator[Document | InputError]:
    where = str(path)
    with open(path, "rb") as raw:
        magic = raw.read(2)
    opener = gzip.open if magic == b"\x1f\x8b" else open
    try:
        with opener(path, "rb") as fb:  # type: ignore[operator]
            stream = io.TextIOWrapper(fb, encoding="utf-8", errors="strict")
            n = 0
            for n, line in enumerate(_safe_lines(stream, where), start=1):
                if isinstance(line, InputError):
                    line.line = n
                    yield line
                    return
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield InputError(f"malformed JSON ({exc.msg} at column {exc.colno}); line skipped", path=where, line=n)
                    continue
                if not isinstance(obj, dict):
                    yield InputError("a JSON line must be an object with 'id' and 'text' or 'html'", path=where, line=n)
                    continue
                text, html = obj.get("text"), obj.get("html")
                if not isinstance(text, str) and not isinstance(html, str):
                    yield InputError("JSON object has no string 'text' or 'html' field; line skipped", path=where, line=n)
                    continue
                doc_id = str(obj.get("id") if obj.get("id") is not None else f"{_stem(path)}:{n}")
                if isinstance(html, str) and not isinstance(text, str):
                    yield Document(id=doc_id, source=f"{where}:{n}", html=html)
                else:
                    yield Document(id=doc_id, source=f"{where}:{n}", raw=str(text))
            if n == 0:
                yield InputError("empty file", path=where)
    except OSError as exc:
        yield InputError(f"cannot read: {exc}", path=where)


def _safe_lines(stream: io.TextIOWrapper, where: str) -> Iterator[str | InputError]:
    """Lines of ``stream``; a truncated gzip or bad UTF-8 ends it with an error item."""
    while True:
        try:
            line = stream.readline()
        except (EOFError, zlib.error, gzip.BadGzipFile):
            yield InputError("truncated or corrupt gzip data; the rest of the file is skipped", path=where)
            return
        except UnicodeDecodeError:
            yield InputError("JSON lines must be UTF-8; the rest of the file is skipped", path=where)
            return
        if not line:
            return
        yield line


def read_file(path: Path) -> Iterator[Document | InputError]:
    """The documents in one file (one, or one per JSON line)."""
    suffix = _base_suffix(path)
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path)
        return
    try:
        data = _read_bytes(path)
        text, _enc = decode_bytes(data, str(path))
    except InputError as exc:
        yield exc
        return
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror}", path=str(path))
        return
    if suffix in HTML_SUFFIXES or _looks_html(text):
        yield Document(id=_stem(path), source=str(path), html=text)
    else:
        yield Document(id=_stem(path), source=str(path), raw=text)


def read_documents(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> Iterator[Document | InputError]:
    """Stream documents (or errors) from files and folders; ``exclude`` names files (and folders) to
    skip, such as the run's own outputs when they are written inside an input folder."""
    for item in iter_files(paths, exclude):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item)
