"""``ingest``: raw text or HTML to blocks that remember their input line.

Plain text: newlines normalized (CRLF, CR), one block per non-blank line, the
line's indentation kept as a layout hint (not text). HTML: lxml, block structure
kept (h1-h6, p, li, blockquote, figcaption, sup markers), script/style/nav/header/
footer/aside dropped with a ``removed`` record, link density measured per block.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..io.html import html_blocks
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
