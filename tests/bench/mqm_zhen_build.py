"""Build a dev set of machine-translated zh->en documents with MQM error annotations.

Source: google/wmt-mqm-human-evaluation (professional MQM ratings of WMT zh->en system outputs).
Only ``newstest2020/zhen/``, ``newstest2021/zhen/`` and ``ted/zhen/`` are read; no other folder of the
repository is listed or opened. A file the snapshot lacks (files of 4 MiB and more are left out of the
snapshot this was written for) is reported and skipped.

    python tests/bench/mqm_zhen_build.py MIRROR OUT [--systems A,B,...] [--chunk 12]
    toolkit clean OUT/docs -o OUT/out.jsonl

MIRROR is a clone of the repository, bare or not (a bare one is read with ``git show``). OUT receives:

- ``docs/<corpus>__<doc>__p<NN>__<system>.txt``: one document per (system, doc, chunk of --chunk
  segments), the plain system output of each segment (MQM ``<v>...</v>`` markup stripped) as one
  paragraph, paragraphs separated by blank lines;
- ``segments.tsv``: doc_id, corpus, system, mqm_doc, seg_id, para (0-based paragraph index in the
  document), target text;
- ``annotations.tsv``: doc_id, system, seg_id, para, rater, category, severity, span_start, span_end,
  span_text (offsets into the plain target; ``No-error`` rows have an empty span).
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

FILES = {  # corpus label: path in the repository
    "nt20": "newstest2020/zhen/mqm_newstest2020_zhen.tsv",
    "nt21": "newstest2021/zhen/mqm_newstest2021_zhen.tsv",
    "ted": "ted/zhen/mqm_ted_zhen.tsv",
}
COLUMNS = ["system", "doc", "doc_id", "seg_id", "rater", "source", "target", "category", "severity"]
# Human references ("ref", "refB", "Human-*") as controls, and MT systems from best to worst MQM.
DEFAULT_SYSTEMS = (
    "refB,ref,Human-A.0,Human-B.0,DIDI-NLP,Facebook-AI,NiuTrans,Online-W,metricsystem3,"
    "Borderline,IIE-MT,MiSS,SMU,metricsystem2,metricsystem4"
)
SPAN = re.compile(r"</?v>")


@dataclass
class Annotation:
    rater: str
    category: str
    severity: str
    start: int
    end: int
    text: str


@dataclass
class Segment:
    system: str
    doc: str
    seg_id: int
    target: str
    annotations: list[Annotation] = field(default_factory=list)


def read_repo_file(mirror: Path, path: str) -> str | None:
    """The text of PATH in the mirror (work tree or bare git dir); None when the snapshot lacks it."""
    if (mirror / path).is_file():
        return (mirror / path).read_text(encoding="utf-8")
    out = subprocess.run(
        ["git", "--git-dir", str(mirror), "show", f"HEAD:{path}"], capture_output=True, check=False
    )
    if out.returncode != 0:
        return None
    return out.stdout.decode("utf-8")


def strip_markup(marked: str) -> tuple[str, int, int]:
    """Plain text of a marked target and the offsets of its (first) error span.

    >>> strip_markup("I want <v>you</v> to go")
    ('I want you to go', 7, 10)
    >>> strip_markup("no span")
    ('no span', -1, -1)
    """
    start = marked.find("<v>")
    end = marked.find("</v>")
    plain = SPAN.sub("", marked)
    if start < 0 or end < start:
        return plain, -1, -1
    return plain, start, end - len("<v>")


def parse_rows(text: str) -> list[dict[str, str]]:
    """MQM TSV rows as dicts; rows with the wrong number of columns are skipped."""
    reader = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    if header[: len(COLUMNS)] != COLUMNS:
        raise SystemExit(f"unexpected header: {header}")
    return [dict(zip(COLUMNS, row)) for row in reader if len(row) == len(COLUMNS)]


def collect_segments(rows: list[dict[str, str]], systems: set[str]) -> dict[tuple[str, str], list[Segment]]:
    """Segments per (system, doc), in segment order, each with its annotations."""
    segs: dict[tuple[str, int], Segment] = {}
    for row in rows:
        if row["system"] not in systems:
            continue
        plain, start, end = strip_markup(row["target"])
        key = (row["system"], int(row["seg_id"]))
        seg = segs.setdefault(key, Segment(row["system"], row["doc"], int(row["seg_id"]), plain))
        if seg.target != plain:
            print(f"warning: {key}: targets differ between rows", file=sys.stderr)
        span = plain[start:end] if start >= 0 else ""
        seg.annotations.append(Annotation(row["rater"], row["category"], row["severity"], start, end, span))
    docs: dict[tuple[str, str], list[Segment]] = defaultdict(list)
    for seg in segs.values():
        docs[(seg.system, seg.doc)].append(seg)
    for segments in docs.values():
        segments.sort(key=lambda s: s.seg_id)
    return docs


def chunks(segments: list[Segment], size: int) -> list[list[Segment]]:
    """Split into runs of SIZE segments; a last run shorter than half of SIZE joins the one before.

    >>> [len(c) for c in chunks(list(range(25)), 12)]
    [12, 13]
    >>> [len(c) for c in chunks(list(range(31)), 12)]
    [12, 12, 7]
    """
    parts = [segments[i : i + size] for i in range(0, len(segments), size)]
    if len(parts) > 1 and len(parts[-1]) < size / 2:
        last = parts.pop()
        parts[-1] = parts[-1] + last
    return parts


def doc_id(corpus: str, doc: str, part: int, system: str) -> str:
    """A file stem safe on any file system: ted__talk.2__p01__DIDI-NLP."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", f"{corpus}__{doc}__p{part:02d}__{system}")
    return safe


