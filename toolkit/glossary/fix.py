"""``toolkit glossary lint --fix``: the mechanical repairs, written back without losing comments.

What it changes: whitespace in ``zh``/``en``/``accept``/``variants``/``examples``
(leading and trailing spaces removed, runs of spaces made one), repeated
accepted forms and variants removed, and ``accept`` and ``variants`` lists sorted
(case-insensitively; the order of these lists means nothing to matching). The
file is read and written with ruamel.yaml's round-trip mode, so comments, key
order and quoting stay; nothing else is touched, and a file with no such problem
is not rewritten.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
from .entry import norm_key

_SPACES = re.compile(r"[ \t\u00a0\u3000]{2,}")


def _norm(s: str) -> str:
    """
    >>> _norm("  new   quality productivity ")
    'new quality productivity'
    """
    return _SPACES.sub(" ", s.strip())


def _text_of(item: Any) -> str:
    return str(item.get("text", "")) if hasattr(item, "get") else str(item)


def _fix_list(seq: Any, changes: list[str], where: str, cs: bool = False) -> None:
    if not isinstance(seq, list):
        return
    for i, item in enumerate(seq):
        if isinstance(item, str) and _norm(item) != item:
            seq[i] = _norm(item)
            changes.append(f"{where}: whitespace in {item!r}")
        elif hasattr(item, "get") and isinstance(item.get("text"), str) and _norm(item["text"]) != item["text"]:
            changes.append(f"{where}: whitespace in {item['text']!r}")
            item["text"] = _norm(item["text"])
    seen: set[tuple[str, str, str]] = set()
    keep = []
    for item in seq:
        exact = cs or (hasattr(item, "get") and item.get("case_sensitive") is True)
        k = (_text_of(item) if exact else norm_key(_text_of(item)), str(item.get("before", "")) if hasattr(item, "get") else "",
             str(item.get("after", "")) if hasattr(item, "get") else "")
        if k in seen:
            changes.append(f"{where}: repeated {_text_of(item)!r} removed")
            continue
        seen.add(k)
        keep.append(item)
    order = sorted(keep, key=lambda x: _text_of(x).lower())
    if [id(x) for x in order] != [id(x) for x in seq]:
        if len(keep) == len(seq):
            changes.append(f"{where}: sorted")
        seq[:] = order


def fix_file(path: Path, write: bool = True) -> list[str]:
    """Fix ``path`` in place; the changes made (empty when there was nothing to fix)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    text = path.read_text(encoding="utf-8")
    try:
        doc = y.load(text)
    except YAMLError as exc:
        raise GlossaryError(f"cannot --fix: {str(exc).splitlines()[0]}", path=str(path)) from None
    changes: list[str] = []
    entries = doc.get("entries") if hasattr(doc, "get") else None
    for e in entries or []:
        if not hasattr(e, "get"):
            continue
        line = e.lc.line + 1 if hasattr(e, "lc") else 0
        where = f"{path}:{line}"
        for k in ("zh", "en", "note"):
            v = e.get(k)
            if isinstance(v, str) and (_norm(v) != v if k != "note" else v != v.strip()):
                e[k] = _norm(v) if k != "note" else v.strip()
                changes.append(f"{where}: whitespace in {k} {v!r}")
        for k in ("accept", "variants"):
            _fix_list(e.get(k), changes, where, e.get("case_sensitive") is True)
    if changes and write:
        buf = io.StringIO()
        y.dump(doc, buf)
        from .importer import atomic_write

        atomic_write(path, buf.getvalue())
    return changes
