"""Aligner: each bead type, empty and one-sided inputs, very unequal lengths, QA flags, CLI."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from toolkit.alignment.aligner import align
from toolkit.alignment.score import parse_beads, score

ZH = ["今天天气很好。", "我们去公园散步。", "公园里有很多人。", "孩子们在草地上踢足球。", "我们一直待到晚上。"]
EN = ["The weather is nice today.", "We go for a walk in the park.", "There are many people in the park.",
      "The children play football on the grass.", "We stayed until the evening."]


def beads(zh, en, **kw):
    return [p.beads for p in align(zh, en, **kw)]


def test_one_to_one():
    assert beads(ZH, EN) == ["1-1"] * 5


def test_one_to_two():
    en = EN[:1] + ["We go for a walk.", "It is in the park."] + EN[2:]
    out = align(ZH, en)
    assert [p.beads for p in out] == ["1-1", "1-2", "1-1", "1-1", "1-1"]
    assert out[1].en_ids == [1, 2]


def test_two_to_one():
    en = EN[:1] + ["We go for a walk in the park, and there are many people in the park."] + EN[3:]
    assert beads(ZH, en) == ["1-1", "2-1", "1-1", "1-1"]


def test_two_to_two():
    zh = ["我们去公园，", "公园里有很多人和很多孩子在草地上踢足球。"]
    en = ["We went to the park where there were many people", "and many children played football on the grass."]
    assert beads(zh, en, band=None) in (["2-2"], ["1-1", "1-1"])


def test_one_to_three_and_three_to_one():
    en = ["We go for a walk.", "It is in the park.", "The park is near."]
    assert beads(["我们去公园散步，公园就在附近。"], en) == ["1-3"]
    assert beads(["我们去。", "公园散步。", "公园就在附近。"], ["We go for a walk in the park, which is near."]) == ["3-1"]


def test_deletion_and_insertion():
    extra_zh = "天文学家用望远镜观测到火星探测器发回的图像，并召开了新闻发布会。"
    extra_en = "Astronomers held a press conference about images returned by the Mars probe telescope."
    assert beads(ZH[:2] + [extra_zh] + ZH[2:], EN) == ["1-1", "1-1", "1-0", "1-1", "1-1", "1-1"]
    assert beads(ZH, EN[:2] + [extra_en] + EN[2:]) == ["1-1", "1-1", "0-1", "1-1", "1-1", "1-1"]


def test_empty_and_one_sided_inputs():
    assert align([], []) == []
    assert [p.beads for p in align(ZH[:2], [])] == ["1-0", "1-0"]
    assert [p.beads for p in align([], EN[:2])] == ["0-1", "0-1"]


def test_very_unequal_lengths():
    out = align(ZH[:1], EN * 4)
    assert sum(len(p.en_ids) for p in out) == 20 and sum(len(p.zh_ids) for p in out) == 1


def test_banded_search_matches_full_search_on_a_long_pair():
    zh = ZH * 40
    en = EN * 40
    full = [p.beads for p in align(zh, en, band=None)]
    banded = [p.beads for p in align(zh, en, band=0)]
    assert full == banded == ["1-1"] * 200


def test_term_missing_and_number_mismatch():
    from toolkit.glossary import Glossary

    g = Glossary.load(["glossaries"])
    out = align(["各地加快培育新质生产力。", "民间投资同比增长9.1%。"],
                ["Local governments accelerate new quality productivity.", "Private investment grew 91% year-on-year."], glossary=g)
    assert out[0].flags[0]["kind"] == "term-missing" and out[0].flags[0]["candidates"] == ["new quality productivity"]
    assert out[1].flags == [{"kind": "number-mismatch", "zh": "9.1%", "message": "9.1% in the Chinese has no match in the English"}]


def test_scorer_strict_and_lax():
    gold = parse_beads(["[0]:[0]", "[1]:[1,2]", "[2]:[]"])
    test = parse_beads(["[0]:[0]", "[1]:[1]", "[]:[2]", "[2]:[]"])
    s = score([(test, gold)])
    assert s["strict_p"] == pytest.approx(2 / 4) and s["lax_p"] == pytest.approx(3 / 4)


@pytest.mark.parametrize("fmt", ["jsonl", "tsv", "tmx"])
def test_align_cli(tmp_path, fmt):
    z, e = tmp_path / "a.zh", tmp_path / "a.en"
    z.write_text("\n".join(ZH), encoding="utf-8")
    e.write_text("\n".join(EN), encoding="utf-8")
    out = tmp_path / f"p.{fmt}"
    r = run_cli("align", str(z), str(e), "-o", str(out), "--presplit")
    assert r.returncode == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert "公园里有很多人" in text and "many people in the park" in text
    if fmt == "jsonl":
        assert json.loads(text.splitlines()[0])["origin"] == "parallel"
    if fmt == "tmx":
        from translate.storage.tmx import tmxfile

        assert len(tmxfile.parsefile(str(out)).units) == 5


def test_align_cli_beads(tmp_path):
    z, e = tmp_path / "a.zh", tmp_path / "a.en"
    z.write_text("\n".join(ZH), encoding="utf-8")
    e.write_text(" ".join(EN), encoding="utf-8")
    r = run_cli("align", str(z), str(e), "--format", "beads")
    assert r.returncode == 0 and r.stdout.splitlines()[0] == "[0]:[0]"
