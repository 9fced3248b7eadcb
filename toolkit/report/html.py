"""The report page: server-side summary (readable without JavaScript), embedded data, inline assets.

Everything a record holds is user text (ids, paths, rules, messages): it reaches
the page only through :func:`esc` (element text and attribute values) or
:func:`json_for_script` (inside ``<script type="application/json">``); the
script renders documents with ``textContent`` and never parses record text as
HTML.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from .stats import CHARTS, SCORE_BINS, Summary, bin_label

#: Rows a chart shows before the rest folds under "all N".
TOP = 12

_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def esc(value: Any) -> str:
    """Text for HTML element content or a quoted attribute value.

    >>> esc('</textarea><script>"x"&\\'y\\'')
    '&lt;/textarea&gt;&lt;script&gt;&quot;x&quot;&amp;&#x27;y&#x27;'
    """
    return html.escape(str(value), quote=True)


def json_for_script(data: Any) -> str:
    """JSON that cannot end or confuse the ``<script>`` element holding it.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes (so no ``</script>`` and no
    ``<!--`` can appear), as do U+2028/U+2029 (line breaks to some JavaScript
    parsers). ``JSON.parse`` of the element's text gives ``data`` back.

    >>> json_for_script({"t": "</script><!--\\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003c!--\\\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # str.replace in turn: many times faster than str.translate on long non-ASCII text
    for char, escape in _JSON_ESCAPES.items():
        if chr(char) in text:
            text = text.replace(chr(char), escape)
    return text


def tag_href(tag: str) -> str:
    """The link that shows the documents carrying ``tag`` (an attribute value, escaped).

    >>> tag_href('rule:a/b "c"')
    '#f=rule%3Aa%2Fb%20%22c%22'
    """
    return esc("#f=" + quote(tag, safe=""))


def _bar(n: int, most: int, width: int = 120) -> str:
    w = 0 if most <= 0 else max(1, round(width * n / most)) if n else 0
    return (f'<svg class="bar" width="{width}" height="12" viewBox="0 0 {width} 12" aria-hidden="true" focusable="false">'
            f'<rect x="0" y="1" width="{width}" height="10" class="track"/><rect x="0" y="1" width="{w}" height="10"/></svg>')


def _chart_rows(rows: list[tuple[str, int, int]], prefix: str, unit: str) -> str:
    most = max((n for _l, n, _d in rows), default=0)
    out = []
    for label, n, docs in rows:
        out.append(
            f'<tr><th scope="row"><a href="{tag_href(prefix + ":" + label)}">{esc(label)}</a></th>'
            f'<td class="num"><a href="{tag_href(prefix + ":" + label)}">{n:,}</a></td>'
            + (f'<td class="num">{docs:,}</td>' if unit != "documents" else "")
            + f"<td>{_bar(n, most)}</td></tr>"
        )
    return "".join(out)


def chart(key: str, title: str, unit: str, prefix: str, data: dict[str, list[int]]) -> str:
    """One summary chart: a table (label, count, documents) with an inline SVG bar per row."""
    rows = sorted(((label, c[0], c[1]) for label, c in data.items()), key=lambda r: (-r[1], r[0]))
    head = (f'<section class="chart" id="chart-{esc(key)}"><h3>{esc(title)}</h3>')
    if not rows:
        return head + f'<p class="empty">No {esc(unit)}.</p></section>'
    table_head = (f'<thead><tr><th scope="col">{esc(prefix)}</th><th scope="col" class="num">{esc(unit)}</th>'
                  + ('<th scope="col" class="num">documents</th>' if unit != "documents" else "")
                  + '<th scope="col"><span class="sr">bar</span></th></tr></thead>')
    top, rest = rows[:TOP], rows[TOP:]
    body = f'<table>{table_head}<tbody>{_chart_rows(top, prefix, unit)}</tbody></table>'
    if rest:
        body += (f'<details><summary>all {len(rows):,} rows</summary><table>{table_head}<tbody>'
                 f'{_chart_rows(rows, prefix, unit)}</tbody></table></details>')
    return head + body + "</section>"


def histogram(scores: list[list[int]]) -> str:
    """The pair-score histogram as an inline SVG, each bar a link to the documents with such pairs."""
    total = sum(c[0] for c in scores)
    head = '<section class="chart" id="chart-score"><h3>Pair scores</h3>'
    if not total:
        return head + '<p class="empty">No scored pairs.</p></section>'
    most = max(c[0] for c in scores)
    bw, gap, h, top, bottom = 36, 6, 120, 16, 30
    width = SCORE_BINS * (bw + gap) + gap
    parts = [f'<svg class="hist" width="{width}" height="{h + top + bottom}" viewBox="0 0 {width} {h + top + bottom}" '
             f'role="img" aria-labelledby="hist-title"><title id="hist-title">Pairs by score: '
             + esc(", ".join(f"{bin_label(b)}: {scores[b][0]}" for b in range(SCORE_BINS))) + "</title>"]
    for b in range(SCORE_BINS):
        n = scores[b][0]
        bh = 0 if not n else max(2, round(h * n / most))
        x = gap + b * (bw + gap)
        label = bin_label(b)
        parts.append(
            f'<a href="{tag_href("score:" + label)}"><title>{esc(label)}: {n} pairs in {scores[b][1]} documents</title>'
            f'<rect x="{x}" y="{top + h - bh}" width="{bw}" height="{bh}"/>'
            f'<text x="{x + bw / 2}" y="{top + h - bh - 3}" text-anchor="middle">{n}</text></a>'
            f'<text x="{x + bw / 2}" y="{top + h + 13}" text-anchor="middle" class="axis">{b / SCORE_BINS:.1f}</text>'
        )
    parts.append(f'<text x="{width / 2}" y="{top + h + 27}" text-anchor="middle" class="axis">score</text></svg>')
    return head + "".join(parts) + "</section>"


def summary_html(s: Summary, *, records_path: str, pairs_path: str | None, generated: str) -> str:
    """The corpus summary section (server-side HTML; no script needed)."""
    facts = [
        ("documents", s.documents), ("input files", len(s.sources)), ("paragraphs", s.paragraphs),
        ("removed lines", s.removed), ("edits", s.edits), ("flags", s.flags),
    ]
    if pairs_path is not None:
        facts.append(("bilingual pairs", s.pairs))
    dl = "".join(f"<div><dt>{esc(k)}</dt><dd>{v:,}</dd></div>" for k, v in facts)
    sig = "".join(f"<li><code>{esc(k)}</code> ({v:,} documents)</li>" for k, v in s.signatures.most_common(5))
    charts = []
    for key, title, unit, prefix in CHARTS:
        if key == "origin" and pairs_path is None:
            continue
        charts.append(chart(key, title, unit, prefix, s.charts[key]))
    if pairs_path is not None:
        charts.append(histogram(s.scores))
    made = (f'<p class="made">Records: <code>{esc(records_path)}</code>'
            + (f'; pairs: <code>{esc(pairs_path)}</code>' if pairs_path else "; no pairs file given")
            + f"; written {esc(generated)}.</p>")
    return (f'<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Corpus summary</h2>{made}'
            f'<dl class="facts">{dl}</dl>'
            + (f'<details class="sig"><summary>Pipeline signatures</summary><ul>{sig}</ul></details>' if sig else "")
            + '<p class="hint">Each count links to the documents that have it.</p>'
            f'<div class="charts">{"".join(charts)}</div></section>')


def options(tags: Iterable[str], prefix: str) -> str:
    """``<option>`` elements for the filter selects (value = the whole tag)."""
    names = sorted(t for t in tags if t.startswith(prefix + ":"))
    return "".join(f'<option value="{esc(t)}">{esc(t[len(prefix) + 1:])}</option>' for t in names)
