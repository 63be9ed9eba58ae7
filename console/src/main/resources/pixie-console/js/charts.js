// Depth chart and candles drawn on a canvas with no library, so the console works offline with
// nothing but the node's jar. Prices become floating point here for pixel positions only.

const GRID = "#2c3a4a";
const TEXT = "#a9b7c6";

function setup(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || 600;
  const hgt = canvas.clientHeight || 220;
  canvas.width = w * ratio;
  canvas.height = hgt * ratio;
  const g = canvas.getContext("2d");
  g.scale(ratio, ratio);
  g.clearRect(0, 0, w, hgt);
  g.font = "12px system-ui, sans-serif";
  return { g, w, h: hgt };
}

/** An axis label without floating-point noise (2009.9999999998 → 2010). */
function label(v) {
  return String(Number(v.toPrecision(8)));
}

function empty(g, w, h, text) {
  g.fillStyle = TEXT;
  g.textAlign = "center";
  g.fillText(text, w / 2, h / 2);
}

/** Cumulative bid and ask depth; levels are [{price, quantity}] as decimal strings, best first. */
export function drawDepth(canvas, bids, asks) {
  const { g, w, h } = setup(canvas);
  if (bids.length === 0 && asks.length === 0) return empty(g, w, h, "No orders in the book");
  const cum = (levels) => {
    let t = 0;
    return levels.map((l) => ({ p: Number(l.price), q: (t += Number(l.quantity)) }));
  };
  const b = cum(bids);
  const a = cum(asks);
  const prices = [...b, ...a].map((x) => x.p);
  let lo = Math.min(...prices);
  let hi = Math.max(...prices);
  if (lo === hi) {
    lo *= 0.99;
    hi *= 1.01;
  }
  const maxQ = Math.max(...[...b, ...a].map((x) => x.q));
  const pad = 24;
  const x = (p) => pad + ((p - lo) / (hi - lo)) * (w - 2 * pad);
  const y = (q) => h - pad - (q / maxQ) * (h - 2 * pad);
  const area = (pts, color, fill) => {
    if (pts.length === 0) return;
    g.beginPath();
    g.moveTo(x(pts[0].p), h - pad);
    for (const pt of pts) g.lineTo(x(pt.p), y(pt.q));
    g.lineTo(x(pts[pts.length - 1].p), h - pad);
    g.closePath();
    g.fillStyle = fill;
    g.fill();
    g.strokeStyle = color;
    g.stroke();
  };
  g.strokeStyle = GRID;
  g.beginPath();
  g.moveTo(pad, h - pad);
  g.lineTo(w - pad, h - pad);
  g.stroke();
  area(b, "#56d364", "rgba(86,211,100,.25)");
  area(a, "#ff7b72", "rgba(255,123,114,.25)");
  g.fillStyle = TEXT;
  g.textAlign = "left";
  g.fillText(label(lo), pad, h - 6);
  g.textAlign = "right";
  g.fillText(label(hi), w - pad, h - 6);
}

/** One-minute candles from trades [{price, quantity, timeMillis}] (any order). */
export function candles(trades, bucketMs = 60000) {
  const byBucket = new Map();
  for (const t of [...trades].sort((p, q) => p.timeMillis - q.timeMillis || p.sequence - q.sequence)) {
    const k = Math.floor(t.timeMillis / bucketMs) * bucketMs;
    const p = Number(t.price);
    const c = byBucket.get(k);
    if (!c) byBucket.set(k, { t: k, o: p, h: p, l: p, c: p });
    else {
      c.h = Math.max(c.h, p);
      c.l = Math.min(c.l, p);
      c.c = p;
    }
  }
  return [...byBucket.values()];
}

export function drawCandles(canvas, trades) {
  const { g, w, h } = setup(canvas);
  const cs = candles(trades).slice(-40);
  if (cs.length === 0) return empty(g, w, h, "No trades yet");
  let lo = Math.min(...cs.map((c) => c.l));
  let hi = Math.max(...cs.map((c) => c.h));
  if (lo === hi) {
    lo *= 0.995;
    hi *= 1.005;
  }
  const pad = 24;
  const step = (w - 2 * pad) / Math.max(cs.length, 10);
  const y = (p) => h - pad - ((p - lo) / (hi - lo)) * (h - 2 * pad);
  cs.forEach((c, i) => {
    const cx = pad + step * (i + 0.5);
    const up = c.c >= c.o;
    g.strokeStyle = g.fillStyle = up ? "#56d364" : "#ff7b72";
    g.beginPath();
    g.moveTo(cx, y(c.h));
    g.lineTo(cx, y(c.l));
    g.stroke();
    const top = y(Math.max(c.o, c.c));
    g.fillRect(cx - step * 0.3, top, step * 0.6, Math.max(2, y(Math.min(c.o, c.c)) - top));
  });
  g.fillStyle = TEXT;
  g.textAlign = "left";
  g.fillText(label(hi), 2, pad - 8);
  g.fillText(label(lo), 2, h - 6);
}
