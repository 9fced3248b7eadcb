"""``normalize-whitespace``: invisible and odd spaces, every change an edit.

Pure functions return ``(start, end, replacement, rule)`` changes; the stage
applies them with :func:`~toolkit.model.apply_edits`.
"""

from __future__ import annotations

import re

from .. import recache
from ..chars import CJK_SYMBOLS, FULLWIDTH_FORMS, HAN, looks_like_code
from ..model import Document, apply_edits
from ..stage import Stage, register

# Spaces that should be a plain space in running text.
# (Vertical tab, form feed and the C0 separators \x1c-\x1f count as whitespace to Python and split
# lines to some tools: a plain space is what they meant.)
_ODD_SPACE = recache.compile("[\N{NO-BREAK SPACE}\N{NARROW NO-BREAK SPACE}\N{FIGURE SPACE}\t\x0b\x0c\x1c-\x1f\u2000-\u200a\u205f]")
# Characters that should not be there at all: zero-width space/joiners, word joiner, BOM, soft
# hyphen, and the C0 control characters that are not whitespace (escape, backspace, NUL, ...).
_INVISIBLE = recache.compile("[\N{ZERO WIDTH SPACE}\N{ZERO WIDTH NON-JOINER}\N{ZERO WIDTH JOINER}\N{WORD JOINER}"
                        "\N{ZERO WIDTH NO-BREAK SPACE}\N{SOFT HYPHEN}\u2061-\u2064\x00-\x08\x0e-\x1b\x7f]")
# A zero width joiner between two emoji is part of one emoji ("🤦\u200d♀️" is one woman-facepalming
# glyph; without the joiner it shows as two), and the joiners inside Arabic-script and Indic words
# choose letter forms: they are text, not noise. (The pictograph ranges, the dingbats/miscellaneous
# symbols block, variation selector 16 and skin-tone modifiers stand in for Unicode's emoji property.)
_EMOJI = "\u2600-\u27bf\u2b00-\u2bff\ufe0f\U0001f000-\U0001faff"
_JOINED_SCRIPT = "\u0600-\u06ff\u0750-\u077f\u0900-\u0dff"
_MEANT_JOINER = recache.compile(
    f"(?<=[{_EMOJI}])\u200d(?=[{_EMOJI}])"  # ZERO WIDTH JOINER
    f"|(?<=[{_JOINED_SCRIPT}])[\u200c\u200d](?=[{_JOINED_SCRIPT}])"  # ZERO WIDTH NON-JOINER, JOINER
)
_ANYTHING = recache.compile(_ODD_SPACE.pattern + "|" + _INVISIBLE.pattern + "| {2,}|\u3000")
# A hair or thin space that typesetting puts around the dot of a section number or a time
# ("1\u200a.\u200a1\u200a.\u200a2"), on both sides: the number is "1.1.2"; a plain space there would read
# "1 . 1 . 2". (One after a sentence's last number is a space: "in 2023.\u20092024 will".)
_NUMBER_THIN_SPACE = recache.compile(r"(?<=\d)([\u2009\u200a]+)[.:]([\u2009\u200a]+)(?=\d)")
# An ideographic space between Latin letters or digits is a wide space in English text.
_IDEO_SPACE = recache.compile(f"(?<![{HAN}{CJK_SYMBOLS}{FULLWIDTH_FORMS}])\u3000+(?![{HAN}{CJK_SYMBOLS}{FULLWIDTH_FORMS}])")


def strip_changes(text: str) -> list[tuple[int, int, str, str]]:
    """Spaces at a paragraph's start and end removed.

    >>> strip_changes(" 0 "), strip_changes("ok")
    ([(0, 1, '', 'normalize-whitespace/strip'), (2, 3, '', 'normalize-whitespace/strip')], [])
    """
    lead, trail = len(text) - len(text.lstrip()), len(text.rstrip())
    out = []
    if lead:
        out.append((0, lead, "", "normalize-whitespace/strip"))
    if text.strip() and trail < len(text):
        out.append((trail, len(text), "", "normalize-whitespace/strip"))
    return out


def whitespace_changes(text: str) -> list[tuple[int, int, str, str]]:
    """Changes that make spacing plain: odd spaces to one space, invisibles removed, runs collapsed.

    >>> whitespace_changes("Guangzhou.\\u00a0During  the\\u200bevent")
    [(10, 11, ' ', 'normalize-whitespace/odd-space'), (17, 19, ' ', 'normalize-whitespace/collapse'), (22, 23, '', 'normalize-whitespace/invisible')]
    >>> whitespace_changes("\\N{FACE PALM}\\u200d\\N{FEMALE SIGN}\\ufe0f ok")
    []
    >>> [c[3] for c in whitespace_changes("### 1\\u200a.\\u200a1\\u200a.\\u200a2 Languages, 10\\u2009000 people")]
    ['normalize-whitespace/number-space', 'normalize-whitespace/number-space', 'normalize-whitespace/number-space', 'normalize-whitespace/number-space', 'normalize-whitespace/odd-space']
    """
    if not _ANYTHING.search(text):
        return []  # the common case: nothing odd at all
    out: list[tuple[int, int, str, str]] = []
    taken: set[int] = set()
    for m in _INVISIBLE.finditer(text):
        if m.group() in "\N{ZERO WIDTH NON-JOINER}\N{ZERO WIDTH JOINER}" and _MEANT_JOINER.match(text, m.start()):
            continue
        out.append((m.start(), m.end(), "", "normalize-whitespace/invisible"))
        taken.add(m.start())
    for m in _NUMBER_THIN_SPACE.finditer(text):
        for g in (1, 2):
            if m.end(g) > m.start(g):
                out.append((m.start(g), m.end(g), "", "normalize-whitespace/number-space"))
                taken.update(range(m.start(g), m.end(g)))
    # Work on a view where odd spaces count as spaces, to collapse runs that mix them.
    view = _IDEO_SPACE.sub(lambda m: " " * len(m.group()), _ODD_SPACE.sub(" ", text))
    for m in re.finditer(r" +", view):
        s, e = m.start(), m.end()
        if text[s:e] == " " or s in taken:
            continue
        rule = "normalize-whitespace/collapse" if e - s > 1 else "normalize-whitespace/odd-space"
        if e - s == 1 and text[s] == "\u3000":
            rule = "normalize-whitespace/ideographic-space"
        out.append((s, e, " ", rule))
    out.sort()
    return out


@register
class NormalizeWhitespace(Stage):
    name = "normalize-whitespace"
    requires = ("blocks",)
    provides = ()
    description = "Turn NBSP/tabs/odd spaces into plain spaces, drop zero-width characters and BOMs, collapse runs."

    def run(self, doc: Document) -> None:
        for b in doc.blocks:
            code = looks_like_code(b.text)
            for _ in range(3):  # removing an invisible can leave two spaces side by side
                changes = whitespace_changes(b.text)
                if code:  # a code line's spacing is meant ("140.82.114.25    github.com"): only invisibles go
                    changes = [c for c in changes if c[3] == "normalize-whitespace/invisible"]
                if not changes:
                    break
                apply_edits(b, self.name, changes)
            apply_edits(b, self.name, strip_changes(b.text))
