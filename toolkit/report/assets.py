"""The report's inline stylesheet and script (one self-contained file: no network, no CDN).

The script renders user text only with ``textContent``, ``title`` and other
properties, never with ``innerHTML``; a test greps for it.
"""

CSS = r"""
:root { --fg:#1b1b1b; --muted:#5b5b5b; --line:#d0d0d0; --ins:#d9f2dc; --del:#fbdcdc; --flag:#fff1b8;
        --bar:#3b6ea8; --accent:#1f4f86; --bg:#fff; --panel:#f6f7f9; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif;
       color: var(--fg); background: var(--bg); margin: 0; }
header.top { padding: .8rem 1.2rem; border-bottom: 1px solid var(--line); background: var(--panel); }
header.top h1 { margin: 0; font-size: 1.3rem; }
header.top nav a { margin-right: 1rem; }
main { padding: 0 1.2rem 2rem; }
a { color: var(--accent); }
code { font-size: .9em; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.made, .hint, .empty, .keys { color: var(--muted); font-size: .9rem; }
dl.facts { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: .5rem 0; }
dl.facts div { border: 1px solid var(--line); padding: .3rem .7rem; border-radius: 4px; }
dl.facts dt { font-size: .8rem; color: var(--muted); } dl.facts dd { margin: 0; font-size: 1.2rem; font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 1rem 2rem; }
.chart h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
.chart table { border-collapse: collapse; width: 100%; font-size: .88rem; }
.chart th, .chart td { padding: 1px 6px; text-align: left; border-bottom: 1px solid #eee; vertical-align: middle; }
.chart th[scope=row] { font-weight: normal; overflow-wrap: anywhere; }
.num { text-align: right !important; font-variant-numeric: tabular-nums; }
svg.bar rect { fill: var(--bar); } svg.bar rect.track { fill: #eceff3; }
svg.hist rect { fill: var(--bar); } svg.hist text { font-size: 11px; fill: var(--fg); } svg.hist .axis { fill: var(--muted); }
#documents h2 { margin-top: 2rem; }
#filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; padding: .5rem; background: var(--panel);
           border: 1px solid var(--line); border-radius: 4px; }
#filters label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
#filters select, #filters input { max-width: 22rem; font-size: .9rem; }
.chip { background: #e6eef8; border: 1px solid #9db7d9; border-radius: 1rem; padding: 0 .5rem; font-size: .85rem; }
.layout { display: grid; grid-template-columns: minmax(220px, 300px) 1fr; gap: 1rem; margin-top: .8rem; }
#doc-list ol { list-style: none; padding: 0; margin: 0; max-height: 75vh; overflow: auto; border: 1px solid var(--line); }
#doc-list li a { display: block; padding: .25rem .5rem; text-decoration: none; color: var(--fg); border-bottom: 1px solid #eee;
                 word-break: break-all; }
#doc-list li a[aria-current=true] { background: #e6eef8; outline: 2px solid var(--accent); outline-offset: -2px; font-weight: 600; }
#doc-list .counts { display: block; font-size: .75rem; color: var(--muted); font-weight: normal; }
.pager { display: flex; gap: .5rem; align-items: center; margin: .3rem 0; font-size: .85rem; }
#doc-view { min-width: 0; }
#doc-view h3.doc-id { margin: 0; font-size: 1.1rem; word-break: break-all; }
#doc-view .doc-title { font-size: 1.05rem; margin: .2rem 0 .5rem; }
#doc-view dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0 .8rem; font-size: .85rem; margin: .3rem 0; }
#doc-view dl.meta dt { color: var(--muted); } #doc-view dl.meta dd { margin: 0; word-break: break-all; }
.notice { border-left: 4px solid #b58900; background: #fff8e1; padding: .3rem .6rem; font-size: .9rem; }
.modes { margin: .6rem 0; font-size: .9rem; }
table.text { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: .92rem; }
table.text td, table.text th { border-bottom: 1px solid #eee; padding: .25rem .4rem; vertical-align: top; word-wrap: break-word; }
table.text th { text-align: left; font-size: .8rem; color: var(--muted); }
table.text .ln { width: 3.5rem; color: var(--muted); font-variant-numeric: tabular-nums; text-align: right; font-size: .8rem; }
table.text tr.r-removed td.orig, table.text .struck { text-decoration: line-through; text-decoration-thickness: 1px; background: var(--del); }
table.text tr.r-none td { color: var(--muted); }
.label { display: inline-block; font-size: .75rem; border: 1px solid var(--line); border-radius: 3px; padding: 0 .3rem;
         margin: 0 .3rem .1rem 0; color: var(--muted); background: #fff; text-decoration: none; }
.label.removed { border-color: #d88; color: #8a1f1f; }
ins { background: var(--ins); text-decoration: underline; text-decoration-thickness: 2px; text-decoration-color: #2e7d32; }
del { background: var(--del); text-decoration: line-through; }
del.gone { font-size: .75em; background: none; color: #8a1f1f; text-decoration: none; }
mark.flag { background: var(--flag); border-bottom: 2px dotted #8a6d00; }
mark.flag::after { content: "\2691"; font-size: .7em; vertical-align: super; }
.secs h4 { margin: 1rem 0 .3rem; font-size: 1rem; }
.secs table { border-collapse: collapse; width: 100%; font-size: .88rem; table-layout: fixed; }
.secs td, .secs th { border-bottom: 1px solid #eee; padding: .2rem .4rem; text-align: left; vertical-align: top; word-wrap: break-word; }
.secs th { color: var(--muted); font-size: .8rem; }
ul.flags { padding-left: 1.2rem; } ul.flags li { margin: .2rem 0; }
.pairs td:nth-child(1), .pairs td:nth-child(2) { width: 40%; }
tr.hl td { outline: 2px solid var(--accent); outline-offset: -2px; }
@media (max-width: 800px) { .layout { grid-template-columns: 1fr; } }
@media print {
  #filters, #doc-list, .pager, .keys, header.top nav, .modes, .no-print { display: none !important; }
  .layout { display: block; }
  body { font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  .chart, table.text tr, .secs tr { break-inside: avoid; }
  details > table { display: none; }
  ins { background: none; } del { background: none; } mark.flag { background: none; }
  ins::after { content: "\2191"; font-size: .7em; }
}
"""

