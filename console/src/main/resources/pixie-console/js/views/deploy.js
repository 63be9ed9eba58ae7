// Deploy: the configuration of a new network or of one more node (docs/configuration.md), and
// Kubernetes manifests for a network as a StatefulSet (ConfigMap, headless and client Services),
// as downloads. Everything is generated in the page; nothing is sent anywhere.

import { download, fill, h } from "../dom.js";

const TEE_RESOURCES = {
  sim: "",
  sgx: "sgx.intel.com/epc=64Mi,sgx.intel.com/enclave=1",
  tdx: "",
  snp: "",
};

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function props(entries) {
  return entries.filter(([, v]) => v !== "" && v !== undefined).map(([k, v]) => k + "=" + v).join("\n") + "\n";
}

function yamlQuote(s) {
  return JSON.stringify(String(s));
}

/** Validated form values, or throws naming the field. */
function values(form) {
  const v = Object.fromEntries(new FormData(form).entries());
  v.nodes = Number.parseInt(v.nodes, 10);
  v.apiPort = Number.parseInt(v.apiPort, 10);
  v.raftPort = Number.parseInt(v.raftPort, 10);
  if (!NAME.test(v.name)) throw new Error("Network name: lower-case letters, digits and '-'");
  if (!NAME.test(v.namespace)) throw new Error("Namespace: lower-case letters, digits and '-'");
  if (!(v.nodes >= 1 && v.nodes <= 99)) throw new Error("Nodes: 1 to 99");
  for (const p of ["apiPort", "raftPort"]) if (!(v[p] > 0 && v[p] < 65536)) throw new Error(p + ": 1 to 65535");
  v.members = v.members.split(/[\s,]+/).filter(Boolean);
  for (const m of v.members) if (!/^0x[0-9a-fA-F]{40}$/.test(m)) throw new Error("Not an address: " + m);
  v.allowSimulated = v.tee === "sim" || v.allowSimulated === "on";
  return v;
}

function host(v, i) {
  return v.name + "-" + i + "." + v.name + "-peers." + v.namespace + ".svc.cluster.local";
}

function clusterMembers(v, count) {
  return Array.from({ length: count }, (_, i) => v.name + "-" + i + "=" + host(v, i) + ":" + v.raftPort).join(",");
}

function nodeProperties(v, i, count) {
  return props([
    ["chain.id", v.chainId],
    ["node.id", v.name + "-" + i],
    ["api.host", "0.0.0.0"],
    ["api.port", v.apiPort],
    ["data.dir", "/var/lib/txnchain"],
    ["tee.type", v.tee],
    ["tee.allow-simulated", v.tee === "sim" ? "true" : ""],
    ["cluster.members", count > 1 ? clusterMembers(v, count) : ""],
    ["cluster.join-url", i > 0 ? "http://" + host(v, 0) + ":" + v.apiPort : ""],
    ["gov.members", v.members.join(",")],
    ["gov.allow-simulated", v.allowSimulated ? "true" : "false"],
  ]);
}

/** The shared part of every node's configuration: what the ConfigMap holds. */
function sharedProperties(v) {
  return props([
    ["chain.id", v.chainId],
    ["api.host", "0.0.0.0"],
    ["api.port", v.apiPort],
    ["data.dir", "/var/lib/txnchain"],
    ["tee.type", v.tee],
    ["tee.allow-simulated", v.tee === "sim" ? "true" : ""],
    ["cluster.members", v.nodes > 1 ? clusterMembers(v, v.nodes) : ""],
    ["gov.members", v.members.join(",")],
    ["gov.allow-simulated", v.allowSimulated ? "true" : "false"],
  ]);
}

function resources(v) {
  const r = (v.teeResources ?? "").split(",").map((x) => x.trim()).filter(Boolean).map((x) => x.split("="));
  if (r.length === 0) return "";
  const lines = r.map(([k, q]) => "                " + k + ": " + yamlQuote(q ?? "1")).join("\n");
  return "            limits:\n" + lines + "\n";
}

export function manifests(v) {
  const labels = "app.kubernetes.io/name: txnchain\n    app.kubernetes.io/instance: " + v.name;
  // Each pod takes its node id from its name; every pod but the first joins through pod 0.
  const start =
    'export TXNCHAIN_NODE_ID="$HOSTNAME"; ' +
    'if [ "${HOSTNAME##*-}" != "0" ]; then export TXNCHAIN_CLUSTER_JOIN_URL="http://' + host(v, 0) + ":" + v.apiPort + '"; fi; ' +
    "exec txnchain node --config /etc/txnchain/node.properties";
  return `# Pixie Console: network ${v.name} (chain ${v.chainId}), ${v.nodes} node(s), TEE ${v.tee}
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${v.name}-config
  namespace: ${v.namespace}
  labels:
    ${labels}
data:
  node.properties: |
${sharedProperties(v).trimEnd().split("\n").map((l) => "    " + l).join("\n")}
---
# Stable names for replication (Raft) between the pods.
apiVersion: v1
kind: Service
metadata:
  name: ${v.name}-peers
  namespace: ${v.namespace}
  labels:
    ${labels}
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector:
    app.kubernetes.io/instance: ${v.name}
  ports:
    - name: raft
      port: ${v.raftPort}
    - name: api
      port: ${v.apiPort}
---
# The API and the console for clients, on ready nodes only.
apiVersion: v1
kind: Service
metadata:
  name: ${v.name}
  namespace: ${v.namespace}
  labels:
    ${labels}
spec:
  selector:
    app.kubernetes.io/instance: ${v.name}
  ports:
    - name: api
      port: ${v.apiPort}
      targetPort: api
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${v.name}
  namespace: ${v.namespace}
  labels:
    ${labels}
spec:
  serviceName: ${v.name}-peers
  replicas: ${v.nodes}
  podManagementPolicy: OrderedReady
  selector:
    matchLabels:
      app.kubernetes.io/instance: ${v.name}
  template:
    metadata:
      labels:
        ${labels.replace("\n    ", "\n        ")}
    spec:
      containers:
        - name: node
          image: ${yamlQuote(v.image)}
          command: ["sh", "-c", ${yamlQuote(start)}]
          ports:
            - name: api
              containerPort: ${v.apiPort}
            - name: raft
              containerPort: ${v.raftPort}
          readinessProbe:
            httpGet:
              path: /readyz
              port: api
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /livez
              port: api
            periodSeconds: 10
          resources:
            requests:
              memory: "768Mi"
              cpu: "500m"
${resources(v)}          volumeMounts:
            - name: data
              mountPath: /var/lib/txnchain
            - name: config
              mountPath: /etc/txnchain
      volumes:
        - name: config
          configMap:
            name: ${v.name}-config
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: ${yamlQuote(v.storage)}
`;
}

