"""Speed gates never hide a change: every punctuation and QA rule gives the same result with its
gate forced open, on real paragraphs and on generated text rich in the characters the rules read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.stages import punctuation, qa

ROOT = Path(__file__).resolve().parents[2]
OPEN = re.compile("")  # a gate that always matches

GATED = [
    (punctuation, "_SPACE_AFTER_GATE", punctuation.space_after),
    (punctuation, "_SPACE_BEFORE_GATE", punctuation.space_before),
    (punctuation, "_SPACED_COMMA_GATE", punctuation.spaced_comma),
    (punctuation, "_SPACED_NUMBER_GATE", punctuation.spaced_number),
    (punctuation, "_TIME_GATE", punctuation.time_colon),
    (punctuation, "_GLUED_GATE", punctuation.glued_sentences),
    (punctuation, "_HYPHEN_GATE", punctuation.hyphen_case),
    (qa, "_MASK_GATE", qa.masked),
]


def real_paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "eval" / "realworld").rglob("*.txt"))]
    for case_file in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        texts.append(case_file.read_text(encoding="utf-8"))
    return [line.strip() for t in texts for line in t.splitlines() if line.strip()]


PARAS = real_paragraphs()


def both(module, gate: str, fn, text: str, monkeypatch) -> tuple[object, object]:
    gated = fn(text)
    with monkeypatch.context() as m:
        m.setattr(module, gate, OPEN)
        open_ = fn(text)
    return gated, open_


@pytest.mark.parametrize("module,gate,fn", GATED, ids=[g[1] for g in GATED])
def test_gate_hides_nothing_on_real_text(module, gate, fn, monkeypatch):
    assert len(PARAS) > 1000
    with monkeypatch.context() as m:
        m.setattr(module, gate, OPEN)
        expected = [fn(p) for p in PARAS]
    assert [fn(p) for p in PARAS] == expected
    assert any(expected), f"{fn.__name__} never fires on the sample: the check would prove nothing"


def test_doubled_gate_hides_nothing_on_real_text(monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(qa, "_may_double", lambda text: True)
        expected = [qa.doubled(p) for p in PARAS]
    assert [qa.doubled(p) for p in PARAS] == expected
    assert any(expected)


ALPHABET = st.sampled_from(list("ab AZ09 .,;:!?%\"“’‘-*＊×and the") + ["the ", "and ", " %", " .5", "9: 00", "said ,",
                                                                          "economy", "The", "Focus", "first", "-Mover"])


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_gates_hide_nothing_on_generated_text(text):
    for module, gate, fn in GATED:
        gated = fn(text)
        saved = getattr(module, gate)
        setattr(module, gate, OPEN)
        try:
            assert fn(text) == gated, (gate, text)
        finally:
            setattr(module, gate, saved)
    saved_md = qa._may_double
    qa._may_double = lambda t: True
    try:
        open_ = qa.doubled(text)
    finally:
        qa._may_double = saved_md
    assert qa.doubled(text) == open_, text


def test_rule_pack_needs_never_hide_a_match():
    """A boilerplate rule's ``needs`` (strings one of which a line must hold before its pattern is
    tried) only saves time: on every line of the seeds and of the golden cases, the rule matches
    with the precheck exactly where it matches without it."""
    from pathlib import Path

    from toolkit import yamlio
    from toolkit.stages.boilerplate import load_packs, match_line

    root = Path(__file__).resolve().parents[2]
    lines = [ln.strip() for p in sorted((root / "seeds").glob("*.txt"))
             for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for p in sorted((root / "tests" / "cases").glob("*.yaml")):
        for case in yamlio.load(p.read_text(encoding="utf-8"), str(p)) or []:
            if isinstance(case, dict) and isinstance(case.get("input"), str):
                lines += [ln.strip() for ln in case["input"].splitlines() if ln.strip()]
    rules = [r for r in load_packs(()) if r.needs]
    assert len(rules) >= 3
    hits = 0
    for r in rules:
        bare = r.__class__(r.id, r.pack, r.category, r.match, r.regex, r.max_chars, r.comment, r.heads_list, ())
        for ln in lines:
            with_needs, without = match_line((r,), ln), match_line((bare,), ln)
            assert (with_needs is None) == (without is None), (r.id, ln)
            assert with_needs is None or with_needs[1:] == without[1:], (r.id, ln)  # type: ignore[index]
            hits += without is not None
    assert hits >= 3, "the check saw lines these rules match"
