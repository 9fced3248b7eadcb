"""The report's HTML, parsed with lxml: hostile text stays text, the data round-trips, the summary counts."""

from __future__ import annotations

import base64
import json
import re
import zlib
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from tests.conftest import run_cli
from tests.report.conftest import BREAK_ATTR, BREAK_SCRIPT, BREAK_TEXT, HOSTILE_ID, hostile_record
from toolkit.report import ReportOptions, assets, write_report
from toolkit.report import html as rhtml

#: Elements a hostile document would create if any of its text reached the page as markup.
FOREIGN = ("img", "iframe", "textarea", "object", "embed", "link", "base", "meta[@http-equiv]")


def parse(path: Path) -> Any:
    return lxml.html.document_fromstring(path.read_bytes())


def data_scripts(tree: Any) -> dict[str, Any]:
    """The embedded data by element id, plain or compressed."""
    out = {s.get("id"): json.loads(s.text) for s in tree.xpath("//script[@type='application/json']")}
    for s in tree.xpath("//script[@type='application/octet-stream']"):
        assert s.get("data-encoding") == "deflate-base64"
        out[s.get("id")] = json.loads(zlib.decompress(base64.b64decode(s.text)))
    return out


def assert_inert(path: Path, documents: int, chunk: int = 100) -> None:
    """The page holds only the report's own scripts and elements, whatever the records said."""
    text = path.read_text(encoding="utf-8")
    tree = parse(path)
    scripts = tree.xpath("//script")
    code = [s for s in scripts if s.get("type") is None]
    data = [s for s in scripts if s.get("type") in ("application/json", "application/octet-stream")]
    assert len(code) == 1 and code[0].text == assets.JS, "a <script> that is not the report's own"
    chunks = -(-documents // chunk)
    assert sorted(s.get("id") for s in data) == sorted(["report-index"] + [f"docs-{n}" for n in range(chunks)])
    assert len(scripts) == 1 + 1 + chunks
    for s in data:
        assert "<" not in s.text and "\u2028" not in s.text and "\u2029" not in s.text
        if s.get("type") == "application/octet-stream":
            assert re.fullmatch(r"[A-Za-z0-9+/=]*", s.text)
    assert text.count("</script>") == len(scripts)
    for name in FOREIGN:
        assert not tree.xpath(f"//{name}"), f"a <{name}> element from record text"
    assert [i.get("id") for i in tree.xpath("//input")] == ["f-q"]
    for el in tree.iter():
        if isinstance(el.tag, str):
            bad = [a for a in el.attrib if a.lower().startswith("on")]
            assert not bad, f"event-handler attribute {bad} on <{el.tag}>"
    assert "window.__pwned" not in "".join(s.text or "" for s in code)


@pytest.fixture(scope="module")
def report(corpus: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("r") / "report.html"
    result = write_report(corpus["records"], out, pairs=corpus["pairs"], options=ReportOptions(chunk=3))
    assert result.documents == 8 and not result.skipped
    return out


def records(corpus: dict[str, Path]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in corpus["records"].read_text(encoding="utf-8").split("\n") if line]


def test_hostile_text_creates_no_script_or_element(report: Path) -> None:
    assert_inert(report, documents=8, chunk=3)


def test_hostile_text_is_shown_as_text_in_the_summary(report: Path) -> None:
    tree = parse(report)
    summary = tree.get_element_by_id("summary").text_content()
    assert "evil/" + BREAK_ATTR in summary  # the removed-by-rule chart
    assert "zh-en/x.yaml:" + BREAK_SCRIPT in summary  # the glossary chart
    options = [o.text_content() for o in tree.xpath("//select[@id='f-flag']/option")]
    assert BREAK_ATTR in options
    links = [a.get("href") for a in tree.xpath("//section[@id='chart-removed_rule']//a")]
    assert any(h.startswith("#f=rule%3Aevil%2F%22%27%3E%3Cimg") for h in links)


def test_embedded_documents_round_trip(report: Path, corpus: dict[str, Path]) -> None:
    data = data_scripts(parse(report))
    docs = [d for n in range(3) for d in data[f"docs-{n}"]]
    assert [d["id"] for d in docs] == [r["id"] for r in records(corpus)]
    evil = docs[-1]
    assert evil["id"] == HOSTILE_ID
    assert evil["title_runs"] == ["Title " + BREAK_SCRIPT]
    assert evil["paragraphs"][0]["runs"][:3] == [["<b>", "d", 0, []], ["B", "i", 0, [1]], ["ody", "i", 0, []]]
    runs = evil["paragraphs"][0]["runs"]
    assert "".join(r if isinstance(r, str) else (r[0] if r[1] != "d" else "") for r in runs) == \
        hostile_record()["paragraphs"][0]["text"]
    assert evil["notes"][0]["kind"] == BREAK_ATTR and evil["notes"][0]["runs"] == [BREAK_TEXT]
    assert evil["pairs"][0][:2] == [BREAK_SCRIPT, BREAK_ATTR]
    assert evil["original"] == "reconstructed"  # its source does not exist
    assert data["report-index"]["docs"][-1][0] == HOSTILE_ID


def test_the_check_fails_when_escaping_is_broken(corpus: dict[str, Path], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The escaping test can fail: with either escaper switched off, assert_inert catches it."""
    import toolkit.report as report_pkg

    out = tmp_path / "broken.html"
    monkeypatch.setattr(report_pkg, "json_for_script", lambda data: json.dumps(data, ensure_ascii=False))
    write_report(corpus["records"], out, pairs=corpus["pairs"])
    with pytest.raises(AssertionError):
        assert_inert(out, documents=8)
    monkeypatch.undo()
    monkeypatch.setattr(rhtml, "esc", str)
    write_report(corpus["records"], out, pairs=corpus["pairs"])
    with pytest.raises(AssertionError):
        assert_inert(out, documents=8)


def test_script_never_parses_record_text_as_html() -> None:
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in assets.JS
    assert "</" not in assets.JS and "</" not in assets.CSS  # nothing that could end their elements early


def test_json_for_script_escapes_what_ends_a_script() -> None:
    s = rhtml.json_for_script({"a": "</script><!-- \u2028\u2029 & >"})
    assert "<" not in s and ">" not in s and "&" not in s and "\u2028" not in s and "\u2029" not in s
    assert json.loads(s) == {"a": "</script><!-- \u2028\u2029 & >"}


def test_summary_counts_and_links(report: Path, corpus: dict[str, Path]) -> None:
    recs = records(corpus)
    tree = parse(report)
    facts = {d.xpath("dt")[0].text_content(): d.xpath("dd")[0].text_content() for d in tree.xpath("//dl[@class='facts']/div")}
    assert facts["documents"] == str(len(recs))
    assert facts["removed lines"] == f"{sum(len(r['removed']) for r in recs):,}"
    assert facts["edits"] == f"{sum(len(r['edits']) for r in recs):,}"
    assert facts["flags"] == f"{sum(len(r['flags']) for r in recs):,}"
    rows = tree.xpath("//section[@id='chart-reason']//tbody/tr")
    got = {r.xpath("th")[0].text_content(): int(r.xpath("td")[0].text_content().replace(",", "")) for r in rows}
    want: dict[str, int] = {}
    for r in recs:
        for x in r["removed"]:
            want[x["reason"]] = want.get(x["reason"], 0) + 1
    assert got == want
    assert tree.xpath("//section[@id='chart-reason']//svg[@class='bar']")
    assert tree.xpath("//section[@id='chart-score']//svg[@class='hist']//rect")
    # every count links to its documents
    for a in tree.xpath("//section[@id='summary']//tbody//td[1]/a"):
        assert re.fullmatch(r"#f=[A-Za-z0-9%._~-]+", a.get("href"))


def test_summary_needs_no_script(report: Path) -> None:
    """Everything in the summary is in the HTML as sent; the script only adds the document view."""
    tree = parse(report)
    summary = tree.get_element_by_id("summary")
    assert summary.xpath(".//table") and summary.xpath(".//svg")
    assert tree.xpath("//noscript")
    assert tree.get_element_by_id("app").get("hidden") is not None


def test_original_from_source_and_reconstructed(report: Path, corpus: dict[str, Path]) -> None:
    data = data_scripts(parse(report))
    docs = {d["id"]: d for n in range(3) for d in data[f"docs-{n}"]}
    hostile = docs["hostile"]
    assert hostile["original"] == "source"
    # the removed 'Continue reading' line is a struck row with its record
    kinds = {row[2][0][0] for row in hostile["rows"]}
    assert "r" in kinds and "p" in kinds
    seed = docs["001_5183f84487d16091"]
    title_rows = [row for row in seed["rows"] if row[2] == [["t"]]]
    assert title_rows and title_rows[0][0] == 1  # the input's title line, shown although no field names its line


def test_without_sources_every_original_is_reconstructed(corpus: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = write_report(corpus["records"], out, options=ReportOptions(read_sources=False))
    assert result.reconstructed == result.documents == 8
    data = data_scripts(parse(out))
    assert all(d["original"] == "reconstructed" for d in data["docs-0"])


def test_moved_inputs_found_under_source_root(corpus: dict[str, Path], tmp_path: Path) -> None:
    recs = records(corpus)[:2]
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    for r in recs:
        src = Path(r["source"])
        (moved / src.name).write_bytes(src.read_bytes())
        r["source"] = "gone/" + src.name
    path = tmp_path / "out.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    assert write_report(path, tmp_path / "a.html").reconstructed == 2
    assert write_report(path, tmp_path / "b.html", options=ReportOptions(source_roots=(str(moved),))).reconstructed == 0


def test_bad_record_lines_are_reported_and_skipped(tmp_path: Path, corpus: dict[str, Path]) -> None:
    path = tmp_path / "out.jsonl"
    good = corpus["records"].read_text(encoding="utf-8").split("\n")[0]
    path.write_text(good + "\n{not json\n[1, 2]\n", encoding="utf-8")
    r = run_cli("report", str(path), "-o", str(tmp_path / "r.html"))
    assert r.returncode == 1
    assert f"{path}:2: not a JSON record" in r.stderr and f"{path}:3: not a toolkit record" in r.stderr
    assert "report of 1 documents" in r.stderr


def test_cli_usage_errors(tmp_path: Path, corpus: dict[str, Path]) -> None:
    r = run_cli("report", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "r.html"))
    assert r.returncode == 2 and "no such records file" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("report", str(corpus["records"]), "-o", str(corpus["records"]))
    assert r.returncode == 2 and "refusing to write the report over the input file" in r.stderr
    r = run_cli("clean", str(corpus["inputs"] / "hostile.txt"), "--report", str(tmp_path / "r.html"))
    assert r.returncode == 2 and "--report reads the records back: it needs -o OUT.jsonl" in r.stderr


def test_clean_report_in_the_same_run(corpus: dict[str, Path]) -> None:
    """toolkit clean --report wrote a report of the run (the fixture's run), and did not read it as input."""
    tree = parse(corpus["clean_report"])
    data = data_scripts(tree)
    assert len(data["report-index"]["docs"]) == 7
    assert_inert(corpus["clean_report"], documents=7)


def test_report_is_a_top_layer() -> None:
    """toolkit.report reads records (model, io, errors); only the CLI imports it."""
    import ast

    pkg = Path(__file__).resolve().parents[2] / "toolkit"
    allowed = {"toolkit._version", "toolkit.model", "toolkit.io", "toolkit.errors", "toolkit.report"}
    for path in pkg.rglob("*.py"):
        rel = path.relative_to(pkg.parent).with_suffix("")
        module = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        package = module if rel.name == "__init__" else module.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")
                if node.level:
                    base = base[: len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                names = [target] + [f"{target}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            hits = [n for n in names if n == "toolkit.report" or n.startswith("toolkit.report.")]
            if hits and not (module.startswith("toolkit.report") or module.startswith("toolkit.cli")):
                raise AssertionError(f"{module} imports {hits[0]}")
            if module.startswith("toolkit.report"):
                for n in names[:1]:
                    if n.startswith("toolkit"):
                        top = ".".join(n.split(".")[:2])
                        assert top in allowed, f"{module} imports {n}"


def test_compressed_blocks_hold_the_same_documents(report: Path, corpus: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "z.html"
    write_report(corpus["records"], out, pairs=corpus["pairs"], options=ReportOptions(chunk=3, compress=True))
    assert_inert(out, documents=8, chunk=3)
    tree = parse(out)
    assert len(tree.xpath("//script[@data-encoding='deflate-base64']")) == 3
    assert data_scripts(tree) == data_scripts(parse(report))
    assert out.stat().st_size < report.stat().st_size
