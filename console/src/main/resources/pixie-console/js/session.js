// What the page holds for its user: the evidence policy, the development key, and the enclave
// key that payloads are sealed to. Keys never leave the page: only signatures and sealed boxes go
// to the node.

import { decodeUtf8, equal, fromHex, randomBytes, toHex, utf8 } from "./crypto/bytes.js";
import { deriveKeyPair, open } from "./crypto/hpke.js";
import {
  addressOf,
  publicKeyCompressed,
  randomPrivateKey,
  recoverCompressed,
  sign,
} from "./crypto/secp256k1.js";
import { orderDigest, typedData } from "./wire/order.js";
import { sha256 } from "./crypto/webcrypto.js";
import { keccak256 } from "./crypto/keccak.js";
import { verifyEvidence } from "./wire/evidence.js";
import {
  personalSignDigest,
  randomClientId,
  resultInfo,
  signTransaction,
} from "./wire/transaction.js";
import { call } from "./rpc.js";

const DEV_KEY = "pixie.devKey";
const ALLOW_SIM = "pixie.allowSimulated";

export function allowSimulated() {
  return localStorage.getItem(ALLOW_SIM) === "true";
}

export function setAllowSimulated(v) {
  localStorage.setItem(ALLOW_SIM, v ? "true" : "false");
  attested = null;
}

/**
 * A signer over a private key held in the page: {kind, publicKey (compressed), address,
 * signHash(h) (personal_sign over a 32-byte hash), signOrder(domain, message) (EIP-712),
 * replySeed(), viewSeed()}.
 */
export function keyFrom(privateKey) {
  const publicKey = publicKeyCompressed(privateKey);
  return {
    kind: "dev",
    publicKey,
    address: addressOf(publicKey),
    signHash: (h) => sign(personalSignDigest(h), privateKey),
    signMessage: (msg) =>
      sign(keccak256(utf8("\x19Ethereum Signed Message:\n" + msg.length), msg), privateKey),
    signOrder: (domain, message) => sign(orderDigest(domain, message), privateKey),
    replySeed: () => sha256(utf8("txnchain/reply-key/v1"), privateKey),
    viewSeed: () => sha256(utf8("txnchain/dex/view-key/v1"), privateKey),
  };
}

const LOGIN = "Pixie Console: use this wallet on TxnChain. Signing this message costs nothing.";

/**
 * A signer over an EIP-1193 wallet. The wallet exposes only its address, so the public key is
 * recovered from a signature over a fixed login message; that signature (deterministic in common
 * wallets) also seeds the reply key, so sealed results open again after a reload.
 */
export async function walletSigner(provider) {
  const [address] = await provider.request({ method: "eth_requestAccounts" });
  const loginHex = "0x" + toHex(utf8(LOGIN));
  const loginSig = fromHex(await provider.request({ method: "personal_sign", params: [loginHex, address] }));
  const digest = keccak256(utf8("\x19Ethereum Signed Message:\n" + utf8(LOGIN).length), utf8(LOGIN));
  const publicKey = recoverCompressed(digest, loginSig);
  if (addressOf(publicKey).toLowerCase() !== address.toLowerCase()) {
    throw new Error("the wallet's login signature does not recover its address");
  }
  return {
    kind: "wallet",
    publicKey,
    address: addressOf(publicKey),
    signHash: async (h) =>
      fromHex(await provider.request({ method: "personal_sign", params: ["0x" + toHex(h), address] })),
    signMessage: async (msg) =>
      fromHex(await provider.request({ method: "personal_sign", params: ["0x" + toHex(msg), address] })),
    signOrder: async (domain, message) =>
      fromHex(
        await provider.request({
          method: "eth_signTypedData_v4",
          params: [address, JSON.stringify(typedData(domain, message))],
        })
      ),
    replySeed: () => sha256(utf8("txnchain/reply-key/wallet/v1"), loginSig),
    viewSeed: () => sha256(utf8("txnchain/dex/view-key/wallet/v1"), loginSig),
  };
}

/** The development key kept in this browser's local storage, or null. */
export function devKey() {
  const hex = localStorage.getItem(DEV_KEY);
  return hex ? keyFrom(fromHex(hex)) : null;
}

export function createDevKey() {
  localStorage.setItem(DEV_KEY, toHex(randomPrivateKey()));
  return devKey();
}

