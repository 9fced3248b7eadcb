"""Line-level precision and recall of removal on the labelled evaluation set (tests/eval/).

A labelled line counts as removed when a ``removed`` record covers the whole line (boilerplate,
image, caption, duplicate, metadata); a line that only lost a prefix (a dateline, a photo credit)
still counts as kept. The floors are pinned; the measured figures
are in docs/benchmarks.md.
"""

from __future__ import annotations

from pathlib import Path

from toolkit import Document, Pipeline

EVAL = Path(__file__).parent / "eval"
FLOOR = 0.98


def load_docs() -> list[tuple[str, list[tuple[str, str]]]]:
    docs: list[tuple[str, list[tuple[str, str]]]] = []
    for f in sorted(EVAL.glob("boilerplate_docs_*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith("=== "):
                docs.append((line[4:].strip(), []))
            else:
                label, text = line[:1], line[2:]
                assert label in "+-", line
                docs[-1][1].append((label, text))
    return docs


def _line(raw: str, n: int) -> str:
    lines = raw.split("\n")
    return lines[n - 1] if 0 < n <= len(lines) else ""


def score(pipe: Pipeline) -> tuple[float, float, int, list[str]]:
    tp = fp = fn = 0
    errors = []
    docs = load_docs()
    for name, lines in docs:
        raw = "\n\n".join(t for _, t in lines)
        doc = pipe.run(Document(id=name, source=name, raw=raw))
        removed_lines = {r.line for r in doc.removed if " ".join(r.text.split()) == " ".join(_line(raw, r.line).split())}
        for n, (label, text) in enumerate(lines):
            kept = (2 * n + 1) not in removed_lines
            if not kept and label == "-":
                tp += 1
            elif not kept and label == "+":
                fp += 1
                errors.append(f"{name}: removed content {text[:60]!r}")
            elif kept and label == "-":
                fn += 1
                errors.append(f"{name}: kept boilerplate {text[:60]!r}")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, len(docs), errors


def test_eval_set_size():
    docs = load_docs()
    assert len(docs) >= 30
    assert {n[:2] for n, _ in docs} == {"en", "zh"}


def test_removal_precision_and_recall(pipeline):
    p, r, n, errors = score(pipeline)
    assert p >= FLOOR and r >= FLOOR, (p, r, errors)
