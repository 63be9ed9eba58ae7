// Traders' view (Pixie DEX): a wallet or a development key, market choice, an order form whose
// confirmation shows the exact EIP-712 message and the fee, then sign, seal to the attested enclave
// key, submit. Book ladder, depth chart, candles, recent trades, open orders with cancel, order
// history and balances with the development faucet.
//
// Where the node serves the trading API (docs/trading-api.md), the book and trades are live over
// the WebSocket /ws, orders go to POST/DELETE /api/v1/order, and open orders and history are
// wallet-signed reads. Otherwise everything is the `dex` app's JSON-RPC work orders (docs/dex.md),
// public ones polled. Balances are private enclave state: with the trading API they are the store's
// snapshot sealed to the trader's view key (registered once, opened here, ADR 26), else a sealed
// `balances` work order.

import { badge, fill, h, short, table, toast } from "../dom.js";
import {
  buildWorkOrder,
  createDevKey,
  devKey,
  forgetDevKey,
  openResult,
  process,
  viewKeyPair,
  walletSigner,
} from "../session.js";
import { call } from "../rpc.js";
import { open as openSealed } from "../crypto/hpke.js";
import { decodeUtf8, fromHex, toHex, utf8 } from "../crypto/bytes.js";
import * as trading from "../trading.js";
import { fromUnits, feeUnits, toUnits } from "../fixed.js";
import { drawCandles, drawDepth } from "../charts.js";
import { orderDigest, typedData } from "../wire/order.js";

const ZERO = "0x0000000000000000000000000000000000000000";
const PUBLIC_MS = 3000;
// The trader's data is refreshed after each action and each trade in the market, and otherwise
// rarely; without the trade stream (and the store), each refresh is a recorded sealed work order,
// so it is polled more often only because nothing else tells the page about fills.
const PRIVATE_MS = 30000;
const PRIVATE_POLLING_MS = 6000;
const STATUS = { NEW: "open", PARTIALLY_FILLED: "partially_filled", FILLED: "filled", CANCELED: "cancelled", EXPIRED: "expired" };
let wallet = null;

function historyKey(address) {
  return "pixie.orderHistory." + address.toLowerCase();
}

function loadHistory(address) {
  return JSON.parse(localStorage.getItem(historyKey(address)) ?? "[]");
}

function saveHistory(address, list) {
  localStorage.setItem(historyKey(address), JSON.stringify(list.slice(0, 200)));
}

function randomNonce() {
  const b = crypto.getRandomValues(new Uint8Array(7));
  return BigInt("0x" + toHex(b)).toString();
}

