/*
 * NeuroScope surfaces — turnable 3-D surfaces side by side, drawn with Plotly's gl3d bundle (vendor/plotly).
 * Used by the board's run page and, inlined, by the tour report. Load vendor/plotly/plotly-gl3d.min.js first;
 * this file defines the global `NeuroScopeSurface`.
 *
 * API
 *   const view = NeuroScopeSurface.create(element, surface, options?)
 *     element   a block element; the panels are laid out side by side in it (stacked when narrow).
 *     surface   the content of a run's surface.json:
 *       {
 *         "title": "2-D fit: prediction and target",
 *         "x": { "label": "x₁", "values": [..nx] },  "y": { "label": "x₂", "values": [..ny] },
 *         "z": { "label": "f(x)" },
 *         "surfaces": [{ "name": "prediction", "z": [[..nx] ..ny] }, { "name": "target", "z": [..] }],
 *                       z[j][i] is the value at (x[i], y[j]); null where undefined. One panel per surface.
 *         "box":     { "x0": -1, "x1": 1, "y0": -1, "y1": 1 }   optional: outlined on every panel, on its surface
 *         "markers": [{ "name": "true", "x": 1, "y": 2, "z": 0.1? }]  optional: points on every panel (z defaults
 *                       to the surface's value there), each in its own colour with its name
 *       }
 *     options   { height: 420, linkCameras: true, fallback: "picture.png" (shown when WebGL is missing) }
 *   view.panels        the Plotly graph divs, one per surface
 *   view.ready         a Promise resolved when every panel is drawn (then element.dataset.ready = "yes")
 *   view.camera(i)     panel i's camera {eye, up, center};  view.turn(degrees) turns every panel about z
 *   view.webgl         false when the browser has no WebGL (then only the fallback picture or a note is shown)
 *   view.destroy()
 *
 * Drag turns a panel (the others follow when linkCameras), the wheel zooms, hovering shows x, y and z.
 * NeuroScopeSurface.interpolate(surface, grid, x, y) gives a grid's bilinear value at (x, y).
 */
