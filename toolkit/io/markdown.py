"""Markdown input: the output of scrapers that write Markdown (Jina Reader, Firecrawl, crawl4ai,
trafilatura's ``output_format="markdown"``) to blocks, as HTML input is.

The document is parsed by markdown-it-py (CommonMark with GFM tables and strikethrough). Each
heading, paragraph, list item, quote paragraph and table cell becomes a block on the line it
starts on, with its kind; markup is not text, so it leaves no edit: ``# Title`` is a heading
``Title``, ``[text](url)`` is ``text`` (its share of the block is the block's link density, as
for an HTML link), ``**bold**`` is ``bold``. A code block (a fence with a language, or any that is not
prose a scraper fenced or indented: :func:`toolkit.chars.prose_text`) is a verbatim block (:attr:`toolkit.model.Block.verbatim`): its text as
written, which no stage edits, flags or removes; prose a scraper fenced or indented is text.
A table cell is a block marked as a cell: data, which boilerplate removal leaves alone.
What is no text goes with a ``removed`` record:
images (``![alt](src)`` or an inline ``<img>``, rule ``markdown/image``), thematic breaks
(``markdown/rule``), comments and raw HTML blocks without text (``markdown/html``); a raw HTML block's
text is read as an HTML page's (a README's centred title and tagline, a ``<table>``). An inline ``<br>`` breaks the
line as a soft break does (a space, none after a Chinese character); other inline tags are markup.

>>> page = parse_markdown("# Rain due\\n\\n![](a.jpg)\\n\\nRain is due in [Beijing](https://x.cn) on **Monday**.")
>>> [(b.text, b.kind, b.line, round(b.link_density, 2)) for b in page.blocks]
[('Rain due', 'heading', 1, 0.0), ('Rain is due in Beijing on Monday.', 'paragraph', 5, 0.21)]
>>> [(r.text, r.reason, r.rule, r.line) for r in page.removed]
[('![](a.jpg)', 'image', 'markdown/image', 3)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..chars import HAN_RE, SENTENCE_END, prose_text
from ..model import Block, Removed

if TYPE_CHECKING:
    from markdown_it.token import Token

SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


@lru_cache(maxsize=1)
def _parser() -> Any:
    """markdown-it-py, imported on the first Markdown document (its import costs ~40 ms of every
    run's start-up otherwise)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


_NEWLINES = re.compile(r"\r\n?")
_KIND = {"heading_open": "heading", "list_item_open": "list_item", "blockquote_open": "quote"}


@dataclass(slots=True)
class MarkdownPage:
    blocks: list[Block] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


# Jina Reader's header over the Markdown it extracted: "Title: …", "URL Source: …",
# "Published Time: …", then "Markdown Content:".
_READER_FIELD = re.compile(r"^(Title|URL Source|Published Time|Description|Warning)\s*:\s*(.*)$")
_READER_BODY = re.compile(r"^Markdown Content\s*:\s*$")


def reader_header(text: str) -> tuple[dict[str, str], list[int], int] | None:
    """``(fields, header line numbers, first body line)`` of a Jina Reader header, or None.

    >>> reader_header("Title: Rain due\\n\\nURL Source: https://x.cn/a\\n\\nMarkdown Content:\\nRain is due.")
    ({'Title': 'Rain due', 'URL Source': 'https://x.cn/a'}, [1, 3, 5], 6)
    """
    lines = _NEWLINES.sub("\n", text[:4000]).split("\n")
    if not lines or not lines[0].startswith("Title:"):
        return None
    fields: dict[str, str] = {}
    used: list[int] = []
    for n, line in enumerate(lines[:16], start=1):
        if not line.strip():
            continue
        if _READER_BODY.match(line):
            return fields, [*used, n], n + 1
        m = _READER_FIELD.match(line)
        if not m:
            return None
        fields[m.group(1)] = m.group(2).strip()
        used.append(n)
    return None


_BR = re.compile(r"</?br\b[^>]*>", re.I)
_IMG = re.compile(r"<img\b", re.I)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
#: HTML's element names (WHATWG, with the obsolete ones READMEs still use, and SVG/MathML roots).
_HTML_ELEMENTS = frozenset(
    "a abbr acronym address area article aside audio b base basefont bdi bdo big blink blockquote body br button "
    "canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed "
    "fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i "
    "iframe img input ins kbd label legend li link main map mark marquee menu meta meter nav nobr noscript object "
    "ol optgroup option output p param picture pre progress q rp rt ruby s samp script search section select slot "
    "small source span strike strong style sub summary sup table tbody td template textarea tfoot th thead time "
    "title tr track tt u ul var video wbr svg math".split()
)


def _is_html_tag(raw: str, closed: frozenset[str] = frozenset()) -> bool:
    """Is an inline ``<…>`` that CommonMark reads as HTML really a tag? A program's type written in
    prose (``Stack<Object>``, ``<E extends Delayed>``, ``List<T>``) is text: its name is no element's,
    or it is written in mixed case with no attribute and no closing tag (``closed``: the lower-cased
    names of the closing tags beside it), where HTML's ``<Strong>…</Strong>`` has one.

    >>> [_is_html_tag(t) for t in ("<sup>", "</FONT>", "<my-widget>", "<Span style='x'>", "<Object>", "<E extends Delayed>", "<T>")]
    [True, True, True, True, False, False, False]
    >>> _is_html_tag("<Strong>", frozenset({"strong"}))
    True
    """
    m = _TAG_NAME.match(raw)
    if not m:
        return True  # a comment, a declaration
    name = m.group(1)
    if "-" in name or raw.startswith("</"):
        return True  # a custom element; a closing tag
    if name.lower() not in _HTML_ELEMENTS:
        return False
    return name.islower() or name.isupper() or "=" in raw or name.lower() in closed


# A footnote definition ("[^1]: text") and reference ("[^1]"): CommonMark has none, and reads a
# definition as a link reference definition, which leaves no text. They are read as a renderer
# with footnotes shows them: a list of "[1] text", and "[1]" in the body.
_FOOTNOTE_DEF = re.compile(r"^( {0,3})\[\^([^\]\s]{1,20})\]:[ \t]*")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]{1,20})\](?!:)")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)")