export async function render(root) {
  const out = h("div", { id: "deploy-output" });
  const field = (label, name, value, attrs = {}) => h("label", {}, label, h("input", { name, value, id: "deploy-" + name, ...attrs }));
  const tee = h("select", { name: "tee", id: "deploy-tee" }, Object.keys(TEE_RESOURCES).map((t) => h("option", { value: t }, t)));
  const teeRes = h("input", { name: "teeResources", id: "deploy-teeResources", value: "", placeholder: "e.g. sgx.intel.com/epc=64Mi" });
  tee.addEventListener("change", () => (teeRes.value = TEE_RESOURCES[tee.value]));
  const form = h("form", { class: "stack", id: "deploy-form", onsubmit: (e) => { e.preventDefault(); generate(); } },
    h("div", { class: "row" },
      field("Network name (Kubernetes)", "name", "txnchain"),
      field("Namespace", "namespace", "default"),
      field("Chain id", "chainId", "txnchain-prod"),
      field("Nodes", "nodes", "3", { type: "number", min: 1, max: 99 })),
    h("div", { class: "row" },
      field("Container image", "image", "txnchain:0.1.0"),
      field("Storage per node", "storage", "20Gi"),
      field("API port", "apiPort", "8080", { type: "number" }),
      field("Raft port", "raftPort", "9080", { type: "number" })),
    h("div", { class: "row" },
      h("label", {}, "TEE type", tee),
      h("label", {}, "TEE device resources (name=quantity, comma-separated)", teeRes),
      h("label", { class: "inline" }, h("input", { type: "checkbox", name: "allowSimulated", id: "deploy-allowSimulated" }), "Genesis: admit simulated nodes (development only)")),
    field("Governance members (addresses, comma-separated)", "members", ""),
    h("div", {}, h("button", { type: "submit", id: "generate" }, "Generate")));

  function generate() {
    let v;
    try {
      v = values(form);
    } catch (e) {
      fill(out, h("p", { class: "result-bad", role: "alert" }, e.message));
      return;
    }
    const yaml = manifests(v);
    const next = v.nodes;
    const joinProps = nodeProperties(v, next, next + 1);
    const joinCmd = "./txnchain node --config " + v.name + "-" + next + ".properties";
    fill(out,
      h("section", { class: "panel" },
        h("h2", {}, "Kubernetes: a new network"),
        h("p", {}, "One StatefulSet of ", v.nodes, " pods; pod 0 creates the network and the others join it through ", h("code", {}, "cluster.join-url"), ". Apply with ", h("code", {}, "kubectl apply -f " + v.name + ".yaml"), "."),
        h("div", { class: "row" },
          h("button", { id: "download-yaml", onclick: () => download(v.name + ".yaml", yaml, "application/yaml") }, "Download " + v.name + ".yaml"),
          h("button", { class: "secondary", id: "download-props", onclick: () => {
            for (let i = 0; i < v.nodes; i++) download(v.name + "-" + i + ".properties", nodeProperties(v, i, v.nodes));
          } }, "Download node.properties for each node (without Kubernetes)")),
        h("pre", { id: "manifest" }, yaml)),
      h("section", { class: "panel" },
        h("h2", {}, "Adding a node"),
        h("p", {}, "Node ", v.name + "-" + next, " gets the network keys from node 0 at its first start, after the members' enclave checks its evidence against the governance policy (with auto-admit off, members first vote ", h("code", {}, "add_node"), " in the Governance view). Replication members are configuration: add the new member to every node's ", h("code", {}, "cluster.members"), " (on Kubernetes: the ConfigMap, then ", h("code", {}, "kubectl scale statefulset " + v.name + " --replicas=" + (next + 1)), ")."),
        h("pre", { id: "join-command" }, joinCmd + "\n# or, with the file of the network and only the join target changed:\nTXNCHAIN_CLUSTER_JOIN_URL=http://" + host(v, 0) + ":" + v.apiPort + " TXNCHAIN_NODE_ID=" + v.name + "-" + next + " ./txnchain node --config node.properties"),
        h("button", { id: "download-join", onclick: () => download(v.name + "-" + next + ".properties", joinProps) }, "Download " + v.name + "-" + next + ".properties"),
        h("pre", { id: "join-properties" }, joinProps)));
  }

  fill(root, h("h1", {}, "Deploy"), h("p", { class: "muted" }, "Configuration and Kubernetes manifests for a TxnChain network (keys: docs/configuration.md). Generated in this page."), h("section", { class: "panel" }, form), out);
  generate();
}
