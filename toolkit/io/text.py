"""Plain text to line blocks that remember their input line."""

from __future__ import annotations

from .. import recache
from ..model import Block

# Characters Python's str.strip() keeps but that make no visible text.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_NEWLINES = recache.compile(r"\r\n?|[\u2028\u2029\x85]")

def split_lines(text: str) -> list[Block]:
    """One block per non-blank line, with its 1-based line number.

    >>> [(b.text, b.line, b.indent, b.blank_before) for b in split_lines("A\\r\\n\\r\\n  B\\rC")]
    [('A', 1, 0, True), ('B', 3, 2, True), ('C', 4, 0, False)]
    """
    blocks: list[Block] = []
    blank = True
    for n, line in enumerate(_NEWLINES.sub("\n", text).split("\n"), start=1):
        stripped = line.strip()
        if not stripped.strip(_INVISIBLE):  # a line of only zero-width characters is blank
            blank = True
            continue
        indent = len(line) - len(line.lstrip(" \t\u3000\u00a0"))
        blocks.append(Block(stripped, n, indent=indent, blank_before=blank))
        blank = False
    return blocks
