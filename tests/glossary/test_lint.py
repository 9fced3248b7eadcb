"""One test per lint code, with the exact message and position."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from toolkit.glossary.loader import load_files

HEAD = "pair: zh-en\nentries:\n"


def lint(tmp_path, body: str, name: str = "g.yaml"):
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    _, issues = load_files([(str(tmp_path), str(p), p.read_bytes())])
    return [(i.line, i.col, i.code, i.message) for i in issues]


CASES = [
    ("G001", "pair: zh-en\nentries:\n  - zh: 新质生产力\n    en: [unclosed\n",
     (5, 1, "G001", "YAML syntax error: did not find expected ',' or ']'")),
    ("G002-en", HEAD + "  - zh: 新质生产力\n", (3, 5, "G002", "entry has no 'en'")),
    ("G002-entries", "pair: zh-en\n", (1, 1, "G002", "the file has no 'entries'")),
    ("G003", HEAD + "  - zh: 新质生产力\n    en: new quality productive forces\n    varients: [x]\n",
     (5, 5, "G003", "unknown key 'varients' in an entry (did you mean 'variants'?)")),
    ("G004", HEAD + "  - zh: 工信\n    en: industry and information technology\n    variants: [industrial letter]\n"
     "  - zh: 工业信件\n    en: industrial correspondence\n    variants: [industrial letter]\n",
     (8, 16, "G004", "variant 'industrial letter' also belongs to '工信' ({path}:3) with preferred form "
      "'industry and information technology', not 'industrial correspondence': keep it in one entry, or give each a "
      "'before'/'after' context that tells them apart")),
    ("G005", HEAD + "  - zh: 甲\n    en: alpha\n    variants: [beta]\n  - zh: 乙\n    en: beta\n    variants: [alpha]\n",
     (5, 16, "G005", "cycle: 'alpha' replaces 'beta', and {path}:8 replaces 'alpha' with 'beta': delete one of the two variants")),
    ("G006", HEAD + "  - zh: 新质生产力\n    en: new quality productive forces\n    variants: [productive forces]\n",
     (5, 16, "G006", "variant 'productive forces' occurs inside its own preferred form 'new quality productive forces': "
      "repair would fire again on repaired text")),
    ("G007", HEAD + "  - zh: 盘和林\n    en: Pan Helin\n    variants:\n      - text: Pan and Lin\n        after: '(said'\n",
     (7, 16, "G007", "invalid 'after' regex '(said': missing ), unterminated subpattern at position 0")),
    ("G008", HEAD + "  - zh: 盘和林\n    en: Pan Helin\n    variants:\n      - text: Pan and Lin\n        before: '(\\w+\\s?)+$'\n",
     (7, 17, "G008", "'before' regex '(\\\\w+\\\\s?)+$' nests quantifiers and can backtrack catastrophically")),
    ("G009", HEAD + "  - zh: 新质生产力\n    en: ' new quality productive forces'\n",
     (4, 9, "G009", "'en' has leading or trailing spaces: ' new quality productive forces'")),
    ("G010", HEAD + "  - zh: xinzhi\n    en: new quality productive forces\n",
     (3, 9, "G010", "'zh' has no Chinese characters: 'xinzhi'")),
    ("G011", HEAD + "  - zh: 风口\n    en: riding the wave\n    action: sugest\n",
     (5, 13, "G011", "action 'sugest' is not one of replace, suggest, flag")),
]


@pytest.mark.parametrize("label,body,expected", CASES, ids=[c[0] for c in CASES])
def test_lint_code(tmp_path, label, body, expected):
    issues = lint(tmp_path, body)
    line, col, code, message = expected
    assert (line, col, code, message.replace("{path}", str(tmp_path / "g.yaml"))) in issues, issues


def test_w101_duplicate_is_a_warning(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text(HEAD + "  - zh: 横琴\n    en: Hengqin\n  - zh: 横琴\n    en: Hengqin\n", encoding="utf-8")
    _, issues = load_files([(str(tmp_path), str(p), p.read_bytes())])
    assert [(i.code, i.severity, i.message) for i in issues if i.code != "W104"] == [
        ("W101", "warning", "zh '横琴' is already an entry at " + str(p) + ":3: merge the two")]


def test_w102_common_word_variant_is_a_warning(tmp_path):
    issues = lint(tmp_path, HEAD + "  - zh: 产学研\n    en: industry-university-research collaboration\n    variants: [production, x]\n")
    assert (5, 16, "W102", "variant 'production' is a common English word with no before/after rule: it will fire everywhere") in issues


def test_lint_cli_text_and_json(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text(HEAD + "  - zh: xinzhi\n    en: x\n", encoding="utf-8")
    r = run_cli("glossary", "lint", str(p))
    assert r.returncode == 1
    assert f"{p}:3:9: G010 'zh' has no Chinese characters: 'xinzhi'" in r.stdout
    r = run_cli("glossary", "lint", str(p), "--format", "json")
    assert "G010" in [i["code"] for i in json.loads(r.stdout)]
    ok = tmp_path / "ok.yaml"
    ok.write_text(HEAD + "  - zh: 横琴\n    en: Hengqin\n", encoding="utf-8")
    assert run_cli("glossary", "lint", str(ok)).returncode == 0
    assert run_cli("glossary", "lint", "--format", "yaml").returncode == 2


def test_pipeline_refuses_a_broken_glossary(tmp_path):
    p = tmp_path / "bad.yaml"
    p.write_text(HEAD + "  - zh: 新质生产力\n", encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("Text.\n")
    r = run_cli("clean", str(doc), "--glossary", str(p))
    assert r.returncode == 2 and f"{p}:3:5: G002 entry has no 'en'" in r.stderr and "Traceback" not in r.stderr
