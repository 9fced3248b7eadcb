"""End to end in headless Chromium: the report of the seeds (plus hostile documents) as a reader sees it.

Driven over the DevTools protocol (tests/report/cdp.py). Skips where Chromium is
absent; ``.ci/run`` installs Debian's ``chromium`` so CI runs it. Screenshots go
to the test's temporary folder, or to ``$TOOLKIT_REPORT_SCREENSHOTS`` when set
(that is how docs/img/ is made).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from tests.report.cdp import Chromium, find_chromium
from tests.report.conftest import BREAK_ATTR, BREAK_SCRIPT, HOSTILE_ID
from toolkit.report import ReportOptions, write_report

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found (apt-get install -y chromium, or set TOOLKIT_CHROMIUM to its path)",
)


@pytest.fixture(scope="module")
def page(corpus: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("e2e") / "report.html"
    write_report(corpus["records"], out, pairs=corpus["pairs"])
    assert CHROMIUM is not None
    with Chromium(CHROMIUM, width=1400, height=1000) as c:
        seconds = c.open(out)
        assert seconds < 10
        c.report = out  # type: ignore[attr-defined]
        yield c


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = os.environ.get("TOOLKIT_REPORT_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        return Path(target)
    return tmp_path_factory.mktemp("shots")


def records(corpus: dict[str, Path]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in corpus["records"].read_text(encoding="utf-8").split("\n") if line]


def wait(page: Any, expression: str, timeout: float = 15.0) -> Any:
    """Poll ``expression`` until it is truthy (documents render asynchronously)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.eval(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.02)


def show(page: Any, fragment: str) -> None:
    """Go to ``#fragment`` and wait until the document view has been drawn again."""
    page.eval("document.getElementById('doc-view').removeAttribute('data-doc')")
    page.eval(f"location.hash = {json.dumps(fragment)}")
    wait(page, "document.getElementById('doc-view').hasAttribute('data-doc')")


def heading(page: Any, want: str) -> str:
    return wait(page, f"(document.getElementById('doc-h') || {{}}).textContent === {json.dumps(want)} && "
                      "document.getElementById('doc-h').textContent") or ""


def test_nothing_hostile_ran(page: Any) -> None:
    assert page.eval("typeof window.__pwned") == "undefined"
    # the page's own scripts only: the index, one data block, the code
    assert page.eval("document.scripts.length") == 3
    assert page.eval("[...document.scripts].filter(s => !s.type).length") == 1
    assert page.eval("document.querySelectorAll('img, iframe, textarea, object, embed').length") == 0


def test_summary(page: Any, corpus: dict[str, Path], shots: Path) -> None:
    recs = records(corpus)
    facts = page.eval("Object.fromEntries([...document.querySelectorAll('dl.facts > div')]"
                      ".map(d => [d.querySelector('dt').textContent, d.querySelector('dd').textContent]))")
    assert facts["documents"] == str(len(recs))
    assert facts["flags"] == f"{sum(len(r['flags']) for r in recs):,}"
    assert page.eval("document.querySelectorAll('#summary svg.bar').length") > 10
    assert page.eval("document.querySelectorAll('#chart-score svg.hist rect').length") == 10
    page.eval("window.scrollTo(0, 0)")
    page.screenshot(shots / "report-summary.png")
    assert (shots / "report-summary.png").stat().st_size > 10_000


def test_document_view(page: Any, corpus: dict[str, Path], shots: Path) -> None:
    recs = records(corpus)
    i = next(n for n, r in enumerate(recs) if r["id"] == "001_5183f84487d16091")
    show(page, f"doc={i}")
    assert heading(page, "001_5183f84487d16091")
    rec = recs[i]
    # a row per input block; removed lines struck through, with their reason and rule
    struck = page.eval("[...document.querySelectorAll('#text-table tr.r-removed td.orig')].map(td => td.textContent)")
    assert struck and set(struck) <= {r["text"] for r in rec["removed"]}
    assert page.eval("getComputedStyle(document.querySelector('#text-table tr.r-removed td.orig'))"
                     ".textDecorationLine") == "line-through"
    labels = page.eval("[...document.querySelectorAll('#text-table .label.removed')].map(s => s.textContent)")
    assert any(r["rule"] in label and r["reason"] in label for r in rec["removed"] for label in labels)
    # edits: inserted text highlighted, the rule on hover
    ins = page.eval("[...document.querySelectorAll('#text-table ins')].map(e => [e.textContent, e.title])")
    assert ins and all(" \u00b7 " in title and "\u2192" in title for _t, title in ins)
    assert any("Central Economic Work Conference" in t for t, _title in ins)
    # flags marked with message and suggestion
    flags = page.eval("[...document.querySelectorAll('#flag-list li')].map(li => li.dataset.kind)")
    assert sorted(flags) == sorted(f["kind"] for f in rec["flags"])
    assert page.eval("document.querySelectorAll('#text-table mark.flag').length") > 0
    page.eval("document.getElementById('documents').scrollIntoView()")
    page.screenshot(shots / "report-document.png")
    # redline: one column, deletions struck inline
    page.key("r")
    assert wait(page, "document.getElementById('text-table').classList.contains('red')")
    assert page.eval("document.querySelectorAll('#text-table del').length") > 0
    page.key("r")
    assert wait(page, "document.getElementById('text-table').classList.contains('side')")
    # keyboard: j next, k previous
    page.key("j")
    assert heading(page, recs[i + 1]["id"])
    page.key("k")
    assert heading(page, recs[i]["id"])


