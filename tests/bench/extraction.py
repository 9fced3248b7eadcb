"""Body-text extraction from real HTML pages: toolkit's default pipeline and trafilatura, side by side.

    python tests/bench/extraction.py [--lang en|zh] [--only toolkit|trafilatura] [--worst N] [--repeat N]

Pages and labels: ``tests/eval/html/dev-{en,zh}.jsonl.gz`` (see ``tests/eval/html/README.md``).
Needs trafilatura (``pip install trafilatura lxml_html_clean``): a bench requirement, not a toolkit
dependency (no test needs it).

The score is the scrapinghub article-extraction-benchmark's body metric, reimplemented here:
shingles of 4 consecutive tokens (a multiset), per page precision = matched / predicted shingles
and recall = matched / gold shingles, averaged over pages; F1 is the harmonic mean of the averaged
precision and recall. Tokens are ``\\w+`` runs as there; Chinese text is tokenized by character
(each Han character is a token), since a run of Han characters is a whole sentence, and both sides
are folded to Simplified characters first (toolkit's OpenCC step is an output choice). An empty
prediction scores precision 0 and recall 0.

toolkit's body is the ``text`` of the records the default pipeline writes (all articles of the
page joined); trafilatura's is ``trafilatura.extract(html, include_comments=False)`` (its defaults
otherwise; the gold holds no reader comments, and trafilatura appends them by default). Pages per second
are measured in the same process, one tool after the other, on the same decoded strings.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "tests" / "eval" / "html"

_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def tokenize(text: str) -> list[str]:
    """``\\w+`` runs, every Han character a token of its own.

    >>> tokenize("GDP 增长5.2%, said Li")
    ['GDP', '增', '长', '5', '2', 'said', 'Li']
    """
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = tokenize(text)
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def score(gold: str, pred: str) -> tuple[float, float]:
    """Precision and recall of ``pred``'s 4-gram shingles against ``gold``'s.

    >>> score("a b c d e", "a b c d e")
    (1.0, 1.0)
    >>> score("a b c d e f", "a b c d x y")
    (0.3333333333333333, 0.3333333333333333)
    """
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    precision = tp / sum(p.values()) if p else 0.0
    recall = tp / sum(g.values()) if g else 0.0
    return precision, recall


def _simplified(text: str) -> str:
    """Chinese is compared in Simplified characters: toolkit converts Traditional pages (OpenCC t2s)
    and trafilatura does not, which is a choice of output script, not of extraction."""
    import opencc

    global _T2S
    if _T2S is None:
        _T2S = opencc.OpenCC("t2s")
    return str(_T2S.convert(text))


_T2S = None


def load(lang: str) -> list[dict]:
    with gzip.open(EVAL / f"dev-{lang}.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def toolkit_extractor() -> Callable[[str], str]:
    from toolkit import Document, Pipeline

    pipe = Pipeline.default()

    def run(html: str) -> str:
        doc = pipe.run(Document(id="page", source="page", html=html))
        return "\n\n".join(r["text"] for r in doc.to_records() if r["text"])

    return run


def trafilatura_extractor() -> Callable[[str], str]:
    import trafilatura

    def run(html: str) -> str:
        return trafilatura.extract(html, include_comments=False) or ""

    return run


def evaluate(name: str, extract: Callable[[str], str], pages: list[dict], repeat: int = 1) -> dict:
    extract(pages[0]["html"])  # warm-up: lazy imports, rule packs, models
    per_page = []
    seconds = float("inf")
    for _ in range(repeat):  # the best of several runs: the machine is shared
        t0 = time.perf_counter()
        preds = [extract(p["html"]) for p in pages]
        seconds = min(seconds, time.perf_counter() - t0)
    fold = _simplified if pages[0]["lang"] == "zh" else (lambda t: t)
    for p, pred in zip(pages, preds):
        prec, rec = score(fold(p["gold"]), fold(pred))
        per_page.append((p["id"], prec, rec))
    P = sum(x[1] for x in per_page) / len(per_page)
    R = sum(x[2] for x in per_page) / len(per_page)
    F = 2 * P * R / (P + R) if P + R else 0.0
    return {"tool": name, "pages": len(pages), "P": P, "R": R, "F1": F, "pages_per_s": len(pages) / seconds,
            "per_page": per_page}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="toolkit vs trafilatura on labelled HTML pages")
    ap.add_argument("--lang", choices=("en", "zh"), action="append")
    ap.add_argument("--only", choices=("toolkit", "trafilatura"))
    ap.add_argument("--worst", type=int, default=0, help="list the N worst pages of each tool")
    ap.add_argument("--json", help="write the results (per page too) to this file")
    ap.add_argument("--repeat", type=int, default=1, help="time each tool this many times, keep the best")
    a = ap.parse_args(argv)
    tools = {"toolkit": toolkit_extractor, "trafilatura": trafilatura_extractor}
    if a.only:
        tools = {a.only: tools[a.only]}
    results = []
    print("| lang | tool | pages | F1 | P | R | pages/s |\n|---|---|---|---|---|---|---|")
    for lang in a.lang or ["en", "zh"]:
        pages = load(lang)
        for name, make in tools.items():
            r = evaluate(name, make(), pages, a.repeat)
            r["lang"] = lang
            results.append(r)
            print(f"| {lang} | {name} | {r['pages']} | {r['F1']:.3f} | {r['P']:.3f} | {r['R']:.3f} | {r['pages_per_s']:.1f} |")
            sys.stdout.flush()
    if a.worst:
        for r in results:
            worst = sorted(r["per_page"], key=lambda x: (2 * x[1] * x[2] / (x[1] + x[2]) if x[1] + x[2] else 0))[: a.worst]
            print(f"\n{r['lang']} {r['tool']} worst:", ", ".join(f"{i} P{p:.2f}/R{q:.2f}" for i, p, q in worst))
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
