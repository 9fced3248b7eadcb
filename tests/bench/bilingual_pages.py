"""Bilingual pages from real translations: the WMT24 en-zh news documents (original English and its
human Chinese reference, wmt-conference/wmt24-news-systems `txt-ts/`) rebuilt as two page layouts,
cleaned with `toolkit clean --bitext`, and each pair checked against the paragraph it came from.

    python tests/bench/bilingual_pages.py MIRROR [--rev REV]

Layouts: `interleaved` (an English paragraph, then its Chinese, and so on) and `halves` (all the
Chinese, then all the English, each under its headline: the first line of each document).
A pair is *consistent* when its Chinese and its English come from the same paragraph pair; an
inconsistent pair is an alignment error (its score says how sure the toolkit was).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _git_show(mirror: Path, path: str) -> list[str]:
    out = subprocess.run(["git", "--git-dir", str(mirror), "show", f"HEAD:{path}"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\n")


def documents(mirror: Path) -> dict[str, list[tuple[str, str]]]:
    en = _git_show(mirror, "txt-ts/sources/en-zh.txt")
    zh = _git_show(mirror, "txt-ts/references/en-zh.refA.txt")
    ids = _git_show(mirror, "txt-ts/documents/en-zh.docs")
    docs: dict[str, list[tuple[str, str]]] = collections.OrderedDict()
    for e, z, d in zip(en, zh, ids):
        domain, _, doc = d.partition("\t")
        if domain == "news" and e.strip() and z.strip():
            docs.setdefault(doc, []).append((e.strip(), z.strip()))
    return {k: v for k, v in docs.items() if len(v) >= 4}


def _norm(s: str) -> str:
    """Spaces and quote marks out: cleaning repairs them (``workers" mood`` -> ``workers' mood``), and
    a repaired pair is still the pair of its paragraph."""
    return "".join(s.split()).translate(_QUOTES)


_QUOTES = str.maketrans("", "", "\"'“”‘’")


def run(root: Path, docs: dict[str, list[tuple[str, str]]], layout: str, tmp: Path) -> tuple[int, int, list[str]]:
    src = tmp / f"{layout}.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for d, rows in docs.items():
            paras = [x for e, z in rows for x in (e, z)] if layout == "interleaved" else [z for _, z in rows] + [e for e, _ in rows]
            fh.write(json.dumps({"id": d, "text": "\n\n".join(paras)}, ensure_ascii=False) + "\n")
    pairs = tmp / f"{layout}.pairs.jsonl"
    env = dict(os.environ, PYTHONPATH=str(root), TOOLKIT_CACHE=str(tmp / "cache"))
    subprocess.run([sys.executable, "-m", "toolkit", "clean", str(src), "-o", str(tmp / "out.jsonl"), "--bitext", str(pairs),
                    "-q"], env=env, cwd=str(root), check=True, capture_output=True)
    ok, bad = 0, []
    for line in pairs.read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        rows = docs[p["doc"].split("#")[0]]
        zi = {k for k, (_, z) in enumerate(rows) if _norm(p["zh"])[:15] in _norm(z)}
        ei = {k for k, (e, _) in enumerate(rows) if _norm(p["en"])[:25] in _norm(e)}
        if zi & ei:
            ok += 1
        else:
            bad.append(f"{p['score']:.2f} {p['beads']} {p['zh'][:30]} | {p['en'][:50]}")
    return ok, len(bad), sorted(bad, reverse=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("mirror", type=Path)
    ap.add_argument("--rev", default="")
    a = ap.parse_args()
    docs = documents(a.mirror)
    print(f"{len(docs)} news documents, {sum(len(v) for v in docs.values())} paragraph pairs")
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        roots = [("this checkout", ROOT)]
        if a.rev:
            wt = tmp / "old"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(wt), a.rev], check=True)
            roots.append((a.rev, wt))
        try:
            for label, root in roots:
                for layout in ("interleaved", "halves"):
                    ok, n_bad, bad = run(root, docs, layout, tmp)
                    print(f"{label:14s} {layout:12s} pairs {ok + n_bad:4d}  consistent {ok:4d}  inconsistent {n_bad:3d}")
                    for b in bad[:5]:
                        print("      ", b)
        finally:
            if a.rev:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tmp / "old")], capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
