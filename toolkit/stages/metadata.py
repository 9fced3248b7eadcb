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
from importlib import resources
from typing import Any

from .. import recache, wordlists, yamlio
from ..chars import ABBREV_END, HAN, HAN_RE, OUTLET_SUFFIX, STAFF_CODE, mask_name_dots
from ..lang import pinyin_name
from ..model import BODY, TITLE, Block, Document, Removed, apply_edits
from ..stage import Stage, register
from .structure import TAGS_ONLY, relist

#: The metadata field packs (label words, byline words, agencies, reporter words), English and Chinese.
FIELD_PACKS = ("metadata-en.yaml", "metadata-zh.yaml")


def load_field_packs() -> dict[str, Any]:
    """The shipped metadata packs merged: ``labels`` per field, ``byline_words``, ``agencies``, ``reporter_words``.

    >>> pack = load_field_packs()
    >>> "来源" in pack["labels"]["source"] and "Reuters" in pack["agencies"]
    True
    """
    merged: dict[str, Any] = {"labels": {"source": [], "byline": [], "editor": [], "date": []}, "info_labels": {},
                              "byline_words": [], "agencies": [], "reporter_words": [], "editor_colon": [],
                              "empty_field": [], "counter_words": []}
    for name in FIELD_PACKS:
        where = f"toolkit/data/{name}"
        data = yamlio.load(resources.files("toolkit").joinpath(f"data/{name}").read_text(encoding="utf-8"), where)
        for group in ("labels", "info_labels"):
            for field_name, words in (data.get(group) or {}).items():
                merged[group].setdefault(field_name, []).extend(str(w) for w in words)
        for key in ("byline_words", "agencies", "reporter_words", "editor_colon", "empty_field", "counter_words"):
            merged[key].extend(str(w) for w in data.get(key) or [])
    # a colon-only editor label is an editor label wherever a colon follows it
    merged["labels"]["editor"].extend(merged["editor_colon"])
    return merged


_PACK = load_field_packs()


def _alt(words: list[str]) -> str:
    """An alternation of regex fragments, longest first (so "责任编辑" wins over "编辑")."""
    return "(?:" + "|".join(sorted(set(words), key=lambda w: (-len(w), w))) + ")"


LABEL = {k: _alt(v) for k, v in _PACK["labels"].items()}
AGENCY = _alt(_PACK["agencies"])
REPORTER = _alt(_PACK["reporter_words"])

MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
DATE = (
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}"
    rf"|{MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}|\d{{1,2}} {MONTH},? \d{{4}})"
)
TIME = r"(?:\s*(?:\d{1,2}(?::\d{2}){0,2}(?:\s*[ap]\.?m\.?)?|\d{1,2}时\d{1,2}分))?"

# A weekday beside a date: "2024年1月17日（星期三）", "Wednesday, January 17, 2024", "January 17, 2024 (Wed)".
WEEKDAY = (r"(?:星期[一二三四五六日天]|周[一二三四五六日]|礼拜[一二三四五六日天]|禮拜[一二三四五六日天]"
           r"|(?:Mon|Tue|Tues|Wed|Wednes|Thu|Thur|Thurs|Fri|Sat|Satur|Sun)(?:day)?\.?)")
# A line that is only a date, with an optional label, weekday and time ("2023-06-15 10", "Updated on 2024-01-31").
DATE_LINE = recache.compile(
    rf"^(?:{LABEL['date']}(?: on| at)?\s*[:：]?\s*)?(?:{WEEKDAY},?\s+)?(?P<date>{DATE})"
    rf"(?:\s*[（(]\s*{WEEKDAY}\s*[）)]|,?\s+{WEEKDAY})?{TIME}\s*$",
    re.I,
)
# "<Source> Updated on <date>": a source name and a date on one line.
SOURCE_DATE_LINE = recache.compile(
    rf"^(?P<source>[A-Z][\w.&'’ -]{{1,60}}?)\s+(?i:updated|published|posted|released)(?i: on| at)?\s*[:：]?\s*(?P<date>{DATE}){TIME}\s*$",
)
# A date (and time) followed by labelled fields: "2024-03-05 08:30  Source: Foshan Daily".
DATE_FIELDS_LINE = recache.compile(
    rf"^(?:{LABEL['date']}\s*[:：]\s*)?(?P<date>{DATE}){TIME}\s+"
    rf"(?P<rest>(?:{LABEL['source']}|{LABEL['byline']}|{LABEL['editor']})\s*[:：].{{1,120}})$",
    re.I,
)
# Labelled fields followed by a date (and time): "Source: Beijing Daily  2024-03-01", "来源：北京日报 2024-03-01 10:00".
FIELDS_DATE_LINE = recache.compile(
    rf"^(?P<rest>(?:{LABEL['source']}|{LABEL['byline']}|{LABEL['editor']})\s*[:：][^.!?。！？]{{1,120}}?)\s+(?P<date>{DATE}){TIME}\s*$",
    re.I,
)
# A field written "Label | value" (WeChat posts' 来源 | … , 编辑 | …): one label of the packs, one bar.
PIPE_FIELD = recache.compile(
    rf"^\s*(?P<label>{LABEL['source']}|{LABEL['byline']}|{LABEL['editor']})\s*(?:[|｜丨]\s*(?P<value>[^|｜丨:：]{{1,80}}?)"
    rf"|/\s*(?P<name>(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,3}})|[{HAN}]{{2,4}}(?:\s+[{HAN}]{{2,4}}){{0,3}}))\s*$", re.I)
_SOURCE_LABEL = recache.compile(LABEL["source"] + "$", re.I)


def pipe_field(text: str) -> re.Match[str] | None:
    """PIPE_FIELD, with a slash credit's value checked ("文/李华", "Text / Li Hua", "Source / Xinhua"):
    a table's header ("Words / Phrases", "From / To", "Text / Image") is no credit. After a byline or
    editor label the value is a name in pinyin, or two or more words one of them rare as a word; after
    a source label (not a bare "From") one rare word or an outlet's name will do.

    >>> [bool(pipe_field(t)) for t in ("Text / Li Hua", "Text / Ma Long", "Source / Xinhua", "Source / China Daily",
    ...                                "文/李华", "Source | Home Review")]
    [True, True, True, True, True, True]
    >>> [bool(pipe_field(t)) for t in ("Words / Phrases", "From / To", "Text / Image", "Source / Destination")]
    [False, False, False, False]
    """
    m = PIPE_FIELD.match(text)
    if m is None or not m.group("name") or HAN_RE.search(m.group("name")):
        return m
    label, words = m.group("label"), m.group("name").split()
    if label.lower() == "from":
        return None
    rare = [w for w in words if not wordlists.at_least(w, 4.0)]
    if _SOURCE_LABEL.match(label):
        return m if rare or _names_site(m.group("name")) else None
    return m if (len(words) >= 2 and rare) or pinyin_name(m.group("name")) else None


# A social post's header: "Original <author> <account> 2023-06-12 08:00 Posted in Guangdong" (原创 … 发表于广东).
POST_HEADER = recache.compile(
    rf"^(?:(?:original|原创)\s+[^\n]{{1,80}}?\s+(?P<date>{DATE}){TIME}(?:\s+(?:posted|published|sent) (?:in|from)\s+[A-Z][\w ]{{1,30}}|\s*发表于\S{{1,10}})?"
    rf"|[^\n]{{1,80}}?\s+(?P<date2>{DATE}){TIME}\s+(?:(?:posted|published|sent) (?:in|from)\s+[A-Z][\w ]{{1,30}}|发表于\S{{1,10}}))\s*$",
    re.I,
)
# The original headline of a republished article: "原标题：…".
ORIGINAL_TITLE = recache.compile(r"^[【\[(（]?\s*(?:原标题|原题|original title)\s*[:：]\s*(?P<t>.{2,120}?)\s*[】\])）]?$", re.I)
SOURCE_LINE = recache.compile(
    r"^[(（\[【]?\s*" + LABEL["source"] + r"\s*[:：]\s*(?P<source>[^|｜()（）\[\]【】]{1,80}?)\s*[.。]?\s*[)）\]】]?$", re.I
)
# Several labelled fields on one line: "来源：新华网 作者：李华 发布时间：2023-06-15".
FIELD_LABELS = {"source": LABEL["source"], "byline": LABEL["byline"], "editor": LABEL["editor"], "date": LABEL["date"]}
_BRACKET_PAIRS = ("()", "（）", "[]", "【】")


