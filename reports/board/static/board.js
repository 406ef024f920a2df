// GlassBox board: the interactive part of the pages. Every name shown comes
// from the server as data and reaches the page as text (textContent, or
// escaped in tooltips), never as markup.
(function () {
  'use strict';

  // smooth is TensorBoard's exponential moving average with debiasing:
  // s_t = w·s_{t−1} + (1−w)·x_t with s_0 = 0, shown as s_t / (1 − w^t).
  // Non-finite values pass through and do not move the average.
  function smooth(values, w) {
    if (!(w > 0)) return values.slice();
    var out = new Array(values.length), s = 0, n = 0;
    for (var i = 0; i < values.length; i++) {
      var x = values[i];
      if (typeof x !== 'number' || !isFinite(x)) { out[i] = x; continue; }
      n++;
      s = w * s + (1 - w) * x;
      out[i] = s / (1 - Math.pow(w, n));
    }
    return out;
  }

  function escapeHTML(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function fmt(v) {
    if (typeof v !== 'number' || !isFinite(v)) return '—';
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(3);
    return String(Number(v.toPrecision(5)));
  }

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = { smooth: smooth, escapeHTML: escapeHTML, fmt: fmt };
  }
  if (typeof document === 'undefined') return;

  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
    '#393b79', '#ad494a', '#637939', '#843c39', '#7b4173'];
  var colours = {}, nColours = 0;
  function colour(name) {
    if (!(name in colours)) colours[name] = PALETTE[nColours++ % PALETTE.length];
    return colours[name];
  }

  function pageData() {
    var el = document.getElementById('board-data');
    try { return JSON.parse(el.getAttribute('data-json')); } catch (e) { return null; }
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  var hasECharts = typeof window.echarts !== 'undefined';
  var charts = [];
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });

  // --- Scalars ------------------------------------------------------------------------

  function tagRank(tag) {
    if (tag === 'loss') return '0';
    if (tag === 'val_loss') return '1';
    if (tag === 'loss (per step)') return '2';
    if (tag.indexOf('val_') === 0) return '3' + tag.slice(4) + '\u0001';
    return '3' + tag + '\u0000';
  }

  function scalarsPage(data, poll) {
    var state = { data: data, enabled: {}, smoothing: 0.6, x: 'epoch', log: false };
    var runsBox = document.getElementById('runs');
    var chartsBox = document.getElementById('charts');
    var live = document.getElementById('live');
    var slider = document.getElementById('smoothing');
    var sliderOut = document.getElementById('smoothing-value');
    var xSel = document.getElementById('xaxis');
    var logBox = document.getElementById('logscale');
    var byTag = {}; // tag → {box, chart, div}
    var runsKey = '';

    if (!hasECharts) { // only the run cards and the table: no controls
      slider = { value: '0', addEventListener: function () {} };
      xSel = { value: 'epoch', addEventListener: function () {} };
      logBox = { checked: false, addEventListener: function () {} };
    }
    slider.addEventListener('input', function () {
      state.smoothing = Number(slider.value);
      sliderOut.textContent = state.smoothing.toFixed(2);
      drawCharts();
    });
    xSel.addEventListener('change', function () { state.x = xSel.value; drawCharts(); });
    logBox.addEventListener('change', function () { state.log = logBox.checked; drawCharts(); });
    state.smoothing = Number(slider.value);
    state.x = xSel.value;
    state.log = logBox.checked;

    function drawRuns() {
      var runs = state.data.runs;
      var key = JSON.stringify(runs.map(function (r) { return [r.name, r.status, r.epochs, r.errors]; }));
      if (key === runsKey) return;
      runsKey = key;
      runsBox.textContent = '';
      if (runs.length === 0) {
        runsBox.appendChild(el('p', 'empty', 'No runs yet under this directory. Runs appear here as they start.'));
      }
      runs.forEach(function (r) {
        if (!(r.name in state.enabled)) state.enabled[r.name] = true;
        var card = el('div', 'run status-' + r.status.split(' ')[0]);
        card.setAttribute('data-run', r.name);
        var head = el('label', 'run-head');
        var box = el('input', 'run-toggle');
        box.type = 'checkbox';
        box.checked = state.enabled[r.name];
        box.value = r.name;
        box.addEventListener('change', function () { state.enabled[r.name] = box.checked; drawCharts(); });
        var sw = el('span', 'swatch');
        sw.style.background = colour(r.name);
        head.appendChild(box);
        head.appendChild(sw);
        head.appendChild(el('span', 'run-name', r.name));
        card.appendChild(head);
        var meta = el('div', 'run-meta');
        meta.appendChild(el('span', 'status', r.status));
        meta.appendChild(document.createTextNode(' · '));
        meta.appendChild(el('span', 'epochs', r.epochs + ' epochs'));
        card.appendChild(meta);
        r.errors.forEach(function (e) { card.appendChild(el('div', 'run-error', e)); });
        runsBox.appendChild(card);
      });
    }

    function tags() {
      var seen = {}, out = [];
      state.data.runs.forEach(function (r) {
        r.series.forEach(function (s) { if (!seen[s.tag]) { seen[s.tag] = true; out.push(s.tag); } });
      });
      out.sort(function (a, b) { var x = tagRank(a), y = tagRank(b); return x < y ? -1 : x > y ? 1 : 0; });
      return out;
    }

    var xIndex = { step: 0, epoch: 1, wall: 2 };
    var xName = { step: 'step', epoch: 'epoch', wall: 'wall time (s)' };

    function chartFor(tag) {
      if (byTag[tag]) return byTag[tag];
      var box = el('div', 'chart-box');
      box.appendChild(el('h3', '', tag));
      var div = el('div', 'chart');
      div.setAttribute('data-tag', tag);
      box.appendChild(div);
      chartsBox.appendChild(box);
      var c = { box: box, div: div, chart: echarts.init(div, null, { renderer: 'svg' }) };
      charts.push(c.chart);
      byTag[tag] = c;
      return c;
    }

    function drawCharts() {
      if (!hasECharts) return;
      var xi = xIndex[state.x];
      var order = tags();
      // Keep the boxes in the order of the tags.
      order.forEach(function (tag) { chartsBox.appendChild(chartFor(tag).box); });
      order.forEach(function (tag) {
        var c = chartFor(tag), series = [], points = 0, runsShown = [];
        state.data.runs.forEach(function (r) {
          if (!state.enabled[r.name]) return;
          var s = r.series.filter(function (s) { return s.tag === tag; })[0];
          if (!s) return;
          var pts = s.points;
          if (state.log) pts = pts.filter(function (p) { return p[3] > 0; });
          var raw = pts.map(function (p) { return p[3]; });
          var sm = smooth(raw, state.smoothing);
          var col = colour(r.name);
          points += pts.length;
          runsShown.push(r.name);
          var dot = pts.length < 30;
          if (state.smoothing > 0) {
            series.push({ type: 'line', name: r.name + ' (raw)', data: pts.map(function (p) { return [p[xi], p[3]]; }),
              showSymbol: false, lineStyle: { width: 1, opacity: 0.28, color: col }, itemStyle: { color: col, opacity: 0.28 },
              emphasis: { disabled: true }, silent: true, z: 1 });
          }
          series.push({ type: 'line', name: r.name, data: pts.map(function (p, i) { return [p[xi], sm[i], p[3]]; }),
            showSymbol: dot, symbolSize: 5, lineStyle: { width: 2, color: col }, itemStyle: { color: col }, z: 2 });
        });
        c.div.setAttribute('data-points', String(points));
        c.div.setAttribute('data-runs', JSON.stringify(runsShown));
        c.chart.setOption({
          animation: false,
          grid: { left: 56, right: 18, top: 16, bottom: 40 },
          tooltip: { trigger: 'axis', confine: true, formatter: tooltip },
          toolbox: { right: 4, top: -6, itemSize: 12, feature: { dataZoom: { yAxisIndex: 'none' }, restore: {} } },
          xAxis: { type: 'value', name: xName[state.x], nameLocation: 'middle', nameGap: 24, scale: true,
            min: state.x === 'step' ? 'dataMin' : 0, max: 'dataMax', axisLabel: { formatter: fmt, hideOverlap: true } },
          yAxis: { type: state.log ? 'log' : 'value', scale: true, axisLabel: { formatter: fmt } },
          series: series
        }, { notMerge: true });
      });
      Object.keys(byTag).forEach(function (tag) {
        if (order.indexOf(tag) < 0) { byTag[tag].box.remove(); }
      });
    }

    function tooltip(params) {
      var rows = params.filter(function (p) { return !/ \(raw\)$/.test(p.seriesName) || false; });
      if (rows.length === 0) return '';
      var head = escapeHTML(xName[state.x]) + ' ' + escapeHTML(fmt(rows[0].value[0]));
      return head + '<br>' + rows.map(function (p) {
        var v = p.value, txt = fmt(v[1]);
        if (state.smoothing > 0) txt += ' <span style="opacity:.6">(raw ' + escapeHTML(fmt(v[2])) + ')</span>';
        return p.marker + escapeHTML(p.seriesName) + ': <b>' + txt + '</b>';
      }).join('<br>');
    }

    function update(d) {
      state.data = d;
      drawRuns();
      drawCharts();
    }

    function refresh() {
      fetch('/api/scalars', { cache: 'no-store' }).then(function (res) {
        if (!res.ok) throw new Error(res.status + ' ' + res.statusText);
        return res.json();
      }).then(function (d) {
        update(d);
        live.className = 'live';
        live.textContent = 'live · updated ' + new Date().toLocaleTimeString();
      }).catch(function (e) {
        live.className = 'live down';
        live.textContent = 'board unreachable (' + e.message + '); retrying';
      });
    }

    runsKey = '';
    update(data);
    setInterval(refresh, poll);
  }

  // --- Histograms -------------------------------------------------------------------

  function histogramsPage(data) {
    if (!hasECharts || !data || !data.params) return;
    document.querySelectorAll('.hist-chart').forEach(function (div) {
      var p = data.params[Number(div.getAttribute('data-index'))];
      if (!p) return;
      var c = echarts.init(div, null, { renderer: 'svg' });
      charts.push(c);
      c.setOption({
        animation: false,
        grid: { left: 8, right: 70, top: 10, bottom: 28, containLabel: true },
        tooltip: { formatter: function (q) {
          return 'epoch ' + escapeHTML(p.epochs[q.value[0]]) + '<br>value ≈ ' + escapeHTML(fmt(p.centers[q.value[1]])) +
            '<br>' + escapeHTML(q.value[2]) + ' weights';
        } },
        xAxis: { type: 'category', name: 'epoch', nameLocation: 'middle', nameGap: 24, data: p.epochs.map(String) },
        yAxis: { type: 'category', name: 'value', data: p.centers.map(function (c) { return Number(c.toPrecision(3)).toString(); }) },
        visualMap: { min: 0, max: p.max || 1, calculable: false, text: ['many', 'few'], precision: 1, orient: 'vertical', right: 0, top: 'middle', itemHeight: 120,
          inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] }, textStyle: { fontSize: 10 } },
        series: [{ type: 'heatmap', data: p.cells, progressive: 0 }]
      });
      div.setAttribute('data-points', String(p.cells.length));
    });
  }

  // --- HParams ----------------------------------------------------------------------

  function hparamsPage(data) {
    var div = document.getElementById('parallel');
    if (!div || !data) return;
    if (!hasECharts || data.dims.length === 0) { div.remove(); return; }
    var c = echarts.init(div, null, { renderer: 'svg' });
    charts.push(c);
    c.setOption({
      animation: false,
      parallel: { left: 60, right: 110, top: 70, bottom: 30 },
      parallelAxis: data.dims.map(function (d, i) {
        var a = { dim: i, name: d.name, nameRotate: 20, nameTextStyle: { fontSize: 11 }, nameGap: 12 };
        if (d.categories) { a.type = 'category'; a.data = d.categories; } else { a.scale = true; a.axisLabel = { formatter: fmt }; }
        return a;
      }),
      tooltip: { trigger: 'item', formatter: function (q) { return escapeHTML(q.name); } },
      series: data.rows.map(function (r) {
        return { type: 'parallel', name: r.run, lineStyle: { width: 2.5, opacity: 0.85, color: colour(r.run) },
          emphasis: { lineStyle: { width: 4 } },
          data: [{ name: r.run, value: r.values.map(function (v) { return v === null ? '-' : v; }) }] };
      })
    });
    div.setAttribute('data-points', String(data.rows.length));
  }

  document.addEventListener('DOMContentLoaded', function () {
    var page = document.body.getAttribute('data-page');
    var data = pageData();
    var poll = Number(document.body.getAttribute('data-poll')) || 2000;
    if (page === 'scalars' && data) scalarsPage(data, poll);
    if (page === 'histograms') histogramsPage(data);
    if (page === 'hparams') hparamsPage(data);
  });
})();
