"""Build a synthetic corpus from the seeds: documents differ (paragraphs shuffled, numbers changed)
so no cache makes a repeated document free."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def variant(text: str, rng: random.Random) -> str:
    paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    head, body = paras[:2], paras[2:]
    rng.shuffle(body)
    out = "\n\n".join(head + body)
    return re.sub(r"\d", lambda m: str(rng.randrange(10)), out)


def build(path: Path, megabytes: float, seed: int = 0) -> int:
    """Write a JSONL corpus of about ``megabytes`` MB; returns the number of documents."""
    rng = random.Random(seed)
    texts = seed_texts()
    size = 0
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        while size < megabytes * 1e6:
            t = variant(texts[n % len(texts)], rng)
            f.write(json.dumps({"id": f"doc{n:06d}", "text": t}, ensure_ascii=False) + "\n")
            size += len(t.encode("utf-8"))
            n += 1
    return n
