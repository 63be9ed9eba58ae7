// The DEX trading API (docs/trading-api.md): REST /api/v1 for market data, orders and the trader's
// own orders (wallet-signed requests), and the WebSocket /ws streams that keep a local book.

import { utf8, toHex } from "./crypto/bytes.js";
import { toUnits } from "./fixed.js";

/** An error answer of the trading API: {code, msg} and the HTTP status. */
export class TradingError extends Error {
  constructor(status, body) {
    super(body?.msg ?? "HTTP " + status);
    this.status = status;
    this.code = body?.code;
    this.name = "TRADING_API " + (body?.code ?? status);
  }
}

async function answer(res) {
  const text = await res.text();
  const body = text ? JSON.parse(text) : null;
  if (!res.ok) throw new TradingError(res.status, body);
  return body;
}

/** True when this node serves the trading API. */
export async function available() {
  try {
    return (await fetch("/api/v1/exchangeInfo")).ok;
  } catch {
    return false;
  }
}

export async function get(path, params = {}) {
  const q = new URLSearchParams(params).toString();
  return answer(await fetch(path + (q ? "?" + q : "")));
}

/**
 * A private read signed by the trader: personal_sign over the five lines "Pixie DEX API", "GET",
 * path, query, timestamp; signed afresh for every request, since the node refuses a replay.
 */
export async function signedGet(path, params, signer) {
  const q = new URLSearchParams(params).toString();
  const ts = String(Date.now());
  const message = ["Pixie DEX API", "GET", path, q, ts].join("\n");
  const signature = await signer.signMessage(utf8(message));
  return answer(
    await fetch(path + (q ? "?" + q : ""), {
      headers: {
        "X-Pixie-Address": signer.address,
        "X-Pixie-Timestamp": ts,
        "X-Pixie-Signature": "0x" + toHex(signature),
      },
    })
  );
}

/** POST /api/v1/order or DELETE /api/v1/order with a signed work-order transaction. */
export async function sendTx(method, path, txHex) {
  return answer(
    await fetch(path, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tx: txHex }),
    })
  );
}

/**
 * Keeps a market's book from the depth stream (snapshot, then diffs numbered U..u; a gap means a
 * lost event, so it subscribes again) and passes on trades. Calls onBook({bids, asks}) with
 * [{price, quantity}] best first, onTrade(trade), onState("live" | "reconnecting").
 */
export class LiveMarket {
  constructor(market, priceDecimals, { onBook, onTrade, onState }) {
    Object.assign(this, { market, priceDecimals, onBook, onTrade, onState });
    this.closed = false;
    this.connect();
  }

  connect() {
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    this.ws = new WebSocket(url);
    this.book = null;
    this.ws.onopen = () => this.subscribe();
    this.ws.onmessage = (e) => this.handle(JSON.parse(e.data));
    this.ws.onclose = () => {
      if (this.closed) return;
      this.onState("reconnecting");
      this.retry = setTimeout(() => this.connect(), 2000);
    };
  }

  subscribe() {
    this.ws.send(JSON.stringify({ method: "SUBSCRIBE", params: ["depth@" + this.market, "trades@" + this.market], id: 1 }));
  }

  handle(msg) {
    if (!msg.stream) return;
    const d = msg.data;
    if (d.e === "depthSnapshot") {
      this.book = { bids: new Map(d.bids), asks: new Map(d.asks), last: d.lastUpdateId };
      this.onState("live");
      this.emit();
    } else if (d.e === "depthUpdate" && this.book) {
      if (d.u <= this.book.last) return;
      if (d.U !== this.book.last + 1) {
        this.book = null;
        this.ws.send(JSON.stringify({ method: "UNSUBSCRIBE", params: ["depth@" + this.market], id: 2 }));
        this.ws.send(JSON.stringify({ method: "SUBSCRIBE", params: ["depth@" + this.market], id: 3 }));
        return;
      }
      for (const [p, q] of d.b) q === "0" ? this.book.bids.delete(p) : this.book.bids.set(p, q);
      for (const [p, q] of d.a) q === "0" ? this.book.asks.delete(p) : this.book.asks.set(p, q);
      this.book.last = d.u;
      this.emit();
    } else if (d.e === "trade") {
      this.onTrade({ tradeId: d.id, sequence: d.sequence, price: d.price, quantity: d.qty, takerSide: String(d.takerSide).toLowerCase(), timeMillis: d.T });
    }
  }

  emit() {
    const units = (p) => toUnits(p, this.priceDecimals);
    const side = (m, desc) =>
      [...m.entries()]
        .map(([price, quantity]) => ({ price, quantity, u: units(price) }))
        .sort((x, y) => (desc ? (y.u > x.u ? 1 : y.u < x.u ? -1 : 0) : x.u > y.u ? 1 : x.u < y.u ? -1 : 0))
        .map(({ price, quantity }) => ({ price, quantity }));
    this.onBook({ bids: side(this.book.bids, true), asks: side(this.book.asks, false) });
  }

  close() {
    this.closed = true;
    clearTimeout(this.retry);
    this.ws.close();
  }
}