def _unbalanced_close(text: str) -> bool:
    """Whether ``text`` ends with a closing bracket it did not open.

    >>> _unbalanced_close("新华网】"), _unbalanced_close("中国新闻网（北京）"), _unbalanced_close("The Star (Malaysia)")
    (True, False, False)
    """
    pairs = {p[1]: p[0] for p in _BRACKET_PAIRS}
    close = text[-1:]
    return close in pairs and text.count(close) > text.count(pairs[close])


_CREDIT_FIELD = recache.compile(rf"(?:{LABEL['editor']}|{LABEL['source']}|{LABEL['byline']})\s*[:：]", re.I)
FIELDS_LINE = recache.compile(
    r"^(?:(?:" + "|".join(FIELD_LABELS.values()) + r")\s*[:：]\s*\S[^:：]{0,60}?\s*){2,}$", re.I
)
# A government document page's information table: each field "<label>: <value>", one or several
# on a line. The table's own labels (index number, subject, issuer, document number) make a line a
# table line; its date and title labels ("Date of writing", "Title", "Release date"), which other
# pages use too (a phone's "Release Date: TBA"), count only beside such a line.
_TABLE_KEYS = tuple(k for k in _PACK["info_labels"] if k not in ("title", "date"))
_INFO_WORDS = {**_PACK["info_labels"], **{f"plain_{k}": _PACK["labels"][k] for k in ("source", "date")}}


def _info_alt(words: list[str]) -> str:
    # A Latin label starts a line or follows a space; a Chinese one may follow the last value directly
    # (a table's lines joined without a space: "…审计\其他发文机关：…").
    han = [w for w in words if re.match(f"[{HAN}]", w)]
    latin = [w for w in words if w not in han]
    return "|".join(([r"(?<![^\s\[【])" + _alt(latin)] if latin else []) + ([_alt(han)] if han else []))


_INFO_ALTS = {k: _info_alt(v) for k, v in _INFO_WORDS.items()}
INFO_FIELD = recache.compile(r"[\[【]?(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _INFO_ALTS.items())
                             + r")\s*[\]】]?\s*[:：]\s*", re.I)
_END_SENTENCE = recache.compile(r"[a-z]{2,}[.!?]\s*$|[。！？]\s*$")


def info_fields(text: str, *, beside: bool = False) -> dict[str, str] | None:
    """The fields of an information-table line (``index_number``, ``subject``, ``issuer``, ``date``,
    ``document_number``, ``title``, ``source``), or None when the line is not made of such fields
    or holds none of the table's own labels (a lone "Source: X" is the source line's business).
    ``beside``: the line stands beside a table line, so the table's date or title label is enough.

    >>> info_fields("Index number: 000014349/2024-00012")
    {'index_number': '000014349/2024-00012'}
    >>> info_fields("索引号：000014349/2024-00012 主题分类：财政、金融 发文机关：国务院办公厅")
    {'index_number': '000014349/2024-00012', 'subject': '财政、金融', 'issuer': '国务院办公厅'}
    >>> info_fields("Issuing authority: the bureau said it would act soon, and it did.") is None
    True
    >>> info_fields("Release Date: TBA"), info_fields("Release Date: TBA", beside=True)
    (None, {'date': 'TBA'})
    """
    if len(text) > 400 or (":" not in text and "：" not in text) or not INFO_FIELD.match(text):
        return None
    marks = list(INFO_FIELD.finditer(text))
    out: dict[str, str] = {}
    own = weak = False  # one of the table's own labels; its date or title label
    for m, nxt in zip(marks, [*marks[1:], None]):
        value = text[m.end():nxt.start() if nxt else len(text)].strip().rstrip("|｜;；,，")
        if not value or len(value) > 160 or _END_SENTENCE.search(value):
            return None
        group = next(k for k in _INFO_ALTS if m.group(k))
        own = own or group in _TABLE_KEYS
        weak = weak or group in ("date", "title")
        out.setdefault(group.removeprefix("plain_"), value)
    return out if own or (beside and weak) else None


# A view counter after a line's fields ("发布时间：2024-01-05 浏览次数：1234", "… Views: 1,253").
_COUNTER_TAIL = recache.compile(r"\s+" + _alt(_PACK["counter_words"]) + r"\s*[:：]?\s*[\d,]+\s*次?\s*$", re.I)


def _value_below(nxt: str | None) -> bool:
    """Whether the line below an empty field's label is its value or a turn of an interview
    ("Author:" over "Li Hua", "Reporter:" over "What changed?"): a question, or a short line (12
    characters in Chinese, 60 otherwise) with no sentence end, that is no field line itself. An
    empty label above a field line, a sentence or nothing is an empty field the site printed.

    >>> [_value_below(t) for t in ("Li Hua", "李华", "What changed?", "会上，市政府有关负责人介绍了情况。", "The fair opens on May 5.", None)]
    [True, True, True, False, False, False]
    """
    if nxt is None or any(rx.match(nxt) for rx in (EMPTY_FIELD, EDITOR_LINE, LABELLED_BYLINE)) \
            or Metadata._is_field_line(nxt):
        return False
    t = nxt.strip()
    if t.endswith(("?", "？")):
        return True
    if _VALUE_END.search(t):
        return False  # a sentence: the article under a label printed empty
    return len(t) <= (12 if HAN_RE.search(t) else 60)


_VALUE_END = recache.compile(r"[.!;。！；，,]$")


# An editor, author or source label with nothing after it ("Responsible editor:", "责任编辑：",
# "【Source:】"): the site printed an empty field. Labels that head a value on the next line in
# notices ("Time:", "Review:") are not among them.
EMPTY_FIELD = recache.compile(r"^[\[【(（]?\s*" + _alt(_PACK["empty_field"]) + r"\s*[:：]\s*[\]】)）]?$", re.I)
EDITOR_LINE = recache.compile(
    r"^[\[【(（]?\s*(?:" + _alt([w for w in _PACK["labels"]["editor"] if w not in _PACK["editor_colon"]])
    + r"(?![A-Za-z])\s*[:：]?|" + _alt(_PACK["editor_colon"]) + r"\s*[:：])\s*"
    r"(?P<names>[^:：]{1,80}?)\s*[.。]?\s*[\]】)）]?$",
    re.I,
)
# A Chinese outlet's name before a reporter's role: a paper, site, agency or station ("澎湃新闻", "扬子晚报",
# "新华社", "央视"), or this outlet's own ("本报", "本台"); a bare abbreviation only with a rank ("南都见习记者").
_OUTLET_ZH = rf"(?:本报|本台|本刊|本网|[{HAN}A-Za-z]{{1,10}}?{OUTLET_SUFFIX})"
BYLINE_LINE = recache.compile(
    r"^(?:(?:[Bb]y|[Ww]ritten by|[Tt]ext by)\s+(?P<by>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})*)"
    r"(?:\s+in\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})?\.?"  # "By ZHANG YI in Beijing": a wire's or China Daily's
    r"|(?P<named>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}),\s+(?:a\s+|an\s+|our\s+)?(?:staff\s+|special\s+|senior\s+|chief\s+)?"
    r"(?:reporter|correspondent|journalist|writer|contributor)s?\s+(?:from|of|with|at|for)\s+(?:the\s+)?[^.]{2,80}\.?"
    r"|(?:reporters?|correspondents?|authors?)\s*[:：]\s*[^.]{2,80}\.?"
    rf"|[（(]?\s*(?:(?:采写|采访|撰稿|文字)\s*[:：]\s*)?(?:(?:{_OUTLET_ZH})?(?:见习|实习|特约|首席|全媒体|融媒体)?(?:记者|通讯员)\s*[:：]?"
    rf"|[{HAN}]{{2,4}}(?:见习|实习|特约|首席|全媒体|融媒体)(?:记者|通讯员)\s*[:：]?|本报通讯员|作者\s*[:：])\s*(?P<zh>[{HAN}·、 ]{{2,30}})\s*[)）]?)$"
)


def byline_line(text: str) -> bool:
    """A byline line: BYLINE_LINE, with Chinese names that are names ("记者：谢谢" is an interview's
    "Reporter: Thank you"); the outlet and the reporter's rank may come first.

    >>> [byline_line(t) for t in ("本报记者 王五", "澎湃新闻记者 段彦超 廖艳", "采写：南都见习记者 林子沛", "记者：谢谢")]
    [True, True, True, False]
    >>> [byline_line(t) for t in ("外国记者采访了他", "今天我们见到了记者", "记者 张三 李四", "对话战地记者周轶君", "优秀记者：王芳 李强 赵敏")]
    [False, False, True, False, False]
    """
    m = BYLINE_LINE.match(text)
    return m is not None and len(text) <= 160 and (not m.group("zh") or bool(editor_names(m.group("zh"))))
