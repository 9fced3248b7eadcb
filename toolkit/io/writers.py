"""Writers: contract JSONL, one ``.txt`` per document, and bitext (JSONL, TSV, TMX 1.4b)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..errors import ToolkitError
from ..model import Pair


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class JsonlWriter:
    """One JSON object per line, to a file or stdout."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._f: IO[str] = open(path, "w", encoding="utf-8") if path and path != "-" else sys.stdout

    def write(self, record: dict[str, Any]) -> None:
        self._f.write(dumps(record) + "\n")

    def close(self) -> None:
        if self._f is not sys.stdout:
            self._f.close()
        else:
            self._f.flush()


_SAFE = re.compile(r"[^\w.#-]+")


def render_txt(record: dict[str, Any]) -> str:
    """Title, body, then footnotes under a ``Notes`` heading; cleaning it again changes nothing."""
    parts: list[str] = []
    if record.get("title"):
        parts.append(record["title"])
    parts.extend(p["text"] for p in record["paragraphs"] if p["kind"] != "boilerplate")
    notes = record.get("footnotes") or []
    if notes:
        parts.append("Notes")
        parts.extend(f"{n['marker']}{n['text']}" if n["marker"] else n["text"] for n in notes)
    parts.extend(n["text"] for n in record.get("notes") or [])
    return "\n\n".join(parts) + "\n"


class TxtWriter:
    """``--format txt``: one clean ``ID.txt`` per document in a folder."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise ToolkitError(f"--format txt writes a folder, but {folder} is a file")
        self.folder.mkdir(parents=True, exist_ok=True)

    def write(self, record: dict[str, Any]) -> None:
        name = _SAFE.sub("_", record["id"]).strip("_") or "doc"
        (self.folder / f"{name}.txt").write_text(render_txt(record), encoding="utf-8")

    def close(self) -> None:
        pass


class BitextWriter:
    """Pairs as JSONL, TSV (``zh<TAB>en<TAB>score``) or TMX 1.4b, chosen by the file suffix."""

    def __init__(self, path: str, signature: str = "") -> None:
        self.path = path
        suffix = Path(path).suffix.lower()
        if suffix not in (".jsonl", ".tsv", ".tmx"):
            raise ToolkitError(f"bitext file must end in .jsonl, .tsv or .tmx, not {path!r}")
        self.kind = suffix[1:]
        self.signature = signature
        self._pairs: list[Pair] = []
        self._f: IO[str] | None = None
        if self.kind != "tmx":
            self._f = open(path, "w", encoding="utf-8")
        self.count = 0

    def write(self, pair: Pair) -> None:
        self.count += 1
        if self.kind == "jsonl":
            assert self._f is not None
            self._f.write(dumps(pair.to_dict()) + "\n")
        elif self.kind == "tsv":
            assert self._f is not None
            zh = pair.zh.replace("\t", " ").replace("\n", " ")
            en = pair.en.replace("\t", " ").replace("\n", " ")
            self._f.write(f"{zh}\t{en}\t{pair.score:.4f}\n")
        else:
            self._pairs.append(pair)

    def close(self) -> None:
        if self.kind == "tmx":
            write_tmx(self.path, self._pairs, self.signature)
        elif self._f is not None:
            self._f.close()


def write_tmx(path: str, pairs: list[Pair], signature: str = "") -> None:
    """TMX 1.4b: ``srclang="zh"``, one ``<tu>`` per pair with x-score and x-origin props."""
    from lxml import etree

    tmx = etree.Element("tmx", version="1.4")
    etree.SubElement(
        tmx, "header", creationtool="toolkit", creationtoolversion=__version__, datatype="plaintext",
        segtype="sentence", adminlang="en", srclang="zh", **{"o-tmf": "toolkit"},
    )
    header = tmx[0]
    if signature:
        prop = etree.SubElement(header, "prop", type="x-signature")
        prop.text = signature
    body = etree.SubElement(tmx, "body")
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for p in pairs:
        tu = etree.SubElement(body, "tu")
        for key, value in (("x-score", f"{p.score:.4f}"), ("x-origin", p.origin), ("x-doc", p.doc), ("x-beads", p.beads)):
            pr = etree.SubElement(tu, "prop", type=key)
            pr.text = value
        for lang, text in (("zh", p.zh), ("en", p.en)):
            tuv = etree.SubElement(tu, "tuv", {xml_lang: lang})
            seg = etree.SubElement(tuv, "seg")
            seg.text = _xml_safe(text)
    etree.ElementTree(tmx).write(path, encoding="UTF-8", xml_declaration=True, pretty_print=True)


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _XML_BAD.sub("", text)
