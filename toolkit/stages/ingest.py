"""``ingest``: raw text or HTML to blocks that remember their input line.

Plain text: newlines normalized (CRLF, CR), one block per non-blank line, the
line's indentation kept as a layout hint (not text). Markdown (a scraper's output):
:func:`toolkit.io.markdown.parse_markdown` makes a block of each heading, paragraph, list
item and table cell, with its kind; links are text, images go with a record. HTML (one page, one document):
:func:`toolkit.io.html.parse_page` keeps the block structure (h1-h6, p, li,
blockquote, figcaption, sup markers), drops page furniture by tag, by class/id/role
tokens (``toolkit/data/html-*.yaml``) and outside the main content, each with a
``removed`` record, puts the title (``<h1>``/``og:title``/``<title>``) first and
fills the date, byline and site name from the page's markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..io.html import HtmlOptions, parse_page
from ..io.markdown import parse_markdown, reader_header
from ..io.text import split_lines
from ..lang import detect_lang
from ..model import Document
from ..stage import Stage, register


@register
class Ingest(Stage):
    name = "ingest"
    requires = ()
    provides = ("blocks",)
    description = "Split raw text into line blocks, or HTML into block elements (dropping nav/script/footer with a record)."

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``html_drop_tags``: extra HTML tags to drop besides script/style/nav/header/footer/aside.
        ``html_packs``: extra HTML rule packs (YAML, like ``toolkit/data/html-boilerplate.yaml``).
        ``html_dom_rules``: drop furniture by class/id/role tokens (default true).
        ``html_main_content``: remove blocks outside the page's main content (default true)."""

        html_drop_tags: tuple[str, ...] = ()
        html_packs: tuple[str, ...] = ()
        html_dom_rules: bool = True
        html_main_content: bool = True

    def run(self, doc: Document) -> None:
        if doc.blocks:
            return  # already ingested (a library caller built the blocks)
        if doc.html is not None:
            o = self.options
            page = parse_page(doc.html, doc.source, HtmlOptions(
                drop_tags=o.html_drop_tags, packs=o.html_packs, dom_rules=o.html_dom_rules,
                main_content=o.html_main_content))
            doc.removed.extend(page.removed)
            meta = doc.meta(0)
            for key in ("date", "byline", "source_name", "site_name", "editors"):
                if key in page.meta:
                    meta.setdefault(key, page.meta[key])
            for b in page.blocks:
                if b.kind == "caption":
                    b.lang = detect_lang(b.text)
                    doc.blocks.append(b)
                    doc.remove(b, "caption", "html/figcaption", self.name)
                    b.kind = "paragraph"
                    continue
                doc.blocks.append(b)
        elif doc.markup == "markdown" or (doc.raw.startswith("Title:") and reader_header(doc.raw) is not None):
            # Markdown, or a Jina Reader page saved as text (its header says Markdown follows)
            md = parse_markdown(doc.raw, self.name)
            doc.removed.extend(md.removed)
            doc.blocks = md.blocks
            for key, value in md.meta.items():
                doc.meta(0).setdefault(key, value)
        else:
            doc.blocks = split_lines(doc.raw)
        for b in doc.blocks:
            b.lang = detect_lang(b.text)