def write_outputs(out: Path, corpus: str, docs: dict[tuple[str, str], list[Segment]], size: int) -> int:
    """Write documents and side tables (appending to the TSVs); returns the number of documents."""
    (out / "docs").mkdir(parents=True, exist_ok=True)
    n = 0
    with (
        open(out / "segments.tsv", "a", encoding="utf-8", newline="") as seg_fh,
        open(out / "annotations.tsv", "a", encoding="utf-8", newline="") as ann_fh,
    ):
        seg_w = csv.writer(seg_fh, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        ann_w = csv.writer(ann_fh, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        for (system, doc), segments in sorted(docs.items()):
            for part, chunk in enumerate(chunks(segments, size), start=1):
                ident = doc_id(corpus, doc, part, system)
                body = "\n\n".join(s.target.strip() for s in chunk)
                (out / "docs" / f"{ident}.txt").write_text(body + "\n", encoding="utf-8")
                n += 1
                for para, seg in enumerate(chunk):
                    seg_w.writerow([ident, corpus, system, doc, seg.seg_id, para, seg.target.strip()])
                    for a in seg.annotations:
                        row = [a.rater, a.category, a.severity, a.start, a.end, a.text]
                        ann_w.writerow([ident, system, seg.seg_id, para, *row])
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mirror", type=Path, help="clone (bare or not) of google/wmt-mqm-human-evaluation")
    ap.add_argument("out", type=Path, help="output folder (docs/, segments.tsv, annotations.tsv)")
    ap.add_argument("--systems", default=DEFAULT_SYSTEMS, help="comma-separated systems to keep")
    ap.add_argument("--chunk", type=int, default=12, help="segments per document (default 12)")
    a = ap.parse_args(argv)
    systems = set(a.systems.split(","))
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "segments.tsv").write_text(
        "doc_id\tcorpus\tsystem\tmqm_doc\tseg_id\tpara\ttarget\n", encoding="utf-8"
    )
    (a.out / "annotations.tsv").write_text(
        "doc_id\tsystem\tseg_id\tpara\trater\tcategory\tseverity\tspan_start\tspan_end\tspan_text\n",
        encoding="utf-8",
    )
    total = 0
    for corpus, path in FILES.items():
        text = read_repo_file(a.mirror, path)
        if text is None:
            print(f"{path}: not in this snapshot; skipped", file=sys.stderr)
            continue
        docs = collect_segments(parse_rows(text), systems)
        n = write_outputs(a.out, corpus, docs, a.chunk)
        found = sorted({s for s, _ in docs})
        print(f"{path}: {n} documents from {len(docs)} (system, doc) pairs; systems: {', '.join(found)}")
        total += n
    print(f"{total} documents in {a.out / 'docs'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