export function forgetDevKey() {
  localStorage.removeItem(DEV_KEY);
}

let viewer = null;

/**
 * The key that signs public queries (book, trades, markets): the development key when there is
 * one, else a throw-away key that lives as long as the page.
 */
export function queryKey() {
  return devKey() ?? (viewer ??= keyFrom(randomPrivateKey()));
}

/**
 * The X25519 key sealed results come back to; for a page key derived as the CLI's
 * UserKey.replyKey(), so a key file and the page open the same results.
 */
export async function replyKeyPair(signer) {
  return deriveKeyPair(await signer.replySeed());
}

/**
 * The X25519 key the DEX seals the signer's balances to once registered (docs/dex.md); for a page
 * key derived as the CLI's UserKey.viewKey(), so both open the same snapshots.
 */
export async function viewKeyPair(signer) {
  return deriveKeyPair(await signer.viewSeed());
}

let chain = null;

export async function chainId() {
  chain ??= (await call("chain_head")).chainId;
  return chain;
}

let attested = null;

/**
 * The enclave's keys, after its evidence over a fresh nonce of ours verified under the page's
 * policy. A host cannot substitute its own key or replay old evidence.
 */
export async function attestedEnclave() {
  if (attested) return attested;
  const nonce = randomBytes(32);
  const ev = await call("node_getEvidence", { nonce: toHex(nonce) });
  const result = await verifyEvidence(
    {
      format: ev.format,
      data: fromHex(ev.data),
      identityKey: fromHex(ev.identityKey),
      encryptionKey: fromHex(ev.encryptionKey),
      nonce,
    },
    { allowSimulated: allowSimulated() }
  );
  if (!result.valid) {
    throw new Error("the enclave's evidence does not verify: " + result.reason);
  }
  attested = {
    identityKey: fromHex(ev.identityKey),
    encryptionKey: fromHex(ev.encryptionKey),
    simulated: result.simulated,
    claims: result.claims,
  };
  return attested;
}

/**
 * Builds and signs a work order; returns {tx: {id, hex, sender}, reply, chainId}, where reply is
 * the key pair a sealed answer opens with (null when not sealed).
 */
export async function buildWorkOrder(app, input, { key = queryKey(), seal = false } = {}) {
  const chainIdValue = await chainId();
  const clientId = randomClientId();
  const t = {
    chainId: chainIdValue,
    kind: "work_order",
    clientId,
    app,
    payload: utf8(JSON.stringify(input)),
  };
  let reply = null;
  if (seal) {
    const enclave = await attestedEnclave();
    reply = await replyKeyPair(key);
    t.sealTo = enclave.encryptionKey;
    t.replyKey = reply.publicKey;
  }
  return { tx: await signTransaction(t, key), reply, chainId: chainIdValue };
}

/**
 * Opens a result the enclave sealed to the reply key; checks it against the recorded hash when
 * the answer carries one.
 */
export async function openResult(built, txId, sealedResultHex, outputSha256Hex) {
  const plain = await open(built.reply, resultInfo(built.chainId), utf8(txId), fromHex(sealedResultHex));
  if (outputSha256Hex && !equal(await sha256(plain), fromHex(outputSha256Hex))) {
    throw new Error("the opened result does not match its recorded outputSha256");
  }
  return JSON.parse(decodeUtf8(plain));
}

/**
 * Runs a work order on an enclave app and returns the node's answer with `result` parsed (opened
 * with the reply key when it came back sealed).
 */
export async function process(app, input, options = {}) {
  const built = await buildWorkOrder(app, input, options);
  const res = await call("txn_process", { tx: built.tx.hex });
  if (res.sealed && res.sealedResult) {
    res.result = await openResult(built, res.workOrderId, res.sealedResult, res.outputSha256);
  }
  return res;
}

/** Submits a signed data transaction. */
export async function submitData(text, { key = queryKey(), seal = false } = {}) {
  const t = {
    chainId: await chainId(),
    kind: "data",
    clientId: randomClientId(),
    payload: utf8(text),
  };
  if (seal) t.sealTo = (await attestedEnclave()).encryptionKey;
  const tx = await signTransaction(t, key);
  return call("txn_submit", { tx: tx.hex });
}
