"""Writers: contract JSONL (one file, or shards), one ``.txt`` per document, and bitext (JSONL, TSV, TMX 1.4b).

Every file is written under a temporary name in its own folder and renamed into
place only when it is complete (:class:`AtomicFile`), so an interrupted or
failed run leaves the previous file or none, never a truncated one; two runs on
one output never interleave (the last to finish wins, whole).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from .. import recache
from .._version import __version__
from ..errors import ToolkitError
from ..model import Pair


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class AtomicFile:
    """A file written under a hidden temporary name beside ``path``, renamed to ``path`` by :meth:`commit`.

    :meth:`abort` (or garbage collection without a commit) deletes the temporary file. A ``.gz``
    path is gzip-compressed with a zero timestamp, so equal content gives equal bytes.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); f = AtomicFile(os.path.join(d, "out.jsonl"))
    >>> _ = f.write("x\\n"); os.listdir(d) == ["out.jsonl"]
    False
    >>> f.commit(); os.listdir(d)
    ['out.jsonl']
    """

    def __init__(self, path: str | Path, *, binary: bool = False) -> None:
        self.path = Path(path)
        folder = self.path.parent
        self.tmp: Path | None = None
        if _is_device(self.path):
            # /dev/null, /dev/full, a FIFO: written in place. Renaming a file over it would replace
            # the device itself (as root, -o /dev/null would turn /dev/null into a regular file).
            try:
                raw: IO[bytes] = open(self.path, "wb")  # noqa: SIM115 - closed by commit/abort
            except OSError as exc:
                raise ToolkitError(f"cannot write {self.path}: {exc.strerror}") from None
        else:
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
            except FileNotFoundError:
                raise ToolkitError(f"cannot write {self.path}: the folder {folder} does not exist") from None
            except OSError as exc:
                raise ToolkitError(f"cannot write {self.path}: {exc.strerror}") from None
            self.tmp = Path(tmp)
            os.chmod(fd, 0o666 & ~_umask())  # mkstemp's 0600 would make outputs private; honour the umask
            raw = os.fdopen(fd, "wb")
        self._raw = raw
        stream: IO[bytes] = raw
        if self.path.name.endswith(".gz"):
            stream = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)  # type: ignore[assignment]
        self._bin = stream
        self.f: IO[Any] = stream if binary else _text(stream)
        self.done = False

    def write(self, text: Any) -> int:
        try:
            return self.f.write(text)
        except OSError as exc:  # disk full mid-run: name the output, not the hidden temporary file
            raise OSError(exc.errno, exc.strerror or str(exc), str(self.path)) from None

    def commit(self) -> None:
        """Flush, sync and rename into place."""
        if self.done:
            return
        try:
            self.f.flush()
            if self._bin is not self._raw:
                self._bin.close()
            self._raw.flush()
            if self.tmp is not None:
                os.fsync(self._raw.fileno())
            self._raw.close()
            if self.tmp is not None:
                os.replace(self.tmp, self.path)
        except OSError as exc:
            self.abort()
            # an OSError naming the output: the CLI reports "PATH: No space left on device", exit 1
            raise OSError(exc.errno, exc.strerror or str(exc), str(self.path)) from None
        self.done = True

    def abort(self) -> None:
        """Drop the temporary file; the output path is left as it was."""
        if self.done:
            return
        self.done = True
        for closer in (self.f, self._bin, self._raw):
            try:
                closer.close()
            except (OSError, ValueError):
                pass
        try:
            if self.tmp is not None:
                self.tmp.unlink()
        except OSError:
            pass

    def __del__(self) -> None:
        if not getattr(self, "done", True):
            self.abort()


def _is_device(path: Path) -> bool:
    """Is ``path`` an existing character/block device, FIFO or socket (not a file or a folder)?"""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _text(stream: IO[bytes]) -> IO[str]:
    import io

    return io.TextIOWrapper(stream, encoding="utf-8", newline="\n")  # type: ignore[arg-type]


class JsonlWriter:
    """One JSON object per line, to a file (atomically) or stdout (``None`` or ``-``)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._atomic = AtomicFile(path) if path and path != "-" else None
        self._f: IO[str] = self._atomic.f if self._atomic else sys.stdout

    def write(self, record: dict[str, Any]) -> None:
        line = dumps(record) + "\n"
        if self._atomic:
            self._atomic.write(line)
            return
        try:
            self._f.write(line)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror or str(exc), "<stdout>") from None

    def close(self) -> None:
        """Finish: rename the complete file into place."""
        if self._atomic:
            self._atomic.commit()
        else:
            self._f.flush()

    def abort(self) -> None:
        """Give up: leave whatever was at the output path before the run."""
        if self._atomic:
            self._atomic.abort()


SHARD_NAME = "part-{:05d}.jsonl.gz"
PAIRS_SHARD_NAME = "pairs-{:05d}.jsonl.gz"


