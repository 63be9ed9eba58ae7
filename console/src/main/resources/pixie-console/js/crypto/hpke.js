// The project's sealed box: HPKE (RFC 9180) base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
// AES-256-GCM, framed as version(1) = 1 || recipientKeyId(8) || enc(32) || ciphertext+tag
// (docs/ledger-format.md, "Sealed boxes").

import { concat, equal, fromBase64Url, utf8 } from "./bytes.js";
import {
  aesGcmDecrypt,
  aesGcmEncrypt,
  hkdfExpand,
  hkdfExtract,
  sha256,
  subtle,
} from "./webcrypto.js";

const KEM_SUITE = concat(utf8("KEM"), new Uint8Array([0x00, 0x20]));
const HPKE_SUITE = concat(utf8("HPKE"), new Uint8Array([0x00, 0x20, 0x00, 0x01, 0x00, 0x02]));
const VERSION_LABEL = utf8("HPKE-v1");
// PKCS#8 wrapping of a raw X25519 private key (RFC 8410), the only private import Web Crypto has.
const PKCS8_X25519 = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
]);

function labeledExtract(suite, salt, label, ikm) {
  return hkdfExtract(salt, concat(VERSION_LABEL, suite, utf8(label), ikm));
}

function labeledExpand(suite, prk, label, info, length) {
  const l = new Uint8Array([length >> 8, length & 0xff]);
  return hkdfExpand(prk, concat(l, VERSION_LABEL, suite, utf8(label), info), length);
}

async function dh(privateKey, publicKeyRaw) {
  const pub = await subtle().importKey("raw", publicKeyRaw, { name: "X25519" }, false, []);
  return new Uint8Array(
    await subtle().deriveBits({ name: "X25519", public: pub }, privateKey, 256)
  );
}

async function sharedSecret(dhBytes, enc, recipientPublic) {
  const prk = await labeledExtract(KEM_SUITE, null, "eae_prk", dhBytes);
  return labeledExpand(KEM_SUITE, prk, "shared_secret", concat(enc, recipientPublic), 32);
}

async function keySchedule(shared, info) {
  const empty = new Uint8Array(0);
  const pskIdHash = await labeledExtract(HPKE_SUITE, null, "psk_id_hash", empty);
  const infoHash = await labeledExtract(HPKE_SUITE, null, "info_hash", info);
  const context = concat(new Uint8Array([0]), pskIdHash, infoHash);
  const secret = await labeledExtract(HPKE_SUITE, shared, "secret", empty);
  return {
    key: await labeledExpand(HPKE_SUITE, secret, "key", context, 32),
    nonce: await labeledExpand(HPKE_SUITE, secret, "base_nonce", context, 12),
  };
}

/** The first 8 bytes of SHA-256 of the recipient key: lets the host refuse a misaddressed box. */
export async function recipientKeyId(publicKey) {
  return (await sha256(publicKey)).subarray(0, 8);
}

/** Seals plaintext to a 32-byte X25519 public key with a fresh ephemeral key. */
export async function seal(recipientPublic, info, aad, plaintext) {
  if (recipientPublic.length !== 32) throw new Error("recipient key must be 32 bytes");
  const eph = await subtle().generateKey({ name: "X25519" }, true, ["deriveBits"]);
  const enc = new Uint8Array(await subtle().exportKey("raw", eph.publicKey));
  const shared = await sharedSecret(await dh(eph.privateKey, recipientPublic), enc, recipientPublic);
  const { key, nonce } = await keySchedule(shared, info);
  const ct = await aesGcmEncrypt(key, nonce, aad, plaintext);
  return concat(new Uint8Array([1]), await recipientKeyId(recipientPublic), enc, ct);
}

/** An X25519 key pair from HPKE DeriveKeyPair(ikm): {privateKey: CryptoKey, publicKey: bytes}. */
export async function deriveKeyPair(ikm) {
  const prk = await labeledExtract(KEM_SUITE, null, "dkp_prk", ikm);
  const sk = await labeledExpand(KEM_SUITE, prk, "sk", new Uint8Array(0), 32);
  const privateKey = await subtle().importKey(
    "pkcs8",
    concat(PKCS8_X25519, sk),
    { name: "X25519" },
    true,
    ["deriveBits"]
  );
  const jwk = await subtle().exportKey("jwk", privateKey);
  return { privateKey, publicKey: fromBase64Url(jwk.x) };
}

/** Opens a box sealed to the key pair; throws with a reason when it cannot. */
export async function open(keyPair, info, aad, box) {
  if (box.length < 1 + 8 + 32 + 16 || box[0] !== 1) throw new Error("malformed sealed box");
  if (!equal(box.subarray(1, 9), await recipientKeyId(keyPair.publicKey))) {
    throw new Error("sealed box is addressed to a different key");
  }
  const enc = box.subarray(9, 41);
  const shared = await sharedSecret(await dh(keyPair.privateKey, enc), enc, keyPair.publicKey);
  const { key, nonce } = await keySchedule(shared, info);
  try {
    return await aesGcmDecrypt(key, nonce, aad, box.subarray(41));
  } catch {
    throw new Error("sealed box failed authentication");
  }
}