JS = r"""
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var INDEX = JSON.parse($('report-index').textContent);
  var TAGS = INDEX.tags, DOCS = INDEX.docs, CHUNK = INDEX.chunk, PAGE = 100;
  var state = { flag: '', rule: '', tag: '', q: '', page: 0, current: -1, mode: 'side' };
  var filtered = [];
  var cache = new Map();

  function el(name, attrs, children) {
    var e = document.createElement(name);
    if (attrs) for (var k in attrs) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'cls') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    if (children) children.forEach(function (c) { if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }

  // A block of documents: plain JSON, or (large reports) deflate-compressed JSON in base64.
  function decode(node) {
    if (node.getAttribute('data-encoding') !== 'deflate-base64') return Promise.resolve(JSON.parse(node.textContent));
    if (typeof DecompressionStream === 'undefined') {
      return Promise.reject(new Error('this browser cannot decompress the embedded documents (no DecompressionStream); ' +
                                      'make the report with --no-compress'));
    }
    var bin = atob(node.textContent.trim()), bytes = new Uint8Array(bin.length);
    for (var k = 0; k < bin.length; k++) bytes[k] = bin.charCodeAt(k);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
    return new Response(stream).text().then(JSON.parse);
  }
  function chunk(c) {
    var got = cache.get(c);
    if (!got) {
      got = decode($('docs-' + c));
      if (cache.size > 8) cache.delete(cache.keys().next().value);
      cache.set(c, got);
    }
    return got;
  }
  function getDoc(i) { return chunk(Math.floor(i / CHUNK)).then(function (docs) { return docs[i % CHUNK]; }); }

  // ---- filters and the document list ---------------------------------------------------
  function tagIndex(name) { return name ? TAGS.indexOf(name) : -1; }
  function applyFilters() {
    var want = [state.flag, state.rule, state.tag].filter(Boolean).map(tagIndex);
    var q = state.q.toLowerCase();
    filtered = [];
    if (want.indexOf(-1) >= 0) { renderList(); return; }
    for (var i = 0; i < DOCS.length; i++) {
      var d = DOCS[i], ok = true;
      for (var w = 0; w < want.length && ok; w++) ok = d[6].indexOf(want[w]) >= 0;
      if (ok && q && d[0].toLowerCase().indexOf(q) < 0) ok = false;
      if (ok) filtered.push(i);
    }
    var pos = filtered.indexOf(state.current);
    state.page = pos >= 0 ? Math.floor(pos / PAGE) : 0;
    renderList();
  }
  function renderList() {
    var ol = $('doc-ol');
    ol.replaceChildren();
    var pages = Math.max(1, Math.ceil(filtered.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    var start = state.page * PAGE;
    filtered.slice(start, start + PAGE).forEach(function (i) {
      var d = DOCS[i];
      var a = el('a', { href: '#doc=' + i, 'data-doc': String(i) }, [d[0]]);
      var counts = d[1] + ' \u00b7 ' + d[2] + ' removed \u00b7 ' + d[3] + ' edits \u00b7 ' + d[4] + ' flags' + (d[5] ? ' \u00b7 ' + d[5] + ' pairs' : '');
      a.appendChild(el('span', { cls: 'counts', text: counts }));
      if (i === state.current) a.setAttribute('aria-current', 'true');
      ol.appendChild(el('li', null, [a]));
    });
    $('f-count').textContent = filtered.length + ' of ' + DOCS.length + ' documents';
    $('page-info').textContent = 'page ' + (state.page + 1) + ' of ' + pages;
    $('prev-page').disabled = state.page === 0;
    $('next-page').disabled = state.page >= pages - 1;
    var chip = $('f-tag');
    chip.replaceChildren();
    if (state.tag) {
      chip.appendChild(el('span', { cls: 'chip', text: state.tag + ' ' }, [
        el('button', { type: 'button', id: 'clear-tag', 'aria-label': 'clear ' + state.tag, text: '\u00d7' })]));
    }
  }

  // ---- one document ----------------------------------------------------------------------
  function editNote(d, k) {
    var e = d.edits[k];
    return e.stage + ' \u00b7 ' + e.rule + ': \u201c' + e.before + '\u201d \u2192 \u201c' + e.after + '\u201d';
  }
  function flagNote(d, k) {
    var f = d.flags[k];
    return '\u2691 ' + f.kind + ': ' + f.message + (f.suggestion ? ' \u2014 suggestion: ' + f.suggestion : '');
  }
  // Runs: a bare string is kept text; [text, kind, edit, flags] with kind t kept, i inserted, d deleted.
  function runsNode(d, runs, mode) {
    var out = document.createDocumentFragment();
    runs.forEach(function (r) {
      if (typeof r === 'string') { out.appendChild(document.createTextNode(r)); return; }
      var text = r[0], kind = r[1], k = r[2], fl = r[3], node;
      if (kind === 'd') {
        if (mode === 'clean') {
          node = el('del', { cls: 'gone', title: 'deleted ' + editNote(d, k), 'data-edit': String(k) }, ['\u2038']);
          node.appendChild(el('span', { cls: 'sr', text: ' deleted: ' + text }));
        } else node = el('del', { title: editNote(d, k), 'data-edit': String(k) }, [text]);
      } else if (kind === 'i') {
        node = el('ins', { title: editNote(d, k), 'data-edit': String(k) }, [text]);
      } else node = document.createTextNode(text);
      if (fl && fl.length) {
        var m = el('mark', { cls: 'flag', title: fl.map(function (f) { return flagNote(d, f); }).join('\n'),
                             'data-flags': fl.join(' ') });
        m.appendChild(node);
        node = m;
      }
      out.appendChild(node);
    });
    return out;
  }
  function before(runs) {
    return runs.map(function (r) { return typeof r === 'string' ? r : (r[1] === 'i' ? '' : r[0]); }).join('');
  }
  function after(runs) {
    return runs.map(function (r) { return typeof r === 'string' ? r : (r[1] === 'd' ? '' : r[0]); }).join('');
  }
  function rebuilt(d, item) {
    var t = item[0], i = item[1];
    if (t === 'p') return before(d.paragraphs[i].runs);
    if (t === 'r') return d.removed[i].text;
    if (t === 'f') return (d.footnotes[i].marker || '') + before(d.footnotes[i].runs);
    if (t === 'n') return before(d.notes[i].runs);
    if (t === 't') return before(d.title_runs);
    return '';
  }
  function label(text, cls) { return el('span', { cls: 'label' + (cls ? ' ' + cls : ''), text: text }); }
  function itemNode(d, item, mode) {
    var t = item[0], i = item[1], box = el('div');
    if (t === 'r') {
      var r = d.removed[i];
      box.appendChild(label('\u2702 removed: ' + r.reason + ' \u00b7 ' + r.rule, 'removed'));
      if (mode !== 'clean') box.appendChild(el('del', { cls: 'struck' }, [r.text]));
    } else if (t === 'p') {
      var p = d.paragraphs[i];
      box.id = 'p-' + i;
      box.appendChild(label('\u00b6' + i + (p.kind !== 'paragraph' ? ' ' + p.kind : '') + (p.lang !== d.lang ? ' ' + p.lang : '')));
      box.appendChild(runsNode(d, p.runs, mode));
    } else if (t === 'f') {
      var f = d.footnotes[i];
      box.appendChild(label('\u2192 footnote ' + f.marker + (f.linked ? ' (linked)' : ' (no marker in the body)')));
      box.appendChild(runsNode(d, f.runs, mode));
    } else if (t === 'n') {
      var n = d.notes[i];
      box.appendChild(label('\u2192 note (' + n.kind + ')'));
      box.appendChild(runsNode(d, n.runs, mode));
    } else if (t === 't') {
      box.appendChild(label('\u2192 title'));
      box.appendChild(runsNode(d, d.title_runs, mode));
    } else if (t === 'j') {
      box.appendChild(label('\u21b3 joined into \u00b6' + i));
    } else if (t === 'm') {
      box.appendChild(label('\u2192 metadata: ' + i));
    } else {
      box.appendChild(label('\u2205 not in this record'));
    }
    return box;
  }
  function rowClass(items) {
    var t = items[0][0];
    return t === 'r' && items.length === 1 ? 'r-removed' : (t === 'x' ? 'r-none' : 'r-' + t);
  }
  function textTable(d) {
    var mode = state.mode;
    var table = el('table', { cls: 'text ' + mode, id: 'text-table' });
    var head = mode === 'side' ? ['line', 'original' + (d.original === 'source' ? '' : ' (reconstructed)'), 'clean']
                               : ['line', 'redline'];
    var cols = el('colgroup');
    head.forEach(function (h, k) { cols.appendChild(el('col', k === 0 ? { cls: 'ln', style: 'width:3.5rem' } : null)); });
    table.appendChild(cols);
    table.appendChild(el('thead', null, [el('tr', null, head.map(function (h) { return el('th', { scope: 'col', text: h }); }))]));
    var body = el('tbody');
    d.rows.forEach(function (row) {
      var line = row[0], src = row[1], items = row[2];
      var tr = el('tr', { cls: rowClass(items) });
      tr.appendChild(el('td', { cls: 'ln', text: line == null ? '' : String(line) }));
      var orig = src != null ? src : rebuilt(d, items[0]);
      if (mode === 'side') {
        tr.appendChild(el('td', { cls: 'orig', text: orig }));
        var clean = el('td', { cls: 'clean' });
        items.forEach(function (it) { clean.appendChild(itemNode(d, it, 'clean')); });
        tr.appendChild(clean);
      } else {
        var cell = el('td');
        var kind = items[0][0];
        if (kind === 't') cell.appendChild(itemNode(d, items[0], 'red'));
        else if (kind === 'x' || kind === 'j' || kind === 'm') {
          cell.appendChild(itemNode(d, items[0], 'red'));
          cell.appendChild(el('div', { text: orig }));
        } else {
          if (src != null) cell.appendChild(el('div', { cls: 'label', text: 'input line: ' + src }));
          items.forEach(function (it) { cell.appendChild(itemNode(d, it, 'red')); });
        }
        tr.appendChild(cell);
      }
      body.appendChild(tr);
    });
    table.appendChild(body);
    return table;
  }
  function section(title, id, content) {
    return el('section', { id: id }, [el('h4', { text: title }), content]);
  }
  function smallTable(head, rows) {
    var t = el('table');
    t.appendChild(el('thead', null, [el('tr', null, head.map(function (h) { return el('th', { scope: 'col', text: h }); }))]));
    var b = el('tbody');
    rows.forEach(function (r) { b.appendChild(el('tr', null, r.map(function (c) { return el('td', null, [c == null ? '' : String(c)]); }))); });
    t.appendChild(b);
    return t;
  }
  function where(x) {
    return x.paragraph != null ? '\u00b6' + x.paragraph : (x.field || '') + (x.index != null ? ' ' + x.index : '');
  }
  function markerNumber(m) {
    var digits = /\d+/.exec(m);
    if (digits) return parseInt(digits[0], 10);
    var c = m.codePointAt(0);
    if (c >= 0x2460 && c <= 0x2473) return c - 0x2460 + 1;
    return null;
  }
  var shown = 0;
  function renderDoc(i) {
    var view = $('doc-view');
    var ticket = ++shown;
    if (i < 0 || i >= DOCS.length) {
      view.replaceChildren(el('p', { text: 'No document selected.' }));
      return Promise.resolve();
    }
    state.current = i;
    var cur = document.querySelector('#doc-ol a[aria-current]');
    if (cur) cur.removeAttribute('aria-current');
    var mine = document.querySelector('#doc-ol a[data-doc="' + i + '"]');
    if (mine) mine.setAttribute('aria-current', 'true');
    return getDoc(i).then(function (d) {
      if (ticket === shown) drawDoc(view, i, d);
    }, function (err) {
      view.replaceChildren(el('p', { cls: 'notice', role: 'alert', text: 'Cannot show this document: ' + err.message }));
    });
  }
  function drawDoc(view, i, d) {
    var parts = [el('h3', { cls: 'doc-id', id: 'doc-h', text: d.id })];
    if (d.title_runs && d.title_runs.length) parts.push(el('p', { cls: 'doc-title' }, [runsNode(d, d.title_runs, 'clean')]));
    var meta = el('dl', { cls: 'meta' });
    function dd(k, v) { meta.appendChild(el('dt', { text: k })); meta.appendChild(el('dd', { text: v })); }
    dd('source', d.source); dd('language', d.lang);
    dd('original', d.original === 'source' ? d.original_note : 'reconstructed from the record \u2014 ' + d.original_note);
    Object.keys(d.metadata || {}).forEach(function (k) {
      if (k === 'title') return;
      var v = d.metadata[k];
      dd(k, Array.isArray(v) ? v.join('; ') : (typeof v === 'string' ? v : JSON.stringify(v)));
    });
    parts.push(meta);
    if (d.original !== 'source') {
      parts.push(el('p', { cls: 'notice', role: 'note', text: '\u26a0 The input file is not available (' + d.original_note +
        '). The original column is reconstructed from the record: removed lines as recorded, paragraphs with their edits undone. ' +
        'Input lines the record does not name (titles, joined lines) cannot be shown.' }));
    }
    var modes = el('div', { cls: 'modes', role: 'radiogroup', 'aria-label': 'view' });
    [['side', 'Side by side'], ['red', 'Redline']].forEach(function (m) {
      var input = el('input', { type: 'radio', name: 'mode', value: m[0], id: 'mode-' + m[0] });
      input.checked = state.mode === m[0];
      modes.appendChild(el('label', null, [input, ' ' + m[1] + ' ']));
    });
    modes.appendChild(el('span', { cls: 'keys', text: ' (r switches)' }));
    parts.push(modes);
    parts.push(section('Text', 'sec-text', textTable(d)));
    var secs = el('div', { cls: 'secs' });
    if (d.flags.length) {
      var ul = el('ul', { cls: 'flags', id: 'flag-list' });
      d.flags.forEach(function (f) {
        var li = el('li', { 'data-kind': f.kind }, [el('strong', { text: '\u2691 ' + f.kind }), ' ' + where(f) + ': ' + f.message]);
        if (f.text) li.appendChild(el('span', null, [' \u2014 \u201c', el('mark', { cls: 'flag', text: f.text }), '\u201d']));
        if (f.suggestion) li.appendChild(el('span', { text: ' \u2014 suggestion: ' + f.suggestion }));
        li.appendChild(el('span', { cls: 'label', text: f.rule || '' }));
        ul.appendChild(li);
      });
      secs.appendChild(section('Flags (' + d.flags.length + ')', 'sec-flags', ul));
    }
    if (d.edits.length) {
      secs.appendChild(section('Edits (' + d.edits.length + ')', 'sec-edits', smallTable(['#', 'where', 'stage', 'rule', 'before', 'after'],
        d.edits.map(function (e, k) { return [k, where(e), e.stage, e.rule, e.before, e.after]; }))));
    }
    if (d.removed.length) {
      secs.appendChild(section('Removed lines (' + d.removed.length + ')', 'sec-removed', smallTable(['line', 'reason', 'rule', 'text'],
        d.removed.map(function (r) { return [r.line, r.reason, r.rule, r.text]; }))));
    }
    if (d.footnotes.length) {
      var fl = el('ol', { id: 'footnote-list' });
      d.footnotes.forEach(function (f, k) {
        var li = el('li', { id: 'fn-' + k }, [el('strong', { text: f.marker + ' ' })]);
        li.appendChild(runsNode(d, f.runs, 'clean'));
        var n = markerNumber(f.marker || ''), refs = [];
        if (n != null) d.paragraphs.forEach(function (p, pi) { if (after(p.runs).indexOf('[' + n + ']') >= 0) refs.push(pi); });
        li.appendChild(el('span', { cls: 'label', text: f.linked ? 'linked' : 'no marker in the body' }));
        refs.forEach(function (pi) { li.appendChild(el('a', { href: '#p-' + pi, cls: 'label', 'data-para': String(pi), text: '\u2191 [' + n + '] in \u00b6' + pi })); });
        fl.appendChild(li);
      });
      secs.appendChild(section('Footnotes (' + d.footnotes.length + ')', 'sec-footnotes', fl));
    }
    if (d.notes.length) {
      var nl = el('ul');
      d.notes.forEach(function (n) { var li = el('li', null, [el('strong', { text: n.kind + ': ' })]); li.appendChild(runsNode(d, n.runs, 'clean')); nl.appendChild(li); });
      secs.appendChild(section('Notes', 'sec-notes', nl));
    }
    if (d.pairs && d.pairs.length) {
      var pt = smallTable(['Chinese', 'English', 'score', 'beads \u00b7 origin \u00b7 flags'],
        d.pairs.map(function (p) { return [p[0], p[1], p[3] == null ? '' : p[3].toFixed(2), p[2] + ' \u00b7 ' + p[4] + (p[5].length ? ' \u00b7 \u2691 ' + p[5].join(', ') : '')]; }));
      pt.className = 'pairs';
      secs.appendChild(section('Bilingual pairs (' + d.pairs.length + ')', 'sec-pairs', pt));
    }
    parts.push(secs);
    view.replaceChildren.apply(view, parts);
    view.setAttribute('data-doc', String(i));
    document.title = d.id + ' \u2014 ' + BASE_TITLE;
  }

  // ---- navigation ------------------------------------------------------------------------
  var BASE_TITLE = document.title;
  function open(i, push) {
    if (filtered.indexOf(i) >= 0) {
      var page = Math.floor(filtered.indexOf(i) / PAGE);
      if (page !== state.page) { state.page = page; renderList(); }
    }
    if (push) history.replaceState(null, '', '#' + hashFor(i));
    return renderDoc(i);
  }
  function hashFor(i) {
    var h = new URLSearchParams();
    if (state.flag) h.set('flag', state.flag);
    if (state.rule) h.set('rule', state.rule);
    if (state.tag) h.set('f', state.tag);
    if (state.q) h.set('q', state.q);
    if (i >= 0) h.set('doc', String(i));
    return h.toString();
  }
  function step(delta) {
    if (!filtered.length) return;
    var pos = filtered.indexOf(state.current);
    pos = pos < 0 ? 0 : Math.max(0, Math.min(filtered.length - 1, pos + delta));
    open(filtered[pos], true);
    var a = document.querySelector('#doc-ol a[data-doc="' + filtered[pos] + '"]');
    if (a) a.scrollIntoView({ block: 'nearest' });
  }
  function fromHash() {
    var h = new URLSearchParams(location.hash.slice(1));
    var f = h.get('f') || '';
    state.flag = h.get('flag') || ''; state.rule = h.get('rule') || ''; state.tag = ''; state.q = h.get('q') || '';
    if (f.indexOf('flag:') === 0) state.flag = f; else if (f.indexOf('rule:') === 0) state.rule = f; else state.tag = f;
    $('f-flag').value = state.flag; $('f-rule').value = state.rule; $('f-q').value = state.q;
    applyFilters();
    var doc = h.has('doc') ? parseInt(h.get('doc'), 10) : NaN;
    if (isNaN(doc) || filtered.indexOf(doc) < 0) doc = filtered.length ? filtered[0] : -1;
    if (f) $('documents').scrollIntoView();
    return open(doc, false);
  }
  function onFilterChange() {
    state.flag = $('f-flag').value; state.rule = $('f-rule').value; state.q = $('f-q').value;
    applyFilters();
    open(filtered.indexOf(state.current) >= 0 ? state.current : (filtered.length ? filtered[0] : -1), true);
  }

  $('app').hidden = false;
  $('f-flag').addEventListener('change', onFilterChange);
  $('f-rule').addEventListener('change', onFilterChange);
  $('f-q').addEventListener('input', onFilterChange);
  $('filters').addEventListener('submit', function (e) { e.preventDefault(); });
  $('f-tag').addEventListener('click', function (e) {
    if (e.target && e.target.id === 'clear-tag') { state.tag = ''; applyFilters(); open(state.current, true); }
  });
  $('prev-page').addEventListener('click', function () { state.page--; renderList(); });
  $('next-page').addEventListener('click', function () { state.page++; renderList(); });
  $('doc-ol').addEventListener('click', function (e) {
    var a = e.target.closest ? e.target.closest('a[data-doc]') : null;
    if (!a) return;
    e.preventDefault();
    open(parseInt(a.getAttribute('data-doc'), 10), true);
  });
  $('doc-view').addEventListener('change', function (e) {
    if (e.target && e.target.name === 'mode') { state.mode = e.target.value; renderDoc(state.current); }
  });
  $('doc-view').addEventListener('click', function (e) {
    var a = e.target.closest ? e.target.closest('a[data-para]') : null;
    if (!a) return;
    e.preventDefault();
    var p = document.getElementById('p-' + a.getAttribute('data-para'));
    if (p) p.scrollIntoView({ block: 'center' });
  });
  window.addEventListener('hashchange', fromHash);
  document.addEventListener('keydown', function (e) {
    var t = e.target && e.target.tagName;
    if (t === 'INPUT' || t === 'SELECT' || t === 'TEXTAREA' || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'j' || e.key === 'ArrowDown' || e.key === 'n') { step(1); e.preventDefault(); }
    else if (e.key === 'k' || e.key === 'ArrowUp' || e.key === 'p') { step(-1); e.preventDefault(); }
    else if (e.key === 'r') { state.mode = state.mode === 'side' ? 'red' : 'side'; renderDoc(state.current); }
    else if (e.key === '/') { $('f-q').focus(); e.preventDefault(); }
  });
  fromHash().then(function () { document.documentElement.setAttribute('data-ready', 'true'); });
})();
"""
