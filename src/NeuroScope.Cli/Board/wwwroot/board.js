/* NeuroScope board: what every page shares — the header, fetching JSON, and small formatting helpers. Global `Board`. */
(function (global) {
  "use strict";

  /** Creates an element: el("a", { href: "/x", class: "c" }, "text", child, ...). */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  async function json(url, options) {
    const response = await fetch(url, options);
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const error = new Error((body && body.message) || `${response.status} ${response.statusText}`);
      error.status = response.status;
      error.body = body;
      throw error;
    }
    return body;
  }

  function post(url, body) {
    return json(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  }

  /** A number as people read it: six significant digits, no exponent between 1e-4 and 1e6. */
  function number(value) {
    if (value === null || value === undefined) return "—";
    if (!isFinite(value)) return String(value);
    const a = Math.abs(value);
    if (a !== 0 && (a < 1e-4 || a >= 1e6)) return value.toExponential(3);
    return String(Number(value.toPrecision(6)));
  }

  function when(iso) {
    const d = new Date(iso);
    if (isNaN(d)) return "?";
    const pad = n => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }

  function status(value) {
    return el("span", { class: `status ${value}`, "data-status": value }, value);
  }

  /** A run id as a URL path: each folder name escaped, the '/' kept. */
  function path(id) {
    return id.split("/").map(encodeURIComponent).join("/");
  }

  function header(current) {
    const links = [["/", "Runs"], ["/compare", "Compare"], ["/launch", "Launch"]];
    const nav = el("nav", {}, links.map(([href, text]) => el("a", { href, "aria-current": href === current ? "page" : null }, text)));
    const bar = el("header", { class: "top" }, el("a", { class: "brand", href: "/" }, "NeuroScope board"), nav, el("span", { class: "root", id: "runs-root" }));
    document.body.prepend(bar);
  }

  function headlines(list) {
    return el("div", { class: "headlines" }, (list || []).slice(0, 3).map(h =>
      el("span", {}, `${h.label} `, el("b", {}, number(h.value)), h.unit ? ` ${h.unit}` : "")));
  }

  global.Board = { el, json, post, number, when, status, path, header, headlines };
})(window);