def _footnotes_as_text(lines: list[str]) -> None:
    """Rewrite Markdown footnotes in place as the text a renderer shows: definitions, and references
    to a label some definition has; never in code (a fence, an indented line, a `span`: "[^0-9]")."""
    fenced = False
    code: list[bool] = []
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
            code.append(True)
        else:
            code.append(fenced or line.startswith(("    ", "\t")))
    labels = {m.group(2) for line, c in zip(lines, code) if not c for m in [_FOOTNOTE_DEF.match(line)] if m}
    if not labels:
        return
    for i, line in enumerate(lines):
        if code[i] or "[^" not in line:
            continue
        # an item of a list, as a renderer lists the notes: two definitions on adjacent lines stay two
        line = _FOOTNOTE_DEF.sub(lambda m: f"{m.group(1)}- \\[{m.group(2)}\\] ", line)
        lines[i] = _FOOTNOTE_REF.sub(lambda m, line=line: f"\\[{m.group(1)}\\]" if m.group(1) in labels  # type: ignore[misc]
                                     and line.count("`", 0, m.start()) % 2 == 0 else m.group(), line)


def _inline(children: list[Token], removed: list[Removed], line: int, source_line: str, stage: str) -> tuple[str, int]:
    """The text of an inline token's children and how many of its characters are inside links."""
    out: list[str] = []
    linked = 0
    depth = 0
    closed = frozenset(m.group(1).lower() for t in children if t.type == "html_inline"
                       for m in [_TAG_NAME.match(t.content)] if m and t.content.startswith("</"))
    gap = False  # an image was just taken out
    broke = False  # a line break was just written
    for t in children:
        if t.type == "link_open":
            depth += 1
        elif t.type == "link_close":
            depth = max(0, depth - 1)
        elif t.type in ("text", "code_inline"):
            content = t.content
            if gap and content[:1] == " " and out and out[-1][-1:] == " ":
                content = content[1:]  # "in ![](a.jpg) Beijing": one space where the image was
            out.append(content)
            if depth:
                linked += len(content)
            gap = broke = False
            continue
        elif t.type in ("softbreak", "hardbreak") or (t.type == "html_inline" and _BR.match(t.content)):
            if not broke:  # "due<br>\nin": one break, not two
                prev = next((piece[-1] for piece in reversed(out) if piece), "")
                out.append("" if HAN_RE.match(prev) or prev.isspace() else " ")
            broke = True
            continue
        elif t.type == "image":
            src = t.attrs.get("src", "")
            removed.append(Removed(_image_source(source_line, str(src)), "image", "markdown/image", line, stage))
        elif t.type == "html_inline" and _IMG.match(t.content):
            removed.append(Removed(t.content, "image", "markdown/image", line, stage))
        elif t.type == "html_inline" and t.content.startswith("<!--"):
            removed.append(Removed(t.content, "boilerplate", "markdown/html", line, stage))
        elif t.type == "html_inline" and not _is_html_tag(t.content, closed):
            out.append(t.content)  # "Stack<Object>": a type in prose, not a tag
            if depth:
                linked += len(t.content)
            gap = broke = False
            continue
        # any other inline tag (<span>, </b>, <sup>) is markup: its text is in the text tokens
        gap = t.type in ("image", "html_inline")
        broke = broke and t.type == "html_inline"  # markup between two breaks keeps them one
    return "".join(out).strip(), linked


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _language_runs(children: list[Token]) -> list[tuple[int, list[Token]]]:
    """A paragraph's inline tokens cut where its lines switch between Chinese and English: a
    bilingual notebook writes each English line right above its Chinese one, and those are two
    paragraphs, as in a text file. Each run comes with its first line's offset in the paragraph.
    A line is Chinese when it has more Han characters (two or more) than English words, English
    when it has three English words and no Han; any other line (numbers, marks) goes with the run
    before it, and so does a line after one that ends mid-sentence (a quotation wrapped inside a
    Chinese paragraph).

    >>> from markdown_it import MarkdownIt
    >>> kids = lambda t: MarkdownIt("commonmark").parse(t)[1].children
    >>> [len(c) for _, c in _language_runs(kids("A tree fell on a car.\\n一棵树倒在汽车上。\\nThe police said so."))]
    [1, 1, 1]
    >>> len(_language_runs(kids("他说，这本书叫做\\nThe Three-Body Problem，非常有名。")))
    1
    """
    lines: list[tuple[int, str, bool]] = []  # where each line starts in children, its language, ends a sentence
    start = 0
    for i, t in enumerate([*children, None]):
        if t is None or t.type in ("softbreak", "hardbreak"):
            text = "".join(c.content for c in children[start:i] if c.type in ("text", "code_inline")).rstrip()
            han, words = len(HAN_RE.findall(text)), len(_LATIN_WORD.findall(text))
            lang = "zh" if han >= 2 and han > words else "en" if not han and words >= 3 else ""
            lines.append((start, lang, bool(SENTENCE_END.search(text))))
            start = i + 1
    if len({lang for _, lang, _ in lines if lang}) < 2:
        return [(0, children)]
    runs: list[tuple[int, list[Token]]] = []
    lang_before, first, offset, ended = "", 0, 0, False
    for n, (s, lang, ends) in enumerate(lines):
        # (a wrapped sentence goes on whatever the next line's language)
        if lang and lang_before and lang != lang_before and ended:
            runs.append((offset, children[first : s - 1]))  # without the break between the runs
            first, offset = s, n
        lang_before, ended = lang or lang_before, ends
    runs.append((offset, children[first:]))
    return runs


