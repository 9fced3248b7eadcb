"""The encoding stage skips ftfy for text made only of characters ftfy leaves alone. These tests
derive the two alphabets from the stage's own patterns and check that ftfy, with the stage's
configs, changes nothing written in them, so the fast path cannot change an output."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.stages.encoding import FTFY_NOOP_EN, FTFY_NOOP_ZH, _ftfy

ftfy, EN, ZH = _ftfy()
ROOT = Path(__file__).resolve().parents[2]


def _alphabet(rx) -> list[str]:  # type: ignore[no-untyped-def]
    return [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and rx.fullmatch(chr(c))]


ALPHA_EN = _alphabet(FTFY_NOOP_EN)
ALPHA_ZH = _alphabet(FTFY_NOOP_ZH)
NON_HAN_ZH = [c for c in ALPHA_ZH if not ("\u3400" <= c <= "\u9fff" or c >= "\U00020000")]
CASES = [(ALPHA_EN, EN), (NON_HAN_ZH, ZH)]


def test_the_alphabets_are_what_the_comment_says() -> None:
    assert "&" not in ALPHA_EN and "\x1b" not in ALPHA_EN and "“" in ALPHA_EN and "Ã" not in ALPHA_EN
    assert "，" in ALPHA_ZH and "中" in ALPHA_ZH and "\U00020000" in ALPHA_ZH
    assert "，" not in ALPHA_EN  # full-width forms are folded in English text: ftfy must run
    assert "\uf900" not in ALPHA_ZH and "\u302a" not in ALPHA_ZH  # NFC changes these


@pytest.mark.parametrize("alpha,cfg", CASES, ids=["en", "zh"])
def test_ftfy_changes_no_pair_of_characters(alpha: list[str], cfg) -> None:  # type: ignore[no-untyped-def]
    for a, b in itertools.product(alpha, repeat=2):
        assert ftfy.fix_text(a + b, cfg) == a + b


def test_ftfy_changes_no_han_character_in_context() -> None:
    han = [c for c in ALPHA_ZH if c not in NON_HAN_ZH]
    assert len(han) > 40_000
    for i in range(0, len(han), 50):  # every Han character, fifty at a time, between ASCII and quotes
        s = "“a" + "".join(han[i:i + 50]) + "，b”"
        assert ftfy.fix_text(s, ZH) == s


@settings(max_examples=400)
@given(st.lists(st.sampled_from(ALPHA_ZH), max_size=40), st.lists(st.sampled_from(ALPHA_EN), max_size=40))
def test_ftfy_changes_no_string_over_the_alphabets(zh: list[str], en: list[str]) -> None:
    s, t = "".join(zh), "".join(en)
    assert ftfy.fix_text(s, ZH) == s
    assert ftfy.fix_text(t, EN) == t


def test_damaged_text_is_not_on_the_fast_path() -> None:
    for bad in ("cafÃ©", "â€œquotedâ€\x9d", "AT&amp;T", "\x1b[31mred", "ﬁnance", "\uf900", "e\u0301", "\u00a0"):
        assert not FTFY_NOOP_EN.fullmatch(bad) and not FTFY_NOOP_ZH.fullmatch(bad)


def test_real_paragraphs_on_the_fast_path_are_left_alone_by_ftfy() -> None:
    seen = 0
    for f in sorted((ROOT / "seeds").iterdir()) + sorted((ROOT / "tests/eval/realworld/docs").glob("*")):
        if not f.is_file():
            continue
        for para in f.read_bytes().decode("utf-8", "replace").splitlines():
            for rx, cfg in ((FTFY_NOOP_ZH, ZH), (FTFY_NOOP_EN, EN)):
                if rx.fullmatch(para):
                    seen += 1
                    assert ftfy.fix_text(para, cfg) == para
    assert seen > 200