# Wire-style credits: "Reporting by Joe Cash; Editing by Sam Holmes", "(Additional reporting by X)".
CREDITS_LINE = recache.compile(
    r"^\(?\s*(?:(?:additional |further )?reporting|reported|writing|written|compiled|text)\s+by\s+(?P<by>[^;()]{2,120}?)"
    r"(?:\s*[;,]\s*(?:editing|edited)\s+by\s+(?P<ed>[^;()]{2,120}?))?\s*\)?\.?$",
    re.I,
)
# A labelled byline: "Author: Li Hua", "Reporter: Zhang San", "Posted by admin".
LABELLED_BYLINE = recache.compile(
    r"^[\[【(（]?\s*(?:(?:authors?|reporters?|journalists?|correspondents?|writers?|text|words|photographers?|reported by"
    r"|文|撰文|文字|文图|图文)\s*[:：]"
    r"|posted by)\s*"
    r"(?P<by>[^.:：|]{2,80}?)\s*\.?\s*[\]】)）]?$",
    re.I,
)
# An unlabelled English byline: the role word, then names, after an outlet's name or alone ("(Reporter
# Li Wei)", "Xinhua News Agency reporters Chen Shangying, Wang Liwu and Liu Xiacun", "Hunan Daily
# Reporter Jiang Rui, Correspondent Xiao Yan"): the English of "（记者 李伟）".
_ROLE = recache.compile(r"^(?:reporters?|journalists?|correspondents?)$", re.I)
_ROLE_WORD = recache.compile(r"\b(?:[Rr]eporters?|[Jj]ournalists?|[Cc]orrespondents?)\b")
_ROLE_TOKEN = recache.compile(r"[(（]|[)）]|,|[:：]|[^\s,:：()（）]+")


def reporter_byline(text: str) -> str | None:
    """The names of a line made only of an outlet, a reporter's role and names, or None. A name is
    one to four capitalized words that are not common English words, so a headline that opens with
    the role ("Journalist Killed in Mexico", "Reporters Without Borders Condemns Arrest") is none.

    >>> reporter_byline("(Reporter Li Wei)"), reporter_byline("CCTV reporter Zhang Gang")
    ('Li Wei', 'Zhang Gang')
    >>> reporter_byline("Hunan Daily, New Hunan Client, by journalist Jiang Rui and correspondent Xiao Yan")
    'Jiang Rui, Xiao Yan'
    >>> reporter_byline("Chongqing Morning News·cqcb.com Reporter: Lin Qi")
    'Lin Qi'
    >>> reporter_byline("Journalist Killed in Mexico"), reporter_byline("Reporters Without Borders Condemns Arrest")
    (None, None)
    """
    if len(text) > 120 or not text[:1].isupper() and text[:1] not in "(（":
        return None
    toks = [t for t in _ROLE_TOKEN.findall(text) if t not in "()（）:："]
    first = next((k for k, t in enumerate(toks) if _ROLE.match(t)), None)
    if first is None or any(t[:1].islower() and t not in ("of", "and", "the", "by") for t in toks[:first]):
        return None
    names: list[list[str]] = [[]]
    for t in toks[first + 1 :]:
        if t in (",", "and", "&") or _ROLE.match(t):
            if names[-1]:
                names.append([])
            continue
        if not t[:1].isupper() or not t.replace("-", "").isalpha() or wordlists.at_least(t, 4.6):
            return None
        names[-1].append(t)
    names = [n for n in names if n]
    if not names or any(len(n) > 4 for n in names) or all(len(n) < 2 for n in names):
        return None
    return ", ".join(" ".join(n) for n in names)


KEYWORDS_LINE = recache.compile(r"^[\[【]?\s*(?:key ?words?|关键词|关键字)\s*[\]】]?\s*[:：]?\s*(?P<kw>.+)$", re.I)
CLC_LINE = recache.compile(
    r"^(?:[\[【]\s*(?:chinese library classification(?: number| no\.?)?|clc(?: number| no\.?)?|中图分类号|分类号)\s*[\]】]\s*[:：]?"
    r"|(?:chinese library classification(?: number| no\.?)?|clc(?: number| no\.?)?|中图分类号|分类号)\s*[:：])\s*(?P<clc>[A-Z]{1,2}\d[\w.;/-]*)"
    r"(?P<rest>.*)$",
    re.I,
)
DOC_CODE = recache.compile(r"(?:document identification code|document code|文献标识码)\s*[\]】]?\s*[:：]?\s*(?P<code>[A-Za-z])\b", re.I)
ARTICLE_ID = recache.compile(r"(?:article id|文章编号)\s*[\]】]?\s*[:：]?\s*(?P<id>[\w.-]+)", re.I)
# An official document's number: 国发〔2024〕12号, as MT renders it "Guo Fa [2024] No. 12".
DOC_NUMBER_LINE = recache.compile(
    rf"^\s*(?P<num>(?:[A-Z][a-z]{{0,5}}(?: [A-Z][a-z]{{0,5}}){{0,3}}|[{HAN}]{{1,10}})\s*[\[〔【(（]\s*(?:19|20)\d\d\s*[\]〕】)）]"
    rf"\s*(?:No\.?\s*)?\d{{1,4}}\s*(?:号)?)\s*$")
ABSTRACT_START = recache.compile(r"^[\[【]?\s*(?:core tips?|abstract|summary|摘\s*要|内容提要|提要|核心提示|导读)\s*[\]】]?\s*[:：]", re.I)
ARTICLE_HEAD = recache.compile(r"^[\[【]?\s*(?:core tips?|abstract|summary|key ?words?|摘\s*要|内容提要|核心提示|关键词)\s*[\]】]?\s*[:：]", re.I)

# A dateline in front of the first sentence: "China.com, February 19 On February 18, ..."
DATELINE_EN = recache.compile(
    rf"^(?P<all>(?P<source>[A-Z][\w&'’-]*(?:\.(?:com|cn|net|org)(?:\.cn)?)?(?: [A-Z][\w&'’.-]*){{0,4}}), "
    rf"(?P<date>{MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:, \d{{4}})?))\s+(?=[A-Z\"“])"
)
DATELINE_WIRE = recache.compile(
    rf"^(?P<all>(?!{WEEKDAY}\b)(?P<place>[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)*)(?:,\s+(?P<date>{MONTH} \d{{1,2}}|\d{{1,2}} {MONTH})"
    rf"(?:,\s+(?:19|20)\d\d)?(?:\s+\((?P<source>[A-Z][\w .]+)\)|\s*/\s*(?P<wire>[A-Z][\w .-]{{1,40}}?)\s*/)?"
    rf"|\s+\((?P<agency>[A-Z][\w .]+)\))\s*(?:--|[—–]|-(?=\s))[-—–]*)\s*"
)
# A dateline's place: one to three capitalised words, and the dotted abbreviation some places carry
# ("Washington D.C.", "St. Louis"). Without it the dateline stopped inside the place and left
# "D.C. (Reporter Xu Jianmei) - More than ..." as the body's first words (WMT22 zh-en MT).
PLACE = r"(?:St\.\s?)?[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+){0,2}(?:,?\s(?:[A-Z]\.){2,3})?"
# An agency's dateline as machine translation renders "新华社北京12月11日电（记者阳娜）":
# "Xinhua News Agency, Beijing, December 11 (Reporter Yang Na)", "Hunan Daily December 10 (all
# media reporter Zhou Yuheng) -". The agency must be a known one or have a paper's name shape
# (metadata-en.yaml), so an ordinary sentence never matches.
DATELINE_AGENCY = recache.compile(
    rf"^(?P<all>(?P<source>{AGENCY})(?:,\s*|\s+)(?:(?P<place>{PLACE}),\s*)?"
    rf"(?P<date>{MONTH}\s?\d{{1,2}}(?:\s?(?:st|nd|rd|th)\b)?|\d{{1,2}} {MONTH})(?:,? \d{{4}})?"
    rf"(?:\s*[(（](?P<paren>[^)）]{{1,120}})[)）])?(?:\s*(?:--|-|—|–|:|,|\.)(?=\s|[A-Z]))?)\s*(?=[A-Z0-9\"“‘'(])",
    re.I,
)
# "Xinhua News Agency report of December 11 from Beijing (by staff reporters ...) -": the same
# dateline in another MT wording.
DATELINE_AGENCY_REPORT = recache.compile(
    rf"^(?P<all>(?P<source>{AGENCY}) report(?:ed)? (?:of|on|dated) (?P<date>{MONTH}\s?\d{{1,2}}|\d{{1,2}} {MONTH}) from "
    rf"(?P<place>{PLACE})(?:\s*[(（](?P<paren>[^)）]{{1,120}})[)）])?"
    rf"(?:\s*(?:--|-|—|–|:|,|\.)(?=\s|[A-Z]))?)\s*(?=[A-Z0-9\"“‘'(])",
    re.I,
)
DATELINE_ZH = recache.compile(
    rf"^(?P<all>(?P<source>{AGENCY})"
    rf"(?P<place>[{HAN}]{{0,8}}?)(?P<date>\d{{1,2}}月\d{{1,2}}日)(?:电|讯|专电)(?:\s*[（(](?P<paren>[^）)]{{1,30}})[）)])?)\s*"
)
_REPORTER = recache.compile(rf"^\s*{REPORTER}\s*[:：]?\s*(?P<names>.+)$", re.I)
# "本报讯" ("this paper reports") and the like in front of a first sentence: the prefix is metadata.
DATELINE_ZH_OWN = recache.compile(
    r"^(?P<all>(?:本报讯|本刊讯|本台消息|本网讯)(?:\s*[（(](?P<paren>[^）)]{1,30})[）)])?"
    # an outlet's own report, with its credit or date: "新京报讯（记者 陆一夫）", "长江网10月4日讯（记者陈智 整合）"
    rf"|(?!据|从|经|由|在|向|对|综合|又据|另据|转自|转引|援引|来自|记者从)(?P<source>[{HAN}A-Za-z]{{1,8}}{OUTLET_SUFFIX})(?:(?P<date>\d{{1,2}}月\d{{1,2}}日)讯(?:\s*[（(](?P<paren2>[^）)]{{1,30}})[）)])?"
    r"|讯\s*[（(](?P<paren3>[^）)]{1,30})[）)]))\s*"
)
# Role words inside a dateline's credit: "记者 张三 通讯员 李四", "记者陈智 整合".
_CREDIT_ROLE = recache.compile(rf"(?:{REPORTER}|见习记者|实习生|整合|整理|报道|综合|编译|摄影?)")
# A channel's tag in front of a headline: one or two words (or up to six Han characters) in brackets.
# The headline goes on after it as a headline starts (a capital, a digit, a quote, Han): "[China] and [EU]
# agree ..." is a headline that names two parties in brackets.
_TITLE_TAG = recache.compile(rf"^\s*[\[【〖]\s*(?:[A-Za-z][\w'’-]*(?: [A-Za-z][\w'’-]*)?|[{HAN}]{{1,6}})\s*[\]】〗]\s*"
                             rf"(?=[A-Z0-9\"“‘{HAN}])")
