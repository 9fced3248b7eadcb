"""Footnotes: every marker style, every notes-section heading, orphans both ways, notes."""

from __future__ import annotations

import pytest

from toolkit import Document, Pipeline

PIPE = Pipeline.default()


def clean(raw: str) -> dict:
    return PIPE.run(Document(id="f", source="f", raw=raw)).to_records()[0]


@pytest.mark.parametrize("body_marker,note_marker", [
    ("①", "①"), ("[1]", "[1]"), ("¹", "¹"), ("[1]", "1."),
])
def test_marker_styles(body_marker, note_marker):
    raw = (f"A headline on services\n\nServices grew by 5.8% this year.{body_marker} Exports rose.\n\n"
           f"Notes\n\n{note_marker} National Bureau of Statistics, 2023.")
    rec = clean(raw)
    assert [(f["marker"], f["linked"]) for f in rec["footnotes"]] == [(note_marker, True)]
    assert "National Bureau" not in rec["text"]
    if body_marker == "¹":
        assert "[1]" in rec["text"]  # superscripts become one normalized form


def test_parenthesized_markers_with_a_notes_section():
    rec = clean("A headline on services\n\nServices grew (1) this year.\n\nReferences\n\n(1) National Bureau of Statistics, 2023.")
    assert [(f["marker"], f["linked"]) for f in rec["footnotes"]] == [("(1)", True)]


def test_html_sup_markers():
    html = ("<html><body><h1>Services grow</h1><p>Services grew by 5.8%<sup>1</sup> this year.</p>"
            "<h2>Notes</h2><p>[1] National Bureau of Statistics, 2023.</p></body></html>")
    rec = PIPE.run(Document(id="h", source="h", html=html)).to_records()[0]
    assert rec["footnotes"][0]["linked"] is True and "[1]" in rec["text"]


@pytest.mark.parametrize("heading", ["【注释】", "注释", "注释：", "参考文献", "【参考文献】", "Notes", "References", "Endnotes", "Notes:"])
def test_notes_section_headings(heading):
    rec = clean(f"A headline on services\n\nServices grew ② this year.\n\n{heading}\n\n② 国家统计局，2023年。")
    assert [r["reason"] for r in rec["removed"]] == ["footnote"]
    assert rec["footnotes"][0]["lang"] == "zh" and rec["footnotes"][0]["linked"] is True


def test_unlabeled_run_of_notes_at_the_end():
    rec = clean("A headline on services\n\nServices grew ① this year, and ② exports rose.\n\n"
                "① 国家统计局，2023年。\n\n② 海关总署，2023年。")
    assert [f["marker"] for f in rec["footnotes"]] == ["①", "②"]


def test_orphans_both_ways():
    rec = clean("A headline on services\n\nServices grew ③ this year.\n\nNotes\n\n① A note nobody cites.")
    kinds = [(f["kind"], f["text"]) for f in rec["flags"]]
    assert ("orphan-footnote", "③") in kinds and ("orphan-footnote", "①") in kinds
    assert rec["footnotes"][0]["linked"] is False


def test_author_and_funding_notes():
    rec = clean("A headline on services\n\nServices grew this year.\n\n（作者为某大学教授）\n\n"
                "【注:本文系国家社科基金项目阶段性成果】\n\nThe author is a professor at a university.")
    assert [(n["kind"], n["lang"]) for n in rec["notes"]] == [("author", "zh"), ("funding", "zh"), ("author", "en")]
    assert rec["text"] == "Services grew this year."