def test_footnotes_link_to_their_markers(page: Any, corpus: dict[str, Path]) -> None:
    recs = records(corpus)
    i = next(n for n, r in enumerate(recs) if r["footnotes"])
    show(page, f"doc={i}")
    assert page.eval("document.querySelectorAll('#footnote-list li').length") == len(recs[i]["footnotes"])
    linked = [f for f in recs[i]["footnotes"] if f["linked"]]
    if linked:
        assert page.eval("document.querySelectorAll('#footnote-list a[data-para]').length") >= len(linked)


def test_filter_by_flag_kind_and_by_summary_link(page: Any, corpus: dict[str, Path]) -> None:
    recs = records(corpus)
    show(page, "")
    want = [r["id"] for r in recs if any(f["kind"] == "masked-text" for f in r["flags"])]
    page.eval("(() => { const s = document.getElementById('f-flag'); s.value = 'flag:masked-text';"
              " s.dispatchEvent(new Event('change')); })()")
    listed = page.eval("[...document.querySelectorAll('#doc-ol li a')].map(a => a.firstChild.textContent)")
    assert listed == want and len(want) < len(recs)
    assert page.eval("document.getElementById('f-count').textContent") == f"{len(want)} of {len(recs)} documents"
    page.eval("(() => { const s = document.getElementById('f-flag'); s.value = '';"
              " s.dispatchEvent(new Event('change')); })()")
    # a summary count is a link to its documents
    href = page.eval("document.querySelector('#chart-reason tbody a[href*=\"boilerplate\"]').getAttribute('href')")
    show(page, href.lstrip("#"))
    want = [r["id"] for r in recs if any(x["reason"] == "boilerplate" for x in r["removed"])]
    listed = page.eval("[...document.querySelectorAll('#doc-ol li a')].map(a => a.firstChild.textContent)")
    assert listed == want
    show(page, "")


def test_hostile_document_renders_as_text(page: Any, corpus: dict[str, Path], shots: Path) -> None:
    recs = records(corpus)
    i = next(n for n, r in enumerate(recs) if r["id"] == HOSTILE_ID)
    show(page, f"doc={i}")
    assert heading(page, HOSTILE_ID)
    text = page.eval("document.getElementById('doc-view').textContent")
    assert BREAK_SCRIPT in text and BREAK_ATTR in text
    assert page.eval("document.querySelector('.notice').textContent").startswith("\u26a0 The input file is not available")
    assert page.eval("typeof window.__pwned") == "undefined"
    assert page.eval("document.querySelectorAll('#doc-view script, #doc-view img, #doc-view textarea').length") == 0
    # the cleaned hostile text file: its original read back from the input, shown as text
    j = next(n for n, r in enumerate(recs) if r["id"] == "hostile")
    show(page, f"doc={j}")
    orig = page.eval("[...document.querySelectorAll('#text-table td.orig')].map(td => td.textContent).join('\\n')")
    assert "<script>window.__pwned=4</script>" in orig and '<img src=x onerror="window.__pwned=5">' in orig
    assert page.eval("typeof window.__pwned") == "undefined"
    page.screenshot(shots / "report-hostile.png")


def test_compressed_report(corpus: dict[str, Path], tmp_path: Path) -> None:
    """Large reports embed deflate-compressed blocks; the browser decompresses one when it is needed."""
    out = tmp_path / "z.html"
    write_report(corpus["records"], out, pairs=corpus["pairs"], options=ReportOptions(chunk=3, compress=True))
    recs = records(corpus)
    assert CHROMIUM is not None
    with Chromium(CHROMIUM) as c:
        c.open(out)
        assert c.eval("document.querySelectorAll('script[data-encoding=\"deflate-base64\"]').length") == 3
        assert heading(c, recs[0]["id"])
        i = next(n for n, r in enumerate(recs) if r["id"] == HOSTILE_ID)
        show(c, f"doc={i}")
        assert heading(c, HOSTILE_ID)
        assert BREAK_SCRIPT in c.eval("document.getElementById('doc-view').textContent")
        assert c.eval("typeof window.__pwned") == "undefined"


def test_summary_without_javascript(corpus: dict[str, Path], tmp_path: Path) -> None:
    """With scripts off the summary is all there; the document view says it needs JavaScript."""
    out = tmp_path / "r.html"
    write_report(corpus["records"], out, pairs=corpus["pairs"])
    assert CHROMIUM is not None
    with Chromium(CHROMIUM) as c:
        c.send("Emulation.setScriptExecutionDisabled", {"value": True})
        c.open(out, ready="document.readyState === 'complete'")
        assert c.eval("document.documentElement.dataset.ready") is None  # the report's script did not run
        assert c.eval("document.querySelector('dl.facts dd').textContent") == str(len(records(corpus)))
        assert c.eval("document.querySelectorAll('#summary svg.bar').length") > 10
        assert c.eval("document.getElementById('app').hidden")
        assert "needs JavaScript" in c.eval("document.querySelector('noscript').textContent")
