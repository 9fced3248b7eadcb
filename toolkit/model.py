"""The document model: what stages read and write, and what ``toolkit clean`` emits.

The working representation is a :class:`Document` holding :class:`Block` objects,
one per paragraph-like unit of the input, each remembering the input line it came
from. Stages change blocks in place and record what they did: a removal is a
:class:`Removed` record, a change of text is an :class:`Edit` (applied with
:func:`apply_edits`, which also shifts existing flag offsets), a finding is a
:class:`Flag`. :meth:`Document.to_records` turns the result into the JSON objects
of ``docs/document-contract.md`` (one per article).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1

#: Block roles: where a block ends up in the output.
BODY, TITLE, FOOTNOTE, NOTE, REMOVED = "body", "title", "footnote", "note", "removed"

#: The paragraph kinds of the contract.
PARAGRAPH_KINDS = ("heading", "paragraph", "list_item", "quote", "boilerplate")

#: The reasons a ``removed`` record may carry.
REMOVED_REASONS = ("boilerplate", "image", "caption", "duplicate", "metadata", "footnote")


@dataclass(slots=True)
class Edit:
    """One change to a block's text; ``start`` is the offset in the text before this edit."""

    stage: str
    rule: str
    before: str
    after: str
    start: int

    def shift(self) -> int:
        return len(self.after) - len(self.before)


@dataclass(slots=True)
class Flag:
    """A finding left for a reviewer; ``start`` is an offset into the block's current text."""

    kind: str
    text: str
    start: int
    message: str
    stage: str
    rule: str
    suggestion: str | None = None


@dataclass(slots=True)
class Removed:
    """Text that left the body, with the reason and the rule to blame."""

    text: str
    reason: str
    rule: str
    line: int
    stage: str
    article: int = 0


@dataclass(slots=True)
class Pair:
    """A bilingual pair found while cleaning or aligning."""

    doc: str
    zh: str
    en: str
    beads: str = "1-1"
    score: float = 1.0
    origin: str = "parallel"
    flags: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "doc": self.doc,
            "zh": self.zh,
            "en": self.en,
            "beads": self.beads,
            "score": round(self.score, 4),
            "origin": self.origin,
            "flags": self.flags,
        }


@dataclass(slots=True, eq=False)
class Block:
    """A paragraph-like unit of one document while it is being cleaned.

    ``line`` is the 1-based line of the input it started on (for HTML, the line of
    the element). ``role`` says where the block goes: body, title, footnote, note,
    or removed. ``article`` is the 0-based article the block belongs to.
    """

    text: str
    line: int
    kind: str = "paragraph"
    lang: str = "und"
    role: str = BODY
    article: int = 0
    marker: str | None = None  # footnotes: the marker as written (e.g. "③")
    note_kind: str | None = None  # notes: author, funding, ...
    linked: bool | None = None  # footnotes: a body marker refers to it
    parts: dict[str, str] | None = None  # mixed footnotes: {"zh": ..., "en": ...}
    link_density: float = 0.0  # HTML: share of the text inside <a>
    html_main: bool | None = None  # inside the page's main content (HTML's main box; Markdown: see markdown._mark_main; None: unknown)
    indent: int = 0  # leading spaces of the source line (a layout hint)
    #: code as the input wrote it (a Markdown code block that is no prose, an HTML <pre> of code): no
    #: stage edits, flags or removes it, and its whitespace is the input's
    verbatim: bool = False
    #: a cell of a Markdown data table: data, which the boilerplate rules and heuristics leave alone
    cell: bool = False
    blank_before: bool = True  # a blank line (or block element) separates it from the previous block
    opener: bool = False  # metadata: the paragraph that opens its story, where a dateline is read
    edits: list[Edit] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    original: str | None = None  # the text as the input had it (set on the first edit)

    def flag(
        self,
        kind: str,
        start: int,
        text: str,
        message: str,
        *,
        stage: str,
        rule: str,
        suggestion: str | None = None,
    ) -> None:
        """Add a flag unless the same kind already sits at the same offset (or the block is code)."""
        if self.verbatim:
            return
        for f in self.flags:
            if f.kind == kind and f.start == start:
                return
        self.flags.append(Flag(kind, text, start, message, stage, rule, suggestion))


