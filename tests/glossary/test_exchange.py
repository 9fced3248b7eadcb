"""Import that cannot produce a broken glossary; lossless TBX export; loud table export (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from toolkit.glossary import Glossary
from toolkit.glossary.loader import load_files
from toolkit.glossary.tbx import from_tbx, to_tbx

SHIPPED = sorted((ROOT / "glossaries" / "zh-en").glob("*.yaml"))


def lint_errors(path: Path) -> list[str]:
    _, issues = load_files([(str(path.parent), str(path), path.read_bytes())])
    return [i.format() for i in issues if i.severity == "error"]


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_yaml_tbx_yaml_round_trip_is_identical(path, tmp_path):
    g = Glossary.load([path], cache=False)
    tbx = tmp_path / "g.tbx"
    tbx.write_text(to_tbx(g.entries), encoding="utf-8")
    rows, _, problems = from_tbx(tbx)
    assert problems == []
    assert [r for _, r in rows] == [e.to_dict() for e in g.entries]
    # and through the CLI, into a file that loads to the same entries
    out = tmp_path / "back.yaml"
    r = run_cli("glossary", "import", str(tbx), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert [e.to_dict() for e in Glossary.load([out], cache=False).entries] == [e.to_dict() for e in g.entries]


def test_table_export_warns_with_counts(tmp_path):
    r = run_cli("glossary", "export", "--format", "tsv", "-o", str(tmp_path / "g.tsv"))
    assert r.returncode == 0
    assert "toolkit: warning: TSV cannot hold before/after context: 4 entries lose it" in r.stderr
    with_examples = sum(1 for e in Glossary.load(SHIPPED, cache=False).entries if e.examples)
    assert f"TSV cannot hold examples: {with_examples} entries lose it" in r.stderr
    r = run_cli("glossary", "export", "--format", "tbx", "-o", str(tmp_path / "g.tbx"))
    assert r.returncode == 0 and "warning" not in r.stderr


def test_tsv_keeps_quotes(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text('zh\ten\tnote\n中国制造2025\t"Made in China" 2025\tsay "hi"\n引号\t"""quoted"""\t\n', encoding="utf-8")
    out = tmp_path / "o.yaml"
    r = run_cli("glossary", "import", str(p), "-o", str(out))
    assert r.returncode == 0, r.stderr
    g = Glossary.load([out], cache=False)
    assert [(e.en, e.note) for e in g.entries] == [('"Made in China" 2025', 'say "hi"'), ('"quoted"', "")]
    back = tmp_path / "back.tsv"
    assert run_cli("glossary", "export", str(out), "--format", "tsv", "-o", str(back)).returncode == 0
    out2 = tmp_path / "o2.yaml"
    assert run_cli("glossary", "import", str(back), "-o", str(out2)).returncode == 0
    assert [e.to_dict() for e in Glossary.load([out2], cache=False).entries] == [e.to_dict() for e in g.entries]


def test_excel_csv_with_bom_and_duplicates_becomes_a_clean_glossary(tmp_path):
    p = tmp_path / "excel.csv"
    p.write_bytes("\ufeffChinese,English,Notes\r\n人民币,renminbi,currency\r\n人民币,RMB,\r\n"
                  '新质生产力," new quality productive forces",\r\n5G,5G,\r\n一带一路,"Belt and Road, the",\r\n'.encode())
    out = tmp_path / "o.yaml"
    r = run_cli("glossary", "import", str(p), "-o", str(out))
    assert f"{p}:3: zh '人民币' again (first at line 2): 'RMB' added as accepted form(s) of 'renminbi'" in r.stderr
    assert f"{p}:5: skipped '5G': G010 'zh' has no Chinese characters" in r.stderr
    assert r.returncode == 1  # a row was skipped
    assert lint_errors(out) == []
    e = Glossary.load([out], cache=False).entries
    assert [(x.zh, x.en, x.accept) for x in e] == [("人民币", "renminbi", ["RMB"]),
                                                  ("新质生产力", "new quality productive forces", []),
                                                  ("一带一路", "Belt and Road, the", [])]


def test_malformed_csv_exits_2_naming_the_line(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text('zh,en\n人民币,renminbi\n新质,"unterminated\n', encoding="utf-8")
    r = run_cli("glossary", "import", str(p), "-o", str(tmp_path / "o.yaml"))
    assert r.returncode == 2 and f"toolkit: error: {p}:" in r.stderr and "malformed CSV" in r.stderr
    assert not (tmp_path / "o.yaml").exists()


def test_csv_without_zh_en_columns_exits_2(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("a,b\nx,y\n", encoding="utf-8")
    r = run_cli("glossary", "import", str(p), "-o", str(tmp_path / "o.yaml"))
    assert r.returncode == 2 and f"{p}:1: no 'zh' and 'en' columns" in r.stderr


def test_import_never_overwrites(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("zh,en\n人民币,renminbi\n", encoding="utf-8")
    out = tmp_path / "o.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    r = run_cli("glossary", "import", str(p), "-o", str(out))
    assert r.returncode == 2 and "never overwrites" in r.stderr and out.read_text() == "keep me\n"


def test_merge_adds_new_entries_reports_conflicts_and_keeps_comments(tmp_path):
    into = tmp_path / "mine.yaml"
    into.write_text("# my glossary\npair: zh-en\nentries:\n  - zh: 人民币  # the currency\n    en: renminbi\n"
                    "    examples: [{keep: paid in renminbi}]\n", encoding="utf-8")
    src = tmp_path / "new.tsv"
    src.write_text("zh\ten\n人民币\tChinese dollar\n新质生产力\tnew quality productive forces\n", encoding="utf-8")
    r = run_cli("glossary", "import", str(src), "--merge", str(into))
    assert r.returncode == 1  # a conflict to look at
    assert (f"{src}:2: conflict: zh '人民币' is 'renminbi' in {into}:4; 'Chinese dollar' not merged") in r.stderr
    text = into.read_text(encoding="utf-8")
    assert "# my glossary" in text and "# the currency" in text
    g = Glossary.load([into], cache=False)
    assert [(e.zh, e.en) for e in g.entries] == [("人民币", "renminbi"), ("新质生产力", "new quality productive forces")]
    assert lint_errors(into) == []


def test_import_of_tbx_synonyms_makes_accepted_forms(tmp_path):
    p = tmp_path / "t.tbx"
    p.write_text("<martif type='TBX-Basic'><text><body><termEntry id='1'>"
                 "<langSet xml:lang='zh-CN'><tig><term>人民币</term></tig></langSet>"
                 "<langSet xml:lang='en-US'><tig><term>renminbi</term></tig><tig><term>RMB</term></tig>"
                 "<tig><term>people's money</term><termNote type='administrativeStatus'>deprecatedTerm-admn-sts</termNote></tig>"
                 "</langSet></termEntry></body></text></martif>", encoding="utf-8")
    rows, _, problems = from_tbx(p)
    assert problems == [] and [r for _, r in rows] == [
        {"zh": "人民币", "en": "renminbi", "accept": ["RMB"], "variants": ["people's money"]}]
