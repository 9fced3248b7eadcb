"""``footnotes``: notes sections, footnote markers, author and funding notes, mixed footnotes.

Notes leave the body into ``footnotes`` with their marker, language and whether
a body marker refers to them (``linked``). A note no body marker refers to is
kept and flagged ``orphan-footnote``; so is a body marker with no note. Body
markers stay in the text in one form, ``[n]`` (``③``, ``¹``, ``(3)`` are rewritten, with an edit);
the footnote keeps its marker as written. A footnote that
holds a Chinese citation and its English rendering is split into a pair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .. import recache
from ..chars import HAN_RE, LATIN_RE
from ..lang import detect_lang
from ..model import BODY, FOOTNOTE, NOTE, TITLE, Block, Document, Flag, Pair, apply_edits
from ..stage import Stage, register

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
SUPERSCRIPT = {"¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁰": "0"}

NOTES_HEADING = recache.compile(
    r"^[\[【]?\s*(?:注释|注\s*释|注解|注|附注|参考文献|参考资料|参考书目|引用文献|尾注|脚注|notes?|endnotes?|footnotes?|references?"
    r"|reference materials?|references? and notes|notes? and references?|annotations?|citations?|bibliography|works cited"
    r"|literature cited)"
    r"\s*[\]】]?\s*[:：]?$",
    re.I,
)
# A footnote line: its marker, then the note.
NOTE_LINE = recache.compile(rf"^(?P<marker>[{CIRCLED}]|\[\d{{1,3}}\]|［\d{{1,3}}］|\(\d{{1,3}}\)|（\d{{1,3}}）|\d{{1,3}}[.、]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(?P<text>\S.*)$")
BODY_MARKER = recache.compile(rf"[{CIRCLED}]|\[\d{{1,3}}\]|\(\d{{1,3}}\)|（\d{{1,3}}）|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
AUTHOR_NOTE = recache.compile(
    r"^(?:[（(]\s*作者(?:为|是|系|单位|简介)?[:：]?.{2,300}[)）]|作者(?:简介|单位)\s*[:：].{2,300}"
    r"|\(?(?:the author|the authors|about the author)s?\b.{2,300}?\)?)$",
    re.I,
)
FUNDING_NOTE = recache.compile(
    r"^(?:[【\[(（]\s*注\s*[:：]\s*本文(?:系|是|为).{2,400}[】\])）]|(?:本文系|本文是|本文为|基金项目\s*[:：]).{2,400}"
    r"|(?:this (?:article|paper|work|research|study) (?:is|was) (?:supported|funded|a (?:phased )?(?:result|output))|funding\s*:).{2,400})$",
    re.I,
)


# What comes before a circled number that numbers an item: the paragraph's start, a space, or a
# separator ("A级 =②萩原驱", "▽B级=①土歧航大", "：①提高效率；②…").
_ITEM_BEFORE = frozenset(" \t=:：,，、;；。.▽△▲▼■□◆◇●○・·")
_ITEM_AFTER_CLOSE = frozenset(")）]】」』”’")
_CIRCLED_RE = recache.compile(f"[{CIRCLED}]")


def list_numbers(text: str) -> set[int]:
    """Offsets of the circled numbers that number list items, not notes: one that stands where an
    item starts (paragraph start, after a space or a separator) and is followed at once by the item's
    first word; in a paragraph that has such numbers, also those right after the previous item's
    closing bracket ("（津市立南之丘4年级）③水谷步"). A note marker follows the word it annotates
    ("…的发展①。", "grew ② this year").

    >>> sorted(list_numbers("A级 =②萩原驱（南之丘4年级）③水谷步（三重西4年级）▽B级=①土歧航大"))
    [4, 16, 32]
    >>> list_numbers("数字经济规模达50.2万亿元①。"), list_numbers("Services grew by 5.8% ② this year.")
    (set(), set())
    >>> sorted(list_numbers("①在帕尔米耶餐厅享用特别套餐②四川餐厅的午餐套餐③日本料理都的晚餐"))
    [0, 14, 24]
    >>> list_numbers("数字经济①规模达到50万亿元，人工智能②产业增长③较快。")
    set()
    """
    found = [m.start() for m in _CIRCLED_RE.finditer(text)]

    def starts_item(i: int) -> bool:
        return i + 1 < len(text) and text[i + 1].isalpha()

    items = {i for i in found if starts_item(i) and (i == 0 or text[i - 1] in _ITEM_BEFORE)}
    if items:
        items |= {i for i in found if starts_item(i) and i > 0 and text[i - 1] in _ITEM_AFTER_CLOSE}
    # A run-in list whose line breaks were lost ("①在餐厅…套餐②四川餐厅…③日本料理…"): the paragraph
    # opens with ①, and its circled numbers count up one by one, each before an item's first word.
    if found and found[0] == 0 and text[0] == CIRCLED[0] and len(found) >= 2 and all(map(starts_item, found)) \
            and [CIRCLED.index(text[i]) for i in found] == list(range(len(found))):
        items |= set(found)
    return items


def marker_number(marker: str) -> int | None:
    """The number a marker stands for.

    >>> marker_number("③"), marker_number("[12]"), marker_number("²³"), marker_number("(4)")
    (3, 12, 23, 4)
    """
    if len(marker) == 1 and marker in CIRCLED:
        return CIRCLED.index(marker) + 1
    digits = "".join(SUPERSCRIPT.get(c, c) for c in marker)
    m = re.search(r"\d+", digits)
    return int(m.group()) if m else None


def split_mixed(text: str) -> tuple[str, str] | None:
    """``(zh, en)`` when a footnote holds a Chinese citation and its English rendering.

    >>> split_mixed("《数字中国发展报告（2022年）》[Digital China Development Report (2022)]，国家互联网信息办公室。")
    ('《数字中国发展报告（2022年）》', 'Digital China Development Report (2022)')
    """
    if not HAN_RE.search(text) or not LATIN_RE.search(text):
        return None
    closers = {"[": "]", "(": ")", "（": "）", "【": "】"}
    for m in re.finditer(r"[\[(（【]\s*(?=[A-Za-z\"“‘])", text):
        opener = m.group()[0]
        depth, j = 0, m.end()
        while j < len(text):
            ch = text[j]
            if ch == opener:
                depth += 1
            elif ch == closers[opener] or (opener == "（" and ch == ")") or (opener == "(" and ch == "）"):
                if depth == 0:
                    break
                depth -= 1
            j += 1
        zh, en = text[: m.start()].strip(), text[m.end() : j].strip()
        if HAN_RE.search(zh) and len(en) >= 8 and not HAN_RE.search(en) and len(LATIN_RE.findall(en)) >= 6:
            return zh, en
    return None


def _split_marker(b: Block, cut: int) -> None:
    """Move the note's marker (the first ``cut`` characters) into ``b.marker``'s field: not an edit
    of its text, so cleaning the ``--format txt`` output again (``①Note...`` under Notes) makes none.
    Earlier edits and flags are rebased onto the text after the marker; if an edit touched the
    marker itself, the split is recorded as an edit instead, to keep the history exact."""
    if any(e.start < cut for e in b.edits):
        apply_edits(b, "footnotes", [(0, cut, "", "footnotes/marker")])
        return
    if b.original is None:
        b.original = b.text
    for e in b.edits:
        e.start -= cut
    for f in b.flags:
        f.start = max(0, f.start - cut)
    b.text = b.text[cut:]


@register
class Footnotes(Stage):
    name = "footnotes"
    requires = ("blocks",)
    provides = ("footnotes",)
    uses = ("paragraphs", "articles")
    version = "2"  # 2: body markers normalized to [n]
    description = "Move notes sections, footnotes, author and funding notes out of the body; link markers; split mixed footnotes."

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``unlabeled``: treat a run of circled/[n] notes at an article's end as footnotes even
        without a heading (default true). ``author_note_max_chars``/``funding_note_max_chars``: an
        author or funding note is at most this long (defaults 600 and 800); a longer paragraph that
        starts like one is body text."""

        unlabeled: bool = True
        author_note_max_chars: int = 600
        funding_note_max_chars: int = 800

    def run(self, doc: Document) -> None:
        for art in sorted({b.article for b in doc.blocks}):
            blocks = [b for b in doc.blocks if b.article == art and b.role == BODY and not b.verbatim]  # code: no notes
            # A title's marker takes the body's form too, so a title cleaned again as a paragraph
            # (its article had no body) is already in its final form.
            titles = [b for b in doc.blocks if b.article == art and b.role == TITLE]
            if blocks:
                self._article(doc, art, blocks, titles)
            elif titles:
                self._link(doc, art, titles, [])

    def _article(self, doc: Document, art: int, blocks: list[Block], titles: Sequence[Block] = ()) -> None:
        # author and funding notes, anywhere
        for b in blocks:
            if len(b.text) < self.options.author_note_max_chars and AUTHOR_NOTE.match(b.text):
                b.role, b.note_kind = NOTE, "author"
            elif len(b.text) < self.options.funding_note_max_chars and FUNDING_NOTE.match(b.text):
                b.role, b.note_kind = NOTE, "funding"
        body = [b for b in blocks if b.role == BODY]
        notes: list[Block] = []
        # where markup gave the kinds (HTML, Markdown), a heading or a quoted paragraph is no note:
        # "#### (2) Computer Name" under "Reference:", "> 1. Please note …" under "> **Note**"
        marked = doc.html is not None or doc.markup == "markdown"
        for i, b in enumerate(body):
            if NOTES_HEADING.match(b.text):
                following = body[i + 1 :]
                run = self._note_run(following, marked)
                if run or i == len(body) - 1:
                    doc.remove(b, "footnote", "footnotes/notes-heading", self.name)
                    notes = run
                    break
        if not notes and self.options.unlabeled:
            tail: list[Block] = []
            for b in reversed(body):
                m = NOTE_LINE.match(b.text)
                if m and (m.group("marker")[0] in CIRCLED or m.group("marker").startswith(("[", "［"))):
                    tail.insert(0, b)
                else:
                    break
            if tail and len(tail) < len(body):
                notes = tail
                k = body.index(tail[0]) - 1
                if k >= 0 and NOTES_HEADING.match(body[k].text):  # their heading ("Notes:" over quoted notes)
                    doc.remove(body[k], "footnote", "footnotes/notes-heading", self.name)
        for b in notes:
            m = NOTE_LINE.match(b.text)
            if not m:
                continue
            b.role = FOOTNOTE
            b.marker = m.group("marker")
            _split_marker(b, m.start("text"))
            b.lang = detect_lang(b.text)
            mixed = split_mixed(b.text)
            if mixed:
                b.parts = {"zh": mixed[0], "en": mixed[1]}
                doc.pairs.append(Pair(doc.id, mixed[0], mixed[1], "1-1", 1.0, "footnote"))
        self._link(doc, art, [*titles, *(b for b in blocks if b.role == BODY)], notes)

    @staticmethod
    def _note_run(blocks: list[Block], marked: bool = False) -> list[Block]:
        run: list[Block] = []
        for b in blocks:
            if marked and b.kind in ("heading", "quote"):
                break
            if NOTE_LINE.match(b.text):
                run.append(b)
            elif run and len(b.text) < 300 and not b.text[:1].isupper():
                continue  # a continuation line of a long note; it stays in the body
            else:
                break
        return run

    def _link(self, doc: Document, art: int, body: list[Block], notes: list[Block]) -> None:
        numbers = {marker_number(n.marker or ""): n for n in notes if n.role == FOOTNOTE}
        seen: set[int] = set()
        for b in body:
            changes = []
            # Block.flag looks for a duplicate among all flags; 100,000 markers would make that quadratic.
            flagged = {(f.kind, f.start) for f in b.flags}
            items = list_numbers(b.text) if _CIRCLED_RE.search(b.text) else set()
            for m in BODY_MARKER.finditer(b.text):
                tok = m.group()
                num = marker_number(tok)
                if num is None:
                    continue
                if m.start() in items and num not in numbers:
                    continue  # a circled number that numbers a list item, with no note of that number
                if tok[0] in SUPERSCRIPT and not numbers:
                    continue
                if tok.startswith(("[", "(", "（")) and not numbers:
                    continue  # a bracketed number with no notes section is a citation or a list, not ours
                if tok.startswith(("(", "（")) and not any((n.marker or "").startswith(("(", "（")) for n in numbers.values()):
                    continue  # "(1)" is a marker only where the notes are numbered that way
                if tok != f"[{num}]":  # one normalized form in the body: [n]
                    changes.append((m.start(), m.end(), f"[{num}]", "footnotes/marker-form"))
                seen.add(num)
                if num not in numbers and ("orphan-footnote", m.start()) not in flagged:
                    flagged.add(("orphan-footnote", m.start()))
                    b.flags.append(Flag("orphan-footnote", tok, m.start(), f"marker {tok} in the body has no footnote",
                                        self.name, "footnotes/marker-without-note"))
            if changes:
                apply_edits(b, self.name, changes)
        for num, n in numbers.items():
            n.linked = num in seen
            if not n.linked:
                n.flags.append(Flag("orphan-footnote", n.marker or "", 0,
                                    f"footnote {n.marker} has no marker in the body", self.name, "footnotes/note-without-marker"))
