"""``terms``: glossary-driven term repair.

One Aho-Corasick automaton over every variant of every loaded glossary finds the
candidates in a single pass, so the cost does not grow with glossary size.
``replace`` entries write an edit whose rule is ``FILE:ZH``; ``suggest`` and
``flag`` entries write a flag carrying the suggestion.
"""

from __future__ import annotations

from ..chars import HAN_RE
from ..model import BODY, FOOTNOTE, TITLE, Document, apply_edits
from ..pipeline import Stage, register


@register
class Terms(Stage):
    name = "terms"
    description = "Repair mistranslated terms with the glossary (one automaton; replace, suggest or flag)."

    def run(self, doc: Document) -> None:
        g = self.resources.glossary
        if not g.entries:
            return
        for b in doc.blocks:
            if b.role not in (BODY, TITLE, FOOTNOTE) or (HAN_RE.search(b.text) and b.lang == "zh"):
                continue
            repairs = g.find(b.text)
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
