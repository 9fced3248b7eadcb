"""Inflection- and case-aware matching of English term forms (term QA's "is the term there?").

A form counts as present when its words occur in order with word boundaries, after
both sides are reduced to keys: lowercased, hyphens and punctuation as spaces, a
possessive ``'s`` dropped and a regular plural made singular (``forces`` ->
``force``, ``policies`` -> ``policy``, ``taxes`` -> ``tax``). So a sentence-initial
capital, ``new quality productive forces'`` and ``Belt and Road's`` all count. An
abbreviation written in capitals (``RMB``, ``NPC``) must appear in capitals: ``IT``
is not ``it``. A one-word place name also counts in its adjective form (``China`` in
"Chinese companies", ``India`` in "Indian", ``Switzerland`` in "Swiss"): regular
suffixes plus a short table of irregular ones (:data:`DEMONYMS`).
"""

from __future__ import annotations

import re
from functools import lru_cache

_TOKEN = re.compile(r"[^\W_]+(?:['\N{RIGHT SINGLE QUOTATION MARK}][^\W_]+)*['\N{RIGHT SINGLE QUOTATION MARK}]?")
_NOT_PLURAL = ("ss", "us", "is", "ous", "ics", "news")


def _singular(w: str) -> str:
    """A light singular (no dictionary: both sides get the same treatment, so it only must agree).

    >>> [_singular(w) for w in ("forces", "policies", "taxes", "branches", "business", "status", "gas", "news")]
    ['force', 'policy', 'tax', 'branch', 'business', 'status', 'gas', 'news']
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


#: Adjective forms that no suffix rule derives.
DEMONYMS: dict[str, tuple[str, ...]] = {
    "United States": ("American", "America", "US", "U.S.", "USA"), "America": ("American",), "Switzerland": ("Swiss",),
    "United Kingdom": ("British", "UK", "U.K."), "Britain": ("British",), "France": ("French",),
    "Netherlands": ("Dutch",), "Holland": ("Dutch",), "Scotland": ("Scottish", "Scots"), "England": ("English",),
    "Wales": ("Welsh",), "Ireland": ("Irish",), "Spain": ("Spanish",), "Afghanistan": ("Afghan",),
    "Thailand": ("Thai",), "Philippines": ("Philippine", "Filipino"), "Greece": ("Greek",), "Turkey": ("Turkish",),
    "Denmark": ("Danish",), "Sweden": ("Swedish",), "Finland": ("Finnish",), "Poland": ("Polish",),
    "Norway": ("Norwegian",), "Peru": ("Peruvian",), "New Zealand": ("New Zealander",), "Iraq": ("Iraqi",),
    "Portugal": ("Portuguese",), "Hong Kong": ("Hongkonger",), "Taiwan": ("Taiwanese",), "Guangdong": ("Cantonese",),
    "Canton": ("Cantonese",),
}
_DEMONYM_SUFFIXES = ("n", "an", "ian", "ese", "i", "ish")


@lru_cache(maxsize=100_000)
def derived_forms(form: str) -> tuple[str, ...]:
    """Adjective forms of a place name (empty for anything else).

    >>> derived_forms("China"), derived_forms("United States")[:2]
    (('Chinese',), ('American', 'America'))
    >>> "Indian" in derived_forms("India"), "Italian" in derived_forms("Italy"), derived_forms("new quality")
    (True, True, ())
    >>> "South African" in derived_forms("South Africa"), "East Asian" in derived_forms("East Asia")
    (True, True)
    """
    if form in DEMONYMS:
        return DEMONYMS[form]
    head, _, last = form.rpartition(" ")
    if head and head[:1].isupper() and all(w[:1].isupper() for w in head.split()):
        return tuple(f"{head} {d}" for d in derived_forms(last))  # South Africa -> South African
    if " " in form or len(form) < 4 or not form[:1].isupper() or not form.isalpha() or form.isupper():
        return ()
    if form == "China":
        return ("Chinese",)
    stems = {form, form[:-1]} if form[-1] in "aeoy" else {form}
    return tuple(sorted({s + suf for s in stems for suf in _DEMONYM_SUFFIXES} - {form}))


#: Capitalized words that do not identify a name by themselves.
GENERIC_NAME_WORDS = frozenset(
    "the of and for in on at to new national people's people central state general international chinese china "
    "district province provincial city municipal municipality county prefecture region autonomous special "
    "administrative zone area new university college school institute academy museum hospital library gate "
    "square park street road bridge tower temple palace hall building station airport port harbour harbor "
    "mount mt mountain mountains river lake sea ocean bay island islands peninsula plateau desert valley "
    "ministry department bureau office commission committee council agency administration court congress "
    "party group company corporation co ltd inc bank association federation union league foundation "
    "north south east west northern southern eastern western upper lower great greater little grand old "
    "reserve nature national park forest news agency daily times post media network net press radio "
    "television tv channel service services centre center research science technology world global".split())


@lru_cache(maxsize=100_000)
def name_words(form: str) -> tuple[str, ...]:
    """The keys of the words that identify a capitalized name (``Tiananmen`` in ``Tiananmen Gate``).

    >>> name_words("Tiananmen Gate"), name_words("Dongcheng district of central Beijing"), name_words("key tasks")
    (('tiananmen',), ('dongcheng', 'beijing'), ())
    """
    if not form[:1].isupper() or is_abbreviation(form):
        return ()
    return tuple(word_key(t) for t in _TOKEN.findall(form.replace("-", " "))
                 if t[:1].isupper() and len(t) >= 3 and t.lower() not in GENERIC_NAME_WORDS)


@lru_cache(maxsize=100_000)
def _name_keys(form: str) -> tuple[str, ...]:
    out: list[str] = []
    for w in name_words(form):
        out.append(f" {w} ")
        out += [f" {word_key(d)} " for d in derived_forms(w.capitalize())]
    return tuple(out)


def name_evidence(form: str, key: str) -> bool:
    """Does a word that identifies the name ``form`` occur in the text with key ``key``?

    Translators shorten names ("Tiananmen" for "Tiananmen Gate", "Yunnan Provincial
    Department" for "Yunnan Province"): one identifying word is evidence that the name
    was rendered. Lowercase terms get no such leniency: "new productive power" is not
    "new quality productive forces".

    >>> name_evidence("Tiananmen Gate", en_key("the Tiananmen Mothers")), name_evidence("Tiananmen Gate", en_key("the gate"))
    (True, False)
    """
    return any(k in key for k in _name_keys(form))


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
    >>> form_present("US$", "spent US$20 billion"), form_present("RMB", "RMBs"), form_present("RMB", "RMBX")
    (True, True, False)
    """
    if is_abbreviation(form):
        i = text.find(form)
        while i >= 0:
            j = i + len(form)
            left = i == 0 or not text[i - 1].isalnum() or not form[0].isalnum()
            right = j == len(text) or not text[j].isalnum() or text[j] == "s" or not form[-1].isalnum()
            if left and right:
                return True
            i = text.find(form, i + 1)
        return False
    fk = _form_key(form)
    if fk.strip() == "":
        return form in text
    key = key if key is not None else en_key(text)
    if fk in key:
        return True
    return any(_derived_present(d, text, key) for d in derived_forms(form))


def _derived_present(form: str, text: str, key: str) -> bool:
    if is_abbreviation(form):
        return form_present(form, text, key)
    return _form_key(form) in key
