// Enclave apps and work orders: the apps each node hosts with their measurements, and a form that
// runs a work order (sealed to the attested enclave key when asked) and shows where it ran, its
// result and a link to its receipt.

import { call } from "../rpc.js";
import { badge, fill, h, short, table, toast } from "../dom.js";
import { keyFrom, devKey, process } from "../session.js";
import { randomPrivateKey } from "../crypto/secp256k1.js";

const PRESETS = {
  "analytics: create a dataset": ["analytics", { op: "create", dataset: "salaries", k: 2, description: "demo" }, false],
  "analytics: contribute (sealed)": ["analytics", { op: "contribute", dataset: "salaries", values: [52000, 61000] }, true],
  "analytics: aggregate": ["analytics", { op: "aggregate", dataset: "salaries" }, false],
  "analytics: info": ["analytics", { op: "info", dataset: "salaries" }, false],
  "kv: put": ["kv", { op: "put", key: "greeting", value: "hi" }, false],
  "kv: get": ["kv", { op: "get", key: "greeting" }, false],
  "dex: markets": ["dex", { op: "markets" }, false],
};

export async function render(root) {
  const apps = await call("app_list");
  const appSel = h("select", { id: "wo-app" }, apps.map((a) => h("option", { value: a.name }, a.name)));
  const input = h("textarea", { id: "wo-input", rows: 4, spellcheck: "false" }, JSON.stringify(PRESETS["analytics: create a dataset"][1]));
  appSel.value = "analytics";
  const seal = h("input", { type: "checkbox", id: "wo-seal" });
  const signer = h("select", { id: "wo-signer" },
    h("option", { value: "fresh" }, "a fresh throw-away key (a new caller each time)"),
    h("option", { value: "dev" }, "this browser's development key"));
  const preset = h("select", { id: "wo-preset", onchange: () => {
    const [app, inp, s] = PRESETS[preset.value];
    appSel.value = app;
    input.value = JSON.stringify(inp);
    seal.checked = s;
  } }, Object.keys(PRESETS).map((k) => h("option", { value: k }, k)));
  const out = h("div", { id: "wo-result", "aria-live": "polite" });
  const submit = h("button", { type: "submit", id: "wo-submit" }, "Run work order");

  async function run(e) {
    e.preventDefault();
    let parsed;
    try {
      parsed = JSON.parse(input.value);
    } catch {
      toast("Input is not valid JSON", true);
      return;
    }
    const key = signer.value === "dev" && devKey() ? devKey() : keyFrom(randomPrivateKey());
    submit.disabled = true;
    try {
      const r = await process(appSel.value, parsed, { key, seal: seal.checked });
      out.dataset.status = "ok";
      fill(out,
        h("p", { class: "result-ok" }, "✔ Recorded at height ", r.height, " · ran on ", h("strong", { id: "wo-node" }, r.node), " · ", r.sealed ? badge("result sealed to the caller", "info") : "public result"),
        h("p", {}, "Work order ", h("a", { id: "wo-link", href: "#explorer/tx/" + r.workOrderId, class: "mono" }, r.workOrderId), " (receipt and in-page verification in the explorer)"),
        h("p", {}, "Caller ", h("span", { class: "mono" }, key.address), " · output sha256 ", h("span", { class: "mono" }, short(r.outputSha256, 8))),
        h("pre", { id: "wo-output" }, JSON.stringify(r.result, null, 2)));
    } catch (err) {
      out.dataset.status = "error";
      fill(out, h("p", { class: "result-bad" }, "✘ ", err.name && err.name !== "Error" ? err.name + ": " : "", err.message));
    } finally {
      submit.disabled = false;
    }
  }

  fill(
    root,
    h("h1", {}, "Enclave apps and work orders"),
    h("section", { class: "panel" },
      h("h2", {}, "Apps hosted by this node"),
      table(["App", "Measurement", "Quota"], apps.map((a) => h("tr", {}, h("td", {}, a.name), h("td", { class: "mono" }, a.measurement), h("td", { class: "muted" }, "not reported by the node"))), { id: "app-table" })),
    h("section", { class: "panel" },
      h("h2", {}, "Run a work order"),
      h("form", { class: "stack", onsubmit: run },
        h("div", { class: "row" },
          h("label", {}, "Example", preset),
          h("label", {}, "App", appSel),
          h("label", {}, "Signed by", signer),
          h("label", { class: "inline" }, seal, "Seal the input to the attested enclave key")),
        h("label", {}, "Input (JSON)", input),
        h("div", {}, submit)),
      out)
  );
}
