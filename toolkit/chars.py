"""Character classes, defined once: Han, CJK punctuation, full-width forms, kana, hangul, Latin.

Every module that needs to know "is this Chinese?" takes its ranges from here,
as regex character-class fragments (to splice into larger patterns) and as
compiled patterns. Ranges are spelled as code points with a comment, because
most of them are invisible or look like their ASCII cousins.

>>> bool(HAN_RE.search("GDP增长")), bool(HAN_RE.search("GDP growth"))
(True, False)
>>> is_han("中"), is_han("a"), is_han("\N{CJK COMPATIBILITY IDEOGRAPH-F900}")
(True, False, True)
"""

from __future__ import annotations

from functools import lru_cache

from . import recache

#: English month names, and a pattern for a month as news writes it ("Jan.", "Sept", "June").
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
EN_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
            r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")

#: Han ideographs: CJK Unified (U+4E00-9FFF), Extension A (U+3400-4DBF), Compatibility
#: Ideographs (U+F900-FAFF) and the supplementary planes' extensions B-F (U+20000-2EBEF).
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
#: CJK Symbols and Punctuation (U+3000-303F): ideographic space, 、。〈〉《》「」『』【】〔〕 ...
CJK_SYMBOLS = r"\u3000-\u303f"
#: Halfwidth and Fullwidth Forms (U+FF00-FFEF): ，：；（）！？ and full-width Latin/digits.
FULLWIDTH_FORMS = r"\uff00-\uffef"
#: Full-width ASCII letters and digits: U+FF10-FF19 (０-９), U+FF21-FF3A (Ａ-Ｚ), U+FF41-FF5A (ａ-ｚ).
FULLWIDTH_ALNUM = r"\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
#: Punctuation that only occurs in Chinese/Japanese text (CJK symbols, full-width punctuation),
#: plus the marks Chinese text shares with typographic English: EM DASH, HORIZONTAL ELLIPSIS,
#: curly quotes and MIDDLE DOT.
CJK_PUNCT = (
    CJK_SYMBOLS
    + r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    + r"\u2014\u2026\u201c\u201d\u2018\u2019\u00b7"
)
#: Hiragana and katakana (U+3040-30FF): their presence makes a Han text Japanese.
KANA = r"\u3040-\u30ff"
#: Hiragana letters and marks (U+3041-3096, 309D-309F; not the voicing marks both kana share).
HIRAGANA = r"\u3041-\u3096\u309d-\u309f"
#: Hangul syllables (U+AC00-D7AF).
HANGUL = r"\uac00-\ud7af"
#: Basic Latin letters and Latin-1/Extended-A/B letters (U+00C0-024F).
LATIN = r"A-Za-z\u00c0-\u024f"

HAN_RE = recache.compile(f"[{HAN}]")
KANA_RE = recache.compile(f"[{KANA}]")
HIRAGANA_RE = recache.compile(f"[{HIRAGANA}]")
HANGUL_RE = recache.compile(f"[{HANGUL}]")
LATIN_RE = recache.compile(f"[{LATIN}]")


def is_han(ch: str) -> bool:
    """Is the single character ``ch`` a Han ideograph?"""
    return HAN_RE.match(ch) is not None


def has_han(text: str) -> bool:
    """Does ``text`` contain at least one Han ideograph?

    >>> has_han("2024年"), has_han("2024")
    (True, False)
    """
    return HAN_RE.search(text) is not None


def is_japanese(text: str, share: float = 0.05) -> bool:
    """Japanese text: hiragana (the particles の は を に) make up ``share`` (5%) or more of its Han and kana.

    Chinese text quotes a katakana name (ソニー) now and then, but never writes hiragana.

    >>> is_japanese("商標登録の出願について説明します。"), is_japanese("商標注册申请已受理。")
    (True, False)
    >>> is_japanese("索尼（ソニー）公司发布了新的商标注册申请。")
    False
    """
    kana = KANA_RE.findall(text)
    if len(kana) < 3:
        return False
    hiragana = len(HIRAGANA_RE.findall(text))
    return hiragana >= 3 and hiragana >= share * (len(kana) + len(HAN_RE.findall(text)))


# The dots of a name: one after a short run of Han that starts the clause ("，马丁．"), or both dots around
# a short part ("纪念马丁．路德．金").
# -- names in credits ------------------------------------------------------------------------------

#: How a Chinese outlet's name ends (新京报, 澎湃新闻, 新华社, 中国网, 央视新闻客户端): bylines, datelines and page
#: metadata all ask it (a regex fragment).
OUTLET_SUFFIX = "(?:报|网|社|台|刊|新闻|杂志|传媒|融媒|客户端)"
#: A portal's staff code after an editor's name ("杨倩_NF4425"), or a token that is one ("PK155").
STAFF_CODE = recache.compile(f"(?<=[{HAN}])_?[A-Z]{{1,4}}\\d{{2,6}}$|^[A-Z]{{1,4}}\\d{{2,6}}$")

