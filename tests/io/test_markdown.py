"""Markdown input (toolkit/io/markdown.py): a scraper's Markdown becomes blocks with kinds, markup
leaves no text and no edit, and what is no text (images, rules, raw HTML) leaves with a record."""

from __future__ import annotations

import json

from tests.conftest import run_cli
from toolkit import Document, Pipeline
from toolkit.io.markdown import parse_markdown
from toolkit.io.readers import read_documents

PAGE = """# Shanghai expands trade-in subsidies

![](https://img.example.com/2024/01/photo1.jpg)

Shanghai will expand its **trade-in** subsidies from next month,
the [commerce commission](https://sww.sh.gov.cn) said on Monday.

## Who can apply

- Residents with a household registration
- Holders of a residence permit

> The scheme runs until the end of the year.

| Item | Subsidy |
|---|---|
| Refrigerator | 2,000 yuan |

---

<div class="ad">Ad</div>

[Read more](https://example.com/more) | [Share](https://example.com/share)
"""


def test_blocks_kinds_and_lines():
    page = parse_markdown(PAGE)
    got = [(b.text, b.kind, b.line) for b in page.blocks]
    assert got[:6] == [
        ("Shanghai expands trade-in subsidies", "heading", 1),
        ("Shanghai will expand its trade-in subsidies from next month, the commerce commission said on Monday.",
         "paragraph", 5),
        ("Who can apply", "heading", 8),
        ("Residents with a household registration", "list_item", 10),
        ("Holders of a residence permit", "list_item", 11),
        ("The scheme runs until the end of the year.", "quote", 13),
    ]
    assert ("2,000 yuan", "paragraph", 17) in got
    # a raw HTML block is read as a page's HTML: its ad box goes by the HTML rule that names it
    assert [(r.rule, r.line) for r in page.removed] == [("markdown/image", 3), ("markdown/rule", 19), ("html/ad/advert", 21)]
    assert page.removed[0].text == "![](https://img.example.com/2024/01/photo1.jpg)"


def test_links_are_text_with_their_density():
    page = parse_markdown("[Read more](https://example.com/more) | [Share](https://example.com/share)\n\nSee [the plan](x) now.")
    assert [b.text for b in page.blocks] == ["Read more | Share", "See the plan now."]
    assert page.blocks[0].link_density > 0.8 and 0.4 < page.blocks[1].link_density < 0.6


def test_chinese_soft_breaks_join_without_a_space():
    page = parse_markdown("上海将扩大家电\n以旧换新补贴。\n\nThe plan\ngoes on.")
    assert [b.text for b in page.blocks] == ["上海将扩大家电以旧换新补贴。", "The plan goes on."]


def test_inline_html_breaks_and_images():
    """An inline <br> is a line break, not glue ("due<br>in" was "duein"); an inline <img> and an
    HTML comment leave with a record, and one space stays where the image was."""
    page = parse_markdown('Rain is due<br>in Beijing <img src="a.jpg" alt="x"> on <b>Monday</b>.<!-- ad -->'
                          "\n\n北京<br/>下雨了。")
    assert [b.text for b in page.blocks] == ["Rain is due in Beijing on Monday.", "北京下雨了。"]
    assert [(r.text, r.reason, r.rule, r.line) for r in page.removed] == [
        ('<img src="a.jpg" alt="x">', "image", "markdown/image", 1), ("<!-- ad -->", "boilerplate", "markdown/html", 1)]


def test_a_br_before_a_line_break_is_one_break():
    """A <br> at a line's end and the line break after it are one break (no stray space in Chinese,
    no double space in English); </br> and <br class=...> break lines too."""
    got = [parse_markdown(src).blocks[0].text for src in (
        "预警<br>\n预计明天有雨。", "Rain is due<br>\nin Beijing.", "Rain is due</br>in Beijing.",
        'Rain is due<br class="x">in Beijing.', "Rain<br><br>in Beijing.")]
    assert got == ["预警预计明天有雨。", "Rain is due in Beijing.", "Rain is due in Beijing.", "Rain is due in Beijing.",
                   "Rain in Beijing."]


def test_markdown_file_end_to_end(tmp_path):
    src = tmp_path / "page.md"
    src.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run_cli("clean", str(src), "-o", str(out), "-q")
    assert r.returncode == 0, r.stderr
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert rec["title"] == "Shanghai expands trade-in subsidies"
    assert "#" not in rec["text"] and "](" not in rec["text"] and "**" not in rec["text"]
    assert rec["edits"] == [] and rec["flags"] == []
    assert {r["rule"] for r in rec["removed"]} >= {"markdown/image", "heuristic/link-density"}


def test_markdown_from_json_lines_and_process(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "markdown": "# Title here\n\nSome **bold** text about the economy."}) + "\n",
                   encoding="utf-8")
    docs = [d for d in read_documents([src]) if isinstance(d, Document)]
    assert [d.markup for d in docs] == ["markdown"]
    pipe = Pipeline.default()
    recs = pipe.process({"id": "a", "markdown": "# Title here\n\nSome **bold** text about the economy."})
    assert recs[0]["title"] == "Title here" and recs[0]["text"] == "Some bold text about the economy."


def test_plain_text_is_not_read_as_markdown(tmp_path):
    src = tmp_path / "page.txt"
    src.write_text("# 1 in the charts\n\nThe song stayed at **number one** for a week.\n", encoding="utf-8")
    docs = [d for d in read_documents([src]) if isinstance(d, Document)]
    assert [d.markup for d in docs] == ["text"]
    recs = Pipeline.default().run(docs[0]).to_records()
    assert "**number one**" in recs[0]["text"]


