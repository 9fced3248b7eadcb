"""HTML to blocks by DOM evidence; every dropped element gets a ``removed`` record.

One page is one document. :func:`parse_page` reads it in four passes:

1. Comments and processing instructions go first, their tails kept: ``Alpha<!-- x --> beta``
   is one text.
2. Page furniture is dropped with its subtree: by tag (script, style, nav, footer, aside, ...;
   a ``<header>`` only outside an article and without an ``<h1>``; ``<form>`` never, ASP.NET
   pages wrap the article in one), by the class/id/role/aria-label tokens of the rule packs
   (``toolkit/data/html-*.yaml``: navigation, ads, share bars, related and recommended lists,
   comments, footers, sidebars, cookie banners ...) and hidden elements. Guards keep an element
   that names itself content (``main-content``), is ``<body>/<main>/<article>``, holds an
   ``<article>``/``<main>``, or holds most of the page's text. An article-meta line (date,
   byline, source, counters) found by its class leaves with reason ``metadata``, its fields kept.
3. The main content is found by text evidence (readability's scoring: paragraphs with commas
   and length vote for their parent and grandparent, scaled by link density); its siblings
   with enough text join it, and when it sits in the page's only ``<article>``, that whole
   article is the main content but for the boxes of links inside it. Blocks outside it are
   removed (rule ``html/outside-main``) unless the main content is too small a share of the
   page's running text to be trusted.
4. The title comes from ``<h1>``, ``og:title`` and ``<title>`` (the site-name suffix dropped) and
   is put first; date, byline and site name from ``<meta>``, ``itemprop`` and ``<time>`` markup,
   then the article-meta line, then a dated line near the article.

Block kinds follow the elements (h1-h6 headings, p/div paragraphs, li list items, blockquote
quotes, figcaption captions); ``link_density`` is measured per block for later stages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import recache, yamlio
from ..chars import EN_MONTH, HAN, HAN_RE, OUTLET_SUFFIX, STAFF_CODE, code_text
from ..errors import ConfigError, InputError
from ..lang import pinyin_name
from ..model import Block, Removed
from .text import split_lines

#: Tags dropped whole wherever they are. (``header``: only outside an article and without an ``<h1>``.)
DROP_TAGS = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "iframe", "template",
                       "svg", "button", "select", "textarea", "head", "object", "embed", "canvas", "map", "dialog"})
BLOCK_KINDS = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "p": "paragraph", "div": "paragraph", "section": "paragraph", "article": "paragraph", "main": "paragraph",
    "td": "paragraph", "th": "paragraph", "dd": "paragraph", "dt": "paragraph", "pre": "paragraph",
    "address": "paragraph", "table": "paragraph", "tr": "paragraph", "ul": "paragraph", "ol": "paragraph",
    "li": "list_item", "blockquote": "quote", "figcaption": "caption", "figure": "paragraph", "body": "paragraph",
    "center": "paragraph", "caption": "caption", "form": "paragraph", "fieldset": "paragraph", "dl": "paragraph",
    "details": "paragraph", "summary": "paragraph",
}
#: Structural elements no class token can drop.
_NEVER_DROP = frozenset({"html", "body", "main", "article"})
#: Class/id tokens that mark content, for the main-content score (readability's positive pattern).
_POSITIVE = frozenset("article articlebody artibody body content entry hentry main page post text blog story "
                      "endtext zhengwen wenzhang detail".split())
# Whitespace as a browser collapses it, plus the no-break, ideographic and zero-width spaces.
_SPACE = recache.compile("[ \t\r\n\f\v\N{NO-BREAK SPACE}\N{IDEOGRAPHIC SPACE}\N{ZERO WIDTH SPACE}]+")
_CAMEL = recache.compile(r"([a-z])([A-Z])")
_SPLIT = recache.compile(r"[^a-z0-9]+")
_HAN = HAN_RE
_COMMAS = recache.compile(r"[,，、;；]")
_HIDDEN_STYLE = recache.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
#: The rule a long "author" box falls to (an article-meta line is short).
_AUTHOR_BIO = "html/meta/author-bio"
#: Rule categories whose elements never hold running prose (see :func:`_mislabelled_wrapper`).
_NEVER_PROSE = frozenset({"navigation", "ad", "social", "tools", "tags", "overlay"})
_RULE_KEYS = ("id", "category", "tokens", "prefixes", "roles", "needs_links", "boxes_only", "any_size", "comment")
#: The text's own blocks: a rule with ``boxes_only`` never drops one of these ("<p class="paywall">"
#: is a paragraph shown to subscribers, not the paywall's prompt box).
_TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "table"})
#: Substrings that make a class name content whatever else it says ("postcontent-inner").
_CONTENT_PARTS = ("content", "article", "artibody", "story", "entry", "zhengwen", "wenzhang", "endtext")
_PACK_KEYS = ("pack", "description", "keep_tokens", "rules")
BUILTIN_PACKS = ("html-boilerplate.yaml",)


@dataclass(frozen=True, slots=True)
class DomRule:
    """Drop elements whose class/id tokens include one of ``tokens`` or whose role is in ``roles``."""

    id: str
    category: str
    tokens: frozenset[str]
    prefixes: tuple[str, ...]
    roles: frozenset[str]
    needs_links: bool
    comment: str
    boxes_only: bool = False
    any_size: bool = False


@dataclass(frozen=True, slots=True)
class DomRules:
    rules: tuple[DomRule, ...]
    keep_tokens: frozenset[str]
    #: token -> index of the first rule naming it; prefixes as one pattern with a group per rule.
    _tokens: dict[str, int] = field(default_factory=dict, compare=False)
    _prefixes: re.Pattern[str] | None = field(default=None, compare=False)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.rules)

    @classmethod
    def build(cls, rules: tuple[DomRule, ...], keep_tokens: frozenset[str]) -> DomRules:
        tokens: dict[str, int] = {}
        alts = []
        for i, rule in enumerate(rules):
            for t in rule.tokens:
                tokens.setdefault(t, i)
            if rule.prefixes:
                alts.append(f"(?P<r{i}>" + "|".join(re.escape(p) for p in rule.prefixes) + ")")
        prefixes = recache.compile("^(?:" + "|".join(alts) + ")") if alts else None
        return cls(rules, keep_tokens, tokens, prefixes)

    def _rule_for(self, value: str, tokens: list[str]) -> int | None:
        best = self._tokens.get(value)
        if best is not None:
            return best  # the whole name ("bottom-nav") says more than its parts
        for t in tokens:
            i = self._tokens.get(t)
            if i is not None and (best is None or i < best):
                best = i
            if self._prefixes is not None:
                m = self._prefixes.match(t)
                if m and m.lastgroup:
                    j = int(m.lastgroup[1:])
                    if best is None or j < best:
                        best = j
        return best

    def match(self, el: Any) -> DomRule | None:
        """The first rule matching ``el``'s class/id/role/aria-label, unless a guard keeps it."""
        role = (el.get("role") or "").strip().lower()
        values = class_values(el)
        label = (el.get("aria-label") or "").strip().lower()
        if not values and not role and not label:
            return None
        found: DomRule | None = None
        found_in = ""
        for value, tokens in values:
            if tokens and tokens[-1] in self.keep_tokens:
                continue  # "main-content", "content-sidebar-wrap": the name ends in a content word
            i = self._rule_for(value, tokens)
            if i is not None:
                found, found_in = self.rules[i], value
                break
        if found is None and (role or label):
            for rule in self.rules:
                if role in rule.roles or (label and (label in rule.tokens or label in rule.roles)):
                    found = rule
                    break
        if found is None:
            return None
        # Another class of the same element that names content keeps it: "postcontent-inner right".
        guarded = any(value != found_in and any(c in value for c in _CONTENT_PARTS) for value, tokens in values)
        return None if guarded else found


def class_values(el: Any) -> list[tuple[str, list[str]]]:
    """Each class name and the id, lowercased, with its tokens (split at -, _, : and camelCase).

    >>> from lxml import html
    >>> class_values(html.fromstring('<div class="postShare main-content" id="c1">x</div>'))
    [('postshare', ['post', 'share']), ('main-content', ['main', 'content']), ('c1', ['c1'])]
    """
    cls, ident = el.get("class"), el.get("id")
    if not cls and not ident:
        return []
    return _class_values(cls or "", ident or "")


@lru_cache(maxsize=4096)
def _class_values(cls: str, ident: str) -> list[tuple[str, list[str]]]:
    return [(raw.lower(), [t for t in _SPLIT.split(_CAMEL.sub(r"\1 \2", raw).lower()) if t])
            for raw in cls.split() + ident.split()]


