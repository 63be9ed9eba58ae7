// Governance: members, policy and proposals with their ballots (gov_list), and proposing, voting
// and withdrawing as work orders to the `gov` app (docs/governance.md), signed with a member key
// loaded into this page. The key stays in this page's memory: it is never stored or sent.

import { call } from "../rpc.js";
import { badge, fill, h, short, table, toast } from "../dom.js";
import { keyFrom, process } from "../session.js";
import { fromHex } from "../crypto/bytes.js";

let member = null;

const ACTIONS = {
  add_member: [["address", "Address (0x…)"]],
  remove_member: [["address", "Address (0x…)"]],
  allow_measurement: [["measurement", "Measurement (hex)"]],
  revoke_measurement: [["measurement", "Measurement (hex)"]],
  set_simulated_policy: [["allow", "Allow simulated evidence", "bool"]],
  set_auto_admit: [["enabled", "Admit nodes without a vote", "bool"]],
  add_node: [["nodeId", "Node id"], ["identityKey", "Identity key (hex)"]],
  remove_node: [["identityKey", "Identity key (hex)"]],
  set_fee_schedule: [["market", "Market"], ["makerBps", "Maker bps", "int"], ["takerBps", "Taker bps", "int"],
    ["makerPerLot", "Maker per lot (optional)"], ["takerPerLot", "Taker per lot (optional)"]],
};

/** A member key from a key file (`txnchain keys new` JSON) or a bare private key in hex. */
function parseKey(text) {
  const t = text.trim();
  let hex = t;
  let address = null;
  if (t.startsWith("{")) {
    const j = JSON.parse(t);
    if (j.type !== "secp256k1" || !j.privateKey) throw new Error("not a secp256k1 key file");
    hex = j.privateKey;
    address = j.address;
  }
  const k = keyFrom(fromHex(hex));
  if (address && address.toLowerCase() !== k.address.toLowerCase()) {
    throw new Error("the key file's address does not match its private key");
  }
  return k;
}

