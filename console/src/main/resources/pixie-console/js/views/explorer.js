// Ledger explorer: recent blocks, a block's transactions, a transaction with its receipt, and a
// search by block height, transaction/work-order/trade id, or account (sender address, over the
// most recent blocks). The receipt is verified in this page (wire/receipt.js), never by the node.

import { call } from "../rpc.js";
import { badge, fill, h, short, table, toast } from "../dom.js";
import { verifyReceipt } from "../wire/receipt.js";
import { allowSimulated } from "../session.js";

const RECENT = 15;
const ACCOUNT_SCAN_BLOCKS = 100;

function go(path) {
  location.hash = "#explorer/" + path;
}

function link(text, path) {
  return h("a", { href: "#explorer/" + path }, text);
}

function time(ms) {
  return new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

async function blocks(from, count) {
  const hs = [];
  for (let x = from; x > 0 && hs.length < count; x--) hs.push(x);
  return Promise.all(hs.map((height) => call("chain_getBlock", { height })));
}

async function recent(box) {
  const head = await call("chain_head");
  const bs = await blocks(head.height, RECENT);
  fill(
    box,
    h("h2", {}, "Latest blocks (head ", head.height, ")"),
    table(
      ["#Height", "Hash", "#Txs", "Time", "Signers"],
      bs.map((b) =>
        h("tr", {}, h("td", { class: "num" }, link(b.height, "block/" + b.height)), h("td", { class: "mono" }, short(b.hash, 8)),
          h("td", { class: "num" }, b.txCount), h("td", {}, time(b.timeMillis)), h("td", {}, b.signatures.length)))
      ,
      { id: "blocks" }
    )
  );
}

async function txRows(ids) {
  const txs = await Promise.all(ids.map((id) => call("txn_getTransaction", { id }).catch(() => ({ txId: id }))));
  return txs.map((t) =>
    h("tr", {},
      h("td", { class: "mono" }, link(short(t.txId, 10), "tx/" + t.txId)),
      h("td", {}, t.kind ?? "?"),
      h("td", {}, t.app ?? ""),
      h("td", { class: "mono" }, link(short(t.sender, 6), "account/" + t.sender)),
      h("td", {}, t.sealed ? badge("sealed", "info") : "public"),
      h("td", {}, t.status === "ok" ? badge("ok", "ok") : badge(t.status ?? "?", "bad")),
      h("td", { class: "num" }, t.height ?? "")));
}

const TX_HEADERS = ["Id", "Kind", "App", "Sender", "Payload", "Status", "#Height"];

async function block(box, height) {
  const b = await call("chain_getBlock", { height: Number(height) });
  fill(
    box,
    h("h2", {}, "Block ", b.height),
    h("p", {}, b.height > 1 ? link("← previous", "block/" + (b.height - 1)) : "", " ", link("next →", "block/" + (b.height + 1))),
    h("table", {}, h("tbody", {},
      ["hash", "prevHash", "txRoot", "stateRoot", "txCount", "timeMillis"].map((k) =>
        h("tr", {}, h("th", { scope: "row" }, k), h("td", { class: "mono" }, k === "timeMillis" ? b[k] + " (" + time(b[k]) + ")" : b[k]))),
      b.signatures.map((s) => h("tr", {}, h("th", { scope: "row" }, "signed by enclave"), h("td", { class: "mono" }, s.enclaveKey))))),
    h("h2", {}, "Transactions"),
    table(TX_HEADERS, await txRows(b.transactions), { id: "block-txs" })
  );
}

async function account(box, address) {
  const head = await call("chain_head");
  const bs = await blocks(head.height, ACCOUNT_SCAN_BLOCKS);
  const ids = bs.flatMap((b) => b.transactions);
  const txs = await Promise.all(ids.map((id) => call("txn_getTransaction", { id }).catch(() => null)));
  const mine = txs.filter((t) => t && t.sender.toLowerCase() === address.toLowerCase());
  fill(
    box,
    h("h2", {}, "Account ", h("span", { class: "mono" }, address)),
    h("p", { class: "muted" }, "Transactions sent by this address in the last ", bs.length, " blocks (", mine.length, " found)."),
    table(TX_HEADERS, await txRows(mine.map((t) => t.txId)), { id: "account-txs" })
  );
}

async function transaction(box, id) {
  // A trade id (<txId>-<n>) resolves to the receipt of the work order that made the trade.
  const receipt = await call("txn_getReceipt", { id });
  const t = await call("txn_getTransaction", { id: receipt.id });
  const editor = h("textarea", { id: "receipt-json", rows: 16, spellcheck: "false", "aria-label": "Receipt JSON" }, JSON.stringify(receipt, null, 2));
  const out = h("div", { id: "verify-result", "aria-live": "polite" });
  async function verify() {
    let parsed;
    try {
      parsed = JSON.parse(editor.value);
    } catch (e) {
      fill(out, h("p", { class: "result-bad" }, "✘ INVALID — receipt is not well-formed JSON"));
      out.dataset.valid = "false";
      return;
    }
    const r = await verifyReceipt(parsed, { allowSimulated: allowSimulated() });
    out.dataset.valid = String(r.valid);
    fill(
      out,
      h("p", { class: r.valid ? "result-ok" : "result-bad" }, r.valid ? "✔ VALID" : "✘ INVALID", " — ", r.reason),
      h("ul", { class: "steps" }, r.steps.map((s) => h("li", {}, "✔ ", s)), r.valid ? [] : h("li", { class: "result-bad" }, "✘ ", r.reason)),
      r.signers.map((s) => h("p", {}, "Signed by enclave ", h("span", { class: "mono" }, short(s.enclaveKey, 8)), " measurement ", h("span", { class: "mono" }, short(s.evidence.claims.measurement, 8)), " ", s.evidence.simulated ? badge("SIMULATED", "sim") : ""))
    );
  }
  fill(
    box,
    h("h2", {}, t.kind === "work_order" ? "Work order " : "Transaction ", h("span", { class: "mono" }, t.txId)),
    receipt.id !== id ? h("p", { id: "trade-note" }, "Trade ", h("span", { class: "mono" }, id), " was made by this work order; its trade event is in the output below.") : "",
    h("p", {}, "In block ", link(t.height, "block/" + t.height), " · sender ", link(t.sender, "account/" + t.sender)),
    h("pre", { id: "tx-view" }, JSON.stringify(t, null, 2)),
    h("h2", {}, "Receipt"),
    h("p", { class: "muted" }, "Checked in this page with the rules of `txnchain verify`: the entry decodes to this id and view, the Merkle proof leads to the signed header's txRoot, the Ed25519 header signatures verify, and each signer's evidence binds its key. Edit the JSON to see a tampered receipt fail."),
    editor,
    h("div", { class: "row" },
      h("button", { id: "verify", onclick: verify }, "Verify in this page"),
      h("button", { class: "secondary", onclick: () => { editor.value = JSON.stringify(receipt, null, 2); out.replaceChildren(); } }, "Reset")),
    out
  );
}

export async function render(root, arg) {
  const q = h("input", { id: "search", type: "search", placeholder: "height, 0x… id, trade id or 0x… address", "aria-label": "Search the ledger", size: 48 });
  const box = h("div", { class: "panel", id: "explorer-body" });
  fill(
    root,
    h("h1", {}, "Ledger explorer"),
    h("form", { class: "row panel", role: "search", onsubmit: (e) => { e.preventDefault(); search(q.value.trim()); } },
      h("label", {}, "Search by block height, transaction / work order / trade id, or account", q),
      h("button", { type: "submit" }, "Search"),
      h("a", { href: "#explorer" }, "Latest blocks")),
    box
  );
  function search(s) {
    if (/^\d+$/.test(s)) go("block/" + s);
    else if (/^0x[0-9a-fA-F]{40}$/.test(s)) go("account/" + s);
    else if (/^0x[0-9a-fA-F]{64}(-\d+)?$/.test(s)) go("tx/" + s);
    else toast("Not a height, id or address: " + s, true);
  }
  const [kind, value] = [arg.split("/")[0], arg.split("/").slice(1).join("/")];
  try {
    if (kind === "block") await block(box, value);
    else if (kind === "tx") await transaction(box, value);
    else if (kind === "account") await account(box, value);
    else await recent(box);
  } catch (e) {
    fill(box, h("p", { class: "result-bad" }, e.name === "NOT_FOUND" ? "Not found: " + value : e.message));
  }
}
