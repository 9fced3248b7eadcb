"""``glossary test`` (examples per entry), ``stats`` on a corpus, ``suggest`` (issue 15)."""

from __future__ import annotations

import json

from tests.conftest import ROOT, run_cli

HEAD = "pair: zh-en\nentries:\n"


def test_shipped_glossary_examples_pass_and_every_entry_has_some():
    r = run_cli("glossary", "test", "--require-examples")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 failed; 0 entries without examples" in r.stderr


def test_a_failing_example_is_reported_with_its_line(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text(HEAD + "  - zh: 重点任务\n    en: key tasks\n    variants: [key and key tasks]\n    examples:\n"
                 "      - the key and key tasks -> the main tasks\n"  # wrong expectation
                 "      - {keep: the key tasks and key and key tasks}\n"  # must not fire, but does
                 "      - the key and key tasks -> the key tasks\n", encoding="utf-8")
    r = run_cli("glossary", "test", str(p))
    assert r.returncode == 1
    assert f"{p}:7: 重点任务: example 'the key and key tasks' gave 'the key tasks', expected 'the main tasks'" in r.stdout
    assert f"{p}:8: 重点任务: negative example 'the key tasks and key and key tasks' must stay unchanged; changed" in r.stdout
    assert "3 examples of 1 entries: 2 failed" in r.stderr


def test_malformed_example_is_a_lint_error(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text(HEAD + "  - zh: 重点任务\n    en: key tasks\n    examples: [key and key tasks, {keeep: x}]\n", encoding="utf-8")
    r = run_cli("glossary", "lint", str(p))
    assert r.returncode == 1
    assert "G015 example 'key and key tasks' has no single ' -> '" in r.stdout
    assert "G015 unknown key 'keeep' in an example (did you mean 'keep'?)" in r.stdout


def test_stats_on_a_corpus_lists_firings_and_entries_that_never_fired(tmp_path):
    r = run_cli("glossary", "stats", "--corpus", str(ROOT / "seeds"), "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    by_rule = {e["rule"]: e for e in data["entries"]}
    assert by_rule["zh-en/policy.yaml:重点任务"]["repairs"] >= 1
    assert "zh-en/economy.yaml:共同富裕" in data["never_fired"]
    assert len(data["never_fired"]) < len(data["entries"])


def test_stats_counts_term_missing_on_pairs(tmp_path):
    pairs = tmp_path / "p.jsonl"
    pairs.write_text(json.dumps({"zh": "发展新质生产力。", "en": "Develop new productive power."}, ensure_ascii=False) + "\n"
                     + json.dumps({"zh": "发展新质生产力。", "en": "Develop new quality productive forces."}, ensure_ascii=False)
                     + "\n", encoding="utf-8")
    r = run_cli("glossary", "stats", "--pairs", str(pairs))
    assert r.returncode == 0, r.stderr
    line = next(ln for ln in r.stdout.splitlines() if "新质生产力" in ln)
    assert line.split()[:3] == ["0", "0", "1"]


def _pairs(tmp_path):
    rows = []
    verbs = [("推动", "promote"), ("稳步推进", "steadily advance"), ("加快", "speed up"), ("研究", "study"),
             ("支持", "support"), ("扩大", "expand")]
    for i, (zv, ev) in enumerate(verbs * 2):
        rows.append({"zh": f"第{i}项：{zv}人民币使用。", "en": f"Item {i}: {ev} the use of RMB."})
        rows.append({"zh": f"第{i}项：{zv}横琴合作区。", "en": f"Item {i}: {ev} the Hengqin cooperation zone."})
        rows.append({"zh": f"第{i}项：{zv}数字经济。", "en": f"Item {i}: {ev} the digital economy."})
        rows.append({"zh": f"第{i}项：{zv}合作区建设。", "en": f"Item {i}: {ev} building the cooperation zone."})
    p = tmp_path / "pairs.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return p


def test_suggest_proposes_the_rendering_not_the_first_ngrams(tmp_path):
    p = _pairs(tmp_path)
    g = tmp_path / "g.yaml"
    g.write_text(HEAD + "  - zh: 人民币\n    en: renminbi\n", encoding="utf-8")
    r = run_cli("glossary", "suggest", str(p), "--glossary", str(g), "--format", "json", "--unknown", "0",
                "--no-dictionary")
    assert r.returncode == 0, r.stderr
    [prop] = json.loads(r.stdout)
    assert prop["zh"] == "人民币" and prop["proposed"] == "RMB"
    assert prop["together"] == 12 and prop["examples"]
    r = run_cli("glossary", "suggest", str(p), "--glossary", str(g), "--format", "json", "--term", "横琴")
    assert json.loads(r.stdout)[0]["proposed"] == "Hengqin"


def test_suggest_skips_malformed_lines_naming_them(tmp_path):
    p = _pairs(tmp_path)
    p.write_text(p.read_text(encoding="utf-8") + "not json\n", encoding="utf-8")
    r = run_cli("glossary", "suggest", str(p), "--term", "横琴", "--format", "json", "--no-dictionary")
    assert r.returncode == 0 and f"{p}:49: malformed JSON; skipped" in r.stderr
    assert json.loads(r.stdout)[0]["proposed"] == "Hengqin"


def test_suggest_on_a_missing_file_is_one_line(tmp_path):
    r = run_cli("glossary", "suggest", str(tmp_path / "nope.jsonl"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.strip() == f"toolkit: error: {tmp_path / 'nope.jsonl'}: cannot read: No such file or directory"


def test_suggest_finds_frequent_terms_no_entry_has(tmp_path):
    ctx = [("清理", "Clean"), ("检修", "Repair"), ("更换", "Replace"), ("安装", "Install"), ("检查", "Check")]
    rows = []
    for i, (zv, ev) in enumerate(ctx):
        rows.append({"zh": f"{zv}小区的检查井盖。", "en": f"{ev} the inspection well covers of the estate."})
        rows.append({"zh": f"第{i}天{zv}道路检查井。", "en": f"On day {i}, {ev.lower()} the road inspection well."})
        rows.append({"zh": f"第{i}天{zv}路灯。", "en": f"On day {i}, {ev.lower()} the street lights."})
    p = tmp_path / "pairs.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    g = tmp_path / "g.yaml"
    g.write_text(HEAD + "  - zh: 人民币\n    en: renminbi\n", encoding="utf-8")
    r = run_cli("glossary", "suggest", str(p), "--glossary", str(g), "--format", "json", "--unknown", "5",
                "--min-count", "3", "--no-dictionary")
    assert r.returncode == 0, r.stderr
    found = {x["zh"]: x for x in json.loads(r.stdout)}
    assert found["检查井"]["proposed"] == "inspection well" and found["检查井"]["target"] == "unknown"
    assert "的检" not in found and "天" not in "".join(found)  # no function-character edges, no one-offs
