// Offline receipt verification in the page, the rules of docs/receipts.md and of `txnchain
// verify`: nothing the node says is trusted beyond the receipt's own bytes.

import { decodeUtf8, equal, fromHex, toHex, utf8 } from "../crypto/bytes.js";
import { ed25519Verify, sha256 } from "../crypto/webcrypto.js";
import { ByteReader, ByteWriter } from "./codec.js";
import { decodeTransaction } from "./transaction.js";
import { verifyEvidence } from "./evidence.js";

const MAX_OUTPUT = 16 * 1024 * 1024;
const STATUS = { 0: "ok", 1: "failed" };

/** Decodes a ledger record (TxRecord). */
export async function decodeRecord(bytes) {
  const r = new ByteReader(bytes);
  const tx = await decodeTransaction(r.bytes(MAX_OUTPUT + 4096, "tx"));
  const statusCode = r.u8("status");
  const status = STATUS[statusCode];
  if (!status) throw new Error("unknown status " + statusCode);
  const errorCode = r.string(64, "errorCode");
  const errorMessage = r.string(1024, "errorMessage");
  const output = r.bytes(MAX_OUTPUT, "output");
  const outputHash = r.fixedOrEmpty(32, "outputHash");
  const outputSealed = r.bool("outputSealed");
  const n = r.u32("events");
  if (n > 10000) throw new Error("too many events: " + n);
  const events = [];
  for (let i = 0; i < n; i++) {
    events.push({
      app: r.string(64, "event app"),
      type: r.string(64, "event type"),
      data: r.bytes(MAX_OUTPUT, "event data"),
    });
  }
  r.end("transaction record");
  return { tx, status, errorCode, errorMessage, output, outputHash, outputSealed, events };
}