JINA = """Title: Shanghai expands trade-in subsidies

URL Source: https://www.example.com/news/shanghai.html

Published Time: 2024-01-05T09:32:00+08:00

Markdown Content:
Shanghai will expand its [trade-in](https://x.cn) subsidies from next month.

![](https://img.example.com/1.jpg)
"""


def test_jina_reader_header_is_title_and_metadata(tmp_path):
    for name in ("page.md", "page.txt"):  # saved as Markdown or as text, the header says what follows
        src = tmp_path / name
        src.write_text(JINA, encoding="utf-8")
        docs = [d for d in read_documents([src]) if isinstance(d, Document)]
        rec = Pipeline.default().run(docs[0]).to_records()[0]
        assert rec["title"] == "Shanghai expands trade-in subsidies"
        assert rec["text"] == "Shanghai will expand its trade-in subsidies from next month."
        assert rec["metadata"]["url"] == "https://www.example.com/news/shanghai.html"
        assert rec["metadata"]["date"] == "2024-01-05T09:32:00+08:00"
        assert [(r["rule"], r["line"]) for r in rec["removed"]] == [
            ("markdown/reader-header", 3), ("markdown/reader-header", 5), ("markdown/reader-header", 7),
            ("markdown/image", 10)]


def test_a_title_line_without_the_reader_header_is_plain_text(tmp_path):
    src = tmp_path / "page.txt"
    src.write_text("Title: Notes on **style**\n\nURL Source: is a field name in our crawler.\n", encoding="utf-8")
    docs = [d for d in read_documents([src]) if isinstance(d, Document)]
    rec = Pipeline.default().run(docs[0]).to_records()[0]
    assert "URL Source: is a field name in our crawler." in rec["text"]
    assert all(not r["rule"].startswith("markdown/") for r in rec["removed"])


def test_footnote_definitions_are_text_not_lost():
    # CommonMark reads "[^1]: text" as a link reference definition, which leaves nothing: 29 notes of
    # an interleaved programming book were lost without a record (session 13)
    page = parse_markdown("Lox has closures.[^1]\n\n[^1]: Closures came from Scheme.\n[^2]: A second note.\n\n"
                          "```\n[^1]: inside code\n```\n")
    texts = [b.text for b in page.blocks]
    assert texts == ["Lox has closures.[1]", "[1] Closures came from Scheme.", "[2] A second note.", "[^1]: inside code"]


def test_a_type_in_angle_brackets_is_text():
    # "Stack<Object>" is a type in prose; CommonMark takes "<Object>" for an HTML tag (session 13)
    page = parse_markdown("A Stack<Object> holds anything; a method (<E extends Delayed>) takes a type, <b>bold</b>.")
    assert page.blocks[0].text == "A Stack<Object> holds anything; a method (<E extends Delayed>) takes a type, bold."


def test_raw_html_block_text_is_kept():
    # a README's centred tagline, heading and results table were removed whole with their HTML block (session 13)
    md = ('<p align="center"><a href="https://x.cn"><img src="logo.png"></a></p>\n'
          '<p align="center"><strong>A set of tools that keep Java sweet.</strong></p>\n\n'
          '<table><tr><th>Model</th><th>Size</th></tr><tr><td>Yi</td><td>64,000</td></tr></table>\n\n'
          '<p align="center"><img src="https://img.shields.io/badge/a-b-c.svg"></p>\n')
    page = parse_markdown(md)
    assert [(b.text, b.line) for b in page.blocks] == [("A set of tools that keep Java sweet.", 2), ("Model", 4), ("Size", 4),
                                                       ("Yi", 4), ("64,000", 4)]
    assert [(r.rule, r.line) for r in page.removed] == [("markdown/image", 1), ("markdown/html", 6)]


def test_mixed_case_html_with_a_closing_tag_or_attributes_is_markup():
    # session 13 review: "<Strong>chunyun</Strong>" and '<Span style="…">' came out as text
    page = parse_markdown('Travel peaks at <Strong>chunyun</Strong>, <Span style="color:#333">the spring rush</Span>.')
    assert page.blocks[0].text == "Travel peaks at chunyun, the spring rush."


def test_footnote_syntax_in_code_or_without_a_definition_is_left_alone():
    # session 13 review: "`[^0-9]`" (a regex class) became "\[0-9\]"
    page = parse_markdown("Match digits with `[^0-9]` or [^a-z] here.\n\n    grep '[^0-9]' file.txt\n")
    assert [b.text for b in page.blocks] == ["Match digits with [^0-9] or [^a-z] here.", "grep '[^0-9]' file.txt"]


def test_a_quotation_wrapped_inside_a_chinese_paragraph_stays_one_paragraph():
    # session 13 review: a line of the other language inside a wrapped sentence split it in three
    zh = ("2005年8月15日，习近平在安吉县余村考察时，首次提出了\n\"Lucid waters and lush mountains are invaluable assets\"\n"
          "这一科学论断，这一理念后来被写入党的十九大报告。\n")
    en = ("The idea that lucid waters and lush mountains are invaluable assets, known in Chinese as\n绿水青山就是金山银山，\n"
          "was first put forward by Xi Jinping in Anji county in 2005 and has since become a guiding principle.\n")
    assert len(parse_markdown(zh).blocks) == 1 and len(parse_markdown(en).blocks) == 1


def test_raw_html_summary_is_its_own_line():
    # session 13 review: "<details><summary>Show original Chinese text</summary>中国…" ran the label into the text
    page = parse_markdown("<details><summary>Show original Chinese text</summary>中国2023年出口新能源汽车120万辆。</details>\n")
    assert [b.text for b in page.blocks] == ["Show original Chinese text", "中国2023年出口新能源汽车120万辆。"]
