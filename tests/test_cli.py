"""The CLI as a user runs it: exit codes, messages, outputs."""

from __future__ import annotations

import json

import jsonschema
import pytest

from tests.conftest import ROOT, SEEDS, run_cli

SCHEMA = json.loads((ROOT / "docs" / "document.schema.json").read_text())


def test_every_seed_record_matches_the_schema(seed_records):
    assert len(seed_records) == 6
    for rec in seed_records:
        jsonschema.validate(rec, SCHEMA)


def test_signature_names_version_stages_and_glossary(seed_records):
    sig = seed_records[0]["signature"]
    assert sig.startswith("toolkit:") and "stages:ingest@" in sig and "glossary:" in sig


def test_nothing_lost_without_a_record(seed_records):
    """Every input line is in the body, title, footnotes, notes, metadata or a removed record of the
    records the CLI wrote (tests/accounting.py: edits undone, words counted, not pooled)."""
    from tests.accounting import unaccounted_lines

    by_source: dict[str, list[dict]] = {}
    for rec in seed_records:
        by_source.setdefault(rec["source"], []).append(rec)
    for source, recs in by_source.items():
        assert unaccounted_lines((ROOT / source).read_text(encoding="utf-8"), recs) == [], source


def test_refuses_to_overwrite_input(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Text.\n")
    r = run_cli("clean", str(p), "-o", str(p))
    assert r.returncode == 2 and "refusing to write output over the input" in r.stderr


def test_output_inside_an_input_folder_is_not_read(tmp_path):
    (tmp_path / "a.txt").write_text("The economy grew, and jobs rose.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run_cli("clean", str(tmp_path), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["a"]
    # once it exists it is a file the run would read: refused, never overwritten
    r = run_cli("clean", str(tmp_path), "-o", str(out))
    assert r.returncode == 2 and "refusing to write output over the input file" in r.stderr
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["a"]


def test_bad_config_names_file_and_line(tmp_path):
    cfg = tmp_path / "p.yaml"
    cfg.write_text("stages:\n  - ingest\n  - name: encoding\n    opencc_mode: t2s\n")
    r = run_cli("clean", str(SEEDS), "--config", str(cfg))
    assert r.returncode == 2
    assert f"{cfg}:4: unknown option 'opencc_mode' for stage 'encoding' (did you mean 'opencc'?)" in r.stderr
    assert "Traceback" not in r.stderr


def test_unknown_stage_in_config(tmp_path):
    cfg = tmp_path / "p.yaml"
    cfg.write_text("stages:\n  - ingest\n  - boilerplat\n")
    r = run_cli("clean", str(SEEDS), "--config", str(cfg))
    assert r.returncode == 2 and f"{cfg}:3: unknown stage 'boilerplat' (did you mean 'boilerplate'?)" in r.stderr


def test_bad_usage_exits_2():
    for argv in (["clean"], ["glossary"], [], ["clean", str(SEEDS), "--workers", "0"], ["clean", str(SEEDS), "--bitext", "p.txt"]):
        r = run_cli(*argv)
        assert r.returncode == 2 and "Traceback" not in r.stderr, argv


def test_stages_lists_every_registered_stage():
    from toolkit.pipeline import load_registry

    REGISTRY = load_registry()
    r = run_cli("stages")
    assert r.returncode == 0
    for name, cls in REGISTRY.items():
        assert f"{name} (v{cls.version}): {cls.description}" in r.stdout
    assert "rule packs loaded: web-en" in r.stdout


def test_every_registered_stage_is_in_the_default_pipeline():
    from toolkit import Pipeline
    from toolkit.pipeline import load_registry

    REGISTRY = load_registry(plugins=False)
    assert sorted(Pipeline.default().stage_names()) == sorted(REGISTRY)


def test_txt_output_is_stable_when_cleaned_again(tmp_path):
    out1 = tmp_path / "txt1"
    assert run_cli("clean", str(SEEDS), "-o", str(out1), "--format", "txt").returncode == 0
    out2 = tmp_path / "o2.jsonl"
    r = run_cli("clean", str(out1), "-o", str(out2))
    assert r.returncode == 0, r.stderr
    for rec in map(json.loads, out2.read_text().splitlines()):
        assert [e for e in rec["edits"] if e["stage"] not in ("footnotes",)] == [], rec["id"]
        assert [x for x in rec["removed"] if x["reason"] != "footnote"] == [], rec["id"]


@pytest.mark.parametrize("fmt", ["jsonl", "tsv", "tmx"])
def test_bitext_writers(tmp_path, fmt):
    doc = tmp_path / "mixed.txt"
    doc.write_text("国家统计局发布数据。\n\nThe National Bureau of Statistics released data.\n\n"
                   "经济运行总体平稳。\n\nThe economy ran steadily on the whole.\n", encoding="utf-8")
    pairs = tmp_path / f"pairs.{fmt}"
    r = run_cli("clean", str(doc), "-o", str(tmp_path / "o.jsonl"), "--bitext", str(pairs))
    assert r.returncode == 0, r.stderr
    text = pairs.read_text(encoding="utf-8")
    assert "国家统计局发布数据" in text and "National Bureau of Statistics" in text
    if fmt == "tmx":
        from translate.storage.tmx import tmxfile

        store = tmxfile.parsefile(str(pairs))
        assert len([u for u in store.units if u.source]) == 2


def test_workers_keep_order(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert run_cli("clean", str(SEEDS), "-o", str(a)).returncode == 0
    assert run_cli("clean", str(SEEDS), "-o", str(b), "--workers", "2").returncode == 0
    assert [json.loads(x)["id"] for x in a.read_text().splitlines()] == [json.loads(x)["id"] for x in b.read_text().splitlines()]


def test_dask_engine_keeps_order(tmp_path):
    pytest.importorskip("distributed")
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert run_cli("clean", str(SEEDS), "-o", str(a)).returncode == 0
    r = run_cli("clean", str(SEEDS), "-o", str(b), "--engine", "dask", "--workers", "2")
    assert r.returncode == 0, r.stderr[-2000:]
    strip = [{k: v for k, v in json.loads(x).items()} for x in a.read_text().splitlines()]
    assert strip == [json.loads(x) for x in b.read_text().splitlines()]


def test_keep_boilerplate_marks_instead(tmp_path):
    out = tmp_path / "o.jsonl"
    assert run_cli("clean", str(SEEDS / "002_cbb36238a0c1cc93.txt"), "-o", str(out), "--keep-boilerplate").returncode == 0
    rec = json.loads(out.read_text())
    assert any(p["kind"] == "boilerplate" and p["text"] == "Cart" for p in rec["paragraphs"])
    assert "Cart" not in rec["text"].split("\n\n")


def test_glossary_lint_clean_repo():
    r = run_cli("glossary", "lint")
    assert r.returncode == 0, r.stdout


def test_seed_expectations_all_hold(tmp_path):
    r = run_cli("clean", str(SEEDS), "-o", str(tmp_path / "o.jsonl"))
    assert r.returncode == 0
    import subprocess
    import sys

    p = subprocess.run([sys.executable, str(ROOT / "tests" / "expect_eval.py"), str(ROOT / "tests/cases/seed-expectations.yaml"),
                        str(SEEDS), "--toolkit", f"{sys.executable} -m toolkit"], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stdout


def test_a_document_that_keeps_no_text_is_named(tmp_path):
    """No silent loss: a page whose every line was removed is named on standard error (its lines
    are in its record's `removed`); documents that keep text are not."""
    page = tmp_path / "menu.html"
    page.write_text('<html><body><div class="nav"><a href="/">Home</a> <a href="/x">News</a></div></body></html>',
                    encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("The economy grew by 5% this year, the bureau said on Monday.", encoding="utf-8")
    r = run_cli("clean", str(page), str(story), "-o", str(tmp_path / "out.jsonl"))
    assert r.returncode == 0, r.stderr
    assert "warning: 1 document kept no text" in r.stderr and "menu.html" in r.stderr
    assert "story.txt" not in r.stderr
