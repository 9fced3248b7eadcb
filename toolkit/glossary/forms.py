"""Inflection- and case-aware matching of English term forms (term QA's "is the term there?").

A form counts as present when its words occur in order with word boundaries, after
both sides are reduced to keys: lowercased, hyphens and punctuation as spaces, a
possessive ``'s`` dropped and a regular plural made singular (``forces`` ->
``force``, ``policies`` -> ``policy``, ``taxes`` -> ``tax``). So a sentence-initial
capital, ``new quality productive forces'`` and ``Belt and Road's`` all count. An
abbreviation written in capitals (``RMB``, ``NPC``) must appear in capitals: ``IT``
is not ``it``.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(r"[^\W_]+(?:['\N{RIGHT SINGLE QUOTATION MARK}][^\W_]+)*['\N{RIGHT SINGLE QUOTATION MARK}]?")
_NOT_PLURAL = ("ss", "us", "is", "ous", "ics")


def _singular(w: str) -> str:
    """A light singular (no dictionary: both sides get the same treatment, so it only must agree).

    >>> [_singular(w) for w in ("forces", "policies", "taxes", "branches", "business", "status", "gas", "news")]
    ['force', 'policy', 'tax', 'branch', 'business', 'status', 'gas', 'new']
    """
    if len(w) <= 3 or not w.endswith("s") or w.endswith(_NOT_PLURAL):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "zes", "sses")):
        return w[:-2]
    return w[:-1]


@lru_cache(maxsize=100_000)
def word_key(token: str) -> str:
    """One token's key: lowercase, possessive and plural dropped.

    >>> word_key("Forces'"), word_key("China's"), word_key("Qian Fan’s".split()[1])
    ('force', 'china', 'fan')
    """
    w = token.lower().replace("\N{RIGHT SINGLE QUOTATION MARK}", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    return _singular(w)


def en_key(text: str) -> str:
    """The key of a whole text, padded with spaces so a form's key is found by ``in``.

    >>> en_key("New Quality Productive Forces' growth")
    ' new quality productive force growth '
    """
    return " " + " ".join(word_key(t) for t in _TOKEN.findall(text)) + " "


@lru_cache(maxsize=100_000)
def _form_key(form: str) -> str:
    return en_key(form)


def is_abbreviation(form: str) -> bool:
    """An all-capitals token (``RMB``, ``NPC``, ``5G``): matched as written.

    >>> is_abbreviation("RMB"), is_abbreviation("Hengqin"), is_abbreviation("new quality")
    (True, False, False)
    """
    return " " not in form and any(c.isalpha() for c in form) and form.isupper() and len(form) <= 10


def form_present(form: str, text: str, key: str | None = None) -> bool:
    """Is ``form`` in ``text`` (``key`` = ``en_key(text)``, when already computed)?

    >>> form_present("new quality productive forces", "New quality productive force is key.")
    True
    >>> form_present("renminbi", "paid in RMB"), form_present("RMB", "paid in RMB"), form_present("IT", "it grew")
    (False, True, False)
    >>> form_present("productive forces", "counterproductive forces")
    False
    """
    if is_abbreviation(form):
        i = text.find(form)
        while i >= 0:
            j = i + len(form)
            if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum() or text[j] == "s"):
                return True
            i = text.find(form, i + 1)
        return False
    fk = _form_key(form)
    if fk.strip() == "":
        return form in text
    return fk in (key if key is not None else en_key(text))
