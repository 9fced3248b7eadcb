"""Alignment scoring as in Vecalign and Bertalign: strict and lax P/R/F1 over beads, pooled."""

from __future__ import annotations

Bead = tuple[tuple[int, ...], tuple[int, ...]]


def parse_beads(lines: list[str]) -> list[Bead]:
    """``[0,1]:[0]`` lines to beads.

    >>> parse_beads(["[0,1]:[0]", "[2]:[]"])
    [((0, 1), (0,)), ((2,), ())]
    """
    out = []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        a, b = ln.split(":")
        src = tuple(int(x) for x in a.strip("[]").split(",") if x.strip())
        tgt = tuple(int(x) for x in b.strip("[]").split(",") if x.strip())
        out.append((src, tgt))
    return out


def _counts(test: list[Bead], gold: list[Bead]) -> tuple[int, int, int, int]:
    gold_set = set(gold)
    src_to_tgt: dict[int, set[int]] = {}
    for s, t in gold:
        for x in s:
            src_to_tgt.setdefault(x, set()).update(t)
    strict = lax = total = 0
    for s, t in test:
        if not s and not t:
            continue
        total += 1
        if (s, t) in gold_set:
            strict += 1
        gt: set[int] = set()
        for x in s:
            gt |= src_to_tgt.get(x, set())
        if (set(t) & gt) or (not t and not gt and s):
            lax += 1
    return strict, lax, total, 0


def score(pairs: list[tuple[list[Bead], list[Bead]]]) -> dict[str, float]:
    """Pooled strict/lax precision, recall and F1 over ``(test, gold)`` documents.

    >>> g = [((0,), (0,)), ((1,), (1, 2))]
    >>> score([(g, g)])["strict_f1"]
    1.0
    """
    sp = lp = pt = 0
    sr = lr = rt = 0
    for test, gold in pairs:
        a, b, c, _ = _counts(test, gold)
        sp, lp, pt = sp + a, lp + b, pt + c
        t2 = [x for x in test if x[0] and x[1]]
        g2 = [x for x in gold if x[0] and x[1]]
        a, b, c, _ = _counts(g2, t2)
        sr, lr, rt = sr + a, lr + b, rt + c

    def f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    P, R = sp / max(1, pt), sr / max(1, rt)
    LP, LR = lp / max(1, pt), lr / max(1, rt)
    return {"strict_p": P, "strict_r": R, "strict_f1": f(P, R), "lax_p": LP, "lax_r": LR, "lax_f1": f(LP, LR)}