(function (global) {
  "use strict";

  const markerColors = ["#d62728", "#111111", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf"];
  const boxColor = "#ff7f0e";

  function hasWebGl() {
    try {
      const canvas = document.createElement("canvas");
      return !!(canvas.getContext("webgl") || canvas.getContext("experimental-webgl"));
    } catch (e) {
      return false;
    }
  }

  /** Index i with values[i] ≤ v ≤ values[i+1] (clamped), for sorted grid axes. */
  function cell(values, v) {
    let lo = 0, hi = values.length - 1;
    if (hi < 1) return 0;
    if (v <= values[0]) return 0;
    if (v >= values[hi]) return hi - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (values[mid] <= v) lo = mid; else hi = mid;
    }
    return lo;
  }

  function interpolate(surface, grid, x, y) {
    const xs = surface.x.values, ys = surface.y.values;
    const i = cell(xs, x), j = cell(ys, y);
    const i1 = Math.min(i + 1, xs.length - 1), j1 = Math.min(j + 1, ys.length - 1);
    const tx = i1 === i ? 0 : Math.min(Math.max((x - xs[i]) / (xs[i1] - xs[i]), 0), 1);
    const ty = j1 === j ? 0 : Math.min(Math.max((y - ys[j]) / (ys[j1] - ys[j]), 0), 1);
    const z00 = grid[j][i], z10 = grid[j][i1], z01 = grid[j1][i], z11 = grid[j1][i1];
    if ([z00, z10, z01, z11].some(z => z === null || z === undefined || !isFinite(z))) return null;
    return (1 - ty) * ((1 - tx) * z00 + tx * z10) + ty * ((1 - tx) * z01 + tx * z11);
  }

  /** The training box drawn on the surface: its four edges sampled finely and lifted a little, so it follows the hills. */
  function boxTrace(surface, grid, lift) {
    const b = surface.box;
    const n = 40;
    const px = [], py = [], pz = [];
    const corners = [[b.x0, b.y0], [b.x1, b.y0], [b.x1, b.y1], [b.x0, b.y1], [b.x0, b.y0]];
    for (let e = 0; e < 4; e++) {
      const [ax, ay] = corners[e], [bx, by] = corners[e + 1];
      for (let k = 0; k <= n; k++) {
        const x = ax + (bx - ax) * k / n, y = ay + (by - ay) * k / n;
        const z = interpolate(surface, grid, x, y);
        px.push(x); py.push(y); pz.push(z === null ? null : z + lift);
      }
    }
    return {
      type: "scatter3d", mode: "lines", name: "training box", legendgroup: "box", x: px, y: py, z: pz,
      line: { color: boxColor, width: 6 }, hoverinfo: "skip", showlegend: true,
    };
  }

  /** The training box again on the floor of the plot, where hills never hide it. */
  function floorBoxTrace(surface, floor) {
    const b = surface.box;
    return {
      type: "scatter3d", mode: "lines", name: "training box", legendgroup: "box", showlegend: false, hoverinfo: "skip",
      x: [b.x0, b.x1, b.x1, b.x0, b.x0], y: [b.y0, b.y0, b.y1, b.y1, b.y0], z: [floor, floor, floor, floor, floor],
      line: { color: boxColor, width: 4, dash: "dash" },
    };
  }

  function markerTraces(surface, grid, lift) {
    return (surface.markers || []).map((m, k) => {
      const z = typeof m.z === "number" && isFinite(m.z) ? m.z : interpolate(surface, grid, m.x, m.y);
      return {
        // Named in the legend, not beside the point: labels of nearby points would cover each other.
        type: "scatter3d", mode: "markers", name: m.name, x: [m.x], y: [m.y], z: [z === null ? null : z + lift],
        marker: { size: 7, color: markerColors[k % markerColors.length], symbol: k === 0 ? "diamond" : "circle", line: { color: "#ffffff", width: 2 } },
        hovertemplate: `${m.name}<br>${surface.x.label} %{x:.4g}<br>${surface.y.label} %{y:.4g}<extra></extra>`,
      };
    });
  }

  function zRange(surface) {
    let lo = Infinity, hi = -Infinity;
    for (const s of surface.surfaces) for (const row of s.z) for (const v of row) if (v !== null && isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
    return isFinite(lo) ? [lo, hi] : [0, 1];
  }

  function create(element, surface, options) {
    const o = Object.assign({ height: 420, linkCameras: true, fallback: null }, options || {});
    element.innerHTML = "";
    element.classList.add("ns-surfaces");
    const view = { element, panels: [], webgl: hasWebGl(), ready: null };
    if (!view.webgl || typeof Plotly === "undefined") {
      view.webgl = false;
      const note = document.createElement("p");
      note.className = "note";
      note.textContent = "This browser cannot draw 3-D (WebGL is off); the picture shows the same surfaces.";
      element.appendChild(note);
      if (o.fallback) {
        const img = document.createElement("img");
        img.src = o.fallback;
        img.alt = surface.title || "surfaces";
        img.style.maxWidth = "100%";
        element.appendChild(img);
      }
      element.dataset.ready = "no-webgl";
      view.ready = Promise.resolve(view);
      view.camera = () => null;
      view.turn = () => {};
      view.destroy = () => { element.innerHTML = ""; };
      return view;
    }

    const row = document.createElement("div");
    row.style.display = "flex";
    row.style.flexWrap = "wrap";
    row.style.gap = "0.5rem";
    element.appendChild(row);
    const [zLo, zHi] = zRange(surface);
    const lift = (zHi - zLo) * 0.02;
    const basis = surface.surfaces.length > 1 ? "calc(50% - 0.25rem)" : "100%";
    const camera = { eye: { x: 1.3, y: -1.3, z: 0.8 }, up: { x: 0, y: 0, z: 1 }, center: { x: 0, y: 0, z: -0.1 } };
    let syncing = false;

    // Every panel's box is laid out before any is drawn, so each plot sizes itself to its final width.
    for (const s of surface.surfaces) {
      const div = document.createElement("div");
      div.style.flex = `1 1 ${basis}`;
      div.style.minWidth = "300px";
      div.style.height = `${o.height}px`;
      div.dataset.surface = s.name;
      row.appendChild(div);
      view.panels.push(div);
    }
    const drawn = surface.surfaces.map((s, k) => {
      const div = view.panels[k];
      const traces = [{
        type: "surface", name: s.name, x: surface.x.values, y: surface.y.values, z: s.z,
        colorscale: "Viridis", cmin: zLo, cmax: zHi, showscale: k === surface.surfaces.length - 1,
        colorbar: { title: { text: surface.z.label || "" }, thickness: 14, len: 0.75 },
        contours: { z: { show: true, usecolormap: true, project: { z: true }, width: 1 } },
        hovertemplate: `${surface.x.label} %{x:.4g}<br>${surface.y.label} %{y:.4g}<br>${surface.z.label || "z"} %{z:.4g}<extra>${s.name}</extra>`,
      }];
      if (surface.box) traces.push(boxTrace(surface, s.z, lift), floorBoxTrace(surface, zLo - lift * 2));
      traces.push(...markerTraces(surface, s.z, lift));
      const layout = {
        title: { text: s.name, font: { size: 15 } },
        margin: { l: 0, r: 0, t: 36, b: 0 },
        showlegend: traces.length > 1,
        legend: { orientation: "h", x: 0, y: 0, bgcolor: "rgba(255,255,255,0.7)" },
        font: { family: "system-ui, -apple-system, Segoe UI, DejaVu Sans, sans-serif", size: 12 },
        scene: {
          xaxis: { title: { text: surface.x.label } },
          yaxis: { title: { text: surface.y.label } },
          zaxis: { title: { text: surface.z.label || "" }, range: [zLo - lift * 2, zHi + (zHi - zLo) * 0.05] },
          camera: JSON.parse(JSON.stringify(camera)),
          aspectmode: "manual", aspectratio: { x: 1, y: 1, z: 0.7 },
          dragmode: "turntable",
        },
      };
      const config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["resetCameraLastSave3d"] };
      return Plotly.newPlot(div, traces, layout, config).then(() => {
        div.on("plotly_relayout", ev => {
          if (!o.linkCameras || syncing || !ev["scene.camera"]) return;
          syncing = true;
          Promise.all(view.panels.filter(p => p !== div).map(p => Plotly.relayout(p, { "scene.camera": ev["scene.camera"] })))
            .finally(() => { syncing = false; });
        });
      });
    });

    view.ready = Promise.all(drawn).then(() => { element.dataset.ready = "yes"; return view; });
    view.camera = i => {
      const p = view.panels[i];
      const scene = p && p._fullLayout && p._fullLayout.scene;
      if (!scene) return null;
      // The live camera (it moves while the user drags), else the one last committed to the layout.
      const live = scene._scene && typeof scene._scene.getCamera === "function" ? scene._scene.getCamera() : scene.camera;
      return JSON.parse(JSON.stringify(live));
    };
    view.turn = degrees => {
      const a = degrees * Math.PI / 180;
      return Promise.all(view.panels.map((p, i) => {
        const c = view.camera(i);
        const e = c.eye;
        c.eye = { x: e.x * Math.cos(a) - e.y * Math.sin(a), y: e.x * Math.sin(a) + e.y * Math.cos(a), z: e.z };
        return Plotly.relayout(p, { "scene.camera": c });
      }));
    };
    view.destroy = () => { view.panels.forEach(p => Plotly.purge(p)); element.innerHTML = ""; };
    return view;
  }

  global.NeuroScopeSurface = { create, interpolate };
})(window);