_NAME_DOTS = recache.compile(f"(?<![{HAN}])[{HAN}]{{1,3}}(?:．[{HAN}]{{1,3}})+|(?=(．[{HAN}]{{1,3}}．))"
                             # ... and a list's number or letter ("1．考生须知", "A．北京 B．上海"), a decimal point
                             r"|(?:^|(?<=[\s：；，。、:;,（(]))[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]{1,3}．|．(?=[0-9０-９])")


def mask_name_dots(text: str) -> str:
    """``text`` with the full-width stops that end no sentence written as middle dots: those that join
    the parts of a transliterated name ("马丁．路德．金", short runs of Han between them), follow a
    list's number or letter ("1．", "A．") or are a decimal point ("３．６"); only the others end sentences.
    The length is kept, so offsets into the result are offsets into ``text``.

    >>> mask_name_dots("1963年，马丁．路德．金在林肯纪念堂前演说．随后离开"), mask_name_dots("纪念马丁．路德．金遇刺")
    ('1963年，马丁·路德·金在林肯纪念堂前演说．随后离开', '纪念马丁·路德·金遇刺')
    >>> mask_name_dots("选手允许带一定量的纸质资料．下一题"), mask_name_dots("1．考生须知 A．北京 B．上海 增长3．6%")
    ('选手允许带一定量的纸质资料．下一题', '1·考生须知 A·北京 B·上海 增长3·6%')
    """
    if "．" not in text:
        return text
    dots: set[int] = set()
    for m in _NAME_DOTS.finditer(text):
        start, part = (m.start(1), m.group(1)) if m.group(1) else (m.start(), m.group())
        dots.update(start + i for i, ch in enumerate(part) if ch == "．")
    return "".join("·" if i in dots else ch for i, ch in enumerate(text))


# -- code --------------------------------------------------------------------------------------------

# Tools whose name alone, lower case at the start of a line, makes a command ("brew update").
_TOOLS = ("sudo|git|npm|npx|pnpm|yarn|pip|pip3|pipx|brew|cargo|rustc|rustup|docker|kubectl|apt|apt-get|yum|dnf|conda|"
          "mkdir|chmod|chown|curl|wget|cmake|gcc|g\\+\\+|clang|javac|mvn|gradle|ssh|scp|rsync|systemctl|ls|cd|rm|cp|mv")
# Shell words that are English words too ("make", "cat", "source"): a command only with an argument
# that is code (a flag, a path, a file name, an assignment, a variable).
_SHELL_WORDS = "export|source|make|cat|echo|touch|tar|unzip|python|python3|node|java|bash|sh|alias"
_CODE_LINE = recache.compile("|".join((
    r"^(?:\$|>>>|PS\s?[A-Z]:\\[^>]*>)\s+[a-z_.~/]",  # a shell or REPL prompt, then a command
    # a command: a tool and one or two words ("brew update", "git status"), or arguments that are code
    # ("git clone URL --depth=1"); not a tool's name alone (a section heading) or a sentence ("brew pubs near Gulou")
    rf"^(?:{_TOOLS})(?:\s+[a-z][\w-]*){{1,2}}(?:\s+<[^>]+>)?$|^(?:{_TOOLS})(?=.*\s(?:-{{1,2}}\w|[~/.]\S|\S*[/=@:<]))(?:\s+[^\s,]+){{1,8}}$(?<![.!?。！？])",
    # "export HOMEBREW_X=1", "cat ~/.bashrc", "python3 main.py" (not "make 3.5 million", "open Sat/Sun", "go home.Then")
    rf"^(?:{_SHELL_WORDS})\s+(?=\S*(?:\s-{{1,2}}[a-z]|\$|[A-Z_][A-Z0-9_]*=|(?:^|\s)(?:~|\.{{1,2}})?/\S|\S/\S*\.[a-z]{{1,4}}\b|\.[a-z]{{1,4}}\b)|-)\S",
    r"^\d{1,3}(?:\.\d{1,3}){3}\s+[a-z][\w.-]*\s*$",  # a hosts-file line (not "3.2.1.1 Requirements")
    rf"^>\s?(?:{_TOOLS}|{_SHELL_WORDS}|dir|del|copy|type|set)\s",  # a Windows prompt, then a command
    r"^(?:/(?:usr/)?bin/\w+|eval|exec)\s+\S|^>\s?\.\\",  # "/bin/bash -c …", 'eval "$(…)"', "> .\\main"
    r"^(?=[^/]*[;()=$])[\w$.()\[\]'\";=, ]{1,60}\s//\s|^[a-z_]\w*\s//\s",  # code and its comment: "typeof x; // ReferenceError"
    r"^[a-z_][\w.-]*\.(?:exe|dll|pdb|rs|py|js|ts|json|ya?ml|toml|sh|c|h|cc|cpp|hpp|java|go|rb|lock|cfg|ini|csv|css|o|so)$",  # a file
    r"^\s*(?://|/\*|\*/|<!--)",  # a comment
    r"^\s*[{}\])]+;?\s*$",  # closing brackets
    # a statement: "let a = 1;", "f(x);" (not "Sugar(100 g);", "GDP growth(around 5%);": words spaced in the brackets)
    r"^(?=.*(?:=|(?<![\w.])[a-z_][\w.]*\((?![^()]*[A-Za-z%] [A-Za-z0-9])))(?!.*;\s.*;\s).*[\w)\]'\"];\s*(?://.*)?$",
    r"[\w)\]]\s*\{\s*$",  # a block opens: "if (true) {", "function bar(x) {"
    r"^\s*(?:let|const|var|function|def|fn|pub|import|class|return|#include|public|private|static)\s[^。！？]*(?:[({=;]\s*$|\)\s*\{)",
    r"[\w\]](?:\.[A-Za-z_]\w*)+\([^()]*\)\s*;?\s*(?://.*)?$|(?:(?<![\w.])[a-z_]\w*|\])\((?![^()]*[A-Za-z%] [A-Za-z0-9])[^()]*\)\s*;\s*(?://.*)?$",  # "console.log(foo)", "a[6]();"
    r"^<(?:!--|/?(?:a|p|div|span|br|li|ul|ol|table|tr|td|th|img|form|input|option|select|script|style|html|head|body|meta|link"
    r"|h[1-6]|strong|em|b|i|font|section|article|nav|header|footer|iframe|label|button|pre|code|blockquote)\b[^>]*)>",  # HTML
)))


