// A tiny element builder: h("td", {class: "num"}, "1.25"). Text is always set as text, never HTML.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's content. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function badge(text, kind) {
  return h("span", { class: "badge " + kind }, text);
}

export function simBadge() {
  return h("span", { class: "badge sim", title: "Simulated TEE: no hardware protection" }, "SIMULATED");
}

export function short(hex, n = 10) {
  if (!hex) return "";
  const s = String(hex);
  return s.length <= 2 * n + 3 ? s : s.slice(0, n + 2) + "…" + s.slice(-n);
}

export function toast(message, error = false) {
  const box = document.getElementById("toast");
  const item = h("div", { class: error ? "error" : "" }, message);
  box.append(item);
  setTimeout(() => item.remove(), 8000);
}

export function table(headers, rows, attrs = {}) {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      attrs,
      h("thead", {}, h("tr", {}, headers.map((x) => h("th", { scope: "col", class: x.startsWith?.("#") ? "num" : "" }, x.replace?.(/^#/, "") ?? x)))),
      h("tbody", {}, rows)
    )
  );
}

export function download(name, text, type = "text/plain") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