function putBytes(view, field, bytes) {
  const text = decodeUtf8(bytes);
  if (text === null) {
    view[field + "Hex"] = toHex(bytes);
    return;
  }
  const t = text.trim();
  if ((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"))) {
    try {
      view[field] = JSON.parse(t);
      return;
    } catch {
      // Not JSON after all: shown as text, as ReceiptView does.
    }
  }
  view[field + "Text"] = text;
}

/** The readable view of a record, the same function as the Java ReceiptView. */
export function describe(rec) {
  const tx = rec.tx;
  const v = {
    txId: tx.id,
    kind: tx.kind,
    chainId: tx.chainId,
    clientId: tx.clientId,
    sender: tx.senderAddress,
  };
  if (tx.app) v.app = tx.app;
  if (tx.appMeasurement.length > 0) v.appMeasurement = toHex(tx.appMeasurement);
  v.sealed = tx.sealed;
  if (tx.sealed) v.payloadBytes = tx.payload.length;
  else putBytes(v, "payload", tx.payload);
  v.status = rec.status;
  if (rec.errorCode) {
    v.errorCode = rec.errorCode;
    v.errorMessage = rec.errorMessage;
  }
  if (rec.outputHash.length > 0) v.outputSha256 = toHex(rec.outputHash);
  if (rec.outputSealed) v.outputSealedBytes = rec.output.length;
  else if (rec.output.length > 0) putBytes(v, "output", rec.output);
  if (rec.events.length > 0) {
    v.events = rec.events.map((e) => {
      const ev = { app: e.app, type: e.type };
      putBytes(ev, "data", e.data);
      return ev;
    });
  }
  return v;
}

/** Structural equality of JSON values, ignoring object key order (as Jackson's tree equality). */
export function jsonEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (typeof a !== "object") return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** The header encoding (docs/ledger-format.md, "Blocks"). */
export function encodeHeader(h) {
  return new ByteWriter()
    .u8(h.version)
    .string(h.chainId)
    .u64(h.height)
    .raw(hex32(h.prevHash, "header.prevHash"))
    .raw(hex32(h.txRoot, "header.txRoot"))
    .raw(hex32(h.stateRoot, "header.stateRoot"))
    .u64(h.txCount)
    .u64(h.timeMillis)
    .toBytes();
}

/** What enclaves sign: sha256("txnchain/block-header/v1" || sha256(header)). */
export async function headerSigningMessage(h) {
  return sha256(utf8("txnchain/block-header/v1"), await sha256(encodeHeader(h)));
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to from a leaf hash. */
export async function rootFromInclusionProof(leafIndex, treeSize, path, leafHash) {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) throw new Error("leaf index outside the tree");
  let fn = BigInt(leafIndex);
  let sn = BigInt(treeSize) - 1n;
  let r = leafHash;
  for (const p of path) {
    if (sn === 0n) throw new Error("proof is longer than the tree is deep");
    if ((fn & 1n) === 1n || fn === sn) {
      r = await sha256(new Uint8Array([1]), p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = await sha256(new Uint8Array([1]), r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) throw new Error("proof is shorter than the tree is deep");
  return r;
}

function hex(s, field) {
  if (typeof s !== "string") throw new Invalid(field + " is missing");
  try {
    return fromHex(s);
  } catch {
    throw new Invalid(field + " is not valid hex");
  }
}

function hex32(s, field) {
  const b = hex(s, field);
  if (b.length !== 32) throw new Invalid(field + " must be 32 bytes");
  return b;
}

class Invalid extends Error {}

function require(cond, reason) {
  if (!cond) throw new Invalid(reason);
}

/**
 * Verifies a receipt (parsed JSON). Returns {valid, reason, height, signers: [{enclaveKey,
 * evidence}], steps: [names of the checks passed]}.
 */
export async function verifyReceipt(r, { allowSimulated = false, measurements = null } = {}) {
  const steps = [];
  try {
    require(r && typeof r === "object", "receipt is missing");
    require(r.version === 1, "unsupported receipt version " + r.version);
    require(r.entry != null && r.proof != null && r.header != null, "receipt is incomplete");
    const entry = hex(r.entry, "entry");
    let record;
    try {
      record = await decodeRecord(entry);
    } catch (e) {
      throw new Invalid("entry does not decode: " + e.message);
    }
    require(
      record.tx.id === r.id,
      "receipt id " + r.id + " is not the entry's transaction id " + record.tx.id
    );
    if (r.decoded != null) {
      require(jsonEqual(describe(record), r.decoded), "decoded view does not match the entry bytes");
    }
    steps.push("entry decodes and matches its id and readable view");

    const h = r.header;
    require(typeof h.chainId === "string", "header chainId is missing");
    require(record.tx.chainId === h.chainId, "entry belongs to another chain than the header");
    require(h.version === 1, "unsupported header version");
    steps.push("entry and header are on the same chain");

    const p = r.proof;
    require(Array.isArray(p.path), "proof path is missing");
    require(p.treeSize === h.txCount, "proof tree size differs from the header's txCount");
    const path = p.path.map((n) => hex32(n, "proof.path"));
    let root;
    try {
      root = await rootFromInclusionProof(
        p.leafIndex,
        p.treeSize,
        path,
        await sha256(new Uint8Array([0]), entry)
      );
    } catch (e) {
      throw new Invalid("inclusion proof is malformed: " + e.message);
    }
    require(
      equal(root, hex32(h.txRoot, "header.txRoot")),
      "inclusion proof does not lead to the header's txRoot (entry or proof altered)"
    );
    steps.push("Merkle inclusion proof leads to the header's txRoot");

    require(Array.isArray(r.signatures) && r.signatures.length > 0, "header carries no signature");
    const message = await headerSigningMessage(h);
    const seen = new Set();
    const signers = [];
    for (const s of r.signatures) {
      require(s != null, "a header signature is null");
      const key = hex32(s.enclaveKey, "signature.enclaveKey");
      require(!seen.has(toHex(key)), "enclave " + toHex(key) + " signed the header more than once");
      seen.add(toHex(key));
      require(
        await ed25519Verify(key, message, hex(s.signature, "signature.signature")),
        "header signature by enclave " + s.enclaveKey + " does not verify"
      );
      signers.push({ enclaveKey: toHex(key), evidence: await checkEvidence(r, key, { allowSimulated, measurements }) });
    }
    steps.push("Ed25519 header signatures verify");
    steps.push("each signer's evidence binds its key");
    return { valid: true, reason: "valid", height: h.height, signers, steps };
  } catch (e) {
    const reason = e instanceof Invalid ? e.message : "receipt is malformed: " + e.message;
    return { valid: false, reason, height: -1, signers: [], steps };
  }
}

async function checkEvidence(r, identityKey, policy) {
  require(Array.isArray(r.evidence), "receipt carries no evidence");
  for (const e of r.evidence) {
    require(e != null, "an evidence entry is null");
    if (!equal(hex32(e.identityKey, "evidence.identityKey"), identityKey)) continue;
    require(e.format != null, "evidence format is missing");
    const result = await verifyEvidence(
      {
        format: e.format,
        data: hex(e.data, "evidence.data"),
        identityKey,
        encryptionKey: hex32(e.encryptionKey, "evidence.encryptionKey"),
        nonce: hex(e.nonce, "evidence.nonce"),
      },
      policy
    );
    require(result.valid, "evidence of enclave " + e.identityKey + ": " + result.reason);
    return result;
  }
  throw new Invalid("no evidence for signing enclave " + toHex(identityKey));
}
