"""Compiled regular expressions cached on disk, so a process starts without recompiling them.

Python's :mod:`re` compiles a pattern in Python code (parse, then optimise, then emit the
engine's code); the toolkit's ~200 patterns, many with large Han character classes, cost about
0.2 s at every start. :func:`compile` returns the same :class:`re.Pattern` as
:func:`re.compile` but keeps the emitted engine code in a data-only JSON file (the code words of each
pattern in base64, never pickle or marshal) under the cache folder, keyed by the interpreter
version and the engine's ``MAGIC``; the next process rebuilds each pattern from it with
``_sre.compile``. Its validator is no safeguard on its own: it rejects much bad code
(``RuntimeError``, after which the pattern is compiled the normal way) but one changed code word can
still crash the interpreter or change what a pattern matches. So the file starts with the SHA-256
of the rest (a damaged or edited file is ignored whole), and is read only when this user owns it
and nobody else may write to it. A pattern not in the file is compiled normally and
the file is rewritten once at exit (temp file, then rename). ``TOOLKIT_NO_REGEX_CACHE=1``, an
interpreter without ``_sre.compile``'s known signature, or an unwritable cache folder all fall
back to :func:`re.compile`.

>>> pat = compile(r"(?P<n>\\d+)年")
>>> pat.search("2024年").group("n"), pat.pattern == re.compile(r"(?P<n>\\d+)年").pattern
('2024', True)
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import json
import os
import re
import sys
import tempfile
from array import array
from pathlib import Path
from typing import Any

try:  # CPython's engine; its parser and code generator (sre_parse/sre_compile before Python 3.11)
    import _sre

    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_compile as _compiler  # type: ignore[no-redef]
        import sre_parse as _parser  # type: ignore[no-redef]
except ImportError:  # pragma: no cover - another interpreter: no cache
    _sre = None  # type: ignore[assignment]
#: The array type code whose items are the size of the engine's code words.
_WORD = next((t for t in "IL" if _sre is not None and array(t).itemsize == _sre.CODESIZE), "")

FORMAT = 3
#: Past this many patterns the file keeps only those the writing process used (patterns built
#: from user rule packs or glossaries change; the file must not grow without bound).
LIMIT = 2000
_Key = tuple[str, int]
_table: dict[_Key, list[Any]] | None = None
_new: dict[_Key, list[Any]] = {}
_used: set[_Key] = set()
_saving = False


def cache_dir() -> Path:
    """The toolkit's cache folder: ``$TOOLKIT_CACHE``, else ``$XDG_CACHE_HOME/toolkit``, else
    ``~/.cache/toolkit``."""
    base = os.environ.get("TOOLKIT_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "toolkit")
    return Path(base)


def _enabled() -> bool:
    return bool(_WORD) and not os.environ.get("TOOLKIT_NO_REGEX_CACHE")


def _path() -> Path:
    v = sys.version_info
    return cache_dir() / f"regex-v{FORMAT}-py{v[0]}{v[1]}{v[2]}-{_sre.MAGIC}-{_sre.CODESIZE}.json"


def _load() -> dict[_Key, list[Any]]:
    global _table
    if _table is None:
        _table = {}
        try:
            with open(_path(), "rb") as fh:
                if not _trusted(os.fstat(fh.fileno())):
                    return _table
                digest, _, body = fh.read().partition(b"\n")
            if digest != hashlib.sha256(body).hexdigest().encode("ascii"):
                return _table  # damaged or edited since it was written: compile afresh
            for pattern, flags, parts in json.loads(body):
                _table[(pattern, flags)] = parts
        except (OSError, ValueError, TypeError):
            pass  # no cache yet, or an unreadable one: compile and write a new one
    return _table


def _trusted(st: os.stat_result) -> bool:
    """Whether a cache file may be used: this user's, and writable by nobody else (engine code from
    it runs without a complete check)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or (st.st_uid == getuid() and not st.st_mode & 0o022)


def _build(pattern: str, parts: list[Any]) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = parts
    words = array(_WORD, base64.b64decode(code)).tolist()
    return _sre.compile(pattern, flags, words, groups, groupindex, tuple(indexgroup))  # type: ignore[no-any-return]


def _emit(pattern: str, flags: int) -> list[Any]:
    """What ``re._compiler.compile`` passes to the engine, as plain JSON data."""
    p = _parser.parse(pattern, flags)
    code = base64.b64encode(array(_WORD, _compiler._code(p, flags)).tobytes()).decode("ascii")
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, i in p.state.groupdict.items():
        indexgroup[i] = name
    return [int(flags | p.state.flags), code, p.state.groups - 1, dict(p.state.groupdict), indexgroup]


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:  # noqa: A001 - mirrors re.compile
    """:func:`re.compile`, with the engine code kept in the on-disk cache."""
    if not isinstance(pattern, str) or not _enabled():
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    _used.add(key)
    parts = _load().get(key)
    if parts is not None:
        try:
            return _build(pattern, parts)
        except (RuntimeError, TypeError, ValueError, OverflowError):
            pass  # code from another engine or a damaged file: compile it again
    try:
        parts = _emit(pattern, int(flags))
        compiled = _build(pattern, parts)
    except re.error:
        raise
    except Exception:  # pragma: no cover - an engine whose private API changed: no cache
        return re.compile(pattern, flags)
    _table_add(key, parts)
    return compiled


def _table_add(key: _Key, parts: list[Any]) -> None:
    global _saving
    _load()[key] = parts
    _new[key] = parts
    if not _saving:
        _saving = True
        atexit.register(save)


def save() -> None:
    """Write the cache if this process compiled a pattern it did not have (atomic; errors ignored:
    the cache only saves time)."""
    if not _new or _table is None:
        return
    path = _path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        items = list(_table.items())  # a snapshot: another thread may still be compiling
        if len(items) > LIMIT:
            items = [(k, v) for k, v in items if k in _used]
        rows = [[p, f, parts] for (p, f), parts in items]
        fd, tmp = tempfile.mkstemp(prefix=".regex-", dir=path.parent)
        try:
            # ASCII escapes: a pattern may hold a lone surrogate ("[\ud800-\udbff]" built from
            # characters), which UTF-8 cannot write; with it, no pattern of the process was saved.
            body = json.dumps(rows, separators=(",", ":")).encode("ascii")
            with os.fdopen(fd, "wb") as fh:
                fh.write(hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        _new.clear()
    except (OSError, ValueError):
        pass