@lru_cache(maxsize=8192)
def code_text(text: str) -> bool:
    """Is a block set apart as preformatted (a Markdown code block without a language, an HTML
    ``<pre>`` without ``<code>``) code? Half its lines or more read as code (:func:`looks_like_code`).
    A poem, a notice or a whole article set that way by a scraper is text, which the stages clean.

    >>> code_text("if (x) {\\n    y = 1;\\n}"), code_text("The economy grew,and exports rose.\\nThe end.")
    (True, False)
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return bool(lines) and 2 * sum(1 for ln in lines if looks_like_code(ln)) >= len(lines)


# A token of code: syntax inside it ("SpawnActor(x,", "/v", "a=b", "{x", "HKLM\\SOFTWARE"); a word of a
# sentence has its marks around it ("(about", "said,", "registered.The", "5%.").
_CODE_TOKEN = recache.compile(r"[{}\[\]<>=\\/_@#$*|`~^&]|.\(|\).")
# A comment's mark opening a line, or a block's brace or a statement's end closing one.
_CODE_EDGE = recache.compile(r"^(?:#|//|/\*|--\s|\*\s)|[{};]$")
#: A sentence's end at the end of a text: its mark, then any closing quotes or brackets.
SENTENCE_END = recache.compile(r"[.!?。！？][\"'”’)）]*$")


def prose_text(text: str) -> bool:
    """Is a Markdown code block prose that a scraper fenced or indented (an HTML ``<pre>`` of a notice)?
    Two thirds of its characters are in sentences (eight words or more, nearly none with syntax inside
    it), one of them ends like a sentence, and no line reads as code (a signature's short lines may
    follow). A directory tree, a citation, a
    command's help or a config file is not.

    >>> prose_text("All departments shall,in accordance with the plan,complete the work before June 30.")
    True
    >>> prose_text("@misc{x,\\n  title = {A Title},\\n}"), prose_text("scoop install extras/umi-ocr")
    (False, False)
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines or any(looks_like_code(ln) or _CODE_EDGE.search(ln) for ln in lines):
        return False

    def sentence(ln: str) -> bool:
        if len(HAN_RE.findall(ln)) >= 15:
            return True
        tokens = ln.split()
        return len(tokens) >= 8 and sum(1 for t in tokens if not _CODE_TOKEN.search(t)) >= 0.9 * len(tokens)

    prose = [ln for ln in lines if sentence(ln)]
    return any(SENTENCE_END.search(ln) for ln in prose) and 3 * sum(map(len, prose)) >= 2 * sum(map(len, lines))