def apply_edits(block: Block, stage: str, changes: Iterable[tuple[int, int, str, str]]) -> int:
    """Apply non-overlapping ``(start, end, replacement, rule)`` changes to ``block``.

    Offsets are into the block's current text. Each change is recorded as an
    :class:`Edit` whose ``start`` is its offset in the text as it was right before
    that edit (changes are applied left to right), and flags after it shift so
    they keep pointing at their text. Overlapping changes after the first are
    dropped. A :attr:`Block.verbatim` block (code) takes no change. Returns the number of edits made.

    >>> b = Block("a  b  c", 1)
    >>> apply_edits(b, "demo", [(1, 3, " ", "space"), (4, 6, " ", "space")])
    2
    >>> b.text, [(e.start, e.before, e.after) for e in b.edits]
    ('a b c', [(1, '  ', ' '), (3, '  ', ' ')])
    """
    if block.verbatim:
        return 0
    ordered = sorted(changes, key=lambda c: (c[0], c[1]))
    if not ordered:
        return 0
    text = block.text
    if block.original is None:
        block.original = text
    pieces: list[str] = []
    pos = 0
    delta = 0
    made: list[tuple[int, int, int, int]] = []  # (start, end) in the old text, new start, shift
    for start, end, replacement, rule in ordered:
        if start < pos or end < start or end > len(text):
            continue
        before = text[start:end]
        if before == replacement:
            continue
        pieces.append(text[pos:start])
        pieces.append(replacement)
        pos = end
        block.edits.append(Edit(stage, rule, before, replacement, start + delta))
        shift = len(replacement) - len(before)
        made.append((start, end, start + delta, shift))
        delta += shift
    if not made:
        return 0
    pieces.append(text[pos:])
    block.text = "".join(pieces)
    if block.flags:
        _shift_flags(block.flags, made)
    return len(made)


def _shift_flags(flags: list[Flag], made: list[tuple[int, int, int, int]]) -> None:
    """Move flag offsets past the edits ``made`` as if edit by edit, in one pass (a binary search per
    flag): a flag at or after an edit's end moves by its shift; one inside an edit moves to its start."""
    from bisect import bisect_right
    from itertools import accumulate

    ends = [m[1] for m in made]
    shifted = list(accumulate((m[3] for m in made), initial=0))  # total shift of the first k edits
    for f in flags:
        k = bisect_right(ends, f.start)  # the edits that end at or before the flag move it
        if k < len(made) and made[k][0] < f.start:  # inside edit k
            c, k = made[k][2], k + 1
        else:
            c = f.start + shifted[k]
        # A flag left at an edit's start meets the next edits there: a deletion followed right away
        # by an insertion moves it past the insertion, as applying them one by one would.
        while k < len(made) and made[k][2] <= c:  # an edit starting after the flag leaves it, and all later ones
            start, end, new_start, shift = made[k]
            if c >= new_start + end - start:
                c += shift
            elif c > new_start:
                c = new_start
            k += 1
        f.start = c


#: Below this many characters (both texts together) :func:`diff_changes` is difflib's minimal diff;
#: above it, a linear scan that diffs only the short stretches around each change.
_DIFFLIB_MAX = 4000
_RESYNC_WINDOW = 64  # how far ahead a change may end (characters on each side)
_ANCHOR = 4  # equal characters that end a change
_DIFFLIB_REGION = 40  # a longer stretch of changes is one edit


def diff_changes(before: str, after: str, rule: str) -> list[tuple[int, int, str, str]]:
    """Turn a whole-string rewrite into minimal ``(start, end, replacement, rule)`` changes.

    Lets any ``str -> str`` fixer (ftfy, OpenCC) report its work as edits. Short texts get
    difflib's diff; long ones a run-based scan in linear time (difflib is ~n^2.5 on texts with
    many changes), which finds the same edits for the local changes fixers make: equal runs
    are skipped, and each change ends at the nearest point where ``_ANCHOR`` characters agree
    again (searched within ``_RESYNC_WINDOW`` characters), and is diffed on its own.

    >>> diff_changes("caf\u00c3\u00a9 ok", "caf\u00e9 ok", "mojibake")
    [(3, 5, 'é', 'mojibake')]
    >>> long = "caf\u00c3\u00a9 &amp; " * 1000
    >>> diff_changes(long, long.replace("\u00c3\u00a9", "\u00e9").replace("&amp;", "&"), "x")[:2]
    [(3, 5, 'é', 'x'), (7, 11, '', 'x')]
    """
    if before == after:
        return []
    if len(before) + len(after) <= _DIFFLIB_MAX:
        return _difflib_changes(before, after, rule, 0)
    out: list[tuple[int, int, str, str]] = []
    n, m = len(before), len(after)
    i = j = 0
    while i < n and j < m:
        k = _common_run(before, after, i, j)
        i, j = i + k, j + k
        if i >= n or j >= m:
            break
        di, dj = _resync(before, after, i, j)
        if di + dj > _DIFFLIB_REGION:  # a run of changes (pathological text): one edit, not a costly diff
            out.append((i, i + di, after[j : j + dj], rule))
        else:
            out.extend(_difflib_changes(before[i : i + di], after[j : j + dj], rule, i))
        i, j = i + di, j + dj
    if i < n or j < m:
        out.append((i, n, after[j:], rule))
    return out


