"""TBX-Basic export and import (via lxml), for exchange with CAT tools and term bases.

Export is lossless: the preferred form is ``preferredTerm-admn-sts``, accepted forms
``admittedTerm-admn-sts`` (abbreviations also get ``termType`` ``abbreviation``),
variants ``deprecatedTerm-admn-sts``; ``note`` is the ``definition``, each source
an ``<admin type="source">``; toolkit-only fields (``kind``, ``action``,
``case_sensitive``, ``when``, ``unless``, ``examples``, and a variant's
``before``/``after``) are ``<note>toolkit:FIELD VALUE</note>`` (JSON values), which
TBX tools keep and show. ``import(export(yaml)) == yaml`` (a test).

Import reads TBX-Basic (``termEntry``/``langSet``/``tig``) and TBX v3
(``conceptEntry``/``langSec``/``termSec``). Several English terms without a
status are synonyms: the first is preferred, the others accepted. The parser
never loads a DTD or the network; an entity reference it therefore cannot expand
(``&nbsp;`` declared in a DTD) is reported with its line instead of being
dropped from the term silently.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import GlossaryError
from .entry import Entry
from .forms import is_abbreviation

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TOOLKIT = "toolkit:"
_ENTRY_FIELDS = ("kind", "action", "case_sensitive", "when", "unless", "examples")
_VARIANT_FIELDS = ("before", "after", "case_sensitive")


def to_tbx(entries: list[Entry], header: dict[str, Any] | None = None) -> str:
    """TBX-Basic: one ``termEntry`` per entry (see the module docstring for the field mapping)."""
    from lxml import etree

    martif = etree.Element("martif", type="TBX-Basic", nsmap=None)
    martif.set(_XML_LANG, "en")
    mh = etree.SubElement(martif, "martifHeader")
    fd = etree.SubElement(mh, "fileDesc")
    sd = etree.SubElement(fd, "sourceDesc")
    etree.SubElement(sd, "p").text = "exported by toolkit"
    for k, v in (header or {}).items():
        if k != "entries" and v not in (None, ""):
            etree.SubElement(sd, "p", type=f"{_TOOLKIT}{k}").text = str(v)
    body = etree.SubElement(etree.SubElement(martif, "text"), "body")
    for i, e in enumerate(entries, 1):
        d = e.to_dict()
        te = etree.SubElement(body, "termEntry", id=f"e{i}")
        if e.note:
            etree.SubElement(te, "descrip", type="definition").text = e.note
        for src in e.sources:
            etree.SubElement(te, "admin", type="source").text = src
        for k in _ENTRY_FIELDS:
            if k in d:
                etree.SubElement(te, "note").text = f"{_TOOLKIT}{k} {json.dumps(d[k], ensure_ascii=False)}"
        zh = etree.SubElement(te, "langSet")
        zh.set(_XML_LANG, "zh")
        etree.SubElement(etree.SubElement(zh, "tig"), "term").text = e.zh
        en = etree.SubElement(te, "langSet")
        en.set(_XML_LANG, "en")
        _tig(en, e.en, "preferredTerm-admn-sts")
        for a in e.accept:
            _tig(en, a, "admittedTerm-admn-sts", "abbreviation" if is_abbreviation(a) else None)
        for v, vd in zip(e.variants, d.get("variants", [])):
            tig = _tig(en, v.text, "deprecatedTerm-admn-sts")
            if isinstance(vd, dict):
                for k in _VARIANT_FIELDS:
                    if k in vd:
                        etree.SubElement(tig, "note").text = f"{_TOOLKIT}{k} {json.dumps(vd[k], ensure_ascii=False)}"
    return str(etree.tostring(martif, encoding="unicode", pretty_print=True))


def _tig(parent: Any, text: str, status: str, term_type: str | None = None) -> Any:
    from lxml import etree

    tig = etree.SubElement(parent, "tig")
    etree.SubElement(tig, "term").text = text
    if term_type:
        etree.SubElement(tig, "termNote", type="termType").text = term_type
    etree.SubElement(tig, "termNote", type="administrativeStatus").text = status
    return tig


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(el: Any, problems: list[tuple[int, str]]) -> str:
    """The text of ``el`` with inline markup; unexpanded entities are reported."""
    from lxml import etree

    for node in el.iter():
        if isinstance(node, etree._Entity):
            problems.append((node.sourceline or el.sourceline or 0,
                             f"entity {node.text} in {_local(el.tag)!r} is not expanded (no DTD is loaded): "
                             "write the character itself"))
    return "".join(t for t in el.itertext()).strip()


def _toolkit_notes(el: Any, problems: list[tuple[int, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for n in el:
        if _local(n.tag) != "note":
            continue
        text = _text(n, problems)
        if not text.startswith(_TOOLKIT):
            continue
        key, _, raw = text[len(_TOOLKIT):].partition(" ")
        try:
            out[key] = json.loads(raw)
        except json.JSONDecodeError:
            problems.append((n.sourceline or 0, f"note {text[:60]!r} is not 'toolkit:FIELD JSON'"))
    return out


_DEPRECATED = ("deprecated", "superseded", "notrecommended", "obsolete")


def from_tbx(path: Path) -> tuple[list[tuple[int, dict[str, Any]]], dict[str, Any], list[tuple[int, str]]]:
    """``(rows, header, problems)``: rows are ``(line, entry dict)``; problems ``(line, message)``.

    Malformed XML raises :class:`GlossaryError` naming the line.
    """
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        tree = etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise GlossaryError(f"malformed TBX: {exc.msg}", path=str(path), line=line) from None
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc}", path=str(path)) from None
    problems: list[tuple[int, str]] = []
    header: dict[str, Any] = {}
    for p in tree.iter("{*}p"):
        t = p.get("type") or ""
        if t.startswith(_TOOLKIT):
            header[t[len(_TOOLKIT):]] = _text(p, problems)
    rows: list[tuple[int, dict[str, Any]]] = []
    for te in tree.iter("{*}termEntry", "{*}conceptEntry"):
        line = te.sourceline or 0
        d: dict[str, Any] = {}
        zhs: list[str] = []
        en: str | None = None
        accept: list[str] = []
        variants: list[Any] = []
        sources: list[str] = []
        note = ""
        for child in te:
            name = _local(child.tag)
            if name == "descrip" and child.get("type") in ("definition", None) and not note:
                note = _text(child, problems)
            elif name == "admin" and child.get("type") == "source":
                s = _text(child, problems)
                if s:
                    sources.append(s)
        d.update(_toolkit_notes(te, problems))
        for ls in te.iter("{*}langSet", "{*}langSec"):
            lang = (ls.get(_XML_LANG) or ls.get("lang") or "").lower()
            for tig in ls.iter("{*}tig", "{*}termSec", "{*}ntig"):
                term_el = next(tig.iter("{*}term"), None)
                if term_el is None:
                    continue
                text = _text(term_el, problems)
                if not text:
                    continue
                status = ""
                for tn in tig.iter("{*}termNote"):
                    if tn.get("type") in ("administrativeStatus", "normativeAuthorization"):
                        status = (tn.text or "").lower().replace(" ", "")
                if lang.startswith("zh"):
                    zhs.append(text)
                elif lang.startswith("en"):
                    if any(s in status for s in _DEPRECATED):
                        extra = _toolkit_notes(tig, problems)
                        variants.append({"text": text, **extra} if extra else text)
                    elif en is None and ("preferred" in status or not status or "admitted" not in status):
                        en = text
                    else:
                        accept.append(text)
        if en is None and accept:
            en = accept.pop(0)
        if not zhs or en is None:
            problems.append((line, f"term entry has no {'Chinese' if not zhs else 'English'} term; skipped"))
            continue
        for zh in dict.fromkeys(zhs):
            row: dict[str, Any] = {"zh": zh, "en": en}
            if accept:
                row["accept"] = list(dict.fromkeys(a for a in accept if a != en))
            for k in ("kind", "action", "case_sensitive"):
                if k in d:
                    row[k] = d[k]
            if variants:
                row["variants"] = variants
            for k in ("when", "unless"):
                if k in d:
                    row[k] = d[k]
            if note:
                row["note"] = note
            if sources:
                row["sources"] = sources
            if "examples" in d:
                row["examples"] = d["examples"]
            rows.append((line, row))
    return rows, header, problems
