// The ranking tables: sort by a column (click or Enter on its header), and the bar chart from the
// json_script #ranking-chart. Also for the tables htmx brings into the area, evaluation, overview and
// month pages (htmx:load); a delete form asks first (data-confirm). No inline script: the pages' CSP allows none.
(function () {
  'use strict';

  function key(cell, numeric) {
    var raw = cell ? cell.getAttribute('data-value') : null;
    if (raw === null) { raw = cell ? cell.textContent.trim() : ''; }
    if (!numeric) { return raw; }
    var n = parseFloat(raw);
    return isNaN(n) ? null : n;
  }

  function sortBy(th) {
    var table = th.closest('table'), body = table.tBodies[0];
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.getAttribute('data-sort') === 'num';
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th[aria-sort]').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[col], numeric), y = key(b.cells[col], numeric);
      if (x === null || x === '') { return (y === null || y === '') ? 0 : 1; }  // no value: always last
      if (y === null || y === '') { return -1; }
      var order = numeric ? x - y : String(x).localeCompare(String(y), 'zh');
      return ascending ? order : -order;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function sortable(root) {
    root.querySelectorAll('table.ranking th[data-sort]').forEach(function (th) {
      if (th.hasAttribute('data-ready')) { return; }
      th.setAttribute('data-ready', '');
      th.tabIndex = 0;
      th.addEventListener('click', function () { sortBy(th); });
      th.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(th); }
      });
    });
  }

  function chart() {
    var source = document.getElementById('ranking-chart'), el = document.getElementById('ranking-bars');
    if (!source || !el || typeof echarts === 'undefined') { return; }
    var data = JSON.parse(source.textContent);
    if (!data.names.length) { el.remove(); return; }
    var bars = echarts.init(el);
    bars.setOption({
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      grid: {left: 8, right: 24, top: 16, bottom: 28, containLabel: true},
      xAxis: {type: 'value', name: data.unit, nameLocation: 'middle', nameGap: 24},
      yAxis: {type: 'category', data: data.names, inverse: true, axisLabel: {width: 90, overflow: 'truncate'}},
      series: [{name: data.label, type: 'bar', barMaxWidth: 18,
                data: data.values.map(function (v, i) {
                  var colour = data.bottom[i] ? '#b8322a' : (data.top[i] ? '#1f6b4f' : '#6f8f9e');
                  return {value: v, itemStyle: {color: colour}};
                })}]
    });
    window.addEventListener('resize', function () { bars.resize(); });
  }

  function ready(fn) {
    if (document.readyState !== 'loading') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }
  ready(function () {
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {  // deleting a saved ranking
      form.addEventListener('submit', function (e) {
        if (!window.confirm(form.getAttribute('data-confirm'))) { e.preventDefault(); }
      });
    });
    sortable(document);
    chart();
    document.body.addEventListener('htmx:load', function (e) { sortable(e.detail.elt); });
  });
})();
