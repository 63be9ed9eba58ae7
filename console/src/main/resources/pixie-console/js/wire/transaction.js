// Transactions as the browser builds, signs and reads them (docs/ledger-format.md): the signature
// is personal_sign (EIP-191) over SHA-256 of the signing bytes, so a wallet can produce it too.

import { concat, toHex, utf8 } from "../crypto/bytes.js";
import { keccak256 } from "../crypto/keccak.js";
import { addressBytes, addressOf } from "../crypto/secp256k1.js";
import { sha256 } from "../crypto/webcrypto.js";
import { seal } from "../crypto/hpke.js";
import { ByteReader, ByteWriter } from "./codec.js";

export const KIND = { data: 1, work_order: 2 };
const KIND_NAMES = { 1: "data", 2: "work_order" };
const MAX_PAYLOAD = 16 * 1024 * 1024;
const PERSONAL_SIGN_PREFIX = utf8("\x19Ethereum Signed Message:\n32");

/** The transaction id: depends on chain, sender and client id only. */
export async function txId(chainId, senderAddress20, clientId) {
  const body = new ByteWriter().string(chainId).raw(senderAddress20).string(clientId).toBytes();
  return "0x" + toHex(await sha256(utf8("txnchain/tx-id/v1"), body));
}

export function payloadInfo(chainId) {
  return new ByteWriter().raw(utf8("txnchain/tx-payload/v1")).string(chainId).toBytes();
}

export function resultInfo(chainId) {
  return new ByteWriter().raw(utf8("txnchain/result/v1")).string(chainId).toBytes();
}

export function payloadAad(senderCompressed, clientId) {
  return new ByteWriter().bytes(senderCompressed).string(clientId).toBytes();
}

function signingBytes(t, sender) {
  return new ByteWriter()
    .u8(1)
    .string(t.chainId)
    .u8(KIND[t.kind])
    .string(t.clientId)
    .raw(sender)
    .string(t.app ?? "")
    .bytes(t.appMeasurement ?? new Uint8Array(0))
    .bool(!!t.sealed)
    .bytes(t.payload)
    .bytes(t.replyKey ?? new Uint8Array(0))
    .toBytes();
}

/** What personal_sign signs for a 32-byte hash: keccak256("\x19Ethereum Signed Message:\n32" || hash). */
export function personalSignDigest(hash32) {
  return keccak256(PERSONAL_SIGN_PREFIX, hash32);
}

/**
 * Builds and signs a transaction.
 *
 * @param t {chainId, kind: "data"|"work_order", clientId, app?, appMeasurement?, payload,
 *     sealTo?: enclave encryption key (seals the payload), replyKey?}
 * @param signer {publicKey: compressed key, signHash(sha256 of the signing bytes) → 65 bytes}:
 *     personal_sign over that hash, by a key in the page or a wallet
 * @returns {{id, hex, sender}}
 */
export async function signTransaction(t, signer) {
  const sender = signer.publicKey;
  let payload = t.payload;
  const sealed = !!t.sealTo;
  if (sealed) {
    payload = await seal(t.sealTo, payloadInfo(t.chainId), payloadAad(sender, t.clientId), payload);
  }
  const fields = { ...t, payload, sealed, replyKey: sealed ? t.replyKey : undefined };
  const signing = signingBytes(fields, sender);
  const signature = await signer.signHash(await sha256(signing));
  return {
    id: await txId(t.chainId, addressBytes(sender), t.clientId),
    hex: toHex(concat(signing, signature)),
    sender: addressOf(sender),
  };
}

/** Decodes a signed transaction; structure only, as Transaction.decode. */
export async function decodeTransaction(bytes) {
  const r = new ByteReader(bytes);
  const version = r.u8("version");
  if (version !== 1) throw new Error("unsupported transaction version " + version);
  const chainId = r.string(64, "chainId");
  const kindCode = r.u8("kind");
  const kind = KIND_NAMES[kindCode];
  if (!kind) throw new Error("unknown transaction kind " + kindCode);
  const clientId = r.string(64, "clientId");
  if (clientId.length === 0) throw new Error("clientId must not be empty");
  const sender = r.raw(33, "sender");
  const address = addressBytes(sender);
  const app = r.string(64, "app");
  const appMeasurement = r.fixedOrEmpty(32, "appMeasurement");
  const sealed = r.bool("sealed");
  const payload = r.bytes(MAX_PAYLOAD, "payload");
  const replyKey = r.fixedOrEmpty(32, "replyKey");
  const signature = r.raw(65, "signature");
  r.end("transaction");
  if (kind === "work_order" && app.length === 0) throw new Error("a work order must name an app");
  return {
    id: await txId(chainId, address, clientId),
    chainId,
    kind,
    clientId,
    sender,
    senderAddress: addressOf(sender),
    app,
    appMeasurement,
    sealed,
    payload,
    replyKey,
    signature,
  };
}

/** A random client id: 16 random bytes in hex. */
export function randomClientId() {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}
