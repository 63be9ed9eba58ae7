// Byte helpers shared by the console's crypto and wire modules. Values are Uint8Array throughout.

const HEX = /^[0-9a-f]*$/;

/** Lower-case hex of bytes, without a prefix. */
export function toHex(bytes) {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/** Bytes of a hex string; a 0x prefix is accepted; anything else than pairs of hex digits throws. */
export function fromHex(hex) {
  let h = String(hex);
  if (h.startsWith("0x") || h.startsWith("0X")) h = h.slice(2);
  h = h.toLowerCase();
  if (h.length % 2 !== 0 || !HEX.test(h)) throw new Error("not valid hex");
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.substr(i * 2, 2), 16);
  return out;
}

export function utf8(s) {
  return new TextEncoder().encode(s);
}

/** Strict UTF-8 decoding; null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function concat(...parts) {
  const len = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function equal(a, b) {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

/** Big-endian unsigned integer of bytes. */
export function toBigInt(bytes) {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/** Big-endian bytes of a non-negative integer, left-padded to {@code len}. */
export function fromBigInt(v, len = 32) {
  if (v < 0n) throw new Error("negative integer");
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v !== 0n) throw new Error("integer does not fit in " + len + " bytes");
  return out;
}

export function randomBytes(n) {
  const out = new Uint8Array(n);
  crypto.getRandomValues(out);
  return out;
}

export function toBase64Url(bytes) {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(s) {
  const b = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
}
