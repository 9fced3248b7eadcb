"""Glossary-driven repair: hits, case, boundaries, protection, and a near-miss for every entry whose
variants carry a before/after rule (correct text that merely contains the words must stay)."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, run_cli
from toolkit.glossary import Glossary

G = Glossary.load([ROOT / "glossaries"], cache=False)

# zh -> sentences holding a context-restricted variant's words in another sense.
NEAR_MISSES = {
    "规划和自然资源": ["Industry associations should strengthen self-regulation and integrity.",
                "The departments of commerce praised the self-regulation of the platform economy."],
    "人大常委会主任": ["He is Director of the Standing Committee office of the company board.",
                "The Director of the Standing Committee on Statistics resigned."],
    "盘和林": ["Pan and Lin Yifu were both on the panel.", "The chefs used a pan and Lin's old recipe."],
    "横琴": ["The Qin dynasty unified China.", "Qin-Han history is his field."],
}


def fix(text: str) -> str:
    out = text
    for r in reversed(G.find(text)):
        if r.entry.action == "replace":
            out = out[: r.start] + r.replacement + out[r.end :]
    return out


def test_every_context_rule_has_near_misses():
    restricted = {e.zh for e in G.entries if any(v.before or v.after for v in e.variants)}
    assert restricted <= set(NEAR_MISSES), restricted - set(NEAR_MISSES)


@pytest.mark.parametrize("zh,sentence", [(zh, s) for zh, ss in NEAR_MISSES.items() for s in ss])
def test_near_miss_left_alone(zh, sentence):
    assert fix(sentence) == sentence


@pytest.mark.parametrize("text,expected", [
    ("we grow new quality productivity", "we grow new quality productive forces"),
    ("New quality productivity grows.", "New quality productive forces grows."),
    ("NEW QUALITY PRODUCTIVITY", "New quality productive forces"),  # a sentence start takes a capital
    ("grow NEW QUALITY PRODUCTIVITY", "grow new quality productive forces"),
    ("renew quality productivity", "renew quality productivity"),
    ("in Qian Fan's competition", "in the race of a thousand sails"),
    ("in Qian Fan’s competition", "in the race of a thousand sails"),
    ("the Hengqin-Macao zone", "the Hengqin-Macao zone"),
    ("build Qin-Macao projects", "build Hengqin-Macao projects"),
])
def test_repairs(text, expected):
    assert fix(text) == expected


def test_longest_match_first(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text("pair: zh-en\nentries:\n  - zh: 经济\n    en: economy\n    variants: [economics work]\n"
                 "  - zh: 经济工作会议\n    en: economic work conference\n    variants: [economics work meeting]\n", encoding="utf-8")
    g = Glossary.load([p], cache=False)
    [r] = g.find("the economics work meeting")
    assert r.replacement == "economic work conference"


def test_never_inside_a_protected_name(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text("pair: zh-en\nentries:\n  - zh: 华为\n    en: Huawei Cloud Services\n  - zh: 云\n    en: cloud\n    variants: [Cloud Services]\n",
                 encoding="utf-8")
    g = Glossary.load([p], cache=False)
    assert g.find("Huawei Cloud Services grew") == []
    assert [r.replacement for r in g.find("Cloud Services grew")] == ["Cloud"]


def test_case_sensitive_variant(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text("pair: zh-en\nentries:\n  - zh: 中国电建\n    en: POWERCHINA\n    kind: org\n    variants:\n"
                 "      - {text: Dianjian, case_sensitive: true}\n", encoding="utf-8")
    g = Glossary.load([p], cache=False)
    assert len(g.find("Dianjian won")) == 1 and g.find("dianjian won") == []


def test_show_stats_export_import_roundtrip(tmp_path):
    r = run_cli("glossary", "show", "Pan and Lin")
    assert r.returncode == 0 and "names.yaml:" in r.stdout and "盘和林 -> Pan Helin" in r.stdout
    assert run_cli("glossary", "show", "no such term at all").returncode == 1
    r = run_cli("glossary", "stats")
    assert r.returncode == 0 and "entries" in r.stdout
    for fmt in ("tbx", "tsv", "csv"):
        out = tmp_path / f"g.{fmt}"
        assert run_cli("glossary", "export", "--format", fmt, "-o", str(out)).returncode == 0
        back = tmp_path / f"back-{fmt}.yaml"
        r = run_cli("glossary", "import", str(out), "-o", str(back))
        assert r.returncode == 0, r.stderr
        g = Glossary.load([back], cache=False)
        assert len(g.entries) == len(G.entries)
        e = next(x for x in g.entries if x.zh == "新质生产力")
        assert e.en == "new quality productive forces" and "new quality productivity" in [v.text for v in e.variants]


def test_diff_shows_the_effect_of_an_edit(tmp_path):
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text("pair: zh-en\nentries:\n  - zh: 重点任务\n    en: key tasks\n    variants: [key and key tasks]\n", encoding="utf-8")
    new.write_text("pair: zh-en\nentries:\n  - zh: 亲清\n    en: cordial and clean\n    variants: [pro-Qing]\n", encoding="utf-8")
    r = run_cli("glossary", "diff", str(old), str(new), "--corpus", str(ROOT / "seeds"))
    assert r.returncode == 0, r.stderr
    assert "- 001_5183f84487d16091: 'key and key tasks' -> 'key tasks'" in r.stdout
    assert "+ 003_96bb61545d55c11f: 'pro-Qing' -> 'cordial and clean'" in r.stdout
