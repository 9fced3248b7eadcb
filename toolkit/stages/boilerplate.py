"""``boilerplate``: remove what a scraper printed around the article, by rules that are data.

Rule packs are YAML files (``toolkit/data/boilerplate-*.yaml``, plus the user's
own through the ``packs`` option). A rule matches a whole line, or an anchored
prefix or suffix of one, never a word inside a sentence. Beyond fixed rules:
lines made only of UI words, short lines sandwiched between boilerplate, and
link-dense HTML blocks.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import recache, yamlio
from ..chars import EN_MONTH, EN_MONTHS, HAN, HAN_RE, SENTENCE_END
from ..errors import ConfigError
from ..model import BODY, Block, Document, apply_edits
from ..stage import Stage, register
from .structure import relist

BUILTIN_PACKS = ("boilerplate-en.yaml", "boilerplate-zh.yaml")
CATEGORIES = ("boilerplate", "image", "caption", "metadata")
_RULE_KEYS = ("id", "category", "match", "lines", "pattern", "comment", "case_sensitive", "max_chars", "heads_list", "needs",
              "opens_comments", "names_thread", "not_first")
_PACK_KEYS = ("pack", "lang", "rules", "description")

#: Words that make up navigation and widget lines; a short line of only these is UI.
UI_WORDS = frozenset(
    """home news share print close login register sign in up out next previous prev more top back to menu search
    comment comments favorite favorites favourite like likes report view views read reads related recommend
    recommended hot latest popular picture pictures photo photos video videos tag tags page pages article articles
    cart subscribe follow us rss feed email mail the and or of a all site map sitemap help contact about
    首页 返回 分享 打印 关闭 登录 注册 更多 相关 推荐 热门 评论 收藏 举报 图片 视频""".split()
)
# A label ends without a full stop or an ellipsis, except the "more…" kind of link and a search
# box's "Search…" ("Follow us!" and "登录？" are labels; "Like…" and "Read." are speech).
# UI words that are also function words: they never make a label on their own.
_UI_WEAK = frozenset("us the and or of a to in up out all".split())
# The rules whose lines show a comment thread: its widgets and counters.
_COMMENT_WIDGET = recache.compile(r"/comments/(?!heading)")
_SENTENCE_END = recache.compile(r"(?:[.。…]|\.\.\.)[\"'”’)）]*\s*$")
_UI_ELLIPSIS = recache.compile(r"(?i:more|search|loading|更多|搜索)\s*(?:…+|\.{3,}|>+|»)\s*$")
_TOKEN = recache.compile(f"[A-Za-z]+|[{HAN}]+|\\d+")
_PAGE_COUNT = recache.compile(r"(?i:\d+\s*pages?|pages\s*[:：]\s*\d+)")  # "Page: 784" locates, "Pages: 48" counts


#: The heuristics' rule ids (``disable`` can name them like pack rules).
HEURISTICS = ("heuristic/link-density", "heuristic/ui-words", "heuristic/sandwiched", "heuristic/listed", "heuristic/comments",
              "heuristic/archive-list")
_MONTH_NUM = {m[:3].lower(): i for i, m in enumerate(EN_MONTHS, 1)}
# A blog's archive widget line: "November 2010 (10)", "► January (4)", "March 2007"; and a category
# widget's: a label with a post count, "Cheese (88)" (a year in brackets is no count: "Orientalism
# (1978)", a bibliography; a count with a thousands separator is a table's figure: "Guangdong (1,356)").
_ARCHIVE_MONTH = recache.compile(rf"[►▼▶»›•·*\-–\s]*(?P<month>{EN_MONTH})(?: (?P<year>(?:19|20)\d\d))?\s*(?P<count>\(\d{{1,4}}\))?\s*")
_LABEL_COUNT = recache.compile(r"[►▼▶»›•·*\-–\s]*[^\s()（）.!?。！？][^()（）.!?。！？]{0,40}?\s*\((?!1\d{3}\)|20\d\d\))\d{1,4}\)\s*")
#: Headings of a blog's widgets: under one, three labels with counts are a category list.
_WIDGET_HEADINGS = frozenset("archive archives blog archive categories category labels tags topics sections".split())
#: Lines of an archive or category widget in a row that make one (heuristic/archive-list).
ARCHIVE_RUN = 3


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    pack: str
    category: str
    match: str
    regex: re.Pattern[str]
    max_chars: int
    comment: str
    #: The line heads a list of links ("Related reading:"): see ``Boilerplate._listed``.
    heads_list: bool = False
    #: Strings (lowercase) one of which a line must hold for the pattern to be tried at all: a C
    #: substring test rules out most lines before an expensive pattern runs (``needs`` in the pack).
    needs: tuple[str, ...] = ()
    #: The line opens the readers' comments ("Comments (23)", "网友评论"): see ``Boilerplate._comments``.
    opens_comments: bool = False
    #: ... and names the thread itself ("24 Responses to “Day 1”", "{ 141 comments… read them below }"):
    #: no comment widget needs to show under it.
    names_thread: bool = False
    #: The rule reads a headline after a label ("Watch: …", "In pictures: …"): on a document's first
    #: line (the first that no rule removes whole) that is the article's own headline, and it stays.
    not_first: bool = False


def _compile_pack(data: Any, where: str) -> list[Rule]:
    pack = str((data.get("pack") if isinstance(data, dict) else None) or Path(where).stem)
    rules: list[Rule] = []
    for r, rid, line in yamlio.pack_rules(data, where, kind="rule pack", pack_keys=_PACK_KEYS, rule_keys=_RULE_KEYS):
        cat = r.get("category", "boilerplate")
        match = r.get("match", "line")
        if cat not in CATEGORIES:
            raise ConfigError(f"rule {rid!r}: category {cat!r} is not one of {', '.join(CATEGORIES)}", path=where, line=line)
        for key in ("heads_list", "opens_comments", "names_thread", "not_first"):
            if not isinstance(r.get(key, False), bool):
                raise ConfigError(f"rule {rid!r}: {key} must be true or false", path=where, line=line)
        needs = r.get("needs", [])
        if not isinstance(needs, list) or not all(isinstance(x, str) and x for x in needs):
            raise ConfigError(f"rule {rid!r}: needs must be a list of non-empty strings", path=where, line=line)
        if match not in ("line", "prefix", "suffix"):
            raise ConfigError(f"rule {rid!r}: match {match!r} is not line, prefix or suffix", path=where, line=line)
        if "lines" in r:
            lines = r["lines"]
            if not isinstance(lines, list) or not all(isinstance(x, str) and x.strip() for x in lines):
                raise ConfigError(f"rule {rid!r}: 'lines' must be a list of non-empty strings", path=where, line=line)
            source = "(?:" + "|".join(re.escape(x.strip()) for x in sorted(lines, key=len, reverse=True)) + r")[\s:：.。!！>»]*"
        elif isinstance(r.get("pattern"), str):
            source = r["pattern"]
        else:
            raise ConfigError(f"rule {rid!r} needs 'lines' or 'pattern'", path=where, line=line)
        flags = 0 if r.get("case_sensitive") else re.IGNORECASE
        try:
            if match == "prefix":
                regex = recache.compile(f"^(?:{source})", flags)
            elif match == "suffix":
                regex = recache.compile(f"(?:{source})$", flags)
            else:
                regex = recache.compile(f"(?:{source})", flags)
        except re.error as exc:
            raise ConfigError(f"rule {rid!r}: invalid regex: {exc}", path=where, line=line) from None
        default_max = 2000 if cat == "caption" else 200
        rules.append(Rule(f"{pack}/{rid}", pack, cat, match, regex, int(r.get("max_chars", default_max)),
                          str(r.get("comment", "")), bool(r.get("heads_list", False)), tuple(x.lower() for x in needs),
                          opens_comments=bool(r.get("opens_comments", False) or r.get("names_thread", False)),
                          names_thread=bool(r.get("names_thread", False)), not_first=bool(r.get("not_first", False))))
    return rules


#: Seconds one probe of a pack pattern may take; catastrophic backtracking takes far longer.
PROBE_BUDGET = 0.02
_PROBE_REPEATS = (6, 10, 14, 18, 22, 26, 60, 200, 1000)


def pattern_risk(rx: re.Pattern[str], source: str, *, match: str = "line", max_chars: int = 200) -> str | None:
    """Why ``rx`` (compiled as :func:`_compile_pack` compiles it for ``match``) can hang, or ``None``.

    It is run as :func:`match_line` runs it on adversarial lines built from its own characters
    and words, repeated 6 to 1,000 times with a non-matching tail (a ``line`` rule only up to
    its ``max_chars``, the longest line it is tried on); a probe over :data:`PROBE_BUDGET`
    CPU seconds (three times over) means catastrophic backtracking. Growing sizes stop a hanging
    pattern early.

    >>> pattern_risk(recache.compile(r"(?:(a+)+$)"), r"(a+)+$")[:45]
    "backtracks catastrophically on 'aaaaaaaaaaaaa"
    >>> pattern_risk(recache.compile("(?:(?:share|tweet) *:? *(?:facebook *[,|]? *)*)", re.I), "share") is None
    True
    """
    chars = sorted({c for c in source if c.isalnum()} | {"a", "1"})[:8]
    # Sorted by length, then text: the same probes on every run (a set's order varies with the hash seed).
    words = sorted({w for w in re.findall(r"[^\W\d_]{2,}", source)}, key=lambda w: (len(w), w))[:6]
    units = chars + [" ", "\t", ".", "-", "a1", "a-", "a.", "a "] + [c + " " for c in chars[:4]] + words + [w + " " for w in words]
    run = rx.fullmatch if match == "line" else rx.match if match == "prefix" else rx.search
    heads = [""] + [w + " " for w in words]  # a repeat often follows a required word
    for head, unit, tail in ((h, u, t) for h in heads for u in units for t in ("!", "\u3002", "\n")):
        for n in _PROBE_REPEATS:
            probe = head + unit * n + tail
            if match == "line" and len(probe) > max_chars:
                break
            if _cpu_seconds(run, probe) > PROBE_BUDGET and min(_cpu_seconds(run, probe) for _ in range(2)) > PROBE_BUDGET:
                shown = probe if len(probe) <= 40 else probe[:37] + "..."
                return f"backtracks catastrophically on {shown!r} ({len(probe)} characters)"
    return None


def _cpu_seconds(run: Any, probe: str) -> float:
    # CPU time of this thread, not wall time: a busy machine must not make a safe pattern look slow.
    t0 = time.thread_time()
    run(probe)
    return time.thread_time() - t0


def _check_pack_patterns(data: Any, where: str) -> None:
    """Refuse a pack whose ``pattern`` could hang a run (a ConfigError naming file:line)."""
    items = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return  # _compile_pack says what is wrong
    for i, r in enumerate(items):
        source = r.get("pattern") if isinstance(r, dict) else None
        if not isinstance(source, str):
            continue
        line = r.value_pos["pattern"][0] if isinstance(r, yamlio.LMap) and "pattern" in r.value_pos else (
            items.item_pos[i][0] if isinstance(items, yamlio.LList) else None)
        match = r.get("match", "line")
        wrapped = {"prefix": f"^(?:{source})", "suffix": f"(?:{source})$"}.get(match, f"(?:{source})")
        try:
            rx = recache.compile(wrapped, 0 if r.get("case_sensitive") else re.IGNORECASE)
            max_chars = int(r.get("max_chars", 2000 if r.get("category") == "caption" else 200))
        except (re.error, TypeError, ValueError):
            continue  # _compile_pack reports it
        why = pattern_risk(rx, source, match=match, max_chars=max_chars)
        if why:
            raise ConfigError(f"rule {r.get('id')!r}: pattern {why}; rewrite it without a repeated group that "
                              "holds a repeat or alternatives matching the same text (e.g. (a+)+ -> a+)",
                              path=where, line=line)


@lru_cache(maxsize=32)
def load_packs(paths: tuple[str, ...]) -> tuple[Rule, ...]:
    """The built-in packs plus the user's (paths to YAML files); every ``pattern`` of a user's pack
    is probed for catastrophic backtracking first (:func:`pattern_risk`). The built-in packs are
    probed by the test suite instead (``tests/stages/test_pack_regex.py``): probing them on every
    run would cost a third of a second of start-up for patterns that cannot change."""
    rules: list[Rule] = []
    for name in BUILTIN_PACKS:
        text = resources.files("toolkit").joinpath(f"data/{name}").read_text(encoding="utf-8")
        rules.extend(_compile_pack(yamlio.load(text, f"toolkit/data/{name}"), f"toolkit/data/{name}"))
    for p in paths:
        try:
            text = Path(p).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read rule pack: {exc.strerror}", path=p) from None
        data = yamlio.load(text, p)
        _check_pack_patterns(data, p)
        rules.extend(_compile_pack(data, p))
    return tuple(rules)


def match_line(rules: tuple[Rule, ...], text: str) -> tuple[Rule, int, int] | None:
    """The first rule matching ``text``: ``(rule, start, end)`` of the part to remove.

    >>> rules = load_packs(())
    >>> [match_line(rules, t)[0].id for t in ("Cart", "Report 0 Favorite 0 Comment 0", "1.jpg", "返回顶部")]
    ['web-en/shop/cart', 'web-en/counters/ui', 'web-en/image/file-name', 'web-zh/nav/back-to-top']
    >>> match_line(rules, "Shoppers filled their cart with local goods.") is None
    True
    """
    n = len(text)
    low: str | None = None
    for rule in rules:
        if n > rule.max_chars and rule.match == "line":
            continue
        if rule.needs:
            if low is None:
                low = text.lower()
            if not any(x in low for x in rule.needs):
                continue
        if rule.match == "line":
            if rule.regex.fullmatch(text):
                return rule, 0, n
        elif rule.match == "prefix":
            m = rule.regex.match(text)
            if m and m.end() < n:
                return rule, 0, m.end()
        else:
            m = rule.regex.search(text)
            if m and m.start() > 0:
                return rule, m.start(), n
    return None


def is_ui_line(text: str, max_words: int = 8, max_chars: int = 80) -> bool:
    """A short line made only of navigation/widget words (and numbers).

    >>> is_ui_line("more>Related News"), is_ui_line("Related Pages"), is_ui_line("Back to the Future")
    (True, True, False)
    >>> is_ui_line("Like…"), is_ui_line("Read more…"), is_ui_line("Share")
    (False, True, True)
    >>> is_ui_line("Follow us!"), is_ui_line("登录？"), is_ui_line("Help!")
    (True, True, False)

    Function words never make a label alone ("The US", "1600 US", "AND"), and a numbered article
    is a heading ("Article 12": 第十二条). A page count is a catalogue entry's length, not a pager.

    >>> is_ui_line("The US"), is_ui_line("1600 US"), is_ui_line("Article 12"), is_ui_line("A")
    (False, False, False, False)
    >>> is_ui_line("US$49"), is_ui_line("8 Pages"), is_ui_line("Pages: 48"), is_ui_line("500 to 1300"), is_ui_line("3.0 and up")
    (False, False, False, False, False)
    >>> is_ui_line("Page 2"), is_ui_line("1 2 3 Next"), is_ui_line("Back to top"), is_ui_line("12 comments")
    (True, True, True, True)
    """
    tokens = _TOKEN.findall(text)
    if not tokens or len(tokens) > max_words or len(text) > max_chars:
        return False
    if _SENTENCE_END.search(text) and not _UI_ELLIPSIS.search(text):
        return False  # "Like…", "Read." — a word of speech ends like a sentence; a label does not
    if len(tokens) == 1 and text.rstrip().endswith(("!", "！")):
        return False  # "Help!" cried in a story; a prompt says more ("Follow us!")
    if any(re.fullmatch(r"(?:19|20)\d\d", t) for t in tokens):
        return False  # "Report 2024" is a heading, not a counter
    if _PAGE_COUNT.fullmatch(text.strip()):
        return False  # a length ("8 Pages", "Pages: 48"): a catalogue entry's, not a pager
    words = [t.lower() for t in tokens if not t.isdigit()]
    if not words or not all(t in UI_WORDS for t in words) or all(t in _UI_WEAK for t in words):
        return False
    return not (len(tokens) == 2 and words[0] == "article" and tokens[1].isdigit())


def _archive_widget(lines: list[str], heading: str | bool) -> bool:
    """Three or more lines in a row that are a blog's archive or category widget: months newest first
    ("November 2012", "October 2012" ...), months of a collapsible archive ("► January (4)") or under
    a widget's heading; or labels with post counts under a widget's heading ("Categories"). A
    timeline's months run oldest first ("March 2021", "June 2022"), a table's counts stand under their
    own heading ("Medal table": "China (40)", "Seats won": "Labour (412)"), and so do a report's
    months ("Sightings by month": "June (14)").

    >>> _archive_widget(["November 2012", "October 2012", "September 2012"], False)
    True
    >>> _archive_widget(["March 2021", "June 2022", "December 2023"], "Project timeline")
    False
    >>> _archive_widget(["Startups (88)", "Leadership (41)", "Q&A (12)"], "Categories")
    True
    >>> _archive_widget(["United States (40)", "China (40)", "Japan (20)"], "Medal table")
    False
    """
    if len(lines) < ARCHIVE_RUN:
        return False
    widget = bool(heading) and str(heading).lower().rstrip(":： ") in _WIDGET_HEADINGS
    months = [_ARCHIVE_MONTH.fullmatch(t) for t in lines]
    if all(months):
        if all(m.group("year") for m in months if m):
            keys = [(int(m.group("year")), _MONTH_NUM[m.group("month")[:3].lower()]) for m in months if m]
            return all(a > b for a, b in zip(keys, keys[1:]))  # newest first
        # months without their year: a collapsible archive's ("► January (4)") or a widget's
        return widget or all(t.lstrip()[:1] in "►▼▶" for t in lines)
    return widget


def _is_metadata_line(text: str) -> bool:
    """A labelled field ("Editor: Zhang Min", "责任编辑：王超"): the metadata stage's, not boilerplate."""
    from .metadata import EDITOR_LINE, Metadata

    return Metadata._is_field_line(text) or bool(EDITOR_LINE.match(text))


