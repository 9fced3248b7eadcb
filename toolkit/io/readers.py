"""Stream documents from files, folders and standard input, one at a time, within limits.

Plain text (any common encoding), HTML, Markdown (``.md``; a scraper's Markdown output), and
JSON lines (``{"id", "text"}``, ``{"id", "html"}`` or ``{"id", "markdown"}``), each optionally
gzip-compressed; folders are read
recursively in sorted order (links to folders reported, not followed); ``-``
is standard input (JSON lines when its first character is ``{``, else text or
HTML). Nothing reads a whole corpus into memory: JSON lines are read and decoded
one line at a time, so a bad byte costs one line; a text or HTML file is one
document, read up to :attr:`Limits.max_document_bytes`. A problem with one input
is yielded as an :class:`~toolkit.errors.InputError` (file and line) and the run
goes on; an empty input is an empty document preceded by an
:class:`~toolkit.errors.InputWarning`.

The limits (:class:`Limits`, ``toolkit clean --max-document-mb/--max-line-mb/--max-gzip-ratio``)
bound what one hostile file can cost; ``docs/security.md`` lists them.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Protocol

from .. import recache
from ..errors import InputError, InputWarning
from ..model import Document
from .decode import decode_bytes
from .markdown import SUFFIXES as MARKDOWN_SUFFIXES

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
STDIN = "-"

_MB = 1_000_000
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """What one input may cost; an input over a limit is skipped with a message naming the option.

    ``max_document_bytes``: one document: a text or HTML file (after decompression) or one JSON
    line (default 4 MB; cleaning takes ~100x a document's size in memory).
    ``max_line_bytes``: one line of plain text, a paragraph (default 1 MB; HTML is exempt, its
    lines are markup).
    ``max_gzip_ratio``: decompressed size over compressed size, checked as a file is streamed
    once it has expanded past ``gzip_ratio_floor_bytes`` (default 200; text compresses 3-20x,
    a gzip bomb 1000x).

    >>> Limits().max_document_bytes, Limits(max_document_bytes=10).max_line_bytes
    (4000000, 1000000)
    """

    max_document_bytes: int = 4 * _MB
    max_line_bytes: int = 1 * _MB
    max_gzip_ratio: float = 200.0
    gzip_ratio_floor_bytes: int = 10 * _MB

    def __post_init__(self) -> None:
        for name in ("max_document_bytes", "max_line_bytes", "max_gzip_ratio"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)!r}")


DEFAULT_LIMITS = Limits()


def _mb(n: float) -> str:
    return f"{n / _MB:g} MB"


class _Reader(Protocol):
    def read(self, n: int = ..., /) -> bytes: ...


class _TooBig(Exception):
    """A limit was exceeded while streaming; the message says which and how to raise it."""


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
    """Every file under ``paths`` (folders recursively, sorted; hidden files and ``exclude`` skipped).

    A symbolic link to a file is read; one to a folder is not followed (a link to ``/`` would read
    the whole disk), with a warning. A broken or self-referential link and a folder that cannot be
    listed are errors: reported, never skipped in silence.
    """
    skip = {os.path.realpath(x) for x in exclude}
    for p in paths:
        path = Path(p)
        try:
            st = path.stat()
        except OSError as exc:
            if path.is_symlink():
                yield InputError(f"broken or looping symbolic link ({exc.strerror}); skipped", path=str(path))
            else:
                yield InputError("no such file or folder", path=str(path))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, skip, {(st.st_dev, st.st_ino)})
        elif stat.S_ISREG(st.st_mode):
            yield path
        else:
            yield InputError("not a regular file or folder; skipped", path=str(path))


def _walk(folder: Path, skip: set[str], above: set[tuple[int, int]]) -> Iterator[Path | InputError]:
    """Depth-first, sorted; ``above`` holds the (device, inode) of the folders on the way down."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        yield InputError(f"cannot read folder: {exc.strerror}; its files are skipped", path=str(folder))
        return
    files, dirs = [], []
    for name in names:
        if name.startswith("."):
            continue
        child = folder / name
        if os.path.realpath(child) in skip:  # realpath, unlike resolve(), never raises on a loop
            continue
        try:
            st = child.stat()
        except OSError as exc:
            yield InputError(f"broken or looping symbolic link ({exc.strerror}); skipped", path=str(child))
            continue
        if stat.S_ISDIR(st.st_mode):
            ident = (st.st_dev, st.st_ino)
            if child.is_symlink():
                # Followed, a link to "/" would read the whole disk; name the folder itself to read it.
                yield InputWarning("symbolic link to a folder, not followed (name its target to read it)", path=str(child))
            elif ident in above:  # a bind mount looping back
                yield InputError("folder loop (it is a folder above it); not followed", path=str(child))
            else:
                dirs.append((child, ident))
        elif stat.S_ISREG(st.st_mode):
            files.append(child)
        else:  # a FIFO would block the run forever, a device could be endless
            yield InputWarning("not a regular file (a pipe, socket or device); skipped", path=str(child))
    yield from files
    for child, ident in dirs:
        yield from _walk(child, skip, above | {ident})


def _looks_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def _raw_chunks(f: _Reader) -> Iterator[bytes]:
    while chunk := f.read(_CHUNK):
        yield chunk


def _gunzip(chunks: Iterator[bytes], limits: Limits) -> Iterator[bytes]:
    """Decompress a gzip stream (several members too) chunk by chunk, within ``limits.max_gzip_ratio``."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    fed = False  # the current member has begun
    read = written = 0
    for chunk in chunks:
        read += len(chunk)
        data = chunk
        while data:
            if not fed and not data.strip(b"\x00"):
                break  # zero padding after the last member
            fed = True
            out = d.decompress(data, _CHUNK)
            written += len(out)
            if written > limits.gzip_ratio_floor_bytes and written > limits.max_gzip_ratio * read:
                raise _TooBig(f"gzip data expands more than {limits.max_gzip_ratio:g} times (a gzip bomb?); "
                              "skipped (raise --max-gzip-ratio if it is real)")
            if out:
                yield out
            if d.eof:  # the next member, if any, starts in unused_data
                data = d.unused_data
                d, fed = zlib.decompressobj(16 + zlib.MAX_WBITS), False
            else:
                data = d.unconsumed_tail
    if fed and not d.eof:
        raise zlib.error("truncated gzip data")


def _chunks(f: _Reader, limits: Limits) -> Iterator[bytes]:
    """The bytes of ``f``, gunzipped when they start with the gzip magic number."""
    first = f.read(_CHUNK)
    if not first:
        return
    raw = _prepend(first, _raw_chunks(f))
    if first[:2] == b"\x1f\x8b":
        yield from _gunzip(raw, limits)
    else:
        yield from raw


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _bounded(chunks: Iterator[bytes], limit: int) -> bytes:
    """All of ``chunks``, or :class:`_TooBig` past ``limit`` bytes (without reading much further)."""
    parts, size = [], 0
    for c in chunks:
        size += len(c)
        if size > limit:
            raise _TooBig(f"larger than the {_mb(limit)} document limit; skipped (raise it with --max-document-mb)")
        parts.append(c)
    return b"".join(parts)


def _lines(chunks: Iterator[bytes], limit: int) -> Iterator[bytes | int]:
    """Lines (with their ``\\n``) of a byte stream; a line longer than ``limit`` is skipped and
    its length yielded instead, so memory stays within ``limit`` whatever the input."""
    buf = b""
    over = 0  # > 0: inside an over-long line, this many bytes so far
    for chunk in chunks:
        start = 0
        while True:
            nl = chunk.find(b"\n", start)
            if nl < 0:
                piece = chunk[start:]
                if over:
                    over += len(piece)
                elif len(buf) + len(piece) > limit:
                    over, buf = len(buf) + len(piece), b""
                else:
                    buf += piece
                break
            piece = chunk[start : nl + 1]
            if over:
                yield over + len(piece)
                over = 0
            elif len(buf) + len(piece) > limit:
                yield len(buf) + len(piece)
                buf = b""
            else:
                yield buf + piece
                buf = b""
            start = nl + 1
    if over:
        yield over
    elif buf:
        yield buf


def _long_line(text: str, limit: int) -> int | None:
    """The 1-based number of the first line of ``text`` longer than ``limit`` bytes of UTF-8, or None.

    >>> _long_line("short\\n" + "x" * 20 + "\\nok", 10), _long_line("a\\nb", 10)
    (2, None)
    """
    if len(text) <= limit // 4 and len(text.encode("utf-8", "surrogatepass")) <= limit:
        return None
    for n, line in enumerate(text.splitlines(), start=1):
        if len(line) > limit // 4 and len(line.encode("utf-8", "surrogatepass")) > limit:
            return n
    return None


def _parse_int(digits: str) -> str:
    # Keep integers as written: an id of 5,000 digits is an id, not a number to convert
    # (int() refuses more than 4,300 digits).
    return digits


def _read_jsonl(f: _Reader, where: str, stem: str, limits: Limits) -> Iterator[Document | InputError]:
    n = 0
    content = False
    try:
        for n, line in enumerate(_lines(_chunks(f, limits), limits.max_document_bytes), start=1):
            if isinstance(line, int):
                content = True
                yield InputError(f"line is {_mb(line)}, over the {_mb(limits.max_document_bytes)} document limit; "
                                 "line skipped (raise it with --max-document-mb)", path=where, line=n)
                continue
            if n == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            try:
                text_line = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                content = True
                yield InputError(f"invalid UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1}); line skipped",
                                 path=where, line=n)
                continue
            if not text_line.strip():
                continue
            content = True
            yield _json_document(text_line, where, stem, n, limits)
    except (zlib.error, EOFError):
        yield InputError("truncated or corrupt gzip data; the rest of the file is skipped", path=where, line=n + 1)
        return
    except _TooBig as exc:
        yield InputError(f"{exc}", path=where, line=n + 1)
        return
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path=where)
        return
    if not content:
        yield InputWarning("empty file: no JSON lines", path=where)


def _json_document(line: str, where: str, stem: str, n: int, limits: Limits) -> Document | InputError:
    if not line.lstrip().startswith("{"):  # also spares the parser a 100,000-deep array
        return InputError("a JSON line must be an object with 'id' and 'text', 'html' or 'markdown'; line skipped", path=where, line=n)
    try:
        obj = json.loads(line, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        return InputError(f"malformed JSON ({exc.msg} at column {exc.colno}); line skipped", path=where, line=n)
    except RecursionError:
        return InputError("JSON nested too deeply; line skipped", path=where, line=n)
    except ValueError as exc:
        return InputError(f"unreadable JSON ({exc}); line skipped", path=where, line=n)
    if not isinstance(obj, dict):
        return InputError("a JSON line must be an object with 'id' and 'text', 'html' or 'markdown'; line skipped", path=where, line=n)
    text, html, markdown = obj.get("text"), obj.get("html"), obj.get("markdown")
    markup = "text"
    if not isinstance(text, str) and not isinstance(html, str) and isinstance(markdown, str):
        text, markup = markdown, "markdown"
    if not isinstance(text, str) and not isinstance(html, str):
        return InputError("JSON object has no string 'text', 'html' or 'markdown' field; line skipped", path=where, line=n)
    raw_id = obj.get("id")
    if raw_id is not None and not isinstance(raw_id, (str, int, float)):
        return InputError(f"'id' must be a string or a number, not {type(raw_id).__name__}; line skipped", path=where, line=n)
    doc_id = str(raw_id) if raw_id is not None else f"{stem}:{n}"
    domain = obj.get("domain")
    if domain is not None and not isinstance(domain, str):
        return InputError(f"'domain' must be a string, not {type(domain).__name__}; line skipped", path=where, line=n)
    # The record's domain (for glossary entries' domain conditions) is the document's metadata.
    meta = {0: {"domain": domain}} if domain else {}
    if isinstance(html, str) and not isinstance(text, str):
        return Document(id=doc_id, source=f"{where}:{n}", html=html, metadata=meta)
    assert isinstance(text, str)
    long = _long_line(text, limits.max_line_bytes)
    if long is not None:
        return InputError(f"line {long} of its text is over the {_mb(limits.max_line_bytes)} line limit; "
                          "document skipped (raise it with --max-line-mb)", path=where, line=n)
    return Document(id=doc_id, source=f"{where}:{n}", raw=text, markup=markup, metadata=meta)


def _read_one(f: _Reader, where: str, stem: str, html_name: bool, limits: Limits,
              markdown_name: bool = False) -> Iterator[Document | InputError]:
    """A text or HTML input: one document."""
    try:
        data = _bounded(_chunks(f, limits), limits.max_document_bytes)
    except _TooBig as exc:
        yield InputError(str(exc), path=where)
        return
    except (zlib.error, EOFError):
        yield InputError("truncated or corrupt gzip file", path=where)
        return
    if not data.strip():
        yield InputWarning("empty file: read as an empty document", path=where)
        yield Document(id=stem, source=where, raw="")
        return
    try:
        text, _enc = decode_bytes(data, where)
    except InputError as exc:
        yield exc
        return
    if html_name or _looks_html(text):
        yield Document(id=stem, source=where, html=text)
        return
    long = _long_line(text, limits.max_line_bytes)
    if long is not None:
        yield InputError(f"line {long} is over the {_mb(limits.max_line_bytes)} line limit; "
                         "skipped (raise it with --max-line-mb)", path=where)
        return
    yield Document(id=stem, source=where, raw=text, markup="markdown" if markdown_name else "text")


def read_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | InputError]:
    """The documents in one file (one, or one per JSON line)."""
    where = str(path)
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path=where)
        return
    with f:
        suffix = _base_suffix(path)
        try:
            if suffix in JSONL_SUFFIXES:
                yield from _read_jsonl(f, where, _stem(path), limits)
            else:
                yield from _read_one(f, where, _stem(path), suffix in HTML_SUFFIXES, limits, suffix in MARKDOWN_SUFFIXES)
        except OSError as exc:
            yield InputError(f"cannot read: {exc.strerror or exc}", path=where)


def read_stdin(stream: BinaryIO | None = None, limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | InputError]:
    """Standard input (``-``): JSON lines when its first non-blank character is ``{``, else one
    text or HTML document with the id ``stdin``."""
    f = stream if stream is not None else sys.stdin.buffer
    where = "<stdin>"
    try:
        first = f.read(_CHUNK)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path=where)
        return
    head = first
    if first[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(first, 4096)
        except zlib.error:
            head = b""
    rest = _prepend_reader(first, f)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        yield from _read_jsonl(rest, where, "stdin", limits)
    else:
        yield from _read_one(rest, where, "stdin", False, limits)


class _prepend_reader:
    """A binary reader that gives ``first`` back before the rest of ``f`` (stdin cannot seek)."""

    def __init__(self, first: bytes, f: BinaryIO) -> None:
        self._first, self._f = first, f

    def read(self, n: int = -1) -> bytes:
        if self._first:
            out, self._first = self._first, b""
            return out
        return self._f.read(n)


_URL = recache.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(path: str | Path) -> bool:
    """Is ``path`` a URL for fsspec (``s3://``, ``gs://``, ``file://``, ...)?

    >>> is_url("s3://bucket/corpus/"), is_url("corpus/a.txt"), is_url("C:/data")
    (True, False, False)
    """
    return isinstance(path, str) and _URL.match(path) is not None


def read_url(url: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | InputError]:
    """Documents from a file or folder behind an fsspec URL (``s3://bucket/corpus/``); a folder
    is read recursively in sorted order, hidden files skipped, as a local folder is."""
    try:
        import fsspec  # type: ignore[import-untyped]
    except ImportError:
        yield InputError("reading a URL needs fsspec (pip install 'zh-mt-toolkit[dask]', plus s3fs or gcsfs "
                         "for S3 or Google Cloud Storage)", path=url)
        return
    try:
        fs, root = fsspec.core.url_to_fs(url)
        if not fs.exists(root):
            yield InputError("no such file or folder", path=url)
            return
        files = sorted(fs.find(root)) if fs.isdir(root) else [root]
    except Exception as exc:  # any file system's own error: one line, the run goes on
        yield InputError(f"cannot read: {type(exc).__name__}: {exc}", path=url)
        return
    if not files:
        yield InputError("no such file or folder", path=url)
    for name in files:
        rel = PurePosixPath(name)
        if any(part.startswith(".") for part in rel.parts[-1:]):
            continue
        where = fs.unstrip_protocol(name)
        try:
            f = fs.open(name, "rb")
        except Exception as exc:
            yield InputError(f"cannot read: {type(exc).__name__}: {exc}", path=where)
            continue
        with f:
            suffix = _base_suffix(rel)  # type: ignore[arg-type]
            try:
                if suffix in JSONL_SUFFIXES:
                    yield from _read_jsonl(f, where, _stem(rel), limits)  # type: ignore[arg-type]
                else:
                    yield from _read_one(f, where, _stem(rel), suffix in HTML_SUFFIXES, limits,  # type: ignore[arg-type]
                                         suffix in MARKDOWN_SUFFIXES)
            except OSError as exc:
                yield InputError(f"cannot read: {exc.strerror or exc}", path=where)


def read_documents(paths: Iterable[str | Path], exclude: Iterable[str | Path] = (),
                   limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | InputError]:
    """Stream documents (or errors) from files and folders (``-``: standard input); ``exclude``
    names files (and folders) to skip, such as the run's own outputs when they are written inside
    an input folder. An :class:`~toolkit.errors.InputWarning` (an empty file) comes before the
    document it is about."""
    exclude = list(exclude)
    for p in paths:
        if str(p) == STDIN:
            yield from read_stdin(limits=limits)
            continue
        if is_url(p):
            yield from read_url(str(p), limits)
            continue
        for item in iter_files([p], exclude):
            if isinstance(item, InputError):
                yield item
            else:
                yield from read_file(item, limits)
