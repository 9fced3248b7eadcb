"""One record (plus its original and its pairs) to the compact object the report's script renders.

The object keeps the record's own field names where it keeps a field at all; what
is added is:

- ``runs`` on the title, each paragraph, footnote and note: the final text cut
  into kept / inserted / deleted stretches with the edit and flags on each
  (:func:`toolkit.report.redline.runs`); ``text`` is dropped there (the runs hold it);
- ``rows``: the original, block by block in input order, ``[line, text, items]``
  where ``items`` says what became of the block (``["p", i]`` paragraph i,
  ``["r", i]`` removed record i, ``["f", i]`` footnote, ``["n", i]`` note,
  ``["t"]`` the title, ``["x"]`` nothing in this record). ``text`` is null when
  it equals what the record itself gives back (the removed text, or the
  paragraph with its edits undone), so the original is not stored twice;
- ``original``: ``"source"`` (read from the input), ``"reconstructed"`` (the
  input was gone: rows rebuilt from the record alone) with ``original_note``
  saying which file was read or why none was.
"""

from __future__ import annotations

from typing import Any

from .redline import runs, undo
from .sources import Block, Originals

#: Record fields the report drops (repeated elsewhere, or not for reading).
_DROP = ("text", "schema_version", "signature")


def _where(item: dict[str, Any]) -> tuple[str, int]:
    if item.get("paragraph") is not None:
        return "paragraphs", int(item["paragraph"])
    return str(item.get("field") or "paragraphs"), int(item.get("index") or 0)


def _norm(s: str) -> str:
    return " ".join(s.split())


def build(record: dict[str, Any], originals: Originals | None, pairs: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The report's object for ``record`` (see the module docstring)."""
    edits_at: dict[tuple[str, int], list[int]] = {}
    for k, e in enumerate(record.get("edits") or []):
        edits_at.setdefault(_where(e), []).append(k)
    flags_at: dict[tuple[str, int], list[int]] = {}
    for k, f in enumerate(record.get("flags") or []):
        flags_at.setdefault(_where(f), []).append(k)
    edits = record.get("edits") or []
    flags = record.get("flags") or []

    def with_runs(text: str, where: tuple[str, int]) -> tuple[list[Any], str]:
        """Runs with record-wide edit/flag numbers, and the text before the edits."""
        eidx = edits_at.get(where, [])
        fidx = flags_at.get(where, [])
        if not eidx and not fidx:
            return [text], text
        got = runs(text, [edits[i] for i in eidx], [flags[i] for i in fidx])
        if got is None:  # the edits do not fit the text: show it plain (the edit list still has them)
            return [text], text
        out: list[Any] = []
        for r in got:
            if isinstance(r, str):
                out.append(r)
            else:
                out.append([r[0], r[1], eidx[r[2]] if r[2] >= 0 else -1, [fidx[i] for i in r[3]]])
        before = "".join(r if isinstance(r, str) else r[0] for r in out if isinstance(r, str) or r[1] != "i")
        return out, before

    doc: dict[str, Any] = {k: v for k, v in record.items() if k not in _DROP and k not in ("paragraphs", "footnotes", "notes")}
    recon: dict[tuple[str, int], str] = {}
    title_runs, title_before = with_runs(str(record.get("title") or ""), ("title", 0))
    doc["title_runs"] = title_runs
    paras = []
    for i, p in enumerate(record.get("paragraphs") or []):
        r, before = with_runs(p["text"], ("paragraphs", i))
        recon[("p", i)] = before
        paras.append({k: v for k, v in p.items() if k not in ("text", "sentences", "runs")} | {"runs": r})
    doc["paragraphs"] = paras
    for field, tag in (("footnotes", "f"), ("notes", "n")):
        objs = []
        for i, x in enumerate(record.get(field) or []):
            r, before = with_runs(x["text"], (field, i))
            recon[(tag, i)] = (x.get("marker") or "") + before if tag == "f" else before
            objs.append({k: v for k, v in x.items() if k != "text"} | {"runs": r})
        doc[field] = objs
    for i, x in enumerate(record.get("removed") or []):
        recon[("r", i)] = x["text"]

    # Which blocks of the input this record accounts for, by line.
    at_line: dict[int, list[list[Any]]] = {}
    for (tag, i), _t in recon.items():
        src = record[{"p": "paragraphs", "f": "footnotes", "n": "notes", "r": "removed"}[tag]][i]
        where = src.get("line")
        if isinstance(where, int):
            at_line.setdefault(where, []).append([tag, i])
    order = {"r": 0, "p": 1, "f": 2, "n": 3}
    for found in at_line.values():
        found.sort(key=lambda it: (order[it[0]], it[1]))

    blocks: list[Block] | None = None
    note = "no input was given to the report"
    if originals is not None:
        blocks, note = originals.blocks(str(record.get("source") or ""))
    title = _norm(title_before) if title_before else ""
    rows: list[list[Any]] = []
    if blocks is None:
        doc["original"] = "reconstructed"
        if title:
            rows.append([None, None, [["t"]]])
        for line in sorted(at_line):
            rows.append([line, None, at_line[line]])
    else:
        doc["original"] = "source"
        meta = [(k, _norm(str(v))) for k, vs in (record.get("metadata") or {}).items() if k != "title"
                for v in (vs if isinstance(vs, list) else [vs]) if v]
        lines = sorted(at_line)
        lo, hi = (lines[0], lines[-1]) if lines else (0, 0)
        if "#" in str(record.get("id")) and lines:
            # One article of several: its own stretch of the input, and the title or
            # heading lines just before it (they carry no line of their own).
            preceding = [b for b in blocks if b[0] < lo][-3:]
            for b in reversed(preceding):
                if b[0] in at_line or _unaccounted(_norm(b[1]), title, None, recon, meta)[0] not in ("t", "m"):
                    break
                lo = b[0]
            shown = [b for b in blocks if lo <= b[0] <= hi]
        else:
            shown = blocks
        seen: set[int] = set()
        last_p: int | None = None
        for line, text in shown:
            items = at_line.get(line)
            if items is None or line in seen:
                rows.append([line, text, [_unaccounted(_norm(text), title, last_p, recon, meta)]])
                continue
            seen.add(line)
            ps = [it[1] for it in items if it[0] == "p"]
            last_p = ps[-1] if ps else None
            rebuilt = recon[(items[0][0], items[0][1])]
            rows.append([line, None if rebuilt == text or _norm(rebuilt) == _norm(text) else text, items])
        for line in sorted(set(at_line) - seen):  # lines the input no longer has
            rows.append([line, None, at_line[line]])
    doc["rows"] = rows
    doc["original_note"] = note
    if pairs:
        doc["pairs"] = [[p.get("zh", ""), p.get("en", ""), p.get("beads", ""), p.get("score"), p.get("origin", ""),
                         [f.get("kind", "") if isinstance(f, dict) else str(f) for f in p.get("flags") or []]]
                        for p in pairs]
    return doc


def _unaccounted(text: str, title: str, last_p: int | None, recon: dict[tuple[str, int], str],
                 meta: list[tuple[str, str]]) -> list[Any]:
    """What became of an input block no record field names by line: title, joined, metadata, or nothing."""
    if title and text == title:
        return ["t"]
    if last_p is not None and text and text in _norm(recon[("p", last_p)]):
        return ["j", last_p]
    for key, value in meta:
        if len(value) >= 4 and value in text:
            return ["m", key]
    return ["x"]


__all__ = ["build", "undo"]
