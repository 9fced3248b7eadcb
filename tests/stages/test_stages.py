"""Unit tests per stage, run through a pipeline that holds only the stages under test."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT, run_cli
from toolkit import Document, Pipeline
from toolkit.pipeline import StageSpec


def pipe(*names: str, **options: dict) -> Pipeline:
    return Pipeline.from_specs([StageSpec(n, options.get(n.replace("-", "_"), {})) for n in names], [ROOT / "glossaries"])


def run(p: Pipeline, raw: str = "", html: str | None = None) -> Document:
    return p.run(Document(id="t", source="t", raw=raw, html=html))


# ingest ---------------------------------------------------------------------------------
def test_ingest_lines_keep_their_numbers():
    d = run(pipe("ingest"), "First\r\n\r\n  Second\rThird")
    assert [(b.text, b.line) for b in d.blocks] == [("First", 1), ("Second", 3), ("Third", 4)]


def test_ingest_html_blocks_and_dropped_elements():
    html = ("<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav><h1>A title</h1>"
            "<p>The economy grew<sup>1</sup> fast.</p><ul><li>One item</li></ul><figure><figcaption>A photo caption"
            "</figcaption></figure><script>var x=1;</script><footer>Copyright 2024</footer></body></html>")
    d = run(pipe("ingest"), html=html)
    body = [(b.kind, b.text) for b in d.blocks if b.role == "body"]
    assert body == [("heading", "A title"), ("paragraph", "The economy grew[1] fast."), ("list_item", "One item")]
    assert {(r.reason, r.rule) for r in d.removed} == {("boilerplate", "html/nav"), ("boilerplate", "html/script"),
                                                      ("boilerplate", "html/footer"), ("caption", "html/figcaption")}


def test_link_dense_html_block_is_boilerplate():
    html = ("<html><body><h1>Trade grows</h1><p>Exports rose by 5% in May, officials said on Monday.</p>"
            "<div><a href='/a'>China exports rise in May</a> <a href='/b'>Shanghai port expands</a> "
            "<a href='/c'>Yuan steady against the dollar</a></div>"
            "</body></html>")
    d = run(pipe("ingest", "boilerplate"), html=html)
    assert [r.rule for r in d.removed] == ["heuristic/link-density"]


# normalize-whitespace, encoding -------------------------------------------------------------
def test_whitespace_edits_are_recorded():
    d = run(pipe("ingest", "normalize-whitespace"), "A\u00a0 b\u200bc")
    assert d.blocks[0].text == "A bc"
    assert [e.rule for e in d.blocks[0].edits] == ["normalize-whitespace/collapse", "normalize-whitespace/invisible"]


@pytest.mark.parametrize("target,expected", [("t2s", "国家统计局"), ("off", "國家統計局"), ("s2t", "國家統計局")])
def test_opencc_target_is_configurable(target, expected):
    d = run(pipe("ingest", "encoding", encoding={"opencc": target}), "國家統計局")
    assert d.blocks[0].text == expected


def test_opencc_bad_target_is_a_config_error():
    from toolkit.errors import ConfigError

    with pytest.raises(ConfigError, match="opencc must be one of"):
        pipe("encoding", encoding={"opencc": "t2x"})


# structure ---------------------------------------------------------------------------------
def test_structure_bullets_numbers_headings_and_wrapped_lines():
    raw = ("A title line\n\n——First bullet item here\n\n• Second bullet item\n\n1. A numbered heading\n\n"
           "2. A numbered list item that is a full sentence and ends with a period.\n\nThis paragraph was hard wrapped by the site at a fixed\nwidth, as old pages are.\n\nHome\nNews")
    d = run(pipe("ingest", "structure"), raw)
    got = [(b.kind, b.text) for b in d.blocks]
    assert got == [
        ("heading", "A title line"),
        ("list_item", "First bullet item here"),
        ("list_item", "Second bullet item"),
        ("list_item", "1. A numbered heading"),  # its sibling "2." follows: one list (a heading has text under it)
        ("list_item", "2. A numbered list item that is a full sentence and ends with a period."),
        ("paragraph", "This paragraph was hard wrapped by the site at a fixed width, as old pages are."),
        # short lines in a row are separate items, not a wrapped paragraph; lines of one shape that end
        # the document sign it off (a menu, a signature): no headings
        ("paragraph", "Home"),
        ("paragraph", "News"),
    ]


# boilerplate: user packs -------------------------------------------------------------------
def test_user_rule_pack_via_config(tmp_path):
    pack = tmp_path / "site.yaml"
    pack.write_text("pack: site\nrules:\n  - id: lucky-draw\n    category: boilerplate\n    match: line\n"
                    "    pattern: 'lucky draw\\s*[:：]\\s*[\\d-]+'\n    comment: Site footer.\n", encoding="utf-8")
    d = run(pipe("ingest", "boilerplate", boilerplate={"packs": [str(pack)]}), "Trade rose.\n\nLucky draw: 400-123-4567")
    assert [(r.rule, r.text) for r in d.removed] == [("site/lucky-draw", "Lucky draw: 400-123-4567")]


def test_bad_user_pack_names_file_and_line(tmp_path):
    from toolkit.errors import ConfigError

    pack = tmp_path / "bad.yaml"
    pack.write_text("pack: site\nrules:\n  - id: x\n    category: junk\n    lines: [a]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        pipe("boilerplate", boilerplate={"packs": [str(pack)]})
    assert e.value.path == str(pack) and e.value.line == 3 and "category 'junk'" in str(e.value)


def test_cli_shows_loaded_user_packs(tmp_path):
    pack = tmp_path / "site.yaml"
    pack.write_text("pack: my-site\nrules:\n  - id: x\n    lines: [Hotline]\n", encoding="utf-8")
    cfg = tmp_path / "p.yaml"
    cfg.write_text(f"stages:\n  - ingest\n  - name: boilerplate\n    packs: [{pack}]\n", encoding="utf-8")
    d = tmp_path / "d.txt"
    d.write_text("Trade rose.\n\nHotline\n", encoding="utf-8")
    r = run_cli("clean", str(d), "--config", str(cfg))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["removed"][0]["rule"] == "my-site/x"
    r = run_cli("stages", "--config", str(cfg))
    assert r.returncode == 0 and "rule packs loaded: web-en (" in r.stdout and "my-site (1 rules)" in r.stdout
    assert "terms (v1): " in r.stdout and f"(not in the pipeline of {cfg})" in r.stdout


# metadata ----------------------------------------------------------------------------------
def test_two_articles_in_one_file():
    raw = ("First article title here\n\nThe first article has a body paragraph of some length.\n\n"
           "Second article title here\n\nAbstract: The second article is about the digital economy.\n\n"
           "Keywords: digital economy, services\n\nIts body starts here.")
    recs = run(pipe("ingest", "structure", "metadata"), raw).to_records()
    assert [r["id"] for r in recs] == ["t#1", "t#2"]
    assert [r["title"] for r in recs] == ["First article title here", "Second article title here"]
    assert recs[1]["metadata"]["keywords"] == ["digital economy", "services"]


def test_truncated_title_flagged():
    d = run(pipe("ingest", "structure", "metadata"), "Guangdong's annual import and expor\n\nThe body.")
    [rec] = d.to_records()
    assert rec["flags"][0]["kind"] == "truncated-title" and rec["flags"][0]["field"] == "title"


def test_wire_and_chinese_datelines():
    recs = run(pipe("ingest", "structure", "metadata"), "Beijing, Feb. 19 (Xinhua) -- China's exports rose in January.").to_records()
    assert recs[0]["metadata"] == {"source_name": "Xinhua", "date": "Feb. 19"}
    assert recs[0]["text"] == "China's exports rose in January."
    recs = run(pipe("ingest", "structure", "metadata"), "新华社北京2月19日电 今年1月我国出口增长。").to_records()
    assert recs[0]["metadata"]["source_name"] == "新华社" and recs[0]["text"] == "今年1月我国出口增长。"


# footnotes ----------------------------------------------------------------------------------
def test_mixed_footnote_becomes_a_pair():
    raw = ("A title line\n\nThe report ① says growth was strong.\n\n注释\n\n"
           "①《数字中国发展报告（2022年）》[Digital China Development Report (2022)]，国家互联网信息办公室。")
    d = run(pipe("ingest", "structure", "metadata", "footnotes"), raw)
    [rec] = d.to_records()
    assert rec["footnotes"][0]["parts"] == {"zh": "《数字中国发展报告（2022年）》", "en": "Digital China Development Report (2022)"}
    assert rec["footnotes"][0]["linked"] is True
    assert [(p.origin, p.en) for p in d.pairs] == [("footnote", "Digital China Development Report (2022)")]


@pytest.mark.parametrize("order", ["zh-first", "en-first"])
def test_interleaved_page_both_orders(order):
    zh = ["国家统计局发布数据。", "经济运行总体平稳。", "就业形势保持稳定。"]
    en = ["The National Bureau of Statistics released data.", "The economy ran steadily on the whole.",
          "Employment remained stable."]
    paras = [x for pair in zip(zh, en) for x in (pair if order == "zh-first" else pair[::-1])]
    d = run(Pipeline.default(), "\n\n".join(paras))
    assert [(p.zh, p.en, p.origin) for p in d.pairs] == [(z, e, "interleaved") for z, e in zip(zh, en)]


# terms / punctuation / numbers / qa / segment: see tests/cases/*.yaml and the doctests --------
def test_segment_sets_sentences_and_language():
    d = run(pipe("ingest", "segment"), "The economy grew. Jobs rose.\n\n经济增长。就业增加。")
    assert [(b.lang, b.sentences) for b in d.blocks] == [("en", ["The economy grew.", "Jobs rose."]),
                                                         ("zh", ["经济增长。", "就业增加。"])]


# glossary suggest (renderings from aligned pairs): tests/glossary/test_tools.py


def test_shipped_glossaries_match_the_schema():
    import jsonschema
    import yaml

    schema = json.loads((ROOT / "docs" / "glossary.schema.json").read_text())
    for f in sorted((ROOT / "glossaries").rglob("*.yaml")):
        jsonschema.validate(yaml.safe_load(f.read_text(encoding="utf-8")), schema)


def test_chinese_half_then_english_half():
    zh = ["国家统计局发布数据。", "经济运行总体平稳。", "就业形势保持稳定。"]
    en = ["The National Bureau of Statistics released data.", "The economy ran steadily on the whole.",
          "Employment remained stable."]
    d = run(Pipeline.default(), "\n\n".join(zh + en))
    assert [(p.zh, p.en, p.origin) for p in d.pairs] == [(z, e, "interleaved") for z, e in zip(zh, en)]


def test_bilingual_heading_is_a_pair():
    d = run(Pipeline.default(), "国务院部署稳外贸措施 State Council rolls out measures to stabilize foreign trade\n\n"
                                "The meeting was held on Friday in Beijing.")
    assert [(p.zh, p.en) for p in d.pairs] == [("国务院部署稳外贸措施", "State Council rolls out measures to stabilize foreign trade")]


def test_glued_news_stories_split_at_a_headline_with_a_date_line():
    raw = ("Guangdong exports rise in May\n\n2024-06-10 09:00\n\nGuangdong's exports rose by 5% in May.\n\n"
           "Officials expect more growth.\n\nShenzhen port sets a record\n\n2024-06-11 10:00\n\n"
           "Shenzhen port handled 3 million containers in May.")
    recs = run(Pipeline.default(), raw).to_records()
    assert [(r["id"], r["title"], r["metadata"]["date"]) for r in recs] == [
        ("t#1", "Guangdong exports rise in May", "2024-06-10"), ("t#2", "Shenzhen port sets a record", "2024-06-11")]


def test_subheading_followed_by_text_does_not_split():
    raw = ("Guangdong exports rise in May\n\nGuangdong's exports rose by 5% in May.\n\nPorts are busy\n\n"
           "Shenzhen port handled 3 million containers in May.")
    assert len(run(Pipeline.default(), raw).to_records()) == 1
