/* Timeliness charts: stacked bars drawn by Apache ECharts (served from /static/vendor/)
   from the JSON each chart's json_script element holds. No inline script (CSP);
   the same figures are in the table under every chart. */
(function () {
  "use strict";
  var COLOURS = ["#2e7d32", "#ef6c00", "#c62828"];
  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-chart"));
    if (!source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    var height = Math.max(240, 48 + 28 * data.categories.length);
    element.style.height = height + "px";
    var chart = window.echarts.init(element);
    chart.setOption({
      animation: false,
      color: COLOURS,
      aria: { enabled: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, renderMode: "richText" },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: data.categories, inverse: true },
      series: data.series.map(function (s) {
        return { name: s.name, type: "bar", stack: "total", data: s.data, barMaxWidth: 22 };
      })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var charts = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < charts.length; i += 1) { draw(charts[i]); }
  });
}());