# A headline wrapped whole in square or lenticular brackets (no other bracket inside).
_BRACKETED = recache.compile(r"^\s*[\[【〖]\s*([^\[\]【】〖〗]{2,200}?)\s*[\]】〗]\s*$")
_END_PUNCT = recache.compile(r"[.!?。！？…．]$")
# A page's <title> keeps the site's name after the headline: "… - Xinhua | English.news.cn",
# "…_新浪财经_新浪网", "…--People's Daily Online". A part is a site's when it names one: a domain, a
# paper or portal word, a Chinese name ending in 网/报/频道/客户端; any short part after "_". A spaced
# dash ("… — Xinhua") is a quote's attribution as often as a title's site, so only hyphens count.
# (Not a dash, spaced or doubled: "… — Xinhua", "“…”——人民日报" attribute a quotation as often; nor a
# colon: "国家发展改革委：加快建设全国一体化算力网" is a speaker and a headline.)
_TITLE_SEP = recache.compile(rf"\s+[-|｜]\s+|\s*--\s*|\s*_\s*|\s*[|｜]\s*|(?<=\S)-(?=[{HAN}A-Z])")
_SITE_PART = recache.compile(
    r"^(?:(?:[\w-]+\.)+(?:com|cn|net|org|gov|edu)(?:\.cn)?|(?:The )?(?:[A-Z][\w'’&.-]*\s+){0,4}"
    r"(?:Daily|News|Online|Network|Net|Times|Post|Weekly|Journal|Herald|Tribune|News Agency|Xinhua|Xinhuanet|CGTN|CCTV"
    r"|Sina(?: Finance)?|Sohu|NetEase|Tencent|Phoenix|ifeng|Caixin|Yicai|Toutiao|Baidu|Baijiahao|Eastmoney)(?:\s+[A-Z][\w'’&.-]*){0,2}"
    rf"|[{HAN}A-Za-z]{{1,12}}(?:网|(?<![通喜简公预汇电海捷警情申举回上年季])报|频道|客户端|新闻社?|财经|数字版|电子版|在线版)"
    rf"|[{HAN}A-Za-z]{{0,12}}(?:公众号|头条号|百家号|企鹅号|搜狐号|网易号|澎湃号|人民号|新华号|大风号|一点号|大鱼号|东方号|快传号))$")
# Verbs that open a call to action, not an outlet's name ("- Apply Online", "- Sign Up Today").
_CALL_VERBS = frozenset("""apply register book buy shop order pay sign log get read watch listen learn find search check
    vote play join subscribe download click visit""".split())
# Adjectives that, with one word after them, make a judgement, not a name ("- Good News", "- Latest News";
# "New York Times" has a name's second word).
_JUDGEMENT = frozenset("good bad great big fake best more latest breaking all no some any free new hot top".split())


def _names_site(part: str) -> bool:
    """Whether a title's end part names a site: _SITE_PART, not opened by the verb of a call to action
    ("Apply Online") nor two words opened by a judgement ("Good News"), and a generic
    "Online"/"Net"/"Network" after a name, never alone.

    >>> [_names_site(p) for p in ("New York Times", "China Daily", "Xinhuanet", "人民号", "新华网")]
    [True, True, True, True, True]
    >>> [_names_site(p) for p in ("Apply Online", "Good News", "Latest News", "Online", "喜报", "情况通报", "福建号")]
    [False, False, False, False, False, False, False]
    """
    if not _SITE_PART.match(part):
        # two names of one outlet side by side ("岩手日日新闻在线版 岩手日日新闻社")
        halves = part.split(" ")
        return len(halves) == 2 and HAN_RE.search(part) is not None and all(map(_names_site, halves))
    words = part.split()
    first = words[0].lower()
    if first in _CALL_VERBS or (len(words) == 2 and first in _JUDGEMENT):
        return False
    return not (len(words) == 1 and words[0] in ("Online", "Net", "Network"))


_CHANNEL = recache.compile(r"^[\w .'’&-]+$")  # a channel's or site's name after "_": words only


def split_site_suffix(title: str) -> tuple[str, str] | None:
    """``(headline, site)`` when ``title`` ends with the site's name after a separator, else None.

    ``io.html.strip_site_name`` reads a page's ``<title>``, which always carries the site, so any
    short end part goes; a text's first line may be a headline with a dash in it, so here a part
    goes only when it names a site.

    >>> split_site_suffix("China's exports rose 7.1% in November - Xinhua | English.news.cn")
    ("China's exports rose 7.1% in November", 'Xinhua | English.news.cn')
    >>> split_site_suffix("上海扩大家电以旧换新补贴_新浪财经_新浪网"), split_site_suffix("江西３年内将培训万名乡村小学音体美教师-新华网")
    (('上海扩大家电以旧换新补贴', '新浪财经_新浪网'), ('江西３年内将培训万名乡村小学音体美教师', '新华网'))
    >>> split_site_suffix("COVID-19 - Latest Updates"), split_site_suffix("Xi meets Biden - what we know")
    (None, None)
    >>> split_site_suffix("Renew your passport - Apply Online"), split_site_suffix("中国空间站迎来新乘组-神舟十八号")
    (None, None)
    >>> split_site_suffix("植田さん、西井さんが最優秀賞に｜山阳新闻数字版"), split_site_suffix("特朗普的言论让欧洲人坐立不安 — 伊势新闻")
    (('植田さん、西井さんが最優秀賞に', '山阳新闻数字版'), None)
    >>> split_site_suffix("国家发展改革委：加快建设全国一体化算力网"), split_site_suffix("基层治理｜守护群众安全始终在线")
    (None, None)
    >>> split_site_suffix("花卷市滝田先生出版画集《铭记之山》｜岩手日日新闻在线版 岩手日日新闻社")[1]
    '岩手日日新闻在线版 岩手日日新闻社'
    """
    seps = list(_TITLE_SEP.finditer(title))
    cut = None
    for m in reversed(seps):
        part = title[m.end():cut.start() if cut else len(title)].strip()
        if not part or len(part) > 40 or not (_names_site(part) or (
                "_" in m.group() and len(part.split()) <= 3 and _CHANNEL.match(part))):
            break
        cut = m
    if cut is None:
        return None
    head = title[:cut.start()].strip()
    if len(head.split()) < 3 and len(HAN_RE.findall(head)) < 6:
        return None
    return head, title[cut.end():].strip()