def _image_source(line: str, src: str) -> str:
    """The image as the input wrote it (``![alt](src)``), for the removed record."""
    m = re.search(r"!\[[^\]]*\]\(\s*" + re.escape(src) + r"[^)]*\)", line)
    return m.group() if m else f"![]({src})"


def parse_markdown(text: str, stage: str = "ingest") -> MarkdownPage:
    """Blocks (and removed records) of one Markdown document; see the module's docstring. A Jina
    Reader header ("Title: …", "URL Source: …", "Published Time: …", "Markdown Content:") gives the
    title as the first heading and ``url`` and ``date`` as metadata; its other lines are removed
    as metadata."""
    src = _NEWLINES.sub("\n", text)
    lines = src.split("\n")
    page = MarkdownPage()
    header = reader_header(src)
    if header is not None:
        fields, used, _body = header
        for n in used:
            field_line = lines[n - 1]
            if field_line.startswith("Title:") and fields.get("Title"):
                lines[n - 1] = "# " + fields["Title"]  # the page's title: a heading on its line
                continue
            page.removed.append(Removed(field_line.strip(), "metadata", "markdown/reader-header", n, stage))
            lines[n - 1] = ""
        if fields.get("URL Source"):
            page.meta["url"] = fields["URL Source"]
        if fields.get("Published Time"):
            page.meta["date"] = fields["Published Time"]
        src = "\n".join(lines)
    if "[^" in src:
        lines = src.split("\n")
        _footnotes_as_text(lines)
        src = "\n".join(lines)
    kinds: list[str] = []
    contents: set[int] = set()  # blocks of a table of contents, or linking to articles
    table: list[int] = []  # blocks before the table, blocks before its body, its body rows, its columns
    for tok in _parser().parse(src):
        if tok.type == "table_open":
            table = [len(page.blocks), len(page.blocks), 0, 0]
        elif tok.type == "tbody_open" and table:
            table[1] = len(page.blocks)
        elif tok.type == "tr_open" and table:
            table[2] += 1
        elif tok.type == "th_open" and table:
            table[3] += 1
        elif tok.type == "table_close" and table:
            _mark_data_table(page.blocks[table[0] :], page.blocks[table[0] : table[1]], table[2] - 1, table[3])
            table = []
        if tok.type in _KIND:
            kinds.append(_KIND[tok.type])
        elif tok.type in ("heading_close", "list_item_close", "blockquote_close"):
            if kinds:
                kinds.pop()
        elif tok.type == "inline" and tok.map:
            kind = next((k for k in reversed(kinds) if k != "quote"), "quote" if "quote" in kinds else "paragraph")
            if kind == "list_item" and "heading" in kinds:
                kind = "heading"
            for offset, children in _language_runs(tok.children or []):
                line = tok.map[0] + 1 + offset
                body, linked = _inline(children, page.removed, line, lines[line - 1], stage)
                if body:
                    page.blocks.append(Block(body, line, kind=kind, link_density=linked / len(body)))
                    hrefs = [str(c.attrs.get("href", "")) for c in children if c.type == "link_open"]
                    if hrefs and (all(h.startswith("#") for h in hrefs) or any(_ARTICLE_URL.search(h) for h in hrefs)):
                        contents.add(id(page.blocks[-1]))  # a table of contents; a link to an article (a teaser)
        elif tok.type in ("fence", "code_block") and tok.map and tok.content.strip():
            if (tok.type == "fence" and tok.info.strip()) or not prose_text(tok.content):
                # code keeps its indentation and inner spacing, and no stage touches it
                page.blocks.append(Block(tok.content.strip("\n").rstrip(), tok.map[0] + 1, verbatim=True))
            else:  # prose a scraper fenced or indented (an HTML <pre>, a quoted notice): text, as before
                page.blocks.append(Block(tok.content.strip(), tok.map[0] + 1))
        elif tok.type == "hr" and tok.map:
            page.removed.append(Removed(lines[tok.map[0]].strip(), "boilerplate", "markdown/rule", tok.map[0] + 1, stage))
        elif tok.type == "html_block" and tok.map:
            raw = "\n".join(lines[tok.map[0]:tok.map[1]]).strip()
            before = len(page.removed)
            found = _html_blocks(raw, tok.map[0], page.removed, stage) if raw else []
            # its text is the document's (a README's centred title, tagline, a results <table>), or its
            # furniture went with records of its own
            if found or len(page.removed) > before:
                page.blocks.extend(found)
                for img in _IMG_TAG.finditer(raw):
                    page.removed.append(Removed(img.group(), "image", "markdown/image", tok.map[0] + 1 + raw.count("\n", 0, img.start()), stage))
                for comment in _HTML_COMMENT.finditer(raw):
                    page.removed.append(Removed(comment.group(), "boilerplate", "markdown/html", tok.map[0] + 1 + raw.count("\n", 0, comment.start()), stage))
            elif raw:
                page.removed.append(Removed(raw, "boilerplate", "markdown/html", tok.map[0] + 1, stage))
    _mark_main(page.blocks, contents)
    return page