def _difflib_changes(before: str, after: str, rule: str, offset: int) -> list[tuple[int, int, str, str]]:
    if not before or not after or not set(before) & set(after):  # one replacement: difflib's answer, fast
        return [(offset, offset + len(before), after, rule)]
    import difflib

    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [(offset + i1, offset + i2, after[j1:j2], rule)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _common_run(a: str, b: str, i: int, j: int) -> int:
    """How many characters ``a[i:]`` and ``b[j:]`` share at their start (compared in blocks)."""
    k, step = 0, 256
    limit = min(len(a) - i, len(b) - j)
    while k < limit:
        step = min(step, limit - k)
        if a[i + k : i + k + step] == b[j + k : j + k + step]:
            k += step
            step *= 2
        elif step > 1:
            step //= 2
        else:
            break
    return k


def _resync(a: str, b: str, i: int, j: int) -> tuple[int, int]:
    """Lengths ``(di, dj)`` of the change starting at ``a[i]``/``b[j]``: the nearest (smallest
    ``di + dj``) point where ``_ANCHOR`` characters agree again, or both texts end; without one
    within the window, the window itself (a coarser but correct edit)."""
    n, m = len(a) - i, len(b) - j
    for w in (8, _RESYNC_WINDOW):  # most changes are a character or an entity: look near first
        best: tuple[int, int] | None = (n, m) if n <= w and m <= w else None  # to the end of both texts
        at: dict[str, int] = {}
        for dj in range(min(w, m - _ANCHOR) + 1):
            at.setdefault(b[j + dj : j + dj + _ANCHOR], dj)
        for di in range(min(w, n - _ANCHOR) + 1):
            if best is not None and di >= best[0] + best[1]:
                break
            hit = at.get(a[i + di : i + di + _ANCHOR])
            if hit is not None and (di or hit) and (best is None or di + hit < best[0] + best[1]):
                best = (di, hit)
        if best is not None:
            return best
    return min(_RESYNC_WINDOW, n), min(_RESYNC_WINDOW, m)


def _iso_lang(lang: str, text: str) -> str:
    """The contract's ISO 639-1 code: a mixed zh/en text takes its dominant language (runs say more)."""
    if lang != "mixed":
        return lang
    from .lang import script_counts

    han, latin = script_counts(text)
    return "zh" if han * 3 >= latin else "en"


def _runs(text: str) -> list[dict[str, Any]]:
    """Language runs of a mixed paragraph (neutral stretches join the run before them)."""
    from .lang import runs

    out: list[dict[str, Any]] = []
    for s, e, lang in runs(text):
        if lang == "und" and out:
            out[-1]["end"] = e
            continue
        if out and out[-1]["lang"] == lang:
            out[-1]["end"] = e
            continue
        out.append({"start": s, "end": e, "lang": "en" if lang == "und" else lang})
    return out


@dataclass(slots=True, eq=False)
class Document:
    """One input document while it is being cleaned (it may hold several articles)."""

    id: str
    source: str
    raw: str = ""
    html: str | None = None
    #: ``"markdown"`` when ``raw`` is Markdown (a ``.md`` file, a ``{"markdown": ...}`` record).
    markup: str = "text"
    blocks: list[Block] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    metadata: dict[int, dict[str, Any]] = field(default_factory=dict)
    pairs: list[Pair] = field(default_factory=list)
    signature: str = ""

    # -- helpers for stages -------------------------------------------------
    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.role == BODY]

    def meta(self, article: int) -> dict[str, Any]:
        return self.metadata.setdefault(article, {})

    def remove(self, block: Block, reason: str, rule: str, stage: str, *, keep: bool = False) -> None:
        """Take ``block`` out of the body with a ``removed`` record.

        With ``keep`` (``--keep-boilerplate``) the block stays, marked as kind
        ``boilerplate``, and the record is still written, for review. Code as the input wrote it
        (:attr:`Block.verbatim`) is content: it stays, with no record.
        """
        if block.verbatim:
            return
        # The record keeps the text as the input had it, so a reviewer can find the line.
        text = block.original if block.original is not None else block.text
        self.removed.append(Removed(text, reason, rule, block.line, stage, block.article))
        if keep:
            block.kind = "boilerplate"
        else:
            block.role = REMOVED

    def articles(self) -> list[int]:
        seen = sorted({b.article for b in self.blocks} | set(self.metadata))
        return seen or [0]

    # -- output ------------------------------------------------------------
    def to_records(self) -> list[dict[str, Any]]:
        """The contract's JSON objects, one per article (``id#N`` when there are several)."""
        arts = self.articles()
        multi = len(arts) > 1
        out = []
        for n, art in enumerate(arts, start=1):
            out.append(self._record(art, f"{self.id}#{n}" if multi else self.id))
        return out

    def _record(self, art: int, rid: str) -> dict[str, Any]:
        blocks = [b for b in self.blocks if b.article == art]
        paragraphs = [b for b in blocks if b.role == BODY and b.text]
        titles = [b for b in blocks if b.role == TITLE]
        footnotes = [b for b in blocks if b.role == FOOTNOTE]
        notes = [b for b in blocks if b.role == NOTE]
        meta = dict(self.metadata.get(art, {}))
        title = titles[0].text if titles else ""
        if title:
            meta["title"] = title
        edits: list[dict[str, Any]] = []
        flags: list[dict[str, Any]] = []

        def collect(field_name: str, group: list[Block]) -> None:
            for i, b in enumerate(group):
                where: dict[str, Any] = (
                    {"paragraph": i} if field_name == "paragraphs" else {"paragraph": None, "field": field_name, "index": i}
                )
                for e in b.edits:
                    edits.append(
                        {"stage": e.stage, "rule": e.rule, "before": e.before, "after": e.after, **where, "start": e.start}
                    )
                for f in b.flags:
                    flags.append(
                        {
                            "kind": f.kind,
                            "text": f.text,
                            **where,
                            "start": f.start,
                            "message": f.message,
                            "suggestion": f.suggestion,
                            "stage": f.stage,
                            "rule": f.rule,
                        }
                    )

        collect("title", titles[:1])
        collect("paragraphs", paragraphs)
        collect("footnotes", footnotes)
        collect("notes", notes)
        weights: dict[str, int] = {}
        for b in paragraphs:
            code = _iso_lang(b.lang, b.text)
            if code != "und":
                weights[code] = weights.get(code, 0) + len(b.text)
        lang = max(weights, key=lambda k: weights[k]) if weights else "und"
        return {
            "schema_version": SCHEMA_VERSION,
            "id": rid,
            "source": self.source,
            "lang": lang,
            "title": title,
            "metadata": meta,
            "paragraphs": [
                {"kind": b.kind, "lang": _iso_lang(b.lang, b.text), "text": b.text, "sentences": list(b.sentences), "line": b.line,
                 **({"runs": _runs(b.text)} if b.lang == "mixed" else {})}
                for b in paragraphs
            ],
            "footnotes": [
                {"marker": b.marker or "", "lang": _iso_lang(b.lang, b.text), "text": b.text, "linked": bool(b.linked), "line": b.line,
                 **({"parts": b.parts} if b.parts else {})}
                for b in footnotes
            ],
            "notes": [{"kind": b.note_kind or "note", "lang": _iso_lang(b.lang, b.text), "text": b.text, "line": b.line}
                      for b in notes],
            "removed": [
                {"text": r.text, "reason": r.reason, "rule": r.rule, "line": r.line, "stage": r.stage}
                for r in self.removed
                if r.article == art
            ],
            "edits": edits,
            "flags": flags,
            "signature": self.signature,
            "text": "\n\n".join(b.text for b in paragraphs if b.kind != "boilerplate"),
        }
