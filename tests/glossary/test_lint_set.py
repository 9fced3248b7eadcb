"""Lint across the whole glossary set, and ``lint --fix`` (issue 15)."""

from __future__ import annotations

from tests.conftest import run_cli
from toolkit.glossary.loader import load_files

HEAD = "pair: zh-en\nentries:\n"


def lint_files(tmp_path, files: dict[str, str]):
    blobs = []
    for name, body in files.items():
        p = tmp_path / name
        p.write_text(body, encoding="utf-8")
        blobs.append((str(tmp_path), str(p), p.read_bytes()))
    _, issues = load_files(blobs)
    return [i for i in issues if i.code != "W104"]


def test_duplicate_yaml_key_g012(tmp_path):
    [i] = lint_files(tmp_path, {"g.yaml": HEAD + "  - zh: 风口\n    en: riding the wave\n    en: the tuyere\n"})
    assert (i.line, i.col, i.code) == (5, 5, "G012")
    assert i.message == "key 'en' is given twice in this mapping (also at line 4); YAML keeps only the last: merge the two"


def test_same_zh_different_en_across_files_g013(tmp_path):
    issues = lint_files(tmp_path, {
        "a.yaml": HEAD + "  - zh: 人民币\n    en: renminbi\n",
        "b.yaml": HEAD + "  - zh: 人民币\n    en: RMB\n",
    })
    [i] = issues
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert (i.path, i.line, i.code) == (str(b), 3, "G013")
    assert f"rendered 'RMB' here but 'renminbi' at {a}:3" in i.message
    assert "add 'RMB' to its 'accept' list" in i.message


def test_same_zh_told_apart_by_context_is_fine(tmp_path):
    assert lint_files(tmp_path, {"g.yaml": HEAD + "  - zh: 风口\n    en: riding the wave\n    when: {near: [猪]}\n"
                                           "  - zh: 风口\n    en: tuyere\n    when: {near: [高炉]}\n"}) == []


def test_variant_that_is_another_entrys_accepted_form_g014(tmp_path):
    issues = lint_files(tmp_path, {
        "a.yaml": HEAD + "  - zh: 人民币\n    en: renminbi\n    accept: [RMB, yuan]\n",
        "b.yaml": HEAD + "  - zh: 元\n    en: dollar\n    variants: [yuan]\n",
    })
    [i] = issues
    assert (i.path, i.line, i.col, i.code) == (str(tmp_path / "b.yaml"), 5, 16, "G014")
    assert i.message == (f"variant 'yuan' is the accepted form of '人民币' ({tmp_path / 'a.yaml'}:3): repairing it to 'dollar' "
                         "undoes that entry; delete the variant or give it a 'before'/'after' context")


def test_longer_cycle_g005(tmp_path):
    issues = lint_files(tmp_path, {"g.yaml": HEAD + "  - zh: 甲\n    en: alpha one\n    variants: [gamma one]\n"
                                           "  - zh: 乙\n    en: beta one\n    variants: [alpha one]\n"
                                           "  - zh: 丙\n    en: gamma one\n    variants: [beta one]\n"})
    assert sorted(i.code for i in issues) == ["G005", "G005", "G005"]


def test_unreachable_repeat_w103(tmp_path):
    [i] = lint_files(tmp_path, {"g.yaml": HEAD + "  - zh: 云安\n    en: Yun'an\n    variants: [Yun ’an, Yun 'an]\n"})
    assert i.code == "W103" and "never fires" in i.message


def test_variant_equal_to_own_accepted_form(tmp_path):
    [i] = lint_files(tmp_path, {"g.yaml": HEAD + "  - zh: 人民币\n    en: renminbi\n    accept: [RMB]\n    variants: [rmb]\n"})
    assert i.code == "G006" and "is the accepted form 'RMB' of its own entry" in i.message


def test_clean_set_has_no_issues(tmp_path):
    assert lint_files(tmp_path, {"g.yaml": HEAD + "  - zh: 人民币\n    en: renminbi\n    accept: [RMB]\n"
                                           "    variants: [people's currency]\n    examples: [\"in people's currency -> in renminbi\"]\n"}) == []


def test_lint_fix_keeps_comments_and_fixes_only_mechanical_things(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text("# maintained by hand\npair: zh-en\nentries:\n  # policy\n  - zh: 新质生产力\n"
                 "    en: 'new  quality productive forces'  # official\n    variants:\n      - new quality productivity\n"
                 "      - ' new qualitative productivity'\n      - New Quality Productivity\n", encoding="utf-8")
    r = run_cli("glossary", "lint", "--fix", str(p))
    assert r.returncode == 0, r.stdout + r.stderr
    text = p.read_text(encoding="utf-8")
    assert "# maintained by hand" in text and "# policy" in text and "# official" in text
    assert "'new quality productive forces'" in text
    assert "New Quality Productivity" not in text and "' new" not in text
    assert text.index("new qualitative productivity") < text.index("- new quality productivity")  # sorted
    again = p.read_text(encoding="utf-8")
    run_cli("glossary", "lint", "--fix", str(p))
    assert p.read_text(encoding="utf-8") == again  # idempotent


def test_lint_fix_on_broken_yaml_still_reports_where(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text("pair: zh-en\nentries:\n  - zh: 新质生产力\n    en: [unclosed\n", encoding="utf-8")
    r = run_cli("glossary", "lint", "--fix", str(p))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert f"{p}:5:1: G001 YAML syntax error" in r.stdout and "cannot --fix" in r.stderr
