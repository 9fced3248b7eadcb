"""HTML to blocks: lxml, block structure kept, page furniture dropped with a ``removed`` record."""

from __future__ import annotations

import re
from typing import Any

from ..errors import InputError
from ..model import Block, Removed
from .text import split_lines

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