def looks_like_code(line: str) -> bool:
    """A line of program text, a shell command or a configuration entry, which no text rule should
    touch: it is no heading, no list item, its spacing is meant, and its marks are syntax.

    >>> [looks_like_code(t) for t in ("$ mkdir ~/projects", "brew update", "git clone https://a.org/x.git --depth=1",
    ...  "140.82.114.25 alive.github.com", "let tmp = 'abc'; // ReferenceError", "for (let i = 0; i < 10; i++) {",
    ...  "}", "console.log(foo);", "a[6](); // 10", "export HOMEBREW_NO_AUTO_UPDATE=1", '<a href="/x">link</a>',
    ...  "> cd hello_world", "/bin/bash -c x", "main.rs", "typeof x; // ReferenceError")]
    [True, True, True, True, True, True, True, True, True, True, True, True, True, True, True]
    >>> looks_like_code("console.log(foo); // 输出undefined"), looks_like_code("经济增长(5%); // 注")
    (True, False)
    >>> [looks_like_code(t) for t in ("Make sure the oven is hot", "cat videos are popular", "Early Life",
    ...  "The economy grew (by 5%) in 2023.", "To sit at his feet and hear and hear;", "Founding (1976)",
    ...  "if you want to go, call me", "go home", "Mr. Smith (left) and his wife", "经济增长(5%)", "E-mail: a@b.cn",
    ...  "pursuant to paragraph 2(b) above;", "cargo pockets, - & 2 front button pockets", "<P>with emphasis",
    ...  ">>> I have yet to see it", "$ 1500 is enough", "Events; Functions; Generalizations(sic); Goals;",
    ...  "apt to be more than a simple name or definition and may embrace the")]
    [False, False, False, False, False, False, False, False, False, False, False, False, False, False, False, False, False, False]
    >>> [looks_like_code(t) for t in ("(1) Expand domestic demand,stabilise employment and boost consumption(especially services);",
    ...  "In accordance with Article 5(1);", "Add salt(to taste);", "cargo ships from the port of Ningbo", "3.2.1.1 Requirements",
    ...  "cargo for three clients", 'cargo from more than six countries."', "make 3.5 million units a year", "open 24/7 for",
    ...  "brew pubs near Gulou", "git", "Biden(U.S. President);", "Sugar(100 g);", "Article 12(3);", "Home // News // Sports",
    ...  "(1) GDP growth(around 5%);", "go home.Then we left", "open Sat/Sun only,and", "set up=a new fund,worth")]
    [False, False, False, False, False, False, False, False, False, False, False, False, False, False, False, False, False, False, False]
    >>> looks_like_code("public static extern int MessageBox(int h, string m, string c, int type);")
    True
    >>> looks_like_code("> I set the table"), looks_like_code("Node.js"), looks_like_code("By Ed Silverman // November 6th, 2012")
    (False, False, False)
    """
    if not line or len(line) > 300:
        return False
    if HAN_RE.search(line):  # Chinese only in a trailing comment: "console.log(foo); // 输出undefined"
        i = line.find(" //")
        if i < 0 or HAN_RE.search(line, 0, i):
            return False
    if _CODE_LINE.search(line) is None:
        return False
    if _PROMPT.match(line):
        return True
    # English prose that only looks like code ("Add salt(to taste);", "In accordance with Article
    # 5(1);", a wrapped news line opening "cargo ships …"): a sentence's start, or function words.
    head = _ENUMERATOR.sub("", line.split(" //", 1)[0])
    return not (_SENTENCE_START.match(head) or _WORD_THEN_FUNCTION.match(head)
                or len(set(_FUNCTION_WORD.findall(head.lower()))) >= 2)


_PROMPT = recache.compile(r"^(?:\$|>>>|PS\s?[A-Z]:\\[^>]*>)\s+[a-z_.~/]")
_ENUMERATOR = recache.compile(r"^\s*[(（]?\d{1,3}[).）]\s*")
_SENTENCE_START = recache.compile(r"^[A-Z][a-z]+ [a-z]+\b")
# A tool's name that is an English word, then a function word: prose ("cargo for three clients").
_WORD_THEN_FUNCTION = recache.compile(rf"^(?:{_TOOLS}|{_SHELL_WORDS}) (?:the|and|of|to|for|from|with|in|on|at|by|as|is|are|was|were|than|that|a|an)\b")
_FUNCTION_WORD = recache.compile(r"(?<![\w$.])(?:the|and|of|to|with|in|for|a|an|is|are|was|were|that|this|on|at|by|from|as)(?![\w(.])")


#: A text ending in an abbreviation's or an initial's full stop ("Mr.", "No.", "U.S.", "Donald J."),
#: which ends no sentence.
ABBREV_END = recache.compile(
    r"(?:\b(?:No|Nos|Mr|Mrs|Ms|Dr|Prof|St|Co|Ltd|Inc|Corp|Jr|Sr|Vol|Fig|Art|Sec|Dept|Gov|Gen|Rep|Sen|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|approx|e\.g|i\.e)\.|\b[A-Z]\.)$")
