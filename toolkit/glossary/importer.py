"""``toolkit glossary import``: TBX, TSV or CSV into glossary YAML that always lints clean.

Rows with the same ``zh`` (and no context) become one entry: the first English is
preferred, the others accepted forms (a term base lists synonyms; they are not
errors). The YAML is linted before it is written; an entry lint rejects is left
out and reported with the line of the input it came from, so the file written
never fails ``toolkit glossary lint``. ``merge`` adds new entries to an existing
file (comments and layout kept, via ruamel.yaml), reports the entries that
disagree with it and never changes an existing one. Files are written to a
temporary file in the same folder, then renamed.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import yamlio
from ..errors import GlossaryError
from .entry import norm_key
from .loader import Issue, load_files

_NOISE = ("W104",)  # entries fresh from a term base have no examples yet: said once, not per entry


@dataclass(slots=True)
class ImportResult:
    written: int = 0
    problems: list[str] = field(default_factory=list)  # "SRC:LINE: message"
    skipped: int = 0
    conflicts: int = 0
    text: str = ""


def read_rows(src: Path, fmt: str | None = None) -> tuple[list[tuple[int, dict[str, Any]]], dict[str, Any], list[tuple[int, str]]]:
    """Rows, header fields and problems of a TBX, TSV or CSV file."""
    kind = (fmt or src.suffix.lower().lstrip(".")).lower()
    if kind == "tbx" or kind == "xml":
        from .tbx import from_tbx

        return from_tbx(src)
    if kind in ("tsv", "tab", "txt", "csv"):
        from .table import read_table

        rows, problems = read_table(src, "\t" if kind != "csv" else ",")
        return rows, {}, problems
    raise GlossaryError(f"cannot import {src.suffix or 'a file without extension'}: import reads .tbx, .tsv or .csv "
                        "(or give --format)", path=str(src))


def group(rows: list[tuple[int, dict[str, Any]]], src: str, problems: list[str]) -> list[tuple[int, dict[str, Any]]]:
    """One entry per ``zh``: later renderings become accepted forms, later variants are added."""
    out: dict[str, tuple[int, dict[str, Any]]] = {}
    order: list[str] = []
    for line, row in rows:
        key = row["zh"] if not (row.get("when") or row.get("unless")) else f"{row['zh']}\0{line}"
        if key not in out:
            out[key] = (line, row)
            order.append(key)
            continue
        first_line, first = out[key]
        forms = [first["en"], *first.get("accept", [])]
        new = [f for f in [row["en"], *row.get("accept", [])] if norm_key(f) not in map(norm_key, forms)]
        if new:
            first.setdefault("accept", []).extend(new)
            problems.append(f"{src}:{line}: zh {row['zh']!r} again (first at line {first_line}): "
                            f"{', '.join(map(repr, new))} added as accepted form(s) of {first['en']!r}")
        for v in row.get("variants", []):
            if v not in first.setdefault("variants", []):
                first["variants"].append(v)
    return [out[k] for k in order]


def _yaml_text(header: dict[str, Any], entries: list[dict[str, Any]]) -> str:
    from ruamel.yaml import YAML

    y = YAML()
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    buf = io.StringIO()
    doc: dict[str, Any] = {"pair": "zh-en"}
    for k in ("domain", "description"):
        if header.get(k):
            doc[k] = header[k]
    doc["entries"] = entries
    y.dump(doc, buf)
    return buf.getvalue()


def _entry_lines(text: str) -> list[int]:
    doc = yamlio.load(text, "<import>")
    items = doc.get("entries") if isinstance(doc, dict) else None
    return [p[0] for p in items.item_pos] if isinstance(items, yamlio.LList) else []


def _lint(text: str, name: str, extra: list[tuple[str, str, bytes]] | None = None) -> list[Issue]:
    blobs = [*(extra or []), (os.path.dirname(name) or ".", name, text.encode("utf-8"))]
    _, issues = load_files(blobs)
    return [i for i in issues if i.path == name]


def lint_and_drop(header: dict[str, Any], rows: list[tuple[int, dict[str, Any]]], src: str, name: str,
                  prefix: list[dict[str, Any]] | None = None,
                  extra: list[tuple[str, str, bytes]] | None = None) -> tuple[str, list[tuple[int, dict[str, Any]]], list[str]]:
    """YAML text for ``prefix + rows`` with every row lint rejects dropped; messages name the input line."""
    prefix = prefix or []
    problems: list[str] = []
    for _ in range(10):
        text = _yaml_text(header, [*prefix, *(r for _, r in rows)])
        issues = [i for i in _lint(text, name, extra) if i.code not in _NOISE]
        starts = _entry_lines(text)
        bad: dict[int, Issue] = {}
        for i in issues:
            if i.severity != "error":
                continue
            idx = max((k for k, s in enumerate(starts) if s <= i.line), default=-1)
            if idx < len(prefix):
                continue  # an existing entry: never touched here
            bad.setdefault(idx - len(prefix), i)
        if not bad:
            for i in issues:
                idx = max((k for k, s in enumerate(starts) if s <= i.line), default=-1)
                if idx >= len(prefix):
                    problems.append(f"{src}:{rows[idx - len(prefix)][0]}: warning: {i.code} {i.message}")
            return text, rows, problems
        for k in sorted(bad, reverse=True):
            line, row = rows[k]
            problems.append(f"{src}:{line}: skipped {row['zh']!r}: {bad[k].code} {bad[k].message}")
            del rows[k]
    raise GlossaryError("import could not produce a clean glossary; please report this", path=src)


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a fresh temporary file in the same folder (O_EXCL), then rename."""
    import tempfile

    folder = path.parent
    if not folder.is_dir():
        raise GlossaryError(f"the folder {str(folder) or '.'!r} does not exist: create it first", path=str(path))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise GlossaryError(f"cannot write: {exc.strerror}", path=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise GlossaryError(f"cannot write: {exc.strerror}", path=str(path)) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def import_new(src: Path, out: Path, fmt: str | None = None) -> ImportResult:
    """Import ``src`` into a new file ``out`` (which must not exist)."""
    if out.exists():
        raise GlossaryError("exists; import never overwrites: use --merge to add to it, or remove it", path=str(out))
    if not out.parent.is_dir():
        raise GlossaryError(f"the folder {str(out.parent)!r} does not exist: create it first", path=str(out))
    rows, header, raw_problems = read_rows(src, fmt)
    res = ImportResult(problems=[f"{src}:{ln}: {m}" for ln, m in raw_problems])
    rows = group(rows, str(src), res.problems)
    if not rows:
        raise GlossaryError("no entries to import (every row was skipped)" if raw_problems else "no entries to import",
                            path=str(src))
    text, kept, problems = lint_and_drop(header, rows, str(src), str(out))
    res.problems += problems
    res.skipped = sum(1 for p in problems if " skipped " in p) + sum(1 for _, m in raw_problems if "skipped" in m)
    res.written = len(kept)
    if not kept:
        raise GlossaryError("no entry survived lint; nothing written", path=str(src))
    res.text = text
    atomic_write(out, text)
    return res


def import_merge(src: Path, into: Path, fmt: str | None = None) -> ImportResult:
    """Add the entries of ``src`` that ``into`` lacks; report the ones that disagree with it."""
    from ruamel.yaml import YAML

    if not into.is_file():
        raise GlossaryError("no such glossary to merge into", path=str(into))
    existing_text = into.read_text(encoding="utf-8")
    errors = [i for i in _lint(existing_text, str(into)) if i.severity == "error"]
    if errors:
        raise GlossaryError(f"has errors itself (first: {errors[0].format()}); fix them before merging", path=str(into))
    rows, header, raw_problems = read_rows(src, fmt)
    res = ImportResult(problems=[f"{src}:{ln}: {m}" for ln, m in raw_problems])
    rows = group(rows, str(src), res.problems)
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    doc = y.load(existing_text)
    current = {str(e["zh"]): e for e in doc.get("entries") or []}
    lines = dict(zip([str(e["zh"]) for e in doc.get("entries") or []], _entry_lines(existing_text)))
    new_rows = []
    for line, row in rows:
        old = current.get(row["zh"])
        if old is None:
            new_rows.append((line, row))
            continue
        old_forms = {norm_key(str(old["en"])), *(norm_key(str(a)) for a in old.get("accept") or [])}
        missing = [f for f in [row["en"], *row.get("accept", [])] if norm_key(f) not in old_forms]
        if missing:
            res.conflicts += 1
            res.problems.append(f"{src}:{line}: conflict: zh {row['zh']!r} is {str(old['en'])!r} in {into}:"
                                f"{lines.get(row['zh'], '?')}; {', '.join(map(repr, missing))} not merged "
                                "(add to its 'accept' by hand if right)")
    prefix = [dict(e) for e in doc.get("entries") or []]
    _, kept, problems = lint_and_drop(header, new_rows, str(src), str(into), prefix=prefix)
    res.problems += problems
    res.skipped = sum(1 for p in problems if " skipped " in p)
    entries = doc.get("entries")
    for _, row in kept:
        entries.append(row)
    buf = io.StringIO()
    y.dump(doc, buf)
    text = buf.getvalue()
    errors = [i for i in _lint(text, str(into)) if i.severity == "error"]
    if errors:  # cannot happen after lint_and_drop; never write a broken file if it does
        raise GlossaryError(f"merge would break the glossary ({errors[0].format()}); nothing written", path=str(into))
    res.written = len(kept)
    res.text = text
    atomic_write(into, text)
    return res
