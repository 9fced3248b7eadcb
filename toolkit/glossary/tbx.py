"""TBX-Basic export/import (via lxml) and table import, for exchange with CAT tools."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

from . import Entry

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def to_tbx(entries: list[Entry]) -> str:
    """TBX-Basic: one ``termEntry`` per entry; variants as ``admitted``/``deprecatedTerm`` terms."""
    from lxml import etree

    martif = etree.Element("martif", type="TBX-Basic", nsmap=None)
    martif.set(_XML_LANG, "en")
    header = etree.SubElement(martif, "martifHeader")
    fd = etree.SubElement(header, "fileDesc")
    sd = etree.SubElement(fd, "sourceDesc")
    etree.SubElement(sd, "p").text = "exported by toolkit"
    body = etree.SubElement(etree.SubElement(martif, "text"), "body")
    for i, e in enumerate(entries, 1):
        te = etree.SubElement(body, "termEntry", id=f"e{i}")
        if e.note:
            etree.SubElement(te, "descrip", type="definition").text = e.note
        zh = etree.SubElement(te, "langSet")
        zh.set(_XML_LANG, "zh")
        etree.SubElement(etree.SubElement(zh, "tig"), "term").text = e.zh
        en = etree.SubElement(te, "langSet")
        en.set(_XML_LANG, "en")
        tig = etree.SubElement(en, "tig")
        etree.SubElement(tig, "term").text = e.en
        etree.SubElement(tig, "termNote", type="administrativeStatus").text = "preferredTerm-admn-sts"
        for v in e.variants:
            vt = etree.SubElement(en, "tig")
            etree.SubElement(vt, "term").text = v.text
            etree.SubElement(vt, "termNote", type="administrativeStatus").text = "deprecatedTerm-admn-sts"
    return etree.tostring(martif, encoding="unicode", pretty_print=True)


def from_tbx(path: Path) -> list[dict[str, Any]]:
    from lxml import etree

    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    rows = []
    for te in tree.iter("termEntry", "conceptEntry"):
        zh, en, variants, note = None, None, [], ""
        d = te.find("descrip")
        if d is not None and d.text:
            note = d.text.strip()
        for ls in te.iter("langSet"):
            lang = (ls.get(_XML_LANG) or "").lower()
            for tig in list(ls.iter("tig")) + list(ls.iter("termSec")):
                term = tig.find("term")
                if term is None or not (term.text or "").strip():
                    continue
                status = tig.find("termNote")
                deprecated = status is not None and "deprecated" in (status.text or "")
                text = term.text.strip()
                if lang.startswith("zh"):
                    zh = zh or text
                elif lang.startswith("en"):
                    if deprecated or en is not None:
                        variants.append(text)
                    else:
                        en = text
        if zh and en:
            rows.append({"zh": zh, "en": en, "variants": variants, "note": note})
    return rows


def from_table(path: Path, delimiter: str) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter=delimiter)
        for r in reader:
            if not r.get("zh") or not r.get("en"):
                continue
            row: dict[str, Any] = {"zh": r["zh"].strip(), "en": r["en"].strip()}
            if r.get("variants"):
                row["variants"] = [v.strip() for v in r["variants"].split("|") if v.strip()]
            for k in ("kind", "action", "note"):
                if r.get(k) and not (k == "kind" and r[k] == "term") and not (k == "action" and r[k] == "replace"):
                    row[k] = r[k].strip()
            rows.append(row)
    return rows


def to_yaml(rows: list[dict[str, Any]]) -> str:
    clean = [{k: v for k, v in r.items() if v not in ("", [], None)} for r in rows]
    return yaml.safe_dump({"pair": "zh-en", "entries": clean}, allow_unicode=True, sort_keys=False, width=120)
