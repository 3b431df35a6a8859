/*
 * NeuroScope metric charts — interactive 2-D line charts of a run's metrics, drawn with uPlot (vendor/uplot).
 * Used by the board's pages and, inlined, by the tour report. Load vendor/uplot/uPlot.iife.min.js and
 * vendor/uplot/uPlot.min.css first; this file defines the global `NeuroScopeCharts`.
 *
 * API
 *   const chart = NeuroScopeCharts.create(element, options)
 *     element   a block element to draw into (the chart fills its width).
 *     options   {
 *       title:      "sharpness",                     heading above the chart
 *       xLabel:     "step",  yLabel: "sharpness",    axis labels
 *       runs:       [{ label: "lr 0.01", x: [..], y: [..], color?: "#1f77b4" }, ...]
 *                   one line per run, each in its own colour; the label (e.g. the run's settings) is its legend
 *                   entry. x must increase; y may hold null/NaN/±Infinity (drawn as gaps).
 *       references: [{ value: 200, label: "2/lr", run?: 0, color?: "#d62728" }, ...]
 *                   dashed horizontal lines (e.g. sharpness' 2/lr), in the run's colour when `run` is given;
 *                   the y range always includes them.
 *       logY:       false,  smoothing: 0,            initial log axis and smoothing weight (0 ≤ w < 1)
 *       height:     280                              plot height in CSS pixels
 *     }
 *   chart.append(rows, run = 0)   adds points to a run, live: rows = [[x, y], ...] or [{x, y}, ...]
 *   chart.setRun(run, { x, y })   replaces a run's data;  chart.addRun({ label, x, y, color? }) adds one
 *   chart.setLogY(bool), chart.setSmoothing(w), chart.resetZoom(), chart.setXRange(min, max)
 *   chart.xRange()                the visible x range {min, max};  chart.plot  the uPlot instance
 *   chart.destroy()
 *
 *   const panel = NeuroScopeCharts.panel(element, table, options)
 *     One chart per metric column of a table { columns: ["step", "loss", ...], rows: [[0, 0.5, ...], ...] }
 *     (x = options.x or the first column). options.references maps a column to its reference lines,
 *     options.columns picks and orders the columns, options.runLabel names the legend entry.
 *     panel.append(rows) adds rows (arrays in the table's column order) to every chart; panel.charts.
 *   NeuroScopeCharts.parseCsv(text)  → { columns, rows } from metrics.csv text (numbers; "NaN" and blanks → null;
 *     a last line cut mid-write is dropped).
 *   NeuroScopeCharts.smooth(values, w)  TensorBoard's debiased exponential moving average.
 *   NeuroScopeCharts.palette         the run colours, in order.
 *
 * Interaction: drag to zoom the x range, Shift+drag (or the middle button) to pan, the wheel zooms around the
 * cursor, double-click or "reset" shows everything; the toolbar toggles the log axis and sets the smoothing; the
 * legend shows each run's value under the cursor. Each chart's element gets data-ready="yes" once drawn.
 */
