// The overview's charts (supervision/overview.html): data from the json_script #overview-charts.
(function () {
  'use strict';
  function ready(fn) {
    if (document.readyState !== 'loading') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }
  var COLORS = {finished: '#1f6b4f', late: '#b8322a', other: '#9fb8ad', progress: '#3b7dd8'};

  function bars(el, data, names) {
    if (!el || !data || !data.labels.length) { if (el) { el.remove(); } return null; }
    var chart = echarts.init(el);
    function series(key) {
      return {name: names[key], type: 'bar', stack: 'all', data: data[key], itemStyle: {color: COLORS[key]},
              barMaxWidth: 22};
    }
    chart.setOption({
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      legend: {top: 0},
      grid: {left: 8, right: 16, top: 28, bottom: 8, containLabel: true},
      xAxis: {type: 'value', minInterval: 1},
      yAxis: {type: 'category', data: data.labels, inverse: true,
              axisLabel: {width: 110, overflow: 'truncate'}},
      series: [series('finished'), series('late'), series('other')]
    });
    return chart;
  }

  function trend(el, data, names) {
    if (!el || !data || !data.months.length) { return null; }
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: {trigger: 'axis'},
      legend: {top: 0},
      grid: {left: 8, right: 8, top: 28, bottom: 8, containLabel: true},
      xAxis: {type: 'category', data: data.months},
      yAxis: [{type: 'value', min: 0, max: 100, axisLabel: {formatter: '{value}%'}},
              {type: 'value', min: 0, minInterval: 1, splitLine: {show: false}}],
      series: [
        {name: names.share_done, type: 'line', data: data.share_done, itemStyle: {color: COLORS.finished}},
        {name: names.share_in_progress, type: 'line', data: data.share_in_progress, itemStyle: {color: COLORS.progress}},
        {name: names.overdue_count, type: 'line', yAxisIndex: 1, data: data.overdue_count, itemStyle: {color: COLORS.late},
         lineStyle: {type: 'dashed'}}
      ]
    });
    return chart;
  }

  ready(function () {
    document.querySelectorAll('.bar i[data-width]').forEach(function (i) {
      i.style.width = Math.max(0, Math.min(100, parseFloat(i.dataset.width) || 0)) + '%';
    });
    document.querySelectorAll('[data-print]').forEach(function (b) {
      b.addEventListener('click', function () { window.print(); });
    });
    var source = document.getElementById('overview-charts');
    if (!source || typeof echarts === 'undefined') { return; }
    var data = JSON.parse(source.textContent);
    var charts = [bars(document.getElementById('chart-theme'), data.theme, data.names),
                  bars(document.getElementById('chart-unit'), data.unit, data.names),
                  trend(document.getElementById('chart-trend'), data.trend, data.names)].filter(Boolean);
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
    window.addEventListener('beforeprint', function () { charts.forEach(function (c) { c.resize(); }); });
  });
})();
