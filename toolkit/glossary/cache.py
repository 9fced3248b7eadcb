"""The compiled-glossary cache: JSON, data only.

Issue: a pickle under a predictable name in the cache folder ran code on the next
``toolkit clean``. A cache file here is plain JSON, read with :func:`json.loads`
and rebuilt into entries field by field; a file whose ``format`` or ``digest``
(the SHA-256 of the glossary files it was built from) does not match, or whose
content is not what :func:`write_cache` writes, is ignored and rebuilt. The
worst a planted file can do is describe entries, and those go through the same
regex compilation (``regex`` with a timeout) as entries read from YAML.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .entry import Condition, Entry, Example, Variant

CACHE_FORMAT = 2
_MAX_BYTES = 512 * 1024 * 1024


def _entry_json(e: Entry) -> dict[str, Any]:
    return {
        "zh": e.zh, "en": e.en, "file": e.file, "line": e.line, "kind": e.kind, "action": e.action,
        "note": e.note, "sources": e.sources, "case_sensitive": e.case_sensitive, "accept": e.accept,
        "variants": [[v.text, v.before, v.after, v.case_sensitive, v.line, v.col] for v in e.variants],
        "when": e.when.to_dict() if e.when is not None else None,
        "unless": e.unless.to_dict() if e.unless is not None else None,
        "examples": [[x.text, x.expect, x.line] for x in e.examples],
    }


def _str(x: Any) -> str:
    if not isinstance(x, str):
        raise ValueError("not a string")
    return x


def _opt(x: Any) -> str | None:
    return None if x is None else _str(x)


def _strs(x: Any) -> list[str]:
    if type(x) is not list or not all(type(i) is str for i in x):
        raise ValueError("not a list of strings")
    return x


def _int(x: Any) -> int:
    if not isinstance(x, int) or isinstance(x, bool):
        raise ValueError("not an int")
    return x


def _cond(x: Any) -> Condition | None:
    if x is None:
        return None
    if not isinstance(x, dict) or set(x) - {"near", "domain"}:
        raise ValueError("bad condition")
    return Condition(_strs(x.get("near", [])), _strs(x.get("domain", [])))


def _entry(d: Any, compile_context: Any) -> Entry:
    variants = []
    for text, before, after, cs, line, col in d["variants"]:
        var = Variant(_str(text), _opt(before), _opt(after), cs is True, _int(line), _int(col))
        if before:
            var.before_re = compile_context(before)
        if after:
            var.after_re = compile_context(after)
        variants.append(var)
    zh, en, file, kind, action, note = d["zh"], d["en"], d["file"], d["kind"], d["action"], d["note"]
    if not all(type(x) is str for x in (zh, en, file, kind, action, note)):
        raise ValueError("not a string")
    return Entry(
        zh, en, file, _int(d["line"]), kind, action, variants, note, _strs(d["sources"]), d["case_sensitive"] is True,
        _strs(d["accept"]), _cond(d["when"]), _cond(d["unless"]),
        [Example(_str(t), _opt(x), _int(n)) for t, x, n in d["examples"]],
    )


def read_cache(path: Path, digest: str) -> list[Entry] | None:
    """Entries from ``path`` if it is a valid cache of ``digest``; else None (the caller rebuilds)."""
    try:
        if not path.is_file() or path.stat().st_size > _MAX_BYTES:
            return None
        data = json.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("digest") != digest:
            return None
        from .safe_regex import compile_context

        return [_entry(d, compile_context) for d in data["entries"]]
    except Exception:  # anything unexpected in a cache file means: not ours, rebuild
        return None


def write_cache(path: Path, digest: str, entries: list[Entry]) -> None:
    """Write atomically (a fresh temp file, O_EXCL, then rename); a cache that cannot be written is skipped."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"format": CACHE_FORMAT, "digest": digest, "entries": [_entry_json(e) for e in entries]},
                          fh, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, TypeError, ValueError):
        pass
