"""``segment``: sentences for every paragraph, and each paragraph's language.

English: a rule segmenter — a boundary is sentence punctuation, closing quotes,
space and an upper-case or numeric start, unless the text before ends in a known
abbreviation or an initial — which keeps ``Co., Ltd.``, ``a.m.``, ``No.1`` and
``W. J. Baumol`` whole. It agrees with spaCy's sentencizer (plus the same
abbreviation repairs) on every English paragraph of the seed corpus and of the
real-world dev set, at ten times the speed; ``en_segmenter: spacy`` runs spaCy's
blank English sentencizer instead (no model download). Chinese: split after
``。！？；…`` keeping closing quotes and brackets with their sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import recache
from ..chars import ABBREV_END, has_han, mask_name_dots
from ..lang import detect_lang
from ..model import BODY, FOOTNOTE, NOTE, TITLE, Document
from ..stage import Stage, register

_ZH_SENT = recache.compile(r"[^。！？；…!?]*(?:[。！？；!?]+|…+)[”’」』）)】》]*|[^。！？；…!?]+$")
# The same, for text whose sentences may end in the full-width full stop "．" (a house style of
# mathematical and technical Chinese), which inside a number is its decimal point ("３．６").
_FW_INNER = r"．(?=[0-9０-９])"  # a decimal point (a name's dots are masked first: 马丁．路德．金)
_ZH_SENT_FW = recache.compile(rf"(?:[^。！？；…!?．]|{_FW_INNER})*(?:[。！？；!?]+|…+|．+(?![0-9０-９]))[”’」』）)】》]*"
                              rf"|(?:[^。！？；…!?．]|{_FW_INNER})+$")
_EN_CANDIDATE = recache.compile(r"[.!?][\"'”’)\]]*\s+\S")


_REPORTING = recache.compile(r"^[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3} (?:said|says|asked|added|noted|told reporters|explained|stressed)\.$")


def split_zh(text: str) -> list[str]:
    """Chinese sentences, closing quotes kept with their sentence.

    >>> split_zh("他说：“好。”我们走吧！还有吗")
    ['他说：“好。”', '我们走吧！', '还有吗']
    >>> split_zh("增长３．６％，符合预期．下一步呢")
    ['增长３．６％，符合预期．', '下一步呢']
    >>> split_zh("马丁．路德．金发表了演讲．随后离开"), split_zh("1．考生须知"), split_zh("3．2 实验结果")
    (['马丁．路德．金发表了演讲．', '随后离开'], ['1．考生须知'], ['3．2 实验结果'])
    """
    if "．" not in text:
        return [s.strip() for s in _ZH_SENT.findall(text) if s.strip()]
    return [text[m.start():m.end()].strip() for m in _ZH_SENT_FW.finditer(mask_name_dots(text)) if m.group().strip()]


@lru_cache(maxsize=1)
def _nlp() -> Any:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


_BOUNDARY = recache.compile(r"(?<=[.!?])([\"'”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])")
# A boundary is safe without spaCy when the sentence before ends in a lowercase word (2+ letters),
# a number or a closing quote, followed by its punctuation: no abbreviation, no initial.
_SAFE_END = recache.compile(r"(?:\b[a-z]{2,}|\d%?|[a-z]{2,}[\"'”’)\]])[.!?][\"'”’)\]]*$")


def _fast_split(text: str) -> list[str] | None:
    """Sentences by regex when every boundary is unambiguous; None when spaCy should decide."""
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        left = text[start : m.end(1)]
        if not _SAFE_END.search(left[-40:]) or ABBREV_END.search(left.rstrip("\"'”’)]")):
            return None
        out.append(left.strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def split_en(text: str) -> list[str]:
    """English sentences by rule (no boundary after an abbreviation or an initial).

    >>> split_en("He Shaoping of Zengxin Technology Co., Ltd. revealed it. At 9:00 a.m. on Feb. 1, Li Na came.")
    ['He Shaoping of Zengxin Technology Co., Ltd. revealed it.', 'At 9:00 a.m. on Feb. 1, Li Na came.']
    >>> split_en("W. J. Baumol wrote it. Prices rose 5%. Why? Nobody knows.")
    ['W. J. Baumol wrote it.', 'Prices rose 5%.', 'Why?', 'Nobody knows.']
    """
    if not _EN_CANDIDATE.search(text):
        return [text]
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        left = text[start : m.end(1)]
        if ABBREV_END.search(left.rstrip("\"'”’)]")):
            continue
        out.append(left.strip())
        start = m.end()
    out.append(text[start:].strip())
    return _merge([s for s in out if s])


def split_en_spacy(text: str) -> list[str]:
    """English sentences by spaCy's sentencizer where a boundary is ambiguous (the ``spacy`` segmenter).

    >>> split_en_spacy("He Shaoping of Zengxin Technology Co., Ltd. revealed it. At 9:00 a.m. on Feb. 1, Li Na came.")
    ['He Shaoping of Zengxin Technology Co., Ltd. revealed it.', 'At 9:00 a.m. on Feb. 1, Li Na came.']
    """
    if not _EN_CANDIDATE.search(text):
        return [text]
    fast = _fast_split(text)
    if fast is not None:
        return _merge(fast)
    if len(text) > 50_000:  # spaCy's tokenizer is linear but holds the whole Doc: feed it in pieces
        out: list[str] = []
        start = 0
        for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z])", text):
            if m.start() - start > 20_000:
                out.extend(split_en_spacy(text[start : m.start()]))
                start = m.end()
        out.extend(split_en_spacy(text[start:]) if len(text) - start <= 50_000 else [text[start:]])
        return out
    return _merge([s.text.strip() for s in _nlp()(text).sents if s.text.strip()])


def _merge(sents: list[str]) -> list[str]:
    """Undo splits after abbreviations, before lowercase starts, and before reporting clauses."""
    merged: list[str] = []
    for s in sents:
        # A reporting clause after a quoted exclamation or question stays with it: '"Yes!" Li said.'
        reporting = bool(merged) and merged[-1][-1:] in "\"”’'" and _REPORTING.match(s) is not None
        if merged and (reporting or ABBREV_END.search(merged[-1]) or s[:1].islower() or s[:1].isdigit() and merged[-1].endswith("No.")):
            merged[-1] = merged[-1] + " " + s
        else:
            merged.append(s)
    return merged


def split_sentences(text: str, lang: str, en_segmenter: str = "rules") -> list[str]:
    """Sentences of a paragraph in language ``lang`` (``zh``, ``mixed`` or anything else: English rules)."""
    en = split_en_spacy if en_segmenter == "spacy" else split_en
    if lang == "zh":
        return split_zh(text)
    if lang == "mixed":
        out: list[str] = []
        for part in split_zh(text):
            out.extend(en(part) if not has_han(part) else [part])
        return out
    return en(text)


@register
class Segment(Stage):
    name = "segment"
    requires = ("blocks",)
    provides = ("sentences", "languages")
    uses = ("paragraphs",)
    description = "Split paragraphs into sentences (rules, or spaCy, for English; punctuation for Chinese) and set each paragraph's language."

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``sentences``: fill ``sentences`` (default true); off, only languages are set.
        ``en_segmenter``: ``rules`` (default) or ``spacy`` (spaCy's sentencizer where a boundary is
        ambiguous; slower, same results on the measured sets)."""

        sentences: bool = True
        en_segmenter: str = "rules"

        def __post_init__(self) -> None:
            if self.en_segmenter not in ("rules", "spacy"):
                raise ValueError(f"en_segmenter must be 'rules' or 'spacy', not {self.en_segmenter!r}")

    def run(self, doc: Document) -> None:
        for b in doc.blocks:
            if b.role not in (BODY, FOOTNOTE, NOTE, TITLE):
                continue
            b.lang = detect_lang(b.text)
            if self.options.sentences and b.role == BODY:
                b.sentences = split_sentences(b.text, b.lang, self.options.en_segmenter)
