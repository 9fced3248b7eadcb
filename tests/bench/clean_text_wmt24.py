"""Clean human text through `toolkit clean`, second set: WMT24 general task (wmt-conference/wmt24-news-systems,
`txt-ts/`). Every edit, flag and removal on it is a candidate false positive. Unlike WMT22 the lines come with
document ids (`documents/*.docs`), so the documents are the real ones: a document's lines joined with blank
lines between paragraphs. The test-suite lines (`tsuite_*`: deliberately noisy challenge sets) and the canary
line are left out.

    python tests/bench/clean_text_wmt24.py MIRROR [--rev REV] [--dump DIR]

MIRROR is a clone of the repository; a bare one is read with `git show` (nothing is checked out). Files: the
original English of en-zh (news, literary, social, speech), its human Chinese reference A, and the human
Chinese reference A of ja-zh. Prints, per file, the counts by rule (edits, flags, removed lines) for this
checkout and, with --rev, for an earlier revision checked out in a temporary worktree. --dump writes the
output records of this checkout to DIR/<file>.jsonl to read the examples in context. Policy rules (Chinese
punctuation made full-width, Traditional made Simplified, full-width digits made ASCII) are counted like the
rest: read the examples before calling any of them wrong.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from clean_text import counts, report, revision_tree  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
FILES = {  # label: (text file, document-id file)
    "en source": ("txt-ts/sources/en-zh.txt", "txt-ts/documents/en-zh.docs"),
    "zh reference (en-zh)": ("txt-ts/references/en-zh.refA.txt", "txt-ts/documents/en-zh.docs"),
    "zh reference (ja-zh)": ("txt-ts/references/ja-zh.refA.txt", "txt-ts/documents/ja-zh.docs"),
}


def read(mirror: Path, path: str) -> list[str]:
    if (mirror / path).is_file():
        return (mirror / path).read_text(encoding="utf-8").splitlines()
    out = subprocess.run(["git", "--git-dir", str(mirror), "show", f"HEAD:{path}"], check=True, capture_output=True)
    return out.stdout.decode("utf-8").splitlines()


def documents(mirror: Path, text: str, docs: str) -> list[tuple[str, str, str]]:
    """(id, domain, text) per real document, in order of first appearance."""
    lines, ids = read(mirror, text), read(mirror, docs)
    if len(lines) != len(ids):
        raise SystemExit(f"{text}: {len(lines)} lines but {docs} has {len(ids)}")
    paras: dict[str, list[str]] = {}
    domain: dict[str, str] = {}
    for line, row in zip(lines, ids):
        dom, _, doc = row.partition("\t")
        if doc.startswith("tsuite") or dom == "canary":
            continue
        paras.setdefault(doc, []).append(line)
        domain[doc] = dom
    return [(doc, domain[doc], "\n\n".join(p)) for doc, p in paras.items()]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("mirror", type=Path)
    ap.add_argument("--rev", default="")
    ap.add_argument("--dump", type=Path)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as t, revision_tree(a.rev, Path(t)) as old_root:
        tmp = Path(t)
        for label, (text, docs) in FILES.items():
            docs_ = documents(a.mirror, text, docs)
            corpus = tmp / "in.jsonl"
            # The WMT domain (news, literary...) is not a glossary domain: it stays out of the record.
            with open(corpus, "w", encoding="utf-8") as fh:
                for doc, _, body in docs_:
                    fh.write(json.dumps({"id": doc, "text": body}, ensure_ascii=False) + "\n")
            dump = a.dump / (label.replace(" ", "_").replace("(", "").replace(")", "") + ".jsonl") if a.dump else None
            now = counts(ROOT, corpus, tmp, dump)
            old = counts(old_root, corpus, tmp) if old_root else None
            n_par = sum(body.count("\n\n") + 1 for _, _, body in docs_)
            report(f"{label} ({len(docs_)} documents, {n_par} paragraphs)", now, old, a.rev)
    return 0


if __name__ == "__main__":
    sys.exit(main())