export async function render(root) {
  const state = { markets: null, market: null, signer: wallet ?? devKey(), open: [], timers: [], rest: false, live: null, trades: [] };

  const keyBox = h("section", { class: "panel", id: "key-box" });
  const marketSel = h("select", { id: "market", "aria-label": "Market" });
  const ladder = h("div", { id: "ladder" });
  const depth = h("canvas", { id: "depth", height: 180, role: "img", "aria-label": "Depth chart" });
  const candleCanvas = h("canvas", { id: "candles", height: 180, role: "img", "aria-label": "Price candles, one per minute" });
  const tradesBox = h("div", { id: "trades" });
  const openBox = h("div", { id: "open-orders" });
  const historyBox = h("div", { id: "order-history" });
  const balancesBox = h("div", { id: "balances" });
  const dialog = h("dialog", { id: "confirm", "aria-labelledby": "confirm-title" });

  // Order form
  const side = h("select", { id: "side" }, h("option", { value: "0" }, "Buy"), h("option", { value: "1" }, "Sell"));
  const type = h("select", { id: "type" }, h("option", { value: "0" }, "Limit"), h("option", { value: "1" }, "Market"));
  const price = h("input", { id: "price", inputmode: "decimal", autocomplete: "off", placeholder: "2000" });
  const qty = h("input", { id: "qty", inputmode: "decimal", autocomplete: "off", placeholder: "1" });
  const tif = h("select", { id: "tif" }, ["GTC", "IOC", "FOK"].map((t, i) => h("option", { value: String(i) }, t)));
  const postOnly = h("input", { type: "checkbox", id: "post-only" });
  const pay = h("input", { id: "pay", placeholder: "0x… (blank: the trading account)", autocomplete: "off" });
  const receive = h("input", { id: "receive", placeholder: "0x… (blank: the trading account)", autocomplete: "off" });
  const clientOrderId = h("input", { id: "client-order-id", maxlength: 64, autocomplete: "off" });
  const placeBtn = h("button", { type: "submit", id: "place" }, "Review order");
  type.addEventListener("change", () => {
    const market = type.value === "1";
    price.disabled = market;
    if (market) {
      price.value = "";
      postOnly.checked = false;
      if (tif.value === "0") tif.value = "1";
    }
  });

  const faucetToken = h("select", { id: "faucet-token", "aria-label": "Token" });
  const faucetAmount = h("input", { id: "faucet-amount", value: "10000", inputmode: "decimal", "aria-label": "Amount" });

  fill(
    root,
    h("h1", {}, "Trade ", h("span", { class: "muted" }, "Pixie DEX")),
    keyBox,
    h("div", { class: "row panel" }, h("label", {}, "Market", marketSel), h("span", { id: "last-price", class: "muted" }), h("span", { id: "data-source", class: "muted" })),
    h(
      "div",
      { class: "trade-grid" },
      h("div", {},
        h("section", { class: "panel" }, h("h2", {}, "Order book"), ladder),
        h("section", { class: "panel" }, h("h2", {}, "Recent trades"), tradesBox)),
      h("div", {},
        h("section", { class: "panel" }, h("h2", {}, "Depth"), depth),
        h("section", { class: "panel" }, h("h2", {}, "Candles (1 min)"), candleCanvas),
        h("section", { class: "panel" }, h("h2", {}, "Open orders"), openBox),
        h("section", { class: "panel" }, h("h2", {}, "Order history"), historyBox)),
      h("div", {},
        h("section", { class: "panel" },
          h("h2", {}, "Place an order"),
          h("form", { class: "stack", id: "order-form", onsubmit: (e) => { e.preventDefault(); review(); } },
            h("div", { class: "row" }, h("label", {}, "Side", side), h("label", {}, "Type", type), h("label", {}, "Time in force", tif)),
            h("label", {}, "Price", price),
            h("label", {}, "Quantity", qty),
            h("label", { class: "inline" }, postOnly, "Post-only (GTC limit only)"),
            h("label", {}, "Pay from address", pay),
            h("label", {}, "Receive to address", receive),
            h("label", {}, "Client order id (optional)", clientOrderId),
            placeBtn)),
        h("section", { class: "panel" },
          h("h2", {}, "Balances"),
          balancesBox,
          h("form", { class: "row", onsubmit: (e) => { e.preventDefault(); faucet(); } },
            h("label", {}, "Token", faucetToken), h("label", {}, "Amount", faucetAmount),
            h("button", { type: "submit", id: "faucet" }, "Dev faucet"))))
    ),
    dialog
  );

  function renderKey() {
    const s = state.signer;
    const walletBtn = window.ethereum
      ? h("button", { id: "connect-wallet", onclick: connectWallet }, "Connect wallet (EIP-1193)")
      : h("span", { class: "muted" }, "No browser wallet found. ");
    if (!s) {
      fill(keyBox, h("h2", {}, "Account"), h("div", { class: "row" }, walletBtn,
        h("button", { id: "create-key", class: "secondary", onclick: () => { state.signer = createDevKey(); renderKey(); refreshPrivate(); } }, "Create a development key")));
      return;
    }
    fill(
      keyBox,
      h("h2", {}, "Account"),
      s.kind === "dev"
        ? h("div", { class: "devkey" },
            badge("DEVELOPMENT KEY", "warn"), " ",
            h("span", { id: "address", class: "mono" }, s.address),
            h("p", { class: "muted" }, "Created in this browser and kept unencrypted in its local storage. It never leaves this page (only signatures and sealed requests do). For development networks only."),
            h("div", { class: "row" }, walletBtn, h("button", { class: "secondary", onclick: () => { if (confirm("Forget this development key? Its funds become unreachable.")) { forgetDevKey(); state.signer = null; renderKey(); } } }, "Forget key")))
        : h("div", {}, badge("WALLET", "info"), " ", h("span", { id: "address", class: "mono" }, s.address))
    );
  }

  async function connectWallet() {
    try {
      wallet = await walletSigner(window.ethereum);
      state.signer = wallet;
      renderKey();
      refreshPrivate();
    } catch (e) {
      toast("Wallet: " + e.message, true);
    }
  }

  function spec() {
    return state.markets.markets.find((m) => m.symbol === state.market);
  }

  function buildOrder() {
    const m = spec();
    const isMarket = type.value === "1";
    const q = toUnits(qty.value, m.quantityDecimals);
    const p = isMarket ? 0n : toUnits(price.value, m.priceDecimals);
    const addr = (v) => {
      const t = v.trim();
      if (!t) return ZERO;
      if (!/^0x[0-9a-fA-F]{40}$/.test(t)) throw new Error("not an address: " + t);
      return t;
    };
    return {
      trader: state.signer.address,
      market: m.symbol,
      side: Number(side.value),
      orderType: Number(type.value),
      price: p.toString(),
      quantity: q.toString(),
      timeInForce: Number(tif.value),
      postOnly: postOnly.checked,
      selfTradePrevention: 0,
      payAddress: addr(pay.value),
      receiveAddress: addr(receive.value),
      nonce: randomNonce(),
      expiry: "0",
      clientOrderId: clientOrderId.value.trim(),
    };
  }

  function feeText(m, order) {
    const f = m.fees;
    const pq = m.priceDecimals;
    const lotUnits = toUnits(m.lotSize, m.quantityDecimals);
    const estPrice = order.orderType === 1 ? toUnits(state.lastPrice ?? "0", pq) : BigInt(order.price);
    const taker = feeUnits({ price: estPrice, quantity: order.quantity, quantityDecimals: m.quantityDecimals, bps: f.takerBps, perLot: toUnits(f.takerPerLot, pq), lotUnits });
    const maker = feeUnits({ price: estPrice, quantity: order.quantity, quantityDecimals: m.quantityDecimals, bps: f.makerBps, perLot: toUnits(f.makerPerLot, pq), lotUnits });
    return "Fee: up to " + fromUnits(taker, pq) + " " + f.token + " as taker (" + f.takerBps + " bps), " +
      fromUnits(maker, pq) + " " + f.token + " as maker (" + f.makerBps + " bps)" +
      (order.orderType === 1 ? ", estimated at the last price" : "") + ".";
  }

  function review() {
    if (!state.signer) return toast("Create a development key or connect a wallet first", true);
    let order;
    try {
      order = buildOrder();
    } catch (e) {
      return toast(e.message, true);
    }
    const m = spec();
    const domain = state.markets.domain;
    const data = typedData(domain, order);
    const confirmBtn = h("button", { id: "confirm-sign", class: order.side === 0 ? "buy-btn" : "sell-btn" }, "Sign, seal and submit");
    fill(
      dialog,
      h("h2", { id: "confirm-title" }, "Confirm: ", order.side === 0 ? "buy " : "sell ", fromUnits(order.quantity, m.quantityDecimals), " ", m.base,
        order.orderType === 0 ? " at " + fromUnits(order.price, m.priceDecimals) + " " + m.quote : " at market"),
      h("p", { id: "confirm-fee" }, feeText(m, order)),
      h("p", {}, "You sign this EIP-712 message (", state.signer.kind === "dev" ? "with the development key" : "in your wallet", "). It is then sealed to the attested enclave key, so the node cannot read it before it is matched."),
      h("pre", { id: "confirm-message" }, JSON.stringify(data, null, 2)),
      h("p", { class: "mono" }, "digest 0x", toHex(orderDigest(domain, order))),
      h("div", { class: "row" }, confirmBtn, h("button", { class: "secondary", id: "confirm-cancel", onclick: () => dialog.close() }, "Cancel"))
    );
    confirmBtn.addEventListener("click", async () => {
      confirmBtn.disabled = true;
      try {
        await submitOrder(domain, order);
        dialog.close();
      } catch (e) {
        toast(e.name && e.name !== "Error" ? e.name + ": " + e.message : e.message, true);
        confirmBtn.disabled = false;
      }
    });
    dialog.showModal();
    confirmBtn.focus();
  }

  async function submitOrder(domain, order) {
    const signature = await state.signer.signOrder(domain, order);
    const r = await dex({ op: "order", order, domain, signature: "0x" + toHex(signature) }, "POST");
    const res = r.result;
    const list = loadHistory(state.signer.address);
    list.unshift({ orderId: res.orderId, market: res.market, side: res.side, type: res.type, price: res.price, quantity: res.quantity,
      timeInForce: res.timeInForce, status: res.status, filled: res.filled, txId: r.workOrderId, fills: res.fills ?? [] });
    saveHistory(state.signer.address, list);
    toast("Order " + res.orderId + " " + res.status + (res.fills?.length ? " with " + res.fills.length + " fill(s)" : ""));
    await Promise.all([refreshPublic(), refreshPrivate()]);
  }

  async function cancel(orderId) {
    try {
      const r = await dex({ op: "cancel", id: orderId }, "DELETE");
      const list = loadHistory(state.signer.address);
      for (const o of list) if (o.orderId === orderId) o.status = "cancelled";
      saveHistory(state.signer.address, list);
      toast("Cancelled order " + orderId + " (" + r.result.cancelled.length + ")");
    } catch (e) {
      toast(e.message, true);
    }
    await Promise.all([refreshPublic(), refreshPrivate()]);
  }

  /**
   * A sealed request of the trader's: through the trading API when the node has it (orders and
   * cancels), else as a JSON-RPC work order. Returns {workOrderId, result}.
   */
  async function dex(input, method) {
    if (!state.rest) {
      return process("dex", input, { key: state.signer, seal: true });
    }
    const built = await buildWorkOrder("dex", input, { key: state.signer, seal: true });
    const a = await trading.sendTx(method, "/api/v1/order", built.tx.hex);
    const result = a.sealed ? await openResult(built, a.txId, a.sealedResult, null) : a.result;
    return { workOrderId: a.txId, result };
  }

  async function faucet() {
    if (!state.signer) return toast("Create a development key or connect a wallet first", true);
    try {
      await process("dex", { op: "deposit", token: faucetToken.value, amount: faucetAmount.value.trim() }, { key: state.signer, seal: true });
      toast("Deposited " + faucetAmount.value + " " + faucetToken.value);
    } catch (e) {
      toast(e.message, true);
    }
    await refreshPrivate();
  }

  function renderLadder(book) {
    const m = spec();
    const asks = [...book.asks].slice(0, 10).reverse();
    const bids = book.bids.slice(0, 10);
    const row = (l, cls) => h("tr", { class: cls, tabindex: 0, title: "Use this price", onclick: () => { price.value = l.price; },
      onkeydown: (e) => { if (e.key === "Enter") price.value = l.price; } },
      h("td", { class: "num " + cls }, l.price), h("td", { class: "num" }, l.quantity));
    const spread = book.asks.length && book.bids.length
      ? fromUnits(toUnits(book.asks[0].price, m.priceDecimals) - toUnits(book.bids[0].price, m.priceDecimals), m.priceDecimals)
      : "—";
    fill(ladder, h("table", { class: "ladder", id: "book" },
      h("thead", {}, h("tr", {}, h("th", { class: "num", scope: "col" }, "Price (" + m.quote + ")"), h("th", { class: "num", scope: "col" }, "Qty (" + m.base + ")"))),
      h("tbody", {}, asks.map((l) => row(l, "sell")), h("tr", { class: "spread" }, h("td", { colspan: 2 }, "spread " + spread)), bids.map((l) => row(l, "buy")))));
    drawDepth(depth, book.bids, book.asks);
  }

  async function refreshPublic() {
    if (!state.market) return;
    try {
      if (state.rest) {
        // Live over the WebSocket; this only fills the trades at the start and after a reconnect.
        if (state.live?.market !== state.market) startLive();
        return;
      }
      const [book, trades] = await Promise.all([
        process("dex", { op: "book", market: state.market, depth: 50 }),
        process("dex", { op: "trades", market: state.market, limit: 100 }),
      ]);
      renderLadder(book.result);
      state.trades = trades.result.trades;
      renderTrades();
    } catch (e) {
      toast("book: " + e.message, true);
    }
  }

  async function loadTrades() {
    try {
      const ts = await trading.get("/api/v1/trades", { market: state.market, limit: 100 });
      const fromStore = ts.map((t) => ({ tradeId: t.id, sequence: t.sequence, price: t.price, quantity: t.qty, takerSide: String(t.takerSide).toLowerCase(), timeMillis: t.time }));
      const known = new Set(fromStore.map((t) => t.tradeId));
      // Trades the stream delivered while the list loaded are kept.
      state.trades = [...state.trades.filter((t) => !known.has(t.tradeId)), ...fromStore];
      renderTrades();
    } catch (e) {
      toast("trades: " + e.message, true);
    }
  }

  function startLive() {
    state.live?.close();
    state.trades = [];
    const m = spec();
    state.live = new trading.LiveMarket(m.symbol, m.priceDecimals, {
      onBook: (b) => renderLadder(b),
      onTrade: (t) => {
        if (!state.trades.some((x) => x.tradeId === t.tradeId)) state.trades.unshift(t);
        renderTrades();
        refreshPrivate();
      },
      onState: (s) => {
        document.getElementById("data-source").textContent = s === "live" ? " · live over WebSocket /ws" : " · reconnecting…";
        if (s === "live") loadTrades();
      },
    });
  }

  function renderTrades() {
    const ts = state.trades;
    state.lastPrice = ts[0]?.price ?? state.lastPrice;
    document.getElementById("last-price").textContent = ts[0] ? "last " + ts[0].price : "no trades yet";
    fill(tradesBox, table(["#Price", "#Qty", "Side", "Time", "Trade"], ts.slice(0, 20).map((t) =>
      h("tr", {}, h("td", { class: "num " + (t.takerSide === "buy" ? "buy" : "sell") }, t.price), h("td", { class: "num" }, t.quantity), h("td", {}, t.takerSide),
        h("td", {}, new Date(t.timeMillis).toLocaleTimeString()), h("td", {}, h("a", { href: "#explorer/tx/" + t.tradeId, class: "mono trade-link", title: t.tradeId }, short(t.tradeId, 4))))), { id: "trades-table" }));
    drawCandles(candleCanvas, ts);
  }

  /**
   * The trader's balances: the store's snapshot sealed to the view key, once the store has reached
   * the ledger's head (so it reflects the trader's last action); the enclave's sealed `balances`
   * query without the trading API, or when the store lags or the snapshot does not open.
   */
  async function readBalances(s) {
    let why = "this node has no trading API";
    if (state.rest) {
      try {
        const snap = await storeBalances(s);
        if (snap.balances) return { source: "store", height: snap.height, balances: snap.balances };
        why = snap.why;
      } catch (e) {
        why = e.message;
      }
    }
    const r = await process("dex", { op: "balances" }, { key: s, seal: true });
    return { source: "enclave", why, balances: r.result.balances };
  }

  async function storeBalances(s) {
    const keys = await viewKeyPair(s);
    const viewKey = toHex(keys.publicKey);
    const registered = "pixie.viewKey." + s.address.toLowerCase();
    for (let attempt = 0; ; attempt++) {
      if (localStorage.getItem(registered) !== viewKey) {
        await process("dex", { op: "setViewKey", key: viewKey }, { key: s, seal: true });
        localStorage.setItem(registered, viewKey);
      }
      const head = (await call("chain_head", {})).height;
      const deadline = Date.now() + 5000;
      while ((await trading.get("/api/v1/exchangeInfo")).storeHeight < head) {
        if (Date.now() > deadline) return { why: "the store lags behind the ledger" };
        await new Promise((r) => setTimeout(r, 100));
      }
      const account = await trading.signedGet("/api/v1/account", {}, s);
      if (account.sealedBalances) {
        const owner = s.address.toLowerCase();
        const box = fromHex(account.sealedBalances.box);
        const plain = JSON.parse(decodeUtf8(await openSealed(keys, utf8("txnchain/dex/balances/v1"), utf8(owner), box)));
        if (plain.address.toLowerCase() !== owner) throw new Error("the snapshot is another account's");
        return plain;
      }
      if (attempt > 0) return { why: "the store has no snapshot yet" };
      // Registered from this browser, but not on this network (another one, or reset): once more.
      localStorage.removeItem(registered);
    }
  }

  async function refreshPrivate() {
    const s = state.signer;
    if (!s) {
      fill(balancesBox, h("p", { class: "muted" }, "No account."));
      fill(openBox, h("p", { class: "muted" }, "No account."));
      return;
    }
    try {
      const [bal, orders, all] = await Promise.all([
        readBalances(s),
        state.rest
          ? trading.signedGet("/api/v1/openOrders", {}, s).then((os) => ({
              result: { orders: os.map((o) => ({ orderId: o.orderId, market: o.market, side: o.side.toLowerCase(), price: o.price, remaining: o.remainingQty })) },
            }))
          : process("dex", { op: "orders" }, { key: s, seal: true }),
        state.rest ? trading.signedGet("/api/v1/allOrders", { limit: 50 }, s) : null,
      ]);
      fill(balancesBox, table(["Token", "#Available", "#Locked"], bal.balances.map((b) =>
        h("tr", { "data-token": b.token }, h("td", {}, b.token), h("td", { class: "num available" }, b.available), h("td", { class: "num locked" }, b.locked))), { id: "balances-table" }),
        h("p", { class: "muted", id: "balances-source", "data-source": bal.source },
          bal.source === "store"
            ? "Sealed to your view key at height " + bal.height + ", opened in this page"
            : "Sealed query to the enclave (recorded): " + bal.why));
      state.open = orders.result.orders;
      const openIds = new Set(state.open.map((o) => o.orderId));
      fill(openBox, state.open.length === 0 ? h("p", { class: "muted", id: "no-open" }, "No open orders.") :
        table(["Id", "Market", "Side", "#Price", "#Remaining", ""], state.open.map((o) =>
          h("tr", { "data-order": o.orderId }, h("td", {}, o.orderId), h("td", {}, o.market), h("td", { class: o.side }, o.side), h("td", { class: "num" }, o.price), h("td", { class: "num" }, o.remaining),
            h("td", {}, h("button", { class: "danger cancel", "aria-label": "Cancel order " + o.orderId, onclick: () => cancel(o.orderId) }, "Cancel")))), { id: "open-table" }));
      const list = loadHistory(s.address);
      if (all) {
        // The node's view of every order (public events) gives each status exactly.
        const byId = new Map(all.map((o) => [o.orderId, o]));
        for (const o of list) if (byId.has(o.orderId)) o.status = STATUS[byId.get(o.orderId).status] ?? byId.get(o.orderId).status.toLowerCase();
      } else {
        for (const o of list) {
          if ((o.status === "open" || o.status === "partially_filled") && !openIds.has(o.orderId)) o.status = "closed (filled or cancelled)";
        }
      }
      saveHistory(s.address, list);
      fill(historyBox, list.length === 0 ? h("p", { class: "muted" }, "No orders placed from this browser yet.") :
        table(["Id", "Market", "Side", "Type", "#Price", "#Qty", "Status", "Work order"], list.slice(0, 30).map((o) =>
          h("tr", { "data-order": o.orderId }, h("td", {}, o.orderId), h("td", {}, o.market), h("td", { class: o.side }, o.side), h("td", {}, o.type + " " + o.timeInForce), h("td", { class: "num" }, o.price),
            h("td", { class: "num" }, o.quantity), h("td", { class: "status" }, o.status), h("td", {}, h("a", { href: "#explorer/tx/" + o.txId, class: "mono" }, short(o.txId, 4))))), { id: "history-table" }));
    } catch (e) {
      toast("account: " + e.message, true);
    }
  }

  renderKey();
  try {
    state.markets = (await process("dex", { op: "markets" })).result;
  } catch (e) {
    fill(root, h("h1", {}, "Trade"), h("p", { class: "result-bad" }, "The dex app does not answer: " + e.message));
    return null;
  }
  fill(marketSel, state.markets.markets.map((m) => h("option", { value: m.symbol }, m.symbol + " (" + m.base + "/" + m.quote + ")")));
  fill(faucetToken, state.markets.tokens.map((t) => h("option", { value: t.symbol }, t.symbol)));
  if (!state.markets.devFaucet) faucetToken.closest("form").hidden = true;
  state.market = state.markets.markets[0]?.symbol;
  state.rest = await trading.available();
  document.getElementById("data-source").textContent = state.rest ? "" : " · polling JSON-RPC every 3 s";
  marketSel.addEventListener("change", () => {
    state.market = marketSel.value;
    refreshPublic();
  });
  await Promise.all([refreshPublic(), refreshPrivate()]);
  state.timers.push(
    setInterval(refreshPublic, PUBLIC_MS),
    setInterval(refreshPrivate, state.rest ? PRIVATE_MS : PRIVATE_POLLING_MS)
  );
  return () => {
    state.timers.forEach(clearInterval);
    state.live?.close();
  };
}
