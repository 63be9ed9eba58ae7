// Attestation: each node's evidence over a fresh nonce of this page, decoded and verified here
// under the page's policy. Simulated evidence carries a SIMULATED badge and passes only when the
// policy accepts it.

import { call } from "../rpc.js";
import { badge, fill, h, simBadge } from "../dom.js";
import { fromHex, randomBytes, toHex } from "../crypto/bytes.js";
import { verifyEvidence } from "../wire/evidence.js";
import { allowSimulated } from "../session.js";
import { discoverNodeUrls } from "../nodes.js";

function field(name, value, mono = true) {
  return h("tr", {}, h("th", { scope: "row" }, name), h("td", { class: mono ? "mono" : "" }, value));
}

async function card(url) {
  const base = url === location.origin ? "" : url;
  const nonce = randomBytes(32);
  let ev;
  let status;
  try {
    [ev, status] = await Promise.all([
      call("node_getEvidence", { nonce: toHex(nonce) }, base),
      call("network_status", {}, base),
    ]);
  } catch (e) {
    return h("section", { class: "panel" }, h("h2", {}, url), badge("UNREACHABLE", "bad"), " ", e.message);
  }
  const policy = { allowSimulated: allowSimulated() };
  const result = await verifyEvidence(
    {
      format: ev.format,
      data: fromHex(ev.data),
      identityKey: fromHex(ev.identityKey),
      encryptionKey: fromHex(ev.encryptionKey),
      nonce,
    },
    policy
  );
  const c = result.claims ?? {};
  const id = status.nodes[0]?.id ?? url;
  return h(
    "section",
    { class: "panel evidence", "data-node": id, "data-measurement": c.measurement ?? ev.measurement },
    h("h2", {}, id, " ", result.simulated ? simBadge() : badge(ev.teeType, "info")),
    h(
      "p",
      { class: "verdict" },
      result.valid ? h("span", { class: "result-ok" }, "✔ Verified") : h("span", { class: "result-bad" }, "✘ Not accepted"),
      " — ",
      result.reason,
      " ",
      h("span", { class: "muted" }, "(policy: simulated evidence " + (policy.allowSimulated ? "accepted" : "refused") + ")")
    ),
    h(
      "table",
      {},
      h(
        "tbody",
        {},
        field("TEE type", ev.teeType + (result.simulated ? " — no hardware protection" : ""), false),
        field("Evidence format", ev.format, false),
        field("Measurement", c.measurement ?? ev.measurement),
        field("TCB", result.simulated ? "none (simulated platform)" : "not decoded in the browser", false),
        field("Report data", c.reportData ?? ""),
        field("Binds identity key (Ed25519)", ev.identityKey),
        field("Binds encryption key (X25519)", ev.encryptionKey),
        field("Nonce (this page's)", toHex(nonce)),
        field("Platform key", c.platformKey ?? "")
      )
    ),
    h("details", {}, h("summary", {}, "Raw evidence (" + ev.data.length / 2 + " bytes)"), h("pre", {}, ev.data))
  );
}

export async function render(root) {
  const list = h("div", { class: "grid", id: "evidence-list" });
  fill(
    root,
    h("h1", {}, "Attestation"),
    h("p", { class: "muted" }, "Each node is asked for evidence over a fresh random nonce; the page checks the signature, the binding report data = sha256(\"txnchain/report-data/v1\" ‖ identity key ‖ encryption key ‖ nonce) and the policy itself."),
    list
  );
  const cards = await Promise.all((await discoverNodeUrls()).map(card));
  const measurements = new Set(cards.map((c) => c.dataset.measurement).filter(Boolean));
  const summary =
    measurements.size === 1
      ? h("p", { class: "panel", id: "measurements" }, badge("SAME CODE", "ok"), " Every node reports measurement ", h("span", { class: "mono" }, [...measurements][0]))
      : h("p", { class: "panel", id: "measurements" }, badge("DIFFERENT CODE", "warn"), " Nodes report ", measurements.size, " different measurements");
  list.before(summary);
  fill(list, ...cards);
}
