"""``apply_edits`` and ``diff_changes`` are linear and keep their contract (issue 13: 100k ``①`` never
ended, difflib over 430 KB never ended)."""

from __future__ import annotations

import gc
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.model import Block, Edit, Flag, apply_edits, diff_changes


def _reference_apply(block: Block, stage: str, changes) -> int:
    """The quadratic original, kept as the specification: flags shift edit by edit."""
    ordered = sorted(changes, key=lambda c: (c[0], c[1]))
    text, pieces, pos, delta, made = block.text, [], 0, 0, 0
    for start, end, replacement, rule in ordered:
        if start < pos or end < start or end > len(text):
            continue
        before = text[start:end]
        if before == replacement:
            continue
        pieces += [text[pos:start], replacement]
        pos = end
        edit_start = start + delta
        block.edits.append(Edit(stage, rule, before, replacement, edit_start))
        shift = len(replacement) - len(before)
        for f in block.flags:
            if f.start >= edit_start + len(before):
                f.start += shift
            elif f.start > edit_start:
                f.start = edit_start
        delta += shift
        made += 1
    pieces.append(text[pos:])
    block.text = "".join(pieces)
    return made


@st.composite
def _case(draw):
    text = draw(st.text(alphabet="ab ①", max_size=30))
    n = len(text)
    changes = []
    for _ in range(draw(st.integers(0, 6))):
        s = draw(st.integers(0, n))
        e = draw(st.integers(s, min(n, s + 4)))
        changes.append((s, e, draw(st.text(alphabet="xy", max_size=3)), "r"))
    flags = draw(st.lists(st.integers(0, n), max_size=6))
    return text, changes, flags


@settings(max_examples=300, deadline=None)
@given(_case())
def test_apply_edits_matches_the_edit_by_edit_reference(case):
    text, changes, flags = case
    a, b = Block(text, 1), Block(text, 1)
    for s in flags:
        a.flags.append(Flag("k", "", s, "", "st", "r"))
        b.flags.append(Flag("k", "", s, "", "st", "r"))
    assert apply_edits(a, "s", changes) == _reference_apply(b, "s", changes)
    assert a.text == b.text and a.edits == b.edits
    assert [f.start for f in a.flags] == [f.start for f in b.flags]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abc &;é\u00c3\u00a9，", max_size=3000), st.data())
def test_diff_changes_rebuilds_the_target(before, data):
    after = data.draw(st.text(alphabet="abc &é,", max_size=3000))
    for a, b in ((before, after), (before * 3, after * 3)):  # short: difflib; long: the linear scan
        blk = Block(a, 1)
        apply_edits(blk, "s", diff_changes(a, b, "r"))
        assert blk.text == b


def _growth(run, small: int, big: int) -> float:
    """CPU time of ``run(big)`` over that of ``run(small)``, the best of three each: about big/small for
    linear work, its square for quadratic work, whatever the machine's speed (a wall-clock bound
    failed on a slow shared machine; see tests/glossary/test_accept.py). The garbage collector is off
    while timing: late in a full test run its passes over the whole heap made linear work grow 14.8x."""
    def best(n: int) -> float:
        times = []
        for _ in range(3):
            t0 = time.process_time()
            run(n)
            times.append(time.process_time() - t0)
        return max(min(times), 1e-4)

    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        return best(big) / best(small)
    finally:
        if enabled:
            gc.enable()


def test_apply_edits_with_many_flags_is_linear():
    def run(n: int) -> None:
        b = Block("①" * n, 1)
        b.flags = [Flag("orphan-footnote", "①", i, "", "footnotes", "r") for i in range(n)]
        apply_edits(b, "footnotes", [(i, i + 1, "[1]", "r") for i in range(n)])
        assert b.text == "[1]" * n and b.flags[-1].start == 3 * (n - 1)

    assert _growth(run, 20_000, 100_000) < 12  # 5x the input: ~5x linear, ~25x quadratic


def _dense(n: int) -> tuple[str, str]:
    import random

    rng = random.Random(1)
    before = "".join(rng.choice("，。！？：；（）a b.,&amp;ＡＢ１２") for _ in range(n))
    return before, before.replace("，", ", ").replace("&amp;", "&").replace("Ａ", "A").replace("；", ";")


def test_diff_changes_is_linear_on_dense_changes():
    before, after = _dense(200_000)
    blk = Block(before, 1)
    apply_edits(blk, "s", diff_changes(before, after, "r"))
    assert blk.text == after
    inputs = {n: _dense(n) for n in (40_000, 200_000)}
    assert _growth(lambda n: diff_changes(*inputs[n], "r"), 40_000, 200_000) < 12


def test_diff_changes_on_a_long_paragraph_matches_difflib():
    from toolkit.model import _difflib_changes

    base = ("The committee said that the café's plan, with its réseau of routes, was approved. " * 60)
    bad = base.replace("é", "\u00c3\u00a9").replace("'", "&#39;")
    fixed = base
    assert len(bad) > 4000
    assert diff_changes(bad, fixed, "r") == _difflib_changes(bad, fixed, "r", 0)
