"""toolkit.gates: a literal gate may rule a text out only when its pattern cannot match it.
Texts generated from each pattern (Hypothesis' from_regex) must all pass their gate."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.gates import literal_gate, required_literals
from toolkit.stages.qa import censor_patterns

PATTERNS = [
    r"\bSupreme Leader (?:General Secretary|Comrade)\b",
    r"(?<![A-Za-z])(?:XXX|×××|ＸＸＸ)(?![A-Za-z])",
    r"(?:abc|abd)+x?",
    r"(?:foo)?bar",
    r"(?:(?:one|two)|three)\d{2}",
    r"a{2,5}b(?:cd){0,2}",
    r"(?:x(?:yz|yw)|qq)r",
    r"\d+年\d+月",
    r"(?P<q>[\"“])\w+(?P=q)end",
] + [rx.pattern for _id, rx, _gate in censor_patterns()]


@pytest.mark.parametrize(
    "pattern,expected",
    [
        (r"(?:abc)?def", {"def"}),
        (r"(?:abc){2}", {"abc"}),
        (r"ab|cd", {"ab", "cd"}),
        (r"(?:ab|)cd", {"cd"}),  # the empty branch requires nothing, the rest still does
        (r"(?:ab|)", None),
        (r"a{0,3}", None),
        (r"[abc]+", None),
        (r"(?i)abc", None),
        (r"x(?i:abc)", {"x"}),  # a case-insensitive group requires no literal of its own
        (r"(?=abc)\w+", None),  # look-arounds are not counted
    ],
)
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    got = required_literals(pattern)
    assert (set(got) if got is not None else None) == expected


@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_generated_match_passes_the_gate(pattern: str) -> None:
    rx = re.compile(pattern)
    gate = literal_gate(rx)

    @settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.from_regex(rx), st.text(max_size=5), st.text(max_size=5))
    def check(s: str, pre: str, post: str) -> None:
        text = pre + s + post
        if rx.search(text):
            assert gate(text), (pattern, text)

    check()


def test_the_gate_rules_out_text_without_the_literal() -> None:
    gates = {rid: gate for rid, _rx, gate in censor_patterns()}
    assert gates["supreme-leader"]("General Secretary Supreme Leader spoke")
    assert not gates["supreme-leader"]("The general secretary spoke at length about the economy.")
    assert not gates["xxx-name"]("Exports rose 5% in May.")