(function (global) {
  "use strict";

  const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
  let styleInjected = false;

  function injectStyle() {
    if (styleInjected) return;
    styleInjected = true;
    const css = `
      .ns-chart { margin: 0.8rem 0 1.4rem; font: 13px system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d2330; }
      .ns-chart-head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 1rem; margin-bottom: 0.3rem; }
      .ns-chart-title { font-weight: 600; font-size: 14px; margin-right: auto; }
      .ns-chart-tools { display: flex; align-items: center; gap: 0.6rem; color: #4a5468; }
      .ns-chart-tools button { font: inherit; padding: 0.1rem 0.55rem; border: 1px solid #c5ccd8; border-radius: 4px; background: #f6f8fb; cursor: pointer; }
      .ns-chart-tools button[aria-pressed="true"] { background: #dbe6f7; border-color: #7d9bd1; }
      .ns-chart-tools input[type=range] { width: 90px; vertical-align: middle; }
      .ns-chart-legend { display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem; margin-top: 0.25rem; font-variant-numeric: tabular-nums; }
      .ns-chart-legend .ns-x { color: #4a5468; }
      .ns-chart-legend .ns-swatch { display: inline-block; width: 14px; height: 3px; vertical-align: middle; margin-right: 0.35rem; }
      .ns-chart-legend .ns-value { margin-left: 0.35rem; font-weight: 600; }
      .ns-chart-hint { color: #6b7486; font-size: 12px; margin-top: 0.15rem; }
      .ns-chart .u-select { background: rgba(31, 119, 180, 0.12); }
    `;
    const style = document.createElement("style");
    style.textContent = css;
    document.head.appendChild(style);
  }

  function finiteOrNull(v) {
    return typeof v === "number" && isFinite(v) ? v : null;
  }

  /** TensorBoard's smoothing: an exponential moving average debiased for its start; gaps stay gaps. */
  function smooth(values, weight) {
    if (!(weight > 0)) return values.slice();
    const out = new Array(values.length);
    let last = 0, count = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || !isFinite(v)) { out[i] = null; continue; }
      last = last * weight + (1 - weight) * v;
      count++;
      out[i] = last / (1 - Math.pow(weight, count));
    }
    return out;
  }

  function formatNumber(v, digits) {
    if (v === null || v === undefined || !isFinite(v)) return "–";
    const a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e6)) {
      // 1.50e-6 → 1.5e-6: scientific notation without trailing zeros.
      const [mantissa, exponent] = v.toExponential((digits || 5) - 1).split("e");
      return `${mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa}e${exponent.replace("+", "")}`;
    }
    if (Number.isInteger(v)) return String(v);
    return String(Number(v.toPrecision(digits || 5)));
  }

  /** Tick labels with as few digits as keep neighbouring ticks apart (0.99995 and 0.99996, not "1" twice). */
  function tickLabels(vals, digits) {
    for (let d = digits; d <= 12; d++) {
      const labels = vals.map(v => (v === null ? "" : formatNumber(v, d)));
      if (new Set(labels.filter(l => l !== "")).size === labels.filter(l => l !== "").length) return labels;
    }
    return vals.map(v => (v === null ? "" : formatNumber(v, 12)));
  }

  /** A log axis ticks and grids only its decades (1, 10, 100, …), which reads better than uPlot's 2…9 ticks; a zoom inside one decade gets its ends and middle. */
  function decades(u, axisIndex, min, max) {
    const out = [];
    for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
      const v = Math.pow(10, e);
      if (v >= min * 0.999 && v <= max * 1.001) out.push(v);
    }
    return out.length >= 2 ? out : [min, Math.sqrt(min * max), max];
  }

  /** Room for the longest tick label of the y axis, plus its title. */
  function yAxisSize(u, values) {
    if (!values) return 60;
    let longest = 0;
    for (const v of values) if (v && v.length > longest) longest = v.length;
    return Math.max(50, Math.ceil(longest * 7.2) + 30);
  }

  function parseCsv(text) {
    const lines = text.split(/\r?\n/);
    const columns = (lines[0] || "").split(",").map(s => s.trim()).filter(s => s.length > 0);
    const rows = [];
    // The file is appended while a run goes on, so a last line without its newline may be cut mid-write.
    const complete = text.endsWith("\n") ? lines.length : lines.length - 1;
    for (let i = 1; i < complete; i++) {
      if (lines[i].trim() === "") continue;
      const cells = lines[i].split(",");
      if (cells.length !== columns.length) continue;
      rows.push(cells.map(c => {
        const t = c.trim();
        if (t === "") return null;
        const v = Number(t);
        return isFinite(v) ? v : null;
      }));
    }
    return { columns, rows };
  }

  /** A run's points with a finite x, in the chart's own arrays (the caller's arrays are never changed). */
  function cleanRun(r, i) {
    const x = [], y = [];
    const xs = r.x || [], ys = r.y || [];
    for (let k = 0; k < xs.length; k++) {
      if (typeof xs[k] !== "number" || !isFinite(xs[k])) continue;
      x.push(xs[k]);
      y.push(finiteOrNull(ys[k]));
    }
    return { label: r.label || `run ${i + 1}`, color: r.color || palette[i % palette.length], x, y };
  }

  /** Merges runs with their own x values into uPlot's aligned form: one sorted x array, null where a run has no point. */
  function align(runs) {
    if (runs.length === 1) return [runs[0].x.slice(), runs[0].y.map(finiteOrNull)];
    const all = [];
    for (const r of runs) for (const x of r.x) all.push(x);
    all.sort((a, b) => a - b);
    const xs = [];
    for (const x of all) if (xs.length === 0 || xs[xs.length - 1] !== x) xs.push(x);
    const index = new Map(xs.map((x, i) => [x, i]));
    const data = [xs];
    for (const r of runs) {
      const ys = new Array(xs.length).fill(null);
      for (let i = 0; i < r.x.length; i++) ys[index.get(r.x[i])] = finiteOrNull(r.y[i]);
      data.push(ys);
    }
    return data;
  }

  function create(element, options) {
    if (typeof uPlot === "undefined") throw new Error("NeuroScopeCharts needs uPlot: load vendor/uplot/uPlot.iife.min.js first.");
    injectStyle();
    const o = Object.assign({ title: "", xLabel: "step", yLabel: "", runs: [], references: [], logY: false, smoothing: 0, height: 280 }, options || {});
    const runs = o.runs.map(cleanRun);
    let logY = !!o.logY;
    let smoothing = Math.min(Math.max(+o.smoothing || 0, 0), 0.99);
    let plot = null;
    let xZoom = null;

    element.classList.add("ns-chart");
    element.innerHTML = "";
    const head = document.createElement("div");
    head.className = "ns-chart-head";
    const title = document.createElement("span");
    title.className = "ns-chart-title";
    title.textContent = o.title;
    const tools = document.createElement("span");
    tools.className = "ns-chart-tools";
    const logButton = document.createElement("button");
    logButton.type = "button";
    logButton.textContent = "log y";
    logButton.title = "Logarithmic y axis (values ≤ 0 are left out)";
    const resetButton = document.createElement("button");
    resetButton.type = "button";
    resetButton.textContent = "reset";
    resetButton.title = "Show all the data (or double-click the plot)";
    const smoothLabel = document.createElement("label");
    smoothLabel.textContent = "smoothing ";
    const slider = document.createElement("input");
    slider.type = "range"; slider.min = "0"; slider.max = "0.99"; slider.step = "0.01";
    const smoothValue = document.createElement("span");
    smoothLabel.append(slider, " ", smoothValue);
    tools.append(logButton, resetButton, smoothLabel);
    head.append(title, tools);
    const plotHost = document.createElement("div");
    plotHost.className = "ns-chart-plot";
    const legend = document.createElement("div");
    legend.className = "ns-chart-legend";
    const hint = document.createElement("div");
    hint.className = "ns-chart-hint";
    hint.textContent = "Drag to zoom · Shift+drag to pan · wheel zooms · double-click resets";
    element.append(head, plotHost, legend, hint);

    const legendX = document.createElement("span");
    legendX.className = "ns-x";
    const legendValues = [];
    function buildLegend() {
      legend.innerHTML = "";
      legend.append(legendX);
      legendValues.length = 0;
      runs.forEach(r => {
        const item = document.createElement("span");
        const swatch = document.createElement("span");
        swatch.className = "ns-swatch";
        swatch.style.background = r.color;
        const value = document.createElement("span");
        value.className = "ns-value";
        item.append(swatch, r.label, value);
        legend.append(item);
        legendValues.push(value);
      });
    }

    function data() {
      const aligned = align(runs);
      const out = [aligned[0]];
      for (let i = 0; i < runs.length; i++) {
        let ys = aligned[i + 1];
        if (logY) ys = ys.map(v => (v !== null && v > 0 ? v : null));
        out.push(smoothing > 0 ? smooth(ys, smoothing) : ys); // the line drawn (smoothed)
        out.push(ys);                                         // the raw values, faint behind it when smoothing
      }
      return out;
    }

    function yRange(u, min, max) {
      for (const ref of o.references) {
        if (!isFinite(ref.value) || (logY && ref.value <= 0)) continue;
        min = min === null ? ref.value : Math.min(min, ref.value);
        max = max === null ? ref.value : Math.max(max, ref.value);
      }
      if (min === null || max === null) return logY ? [1, 10] : [0, 1];
      if (logY) {
        const lo = Math.pow(10, Math.floor(Math.log10(min))), hi = Math.pow(10, Math.ceil(Math.log10(max)));
        return [lo, hi === lo ? hi * 10 : hi];
      }
      if (min === max) { const pad = Math.abs(min) * 0.1 || 1; return [min - pad, max + pad]; }
      const pad = (max - min) * 0.05;
      return [min - pad, max + pad];
    }

    function drawReferences(u) {
      const ctx = u.ctx;
      const { left, top, width, height } = u.bbox;
      ctx.save();
      ctx.beginPath();
      ctx.rect(left, top, width, height);
      ctx.clip();
      const dpr = window.devicePixelRatio || 1;
      ctx.font = `${12 * dpr}px system-ui, sans-serif`;
      for (const ref of o.references) {
        if (!isFinite(ref.value) || (logY && ref.value <= 0)) continue;
        const y = Math.round(u.valToPos(ref.value, "y", true)) + 0.5;
        const color = ref.color || (ref.run !== undefined && runs[ref.run] ? runs[ref.run].color : "#d62728");
        ctx.strokeStyle = color;
        ctx.lineWidth = 1.5 * dpr;
        ctx.setLineDash([6 * dpr, 4 * dpr]);
        ctx.beginPath();
        ctx.moveTo(left, y);
        ctx.lineTo(left + width, y);
        ctx.stroke();
        if (ref.label) {
          ctx.setLineDash([]);
          ctx.fillStyle = color;
          ctx.textAlign = "right";
          // Above the line, unless that would leave the plot: then below it.
          const above = y - 16 * dpr > top;
          ctx.textBaseline = above ? "bottom" : "top";
          ctx.fillText(`${ref.label} = ${formatNumber(ref.value)}`, left + width - 4 * dpr, above ? y - 3 * dpr : y + 3 * dpr);
        }
      }
      ctx.restore();
    }

    function updateLegend(u) {
      const idx = u ? u.cursor.idx : null;
      const d = plot ? plot.data : null;
      const at = idx !== null && idx !== undefined && d ? idx : null;
      legendX.textContent = at !== null ? `${o.xLabel} ${formatNumber(d[0][at])}` : `${o.xLabel}`;
      runs.forEach((r, i) => {
        let v = null;
        if (d) {
          if (at !== null) v = d[1 + 2 * i][at];
          else { const ys = d[1 + 2 * i]; for (let k = ys.length - 1; k >= 0; k--) if (ys[k] !== null) { v = ys[k]; break; } }
        }
        legendValues[i].textContent = formatNumber(v);
      });
    }

    function series() {
      const s = [{ label: o.xLabel }];
      runs.forEach(r => {
        s.push({ label: r.label, stroke: r.color, width: 1.8, spanGaps: false, points: { show: false } });
        s.push({ label: r.label + " (raw)", stroke: r.color + "40", width: 1, show: smoothing > 0, points: { show: false } });
      });
      return s;
    }

    function width() {
      return Math.max(240, Math.floor(plotHost.clientWidth || element.clientWidth || 640));
    }

    function build() {
      const keep = xZoom;
      if (plot) plot.destroy();
      const opts = {
        width: width(),
        height: o.height,
        legend: { show: false },
        cursor: { drag: { x: true, y: false, setScale: true }, points: { size: 6 } },
        scales: { x: { time: false }, y: { distr: logY ? 3 : 1, log: 10, range: yRange } },
        axes: [
          { label: o.xLabel, stroke: "#39424f", grid: { stroke: "#e9edf3" }, ticks: { stroke: "#c5ccd8" }, values: (u, vals) => tickLabels(vals, 6) },
          Object.assign({ label: o.yLabel, stroke: "#39424f", grid: { stroke: "#e9edf3" }, ticks: { stroke: "#c5ccd8" }, size: yAxisSize,
            values: (u, vals) => tickLabels(vals, 4) }, logY ? { splits: decades } : {}),
        ],
        series: series(),
        hooks: {
          draw: [drawReferences],
          setCursor: [updateLegend],
          setScale: [(u, key) => { if (key === "x") xZoom = isZoomed(u) ? { min: u.scales.x.min, max: u.scales.x.max } : null; }],
          ready: [u => { installPan(u); element.dataset.ready = "yes"; }],
        },
      };
      plot = new uPlot(opts, data(), plotHost);
      if (keep) plot.setScale("x", keep);
      logButton.setAttribute("aria-pressed", logY ? "true" : "false");
      slider.value = String(smoothing);
      smoothValue.textContent = smoothing.toFixed(2);
      updateLegend(null);
      chart.plot = plot;
    }

    function fullX(u) {
      const xs = (u || plot).data[0];
      return xs.length ? { min: xs[0], max: xs[xs.length - 1] } : null;
    }

    function isZoomed(u) {
      const f = fullX(u);
      return !!f && (u.scales.x.min > f.min || u.scales.x.max < f.max);
    }

    function installPan(u) {
      const over = u.over;
      // Listens on the plot's root in the capture phase, so a panning drag never reaches uPlot's own drag-to-zoom.
      u.root.addEventListener("mousedown", e => {
        if (!(e.shiftKey || e.button === 1) || !over.contains(e.target)) return;
        e.preventDefault();
        e.stopPropagation();
        const startX = e.clientX, min0 = u.scales.x.min, max0 = u.scales.x.max;
        const perPixel = (max0 - min0) / u.bbox.width * (window.devicePixelRatio || 1);
        const move = ev => { const dx = (ev.clientX - startX) * perPixel; u.setScale("x", { min: min0 - dx, max: max0 - dx }); };
        const up = () => { document.removeEventListener("mousemove", move); document.removeEventListener("mouseup", up); };
        document.addEventListener("mousemove", move);
        document.addEventListener("mouseup", up);
      }, true);
      over.addEventListener("wheel", e => {
        e.preventDefault();
        const { left } = u.cursor;
        if (left === undefined || left < 0) return;
        const at = u.posToVal(left, "x");
        const factor = e.deltaY < 0 ? 0.8 : 1.25;
        const f = fullX(u);
        let min = at - (at - u.scales.x.min) * factor, max = at + (u.scales.x.max - at) * factor;
        if (f && min <= f.min && max >= f.max) { min = f.min; max = f.max; }
        u.setScale("x", { min, max });
      }, { passive: false });
    }

    const chart = {
      element,
      plot: null,
      append(rows, run = 0) {
        const r = runs[run];
        if (!r) throw new Error(`No run ${run}; the chart has ${runs.length}.`);
        for (const row of rows) {
          const x = Array.isArray(row) ? row[0] : row.x, y = Array.isArray(row) ? row[1] : row.y;
          if (typeof x !== "number" || !isFinite(x)) continue;
          r.x.push(x);
          r.y.push(finiteOrNull(y));
        }
        const keep = xZoom;
        plot.setData(data(), !keep);
        if (keep) plot.setScale("x", keep);
        updateLegend(null);
      },
      setRun(run, values) {
        const c = cleanRun(values, run);
        runs[run].x = c.x;
        runs[run].y = c.y;
        plot.setData(data());
        updateLegend(null);
      },
      addRun(r) {
        runs.push(cleanRun(r, runs.length));
        buildLegend();
        build();
      },
      setLogY(on) { logY = !!on; build(); },
      setSmoothing(w) { smoothing = Math.min(Math.max(+w || 0, 0), 0.99); build(); },
      resetZoom() { xZoom = null; const f = fullX(); if (f) plot.setScale("x", f); },
      setXRange(min, max) { plot.setScale("x", { min, max }); },
      xRange() { return { min: plot.scales.x.min, max: plot.scales.x.max }; },
      get logY() { return logY; },
      get smoothing() { return smoothing; },
      destroy() { resizeObserver.disconnect(); plot.destroy(); element.innerHTML = ""; },
    };

    logButton.addEventListener("click", () => chart.setLogY(!logY));
    resetButton.addEventListener("click", () => chart.resetZoom());
    slider.addEventListener("input", () => { smoothing = +slider.value; smoothValue.textContent = smoothing.toFixed(2); });
    slider.addEventListener("change", () => chart.setSmoothing(+slider.value));
    const resizeObserver = new ResizeObserver(() => { if (plot && Math.abs(plot.width - width()) > 2) plot.setSize({ width: width(), height: o.height }); });
    resizeObserver.observe(element);

    buildLegend();
    build();
    return chart;
  }

  function panel(element, table, options) {
    const o = Object.assign({ x: table.columns[0], references: {}, runLabel: "this run", height: 240 }, options || {});
    const xi = table.columns.indexOf(o.x);
    if (xi < 0) throw new Error(`No column '${o.x}' in ${table.columns.join(", ")}.`);
    const names = (o.columns || table.columns).filter(c => c !== o.x && table.columns.includes(c));
    const charts = [];
    const indices = [];
    element.innerHTML = "";
    for (const name of names) {
      const ci = table.columns.indexOf(name);
      const host = document.createElement("div");
      host.dataset.metric = name;
      element.appendChild(host);
      charts.push(create(host, {
        title: name, xLabel: o.x, yLabel: name, height: o.height, logY: !!(o.logY && o.logY[name]),
        runs: [{ label: o.runLabel, x: table.rows.map(r => r[xi]), y: table.rows.map(r => r[ci]) }],
        references: o.references[name] || [],
      }));
      indices.push(ci);
    }
    return {
      element,
      charts,
      append(rows) {
        charts.forEach((c, k) => c.append(rows.map(r => [r[xi], r[indices[k]]])));
      },
    };
  }

  global.NeuroScopeCharts = { create, panel, parseCsv, smooth, palette, formatNumber };
})(window);
