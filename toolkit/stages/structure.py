"""``structure``: paragraphs, headings and list items.

Hard-wrapped lines are joined back into paragraphs; bullet lines (``——``, ``•``,
``-``, ``*``) become list items without their bullet (an edit records it);
numbered lines (``1.``, ``(2)``, ``三、``) become list items, or headings when short,
and keep their number, which is content.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .. import recache
from ..chars import HAN, HAN_RE, looks_like_code, mask_name_dots
from ..lang import detect_lang
from ..model import BODY, Block, Document, Edit, apply_edits
from ..stage import Stage, register

# A bullet: dashes and symbols may touch the text ("——The ..."); ASCII - and * need a space ("- item").
BULLET = recache.compile(r"^(?:(?:——|—|–|•|·|●|○|■|□|◆|◇|▪|►|▶|✓|√)\s*|[-*]\s+)(?=[^\s—–•·●○■□◆◇▪►▶✓√*-])")
NUMBERED = recache.compile(
    r"^(?:\d{1,2}[.、)](?!\d)\s*|\(\d{1,2}\)\s*|（\d{1,2}）|[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）"
    r"|[A-Za-z][.)]\s+(?=[A-Z]))(?=\S)"
)
# Dashes and the ASCII asterisk open other things than list items: a line of dialogue or of a thought
# broken off ("——能击中。" in a novel), a slogan or an attribution ("——鲁迅"), a correction after a
# social post ("* laundry day"). They are bullets only inside a list: next to another list line, or
# after a line that introduces one with a colon.
_AMBIGUOUS_BULLET = recache.compile(r"^(?:——|—|–|-|\*)")
_INTRODUCES_LIST = recache.compile(r"[:：]\s*$")
_TERMINAL = recache.compile(r"[.!?;:。！？；：…．][\"'”’)）]*$")


# What may follow a sentence's closing punctuation and still end the line: closing quotes and brackets
# (CJK corner brackets too), an emoji or symbol, an ASCII emoticon, spaces. "…才会出现。💭",
# "「…还好吗？」", "…读到这篇文章。 :(" end a sentence as surely as a bare "。". A closing quote
# typed the wrong way round ("…these things. “") closes too: nothing opens after a full stop.
_TRAILER = r"(?:[\s\"'“”‘’)）」』》]|[:;]-?[()DPp]|[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200D])*"
_TERMINAL_TRAILED = recache.compile(r"[.!?;:。！？；：…．]" + _TRAILER + "$")
# A sentence end inside the line with more text after it: two sentences, not a heading. Full-width marks
# only, or an ASCII one before a space in a line with Han characters (MT output mixes them:
# "如果你偶然发现任何街区，请随时伸出手来. 也许…"); an English line's ". " may be an abbreviation.
_INNER_END_ZH = recache.compile(r"(?:[。！？]|．(?![0-9０-９]))[」』”’）)]*(?=\s*\S)")  # (on mask_name_dots' text)
_INNER_END_ASCII = recache.compile(f"(?:(?<=[{HAN}])|(?<=[a-z]{{3}}))[.!?](?=\\s+\\S)")  # not "1. 概述", "U.S. 大选"
# A line made only of links, @mentions and #hashtags: a social post's tail, not a title.
TAGS_ONLY = recache.compile(r"^[\"“]?(?:(?:https?://\S+|www\.\S+|[@#]\S+)[\s,，、]*)+[\"”]?$")
# A Chinese line that is one quotation from end to end, with a clause mark inside: dialogue (Japanese
# and Chinese fiction put no stop before the closing mark: “我懂了，真是对不起”), not a title; or one
# bracketed aside ("（严格来说，这是错误的）"). A quoted term alone ("“新质生产力”") is an explainer's
# subheading as often, and an English title may be quoted ("Cold Calling Tips").
_QUOTED_LINE = recache.compile(r"^\s*(?:“[^“”]*”|「[^「」]*」|『[^『』]*』|\"[^\"]*\"|（[^（）]*）|\([^()]*\))\s*$")
_CLAUSE_END = frozenset(",，、")
# A post's annotation: an edit note, a note, a postscript ("编辑：已重新发布", "EDIT: fixed the link",
# "注意：所有更新都以🧵开头", "P.S. …"), a remark on the text, not a title over it.
# An author's name on a line of its own: two to four capitalized words, or two or three Han characters.
_BYLINE_NAME = recache.compile(rf"^\s*(?:[A-Z][a-z'’.-]+(?: (?:[A-Z][a-z'’.-]*|de|van|von|da)){{1,3}}|[{HAN}]{{2,3}})\s*$")
# A dated act of an authority under a law's or a document's title: "1982年12月4日 第五届全国人民代表大会
#第五次会议通过", "1949年12月23日 政务院发布" (its history, not a heading).
_DATED_ACT = recache.compile(r"^\s*[（(]?\d{4}年\d{1,2}月\d{1,2}日.*(?:通过|发布|公布|施行|修正|修订|印发|批准|颁布)[)）]?\s*$")
# A line that leads into a quotation with a dash: "……对我说道：——", "and said, as if in answer to my thoughts--".
_LEAD_IN = recache.compile(r"(?:[：:，,]\s*(?:——|—|--)|[a-z]\s*(?:——|--))\s*$")
_ANNOTATION = recache.compile(r"^\s*(?:编辑|更新|补充|注意|注|附注|(?:EDIT|Edit|Edited|NOTE|Note|NB|N\.B\.|PS|P\.S\.)(?=\s*[:：.]))\s*[:：.]\s*\S")
_INNER_CLAUSE = recache.compile("[，、；：！？。…](?=.)")
# Something to read: a letter, a digit or a Han character (a line of "---" or "💖" has none).
_WORDY = recache.compile(f"[^\\W_]|[{HAN}]")


def is_heading_like(text: str) -> bool:
    """Short, no closing punctuation: a heading or title candidate.

    Not one: a line that ends a sentence under an emoji or a closing corner bracket, holds two
    sentences, or is only links, @mentions and #hashtags (social posts are made of such short lines);
    nor a Chinese line quoted from end to end (dialogue), one that ends in a comma, or one with
    nothing to read (no letter, digit or Han character: "---", "💖").

    >>> is_heading_like("New challenge: the digital divide"), is_heading_like("The economy grew 5%.")
    (True, False)
    >>> is_heading_like("第一章"), is_heading_like("最好的想法才会出现。💭"), is_heading_like("「你们还好吗？」")
    (True, False, False)
    >>> is_heading_like("允许放松。 📺"), is_heading_like("坏坏坏！！ 大声笑"), is_heading_like("请伸出手来. 也许我们可以")
    (False, False, False)
    >>> is_heading_like("#学术界 #科学 #博士生活"), is_heading_like("https://youtu.be/W5JSfq6LLAU"), is_heading_like("@用户17")
    (False, False, False)
    >>> is_heading_like("Mr. Smith Goes to Washington"), is_heading_like("#MeToo 运动五年后"), is_heading_like("1. 概述")
    (True, True, True)
    >>> is_heading_like("U.S. 大选结果"), is_heading_like("美国 vs. 中国")
    (True, True)
    >>> is_heading_like("He said, “Vietnam deserves our thanks for these things. “")
    False
    >>> is_heading_like("“我懂了，正之助考虑不周”"), is_heading_like("---"), is_heading_like("💖"), is_heading_like("“新质生产力”")
    (False, False, False, True)
    >>> is_heading_like("Day 1: Arashiyama 🎋"), is_heading_like("第二章 重逢✨")
    (True, True)
    >>> is_heading_like("（严格来说，诺基亚的历史是错误的）"), is_heading_like("（一）总体要求"), is_heading_like("(Updated) Trade talks resume")
    (False, True, True)
    >>> is_heading_like('"Cold Calling Tips"'), is_heading_like("In the words of the minister,"), is_heading_like("他说，")
    (True, False, False)
    >>> is_heading_like("编辑：已重新发布，密钥已删除"), is_heading_like("EDIT: fixed the link"), is_heading_like("Notes on the data")
    (False, False, True)
    >>> is_heading_like("注意事项"), is_heading_like("编辑部的故事"), is_heading_like("Note")
    (True, True, True)
    >>> is_heading_like("“一带一路”倡议十周年"), is_heading_like("The “Made in China” debate"), is_heading_like("5G")
    (True, True, True)
    >>> is_heading_like("选手允许带一定量的纸质资料．"), is_heading_like("增长３．６％的原因"), is_heading_like("马丁．路德．金的梦想")
    (False, True, True)
    >>> is_heading_like("1982年12月4日 第五届全国人民代表大会第五次会议通过"), is_heading_like("2023年12月工作总结")
    (False, True)
    >>> is_heading_like("他又叫我去了，对我说道：——"), is_heading_like("and said, as if in answer to my thoughts--"), is_heading_like("Trade talks -- the latest")
    (False, False, True)
    """
    if _TERMINAL_TRAILED.search(text) or TAGS_ONLY.match(text.strip()):  # (its trailer takes in _TERMINAL's)
        return False
    if (_QUOTED_LINE.match(text) and HAN_RE.search(text) and _INNER_CLAUSE.search(text)) or not _WORDY.search(text):
        return False
    if text.rstrip()[-1:] in _CLAUSE_END:
        return False  # a line that ends in a comma goes on below: "In the words of the minister,"
    if _ANNOTATION.match(text) or _DATED_ACT.match(text) or _LEAD_IN.search(text):
        return False
    if _INNER_END_ZH.search(mask_name_dots(text)) or (HAN_RE.search(text) and _INNER_END_ASCII.search(text)):
        return False
    if HAN_RE.search(text):
        return len(text) <= 40
    words = text.split()
    return 0 < len(words) <= 16 and len(text) <= 140


# A chapter or part heading ("第一章", "第3节 概述", "Chapter 12"): a heading wherever it stands. The
# number ends the line or is set apart ("第三节课很无聊" is a sentence).
_CHAPTER = recache.compile(r"^\s*(?:第[\d一二三四五六七八九十百千零〇两]+[章节回部篇卷集幕]|(?:Chapter|CHAPTER|Part|PART)\s+(?:\d+|[IVXLC]+))"
                           r"(?=$|[\s:：、.·—-])")


def _short(text: str) -> bool:
    """As short as a heading may be (whatever its punctuation)."""
    return len(text) <= 40 if HAN_RE.search(text) else len(text.split()) <= 16


def document_headings(body: list[Block], candidates: dict[int, bool], prose: dict[int, bool],
                      lists: dict[int, bool] | None = None) -> set[int]:
    """Which heading candidates (``candidates``: short lines without a final mark, by position in
    ``body``) are headings: a heading is a fact about the document, not about the line alone.

    A chapter heading ("第一章", "Chapter 3") always is. Any other candidate is a heading when the
    body text after it (``prose``: paragraphs that are neither candidates nor list lines) is longer
    than it and ends a sentence or is longer than a heading, or a list (``lists``) follows it, with
    at most one other candidate between them (a title and its subtitle); then so are the document's
    other candidates of the same shape (Chinese or not, starting with the same kind of character).
    In a document made mostly of short lines (a social thread, a chat: more than half of its body
    text, two paragraphs or more, is as short as a heading), only when it has other such headings
    and every candidate in it heads body text, or it is one of three or more that head a section (a
    long paragraph, or two or more) and make two thirds of the candidates. A run of three or more
    candidates is a list.

    >>> texts = ["今天要种一些东西", "我不喜欢这个。", "番茄都发芽了", "好的。"]
    >>> blocks = [Block(t, i) for i, t in enumerate(texts)]
    >>> sorted(document_headings(blocks, {0: True, 2: True}, {1: True, 3: True}))
    []
    >>> texts = ["Early Life", "He was born in San Francisco in 1955 and adopted soon after.", "Youth:", "Career",
    ...          "He founded a computer company in a garage with two friends.", "Family:", "Products",
    ...          "His products changed how people use phones and music.", "Style:", "Legacy"]
    >>> blocks = [Block(t, i) for i, t in enumerate(texts)]
    >>> sorted(document_headings(blocks, {0: True, 3: True, 6: True, 9: True}, {1: True, 2: True, 4: True, 5: True, 7: True, 8: True}))
    [0, 3, 6]
    >>> texts = ["第一章", "科伦", "他们从基础训练开始就是好朋友。虽然科伦认识他们还不到两年，但感觉像是很久以前的事了。"]
    >>> blocks = [Block(t, i) for i, t in enumerate(texts)]
    >>> sorted(document_headings(blocks, {0: True, 1: True}, {2: True}))
    [0, 1]
    """
    text = [b.text for i, b in enumerate(body) if prose.get(i)]
    last = max((i for i in range(len(body)) if not candidates.get(i)), default=-1)  # the last line that is no candidate
    chatty = not text or (len(text) >= 2 and sum(map(_short, text)) * 2 > len(text))
    out: set[int] = set()
    runs: list[tuple[list[int], bool]] = []  # candidates in a row (chapter headings aside), followed by body text
    sections: list[bool] = []  # ... and heading a section (a long paragraph, or two or more)
    i = 0
    while i < len(body):
        if not candidates.get(i):
            i += 1
            continue
        j = i
        while j + 1 < len(body) and candidates.get(j + 1):
            j += 1
        out.update(k for k in range(i, j + 1) if _CHAPTER.match(body[k].text))
        plain = [k for k in range(i, j + 1) if not _CHAPTER.match(body[k].text)]
        if i == 0 and len(plain) == 3 and _BYLINE_NAME.match(body[plain[1]].text) and not _BYLINE_NAME.match(body[plain[2]].text):
            plain = plain[2:]  # the document's title, its author's name and first heading: no list of three
        nxt = body[j + 1].text if j + 1 < len(body) and prose.get(j + 1) else ""
        longest = max((len(body[k].text) for k in plain), default=0)
        followed = 0 < len(plain) <= 2 and (
            (len(nxt) > longest and bool(not _short(nxt) or _TERMINAL.search(nxt)))
            or bool(lists and lists.get(j + 1)))  # a list's heading
        if plain:
            # what it heads: a paragraph longer than a heading, or two or more before the next candidate
            # (a chat's short lines take turns with one short reply each)
            k = j + 1
            while k < len(body) and not candidates.get(k) and k - j <= 2:
                k += 1
            runs.append((plain, followed))
            sections.append(followed and (not _short(nxt) or k - j > 2))
        i = j + 1
    # In a document of short lines, headings show as a pattern: every candidate heads body text; or
    # three or more do and they are two thirds of the candidates (an outline whose sections also
    # open with "Family:"), and then only those are headings.
    if chatty and not (len(runs) >= 2 and all(f for _, f in runs)):
        heads = [plain for (plain, _), sect in zip(runs, sections) if sect]
        if len(heads) >= 3 and 3 * len(heads) >= 2 * len(runs):
            out.update(k for plain in heads for k in plain)
        return out
    # Elsewhere, once some candidate heads body text, the others of its shape (not in a list of three
    # or more) are headings too: "Home", "News" after "A title line".
    # Not the lines that end the document, which head nothing: a notice's issuer and date under its
    # text ("国务院办公厅" / "二〇〇四年四月二十七日"), a signature.
    shapes = {_shape(body[k].text) for plain, f in runs if f for k in plain}
    out.update(k for plain, f in runs if len(plain) <= 2 and not _signs_off(body, plain, last)
               for k in plain if f or _shape(body[k].text) in shapes)
    return out


def _signs_off(body: list[Block], plain: list[int], last: int) -> bool:
    """Whether candidate lines end the document as a sign-off: one line, lines ending in a date
    ("国务院办公厅" / "二〇〇四年四月二十七日"), or lines of one shape ("Zhang Wei" / "Chairman of the
    Board"), with no body text after them. A last section's heading over one short line of another
    shape ("运动方面" / "30分钟左右的散步或慢跑") is none."""
    return plain[-1] > last and (len(plain) == 1 or bool(_DATE_START.match(body[plain[-1]].text))
                                 or len({_shape(body[k].text) for k in plain}) == 1)


def introduced_lists(body: list[Block], candidates: dict[int, bool]) -> set[int]:
    """Runs of three or more short lines without a final mark right after a line that ends with a
    colon: the items of the list it introduces ("Ingredients:", "材料：").

    >>> blocks = [Block(t, i) for i, t in enumerate(["You will need:", "flour", "two eggs", "milk", "Mix well."])]
    >>> sorted(introduced_lists(blocks, {1: True, 2: True, 3: True}))
    [1, 2, 3]
    >>> sorted(introduced_lists(blocks[1:], {0: True, 1: True, 2: True}))
    []
    """
    out: set[int] = set()
    i = 0
    while i < len(body):
        j = i
        while candidates.get(j):
            j += 1
        if j - i >= 3 and i > 0 and _INTRODUCES_LIST.search(body[i - 1].text) \
                and not any(_CHAPTER.match(body[k].text) for k in range(i, j)):
            out.update(range(i, j))
        i = max(j, i + 1)
    return out


def _shape(text: str) -> tuple[bool, str]:
    """A heading's shape: Chinese or not, and what it starts with (a Han character, a capital, a
    small letter, a digit, a symbol such as "@")."""
    c = text.lstrip()[:1]
    start = "han" if HAN_RE.match(c) else "upper" if c.isupper() else "lower" if c.islower() else "digit" if c.isdigit() else c
    return bool(HAN_RE.search(text)), start


# Chinese punctuation that never starts a line of its own: a line starting with it continues the one before.
_NO_LINE_START = frozenset("、，。；：！？）」』”’》")
_DATE_START = recache.compile(r"^\s*(?:\d{4}[-/.年]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|[〇零一二三四五六七八九]{4}年[〇一二三四五六七八九十]{1,2}月[〇一二三四五六七八九十]{1,3}日\s*$)")
# A date with a clock time ("2023-06-12 08:00", "2023年6月12日 08:00"): a header line's, not wrapped prose.
_DATE_TIME = recache.compile(r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)\s*\d{1,2}:\d{2}")


@dataclass(frozen=True, slots=True)
class Wrap:
    """The document's line layout: the wrap width of its Chinese and of its other lines (the longest
    line that another line continues without a blank line), and whether it is hard-wrapped (most such
    lines reach close to that width, as a fixed-width wrap makes them)."""

    han: int = 0
    other: int = 0
    han_wrapped: bool = False
    other_wrapped: bool = False
    blank_separated: bool = False  # paragraphs are separated by blank lines
    first: int = -1  # the line of the document's first block (where a headline stands)
    han_repeat: int = 0  # a length two or more continued Chinese lines share (a fixed width, however few lines)


def _han_line(text: str) -> bool:
    """A line of Chinese text (not an English line with a stray ideograph such as "丨")."""
    return len(HAN_RE.findall(text)) * 4 >= len(text.replace(" ", ""))


def wrap_layout(blocks: list[Block]) -> Wrap:
    """How the document's lines are laid out.

    >>> blocks = [Block("x" * n, i, blank_before=i in (0, 3)) for i, n in enumerate([70, 72, 30, 69, 12])]
    >>> wrap_layout(blocks)
    Wrap(han=0, other=72, han_wrapped=False, other_wrapped=True, blank_separated=False, first=0, han_repeat=0)
    """
    han: list[int] = []
    other: list[int] = []
    for prev, cur in zip(blocks, blocks[1:]):
        # Lines a continuation may follow: not before a blank line, an indented line or a date line.
        if not cur.blank_before and cur.indent <= prev.indent and not _DATE_START.match(cur.text):
            (han if _han_line(prev.text) else other).append(len(prev.text))

    def wrapped(xs: list[int]) -> bool:
        # A fixed-width wrap: many continued lines within 10% of the widest (a paragraph's last line
        # is shorter; in a file of one paragraph per line, few lines come close to the longest).
        # Chinese wraps at a fixed count of characters: several lines of exactly the widest length.
        near = sum(1 for x in xs if x >= 0.9 * max(xs)) if xs else 0
        exact = sum(1 for x in xs if x == max(xs)) if xs else 0
        return near >= max(3, 0.4 * len(xs)) or exact >= 3

    blank = sum(1 for b in blocks[1:] if b.blank_before) >= 2
    repeat = max((n for n, k in Counter(han).items() if k >= 2), default=0)
    return Wrap(max(han, default=0), max(other, default=0), wrapped(han), wrapped(other), blank,
                blocks[0].line if blocks else -1, repeat)


_PROSE_MARK = recache.compile(r"[，。；：！？]")
_DOC_NAME_END = recache.compile(r"(?:通知|意见|决定|办法|规定|公告|通告|通报|批复|复函|报告|方案|规划|条例|细则|纲要|公报|决议|命令)$")
_CLAUSE_MARK = recache.compile(r"[，；：,;:]")  # (not 、, quotes or brackets, which headlines have too)


def _joins(prev: Block, cur: Block, prev_line: str, layout: Wrap = Wrap(), prev_indent: int = 0) -> bool:
    """Is ``cur`` the continuation of a hard-wrapped ``prev`` (whose last input line is ``prev_line``)?

    Only a line that reaches the document's wrap width can have been wrapped: short lines in a row
    are separate items (menus, widgets), and in a file written one paragraph per line (Chinese
    sites: title, ``2023-11-02 08:15　来源：人民网``, body lines) a shorter line is a paragraph of
    its own. In a hard-wrapped document a line that reaches the wrap width is continued by the next
    line whatever that line starts with (a name, a number); elsewhere only a lowercase continuation
    of an unfinished line is. A line starting with a date is a metadata line and is never continued,
    nor continues another; a line indented deeper than the one before starts a paragraph ("　　").
    """
    if cur.blank_before or prev.role != BODY or cur.role != BODY:
        return False
    if looks_like_code(prev_line) or (looks_like_code(cur.text) and _TERMINAL.search(prev_line)):
        return False  # two commands, or a command after a finished line, are lines of their own
        # (a line that stops mid-sentence goes on, whatever the next one looks like: "… to\nmake 3.5 million")
    if cur.indent > prev_indent or _DATE_START.match(cur.text):
        return False
    han = _han_line(prev_line)
    if len(prev_line) < (20 if han else 40) or _DATE_START.match(prev_line):
        return False
    width, hard_wrapped = (layout.han, layout.han_wrapped) if han else (layout.other, layout.other_wrapped)
    if BULLET.match(cur.text) or NUMBERED.match(cur.text):
        return False
    if hard_wrapped and len(prev_line) >= 0.75 * width:
        # A wrapped line goes on; where no blank line separates paragraphs, a line that ends a sentence
        # before the margin is a paragraph's last line.
        return layout.blank_separated or not (_TERMINAL.search(prev_line) and len(prev_line) < 0.95 * width)
    if width and len(prev_line) < 0.8 * width:
        return False
    if _TERMINAL.search(prev.text) or _DATE_TIME.search(prev_line):
        return False
    if HAN_RE.search(prev.text[-1:]) and (HAN_RE.search(cur.text[:1]) or cur.text[:1] in _NO_LINE_START):
        # Where no fixed width shows, the document's first line may be its headline, the widest line
        # of a short document ("国务院办公厅关于2019年部分节假日安排的通知" over "经国务院批准，…"): it goes
        # on only with a clause mark (，；：, not 、 or quotes, which headlines have: "国家发展改革委、财政部、
        # 商务部联合部署…"), as prose cut mid-sentence has, or at a width another wrapped line shares, and never when it
        # ends in an official document's name (…的通知, …的意见). Further down, a line goes on when it
        # or its continuation is punctuated prose: unpunctuated lines (a transcript's, subtitles) are
        # lines of their own.
        if len(prev_line) == layout.han_repeat:
            return True
        if prev.line == layout.first:
            return bool(_CLAUSE_MARK.search(prev_line)) and not _DOC_NAME_END.search(prev_line)
        return bool(_CLAUSE_MARK.search(prev_line) or _PROSE_MARK.search(cur.text))
    return bool(re.match(r"[a-z]", cur.text)) and bool(re.search(r"[a-z,]$", prev.text))


def in_list(body: list[Block], i: int, listed: dict[int, bool], dashed: dict[int, bool] | None = None) -> bool:
    """Is paragraph ``i``, which starts with a dash or an asterisk, part of a list? Consecutive
    such paragraphs are a run, and the run is a list when the line before it ends with a colon,
    a line next to it is an unambiguous list line (``listed``: a bullet such as "•" or a
    numbered line), or it is two or more lines opened by the same ASCII bullet ("- ", "* ").
    Dialogue in a novel is also a run of dash lines, with neither. ``dashed`` says which
    paragraphs started with a dash or an asterisk before any was edited (default: now).

    >>> texts = ["Results:", "——Trade grew.", "——Jobs rose.", "Then.", "——Where to?", "——Home."]
    >>> blocks = [Block(t, i) for i, t in enumerate(texts)]
    >>> listed = {id(b): False for b in blocks}
    >>> [in_list(blocks, k, listed) for k in (1, 2, 4, 5)]
    [True, True, False, False]
    >>> blocks = [Block(t, i) for i, t in enumerate(["Notes from the trip.", "* Bring water", "* Start early", "Then."])]
    >>> [in_list(blocks, k, {id(b): False for b in blocks}) for k in (1, 2)]
    [True, True]
    >>> blocks = [Block(t, i) for i, t in enumerate(["The lights went out.", "- Where are we?", "- I don't know…", "Silence."])]
    >>> [in_list(blocks, k, {id(b): False for b in blocks}) for k in (1, 2)]
    [False, False]

    A single "- " line is a list item where the document writes a "- " list elsewhere:

    >>> texts = ["Facts:", "- It took effect.", "- It covers trade.", "Promises kept.", "- As he said in 2018, it works."]
    >>> blocks = [Block(t, i) for i, t in enumerate(texts)]
    >>> in_list(blocks, 4, {id(b): False for b in blocks})
    True
    """
    if dashed is None:
        dashed = {id(x): bool(_AMBIGUOUS_BULLET.match(x.text)) for x in body}
    a = b = i
    while a > 0 and dashed[id(body[a - 1])]:
        a -= 1
    while b + 1 < len(body) and dashed[id(body[b + 1])]:
        b += 1
    prev = body[a - 1] if a > 0 else None
    nxt = body[b + 1] if b + 1 < len(body) else None
    marks = {_ascii_bullet(body[k].text) for k in range(a, b + 1)}
    if b > a and len(marks) == 1 and "" not in marks and not (
            marks == {"-"} and any(_SPOKEN_END.search(body[k].text) for k in range(a, b + 1))):
        return True  # two or more lines opened by the same "- " or "* ": a list as Markdown writes one
        # (not "- Where are we?" / "- I don't know…": dialogue turns, as subtitles write them)
    if a == b and marks == {"-"} and _SPOKEN_END.search(body[a].text) is None \
            and not is_heading_like(body[a].text[2:]):
        # one "- " sentence where the document writes its lists with "- " elsewhere (not "* ", which
        # also marks a footnote: "* Adjusted earnings exclude …"; a catalogue's "- Goats" over its
        # description is heading-like: left as it is)
        def bulleted(k: int) -> bool:
            return 0 <= k < len(body) and _ascii_bullet(body[k].text) == "-"

        if any(bulleted(k) and (bulleted(k - 1) or bulleted(k + 1)) for k in range(len(body)) if not a <= k <= b):
            return True
    return bool((prev is not None and (listed[id(prev)] or _INTRODUCES_LIST.search(prev.text)))
                or (nxt is not None and listed[id(nxt)]))


_SPOKEN_END = recache.compile("[?!…？！][\"'”’)]*\\s*$")


def _ascii_bullet(text: str) -> str:
    """The ASCII bullet ("-" or "*", then a space) that opens ``text``, or ""."""
    return text[0] if text[:1] in ("-", "*") and text[1:2] == " " else ""


def _numbering(text: str) -> str:
    """A numbered line's scheme: its number's kind and the marks around it ("1." -> "d.", "（一）" -> "（h）")."""
    m = NUMBERED.match(text)
    if not m:
        return ""
    scheme = re.sub(r"\d+", "d", re.sub("[一二三四五六七八九十]+", "h", re.sub(r"(?<![A-Za-z])[A-Za-z](?=[.)])", "a", m.group().strip())))
    return "d." if scheme == "d、" else scheme  # MT mixes "2. " and "3、" in one list


def _number(text: str) -> int | None:
    """The number a numbered line opens with: "12." -> 12, "（三）" -> 3, "十一、" -> 11, "b)" -> 2."""
    m = NUMBERED.match(text)
    if not m:
        return None
    g = m.group()
    if d := re.search(r"\d+", g):
        return int(d.group())
    if h := re.search("[一二三四五六七八九十]+", g):
        from ..alignment.qa import cn_numeral

        v = cn_numeral(h.group())
        return int(v) if v else None
    letter = re.search("[A-Za-z]", g)
    return ord(letter.group().lower()) - 96 if letter else None


def _numbered_sibling(body: list[Block], i: int) -> bool:
    """Is line ``i`` an item of a numbered list: the line before it carries the number before its
    own, or the line after it the number after, in the same scheme ("1. 同声传译", "2. 耳语翻译")?
    A numbered heading ("1. 概述", "2. 重点任务" over its own "1. …" items) has body text or a list of
    its own after it, not its next number.

    >>> texts = ["1. 同声传译", "2. 耳语翻译", "一、总体要求", "正文。", "2. 重点任务", "1. 加强统筹。", "I. Introduction", "A. Background"]
    >>> blocks = [Block(t, i) for i, t in enumerate(texts)]
    >>> [_numbered_sibling(blocks, k) for k in (0, 1, 2, 4, 6)]
    [True, True, False, False, False]
    """
    scheme, n = _numbering(body[i].text), _number(body[i].text)
    if n is None:
        return False
    for k, want in ((i - 1, n - 1), (i + 1, n + 1)):
        if 0 <= k < len(body) and _numbering(body[k].text) == scheme and _number(body[k].text) == want:
            return True
    return False


def relist(doc: Document) -> None:
    """Make list items of the dash runs that are lists now that a later stage removed a line beside
    them: "(1) …", a UI line, "— …" becomes "(1) …", "— …", which cleaning again would read as a
    list. Without this, cleaning the output again would strip the bullet (not idempotent)."""
    body = [b for b in doc.blocks if b.role == BODY]
    dashed = {id(b): b.kind == "paragraph" and bool(_AMBIGUOUS_BULLET.match(b.text)) for b in body}
    if not any(dashed.values()):
        return
    listed = {id(b): bool(NUMBERED.match(b.text)) for b in body}
    for i, b in enumerate(body):
        m = BULLET.match(b.text) if dashed[id(b)] else None
        if m and len(b.text) > m.end() + 1 and in_list(body, i, listed, dashed):
            apply_edits(b, Structure.name, [(0, m.end(), "", "structure/bullet")])
            b.kind = "list_item"


@register
class Structure(Stage):
    name = "structure"
    requires = ("blocks",)
    provides = ("paragraphs",)
    description = "Join hard-wrapped lines; mark headings and list items (bullets stripped, numbers kept)."

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``join_wrapped``: join hard-wrapped lines into paragraphs (default true)."""

        join_wrapped: bool = True

    def _join(self, prev: Block, b: Block) -> None:
        """Append ``b`` to ``prev``: the join inserts ``b`` as the input had it, then ``b``'s own edits
        are replayed at their new offsets, so the edit history still leads from input to text."""
        # No space after a Han character, nor after a hyphen a wrap broke a compound at ("Headline-|Hunan").
        sep = "" if HAN_RE.search(prev.text[-1:]) or re.search(r"[A-Za-z]-$", prev.text) else " "
        first = prev.original if prev.original is not None else prev.text
        b_original = b.original if b.original is not None else b.text
        apply_edits(prev, self.name, [(len(prev.text), len(prev.text), sep + b_original, "structure/join-wrapped")])
        offset = len(prev.text) - len(b_original)
        for e in b.edits:
            prev.edits.append(Edit(e.stage, e.rule, e.before, e.after, e.start + offset))
        for f in b.flags:
            f.start += offset
            prev.flags.append(f)
        prev.text = prev.text[:offset] + b.text
        prev.original = first + "\n" + b_original

    def run(self, doc: Document) -> None:
        if self.options.join_wrapped:
            merged: list[Block] = []
            last_line = ""
            layout = wrap_layout(doc.blocks)
            last_indent = 0
            for b in doc.blocks:
                line = b.text
                if merged and not b.verbatim and not merged[-1].verbatim and _joins(merged[-1], b, last_line, layout, last_indent):
                    last_line, last_indent = line, b.indent
                    self._join(merged[-1], b)
                    continue
                merged.append(b)
                last_line, last_indent = line, b.indent
            doc.blocks = merged
        body = [b for b in doc.blocks if b.role == BODY]
        listed = {id(b): bool((BULLET.match(b.text) and not _AMBIGUOUS_BULLET.match(b.text)) or NUMBERED.match(b.text))
                  for b in body}
        dashed = {id(b): bool(_AMBIGUOUS_BULLET.match(b.text)) for b in body}
        # Short lines without a final mark are heading candidates; which are headings is decided over
        # the whole document (document_headings).
        code = {i: looks_like_code(b.text) for i, b in enumerate(body)}
        candidates = {i: b.kind == "paragraph" and not BULLET.match(b.text) and not NUMBERED.match(b.text)
                      and not code[i] and is_heading_like(b.text) for i, b in enumerate(body)}
        # (a line of code is neither: a tutorial's code would make it a document of short lines)
        prose = {i: b.kind == "paragraph" and not candidates[i] and not listed[id(b)] and not dashed[id(b)] and not code[i]
                 for i, b in enumerate(body)}
        lists = {i: bool(listed[id(b)] or (dashed[id(b)] and in_list(body, i, listed, dashed))) for i, b in enumerate(body)}
        headings = document_headings(body, candidates, prose, lists) if len(doc.blocks) > 1 else set()
        introduced = introduced_lists(body, candidates)
        for i, b in enumerate(body):
            if b.kind == "paragraph" and not b.verbatim:  # code is a paragraph, whatever its lines look like
                m = BULLET.match(b.text)
                if m and dashed[id(b)] and not lists[i]:
                    pass  # a paragraph that starts with a dash: text, not a list item (nor a heading)
                elif m and len(b.text) > m.end() + 1:
                    apply_edits(b, self.name, [(0, m.end(), "", "structure/bullet")])
                    b.kind = "list_item"
                elif NUMBERED.match(b.text):
                    b.kind = "heading" if is_heading_like(b.text) and not _numbered_sibling(body, i) else "list_item"
                elif i in headings:
                    b.kind = "heading"
                elif i in introduced:
                    b.kind = "list_item"
            b.lang = detect_lang(b.text)
