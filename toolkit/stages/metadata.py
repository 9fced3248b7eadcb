"""``metadata``: titles, dates, sources, bylines, editors, keywords, library codes; article boundaries.

Lines that describe the article rather than belong to it leave the body with a
``removed`` record (reason ``metadata``) and fill the article's ``metadata``. A
dateline in front of a first sentence goes; the sentence stays. A file holding
two articles (a second title followed by ``Abstract:``/``Keywords:`` blocks)
becomes two documents.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..chars import HAN, HAN_RE
from ..model import BODY, TITLE, Block, Document, Removed, apply_edits
from ..stage import Stage, register

MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DATE = (
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}"
    rf"|{MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}} {MONTH},? \d{{4}})"
)
TIME = r"(?:\s*(?:\d{1,2}(?::\d{2}){0,2}(?:\s*[ap]\.?m\.?)?|\d{1,2}时\d{1,2}分))?"

# A line that is only a date, with an optional label and time ("2023-06-15 10", "Updated on 2024-01-31").
DATE_LINE = re.compile(
    rf"^(?:(?:updated|published|posted|released|last updated|date|time|release time|发布时间|发布日期|更新时间|时间|日期)"
    rf"(?: on| at)?\s*[:：]?\s*)?(?P<date>{DATE}){TIME}\s*$",
    re.I,
)
# "<Source> Updated on <date>": a source name and a date on one line.
SOURCE_DATE_LINE = re.compile(
    rf"^(?P<source>[A-Z][\w.&'’ -]{{1,60}}?)\s+(?i:updated|published|posted|released)(?i: on| at)?\s*[:：]?\s*(?P<date>{DATE}){TIME}\s*$",
)
# A date (and time) followed by labelled fields: "2024-03-05 08:30  Source: Foshan Daily".
DATE_FIELDS_LINE = re.compile(
    rf"^(?:(?:发布时间|发布日期|时间|日期|date|published|posted)\s*[:：]\s*)?(?P<date>{DATE}){TIME}\s+"
    rf"(?P<rest>(?:source|author|editor|reporter|来源|作者|编辑|责任编辑|记者)\s*[:：].{{1,120}})$",
    re.I,
)
# The original headline of a republished article: "原标题：…".
ORIGINAL_TITLE = re.compile(r"^[【\[(（]?\s*(?:原标题|原题|original title)\s*[:：]\s*(?P<t>.{2,120}?)\s*[】\])）]?$", re.I)
SOURCE_LINE = re.compile(
    r"^[(（\[【]?\s*(?:source|来源|文章来源|稿件来源|信息来源|本文来源|出处)\s*[:：]\s*(?P<source>[^|｜()（）\[\]【】]{1,80}?)\s*[.。]?\s*[)）\]】]?$", re.I
)
# Several labelled fields on one line: "来源：新华网 作者：李华 发布时间：2023-06-15".
FIELD_LABELS = {
    "source": r"(?:source|来源|文章来源)", "byline": r"(?:author|writer|作者|记者|reporter)", "editor": r"(?:editor|责任编辑|编辑|责编)",
    "date": r"(?:date|time|发布时间|发布日期|时间)",
}
FIELDS_LINE = re.compile(
    r"^(?:(?:" + "|".join(FIELD_LABELS.values()) + r")\s*[:：]\s*\S[^:：]{0,60}?\s*){2,}$", re.I
)
EDITOR_LINE = re.compile(
    r"^[\[【(（]?\s*(?:editors?|responsible editors?|editor[- ]in[- ]charge|executive editor|chief editor|edited by|proofreader|"
    r"reviewer|review(?:ed)? by|责任编辑|编辑|责编|审核|校对|审校|值班编辑|编审|终审|初审|复审|一审|二审|三审)\s*[:：]?\s*"
    r"(?P<names>[^:：]{1,80}?)\s*[.。]?\s*[\]】)）]?$",
    re.I,
)
BYLINE_LINE = re.compile(
    r"^(?:(?:[Bb]y|[Ww]ritten by|[Tt]ext by)\s+(?P<by>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})*)\.?"
    r"|(?P<named>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}),\s+(?:a\s+|an\s+|our\s+)?(?:staff\s+|special\s+|senior\s+|chief\s+)?"
    r"(?:reporter|correspondent|journalist|writer|contributor)s?\s+(?:from|of|with|at|for)\s+(?:the\s+)?[^.]{2,80}\.?"
    r"|(?:reporters?|correspondents?|authors?)\s*[:：]\s*[^.]{2,80}\.?"
    rf"|[（(]?\s*(?:(?:本报记者|本报通讯员|记者|通讯员|特约记者)\s*[:：]?|作者\s*[:：])\s*[{HAN}·、 ]{{2,30}}\s*[)）]?)$"
)
# Wire-style credits: "Reporting by Joe Cash; Editing by Sam Holmes", "(Additional reporting by X)".
CREDITS_LINE = re.compile(
    r"^\(?\s*(?:(?:additional |further )?reporting|reported|writing|written|compiled|text)\s+by\s+(?P<by>[^;()]{2,120}?)"
    r"(?:\s*[;,]\s*(?:editing|edited)\s+by\s+(?P<ed>[^;()]{2,120}?))?\s*\)?\.?$",
    re.I,
)
# A labelled byline: "Author: Li Hua", "Reporter: Zhang San", "Posted by admin".
LABELLED_BYLINE = re.compile(
    r"^[\[【(（]?\s*(?:(?:authors?|reporters?|correspondents?|writers?|text|words|photographers?)\s*[:：]|posted by)\s*"
    r"(?P<by>[^.:：|]{2,80}?)\s*\.?\s*[\]】)）]?$",
    re.I,
)
KEYWORDS_LINE = re.compile(r"^[\[【]?\s*(?:key ?words?|关键词|关键字)\s*[\]】]?\s*[:：]?\s*(?P<kw>.+)$", re.I)
CLC_LINE = re.compile(
    r"^(?:[\[【]\s*(?:chinese library classification(?: number| no\.?)?|clc(?: number| no\.?)?|中图分类号|分类号)\s*[\]】]\s*[:：]?"
    r"|(?:chinese library classification(?: number| no\.?)?|clc(?: number| no\.?)?|中图分类号|分类号)\s*[:：])\s*(?P<clc>[A-Z]{1,2}\d[\w.;/-]*)"
    r"(?P<rest>.*)$",
    re.I,
)
DOC_CODE = re.compile(r"(?:document identification code|document code|文献标识码)\s*[\]】]?\s*[:：]?\s*(?P<code>[A-Za-z])\b", re.I)
ARTICLE_ID = re.compile(r"(?:article id|文章编号)\s*[\]】]?\s*[:：]?\s*(?P<id>[\w.-]+)", re.I)
ABSTRACT_START = re.compile(r"^[\[【]?\s*(?:core tips?|abstract|summary|摘\s*要|内容提要|提要|核心提示|导读)\s*[\]】]?\s*[:：]", re.I)
ARTICLE_HEAD = re.compile(r"^[\[【]?\s*(?:core tips?|abstract|summary|key ?words?|摘\s*要|内容提要|核心提示|关键词)\s*[\]】]?\s*[:：]", re.I)

# A dateline in front of the first sentence: "China.com, February 19 On February 18, ..."
DATELINE_EN = re.compile(
    rf"^(?P<all>(?P<source>[A-Z][\w&'’-]*(?:\.(?:com|cn|net|org)(?:\.cn)?)?(?: [A-Z][\w&'’.-]*){{0,4}}), "
    rf"(?P<date>{MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:, \d{{4}})?))\s+(?=[A-Z\"“])"
)
DATELINE_WIRE = re.compile(
    rf"^(?P<all>(?P<place>[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)*),\s+(?P<date>{MONTH} \d{{1,2}})\s+\((?P<source>[A-Z][\w .]+)\)\s*[-—–]+)\s*"
)
DATELINE_ZH = re.compile(
    r"^(?P<all>(?P<source>新华社|中新社|中新网|人民网|央视网|中国网|新华网|光明网|中国日报网|环球网|澎湃新闻|本报)"
    rf"(?P<place>[{HAN}]{{0,8}}?)(?P<date>\d{{1,2}}月\d{{1,2}}日)电(?:\s*[（(][^）)]{{1,30}}[）)])?)\s*"
)
# "本报讯" ("this paper reports") and the like in front of a first sentence: the prefix is metadata.
DATELINE_ZH_OWN = re.compile(r"^(?P<all>(?:本报讯|本刊讯|本台消息|本网讯)(?:\s*[（(][^）)]{1,30}[）)])?)\s*")
_END_PUNCT = re.compile(r"[.!?。！？…]$")


@lru_cache(maxsize=1)
def _wordlist() -> tuple[list[str], frozenset[str]]:
    from wordfreq import top_n_list

    words = [w for w in top_n_list("en", 60000) if w.isalpha()]
    return sorted(words), frozenset(words)


def cut_off_word(text: str) -> str | None:
    """The last word of ``text`` when it looks cut off mid-word (a prefix of a common word), else None.

    >>> cut_off_word("Guangdong's annual import and expor"), cut_off_word("Guangdong's annual import and export")
    ('expor', None)
    """
    if _END_PUNCT.search(text) or HAN_RE.search(text[-1:]):
        return None
    m = re.search(r"([A-Za-z]+)$", text)
    if not m:
        return None
    word = m.group(1)
    low = word.lower()
    ordered, known = _wordlist()
    if low in known or len(low) < 2:
        return None
    i = bisect.bisect_left(ordered, low)
    if i < len(ordered) and ordered[i].startswith(low) and len(ordered[i]) > len(low):
        return word
    return None


def is_title_like(text: str) -> bool:
    """A plausible title: short, at most one sentence.

    >>> is_title_like("Many provinces have held economic work conferences to clarify key tasks")
    True
    >>> is_title_like("China.com, February 19 On February 18, the first working day. It was cold. " * 3)
    False
    """
    if HAN_RE.search(text) and len(HAN_RE.findall(text)) * 3 > len(text):
        return 2 <= len(text) <= 60 and not re.search("[。！？；]", text)
    words = text.split()
    if not 2 <= len(words) <= 40 or len(text) > 250 or sum(1 for w in words if re.search(r"[A-Za-z]{2}", w)) < 2:
        return False
    inner = re.findall(r"\.(?=\s*[A-Z])", text)
    # (A lowercase start is allowed: later stages may capitalize it, and the decision must not change.)
    return len(inner) == 0


def _opens_story(text: str) -> bool:
    """Lines that open a news story: a date line, a source/date line, or a dateline before a sentence."""
    if len(text) <= 120 and (DATE_LINE.match(text) or SOURCE_DATE_LINE.match(text) or DATE_FIELDS_LINE.match(text)):
        return True
    return any(rx.match(text) for rx in (DATELINE_WIRE, DATELINE_ZH))


def split_names(names: str) -> list[str]:
    """Editor names from one field.

    >>> split_names("Zhao Xiaowen."), split_names("李华、王明"), split_names("Li Hua and Wang Ming")
    (['Zhao Xiaowen'], ['李华', '王明'], ['Li Hua', 'Wang Ming'])
    """
    parts = re.split(r"\s*(?:[,，、;；/|]|\band\b|&)\s*", names.strip().rstrip(".。"))
    return [p.strip() for p in parts if p.strip()]


@register
class Metadata(Stage):
    name = "metadata"
    requires = ("blocks",)
    provides = ("articles", "title", "metadata")
    uses = ("paragraphs", "boilerplate-removed")
    description = "Move titles, dates, sources, datelines, bylines, editors, keywords and CLC codes to metadata; split glued articles."

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``split_articles``: split a file holding several articles (default true).
        ``title``: take the first title-like line as the title (default true)."""

        split_articles: bool = True
        title: bool = True

    def run(self, doc: Document) -> None:
        body = [b for b in doc.blocks if b.role == BODY]
        if self.options.split_articles:
            self._split(doc, body)
        for art in sorted({b.article for b in body}):
            blocks = [b for b in body if b.article == art]
            self._article(doc, art, blocks)

    def _split(self, doc: Document, body: list[Block]) -> None:
        """A title-like line followed within three blocks by Abstract/Keywords starts a new article."""
        art = 0
        marked = [b for b in body if b.kind == "boilerplate"]  # --keep-boilerplate: not content
        body = [b for b in body if b.kind != "boilerplate"]
        for i, b in enumerate(body):
            if i > 0 and is_title_like(b.text) and not _END_PUNCT.search(b.text) and not ARTICLE_HEAD.match(b.text):
                following = body[i + 1 : i + 4]
                abstract = any(ABSTRACT_START.match(f.text) for f in following) and not any(
                    ABSTRACT_START.match(p.text) for p in body[max(0, i - 3) : i]
                )
                # ...or a headline followed by the lines that open a news story: a date or source
                # line, or a dateline in front of the first sentence.
                opening = bool(following) and _opens_story(following[0].text) and i + 2 < len(body)
                if (abstract or opening) and any(p.article == art for p in body[:i]):
                    art += 1
            b.article = art
        for m in marked:
            m.article = max((b.article for b in body if b.line <= m.line), default=0)
        if art:
            last = 0
            for blk in doc.blocks:  # non-body blocks follow the article they sit in
                if blk.role == BODY:
                    last = blk.article
                else:
                    blk.article = last
            for r in doc.removed:
                r.article = next((blk.article for blk in doc.blocks if blk.line >= r.line), last)

    def _article(self, doc: Document, art: int, blocks: list[Block]) -> None:
        from .bilingual import interleaved_pairs

        meta = doc.meta(art)
        seen_long = False
        seen_abstract = False
        # A page interleaving zh and en paragraphs has no single-language title to take.
        # (A bilingual heading, "国务院部署… State Council rolls out …", still is one.)
        interleaved = bool(interleaved_pairs([b.lang for b in blocks]))
        title_done = not self.options.title or (interleaved and not (blocks and blocks[0].lang == "mixed"))
        for idx, b in enumerate(blocks):
            t = b.text
            if self._field_line(doc, meta, b, t, seen_long, seen_abstract):
                continue
            if not title_done:
                title_done = True
                rest = [x for x in blocks[idx + 1 :] if x.role == BODY]
                if rest and is_title_like(t) and not DATELINE_EN.match(t):
                    b.role = TITLE
                    b.kind = "heading"
                    word = cut_off_word(t)
                    if word:
                        b.flag("truncated-title", max(0, len(t) - len(word)), t,
                               f"the title ends mid-word ({word!r}): the site cut it off", stage=self.name,
                               rule="metadata/truncated-title")
                    continue
            if idx <= 3 and not seen_long:
                self._dateline(doc, meta, b)
            if ABSTRACT_START.match(b.text):
                seen_abstract = True
            if len(b.text) >= 200:
                seen_long = True

    def _removed(self, doc: Document, b: Block, rule: str) -> None:
        doc.remove(b, "metadata", rule, self.name)

    def _field_line(self, doc: Document, meta: dict, b: Block, t: str, seen_long: bool, seen_abstract: bool) -> bool:  # type: ignore[type-arg]
        if len(t) > 300:
            return False
        m = DATE_LINE.match(t)
        if m:
            meta.setdefault("date", m.group("date"))
            self._removed(doc, b, "metadata/date")
            return True
        m = SOURCE_DATE_LINE.match(t)
        if m:
            meta.setdefault("source_name", m.group("source").strip())
            meta.setdefault("date", m.group("date"))
            self._removed(doc, b, "metadata/source-date")
            return True
        m = DATE_FIELDS_LINE.match(t)
        if m:
            meta.setdefault("date", m.group("date"))
            self._fields(meta, m.group("rest"))
            self._removed(doc, b, "metadata/date-fields")
            return True
        if FIELDS_LINE.match(t):
            self._fields(meta, t)
            self._removed(doc, b, "metadata/fields")
            return True
        m = ORIGINAL_TITLE.match(t)
        if m:
            meta.setdefault("original_title", m.group("t"))
            self._removed(doc, b, "metadata/original-title")
            return True
        m = SOURCE_LINE.match(t)
        if m:
            meta.setdefault("source_name", m.group("source").strip())
            self._removed(doc, b, "metadata/source")
            return True
        m = EDITOR_LINE.match(t)
        if m and len(m.group("names")) <= 60 and not _END_PUNCT.search(m.group("names").rstrip(".。") + "x"):
            meta.setdefault("editors", []).extend(split_names(m.group("names")))
            self._removed(doc, b, "metadata/editor")
            return True
        m = CREDITS_LINE.match(t)
        if m:
            meta.setdefault("byline", m.group("by").strip())
            if m.group("ed"):
                meta.setdefault("editors", []).extend(split_names(m.group("ed")))
            self._removed(doc, b, "metadata/credits")
            return True
        m = LABELLED_BYLINE.match(t)
        if m and len(m.group("by").split()) <= 5:  # names, not a sentence after "Text:"
            meta.setdefault("byline", m.group("by").strip())
            self._removed(doc, b, "metadata/byline")
            return True
        m = BYLINE_LINE.match(t)
        if m and len(t) <= 160:
            meta.setdefault("byline", t)
            self._removed(doc, b, "metadata/byline")
            return True
        m = CLC_LINE.match(t)
        if m:
            meta.setdefault("clc", m.group("clc").rstrip(".;"))
            code = DOC_CODE.search(m.group("rest"))
            if code:
                meta.setdefault("document_code", code.group("code").upper())
            aid = ARTICLE_ID.search(m.group("rest"))
            if aid:
                meta.setdefault("article_id", aid.group("id"))
            self._removed(doc, b, "metadata/clc")
            return True
        m = KEYWORDS_LINE.match(t)
        if m and (seen_abstract or not seen_long):
            kws = [k.strip() for k in re.split(r"\s*[,;，；、]\s*|\s{2,}", m.group("kw").strip().rstrip(".。")) if k.strip()]
            meta.setdefault("keywords", []).extend(kws)
            self._removed(doc, b, "metadata/keywords")
            return True
        return False

    @staticmethod
    def _fields(meta: dict, text: str) -> None:  # type: ignore[type-arg]
        """Fill metadata from labelled fields ("来源：新华网 作者：李华", "Source: X Editor: Y")."""
        for key, label in FIELD_LABELS.items():
            fm = re.search(label + r"\s*[:：]\s*(\S[^:：]*?)(?=\s+\S+\s*[:：]|$)", text, re.I)
            if fm:
                val = fm.group(1).strip().rstrip("|｜/·,，;；").strip()
                if key == "editor":
                    meta.setdefault("editors", []).extend(split_names(val))
                elif key == "source":
                    meta.setdefault("source_name", val)
                else:
                    meta.setdefault(key, val)

    def _dateline(self, doc: Document, meta: dict, b: Block) -> None:  # type: ignore[type-arg]
        for rx, rule in ((DATELINE_WIRE, "metadata/dateline-wire"), (DATELINE_EN, "metadata/dateline"),
                         (DATELINE_ZH, "metadata/dateline-zh")):
            m = rx.match(b.text)
            if not m or m.end() >= len(b.text):
                continue
            meta.setdefault("source_name", m.group("source").strip())
            meta.setdefault("date", m.group("date"))
            doc.removed.append(Removed(m.group("all").strip(), "metadata", rule, b.line, self.name, b.article))
            apply_edits(b, self.name, [(0, m.end(), "", rule)])
            return
        m = DATELINE_ZH_OWN.match(b.text)
        if m and m.end() < len(b.text):
            doc.removed.append(Removed(m.group("all").strip(), "metadata", "metadata/dateline-zh", b.line, self.name, b.article))
            apply_edits(b, self.name, [(0, m.end(), "", "metadata/dateline-zh")])
