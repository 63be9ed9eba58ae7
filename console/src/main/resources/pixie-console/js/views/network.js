// Network: every node's role, height and state root, with agreement shown at a glance, the leader
// marked, and a refresh every two seconds. A node's own network_status is the source; other nodes
// are the peers this node lists and the URLs the operator adds (kept in this browser).

import { call } from "../rpc.js";
import { badge, fill, h, short, simBadge, table } from "../dom.js";
import { nodeUrls, peerUrls, savedNodeUrls, saveNodeUrls } from "../nodes.js";

const REFRESH_MS = 2000;

function uptime(ms) {
  const s = Math.floor(ms / 1000);
  if (s < 120) return s + " s";
  if (s < 7200) return Math.floor(s / 60) + " min";
  return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
}

/** Previous samples of each node's recorded-transaction counter, for a rate. */
const samples = new Map();

/** Recorded transactions per second since the previous refresh, from the node's /metrics. */
async function load(url, base) {
  try {
    const text = await (await fetch(base + "/metrics")).text();
    const m = /^txnchain_tx_total\{outcome="recorded"\} (\S+)$/m.exec(text);
    if (!m) return null;
    const now = { count: Number(m[1]), at: performance.now() };
    const before = samples.get(url);
    samples.set(url, now);
    if (!before || now.count < before.count) return null;
    return ((now.count - before.count) * 1000) / (now.at - before.at);
  } catch {
    return null;
  }
}

async function readNode(url) {
  const base = url === location.origin ? "" : url;
  try {
    const [status, apps, rate] = await Promise.all([
      call("network_status", {}, base),
      call("app_list", {}, base),
      load(url, base),
    ]);
    return { url, status, apps, rate, self: status.nodes[0] };
  } catch (e) {
    return { url, error: e.message };
  }
}

/** Agreement of the reachable nodes: same height and state root, lagging, or diverged. */
export function agreement(reads) {
  const ok = reads.filter((r) => r.self);
  if (ok.length === 0) return { kind: "bad", text: "no node answers" };
  const top = Math.max(...ok.map((r) => r.self.height));
  const atTop = ok.filter((r) => r.self.height === top);
  const roots = new Set(atTop.map((r) => r.self.stateRoot));
  if (roots.size > 1) return { kind: "bad", text: "DIVERGED: different state roots at height " + top };
  const lagging = ok.length - atTop.length;
  const down = reads.length - ok.length;
  if (lagging === 0 && down === 0) {
    return { kind: "ok", text: "All " + ok.length + " nodes agree at height " + top };
  }
  return {
    kind: "warn",
    text: atTop.length + " of " + reads.length + " nodes at height " + top +
      (lagging ? ", " + lagging + " catching up" : "") + (down ? ", " + down + " unreachable" : ""),
  };
}

export async function render(root) {
  const summary = h("p", { class: "agree", id: "agreement", "aria-live": "polite" });
  const nodesBox = h("div", { id: "nodes" });
  const groupBox = h("div", { id: "replication" });
  const updated = h("span", { class: "muted", id: "updated" });
  const urlInput = h("input", { id: "node-url", type: "url", placeholder: "http://127.0.0.1:8081", "aria-label": "Node URL" });
  const addForm = h(
    "form",
    { class: "row", onsubmit: (e) => { e.preventDefault(); add(); } },
    h("label", {}, "Add a node's API URL", urlInput),
    h("button", { type: "submit", id: "add-node" }, "Add node")
  );
  fill(
    root,
    h("h1", {}, "Network"),
    h("section", { class: "panel" }, summary, updated),
    h("section", { class: "panel" }, h("h2", {}, "Nodes"), nodesBox, addForm),
    h("section", { class: "panel" }, h("h2", {}, "Replication group (as this node sees it)"), groupBox)
  );

  function add() {
    const u = urlInput.value.trim().replace(/\/+$/, "");
    if (!/^https?:\/\//.test(u)) return;
    saveNodeUrls([...savedNodeUrls(), u]);
    urlInput.value = "";
    refresh();
  }

  function remove(url) {
    saveNodeUrls(savedNodeUrls().filter((u) => u !== url));
    refresh();
  }

  async function refresh() {
    // This node first: the peers it lists are shown without being added by hand.
    const own = await readNode(location.origin);
    const peers = peerUrls(own.status);
    const reads = [own, ...(await Promise.all(nodeUrls(own.status).slice(1).map(readNode)))];
    const removable = (url) => savedNodeUrls().includes(url) && !peers.includes(url);
    const lastCell = (url) =>
      url === location.origin ? "this node" : removable(url) ? h("button", { class: "secondary", onclick: () => remove(url) }, "Remove") : "peer";
    const a = agreement(reads);
    fill(summary, badge(a.kind === "ok" ? "IN AGREEMENT" : a.kind === "warn" ? "PARTIAL" : "PROBLEM", a.kind), " ", a.text);
    summary.dataset.state = a.kind;
    const leader = reads.find((r) => r.status)?.status.leader;
    const topRoot = reads.filter((r) => r.self).sort((x, y) => y.self.height - x.self.height)[0]?.self.stateRoot;
    const rows = reads.map((r) => {
      if (!r.self) {
        return h("tr", { "data-node": r.url }, h("td", {}, "?"), h("td", { class: "mono" }, r.url), h("td", { colspan: 8 }, badge("UNREACHABLE", "bad"), " ", r.error),
          h("td", {}, lastCell(r.url)));
      }
      const n = r.self;
      const isLeader = n.id === r.status.leader;
      return h(
        "tr",
        { "data-node": n.id },
        h("td", {}, n.id, " ", isLeader ? badge("★ LEADER", "info") : ""),
        h("td", { class: "mono" }, n.url),
        h("td", { class: "role" }, isLeader ? "leader" : n.role),
        h("td", { class: "num height" }, n.height),
        h("td", { class: "mono", title: n.stateRoot }, short(n.stateRoot, 8), " ", n.stateRoot === topRoot ? badge("=", "ok") : badge("≠", "warn")),
        h("td", {}, n.tee, " ", n.attestation === "simulated" ? simBadge() : badge(n.attestation, "info")),
        h("td", {}, n.healthy ? badge("healthy", "ok") : badge("unhealthy", "bad")),
        h("td", { class: "num" }, uptime(n.uptimeMillis)),
        h("td", { class: "num load", title: "transactions recorded per second since the last refresh" }, r.rate === null ? "—" : r.rate.toFixed(1) + " tx/s"),
        h("td", {}, r.apps.map((a) => a.name).join(", ")),
        h("td", {}, lastCell(r.url))
      );
    });
    fill(nodesBox, table(["Node", "API", "Role", "#Height", "State root", "TEE", "Health", "#Uptime", "#Load", "Apps", ""], rows, { id: "node-table" }));
    const group = reads.find((r) => r.status)?.status.replication ?? [];
    fill(
      groupBox,
      group.length === 0
        ? h("p", { class: "muted" }, "Single node: no replication group.")
        : table(["Member", "Raft address", "Role", "#Log index"], group.map((m) =>
            h("tr", {}, h("td", {}, m.id, m.id === leader ? " ★" : ""), h("td", { class: "mono" }, m.address), h("td", {}, m.role.toLowerCase()), h("td", { class: "num" }, m.index))))
    );
    updated.textContent = "Updated " + new Date().toLocaleTimeString() + " · refreshes every 2 s";
  }

  await refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => clearInterval(timer);
}
