"""Domain conditions from the command line: ``toolkit clean --domain NAME`` (the ``terms``
stage option ``domain``) makes a ``when: {domain: [...]}`` entry fire, and only then."""

from __future__ import annotations

import json

from tests.conftest import run_cli
from toolkit.glossary import Glossary
from toolkit.glossary.examples import run_examples

GLOSSARY = """\
pair: zh-en
entries:
  - zh: 杠杆
    en: leverage
    variants: [lever]
    when: {domain: [finance]}
    examples:
      - the bank cut its lever -> the bank cut its leverage
  - zh: 流动性
    en: liquidity
    variants: [fluidity]
    unless: {domain: [chemistry]}
    examples:
      - ample fluidity -> ample liquidity
"""
TEXT = "The bank cut its lever and kept ample fluidity.\n"


def _edits(tmp_path, *extra: str) -> list[str]:
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "in.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run_cli("clean", str(tmp_path / "in.txt"), "--glossary", str(tmp_path / "g.yaml"), "-o", str(out), *extra)
    assert r.returncode == 0, r.stderr
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    return sorted(e["after"] for e in rec["edits"] if e["stage"] == "terms")


def test_clean_domain_makes_a_when_domain_entry_fire(tmp_path):
    assert _edits(tmp_path, "--domain", "finance") == ["leverage", "liquidity"]
    assert _edits(tmp_path, "--domain", "FINANCE") == ["leverage", "liquidity"]  # domains ignore case


def test_without_or_with_another_domain_it_does_not(tmp_path):
    assert _edits(tmp_path) == ["liquidity"]
    assert _edits(tmp_path, "--domain", "engineering") == ["liquidity"]
    assert _edits(tmp_path, "--domain", "chemistry") == []  # unless: the other entry stands down


def test_stage_option_default():
    from toolkit.stage import build_options
    from toolkit.stages.terms import Terms

    assert build_options(Terms, {}).domain == ""
    assert build_options(Terms, {"domain": "finance"}).domain == "finance"


def test_stats_pairs_domain(tmp_path):
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "p.tsv").write_text("银行降低了杠杆。\tThe bank cut its debt.\n", encoding="utf-8")
    args = ["glossary", "stats", str(tmp_path / "g.yaml"), "--pairs", str(tmp_path / "p.tsv"), "--format", "json"]
    miss = {r["zh"]: r["qa_missing"] for r in json.loads(run_cli(*args).stdout)["entries"]}
    assert miss["杠杆"] == 0
    miss = {r["zh"]: r["qa_missing"] for r in json.loads(run_cli(*args, "--domain", "finance").stdout)["entries"]}
    assert miss["杠杆"] == 1


def test_examples_of_a_domain_entry_run_in_its_domain(tmp_path):
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    n, failures = run_examples(Glossary.load([tmp_path / "g.yaml"], cache=False))
    assert n == 2 and not failures, [f.format() for f in failures]


def test_a_jsonl_record_carries_its_own_domain(tmp_path):
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    lines = [{"id": "a", "text": TEXT, "domain": "finance"}, {"id": "b", "text": TEXT}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run_cli("clean", str(tmp_path / "in.jsonl"), "--glossary", str(tmp_path / "g.yaml"), "-o", str(out),
                "--domain", "chemistry")
    assert r.returncode == 0, r.stderr
    recs = {json.loads(x)["id"]: json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()}
    after = {k: sorted(e["after"] for e in v["edits"] if e["stage"] == "terms") for k, v in recs.items()}
    assert after == {"a": ["leverage", "liquidity"], "b": []}  # the record's domain wins over --domain
    assert recs["a"]["metadata"]["domain"] == "finance"


def test_a_non_string_domain_is_an_error_naming_the_line(tmp_path):
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "x", "domain": ["finance"]}\n', encoding="utf-8")
    r = run_cli("clean", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "o.jsonl"))
    assert r.returncode == 1 and "in.jsonl:1" in r.stderr and "'domain' must be a string" in r.stderr