class ShardWriter:
    """``-o FOLDER --shard-size N``: the records of input documents ``k*N .. k*N+N-1`` go to
    ``part-0000k.jsonl.gz`` (and their pairs to ``pairs-0000k.jsonl.gz``), each written atomically.

    A shard is numbered by input document, not by record, so a resumed run (:meth:`done_shards`)
    knows which input documents are finished without reading any output.
    """

    def __init__(self, folder: str | Path, shard_size: int, *, pairs: bool = False, resume: bool = False) -> None:
        if shard_size < 1:
            raise ToolkitError(f"--shard-size must be at least 1, not {shard_size}")
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise ToolkitError(f"sharded output is a folder, but {folder} is a file")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.size = shard_size
        self.pairs = pairs
        self.current = -1
        self.count = 0
        self._out: AtomicFile | None = None
        self._pairs: AtomicFile | None = None
        #: shards finished by an earlier run (with ``resume``): their documents are not written again
        self.done: set[int] = self.done_shards() if resume else set()

    def done_shards(self) -> set[int]:
        """Shards already complete in the folder (from an earlier, interrupted run)."""
        done = set()
        for p in self.folder.iterdir():
            m = re.fullmatch(r"part-(\d{5})\.jsonl\.gz", p.name)
            if m and (not self.pairs or (self.folder / PAIRS_SHARD_NAME.format(int(m.group(1)))).exists()):
                done.add(int(m.group(1)))
        return done

    def shard_of(self, index: int) -> int:
        return index // self.size

    def _open(self, shard: int) -> None:
        self._finish()
        self.current = shard
        self._out = AtomicFile(self.folder / SHARD_NAME.format(shard))
        self._pairs = AtomicFile(self.folder / PAIRS_SHARD_NAME.format(shard)) if self.pairs else None

    def _finish(self) -> None:
        # pairs first: a part file present means its pairs are complete too
        for f in (self._pairs, self._out):
            if f is not None:
                f.commit()
        self._out = self._pairs = None

    def write(self, index: int, records: Sequence[dict[str, Any]], pairs: Sequence[dict[str, Any]] = ()) -> None:
        """The results of input document ``index`` (indexes arrive in increasing order)."""
        shard = self.shard_of(index)
        if shard in self.done:
            raise ToolkitError(f"document {index} belongs to shard {shard}, which is already complete")
        while self.current < shard:  # also writes empty shards for runs of failed documents
            if self.current + 1 in self.done:
                self._finish()
                self.current += 1
            else:
                self._open(self.current + 1)
        assert self._out is not None
        for rec in records:
            self._out.write(dumps(rec) + "\n")
        if self._pairs is not None:
            for p in pairs:
                self._pairs.write(dumps(p) + "\n")
                self.count += 1

    def close(self) -> None:
        self._finish()

    def abort(self) -> None:
        for f in (self._out, self._pairs):
            if f is not None:
                f.abort()
        self._out = self._pairs = None


_SAFE = recache.compile(r"[^\w.#-]+")
# A file name is at most 255 bytes; AtomicFile adds ".", ".txt", a random part and ".tmp" while writing.
_MAX_NAME_BYTES = 200


def txt_name(doc_id: str) -> str:
    """The file name (without ``.txt``) of a record id: unsafe characters become ``_``; an id that
    lost characters that way, or is too long, gets a short hash of the whole id, so two ids never
    share a name. ``#`` (``id#2``, an article) is kept.

    >>> txt_name("report-2023#2"), txt_name("a/b"), txt_name("a?b")
    ('report-2023#2', 'a_b-c14cdd', 'a_b-c2a7b6')
    >>> len(txt_name("x" * 300).encode()) <= 200
    True
    """
    name = _SAFE.sub("_", doc_id).strip("_").lstrip(".") or "doc"
    if name != doc_id or len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        import hashlib

        digest = hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:6]
        stem = name.encode("utf-8")[: _MAX_NAME_BYTES - 7].decode("utf-8", "ignore")
        name = f"{stem}-{digest}"
    return name


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
    """``--format txt``: one clean ``NAME.txt`` per record in a folder (NAME from :func:`txt_name`);
    a name already written in this run (the same id twice, or names equal but for case) gets
    ``-2``, ``-3``... so no record overwrites another."""

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise ToolkitError(f"--format txt writes a folder, but {folder} is a file")
        self.folder.mkdir(parents=True, exist_ok=True)
        self._used: set[str] = set()

    def write(self, record: dict[str, Any]) -> None:
        base = name = txt_name(str(record["id"]))
        n = 1
        while name.casefold() in self._used:  # case-insensitive file systems too
            n += 1
            name = f"{base}-{n}"
        self._used.add(name.casefold())
        f = AtomicFile(self.folder / f"{name}.txt")
        f.write(render_txt(record))
        f.commit()

    def close(self) -> None:
        pass

    def abort(self) -> None:
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
        self._atomic = AtomicFile(path, binary=self.kind == "tmx")
        if self.kind == "tmx":
            self._tmx = TmxWriter(self._atomic.f, signature)
        else:
            self._f = self._atomic.f

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
        self._atomic.commit()

    def abort(self) -> None:
        self._atomic.abort()


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class TmxWriter:
    """TMX 1.4b written incrementally with lxml's ``xmlfile``: ``srclang="zh"``, one ``<tu>`` per
    pair with x-score, x-origin, x-doc and x-beads props, the signature in the header."""

    def __init__(self, path: str | IO[bytes], signature: str = "") -> None:
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


_XML_BAD = recache.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _XML_BAD.sub("", text)