export async function render(root) {
  const keyBox = h("section", { class: "panel", id: "member-box" });
  const listBox = h("div", { id: "gov-body" });
  const fields = h("div", { class: "row", id: "action-fields" });
  const actionSel = h("select", { id: "action-type" }, Object.keys(ACTIONS).map((a) => h("option", { value: a }, a)));
  const proposeBtn = h("button", { type: "submit", id: "propose" }, "Propose");

  function renderFields() {
    fill(fields, ACTIONS[actionSel.value].map(([name, text, kind]) =>
      kind === "bool"
        ? h("label", { class: "inline" }, h("input", { type: "checkbox", "data-field": name, "data-kind": kind }), text)
        : h("label", {}, text, h("input", { "data-field": name, "data-kind": kind ?? "text", id: "field-" + name, autocomplete: "off" }))));
  }
  actionSel.addEventListener("change", renderFields);
  renderFields();

  function renderKey() {
    const file = h("input", { type: "file", id: "member-file", accept: ".key,.json,application/json", "aria-label": "Member key file" });
    const pasted = h("input", { type: "password", id: "member-hex", autocomplete: "off", "aria-label": "Member private key (hex)", placeholder: "or paste the private key (hex)" });
    file.addEventListener("change", async () => {
      try {
        member = parseKey(await file.files[0].text());
        renderKey();
        refresh();
      } catch (e) {
        toast("Member key: " + e.message, true);
      }
    });
    fill(keyBox, h("h2", {}, "Member key"),
      member
        ? h("p", {}, badge("MEMBER KEY LOADED", "info"), " ", h("span", { class: "mono", id: "member-address" }, member.address), " ",
            h("button", { class: "secondary", onclick: () => { member = null; renderKey(); refresh(); } }, "Unload"))
        : "",
      h("p", { class: "muted" }, "Load a member's key file (as written by `txnchain keys new`; `txnchain up` writes DATA/member.key). The key stays in this page's memory only: it is never stored or sent; only signed ballots leave the page."),
      h("form", { class: "row", onsubmit: (e) => { e.preventDefault(); try { member = parseKey(pasted.value); pasted.value = ""; renderKey(); refresh(); } catch (err) { toast("Member key: " + err.message, true); } } },
        h("label", {}, "Key file", file), h("label", {}, "Private key", pasted), h("button", { type: "submit", class: "secondary" }, "Load")));
  }

  async function send(input, what) {
    if (!member) return toast("Load a member key first", true);
    try {
      const r = await process("gov", input, { key: member });
      toast(what + " recorded at height " + r.height);
    } catch (e) {
      toast(what + ": " + (e.name && e.name !== "Error" ? e.name + " " : "") + e.message, true);
    }
    await refresh();
  }

  function action() {
    const a = { type: actionSel.value };
    for (const input of fields.querySelectorAll("[data-field]")) {
      const k = input.dataset.field;
      if (input.dataset.kind === "bool") a[k] = input.checked;
      else if (input.value.trim() === "") continue;
      else if (input.dataset.kind === "int") a[k] = Number.parseInt(input.value, 10);
      else a[k] = input.value.trim();
    }
    return a;
  }

  async function refresh() {
    const g = await call("gov_list");
    const me = member?.address.toLowerCase();
    const isMember = !!me && g.members.some((m) => m.toLowerCase() === me);
    const rows = [...g.proposals].reverse().map((p) => {
      const voted = p.ballots.some((b) => b.member.toLowerCase() === me);
      const open = p.status === "open";
      return h("tr", { "data-proposal": p.id },
        h("td", {}, p.id),
        h("td", { class: "mono" }, short(p.proposer, 6)),
        h("td", { class: "mono" }, JSON.stringify(p.action)),
        h("td", { class: "status" }, badge(p.status, p.status === "accepted" ? "ok" : p.status === "open" ? "info" : "bad")),
        h("td", { class: "ballots" }, p.ballots.map((b) => h("div", { class: "mono" }, b.approve ? "✔ " : "✘ ", short(b.member, 6), " @", b.height))),
        h("td", {}, open && isMember && !voted
          ? [h("button", { class: "buy-btn approve", onclick: () => send({ op: "vote", proposal: String(p.id), approve: true }, "Approval of " + p.id) }, "Approve"), " ",
             h("button", { class: "danger reject", onclick: () => send({ op: "vote", proposal: String(p.id), approve: false }, "Rejection of " + p.id) }, "Reject")]
          : "",
          open && me === p.proposer.toLowerCase()
            ? h("button", { class: "secondary withdraw", onclick: () => send({ op: "withdraw", proposal: String(p.id) }, "Withdrawal of " + p.id) }, "Withdraw")
            : ""));
    });
    fill(listBox,
      h("section", { class: "panel" },
        h("h2", {}, "Members (", g.members.length, ", a proposal passes with more than half)"),
        h("ul", { id: "members" }, g.members.map((m) => h("li", { class: "mono" }, m, m.toLowerCase() === me ? " (loaded)" : ""))),
        h("p", {}, "Policy: simulated evidence ", g.policy.allowSimulated ? badge("allowed", "warn") : badge("refused", "ok"),
          " · auto-admit ", g.policy.autoAdmit ? "on" : "off",
          " · allowed measurements ", g.policy.measurements.length ? g.policy.measurements.map((m) => short(m, 6)).join(", ") : "any"),
        Object.keys(g.nodes ?? {}).length
          ? h("p", {}, "Admitted nodes: ", Object.entries(g.nodes).map(([k, id]) => id + " (" + short(k, 6) + ")").join(", "))
          : ""),
      h("section", { class: "panel" }, h("h2", {}, "Proposals"),
        rows.length ? table(["Id", "Proposer", "Action", "Status", "Ballots", ""], rows, { id: "proposals" }) : h("p", { class: "muted", id: "proposals" }, "No proposals yet.")));
    proposeBtn.disabled = !isMember;
  }

  fill(root,
    h("h1", {}, "Governance"),
    keyBox,
    h("section", { class: "panel" }, h("h2", {}, "New proposal"),
      h("form", { class: "stack", onsubmit: (e) => { e.preventDefault(); send({ op: "propose", action: action() }, "Proposal"); } },
        h("label", {}, "Action", actionSel), fields, h("div", {}, proposeBtn))),
    listBox);
  renderKey();
  await refresh();
}
