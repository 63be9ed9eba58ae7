// The browser's own primitives (Web Crypto): SHA-256, HMAC, HKDF, AES-GCM, Ed25519, X25519.
// Web Crypto exists only in a secure context (https, or http on localhost / 127.0.0.1).

import { concat } from "./bytes.js";

function subtle() {
  if (!globalThis.crypto || !crypto.subtle) {
    throw new Error(
      "Web Crypto is unavailable: open the console over https or on 127.0.0.1/localhost"
    );
  }
  return crypto.subtle;
}

export async function sha256(...parts) {
  return new Uint8Array(await subtle().digest("SHA-256", concat(...parts)));
}

export async function hmacSha256(key, ...parts) {
  // HMAC pads keys to the block size with zeros, so an empty key equals 32 zero bytes, which
  // Web Crypto accepts where it refuses a zero-length key.
  const k = await subtle().importKey(
    "raw",
    key.length === 0 ? new Uint8Array(32) : key,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"]
  );
  return new Uint8Array(await subtle().sign("HMAC", k, concat(...parts)));
}

/** RFC 5869 HKDF-Extract; a null salt is HashLen zeros. */
export function hkdfExtract(salt, ikm) {
  return hmacSha256(salt ?? new Uint8Array(32), ikm);
}

/** RFC 5869 HKDF-Expand. */
export async function hkdfExpand(prk, info, length) {
  const out = new Uint8Array(length);
  let t = new Uint8Array(0);
  for (let i = 1, o = 0; o < length; i++) {
    t = await hmacSha256(prk, t, info, new Uint8Array([i]));
    out.set(t.subarray(0, Math.min(t.length, length - o)), o);
    o += t.length;
  }
  return out;
}

export async function aesGcmEncrypt(key, nonce, aad, plaintext) {
  const k = await subtle().importKey("raw", key, "AES-GCM", false, ["encrypt"]);
  return new Uint8Array(
    await subtle().encrypt({ name: "AES-GCM", iv: nonce, additionalData: aad }, k, plaintext)
  );
}

export async function aesGcmDecrypt(key, nonce, aad, ciphertext) {
  const k = await subtle().importKey("raw", key, "AES-GCM", false, ["decrypt"]);
  return new Uint8Array(
    await subtle().decrypt({ name: "AES-GCM", iv: nonce, additionalData: aad }, k, ciphertext)
  );
}

/** Ed25519 verification; false (never a throw) for a malformed key or signature. */
export async function ed25519Verify(publicKey, message, signature) {
  try {
    const k = await subtle().importKey("raw", publicKey, { name: "Ed25519" }, false, ["verify"]);
    return await subtle().verify({ name: "Ed25519" }, k, signature, message);
  } catch {
    return false;
  }
}

export { subtle };
