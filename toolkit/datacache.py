"""Data-only caches of tables that are slow to build from a dependency's own files.

A table is stored as plain text (never pickle) in :func:`toolkit.recache.cache_dir`, under a name
that carries a digest of what it was built from: the source files' names, sizes and modification
times, plus the caller's own format version. A changed dependency therefore builds a new file, and
a stale one is never read. Files are written atomically (a temporary file, then a rename), so a
killed run leaves either the old file or the new one; an unwritable cache folder costs speed, not
correctness.

>>> import os, tempfile
>>> os.environ["TOOLKIT_CACHE"] = tempfile.mkdtemp()
>>> calls = []
>>> def build() -> str:
...     calls.append(1)
...     return "a\\tb\\n"
>>> p = path_for("demo", "key-1")
>>> cached_text(p, build), cached_text(p, build), len(calls)
('a\\tb\\n', 'a\\tb\\n', 1)
>>> del os.environ["TOOLKIT_CACHE"]
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Callable
from pathlib import Path


def source_key(package: str, *names: str) -> str | None:
    """A key for tables built from files shipped in ``package``: each named file's (or, for a
    folder, each file in it) name, size and modification time, read without importing the package.
    None when the package or a file is missing (then nothing is cached)."""
    try:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.origin:
            return None
        root = Path(spec.origin).parent
        parts = []
        for name in names:
            p = root / name
            files = sorted(p.iterdir()) if p.is_dir() else [p]
            parts += [(f.relative_to(root).as_posix(), f.stat().st_size, int(f.stat().st_mtime)) for f in files]
        return repr((package, parts))
    except (OSError, ValueError, ImportError):
        return None


def path_for(name: str, key: str | None) -> Path | None:
    """Where the table ``name`` built under ``key`` is cached (None: ``key`` is None, no cache)."""
    if key is None:
        return None
    from .recache import cache_dir

    return cache_dir() / f"{name}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:20]}.tsv"


def read(path: Path | None) -> bytes | None:
    """The cached bytes at ``path``, or None when there is none or it cannot be read."""
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def write(path: Path | None, text: str) -> None:
    """Store ``text`` at ``path`` atomically; a failure to write is ignored (no cache, same result)."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def cached_bytes(path: Path | None, build: Callable[[], str]) -> bytes:
    """The UTF-8 bytes at ``path`` if cached, else ``build()``'s text, stored there for the next run
    (bytes, so that a caller can decode only the part it reads)."""
    data = read(path)
    if data is None:
        text = build()
        write(path, text)
        data = text.encode("utf-8")
    return data


def cached_text(path: Path | None, build: Callable[[], str]) -> str:
    """:func:`cached_bytes`, decoded; a file that is not UTF-8 is built again."""
    try:
        return cached_bytes(path, build).decode("utf-8")
    except UnicodeDecodeError:
        text = build()
        write(path, text)
        return text
