"""TSV and CSV term tables: read with their line numbers, written without losing quotes.

CSV follows RFC 4180 through the :mod:`csv` module (``strict``: a stray quote is an
error naming the line). TSV is the IANA form, where quotes are ordinary
characters (``"Made in China" 2025`` stays as written); a field that is wholly
quoted Excel-style, with its inner quotes doubled, is unquoted. Either may start
with a byte-order mark (Excel's "CSV UTF-8") or be UTF-16 with a BOM (Excel's
"Unicode text"); anything else must be UTF-8, and a byte that is not is an error
naming its line.

Columns are found by header name (``zh``/``en`` or common synonyms such as
``source``/``target``, ``Chinese``/``English``); a file without a header whose
first row is a Chinese term then an English one is read as ``zh, en``. Lists
(``accept``, ``variants``, ``sources``) are joined with ``|``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ..chars import HAN_RE
from ..errors import GlossaryError

COLUMNS = ("zh", "en", "accept", "kind", "action", "variants", "note", "sources")
LIST_COLUMNS = ("accept", "variants", "sources")
_SYNONYMS = {
    "zh": ("zh", "zh-cn", "zh_cn", "zh-hans", "zho", "chi", "chinese", "source", "src", "term_zh", "source term", "中文"),
    "en": ("en", "en-us", "en_us", "en-gb", "eng", "english", "target", "tgt", "term_en", "target term", "英文"),
    "accept": ("accept", "accepted", "synonyms", "alternatives"),
    "variants": ("variants", "deprecated", "wrong"),
    "kind": ("kind",),
    "action": ("action",),
    "note": ("note", "notes", "definition", "comment"),
    "sources": ("sources", "source_ref"),
}


def decode(data: bytes, path: str) -> str:
    """Text of a table file; a byte that is not UTF-8 raises :class:`GlossaryError` with its line.

    >>> decode(b"\\xef\\xbb\\xbfzh,en\\n", "t.csv")
    'zh,en\\n'
    >>> decode(b"zh,en\\n\\xc4\\xe3,you\\n", "t.csv")
    Traceback (most recent call last):
    ...
    toolkit.errors.GlossaryError: t.csv:2: not UTF-8 (byte 0xc4 at column 1): save the file as UTF-8 (Excel: "CSV UTF-8")
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise GlossaryError(f"bad UTF-16 at byte {exc.start}", path=path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        col = start - (data.rfind(b"\n", 0, start) + 1) + 1
        raise GlossaryError(f"not UTF-8 (byte 0x{data[start]:02x} at column {col}): save the file as UTF-8 "
                            '(Excel: "CSV UTF-8")', path=path, line=line) from None


def _unquote_tsv(field: str) -> str:
    """Excel-style quoting, only when the whole field is quoted and inner quotes are doubled.

    >>> _unquote_tsv('"Made in China" 2025'), _unquote_tsv('"say ""hi"" now"'), _unquote_tsv('"a"b"')
    ('"Made in China" 2025', 'say "hi" now', '"a"b"')
    """
    if len(field) >= 2 and field[0] == '"' and field[-1] == '"':
        inner = field[1:-1]
        if inner.replace('""', "").count('"') == 0:
            return inner.replace('""', '"')
    return field


def _quote_tsv(field: str) -> str:
    if "\t" in field or "\n" in field or "\r" in field or field.startswith('"'):
        return '"' + field.replace('"', '""') + '"'
    return field


def _records(text: str, delimiter: str, path: str) -> list[tuple[int, list[str]]]:
    if delimiter == "\t":
        out = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                out.append((n, [_unquote_tsv(f) for f in line.split("\t")]))
        return out
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    out = []
    try:
        start = 1
        for rec in reader:
            if any(f.strip() for f in rec):
                out.append((start, rec))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise GlossaryError(f"malformed CSV: {exc}", path=path, line=reader.line_num or 1) from None
    return out


def _header(rec: list[str]) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for i, name in enumerate(rec):
        n = name.strip().lower()
        for col, names in _SYNONYMS.items():
            if n in names and col not in cols:
                cols[col] = i
    return cols if "zh" in cols and "en" in cols else None


def read_table(path: Path, delimiter: str) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, str]]]:
    """``(rows, problems)``: ``(line, entry dict)`` per usable row, ``(line, message)`` per skipped one."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror}", path=str(path)) from None
    records = _records(decode(data, str(path)), delimiter, str(path))
    if not records:
        raise GlossaryError("no rows: the file is empty", path=str(path))
    problems: list[tuple[int, str]] = []
    first_line, first = records[0]
    cols = _header(first)
    if cols is None:
        if len(first) >= 2 and HAN_RE.search(first[0]) and not HAN_RE.search(first[1]):
            cols = {"zh": 0, "en": 1}
            problems.append((first_line, "no header row: reading the columns as zh, en"))
        else:
            raise GlossaryError(
                f"no 'zh' and 'en' columns in the header {first!r}: name them zh and en (or source and target)",
                path=str(path), line=first_line)
    else:
        records = records[1:]
        known = set(cols.values())
        for i, name in enumerate(first):
            if i not in known and name.strip():
                problems.append((first_line, f"column {name!r} is not a glossary field; ignored"))
    width = len(first)
    rows: list[tuple[int, dict[str, Any]]] = []
    for line, rec in records:
        if len(rec) > width and any(f.strip() for f in rec[width:]):
            problems.append((line, f"{len(rec)} fields where the header has {width} (a stray delimiter?); skipped"))
            continue
        get = {c: (rec[i].strip() if i < len(rec) else "") for c, i in cols.items()}
        if not get["zh"] or not get["en"]:
            problems.append((line, f"no {'zh' if not get['zh'] else 'en'} term; skipped"))
            continue
        row: dict[str, Any] = {"zh": get["zh"], "en": get["en"]}
        for c in COLUMNS[2:]:
            v = get.get(c, "")
            if not v or (c == "kind" and v == "term") or (c == "action" and v == "replace"):
                continue
            row[c] = [x.strip() for x in v.split("|") if x.strip()] if c in LIST_COLUMNS else v
        rows.append((line, row))
    return rows, problems


def write_table(entries: list[Any], delimiter: str) -> tuple[str, dict[str, int]]:
    """The table text and, per field a table cannot hold, how many entries lose it."""
    lost: dict[str, int] = {}
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\n") if delimiter != "\t" else None
    rows = [list(COLUMNS)]
    for e in entries:
        d = e.to_dict()
        rows.append([
            e.zh, e.en, "|".join(e.accept), e.kind, e.action, "|".join(v.text for v in e.variants), e.note,
            "|".join(e.sources),
        ])
        for field, gone in (("before/after context", any(isinstance(v, dict) for v in d.get("variants", []))),
                            ("when/unless conditions", "when" in d or "unless" in d),
                            ("examples", "examples" in d), ("case_sensitive", bool(e.case_sensitive)),
                            ("'|' inside a list item", any("|" in x for x in [*e.accept, *e.sources,
                                                                               *(v.text for v in e.variants)]))):
            if gone:
                lost[field] = lost.get(field, 0) + 1
    if w is not None:
        w.writerows(rows)
    else:
        for r in rows:
            out.write("\t".join(_quote_tsv(f) for f in r) + "\n")
    return out.getvalue(), lost
