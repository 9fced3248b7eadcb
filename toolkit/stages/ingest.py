"""``ingest``: raw text or HTML to blocks that remember their input line.

Plain text: newlines normalized (CRLF, CR), one block per non-blank line, the
line's indentation kept as a layout hint (not text). HTML: lxml, block structure
kept (h1-h6, p, li, blockquote, figcaption, sup markers), script/style/nav/header/
footer/aside dropped with a ``removed`` record, link density measured per block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..lang import detect_lang
from ..model import Block, Document, Removed
from ..pipeline import Stage, register

# Characters Python's str.strip() keeps but that make no visible text.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")

DROP_TAGS = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "iframe",
                       "template", "svg", "button", "select", "head"})
BLOCK_KINDS = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "p": "paragraph", "div": "paragraph", "section": "paragraph", "article": "paragraph", "main": "paragraph",
    "td": "paragraph", "th": "paragraph", "dd": "paragraph", "dt": "paragraph", "pre": "paragraph",
    "address": "paragraph", "table": "paragraph", "tr": "paragraph", "ul": "paragraph", "ol": "paragraph",
    "li": "list_item", "blockquote": "quote", "figcaption": "caption", "figure": "paragraph", "body": "paragraph",
    "center": "paragraph", "caption": "caption",
}


def split_lines(text: str) -> list[Block]:
    """One block per non-blank line, with its 1-based line number.

    >>> [(b.text, b.line, b.indent, b.blank_before) for b in split_lines("A\\r\\n\\r\\n  B\\rC")]
    [('A', 1, 0, True), ('B', 3, 2, True), ('C', 4, 0, False)]
    """
    blocks: list[Block] = []
    blank = True
    for n, line in enumerate(_NEWLINES.sub("\n", text).split("\n"), start=1):
        stripped = line.strip()
        if not stripped.strip(_INVISIBLE):  # a line of only zero-width characters is blank
            blank = True
            continue
        indent = len(line) - len(line.lstrip(" \t\u3000\u00a0"))
        blocks.append(Block(stripped, n, indent=indent, blank_before=blank))
        blank = False
    return blocks


def html_blocks(html: str, source: str, extra_drop: tuple[str, ...] = ()) -> tuple[list[Block], list[Removed]]:
    """Blocks from HTML, and ``removed`` records for the dropped elements."""
    from lxml import etree
    from lxml import html as lhtml

    try:
        root = lhtml.document_fromstring(html.encode("utf-8"), parser=lhtml.HTMLParser(huge_tree=True, encoding="utf-8"))
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse HTML: {exc}", path=source) from None
    drop = DROP_TAGS | {t.lower() for t in extra_drop}
    if len((root.text_content() or "").strip()) < 0.5 * len(_flat_text(html, drop).strip()):
        # libxml2 gives up on pathological nesting and silently drops content: flatten instead.
        return split_lines(_flat_text(html, drop)), []
    blocks: list[Block] = []
    removed: list[Removed] = []
    buf: list[str] = []
    link_chars = 0
    state: dict[str, Any] = {"kind": "paragraph", "line": 1}

    def flush() -> None:
        nonlocal link_chars
        text = re.sub(r"[ \t\r\n\u00a0]+", " ", "".join(buf)).strip()
        if text:
            kind = state["kind"]
            b = Block(text, int(state["line"]), kind=kind, link_density=min(1.0, link_chars / max(1, len(text))))
            blocks.append(b)
        buf.clear()
        link_chars = 0

    in_link = 0
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if event == "start":
            if not tag:  # comments, processing instructions
                walker.skip_subtree()
                continue
            if tag in drop:
                text = re.sub(r"\s+", " ", " ".join(t.strip() for t in el.itertext() if t.strip())).strip()
                if text and tag != "head":
                    removed.append(Removed(text, "boilerplate", f"html/{tag}", el.sourceline or 1, "ingest"))
                walker.skip_subtree()
                continue
            if tag == "sup":
                content = (el.text_content() or "").strip()
                if re.fullmatch(r"\[?\d{1,3}\]?", content):
                    buf.append(f"[{content.strip('[]')}]")
                    walker.skip_subtree()
                    continue
            if tag == "br":
                flush()
                state["line"] = el.sourceline or state["line"]
            elif tag in BLOCK_KINDS:
                flush()
                state["kind"] = BLOCK_KINDS[tag]
                state["line"] = el.sourceline or state["line"]
            if tag == "a":
                in_link += 1
            if el.text:
                buf.append(el.text)
                if in_link:
                    link_chars += len(el.text.strip())
        else:
            if not tag:
                if el.tail:
                    buf.append(el.tail)
                continue
            if tag == "a":
                in_link = max(0, in_link - 1)
            if tag in BLOCK_KINDS:
                flush()
                state["kind"] = "paragraph"
            if el.tail:
                buf.append(el.tail)
                if in_link:
                    link_chars += len(el.tail.strip())
    flush()
    return blocks, removed


_BLOCK_TAG = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|br|tr|td|blockquote|section|article|table|figcaption)\b[^>]*>", re.I)


def _flat_text(html: str, drop: frozenset[str]) -> str:
    """Text of HTML by tag stripping: block tags become line breaks. The fallback for broken trees."""
    import html as htmlmod

    names = "|".join(sorted(t for t in drop if t.isalnum()))
    text = re.sub(rf"<({names})\b[^>]*>.*?</\1\s*>", " ", html, flags=re.I | re.S)
    text = _BLOCK_TAG.sub("\n", text)
    text = re.sub(r"<[^>]*>", "", text)
    return htmlmod.unescape(text)


@register
class Ingest(Stage):
    name = "ingest"
    description = "Split raw text into line blocks, or HTML into block elements (dropping nav/script/footer with a record)."

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``html_drop_tags``: extra HTML tags to drop besides script/style/nav/header/footer/aside."""

        html_drop_tags: tuple[str, ...] = ()

    def run(self, doc: Document) -> None:
        if doc.blocks:
            return  # already ingested (a library caller built the blocks)
        if doc.html is not None:
            blocks, removed = html_blocks(doc.html, doc.source, self.options.html_drop_tags)
            doc.removed.extend(removed)
            for b in blocks:
                if b.kind == "caption":
                    b.lang = detect_lang(b.text)
                    doc.blocks.append(b)
                    doc.remove(b, "caption", "html/figcaption", self.name)
                    b.kind = "paragraph"
                    continue
                doc.blocks.append(b)
        else:
            doc.blocks = split_lines(doc.raw)
        for b in doc.blocks:
            b.lang = detect_lang(b.text)