def _str_list(value: Any, what: str, where: str, line: int | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise ConfigError(f"{what} must be a list of non-empty strings", path=where, line=line)
    return frozenset(x.strip().lower() for x in value)


def _compile(data: Any, where: str) -> tuple[list[DomRule], frozenset[str]]:
    items = yamlio.pack_rules(data, where, kind="HTML rule pack", pack_keys=_PACK_KEYS, rule_keys=_RULE_KEYS)
    pack = str(data.get("pack") or Path(where).stem)
    keep = _str_list(data.get("keep_tokens"), "'keep_tokens'", where, None)
    rules = []
    for r, rid, line in items:
        if not isinstance(r.get("comment"), str) or not r["comment"].strip():
            raise ConfigError(f"rule {rid!r} has no 'comment' saying what it removes", path=where, line=line)
        tokens = _str_list(r.get("tokens"), f"rule {rid!r}: 'tokens'", where, line)
        prefixes = _str_list(r.get("prefixes"), f"rule {rid!r}: 'prefixes'", where, line)
        roles = _str_list(r.get("roles"), f"rule {rid!r}: 'roles'", where, line)
        if not tokens and not roles and not prefixes:
            raise ConfigError(f"rule {rid!r} needs 'tokens', 'prefixes' or 'roles'", path=where, line=line)
        flags = {}
        for key in ("needs_links", "boxes_only", "any_size"):
            flags[key] = r.get(key, False)
            if not isinstance(flags[key], bool):
                raise ConfigError(f"rule {rid!r}: '{key}' takes true or false, not {flags[key]!r}", path=where, line=line)
        rules.append(DomRule(f"{pack}/{rid}", str(r.get("category", "boilerplate")), tokens, tuple(sorted(prefixes)),
                             roles, flags["needs_links"], r["comment"], flags["boxes_only"], flags["any_size"]))
    return rules, keep


@lru_cache(maxsize=16)
def load_dom_rules(paths: tuple[str, ...] = ()) -> DomRules:
    """The built-in HTML rule packs plus the user's (paths to YAML files).

    >>> rules = load_dom_rules()
    >>> from lxml import html
    >>> rules.match(html.fromstring('<div class="comment-box">x</div>')).id
    'html/comment/comments'
    >>> rules.match(html.fromstring('<div class="content-sidebar-wrap">x</div>')) is None
    True
    """
    rules: list[DomRule] = []
    keep: set[str] = set()
    texts = [(f"toolkit/data/{n}", resources.files("toolkit").joinpath(f"data/{n}").read_text(encoding="utf-8"))
             for n in BUILTIN_PACKS]
    for p in paths:
        try:
            texts.append((p, Path(p).read_text(encoding="utf-8")))
        except OSError as exc:
            raise ConfigError(f"cannot read HTML rule pack: {exc.strerror}", path=p) from None
    for where, text in texts:
        r, k = _compile(yamlio.load(text, where), where)
        rules.extend(r)
        keep |= k
    return DomRules.build(tuple(rules), frozenset(keep))


@dataclass(frozen=True, slots=True, kw_only=True)
class HtmlOptions:
    """``drop_tags``: more tags to drop whole. ``packs``: more HTML rule packs (YAML).
    ``dom_rules``: drop furniture by class/id/role tokens (default true). ``main_content``:
    remove blocks outside the main content (default true)."""

    drop_tags: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()
    dom_rules: bool = True
    main_content: bool = True


@dataclass(slots=True)
class Page:
    """What :func:`parse_page` read: body blocks (the title first, kind ``heading``), the
    records of what it dropped, and metadata (``date``, ``byline``, ``site_name``, ``title``)."""

    blocks: list[Block]
    removed: list[Removed]
    meta: dict[str, Any] = field(default_factory=dict)


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _text(el: Any) -> str:
    return _norm(" ".join(t for t in el.itertext()))


def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


_CONTROL = recache.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


_EARLY_END = recache.compile(r"</(?:body|html)\s*>(?=.*?<(?:p|div|article|section|table|h[1-6]|span|li|br)\b)", re.I | re.S)
_NEXT_PAGE = recache.compile(r"<!doctype|<html[\s>]|<head[\s>]", re.I)
_MARKUP = recache.compile(r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>", re.I | re.S)


def _visible_len(html: str) -> int:
    """Roughly how much text ``html`` shows: its length without tags, scripts, styles and comments."""
    return len("".join(_MARKUP.sub(" ", html).split()))


def _parse(html: str, source: str) -> tuple[Any, bool]:
    """The tree, and whether libxml2 stopped short (nesting beyond its limit loses the rest)."""
    from lxml import etree
    from lxml import html as lhtml

    # An XML declaration with an encoding makes lxml refuse a str; the text is already decoded.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    # C0 controls (but tab, newline and return) are no HTML text and a tree cannot hold them (lxml
    # refuses to move such a text when an element is dropped): form feed and vertical tab are spaces.
    if _CONTROL.search(html):
        html = _CONTROL.sub(lambda m: " " if m.group() in "\x0b\x0c" else "", html)
    # A </body> or </html> before most of the page's text (a server-side include that closes its
    # header) makes libxml2 drop all that follows, the article with it; browsers ignore such tags.
    # (One near the end, with a footer or a sidebar after it, is left: what libxml2 drops is furniture.)
    m = _EARLY_END.search(html)
    if m and _visible_len(html[m.end():]) > _visible_len(html[: m.start()]) \
            and not _NEXT_PAGE.search(html, m.end()):  # (a second page saved after the first is no part of it)
        html = html[: m.start()] + _EARLY_END.sub("", html[m.start():])
    parser = lhtml.HTMLParser(huge_tree=True, encoding="utf-8")
    try:
        root = lhtml.document_fromstring(html.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse HTML: {exc}", path=source) from None
    truncated = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    # Comments and processing instructions go, their tails stay: "Alpha<!-- x --> beta" is one text.
    etree.strip_tags(root, etree.Comment, etree.ProcessingInstruction)
    return root, truncated


def parse_page(html: str, source: str, options: HtmlOptions | None = None) -> Page:
    """Read one HTML page into blocks, ``removed`` records and metadata.

    >>> page = parse_page("<html><head><title>Rain due - Daily News</title></head><body>"
    ...     "<div class='nav'>Home News</div><h1>Rain due</h1><p>Alpha beta<!-- c --> gamma.</p></body></html>", "x")
    >>> [(b.kind, b.text) for b in page.blocks], [(r.rule, r.text) for r in page.removed]
    ([('heading', 'Rain due'), ('paragraph', 'Alpha beta gamma.')], [('html/nav/navigation', 'Home News')])
    >>> [b.text for b in parse_page("<body><p>Rain<script>x</script>\\x0c due\\x00.</p></body>", "x").blocks]
    ['Rain due.']
    """
    o = options or HtmlOptions()
    root, truncated = _parse(html, source)
    drop = DROP_TAGS | {t.lower() for t in o.drop_tags}
    if truncated:
        # libxml2 gives up on pathological nesting and drops the rest: read the page flat instead.
        return Page(split_lines(_flat_text(html, drop)), [])
    meta = page_meta(root)
    body = root.find("body")
    if body is None:
        body = root
    removed: list[Removed] = []
    # A labelled date inside <article>/<main>, read before furniture goes: an article's own <footer> may hold it
    # ("发布日期：2019-09-23 14:34:05" beside its tags). The last resort below.
    labelled = None if "date" in meta else _date_near_article(body, None, labels_only=True)
    if labelled and labelled[1] is not None and not _in_article(labelled[1]):
        labelled = None  # a site footer's "last updated", a sidebar teaser's date: not this article's
    st = _drop_furniture(body, drop, load_dom_rules(o.packs) if o.dom_rules else None, removed, meta)
    main = _main_content(body, st) if o.main_content else None
    if "date" not in meta:
        found, line = _date_near_article(body, main)
        if found:
            meta["date"] = found
            # the line that dates the article often credits it too ("2019年9月26日 15:10 来源：天天基金网")
            for key, value in article_meta_fields(line).items() if line is not None else ():
                if key != "date":
                    meta.setdefault(key, value)
            if line is not None and "source_name" not in meta and len(_text(line)) <= 100:
                # ... or names the paper without a label ("原创 南方都市报 2019-09-09 16:01:46")
                outlet = next((t for t in re.split(r"[\s|｜·•/]+", _text(line)) if _OUTLET.fullmatch(t)), None)
                if outlet:
                    meta["source_name"] = outlet
        elif labelled and labelled[0]:
            meta["date"] = labelled[0]
    blocks, outside = _walk(body, main)
    title, title_line = _title(meta, body)
    if title:
        meta["title"] = title
        blocks = _put_title_first(title, title_line, blocks, outside)
    for b in outside:
        removed.append(Removed(b.text, "boilerplate", "html/outside-main", b.line, "ingest"))
    return Page(blocks, removed, meta)


def _in_comments(el: Any) -> bool:
    """Is ``el`` inside a reader comment (an element whose class or id names comments or replies)?"""
    return any(t.startswith(("comment", "reply", "respond")) for anc in el.iterancestors() for _, ts in class_values(anc) for t in ts)


_INLINE = frozenset({"span", "time", "em", "i", "b", "strong", "font", "a", "small", "label", "cite"})
_DATE_LABEL = recache.compile(r"(?:发布|发表|更新|时间|日期|Published|Posted|Updated|Date)\s*[:：于]?\s*$|^\s*(?:发布|发表|更新)?(?:时间|日期)\s*[:：]", re.I)


def _date_near_article(body: Any, main: set[Any] | None, labels_only: bool = False) -> tuple[str | None, Any]:
    """A publication date written near the article when no markup or meta line gave one: the first
    short text with a date and a time of day, or a date after a label ("发布时间：", "Posted"), in
    the box two levels around the main content (its headline area included); else the first
    labelled date anywhere on the page. Also the element holding it when that is a short line (its
    credits are read too), else None."""
    scope = body
    if main:
        first = min(main, key=lambda e: e.sourceline or 0)
        for _ in range(2):
            if first.getparent() is not None and first.getparent() is not body:
                first = first.getparent()
        scope = first
    for where, labelled_only in ((scope, labels_only), (body, True)):
        for el in where.iter():
            if not isinstance(el.tag, str) or _tag(el) in ("script", "style", "a"):
                continue
            for own, piece in ((True, el.text), (False, el.tail)):
                if not piece or len(piece) > 120:
                    continue
                m = _DATE_TEXT.search(piece)
                if not m:
                    continue
                labelled = bool(_DATE_LABEL.search(piece[: m.start()]))
                if labelled or (not labelled_only and re.search(r"\d[:：]\d\d", m.group(0))):
                    if labelled_only and _in_comments(el):
                        continue  # "Posted 2024-02-03 by Bob" under a reader's comment
                    line = el if own else el.getparent()
                    while line is not None and _tag(line) in _INLINE and line.getparent() is not None:
                        line = line.getparent()  # <span>2019-09-09 16:01</span>: the line is its block
                    if (line is not None and len(_text(line)) <= len(m.group(0)) + 12 and line.getparent() is not None
                            and len(_text(line.getparent())) <= 120):
                        line = line.getparent()  # <p>新华社</p><p>2020-01-03 18:13</p>: the date alone, in its meta box
                    if line is not None and len(_text(line)) > 120:
                        line = None  # a paragraph that mentions a date, not the article's meta line
                    return _norm(m.group(0)), line
        if where is body:
            break
    return None, None


def html_blocks(html: str, source: str, extra_drop: tuple[str, ...] = ()) -> tuple[list[Block], list[Removed]]:
    """Blocks from HTML, and ``removed`` records for the dropped elements (see :func:`parse_page`)."""
    page = parse_page(html, source, HtmlOptions(drop_tags=extra_drop))
    return page.blocks, page.removed


# -- pass 2: furniture ------------------------------------------------------------------------

def _in_article(el: Any) -> bool:
    return any(_tag(a) in ("article", "main") for a in el.iterancestors())


def _hidden(el: Any) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


_MONTH = EN_MONTH
_DATE_TEXT = recache.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}(?:,?\s+(?:at\s+)?\d{{1,2}}:\d{{2}}(?:\s*[AaPp]\.?[Mm]\.?)?)?"
    rf"|\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d{{2}}"
)
_BYLINE_TEXT = recache.compile(r"(?:^|[|｜·\s])(?:By|BY|by)\s+(?P<by>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|de|van|von))*)"
                          r"|(?:作者|记者|撰文|文)\s*[:：/]\s*(?P<zh>[^\s|｜:：]{2,20})")
# The source's name: up to six words, ending at a separator, a bracket or the next "Label:" ("Source: Municipal
# Bureau of Commerce Views: 1253" -> "Municipal Bureau of Commerce"), or a page's buttons and counts beside it
# ("来源：澎湃新闻 1032 人参与 308 评论", "来源：山西日报 打印").
_SOURCE_TEXT = recache.compile(r"(?:来源|來源|出处|Source)\s*[:：]\s*(?P<src>[^\s|｜:：\[【(（]{2,40}"
                               r"(?:[ \t](?![^\s:：]{1,25}[:：]|(?i:share|tweet|e?mail|print|comments?|likes?|views?|reads?|font|"
                               r"text size|size)\b|(?:举报|打印|分享|收藏|评论|纠错|字号|字体|关闭|转发|点赞|阅读|浏览|投诉)"
                               r"(?=[\s\d(（]|$)|\d[\d,]*\s*[人条次]?(?:参与|评论|阅读|浏览))[^\s|｜:：\[【(（]{1,40}){0,5})")


def _in_teaser(el: Any, text: str) -> bool:
    """Is ``el`` the date line of a teaser, a link that also holds another article's headline
    (``<a href="/other"><span class="time">2019-08-06</span><p>Headline ...</p></a>``)? Its fields
    are that article's, not the page's.

    >>> from lxml import html
    >>> card = html.fromstring('<li><a href="/x"><span>2019-08-06</span><p>高铁站名安装完毕最新实拍</p></a></li>')
    >>> _in_teaser(card.find(".//span"), "2019-08-06"), _in_teaser(html.fromstring("<p><span>2019</span></p>").find("span"), "2019")
    (True, False)
    """
    for anc in el.iterancestors():
        if _tag(anc) == "a" and anc.get("href"):
            return len(_text(anc)) > len(text) + 8
    return False


def article_meta_fields(el: Any) -> dict[str, str]:
    """Date, byline and source of an article-meta element ("By Li Wei | Dec 15, 2023 | Views: 3,571").

    >>> from lxml import html
    >>> article_meta_fields(html.fromstring('<div>By Li Wei | <time datetime="2023-12-15T10:32">Dec 15</time></div>'))
    {'date': '2023-12-15T10:32', 'byline': 'Li Wei'}
    >>> article_meta_fields(html.fromstring('<div>2023-11-02 08:15\u3000来源：人民网</div>'))
    {'date': '2023-11-02 08:15', 'source_name': '人民网'}
    >>> article_meta_fields(html.fromstring('<div>Release time: 2023-06-12 Source: Municipal Bureau of Commerce Views: 12</div>'))
    {'date': '2023-06-12', 'source_name': 'Municipal Bureau of Commerce'}
    >>> article_meta_fields(html.fromstring('<div>本文来源：证券市场红周刊 责任编辑：杨倩_NF4425</div>'))
    {'source_name': '证券市场红周刊', 'editors': ['杨倩']}
    >>> article_meta_fields(html.fromstring('<div>Source: Xinhua | Editor: Zhao Lei</div>'))["editors"]
    ['Zhao Lei']
    >>> [article_meta_fields(html.fromstring(f'<div>来源：{s}</div>'))["source_name"] for s in
    ...  ("证券市场红周刊 <a>举报</a>", "澎湃新闻网 1032 人参与 308 评论", "光明日报 打印", "Channel 4 News", "新华社 南方日报")]
    ['证券市场红周刊', '澎湃新闻网', '光明日报', 'Channel 4 News', '新华社 南方日报']
    """
    text = _text(el)
    out: dict[str, str] = {}
    t = next(iter(el.iter("time")), None)
    if t is not None and t.get("datetime") and re.search(r"\d{4}", t.get("datetime", "")):
        out["date"] = t.get("datetime", "").strip()
    else:
        m = _DATE_TEXT.search(text)
        if m:
            out["date"] = m.group(0).strip()
    for sub in el.iter():
        if sub is not el and ((sub.get("rel") or "").lower() == "author"
                              or any(t in ("author", "byline", "zuozhe") for _, tokens in class_values(sub) for t in tokens)):
            name = clean_byline(_text(sub))
            if name and len(name) <= 60:
                out["byline"] = name
                break
    if "byline" not in out:
        m = _BYLINE_TEXT.search(text)
        name = clean_byline(m.group("by") or m.group("zh")) if m else None
        if name:
            out["byline"] = name
    m = _SOURCE_TEXT.search(text)
    if m:
        out["source_name"] = m.group("src").strip()
    m = _EDITOR_TEXT.search(text)
    if m:
        value = m.group("ed")
        parts = value.split() if HAN_RE.search(value) else re.split(r"\s*(?:,|/|&|\band\b)\s*", value)
        names = [STAFF_CODE.sub("", n).strip() for n in parts]
        names = [n for n in names if _EDITOR_NAME.fullmatch(n)]
        if names:
            out["editors"] = names  # type: ignore[assignment]
    return out


# "责任编辑：杨倩_NF4425", "编辑：李华 王明", "Editor: Zhao Lei": names (a portal's staff code dropped) up to
# the next label or separator.
_EDITOR_TEXT = recache.compile(r"(?:责任编辑|责编|编辑|Editors?)\s*[:：]\s*(?P<ed>[^\s|｜:：\[【(（]{2,30}(?:[ \t](?![^\s:：]{1,25}[:：]"
                               r"|(?i:share|print|e?mail|tweet|comments?|font|打印|分享|举报|收藏)\b)[^\s|｜:：\[【(（]{2,30}){0,2})")
_EDITOR_NAME = recache.compile(r"[\u4e00-\u9fff·]{2,8}|[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


@dataclass(slots=True)
class _Stats:
    """Text measures of every element, summed bottom-up in one pass, so that no decision reads a
    subtree again (nested boxes would make that quadratic: broken pages nest thousands deep).

    ``text``/``links``: visible characters in the subtree and inside ``<a>``; ``inline``: what the
    element says itself, outside its block children (length, link length); ``holds``: elements
    with an ``<article>``, ``<main>`` or ``itemprop=articleBody`` below them; ``prose``: elements
    holding a paragraph of 150 characters (60 Han) with under a third link text, and how many such
    paragraphs each holds (``prose_total``: the page's)."""

    text: dict[Any, int] = field(default_factory=dict)
    links: dict[Any, int] = field(default_factory=dict)
    inline: dict[Any, tuple[int, int]] = field(default_factory=dict)
    holds: set[Any] = field(default_factory=set)
    prose: dict[Any, int] = field(default_factory=dict)
    prose_total: int = 0

    def link_density(self, el: Any) -> float:
        n = self.text.get(el, 0)
        return min(1.0, self.links.get(el, 0) / n) if n else 0.0

    def forget(self, el: Any) -> None:
        """``el`` leaves the tree (its tail stays): its ancestors lose its text."""
        n, links = self.text.get(el, 0), self.links.get(el, 0)
        parent = el.getparent()
        if parent is not None and _tag(el) not in _BLOCK_TAGS and parent in self.inline:
            pn, pl = self.inline[parent]
            self.inline[parent] = (pn - n, pl - links)
        for anc in el.iterancestors():
            if anc in self.text:
                self.text[anc] -= n
                self.links[anc] -= n if _tag(anc) == "a" else links


def _measure(body: Any) -> _Stats:
    from lxml import etree

    st = _Stats()
    text, links_of, inline = st.text, st.links, st.inline
    for _, el in etree.iterwalk(body, events=("end",)):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        tag = tag.lower()
        own = el.text
        total = len(own.strip()) if own else 0  # pure-whitespace pieces (indentation) count nothing
        links = 0
        inl_n, inl_links = total, 0
        holds = False
        pn = 0  # paragraphs below
        for child in el:
            tail = child.tail
            if tail:
                tn = len(tail.strip())
                total += tn
                inl_n += tn
            ctag = child.tag
            if not isinstance(ctag, str):
                continue
            ctag = ctag.lower()
            cn, cl = text[child], links_of[child]
            total += cn
            links += cl
            if ctag not in _BLOCK_TAGS or ctag == "br":
                inl_n += cn
                inl_links += cl
            if not holds:
                holds = child in st.holds or ctag in ("article", "main") or (
                    (child.get("itemprop") or "").lower() == "articlebody")
            pn += st.prose.get(child, 0)
        if tag == "a":
            links, inl_links = total, inl_n
        text[el], links_of[el] = total, links
        inline[el] = (inl_n, inl_links)
        if holds:
            st.holds.add(el)
        own = tag in _HOLDERS and inl_n >= 60 and inl_links < 0.33 * inl_n \
            and (inl_n >= 150 or len(_HAN.findall(_inline_text(el)[2])) >= 60)
        if pn or own:
            st.prose[el] = pn + own
    st.prose_total = st.prose.get(body, 0)
    return st


def _drop_furniture(body: Any, drop: frozenset[str], rules: DomRules | None, removed: list[Removed],
                    meta: dict[str, Any] | None = None) -> _Stats:
    """Drop furniture with a record; returns the text measures of what is left."""
    from lxml import etree

    st = _measure(body)
    total = st.text.get(body, 0)
    doomed: list[tuple[Any, str]] = []
    fields: dict[str, str] = {}
    walker = etree.iterwalk(body, events=("start",))
    for _, el in walker:
        tag = _tag(el)
        if not tag or el is body:
            continue
        rule = None
        if tag in drop:
            if tag == "header" and (el.find(".//h1") is not None or _in_article(el)):
                rule = None  # an article's own header holds its headline and byline
            elif tag in _SWALLOWING and _holds_content(el, total, st):
                # broken markup made it swallow the page ('<noscript><div id="x"></noscript>' leaves the
                # div open, and libxml2 puts everything after it inside): its contents are read as usual
                rule = None
            else:
                rule = f"html/{tag}"
        elif tag not in _NEVER_DROP and (rules is not None or _hidden(el)):
            found = rules.match(el) if rules is not None else None
            if found is not None and found.category == "metadata":
                # An article-meta line: short, and holding a date, a byline or a source label.
                text = _text(el) if st.text.get(el, 0) <= 400 else ""
                short = bool(text) and len(text) <= 200 and len(_HAN.findall(text)) <= 80
                got = article_meta_fields(el) if short else {}
                if got:
                    if not _in_teaser(el, text):
                        for k, v in got.items():
                            fields.setdefault(k, v)
                    rule = found.id
                elif not short and any(t in ("author", "authors", "zuozhe") for _, ts in class_values(el) for t in ts):
                    rule = _AUTHOR_BIO if rules is not None and _AUTHOR_BIO in rules.ids else None  # a long "author" box is a bio
                found = None
            elif (found is not None and not (found.needs_links and _has_prose(el, st))
                  and not (found.boxes_only and tag in _TEXT_BLOCKS)
                  and not _mislabelled_wrapper(el, found, st) and not _in_sentence(el, found, st)):
                rule = found.id
            elif _hidden(el):
                rule = "html/hidden"
            if rule and _holds_content(el, total, st, found):
                rule = None
        if rule:
            doomed.append((el, rule))
            walker.skip_subtree()
    meta_rules = {r.id for r in (rules.rules if rules is not None else ()) if r.category == "metadata"}
    for el, rule in doomed:
        text = _text(el)
        if text and _tag(el) != "head":
            reason = "metadata" if rule in meta_rules else "boilerplate"
            removed.append(Removed(text, reason, rule, el.sourceline or 1, "ingest"))
        st.forget(el)
        el.drop_tree()  # keeps the element's tail text in place
    if meta is not None:
        for k, v in fields.items():
            meta.setdefault(k, v)  # <meta> markup, read first, wins over the visible line
    return st


def _has_prose(el: Any, st: _Stats) -> bool:
    """Does ``el`` read like content: under a third link text and a paragraph of 150 characters (60 Han)?"""
    return el in st.prose and st.link_density(el) < 0.33


def _mislabelled_wrapper(el: Any, rule: DomRule, st: _Stats) -> bool:
    """A big element with running prose under a furniture name ("toolbar" on the article's wrapper).

    Only for rules whose elements are never prose; comment threads, sidebars and related lists
    are big prose by nature and stay droppable, and so are boxes under a name no article wrapper
    carries (``any_size``: a cookie-consent dialog's policy text is long prose).
    """
    if rule.category not in _NEVER_PROSE or rule.any_size:
        return False
    if rule.category == "overlay" and st.prose.get(el, 0) >= 2 and 2 * st.prose.get(el, 0) > st.prose_total \
            and _headline_names(el, rule):
        return True  # a page about what the box is named after: a cookie policy, a recipe for cookies
    return st.text.get(el, 0) > 1500 and _has_prose(el, st)


def _headline_names(el: Any, rule: DomRule) -> bool:
    """Does the page's headline (its first <h1>) name what the rule names ("Cookie Policy", "Chewy
    chocolate chip cookies" for a box of class "cookies")? Then the box holds the page's subject."""
    h1 = next(el.getroottree().iter("h1"), None)
    words = set(_SPLIT.split((h1.text_content() if h1 is not None else "").lower()))
    return bool(words & rule.tokens)


#: Inline tags: a class on one of these inside a sentence names how it behaves, not what it is.
_INLINE_TAGS = frozenset({"a", "span", "em", "strong", "b", "i", "u", "abbr", "acronym", "cite", "q", "mark", "small",
                          "font", "dfn"})


def _in_sentence(el: Any, rule: DomRule, st: _Stats) -> bool:
    """An inline element inside running text, under a furniture name: a glossary or tooltip link
    (``<a class="popup">``) in a sentence is part of the sentence; dropping it leaves holes
    ("Oh, certainly, sir, ."). Ads and share buttons are never words of a sentence and still go.

    >>> from lxml import html
    >>> doc = html.fromstring('<div><p>"Oh, certainly, sir, <a class="popup">if you prefer</a>," he said.</p>'
    ...     '<p>Share: <a class="popup">Sign up</a></p></div>')
    >>> st = _measure(doc)
    >>> [_in_sentence(a, load_dom_rules().match(a), st) for a in doc.iter("a")]
    [True, False]
    """
    if _tag(el) not in _INLINE_TAGS or rule.category in ("ad", "social"):
        return False
    parent = el.getparent()
    while parent is not None and _tag(parent) in _INLINE_TAGS:
        parent = parent.getparent()  # <p><span>... <a class="popup">...</a></span></p>: the sentence is the <p>'s
    if parent is None or parent not in st.inline:
        return False
    n, links = st.inline[parent]
    own = st.text.get(el, 0)
    other_words = (n - links) - (own - st.links.get(el, 0))
    return other_words >= 15


# Furniture tags that unclosed markup can make swallow a page (text tags; not script or style).
_SWALLOWING = frozenset({"noscript", "nav", "header", "footer", "aside"})


def _holds_content(el: Any, total: int, st: _Stats, rule: DomRule | None = None) -> bool:
    """An element a class token must not drop: it holds the article or most of the page's text
    (for an ``any_size`` rule: the article, an <article>/<main>, or the headline)."""
    if el in st.holds:
        return True
    if rule is not None and rule.any_size:
        return el.find(".//h1") is not None
    size = st.text.get(el, 0)
    if size > 2000 and size > 0.5 * total:
        return True
    # ... or the headline and most of the page's paragraphs, however short the article (a page
    # wrapper whose class happens to say "nav": '<div class="blq-int-nav">' around a short Chinese
    # story, its scripts and menus outweighing it); a comment thread or a related-news box holds
    # paragraphs but never the headline
    prose = st.prose.get(el, 0)
    return 2 * prose > st.prose_total and (size > 0.5 * total or prose >= 3) and el.find(".//h1") is not None


# -- pass 3: main content ---------------------------------------------------------------------

_HOLDERS = frozenset({"p", "pre", "td", "div", "section", "article", "blockquote", "font", "span", "li", "dd"})
_BLOCK_TAGS = frozenset(BLOCK_KINDS) | {"br", "hr"}
_LIST_TAGS = frozenset({"li", "dd", "dt", "span", "font"})
_TAG_BONUS = {"div": 5, "article": 5, "section": 3, "main": 5, "pre": 3, "td": 3, "blockquote": 3,
              "form": -3, "ol": -3, "ul": -3, "dl": -3, "li": -3, "dd": -3, "dt": -3, "th": -5, "address": -3}


def _inline_text(el: Any) -> tuple[int, int, str]:
    """Length, link-text length and text of what ``el`` says itself (not inside block children)."""
    parts = [el.text or ""]
    links = len(el.text or "") if _tag(el) == "a" else 0
    for child in el:
        tag = _tag(child)
        if tag in _BLOCK_TAGS and tag != "br":
            parts.append(child.tail or "")
            continue
        t = child.text_content() if tag else ""
        if tag == "a":
            links += len(t.strip())
        elif tag:
            links += sum(len((a.text_content() or "").strip()) for a in child.iter("a"))
        parts.append(t)
        parts.append(child.tail or "")
    text = _norm("".join(parts))
    return len(text), links, text


def _main_content(body: Any, st: _Stats | None = None) -> set[Any] | None:
    """The main content's elements (the best candidate and the siblings that join it), or None
    when no candidate holds enough of the page's running text to be trusted."""
    st = st if st is not None else _measure(body)
    # An <article> or <main> that is the only one of the page names the article; a list of
    # teasers is a row of <article>s and names nothing.
    lone = frozenset(t for t in ("article", "main") if sum(1 for _ in body.iter(t)) == 1)
    scores: dict[Any, float] = {}
    good_total = 0
    holder_text: dict[Any, int] = {}
    running: set[Any] = set()
    for el in body.iter(*_HOLDERS):
        n, links = st.inline.get(el, (0, 0))
        if n < 10 or links > 0.5 * n:
            continue
        n, links, text = _inline_text(el)  # exact, for what it says; linear: block children are skipped
        han = len(_HAN.findall(text))
        if n < 25 and han < 10:
            continue
        if links > 0.5 * n:
            continue
        commas = len(_COMMAS.findall(text))
        holder_text[el] = n
        if (n >= 80 or han >= 40) and _tag(el) not in _LIST_TAGS:
            good_total += n  # running text; lists of teasers ("Recent comments") do not count
            running.add(el)
        size = han * 2 + (n - han)  # a Han character says about as much as two Latin letters
        score = 1 + commas + min(size // 100, 3)
        # The parent takes the whole score, the grandparent half (readability). A third level
        # (a sixth) was tried: it makes whole-page tables win on the dev set.
        anc = el.getparent()
        for divider in (1, 2):
            if anc is None or not isinstance(anc.tag, str) or anc is body.getparent():
                break
            if anc not in scores:
                scores[anc] = _initial_score(anc, st, lone)
            scores[anc] += score / divider
            anc = anc.getparent()
    if not scores or good_total == 0:
        return None
    final = {el: s * (1 - st.link_density(el)) for el, s in scores.items()}
    top = max(final, key=lambda e: final[e])
    chosen = {top}
    parent = top.getparent()
    if parent is not None:
        # readability's floor of 10 would leave out the second half of a short article split
        # over two boxes; a sibling half as strong as the best one joins it too.
        threshold = max(min(10.0, final[top] * 0.5), final[top] * 0.2)
        top_class = top.get("class")
        for sib in parent:
            if sib is top or not isinstance(sib.tag, str):
                continue
            bonus = final[top] * 0.2 if top_class and sib.get("class") == top_class else 0.0
            if sib in final and final[sib] + bonus >= threshold:
                chosen.add(sib)
            elif _tag(sib) == "p" and sib in holder_text:
                n, links, text = _inline_text(sib)
                ld = links / max(1, n)
                if (n > 80 and ld < 0.25) or (ld == 0 and re.search(r"[.。!！?？]\s*$", text)):
                    chosen.add(sib)
        for cousin in _cousins(top, body):
            if cousin in final and st.link_density(cousin) < 0.33 and (final[cousin] >= threshold or cousin in st.prose):
                chosen.add(cousin)
    if "article" in lone:
        # The page's only <article> holds the best box: the article is all of it, its short
        # paragraphs, subheadings and lists too (a template that wraps each paragraph in its own
        # box of boxes leaves the short ones scoreless); its furniture went by class already.
        art = next((a for a in top.iterancestors("article")), None)
        if art is not None:
            chosen = set(_article_parts(art, st))
    within = {d for c in chosen for d in c.iter()}
    inside = sum(holder_text[el] for el in running if el in within)
    if inside < 0.4 * good_total:
        return None  # the best box holds too little of the running text: keep the page whole
    return chosen


#: Boxes that a list of links to other pages fills (a "More from Business" list inside the article).
_LINK_BOXES = frozenset({"ul", "ol", "dl", "div", "section", "aside", "nav", "header"})


def _link_box(el: Any, st: _Stats) -> bool:
    """A box of links to elsewhere: mostly link text, and not a sentence of the article with links in
    it (a paragraph ending like a sentence: "The <a>Office for National Statistics</a> said …")."""
    if _tag(el) not in _LINK_BOXES or st.text.get(el, 0) < 8 or st.link_density(el) < 0.5:
        return False
    return not any(re.search(r"[.!?。！？][\"'”’)）]*\s*$", p.text_content() or "") for p in el.iter("p"))


def _article_parts(el: Any, st: _Stats, depth: int = 0) -> list[Any]:
    """The parts of an <article> that are its text: all of it but the boxes of links inside it (a
    related-stories list, a masthead link) and the heading right above such a box ("More from
    Business"). A part holding no such box is taken whole.

    >>> from lxml import html
    >>> art = html.fromstring('<article><div><p>One long sentence of the story, with words.</p></div>'
    ...     '<h3>More from Business</h3><ul><li><a href="/a">Another story headline</a></li></ul></article>')
    >>> [e.tag for e in _article_parts(art, _measure(art))]
    ['div']
    """
    boxes = [d for d in el.iterdescendants() if isinstance(d.tag, str) and _link_box(d, st)]
    # a box with text of its own between its children (a paragraph written with <br>s and links in
    # it) is one part: cut in pieces, its own text would fall outside every one
    own_text = (el.text or "").strip() or any((c.tail or "").strip() or _tag(c) in _INLINE_TAGS for c in el)
    if not boxes or depth > 6 or own_text:
        return [el]
    parts: list[Any] = []
    kids = [c for c in el if isinstance(c.tag, str)]
    for i, c in enumerate(kids):
        if _link_box(c, st):
            if i and parts and parts[-1] is kids[i - 1] and _tag(kids[i - 1]) in ("h2", "h3", "h4", "h5", "h6"):
                parts.pop()  # the list's own heading
            continue
        parts.extend(_article_parts(c, st, depth + 1))
    return parts


def _signature(el: Any) -> tuple[str, str]:
    """Tag and class with the digits dropped: ``story-body-1`` and ``story-body-2`` are one kind of box."""
    return _tag(el), re.sub(r"\d+", "", " ".join((el.get("class") or "").split()))


def _cousins(top: Any, body: Any, levels: int = 2) -> list[Any]:
    """Boxes of ``top``'s kind reached the same way from a repeated wrapper around it: an article
    cut into parts by the template (a ``<section>`` per part, a ``story-body-N`` per stretch
    between two ads) has each part in a wrapper of the same tag and class. Up to ``levels`` wrappers
    up; a wrapper without a class (a bare ``<div>``) names no repeated part and is not followed.

    >>> from lxml import html
    >>> doc = html.fromstring('<div><section class="s"><div class="b">one</div></section><aside>x</aside>'
    ...     '<section class="s"><div class="b">two</div><div class="c">three</div></section></div>')
    >>> [e.text for e in _cousins(doc.findall('.//div')[1], doc)]
    ['one']
    """
    out: list[Any] = []
    path = [_signature(top)]
    wrapper = top.getparent()
    for _ in range(levels):
        if wrapper is None or wrapper is body or not wrapper.get("class") or wrapper.getparent() is None:
            break
        sig = _signature(wrapper)
        for sib in wrapper.getparent():
            if sib is wrapper or not isinstance(sib.tag, str) or _signature(sib) != sig:
                continue
            layer = [sib]
            for want in reversed(path):
                layer = [c for e in layer for c in e if isinstance(c.tag, str) and _signature(c) == want]
            out.extend(layer)
        path.append(sig)
        wrapper = wrapper.getparent()
    return out


def _initial_score(el: Any, st: _Stats, lone: frozenset[str] = frozenset()) -> float:
    score = float(_TAG_BONUS.get(_tag(el), 0))
    if _tag(el) in lone or any(t in _POSITIVE for _, tokens in class_values(el) for t in tokens):
        # readability's +25 for a content class (or the page's only <article>/<main>), earned by
        # text: a "field-content" span around one short line must not beat the article's box.
        score += min(25.0, st.text.get(el, 0) / 40)
    if (el.get("itemprop") or "").lower() == "articlebody":
        score += min(50.0, st.text.get(el, 0) / 20)  # schema.org says so outright
    return score


# -- the walk: blocks -------------------------------------------------------------------------

# The class a highlighter or a CMS gives code ("language-java", "brush: js", "prettyprint", "sourceCode").
_CODE_CLASS = re.compile(r"^(?:lang(?:uage)?-|brush|prettyprint|sourcecode|highlight|code|hljs|prism)", re.I)


def _walk(body: Any, main: set[Any] | None) -> tuple[list[Block], list[Block]]:
    """Blocks in document order: those inside ``main`` (all when it is None) and those outside."""
    from lxml import etree

    blocks: list[Block] = []
    outside: list[Block] = []
    buf: list[str] = []
    link_chars = 0
    kind = "paragraph"
    line = body.sourceline or 1
    in_link = 0
    in_main = 0

    in_code = 0  # inside a <pre> of code (it holds <code>, says it is code, or reads as code): kept as written

    def flush() -> None:
        nonlocal link_chars
        raw = "".join(buf)
        verbatim = in_code > 0
        text = raw.strip("\n").rstrip() if verbatim else _norm(raw)
        if text.strip():
            b = Block(text, int(line), kind=kind, link_density=min(1.0, link_chars / max(1, len(text))),
                      html_main=True if main is not None and in_main else None, verbatim=verbatim)
            (blocks if main is None or in_main else outside).append(b)
        buf.clear()
        link_chars = 0

    walker = etree.iterwalk(body, events=("start", "end"))
    for event, el in walker:
        tag = _tag(el)
        if event == "start":
            if main is not None and el in main:
                flush()
                in_main += 1
            if tag == "sup":
                content = (el.text_content() or "").strip()
                if re.fullmatch(r"\[?\d{1,3}\]?", content):
                    buf.append(f"[{content.strip('[]')}]")
                    walker.skip_subtree()  # its "end" event still comes, and adds the tail
                    continue
            if tag == "br" and in_code:
                buf.append("\n")  # a line of the code
            elif tag == "br":
                flush()
                line = el.sourceline or line
            elif tag in BLOCK_KINDS and not in_code:
                flush()
                kind = BLOCK_KINDS[tag]
                line = el.sourceline or line
            if tag == "pre" and (in_code or el.find(".//code") is not None
                                 or any(_CODE_CLASS.search(c) for c in (el.get("class") or "").split())
                                 or code_text(el.text_content() or "")):
                in_code += 1  # (a poem, a notice or an article set in <pre> is read as before: text)
            if tag == "a":
                in_link += 1
            if el.text:
                buf.append(el.text)
                if in_link:
                    link_chars += len(el.text.strip())
        else:
            if tag == "a":
                in_link = max(0, in_link - 1)
            if tag in BLOCK_KINDS and (not in_code or tag == "pre"):
                flush()
                kind = "paragraph"
            if tag == "pre" and in_code:
                in_code -= 1
            if main is not None and el in main:
                flush()
                in_main -= 1
            if el.tail and el is not body:
                buf.append(el.tail)
                if in_link:
                    link_chars += len(el.tail.strip())
    flush()
    return blocks, outside


# -- pass 4: title and metadata ---------------------------------------------------------------

#: Separators between a headline and the site's name in <title> and og:title.
_SITE_SEP = recache.compile(r"\s+[-|–—:·»]\s+|\s*[|｜_＿–—]\s*|\s+-\s*|--")


def strip_site_name(title: str, site: str | None = None) -> str:
    """A page title without the site name around it.

    >>> strip_site_name("Rain due in Beijing - Daily News")
    'Rain due in Beijing'
    >>> strip_site_name("多地项目连环爆雷_网易新闻")
    '多地项目连环爆雷'
    >>> strip_site_name("Xinhua | China's economy grows 5.2 percent", "Xinhua")
    "China's economy grows 5.2 percent"
    >>> strip_site_name("Mid-year review: jobs - and prices")
    'Mid-year review: jobs - and prices'
    """
    title = _norm(title)
    parts = [p.strip() for p in _SITE_SEP.split(title) if p and p.strip()]
    if len(parts) < 2:
        return title
    if site:
        rest = [p for p in parts if p.lower() != site.lower().strip()]
        if rest and len(rest) < len(parts):
            parts = rest
            if len(parts) == 1:
                return parts[0]
    # The headline is the longest part; the site name is a short part at either end that does
    # not start in lower case ("Mid-year review: jobs - and prices" keeps its dash).
    best = max(parts, key=len)
    ends = [p for p in (parts[0], parts[-1]) if p is not best]
    if ends and all(len(p) <= 40 and not p[0].islower() for p in ends) and len(best) >= 8:
        return best
    return title


def _similar(h1: str, title: str) -> bool:
    """Is ``h1`` the headline that ``title`` (site name already dropped) names?"""
    a, b = h1.lower(), title.lower()
    if not a or not b:
        return False
    return a == b or ((a in b or b in a) and min(len(a), len(b)) >= 0.6 * max(len(a), len(b)))


def _title(meta: dict[str, Any], body: Any) -> tuple[str, int]:
    h1s = [(_text(h), h.sourceline or 1) for h in body.iter("h1")]
    h1s = [(t, n) for t, n in h1s if 2 <= len(t) <= 300]
    site = meta.get("site_name")
    page_title = meta.pop("_page_title", "")
    given = [c for c in (meta.pop("_og_title", ""), page_title) if c]
    raw = [_without_site(c, site) for c in given]
    site_cut = {r for r, c in zip(raw, given) if r != c}
    candidates = [strip_site_name(c, site) for c in raw]
    # A site that names itself as the author (<meta name="author" content="网易">) gave no byline; an
    # author named inside the title ("Headline | Eleanor Ainge Roy | Environment | The Guardian") did.
    # (<title>'s far end, not og:title's, which some sites end with the author: "Headline | Eleanor Ainge Roy")
    site_words = " ".join([site or "", _far_part(page_title, candidates[-1]) if page_title else ""])
    # ... nor one of its sections or the site's name in the title ("… - Business - China Daily", "…_新浪财经_新浪网"),
    # unless the name is a person's
    parts = {p.strip().lower() for g in given for p in _SITE_SEP.split(_norm(g)) if p.strip()} - {c.lower() for c in candidates}
    by = meta.get("byline")
    if by and (by in site_words or (by.lower() in parts and not _PERSON.fullmatch(by))):
        del meta["byline"]
    line = int(meta.pop("_title_line", 1) or 1)
    # A blog theme's <h1> is the blog's name; the <title> is "Headline - Blog" and the headline is a
    # lower heading. Also a <title> whose site name sits without spaces ("头条-某某传媒").
    heading = _heading_in_title(raw, body, site_cut)
    if heading:
        return heading
    for cand in candidates:
        for t, n in h1s:
            if _similar(t, cand):
                return t, n
    # "Rain due - Daily News" with an <h1> "Rain due": the shorter part was the headline.
    parts = {p.strip().lower() for r in raw for p in _SITE_SEP.split(_norm(r)) if p and p.strip()}
    named = [(t, n) for t, n in h1s if t.lower() in parts]
    if named:
        return max(named, key=lambda x: len(x[0]))
    if candidates:
        return candidates[0], line
    if len(h1s) == 1:
        return h1s[0]
    return "", 0


_TITLE_EDGE = " \t-|–—:·»«/_｜＿@"
_PERSON = recache.compile(r"[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|de|van|von|da)){1,3}|[\u4e00-\u9fff]{2,3}")


def _without_site(title: str, site: str | None) -> str:
    """``title`` with the page's own site name (``og:site_name``) taken out where it stands whole
    between separators, so that a site name holding a separator itself ("史蒂文的家_藍天") is not
    split into parts of the headline.

    >>> _without_site("新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::", "史蒂文的家_藍天")
    '新竹尖石_美樹營地賞楓 (2) @ :: 痞客邦 PIXNET'
    >>> _without_site("Rain due in Beijing - Daily News", "Daily News"), _without_site("Daily News", "Daily News")
    ('Rain due in Beijing', 'Daily News')
    >>> _without_site("Daily Newsroom tips - Daily News Blog", "Daily News")   # not a whole part: kept
    'Daily Newsroom tips - Daily News Blog'
    """
    if not site or len(site) < 2:
        return title
    sep = re.escape(_TITLE_EDGE.strip())
    out = re.sub(rf"(^|[{sep}]\s*){re.escape(site)}(?=\s*[{sep}]|\s*$)", r"\1", title)
    out = re.sub(r"\s{2,}", " ", out).strip(_TITLE_EDGE)
    return out or title


def _far_part(title: str, headline: str) -> str:
    """The part of ``title`` farthest from ``headline``, where a site names itself.

    >>> _far_part("Whales stranded | Eleanor Roy | Environment | The Guardian", "Whales stranded")
    'The Guardian'
    >>> _far_part("网易新闻_多地项目连环爆雷", "多地项目连环爆雷"), _far_part("Whales stranded", "Whales stranded")
    ('网易新闻', '')
    """
    title = _norm(title)
    i = title.find(headline)
    if i < 0:
        return ""
    before, after = title[:i], title[i + len(headline):]
    side, last = (after, -1) if after.strip(_TITLE_EDGE) else (before, 0)
    parts = [p.strip() for p in _SITE_SEP.split(side) if p.strip(_TITLE_EDGE)]
    return parts[last] if parts else ""


def _heading_in_title(raw: list[str], body: Any, site_cut: set[str] = frozenset()) -> tuple[str, int] | None:  # type: ignore[assignment]
    """A heading (``h1``-``h3``) that the page's title starts or ends with, the rest of the title
    (after a separator) being a site name: at most 40 characters and no longer than the heading;
    or the whole of a title in ``site_cut`` (one that had the site's name taken out)."""
    heads = [(_text(h), h.sourceline or 1) for tag in ("h1", "h2", "h3") for h in body.iter(tag)]
    for r in raw:
        title = _norm(r).strip(_TITLE_EDGE)
        low = title.lower()
        for text, line in heads:
            h = text.lower()
            if len(h) < 4:
                continue
            if h == low:
                if r in site_cut:
                    return text, line  # the whole title once the site's name was taken out
                continue
            if low.startswith(h):
                rest, sep = low[len(h):], low[len(h):len(h) + 1]
            elif low.endswith(h):
                rest, sep = low[: -len(h)], low[-len(h) - 1: -len(h)]
            else:
                continue
            rest = rest.strip(_TITLE_EDGE)
            if not rest or not sep or sep not in _TITLE_EDGE or len(rest) > 40:
                continue  # not cut at a separator: "Rain" of "Rain due"
            if len(h) >= len(rest):
                return text, line
    return None


def _put_title_first(title: str, line: int, blocks: list[Block], outside: list[Block]) -> list[Block]:
    """The title block first (kind ``heading``): found among the body blocks or the ones outside
    the main content (then it is not removed), or made from the page's metadata."""
    for group in (blocks, outside):
        for b in group:
            if b.text == title:
                group.remove(b)
                b.kind = "heading"
                b.html_main = True  # the headline is the article's, even when it is a link
                return [b, *blocks]
    return [Block(title, line, kind="heading", html_main=True), *blocks]


_DATE_META = ("article:published_time", "og:published_time", "published_time", "datepublished", "pubdate",
              "publishdate", "publish-date", "publish_date", "publishtime", "date", "dc.date", "dc.date.issued",
              "dcterms.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published", "weibo:article:create_at")
_LD_WRAP = recache.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")
_LD_ARTICLE = recache.compile(r"(?:\w*Article|\w*Posting|Report|Review)$")


def json_ld(root: Any) -> dict[str, str]:
    """The publication date and the authors' names of the page's article from its schema.org JSON-LD
    (``<script type="application/ld+json">``): the first object of an article type (``NewsArticle``,
    ``BlogPosting``, ``Report`` ...), looked for in lists and ``@graph``. Authors are people only: an
    organisation named as the author (``Contributors to Wikimedia projects``, a news agency) is no
    byline. Broken JSON is skipped.

    >>> from lxml import html
    >>> page = html.document_fromstring('<html><head><script type="application/ld+json">{"@context": "https://schema.org",'
    ...     '"@graph": [{"@type": "WebSite", "name": "Daily News"}, {"@type": ["NewsArticle"], "datePublished": '
    ...     '"2023-12-15T10:32:00Z", "author": [{"@type": "Person", "name": "Li Wei"}, {"@type": "Person", "name": '
    ...     '"Jane Doe"}, {"@type": "Organization", "name": "Xinhua"}]}]}</script></head><body>x</body></html>')
    >>> json_ld(page)
    {'date': '2023-12-15T10:32:00Z', 'byline': 'Li Wei, Jane Doe'}
    >>> json_ld(html.document_fromstring('<html><head><script type="application/ld+json">//<![CDATA[\\n{"@type": "BlogPosting",'
    ...     '"datePublished": "2019-01-03"}\\n//]]></script></head><body>x</body></html>'))
    {'date': '2019-01-03'}
    >>> json_ld(html.document_fromstring('<html><head><script type="application/ld+json">{"@type": "Article", '
    ...     '"author": {"@type": "Organization", "name": "Wikimedia"}}</script></head><body>x</body></html>'))
    {}
    """

    def objects(node: Any) -> Iterator[dict]:  # type: ignore[type-arg]
        if isinstance(node, list):
            for item in node:
                yield from objects(item)
        elif isinstance(node, dict):
            yield node
            yield from objects(node.get("@graph"))

    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(_LD_WRAP.sub("", script.text), strict=False)
        except ValueError:
            continue
        for obj in objects(data):
            kinds = obj.get("@type")
            if not any(isinstance(k, str) and _LD_ARTICLE.match(k) for k in (kinds if isinstance(kinds, list) else [kinds])):
                continue
            out: dict[str, str] = {}
            date = obj.get("datePublished") or obj.get("dateCreated")
            if isinstance(date, str) and re.search(r"\d{4}", date):
                out["date"] = _norm(date)
            people = obj.get("author")
            publisher = obj.get("publisher")
            outlets = {publisher.get("name")} if isinstance(publisher, dict) else {publisher}
            names = []
            typed = False
            for person in people if isinstance(people, list) else [people]:
                if isinstance(person, dict) and person.get("@type") not in (None, "Person"):
                    continue
                name = person.get("name") if isinstance(person, dict) else person
                name = clean_byline(name) if isinstance(name, str) else None
                if name and name not in names and name not in outlets and not _OUTLET.fullmatch(name):
                    names.append(name)  # (a publisher or a Chinese outlet named as the author is none)
                    typed = typed or isinstance(person, dict) and person.get("@type") == "Person"
            if names:
                # a bare string ("author": "Reuters") may name an agency: <meta name="author"> goes first then
                out["byline" if typed else "byline_untyped"] = ", ".join(names[:4])
            return out
    return {}


# A Chinese outlet's name, which portals put where an author goes (新京报, 环球网, 澎湃新闻, 新华社).
_OUTLET = recache.compile(f"[{HAN}]{{2,10}}{OUTLET_SUFFIX}")  # (a person is no outlet: not 李报)
_EDITOR_META_ZH = recache.compile(rf"[{HAN}·]{{2,8}}(?: [{HAN}·]{{2,8}}){{0,3}}")  # Chinese names, one to a word
_AUTHOR_META = ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author")


#: What templates leave in an author field when nobody filled it in.
_PLACEHOLDER_NAMES = frozenset("name author admin administrator editor user unknown none null 未知 佚名 匿名 网络 网络整理 网络转载 本站 本站原创 "
                                "原创 综合 综合整理 小编 管理员 网友 staff".split())


def _plausible_name(value: str) -> bool:
    """A byline worth keeping: not a URL, an e-mail address, a template placeholder or a paragraph.

    >>> _plausible_name("Li Wei"), _plausible_name("name, email@gmail.com"), _plausible_name("admin")
    (True, False, False)
    """
    if len(value) > 100 or "@" in value or "://" in value:
        return False
    return value.strip().lower() not in _PLACEHOLDER_NAMES


_BYLINE_LEAD = recache.compile(r"^(?:.*?\b)?(?:posted|written|reported|story)?\s*by\s*:?\s+|^(?:作者|记者|文)\s*[:：/]\s*", re.I)
_BYLINE_END = recache.compile(r"\s+(?:on|at)\s+(?=[A-Z][a-z]{2,}\.? \d|\d)|\s*[|/·•]\s*|\s+[-–—]\s+|\s+RSS\b|,\s*\d"
                         r"|\s+(?:Published|Posted|Updated|Last [Uu]pdated)\b"
                         r"|\s+\d+\s+(?:hrs?|hours?|mins?|minutes?|days?)\s+ago", re.I)


def clean_byline(value: str) -> str | None:
    """The author's name out of a byline element's text, or None.

    >>> clean_byline("Posted by: Bob Walsh"), clean_byline("TECHNOLOGY | 8 Hours Ago By Richard Darell")
    ('Bob Walsh', 'Richard Darell')
    >>> clean_byline("David Berreby on November 7, 2012, 6:43 PM"), clean_byline("Karanvir Singh / 8 hrs ago")
    ('David Berreby', 'Karanvir Singh')
    >>> clean_byline("View Profile"), clean_byline("By:"), clean_byline("作者：李伟")
    (None, None, '李伟')
    >>> clean_byline("By Dave Johnson August 9, 2012 - 3:11pm ET"), clean_byline("Dave Johnson August")
    ('Dave Johnson', 'Dave Johnson')
    >>> clean_byline("By Chris Beaumont Published January 07, 2008")
    'Chris Beaumont'
    >>> clean_byline("104363"), clean_byline("Theresa May"), clean_byline("https://www.example.fr/auteur/5631-jane-doe")
    (None, 'Theresa May', None)
    """
    v = _norm(value)
    if re.match(r"(?:https?://|www\.)", v):
        return None  # <meta property="article:author" content="https://…/auteur/alexandre-hervaud">
    v = _BYLINE_LEAD.sub("", v, count=1)
    v = _BYLINE_END.split(v, maxsplit=1)[0].strip(" ,.:;")
    v = re.split(rf"\s+(?={_MONTH}\.?\s+\d)", v, maxsplit=1)[0]  # "Dave Johnson August 9, 2012"
    # ... or its name part "Dave Johnson August" cut by a caller's pattern; not a month that is also
    # a name ("Theresa May", "Mary June", "Kate April")
    v = re.sub(r"\s+(?:January|February|August|September|October|November|December)$", "", v)
    if re.search(r"\d{3}", v):
        return None  # "104363", "总篇数 919 篇": a count or an id, not a name
    if len(v) < 2 or v.lower() in ("view profile", "by", "more", "profile") or not _plausible_name(v):
        return None
    if _DATE_TEXT.match(v) or re.match(rf"{_MONTH}\s+\d", v):
        return None  # "By November 12th": a date, not a name
    return v


def _date_value(value: str) -> str:
    """A date as the page writes it; a Unix time in seconds or milliseconds (``content="1750680000000"``,
    as some sites write ``article:published_time``) as an ISO date-time in UTC.

    >>> _date_value("1750680000000"), _date_value("1750680000"), _date_value("2023-12-15T10:32:00+08:00")
    ('2025-06-23T12:00:00Z', '2025-06-23T12:00:00Z', '2023-12-15T10:32:00+08:00')
    >>> _date_value("20231215"), _date_value("2023121510")
    ('20231215', '2023121510')
    """
    if re.fullmatch(r"\d{10}(?:\d{3})?", value) and not re.match(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])", value):
        import datetime as dt

        seconds = int(value[:10])
        if 946684800 <= seconds < 4102444800:  # 2000-2100: a publication date, not an id
            return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value


def page_meta(root: Any) -> dict[str, Any]:
    """Date, byline and site name from ``<meta>``, ``<time>`` and ``itemprop`` markup; the raw title
    candidates (``_og_title``, ``_page_title``) for :func:`_title`.

    >>> from lxml import html
    >>> page_meta(html.document_fromstring('<html><head><meta property="article:published_time" '
    ...     'content="2023-12-15T10:32:00+08:00"><meta name="author" content="Li Wei"></head><body>x</body></html>'))
    {'date': '2023-12-15T10:32:00+08:00', 'byline': 'Li Wei'}
    """
    found: dict[str, str] = {}
    meta: dict[str, Any] = {}
    for m in root.iter("meta"):
        value = _norm(m.get("content") or "")
        # property="og:title twitter:title": one tag for several keys
        for key in (m.get("property") or m.get("name") or m.get("itemprop") or "").lower().split():
            if value and key not in found:
                found[key] = value
    ld = json_ld(root)
    for key in _DATE_META:
        if found.get(key) and re.search(r"\d{4}", found[key]):
            meta["date"] = _date_value(found[key])
            break
    else:
        if ld.get("date"):
            meta["date"] = _date_value(ld["date"])
    if "date" not in meta:
        for el in root.iter("time", "span", "div", "p", "meta"):
            if (el.get("itemprop") or "").lower() == "datepublished":
                value = el.get("datetime") or el.get("content") or _text(el)
                if value and re.search(r"\d{4}", value):
                    meta["date"] = _date_value(_norm(value))
                    break
    if "date" not in meta:
        t = next(iter(root.iter("time")), None)
        if t is not None:
            value = t.get("datetime") or _text(t)
            if value and re.search(r"\d{4}", value):
                meta["date"] = _norm(value)
    if ld.get("byline"):
        meta["byline"] = ld["byline"]
    # Chinese portals name the page's web editor in <meta name="editor"> and often again in <meta
    # name="author">: that author is the editor, no byline; <meta name="source"> is the source.
    editor = found.get("editor", "")
    if _EDITOR_META_ZH.fullmatch(editor):
        meta["editors"] = editor.split()
    elif editor and pinyin_name(editor):  # a Latin value is one name, a Chinese person's (not "Adobe Dreamweaver")
        meta["editors"] = [editor]
    source = re.sub(r"^(?:来源|source)\s*[:：]\s*", "", found.get("source", ""), flags=re.I)
    if source and len(source) <= 40 and not re.search(r"https?://|\d{4}", source):
        meta["source_name"] = source
    for key in _AUTHOR_META if "byline" not in meta else ():
        value = found.get(key, "")
        if value and editor and value == editor:
            continue
        name = clean_byline(value) if value else None
        if name and _OUTLET.fullmatch(name):
            meta.setdefault("source_name", name)  # <meta property="article:author" content="环球网">: a paper, no person
        elif name:
            meta["byline"] = name
            break
    if "byline" not in meta and ld.get("byline_untyped"):
        meta["byline"] = ld["byline_untyped"]
    if "byline" not in meta:
        for el in root.iter("a", "span", "div", "p"):
            if (el.get("rel") or "").lower() == "author" or (el.get("itemprop") or "").lower() == "author":
                value = _text(el)
                name = clean_byline(value) if len(value) <= 120 else None
                if name:
                    meta["byline"] = name
                    break
    if found.get("og:site_name"):
        meta["site_name"] = found["og:site_name"]
    og = found.get("og:title") or found.get("twitter:title") or ""
    if og:
        meta["_og_title"] = og
    t = root.find(".//title")
    if t is not None and _text(t):
        meta["_page_title"] = _text(t)
        meta["_title_line"] = t.sourceline or 1
    return meta


_BLOCK_TAG = recache.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|br|tr|td|blockquote|section|article|table|figcaption)\b[^>]*>", re.I)


def _flat_text(html: str, drop: frozenset[str]) -> str:
    """Text of HTML by tag stripping: block tags become line breaks. The fallback for broken trees."""
    import html as htmlmod

    names = "|".join(sorted(t for t in drop if t.isalnum()))
    text = re.sub(r"<!--.*?-->", "", html, flags=re.S)
    text = re.sub(rf"<({names})\b[^>]*>.*?</\1\s*>", " ", text, flags=re.I | re.S)
    text = _BLOCK_TAG.sub("\n", text)
    text = re.sub(r"<[^>]*>", "", text)
    return htmlmod.unescape(text)