_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_NOT_TEXT = re.compile(r"<(?:script|style|iframe|form|svg)\b", re.I)


def _html_blocks(raw: str, first_line: int, removed: list[Removed], stage: str) -> list[Block]:
    """The blocks of a raw HTML block's text, read as a page's are (``toolkit.io.html``): its
    furniture (an ``ad`` or ``share`` box, a ``nav``) dropped with a record in ``removed``, then a
    heading, paragraphs, cells, each with its link density. Markup, images (recorded by the caller)
    and an HTML block of badges alone give none; a script, style, frame or form is no text, and the
    block goes whole, as before."""
    if _NOT_TEXT.search(raw) or not re.search(r">[^<]*\w", raw):
        return []
    from lxml import etree
    from lxml import html as lxml_html

    from .html import DROP_TAGS, _drop_furniture, _walk, load_dom_rules

    try:
        root = lxml_html.fragment_fromstring(_HTML_COMMENT.sub("", raw), create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    dropped: list[Removed] = []
    _drop_furniture(root, DROP_TAGS, load_dom_rules(), dropped)
    blocks, _ = _walk(root, None)
    for b in blocks:
        b.line = first_line + max(1, b.line)
        b.html_main = None
    for r in dropped:
        removed.append(Removed(r.text, r.reason, r.rule, first_line + max(1, r.line), stage))
    return blocks


# A link to an article page: a dated path or a page file ("/20240218/b.html", "/2024-02/18/c_113.htm").
_ARTICLE_URL = re.compile(r"\.s?html?(?:[?#]|$)|\.php\b|/20\d\d[/-]?\d\d", re.I)
_FOOTER = re.compile(r"©|\(c\)\s*\d{4}|copyright|all rights reserved|版权所有|\bfollow (?:us|\w+ on)\b", re.I)


def _mark_data_table(blocks: list[Block], header: list[Block], rows: int, columns: int) -> None:
    """A table of data (two columns or more, a row of data, a header that is not a row of links) has
    its cells marked as cells, which the boilerplate stage leaves alone; a scraper's layout table (a
    menu as the header row, "Share to: | WeChat | Weibo", a copyright line) is read as lines."""
    if columns >= 2 and rows >= 1 and sum(b.link_density for b in header) < 0.5 * max(1, len(header)):
        for b in blocks:
            b.cell = True


def _mark_main(blocks: list[Block], contents: set[int] | frozenset[int] = frozenset()) -> None:
    """A document's own lists of links: short link-dense list items (six words at most: "OpenAI",
    "[x] DeepL") between its first and its last paragraph of prose (a sentence of 80 characters or
    more, few links, no copyright or follow-us line) are marked as main content, as the DOM marks an
    HTML page's, so a README's supported services or a book's list of tools stay. A scraper's menu
    above the story, the links under it, teaser headlines between its paragraphs (longer than six
    words, or linking to an article page) and a table of contents (``contents``: blocks whose links
    all point within the page, or to an article) are still furniture to the boilerplate stage; a list
    is taken or left whole."""
    prose = [i for i, b in enumerate(blocks) if b.kind == "paragraph" and not b.verbatim and not b.cell
             and len(b.text) >= 80 and b.link_density < 0.2 and SENTENCE_END.search(b.text)
             and not _FOOTER.search(b.text)]
    if len(prose) < 2:
        return
    run: list[Block] = []
    for b in [*blocks[prose[0] + 1 : prose[-1]], None]:
        if b is not None and b.kind == "list_item":
            run.append(b)
            continue
        # a list whose items all name things (six words at most), none linking to an article or within the page
        if run and all(id(x) not in contents and len(x.text.split()) <= 6 for x in run):
            for x in run:
                x.html_main = True
        run = []
