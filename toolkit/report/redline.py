"""Replay a text's ``edits`` into runs a reviewer can read: kept, deleted and inserted stretches.

A record keeps each paragraph's final text and the edits that made it, each with
``start`` = its offset in the text *before that edit* (``docs/document-contract.md``).
Undoing the edits last-to-first gives the text the input had; replaying them
first-to-first over a list of runs tells, for every character of the final text,
which edit (if any) put it there, and keeps what each edit deleted at the place it
was deleted. Flags (offsets into the final text) are laid over the same runs.

A run is ``[text, kind, edit, flags]``: ``kind`` is ``"t"`` (kept from the input),
``"i"`` (inserted by edit number ``edit``) or ``"d"`` (deleted by edit number
``edit``; not part of the final text); ``flags`` lists the indices of the flags
covering the run. Plain kept text with no flag is sent as a bare string to keep
the embedded JSON small.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Run = list[Any]


def undo(final: str, edits: Sequence[dict[str, Any]]) -> str | None:
    """The text before ``edits``, or None when an edit does not sit where it claims.

    >>> undo("a b c", [{"start": 1, "before": "  ", "after": " "}, {"start": 3, "before": "  ", "after": " "}])
    'a  b  c'
    >>> undo("abc", [{"start": 0, "before": "x", "after": "z"}]) is None
    True
    """
    text = final
    for e in reversed(edits):
        s, before, after = int(e["start"]), str(e["before"]), str(e["after"])
        if s < 0 or text[s : s + len(after)] != after:
            return None
        text = text[:s] + before + text[s + len(after) :]
    return text


def _replay(original: str, edits: Sequence[dict[str, Any]]) -> list[list[Any]]:
    """Segments ``[kind, text, edit]`` after applying ``edits`` to ``original``."""
    segs: list[list[Any]] = [["t", original, -1]] if original else []
    for k, e in enumerate(edits):
        start, before, after = int(e["start"]), str(e["before"]), str(e["after"])
        out: list[list[Any]] = []
        pos = 0  # offset in the current text (deleted segments take no room)
        to_remove = len(before)
        placed = False
        for seg in segs:
            kind, text, who = seg
            if kind == "d":
                out.append(seg)
                continue
            end = pos + len(text)
            if end <= start or placed and to_remove == 0:
                out.append(seg)
                pos = end
                continue
            # this segment overlaps or follows the edit point
            cut = max(0, start - pos)
            if cut:
                out.append([kind, text[:cut], who])
            rest = text[cut:]
            gone = rest[:to_remove]
            to_remove -= len(gone)
            if gone and kind == "t":
                out.append(["d", gone, k])
            # text an earlier edit inserted and this one takes out again simply goes
            if not placed and to_remove == 0:
                if after:
                    out.append(["i", after, k])
                placed = True
            tail = rest[len(gone) :]
            if tail:
                out.append([kind, tail, who])
            pos = end
        if not placed:
            if to_remove:
                raise ValueError("edit runs past the end of the text")
            if after:
                out.append(["i", after, k])
        segs = out
    return segs


def runs(final: str, edits: Sequence[dict[str, Any]], flags: Sequence[dict[str, Any]] = ()) -> list[Any] | None:
    """Runs of ``final`` with the edits that made it and the flags on it; None if they do not fit.

    >>> runs("a b", [{"start": 1, "before": "  ", "after": " "}])
    ['a', ['  ', 'd', 0, []], [' ', 'i', 0, []], 'b']
    >>> runs("new forces here", [{"start": 0, "before": "old force", "after": "new forces"}],
    ...      [{"start": 11, "text": "here"}])
    [['old force', 'd', 0, []], ['new forces', 'i', 0, []], ' ', ['here', 't', -1, [0]]]
    """
    original = undo(final, edits)
    if original is None:
        return None
    try:
        segs = _replay(original, edits)
    except ValueError:
        return None
    if "".join(s[1] for s in segs if s[0] != "d") != final:
        return None
    # Cut the live segments at flag boundaries (offsets into the final text).
    spans = []
    for i, f in enumerate(flags):
        s = int(f.get("start") or 0)
        n = len(str(f.get("text") or "")) or 1
        if 0 <= s <= len(final):
            spans.append((s, min(len(final), s + n), i))
    cuts = sorted({c for s, e, _ in spans for c in (s, e)})
    out: list[Any] = []
    pos = 0
    for kind, text, who in segs:
        if kind == "d":
            out.append([text, kind, who, []])
            continue
        seg_start, seg_end = pos, pos + len(text)
        points = [seg_start] + [c for c in cuts if seg_start < c < seg_end] + [seg_end]
        for a, b in zip(points, points[1:]):
            piece = text[a - seg_start : b - seg_start]
            on = [i for s, e, i in spans if s < b and a < e or (s == e == a)]
            out.append([piece, kind, who, on])
        pos = seg_end
    # Merge neighbours of the same kind, edit and flags; bare strings for plain kept text.
    merged: list[list[Any]] = []
    for r in out:
        if merged and merged[-1][1:] == r[1:]:
            merged[-1][0] += r[0]
        else:
            merged.append(r)
    return [r[0] if r[1] == "t" and not r[3] else r for r in merged if r[0]]
