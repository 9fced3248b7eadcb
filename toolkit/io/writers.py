"""Writers: contract JSONL, one ``.txt`` per document, and bitext (JSONL, TSV, TMX 1.4b)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import IO, Any

from .._version import __version__
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
    """Pairs as JSONL, TSV (``zh<TAB>en<TAB>score``) or TMX 1.4b, chosen by the file suffix; streamed."""

    def __init__(self, path: str, signature: str = "") -> None:
        self.path = path
        suffix = Path(path).suffix.lower()
        if suffix not in (".jsonl", ".tsv", ".tmx"):
            raise ToolkitError(f"bitext file must end in .jsonl, .tsv or .tmx, not {path!r}")
        self.kind = suffix[1:]
        self.count = 0
        self._f: IO[str] | None = None
        self._tmx: TmxWriter | None = None
        if self.kind == "tmx":
            self._tmx = TmxWriter(path, signature)
        else:
            self._f = open(path, "w", encoding="utf-8")

    def write(self, pair: Pair) -> None:
        self.count += 1
        if self._tmx is not None:
            self._tmx.write(pair)
        elif self.kind == "jsonl":
            assert self._f is not None
            self._f.write(dumps(pair.to_dict()) + "\n")
        else:
            assert self._f is not None
            zh = pair.zh.replace("\t", " ").replace("\n", " ")
            en = pair.en.replace("\t", " ").replace("\n", " ")
            self._f.write(f"{zh}\t{en}\t{pair.score:.4f}\n")

    def close(self) -> None:
        if self._tmx is not None:
            self._tmx.close()
        elif self._f is not None:
            self._f.close()


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class TmxWriter:
    """TMX 1.4b written incrementally with lxml's ``xmlfile``: ``srclang="zh"``, one ``<tu>`` per
    pair with x-score, x-origin, x-doc and x-beads props, the signature in the header."""

    def __init__(self, path: str, signature: str = "") -> None:
        from lxml import etree

        self._etree = etree
        self._cm = etree.xmlfile(path, encoding="UTF-8")
        self._xf = self._cm.__enter__()
        self._xf.write_declaration()
        self._tmx = self._xf.element("tmx", version="1.4")
        self._tmx.__enter__()
        header = etree.Element(
            "header", creationtool="toolkit", creationtoolversion=__version__, datatype="plaintext",
            segtype="sentence", adminlang="en", srclang="zh", **{"o-tmf": "toolkit"},
        )
        if signature:
            prop = etree.SubElement(header, "prop", type="x-signature")
            prop.text = signature
        self._xf.write(header, pretty_print=True)
        self._body = self._xf.element("body")
        self._body.__enter__()

    def write(self, p: Pair) -> None:
        etree = self._etree
        tu = etree.Element("tu")
        for key, value in (("x-score", f"{p.score:.4f}"), ("x-origin", p.origin), ("x-doc", p.doc), ("x-beads", p.beads)):
            pr = etree.SubElement(tu, "prop", type=key)
            pr.text = value
        for lang, text in (("zh", p.zh), ("en", p.en)):
            tuv = etree.SubElement(tu, "tuv", {_XML_LANG: lang})
            seg = etree.SubElement(tuv, "seg")
            seg.text = _xml_safe(text)
        self._xf.write(tu, pretty_print=True)

    def close(self) -> None:
        self._body.__exit__(None, None, None)
        self._tmx.__exit__(None, None, None)
        self._cm.__exit__(None, None, None)


def write_tmx(path: str, pairs: list[Pair], signature: str = "") -> None:
    """Write ``pairs`` as a TMX 1.4b file."""
    w = TmxWriter(path, signature)
    for p in pairs:
        w.write(p)
    w.close()


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _XML_BAD.sub("", text)