@lru_cache(maxsize=1)
def _wordlist() -> tuple[list[str], frozenset[str]]:
    words = [w for w in wordlists.top_n("en", 60000) if w.isalpha()]
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
    >>> is_title_like("#学术界 #科学 #博士生活"), is_title_like("#ClimateAction @UN")
    (False, False)
    >>> is_title_like("本页面主要解答一些常见的问题．"), is_title_like("一季度增长５．３％"), is_title_like("纪念马丁．路德．金遇刺")
    (False, True, True)
    >>> is_title_like("U.S. and China agree to resume trade talks"), is_title_like("President Donald J. Trump Protects the States")
    (True, True)
    """
    if TAGS_ONLY.match(text.strip()):
        return False  # a social post's tags, not its headline
    if HAN_RE.search(text) and len(HAN_RE.findall(text)) * 3 > len(text):
        # a headline may end in a question or an exclamation mark (title_evidence asks for more then)
        return 2 <= len(text) <= 60 and not re.search("[。！？；]|．(?![0-9０-９])", mask_name_dots(text).rstrip("？！"))
    words = text.split()
    if not 2 <= len(words) <= 40 or len(text) > 250 or sum(1 for w in words if re.search(r"[A-Za-z]{2}", w)) < 2:
        return False
    # at most one sentence: "AA! AA." is two; "U.S. and China agree", "Donald J. Trump visits" one
    inner = [m for m in re.finditer(r"[.!?](?=\s*[A-Z])", text)
             if not (m.group() == "." and ABBREV_END.search(text, 0, m.end()))]
    # (A lowercase start is allowed: later stages may capitalize it, and the decision must not change.)
    return len(inner) == 0


def _is_paragraph(text: str) -> bool:
    """A paragraph of text, not a header line: a sentence end and eight words (or 20 Han characters).

    >>> _is_paragraph("The city will invest 10 billion yuan in computing, officials said."), _is_paragraph("(This article is public)")
    (True, False)
    """
    return bool(_END_PUNCT.search(text)) and (len(text.split()) >= 8 or len(HAN_RE.findall(text)) >= 20) or \
        len(text.split()) >= 25 or len(HAN_RE.findall(text)) >= 60


def _opens_story(text: str) -> bool:
    """Lines that open a news story: a date line, a source/date line, or a dateline before a sentence."""
    if len(text) <= 120 and (DATE_LINE.match(text) or SOURCE_DATE_LINE.match(text) or DATE_FIELDS_LINE.match(text)
                             or FIELDS_DATE_LINE.match(text)):
        return True
    return any(rx.match(text) for rx in (DATELINE_WIRE, DATELINE_ZH))


_SEPARATORS = recache.compile(r"\s*[|｜丨]\s*|\s+·\s+|(?<=\d)·(?=\S)")
# A social post's "IP location: Guangdong" / "IP属地：广东" (the province the post was sent from).
_IP_PLACE = recache.compile(r"^(?:IP (?:location|territory|address|attribution)|IP ?属地|IP地址)\s*[:：]\s*\S.{0,30}$", re.I)
_BY = recache.compile(r"^(?:" + _alt(_PACK["byline_words"]) + r")\s+(?P<by>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
                 r"(?:\s*(?:,|and|&)\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})*)"
                 r"(?:\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})?$", re.I)
_LABELLED = recache.compile(r"^(?P<label>" + "|".join(f"(?P<{k}>{v})" for k, v in FIELD_LABELS.items()) + r")\s*[:：]\s*(?P<value>\S.{0,80})$",
                       re.I)
_NAME_ONLY = recache.compile(rf"^(?:[A-Z][\w'’&.-]*(?: [A-Z&][\w'’&.-]*){{0,4}}|[{HAN}]{{2,12}})$")


def parse_fields(text: str) -> dict[str, Any] | None:
    """Metadata fields of a line of ``|``-separated parts, or None when a part is not a field.

    Each part is a field: ``By <name>``, ``<label>: <value>``, a date, or a bare name (the
    source; at most one). Each value stops at its separator.

    >>> parse_fields("By Li Wei | Xinhua | Updated: 2023-12-15 10:32")
    {'byline': 'Li Wei', 'source_name': 'Xinhua', 'date': '2023-12-15'}
    >>> parse_fields("Xinhua Omnimedia +丨Beijing Youth Ice Hockey League Boosts Winter Olympics") is None
    True
    """
    if len(text) > 200:
        return None
    parts = [p for p in _SEPARATORS.split(text.strip()) if p]
    if len(parts) < 2:
        return None
    out: dict[str, Any] = {}
    evidence = False  # at least one part is labelled, a byline or a date
    for part in parts:
        part = part.strip().rstrip(".。")
        m = DATE_LINE.match(part)
        if m:
            out.setdefault("date", m.group("date"))
            evidence = True
            continue
        m = _BY.match(part)
        if m:
            out.setdefault("byline", m.group("by").strip())
            evidence = True
            continue
        if _IP_PLACE.match(part):
            continue  # "IP location: Guangdong" (IP属地): where the post was sent from, not a field we keep
        m = _LABELLED.match(part)
        if m:
            value = m.group("value").strip()
            for key in FIELD_LABELS:
                if m.group(key):
                    if key == "editor":
                        out.setdefault("editors", split_names(value))
                    elif key == "date":
                        dm = re.search(DATE, value)
                        out.setdefault("date", dm.group() if dm else value)
                    else:
                        out.setdefault("source_name" if key == "source" else key, value)
                    break
            evidence = True
            continue
        if _NAME_ONLY.match(part) and "source_name" not in out:
            out["source_name"] = part
            continue
        return None
    return out if evidence else None


_URL_IN_LINE = recache.compile(r"https?://|\bwww\.\w", re.I)
_TRAILING_TAGS = recache.compile(r"(?:\s*(?:[#@]\w+|[\u2600-\u27bf\ufe0f\u200d\U0001f000-\U0001faff]+))+\s*$")


def title_evidence(blocks: list[Block], idx: int) -> bool:
    """Is ``blocks[idx]``, the first content line of an article, its title? Decided by what it looks
    like and what is around it, never by position alone: a title is short, one sentence at most,
    and is followed by more text. A line ending like a sentence (``.``, ``。``) is a title only with
    layout evidence: the body after it is indented and it is not, or a metadata line follows it.
    A dateline-led paragraph is never a title.
    """
    b = blocks[idx]
    t = b.text
    rest = [x for x in blocks[idx + 1 :] if x.role == BODY]
    if not rest or not is_title_like(t) or any(rx.match(t) for rx in (DATELINE_EN, DATELINE_AGENCY, DATELINE_AGENCY_REPORT,
                                                                        DATELINE_WIRE)):
        return False
    if _URL_IN_LINE.search(t):
        return False  # a headline does not carry a link; a post's first line does
    nxt = rest[0]
    followed_by_field = Metadata._is_field_line(nxt.text)
    # Hashtags, handles and emoji after a sentence do not make it a headline ("…to goal. #DCU #MLS").
    t = _TRAILING_TAGS.sub("", t) or t
    if re.search(r"[.。;；:：,，][\"'”’)）]*$", t):
        indented_body = b.indent == 0 and nxt.indent > 0
        return indented_body or followed_by_field
    han = HAN_RE.search(t) is not None
    if han and len(HAN_RE.findall(t)) * 3 > len(t):
        # "今年夏天如何选购一台好空调？": a question is a headline only over its metadata line or an
        # indented body (a social post opens with questions too)
        return not t.endswith(("？", "！")) or followed_by_field or (b.indent == 0 and nxt.indent > 0)
    if re.search(r"[?!？！][\"'”’)）]*$", t) and len(t.split()) > 20:
        return False
    if t.rstrip("\"'”’)） ").endswith("?") and _SPOKEN_QUESTION.search(t) and not _title_cased(t):
        # "Do you know how many flowering plants there are?", "However, we can't help but ask: could
        # our universe …?": a question put to a listener, or one that goes on from what came before,
        # opens a talk or a post, not a headline
        return followed_by_field or (b.indent == 0 and nxt.indent > 0)
    return True


# A question that opens with a connective ("However, we can't help but ask: …?"; "So what …?" is a
# headline's, not this) or the way a speaker asks a listener ("Do you know how many …?"); a headline
# asks in any person ("Should you buy an electric car now?", "Are we ready for AI?", "Can the US …?").
_SPOKEN_QUESTION = recache.compile(r"^(?:(?:However|Well|Now|Then|Also|Still|And|But|So|Yet),\s|(?:And|But|Yet)\s"
                                   r"|(?:Do|Did) you (?:know|remember|ever)\b|Have you (?:ever|heard|noticed)\b|Can you imagine\b)")


def _title_cased(text: str) -> bool:
    """Headline style: most words of four letters or more capitalized ("But Is It Legal?").

    >>> _title_cased("But Is It Legal?"), _title_cased("And What About the Workers?"), _title_cased("But is it legal?")
    (True, True, False)
    """
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) >= 2]
    caps = sum(1 for w in words if w[0].isupper())
    return len(words) >= 3 and caps >= 0.7 * len(words)


def split_names(names: str) -> list[str]:
    """Editor names from one field.

    >>> split_names("Zhao Xiaowen."), split_names("李华、王明"), split_names("Li Hua and Wang Ming")
    (['Zhao Xiaowen'], ['李华', '王明'], ['Li Hua', 'Wang Ming'])
    """
    parts = re.split(r"\s*(?:[,，、;；/|]|\band\b|&)\s*", names.strip().rstrip(".。"))
    return [p.strip() for p in parts if p.strip()]


# One editor's name: a Chinese name (two to four characters, or a transliteration with a middle dot)
# or a capitalized Latin name of up to five words (particles such as "de" or "van" allowed inside).
_EDITOR_NAME = recache.compile(
    rf"^(?:[{HAN}]{{2,4}}|[{HAN}]{{1,8}}(?:[·・][{HAN}]{{1,8}})+"
    r"|[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|di|van|von|der|den|le|la|bin|al))*)$"
)


def editor_names(names: str) -> list[str]:
    """The names after an editor label, or [] when the rest of the line is not names — a sentence
    that happens to start with a label word ("一审判决后，原告提起上诉。": 一审 is "first instance",
    "编辑：感谢大家提出的建议！" is a forum post's "Edit: thanks for the suggestions!").

    >>> editor_names("Zhao Xiaowen."), editor_names("李华、王明"), editor_names("张尚武 胡盼盼")
    (['Zhao Xiaowen'], ['李华', '王明'], ['张尚武', '胡盼盼'])
    >>> editor_names("判决后，原告提起上诉。"), editor_names("感谢大家提出的建议！"), editor_names("一些语法错误")
    ([], [], [])
    >>> editor_names("谢谢"), editor_names("补充一下"), editor_names("已修改")
    ([], [], [])
    >>> editor_names("杨倩_NF4425"), editor_names("韩保林 PK155"), editor_names("Zhao Xiaowen")
    (['杨倩'], ['韩保林'], ['Zhao Xiaowen'])
    """
    parts = split_names(names)
    # Chinese credits separate names with spaces too ("张尚武 胡盼盼"); a portal's staff code may
    # follow a name ("杨倩_NF4425", "韩保林 PK155").
    parts = [q for p in parts for q in (p.split() if HAN_RE.search(p) else [p])]
    parts = [STAFF_CODE.sub("", q) for q in parts if not (STAFF_CODE.fullmatch(q) and parts.index(q) > 0)]
    if not parts or any(not _EDITOR_NAME.match(p) or not _zh_name_shape(p) for p in parts):
        return []
    return parts


# The common Chinese surnames (about nine in ten people bear one) and the compound ones.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常"
    "温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍"
    "涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景"
    "党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门 呼延 澹台 申屠".split())


def _zh_name_shape(part: str) -> bool:
    """A Chinese personal name starts with a surname and is not one character twice ("谢谢" is
    "thanks"); names written with a middle dot (transliterations) and non-Chinese parts pass.

    >>> [_zh_name_shape(p) for p in ("王超", "欧阳娜娜", "胡盼盼", "谢谢", "补充一下", "已修改", "简约大方", "Zhao Xiaowen")]
    [True, True, True, False, False, False, False, True]
    """
    if not HAN_RE.match(part) or "·" in part or "・" in part:
        return True
    if len(part) == 2 and part[0] == part[1]:
        return False
    if part[:2] in _COMPOUND_SURNAMES:
        return len(part) <= 4
    # A single surname takes a given name of one or two characters: four characters are a phrase
    # ("简约大方", "simple and elegant", after 设计：).
    return part[0] in _SURNAMES and len(part) <= 3


_CONTINUED = recache.compile(r"[,，、]\s*$")
_SHORT_LABEL = recache.compile(r"^\W*\w+(?:[ \t]+\w+){0,2}[ \t]*[:：]\s*$")
_FIELD_LABEL = recache.compile(r"^\W*(?:" + "|".join(LABEL.values()) + r"|by)\s*[:：]\s*$", re.I)


# A sentence that introduces what follows ("评选结果如下：", "The winners are:"): the lines after it are its list.
def _introduces(text: str) -> bool:
    """A line ending in a colon after at least ten characters: a sentence that introduces what
    follows ("评选结果如下：", "The winners are:"). (A string test: the pattern it replaced,
    searched over long paragraphs, backtracked from every position.)

    >>> _introduces("评选结果如下，获奖名单为："), _introduces("来源："), _introduces("A long paragraph. " * 500)
    (True, False, False)
    """
    s = text.rstrip()
    return s[-1:] in (":", "：") and len(s.rsplit("\n", 1)[-1].lstrip()) >= 12


def _continues(prev: str) -> bool:
    """Whether the line before goes on in the next one, which is then its content, not a field of
    the page: an entry cut after a comma (a reading list's "On the Art of Writing," over "by Sir
    Arthur Quiller-Couch") or a short label, not a metadata field's, waiting for its value ("Born:"
    over "July 1, 1963"; "Date:" over a date is the page's date).

    >>> _continues("Listening Effectively (local copy),"), _continues("Born:"), _continues("Date of birth:")
    (True, True, True)
    >>> _continues("The minister spoke on Monday."), _continues("He listed three reasons for the change:")
    (False, False)
    >>> _continues("Date:"), _continues("来源："), _continues("Author:"), _continues("By:")
    (False, False, False, False)
    """
    if _CONTINUED.search(prev):
        return not Metadata._is_field_line(prev)  # "Source: Xinhua," over "Reporter: Li Hua": one header
    return bool(_SHORT_LABEL.match(prev)) and not _FIELD_LABEL.match(prev)


# An official's signature under a decree or a letter: the office, then the name ("总理　李克强",
# "Premier Li Keqiang", "Minister of Commerce Wang Wentao"); a Chinese name in pinyin in English.
_SIGNER_ZH = recache.compile(rf"^(?:国务院|[{HAN}]{{1,10}}?(?:部|委员会|委|局|署|厅|院|省|市|县|区|办公厅|人民政府))?"
                             rf"(?:总理|副总理|国家主席|主席|委员长|部长|省长|市长|县长|区长|局长|厅长|主任|书记|院长|校长"
                             rf"|行长|署长|董事长|总经理|秘书长)[\s\u3000]+(?P<name>[{HAN}]{{2,4}})$")
_SIGNER_EN = recache.compile(r"^(?:Premier|Vice Premier|President|Chairman|Chairwoman|Minister(?: of [A-Z][a-z]+(?: [A-Z][a-z]+)?)?"
                             r"|Governor|Mayor|Director|Secretary-General)\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})$")


def signer_line(text: str) -> bool:
    """An official's signature: an office and a name, nothing else.

    >>> [signer_line(t) for t in ("总理　李克强", "Premier Li Keqiang", "部长 王文涛", "Minister of Commerce Wang Wentao", "商务部部长　王文涛")]
    [True, True, True, True, True]
    >>> [signer_line(t) for t in ("总理会见外宾", "President Xi meets Biden", "主任 新闻发布会", "President Biden Resigns")]
    [False, False, False, False]
    """
    m = _SIGNER_ZH.match(text.strip())
    if m:
        return bool(editor_names(m.group("name")))
    m = _SIGNER_EN.match(text.strip())
    return m is not None and pinyin_name(m.group("name"))  # a Chinese official's ("President Biden Resigns" is a headline)


# The day a transcript's headline gives, where the page gives no other date: a press conference's
# or a briefing's, at its end after "on" ("… Regular Press Conference on May 26, 2020"), or opening
# a Chinese one ("2021年9月13日外交部发言人…主持例行记者会"). Not any date in a headline: "Remembering
# the attacks on September 11, 2001" is none, and a statement's or remarks' may name an anniversary.
_TITLE_DATE = recache.compile(
    r"(?i:press conference|briefing|transcript)\b.*"
    r"\bon (?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}"
    r"|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]* \d{4})\s*$"
    r"|^(?P<date2>\d{4}年\d{1,2}月\d{1,2}日)(?=[\u4e00-\u9fff].*(?:记者会|发布会|吹风会|答记者问))")


def take_dateline(doc: Document, meta: dict, b: Block, stage: str) -> bool:  # type: ignore[type-arg]
    """Move a dateline in front of ``b``'s first sentence to ``meta`` (source, date, byline) with a
    ``removed`` record; whether there was one. ``b`` must be the paragraph that opens its story."""
    for rx, rule in ((DATELINE_WIRE, "metadata/dateline-wire"), (DATELINE_AGENCY, "metadata/dateline-agency"),
                     (DATELINE_AGENCY_REPORT, "metadata/dateline-agency"), (DATELINE_EN, "metadata/dateline"),
                     (DATELINE_ZH, "metadata/dateline-zh")):
        m = rx.match(b.text)
        if not m or m.end() >= len(b.text):
            continue
        groups = m.groupdict()
        if rx is DATELINE_AGENCY and not (groups.get("place") or groups.get("paren")
                                          or re.search(r"(?:--|-|—|–|:)$", m.group("all"))):
            continue  # "China Daily, May 3 is ..." may be a sentence: a dateline has a place, a credit or a dash
        source = groups.get("source") or groups.get("agency") or groups.get("wire")
        if source:  # a wire dateline may name no agency ("BEIJING, Jan. 12 --")
            meta.setdefault("source_name", source.strip())
        if m.group("date"):  # ... or no date ("BEIJING (AP) --")
            meta.setdefault("date", m.group("date"))
        rep = _REPORTER.match(groups.get("paren") or "")
        if rep:
            meta.setdefault("byline", rep.group("names").strip())
        doc.removed.append(Removed(m.group("all").strip(), "metadata", rule, b.line, stage, b.article))
        apply_edits(b, stage, [(0, m.end(), "", rule)])
        return True
    m = DATELINE_ZH_OWN.match(b.text)
    if m and m.end() < len(b.text) and b.text[m.end()] not in "，,、；":  # (a clause goes on: no dateline)
        paren = m.group("paren") or m.group("paren2") or m.group("paren3") or ""
        if m.group("source") and not _REPORTER.match(paren) and not m.group("date"):
            return False  # "…报讯（…）" without a reporter's credit or a date may be a sentence
        names = editor_names(_CREDIT_ROLE.sub(" ", paren)) if _REPORTER.match(paren) else []
        if names:
            meta.setdefault("byline", " ".join(names))
        if m.group("source"):
            meta.setdefault("source_name", m.group("source"))
        if m.group("date"):
            meta.setdefault("date", m.group("date"))
        doc.removed.append(Removed(m.group("all").strip(), "metadata", "metadata/dateline-zh", b.line, stage, b.article))
        apply_edits(b, stage, [(0, m.end(), "", "metadata/dateline-zh")])
        return True
    return False


def _dated_list(blocks: list[Block]) -> bool:
    """Three date lines or more, each with content of its own under it (a changelog, a timeline); not
    the dates of a list of links whose links went as furniture ("Latest news": dates left side by side)."""
    dates = [len(b.text) <= 60 and bool(DATE_LINE.match(b.text)) for b in blocks]
    return sum(1 for i, d in enumerate(dates) if d and i + 1 < len(dates) and not dates[i + 1]) >= 3


@register
class Metadata(Stage):
    name = "metadata"
    requires = ("blocks",)
    provides = ("articles", "title", "metadata")
    uses = ("paragraphs", "boilerplate-removed")
    description = "Move titles, dates, sources, datelines, bylines, editors, keywords and CLC codes to metadata; split glued articles."

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``split_articles``: split a text or Markdown file holding several articles (default true; an
        HTML page is one document, and so is a Markdown one with a dated list). ``title``: take the first title-like line as the title (default true)."""

        split_articles: bool = True
        title: bool = True

    def after_removal(self, doc: Document) -> None:
        relist(doc)

    def run(self, doc: Document) -> None:
        body = [b for b in doc.blocks if b.role == BODY]
        # A web page is one document: its markup already told the article from the page (ingest),
        # and a second headline on it is a teaser or a related story, not a glued article. So is a
        # Markdown document with a dated list (a README's changelog: a dated entry is no second article).
        if self.options.split_articles and doc.html is None and not (doc.markup == "markdown" and _dated_list(body)):
            self._split(doc, body)
        for art in sorted({b.article for b in body}):
            blocks = [b for b in body if b.article == art and not b.verbatim]  # code holds no title or date
            self._article(doc, art, blocks)
        if doc.html is not None:
            # The page's editor credit, dropped by the reader as outside the article ("责编：薛艺磊"
            # under it), still credits the article; nothing else from outside is read.
            meta = doc.meta(0)
            for r in doc.removed:
                m = EDITOR_LINE.match(r.text) if r.rule == "html/outside-main" and len(r.text) <= 60 else None
                names = editor_names(m.group("names")) if m else []
                if names:
                    meta["editors"] = list(dict.fromkeys(meta.get("editors", []) + names))

    def _split(self, doc: Document, body: list[Block]) -> None:
        """Start a new article only on positive evidence of a second one: a headline that follows
        content of the current article and is followed by its own metadata (a date, source or
        byline line, or a dateline in front of its first sentence), or by an Abstract block.
        A byline or dateline alone, or a subheading followed by text, never splits."""
        art = 0
        marked = [b for b in body if b.kind == "boilerplate"]  # --keep-boilerplate: not content
        body = [b for b in body if b.kind != "boilerplate"]
        content_seen = False  # the current article has a paragraph of its own (not a header line)
        # lines that end an article: an end mark ("(END)", "-完-") or a rule drawn across the page
        ends = [r.line for r in doc.removed if r.rule.endswith(("/end/mark", "/layout/separator"))]
        for i, b in enumerate(body):
            if (i > 0 and content_seen and not b.verbatim and is_title_like(b.text) and not _END_PUNCT.search(b.text)
                    and not ARTICLE_HEAD.match(b.text) and not self._is_field_line(b.text) and not signer_line(b.text)):
                following = body[i + 1 : i + 4]
                abstract = any(ABSTRACT_START.match(f.text) for f in following) and not any(
                    ABSTRACT_START.match(p.text) for p in body[max(0, i - 3) : i]
                )
                # ... and the new story has a paragraph of its own after its metadata: an issuer's name
                # and date closing an official notice ("Municipal Finance Bureau / June 12, 2023") do not
                opening = bool(following) and _opens_story(following[0].text) and any(
                    _is_paragraph(f.text) for f in body[i + 2 : i + 5])
                # after an end mark or a rule, a headline over a paragraph of its own starts the next story
                ended = bool(following) and any(body[i - 1].line < ln < b.line for ln in ends) and _is_paragraph(
                    following[0].text)
                if abstract or opening or ended:
                    art += 1
                    content_seen = False
            b.article = art
            if i > 0 and not self._is_field_line(b.text) and (
                    _END_PUNCT.search(b.text) or len(b.text.split()) + len(HAN_RE.findall(b.text)) // 2 >= 8):
                content_seen = True
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

    @staticmethod
    def _is_field_line(text: str) -> bool:
        """A line made of metadata fields (date, source, byline, editor), not of content."""
        if len(text) > 200:
            return False
        if any(rx.match(text) for rx in (DATE_LINE, SOURCE_DATE_LINE, DATE_FIELDS_LINE, FIELDS_DATE_LINE, FIELDS_LINE,
                                         SOURCE_LINE, POST_HEADER)) or pipe_field(text):
            return True
        return parse_fields(text) is not None or byline_line(text) or bool(
            _ROLE_WORD.search(text) and reporter_byline(text))

    def _article(self, doc: Document, art: int, blocks: list[Block]) -> None:
        meta = doc.meta(art)
        seen_long = False
        seen_abstract = False
        content_started = False
        title_done = not self.options.title
        listing = False  # inside the short lines a sentence ending in a colon introduced ("评选结果如下：")
        # Three lines or more that are a date each, in a Markdown document: a changelog, a timeline.
        # Their dates are content past the article's head (a README's "`2020-12-28`" entries, "### Sept
        # 12, 2019"). (In a page dumped as text they are as often a thread's or an archive's dates.)
        dated_list = doc.markup == "markdown" and _dated_list(blocks)
        for idx, b in enumerate(blocks):
            t = b.text
            listing = bool(idx and (_introduces(blocks[idx - 1].text) or (listing and len(blocks[idx - 1].text) <= 40)))
            table = info_fields(t)
            if table is None and (":" in t or "：" in t):  # a date or title field, beside the table's own lines
                table = info_fields(t, beside=True)
                if table is not None and not any(info_fields(blocks[j].text) is not None
                                                 for j in (idx - 1, idx + 1) if 0 <= j < len(blocks)):
                    table = None
            if table is not None:
                self._info_table(doc, meta, b, table)
                continue
            nxt = blocks[idx + 1].text if idx + 1 < len(blocks) else None
            if not (idx and (_continues(blocks[idx - 1].text) or listing)) \
                    and self._field_line(doc, meta, b, t, seen_long, seen_abstract, nxt, dated_list and content_started):
                continue
            if not title_done:
                title_done = True
                # A web page's headline, chosen by ingest from <h1>/og:title/<title>, is evidence
                # enough: it may end in "?" or "!" or be a full sentence.
                dom_title = doc.html is not None and art == 0 and b.kind == "heading" and b.html_main is True
                if dom_title or title_evidence(blocks, idx):
                    b.role = TITLE
                    b.kind = "heading"
                    m = _BRACKETED.match(t)
                    if m:  # "【Shanghai unveils plan ...】": the page's brackets, not the headline's
                        apply_edits(b, self.name, [(0, m.start(1), "", "metadata/title-brackets"),
                                                   (m.end(1), len(t), "", "metadata/title-brackets")])
                        t = b.text
                    m = _TITLE_TAG.match(t)
                    if m and len(t[m.end():].split()) + len(HAN_RE.findall(t[m.end():])) // 2 >= 3:
                        # "[Exclusive] Central bank cuts ...", "【独家】…": a channel's tag, not the headline
                        apply_edits(b, self.name, [(0, m.end(), "", "metadata/title-tag")])
                        t = b.text
                    site = split_site_suffix(t)
                    if site:  # "… - Xinhua | English.news.cn": the page's <title>, not the headline
                        meta.setdefault("site_name", site[1])
                        apply_edits(b, self.name, [(len(site[0]), len(t), "", "metadata/title-site")])
                        t = b.text
                    word = cut_off_word(t)
                    if word:
                        b.flag("truncated-title", max(0, len(t) - len(word)), t,
                               f"the title ends mid-word ({word!r}): the site cut it off", stage=self.name,
                               rule="metadata/truncated-title")
                    continue
            if not content_started:  # a dateline opens the first paragraph (after any subtitle or summary), nowhere else
                take_dateline(doc, meta, b, self.name)
                # a subtitle, or a summary above the story ("Summary: ...", "核心提示："), comes before it
                content_started = b.kind != "heading" and not (is_title_like(b.text) and not _END_PUNCT.search(b.text)) \
                    and not ARTICLE_HEAD.match(b.text)
                b.opener = content_started
            if ABSTRACT_START.match(b.text):
                seen_abstract = True
            if len(b.text) >= 200:
                seen_long = True
        title = meta.get("title") or next((b.text for b in blocks if b.role == TITLE), "")
        m = _TITLE_DATE.search(title) if "date" not in meta and title else None
        if m:  # a transcript's date in its headline only ("Regular Press Conference on May 26, 2020")
            meta["date"] = m.group("date") or m.group("date2")
        if meta.get("editors"):  # one name credited twice ("（编辑：严玉洁 王辉）" and "【责任编辑：严玉洁】") is one editor
            meta["editors"] = list(dict.fromkeys(meta["editors"]))

    def _info_table(self, doc: Document, meta: dict, b: Block, table: dict[str, str]) -> None:  # type: ignore[type-arg]
        for key, value in table.items():
            if key == "date":
                dm = re.search(DATE, value)
                if dm:
                    meta.setdefault("date", dm.group(0))
            elif key == "source":
                meta.setdefault("source_name", value)
            elif key != "title":  # the headline below the table is the record's title
                meta.setdefault(key, value)
        self._removed(doc, b, "metadata/info-table")

    def _removed(self, doc: Document, b: Block, rule: str) -> None:
        doc.remove(b, "metadata", rule, self.name)

    def _field_line(self, doc: Document, meta: dict, b: Block, t: str, seen_long: bool, seen_abstract: bool,  # type: ignore[type-arg]
                    nxt: str | None = None, in_dated_list: bool = False) -> bool:
        if len(t) > 300:
            return False
        m = _COUNTER_TAIL.search(t)
        if m and m.start() > 0:  # "发布时间：2024-01-05 浏览次数：1234": the fields, and a view counter
            t = t[:m.start()]
        m = pipe_field(t)
        if m:  # "Source | Home Appliance Review" (来源 | …): a field whose colon is a bar
            t = f"{m.group('label')}: {m.group('value') or m.group('name')}"
        if EMPTY_FIELD.match(t):
            if not _value_below(nxt):
                self._removed(doc, b, "metadata/empty-field")
                return True
            return False
        m = POST_HEADER.match(t)
        if m:
            meta.setdefault("date", m.group("date") or m.group("date2"))
            self._removed(doc, b, "metadata/post-header")
            return True
        m = DATE_LINE.match(t)
        if m and not in_dated_list:
            meta.setdefault("date", m.group("date"))
            self._removed(doc, b, "metadata/date")
            return True
        m = SOURCE_DATE_LINE.match(t)
        if m:
            meta.setdefault("source_name", m.group("source").strip())
            meta.setdefault("date", m.group("date"))
            self._removed(doc, b, "metadata/source-date")
            return True
        for rx, rule in ((DATE_FIELDS_LINE, "metadata/date-fields"), (FIELDS_DATE_LINE, "metadata/fields-date")):
            m = rx.match(t)  # a date before labelled fields, or after them
            if m:
                meta.setdefault("date", m.group("date"))
                self._fields(meta, m.group("rest"))
                self._removed(doc, b, rule)
                return True
        inner = t[1:-1].strip() if len(t) > 2 and t[0] + t[-1] in _BRACKET_PAIRS else t
        # also in the brackets some sites print credits in ("（编辑：李四 审核：王五）", "【作者：李华】【发布时间：…】"),
        # when an editor, a source or an author is among them: an event's "（日期：… 时间：…）" is content
        if FIELDS_LINE.match(inner) and (inner is t or _CREDIT_FIELD.search(inner)):
            self._fields(meta, inner)
            self._removed(doc, b, "metadata/fields")
            return True
        fields = parse_fields(t)
        if fields is not None:
            for key, val in fields.items():
                if key == "editors":
                    meta.setdefault("editors", []).extend(val)
                else:
                    meta.setdefault(key, val)
            self._removed(doc, b, "metadata/fields")
            return True
        m = DOC_NUMBER_LINE.match(t)
        if m:
            meta.setdefault("document_number", m.group("num").strip())
            self._removed(doc, b, "metadata/document-number")
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
        if m and len(m.group("names")) <= 60 and (editors := editor_names(m.group("names"))):
            meta.setdefault("editors", []).extend(editors)
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
        if m and len(m.group("by").split()) <= 5 and editor_names(m.group("by")):
            # names, not a sentence after "Text:" / "文：" nor an interviewer's question ("Reporter: Why now?")
            meta.setdefault("byline", m.group("by").strip())
            self._removed(doc, b, "metadata/byline")
            return True
        if byline_line(t):
            meta.setdefault("byline", inner)  # as printed, without the brackets round it ("（记者 王晓）")
            self._removed(doc, b, "metadata/byline")
            return True
        by = reporter_byline(t) if _ROLE_WORD.search(t) else None
        if by:
            meta.setdefault("byline", by)
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
            # a value ends before the next label, spaced or bracketed ("[Source: Xinhua] [Editor: Li Si]", "【来源：新华网】【编辑：李四】")
            found = re.finditer(label + r"\s*[:：]\s*(\S[^:：]*?)(?=\s+\S+\s*[:：]|\s*[\]】)）]\s*[\[【(（]|$)", text, re.I)
            for n, fm in enumerate(found):
                val = fm.group(1).strip().rstrip("|｜/·,，;；").strip()
                while val[-1:] in ("]", "】", ")", "）") and _unbalanced_close(val):
                    val = val[:-1].rstrip()  # the bracket round the field, not one of the value's ("中国新闻网（北京）")
                if key == "editor":  # every editor's credit ("编辑：李四 审核：王五")
                    meta.setdefault("editors", []).extend(split_names(val))
                    continue
                if n:
                    break
                if key == "source":
                    meta.setdefault("source_name", val)
                else:
                    meta.setdefault(key, val)

