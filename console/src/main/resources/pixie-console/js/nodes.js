// The nodes a page shows: this node, the peers it lists in network_status, and URLs the operator
// added (kept in this browser, for nodes this one does not list).

import { call } from "./rpc.js";

const SAVED = "pixie.nodeUrls";

function trimmed(url) {
  return String(url ?? "").trim().replace(/\/+$/, "");
}

/** URLs the operator added, without this node's. */
export function savedNodeUrls() {
  return JSON.parse(localStorage.getItem(SAVED) ?? "[]").filter((u) => u !== location.origin);
}

export function saveNodeUrls(urls) {
  localStorage.setItem(SAVED, JSON.stringify([...new Set(urls.map(trimmed))].filter((u) => u !== location.origin)));
}

/** The API URLs of the peers a network_status lists. */
export function peerUrls(status) {
  return (status?.peers ?? []).map((p) => trimmed(p.url)).filter((u) => /^https?:\/\//.test(u));
}

/** This node's URL first, then its peers and the saved URLs, each once. */
export function nodeUrls(status) {
  return [...new Set([location.origin, ...peerUrls(status), ...savedNodeUrls()])];
}

/** As nodeUrls, reading this node's network_status; only the saved URLs if it does not answer. */
export async function discoverNodeUrls() {
  try {
    return nodeUrls(await call("network_status", {}, ""));
  } catch {
    return nodeUrls(null);
  }
}