def _short_fragment(text: str, max_chars: int = 40, max_words: int = 5) -> bool:
    return len(text) <= max_chars and len(text.split()) <= max_words and not re.search(r"[.!?。！？]$", text)


def _headline_like(text: str, max_chars: int = 150) -> bool:
    """A link's headline: short, and not ending like a sentence.

    >>> _headline_like("China sets 2024 GDP growth target at around 5%"), _headline_like("Exports rose 5% in May.")
    (True, False)
    """
    return 0 < len(text) <= max_chars and not re.search(r"[.!?。！？…;；:：][\"'”’)）]*$", text)


def _link_furniture(b: Block) -> bool:
    """Can a link-dense HTML block be navigation? Not inside the page's main content (the DOM
    already told content from furniture there), and never a sentence that happens to be a link.

    >>> _link_furniture(Block("Home | World | Sports", 1, link_density=1.0))
    True
    >>> _link_furniture(Block("Several storm-ravaged areas of New York are reporting heavy turnout.", 1, link_density=1.0))
    False
    """
    if b.html_main:
        return False
    text = b.text
    sentence = SENTENCE_END.search(text) and (len(text.split()) >= 6 or len(HAN_RE.findall(text)) >= 15)
    return not sentence


@register
class Boilerplate(Stage):
    name = "boilerplate"
    requires = ("blocks",)
    provides = ("boilerplate-removed",)
    uses = ("paragraphs",)
    description = "Remove scraper boilerplate by rule packs (YAML data) and heuristics (UI words, sandwiched lines, link density)."

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``packs``: extra rule-pack YAML files. ``disable``: rule ids to switch off (pack rules such
        as ``web-en/shop/cart``, and the heuristics ``heuristic/link-density``, ``heuristic/ui-words``,
        ``heuristic/sandwiched``, ``heuristic/listed``). ``keep``: mark boilerplate (kind ``boilerplate``) instead of
        removing it. ``link_density``: HTML blocks above this share of link text are navigation
        (default 0.6) when shorter than ``link_max_chars`` (default 400). ``heuristics``: UI-word and
        sandwich heuristics (default true). ``ui_max_words``/``ui_max_chars``: longer lines are never
        UI-word lines (defaults 8 and 80). ``fragment_max_words``/``fragment_max_chars``: a line
        between two boilerplate lines is boilerplate only when this short (defaults 5 and 40)."""

        packs: tuple[str, ...] = ()
        disable: tuple[str, ...] = ()
        keep: bool = False
        link_density: float = 0.6
        link_max_chars: int = 400
        heuristics: bool = True
        ui_max_words: int = 8
        ui_max_chars: int = 80
        fragment_max_words: int = 5
        fragment_max_chars: int = 40

    def __init__(self, options: Any = None, resources: Any = None) -> None:
        super().__init__(options, resources)
        load_packs(self.options.packs)  # a broken pack is a config error now, not one per document

    @classmethod
    def rule_ids(cls, options: Any = None) -> tuple[str, ...]:
        packs = options.packs if options is not None else ()
        return tuple(r.id for r in load_packs(packs)) + HEURISTICS

    def describe(self) -> list[str]:
        rules = load_packs(self.options.packs)
        packs: dict[str, int] = {}
        for r in rules:
            packs[r.pack] = packs.get(r.pack, 0) + 1
        return ["rule packs loaded: " + ", ".join(f"{p} ({n} rules)" for p, n in packs.items())]

    def after_removal(self, doc: Document) -> None:
        relist(doc)

    def run(self, doc: Document) -> None:
        o = self.options
        off = set(o.disable)
        rules = load_packs(o.packs)
        if off:
            rules = tuple(r for r in rules if r.id not in off)
        keep = o.keep
        hits: set[int] = set()
        heads: list[int] = []  # whole lines removed by a rule that heads a list of links
        comments: list[int] = []  # ... by a rule that opens the readers' comments
        threads: set[int] = set()  # ... by one that names the thread itself
        widgets: set[int] = set()  # ... by a comment-thread rule ("Reply", "1st floor", "Load more comments")
        body = [b for b in doc.blocks if b.role == BODY]
        headline = True  # no line kept yet: the next one kept is where the headline stands
        # a Markdown table's cell is data ("Large", "Recommended" in a table of modes): no rule's line
        founds = [None if b.cell else match_line(rules, b.text) for b in body]
        openers: tuple[Rule, ...] | None = None  # the comment-heading rules, thread headings first: built when needed
        # A photo story is its captions ("1月20日，游客在…赏雪。新华社记者 李安 摄", one a photo): where
        # whole-line captions are half of the document's lines of text, they are its text.
        captions = sum(1 for f, b in zip(founds, body)
                       if f is not None and f[0].category == "caption" and (f[1], f[2]) == (0, len(b.text)))
        if captions >= 2 and 2 * captions >= sum(1 for b in body if len(b.text) >= 20):
            founds = [None if f is not None and f[0].category == "caption" else f for f in founds]
        for i, b in enumerate(body):
            found = founds[i]
            if found is not None and found[0].not_first and headline:
                headline = False
                continue  # the document's first kept line: the article's headline ("In pictures: the floods")
            if found is None or (found[1], found[2]) != (0, len(b.text)):
                headline = False  # (a heuristic may still remove it: then it was furniture, not a headline)
            if found is None:
                if b.cell:
                    continue
                if (b.link_density >= o.link_density and len(b.text) < o.link_max_chars and _link_furniture(b)
                        and "heuristic/link-density" not in off):
                    doc.remove(b, "boilerplate", "heuristic/link-density", self.name, keep=keep)
                    hits.add(i)
                elif (o.heuristics and "heuristic/ui-words" not in off
                      and is_ui_line(b.text, o.ui_max_words, o.ui_max_chars)):
                    doc.remove(b, "boilerplate", "heuristic/ui-words", self.name, keep=keep)
                    hits.add(i)
                continue
            rule, s, e = found
            if s == 0 and e == len(b.text):
                doc.remove(b, rule.category, rule.id, self.name, keep=keep)
                if rule.category == "boilerplate":  # images and captions sit next to content headings
                    hits.add(i)
                    if rule.heads_list:
                        heads.append(i)
                    if openers is None and not rule.opens_comments:
                        openers = tuple(sorted((r for r in rules if r.opens_comments and r.match == "line"),
                                               key=lambda r: not r.names_thread))
                    opener = rule if rule.opens_comments else next(
                        (r for r in openers or () if len(b.text) <= 200 and r.regex.fullmatch(b.text)), None)
                    if opener is not None:  # ("12 Comments" falls to a counter rule first)
                        comments.append(i)
                        if opener.names_thread:
                            threads.add(i)
                    elif _COMMENT_WIDGET.search(rule.id):
                        widgets.add(i)
            else:
                self._remove_part(doc, b, s, e, rule.category, rule.id)
        if o.heuristics and heads and "heuristic/listed" not in off:
            self._listed(doc, body, hits, heads, keep)
        if o.heuristics and comments and "heuristic/comments" not in off:
            for head in comments:  # a menu's "Comments" link above the article is no thread's heading
                if self._comments(doc, body, hits, widgets, head, keep, head in threads):
                    break
        if o.heuristics and "heuristic/archive-list" not in off:
            self._archive(doc, body, hits, keep)
        if o.heuristics and hits and "heuristic/sandwiched" not in off:
            self._sandwiched(doc, body, hits, keep)

    def _remove_part(self, doc: Document, b: Block, s: int, e: int, reason: str, rule: str) -> None:
        from ..model import Removed

        part = b.text[s:e]
        doc.removed.append(Removed(part.strip(), reason, rule, b.line, self.name, b.article))
        apply_edits(b, self.name, [(s, e, "", rule)])

    def _listed(self, doc: Document, body: list[Block], hits: set[int], heads: list[int], keep: bool) -> None:
        """The headlines under a list heading ("Related reading:", "相关阅读"): the lines after it up
        to the next boilerplate line or the end, when every one of them is a headline (no sentence
        end, at most 150 characters, not a metadata field). A sentence among them, or content after
        them, leaves them all in place: then the heading may be followed by the article itself."""
        for i in heads:
            j = i + 1
            while (j < len(body) and j not in hits and body[j].role == BODY and not body[j].cell and _headline_like(body[j].text)
                   and not _is_metadata_line(body[j].text)):
                j += 1
            if j == i + 1 or not (j == len(body) or j in hits):
                continue
            for k in range(i + 1, j):
                doc.remove(body[k], "boilerplate", "heuristic/listed", self.name, keep=keep)
                hits.add(k)

    def _comments(self, doc: Document, body: list[Block], hits: set[int], widgets: set[int], head: int,
                  keep: bool, thread: bool = False) -> bool:
        """The readers' comments under their heading ("Comments (23)", "网友评论"): every line after it
        to the end, when the page's comment widgets show among them (a line of a comment-thread
        rule: "Reply", "1st floor", "Load more comments"; a counter such as "Views: 1,523" is no
        evidence, notices carry them too) and they are shorter than the article above the
        heading, or, for a long thread, the widgets recur (three or more: a reply link under each
        comment) below an article of its own (600 characters of sentences above the heading). Without
        a comment widget below it (other page furniture is no evidence), or with more text below
        than above and a lone widget, the heading may name a part of the article ("Comments from
        the panel"), and the lines stay. A heading that names the thread itself (``thread``: "24
        Responses to “Day 1”") needs no widget under it. Whether the lines went."""
        rest = [k for k in range(head + 1, len(body)) if k not in hits and body[k].role == BODY]
        below = sum(1 for k in widgets if k > head)
        if not rest or not (below or thread):
            return False  # nothing left, or no comment widget among the lines below
        above = sum(len(body[k].text) for k in range(head) if k not in hits)
        if sum(len(body[k].text) for k in rest) >= above and not ((below >= 3 or thread) and self._prose(body, hits, head) >= 600):
            return False
        for k in rest:
            doc.remove(body[k], "boilerplate", "heuristic/comments", self.name, keep=keep)
            hits.add(k)
        return True

    def _archive(self, doc: Document, body: list[Block], hits: set[int], keep: bool) -> None:
        """A blog's archive or category widget (see :func:`_archive_widget`) and the short heading
        right above it ("Archives")."""
        run: list[int] = []
        for i in range(len(body) + 1):
            if i < len(body) and i not in hits and body[i].role == BODY and not body[i].cell and len(body[i].text) <= 60 \
                    and not HAN_RE.search(body[i].text) \
                    and (_ARCHIVE_MONTH.fullmatch(body[i].text) or _LABEL_COUNT.fullmatch(body[i].text)):
                run.append(i)
                continue
            h = run[0] - 1 if run else -1  # the widget's heading ("Archives", "Blog Archive", "Categories")
            heading = h >= 0 and h not in hits and body[h].role == BODY and _short_fragment(body[h].text, 25, 3) \
                and not _is_metadata_line(body[h].text)
            if len(run) >= ARCHIVE_RUN and _archive_widget([body[k].text for k in run], heading and body[h].text):
                if heading:
                    run.insert(0, h)
                for k in run:
                    doc.remove(body[k], "boilerplate", "heuristic/archive-list", self.name, keep=keep)
                    hits.add(k)
            run = []

    @staticmethod
    def _prose(body: list[Block], hits: set[int], end: int) -> int:
        """Characters of sentences (lines ending like one) kept above ``end``: an article's text, not a
        menu's or a list of headlines' (a post's "10 Comments" counter sits under such lists)."""
        return sum(len(body[k].text) for k in range(end) if k not in hits and _SENTENCE_END.search(body[k].text))

    def _sandwiched(self, doc: Document, body: list[Block], hits: set[int], keep: bool) -> None:
        """Short fragments between boilerplate lines (or between one and the end) are boilerplate too."""
        o = self.options
        changed = True
        while changed:
            changed = False
            for i, b in enumerate(body):
                if (i in hits or b.role != BODY or b.cell or not _short_fragment(b.text, o.fragment_max_chars, o.fragment_max_words)
                        or _is_metadata_line(b.text)):
                    continue
                prev_bp = i - 1 in hits
                next_bp = i + 1 in hits or i + 1 == len(body)
                if prev_bp and next_bp and (i + 1 < len(body) or i - 1 in hits):
                    doc.remove(b, "boilerplate", "heuristic/sandwiched", self.name, keep=keep)
                    hits.add(i)
                    changed = True
