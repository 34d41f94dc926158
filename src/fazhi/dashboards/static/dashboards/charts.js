// The dashboard's charts: each chart fragment (loaded by htmx) carries its data as JSON; this
// draws it with ECharts and sends a click on a bar to the records it counted.
(function () {
  function draw(root) {
    var base = document.getElementById("chart-base");
    if (!window.echarts || !base) return;
    root.querySelectorAll(".echart:not([data-drawn])").forEach(function (el) {
      var source = document.getElementById(el.dataset.key + "-data");
      if (!source) return;
      var d = JSON.parse(source.textContent);
      el.dataset.drawn = "1";
      var chart = echarts.init(el);
      chart.setOption({
        tooltip: {trigger: "axis"}, legend: {},
        grid: {left: 50, right: 20, bottom: 80},
        xAxis: {type: "category", data: d.categories, axisLabel: {rotate: 30}},
        yAxis: {type: "value"},
        series: d.series.map(function (s) {
          return {name: s.name, type: "bar", stack: "all", data: s.data};
        })
      });
      chart.on("click", function (p) {
        var s = d.series[p.seriesIndex];
        window.location = base.dataset.records.replace("KEY", el.dataset.key) +
          "?scope=" + encodeURIComponent(base.dataset.scope) + "&year=" + base.dataset.year +
          "&category=" + encodeURIComponent(d.values[p.dataIndex]) +
          "&series=" + encodeURIComponent(s.key);
      });
    });
  }
  // after a fragment has settled its data script is in place too; drawn charts are skipped
  document.addEventListener("htmx:afterSettle", function () { draw(document); });
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
})();
