"""``terms``: glossary-driven term repair.

One Aho-Corasick automaton over every variant of every loaded glossary finds the
candidates in a single pass, so the cost does not grow with glossary size.
``replace`` entries write an edit whose rule is ``FILE:ZH``; ``suggest`` and
``flag`` entries write a flag carrying the suggestion. Entries with ``when``/``unless``
fire only where their condition holds (nearby words; the article's ``domain``: its
metadata's, else the stage option ``domain``, which ``toolkit clean --domain NAME`` sets).
A ``before``/``after`` regex that runs out of its time budget makes no repair and
leaves a ``term-timeout`` flag, so a hostile glossary costs time, never a hang.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..chars import HAN_RE
from ..model import BODY, FOOTNOTE, TITLE, Document, apply_edits
from ..stage import Stage, register


@register
class Terms(Stage):
    name = "terms"
    requires = ("blocks",)
    provides = ()
    uses = ("decoded", "paragraphs")
    uses_glossary = True
    description = "Repair mistranslated terms with the glossary (one automaton; replace, suggest or flag)."

    @dataclass(frozen=True, slots=True, kw_only=True)
    class Options:
        """``domain``: the document domain for entries' ``when``/``unless`` domain conditions, for
        every document whose metadata has no ``domain`` of its own (``toolkit clean --domain NAME``)."""

        domain: str = ""

    def run(self, doc: Document) -> None:
        g = self.resources.glossary
        if not g.entries:
            return
        for b in doc.blocks:
            if b.role not in (BODY, TITLE, FOOTNOTE) or (HAN_RE.search(b.text) and b.lang == "zh"):
                continue
            # the article's own domain, else the document's (a JSONL record's "domain"), else the option
            meta = doc.metadata.get(b.article) or {}
            doc_meta = doc.metadata.get(0) or {}
            domain = next((d for d in (meta.get("domain"), doc_meta.get("domain")) if isinstance(d, str) and d),
                          self.options.domain or None)
            before = g.timeouts
            repairs = g.find(b.text, domain)
            if g.timeouts > before:
                b.flag("term-timeout", 0, b.text[:40], f"{g.timeouts - before} glossary context regex search(es) "
                       "ran out of time; those repairs were not made", stage=self.name, rule="terms/timeout")
            changes = []
            for r in repairs:
                found = b.text[r.start : r.end]
                if r.entry.action == "replace":
                    changes.append((r.start, r.end, r.replacement, r.entry.rule))
                else:
                    kind = "suggestion" if r.entry.action == "suggest" else "term-flag"
                    msg = f"{found!r} is a known mistranslation of {r.entry.zh}"
                    if r.entry.note:
                        msg += f": {r.entry.note}"
                    b.flag(kind, r.start, found, msg, stage=self.name, rule=r.entry.rule,
                           suggestion=r.replacement if r.entry.action == "suggest" else None)
            if changes:
                apply_edits(b, self.name, changes)
