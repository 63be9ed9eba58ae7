// secp256k1 for Ethereum-style keys: public keys, addresses (EIP-55), and RFC 6979 deterministic
// signatures with low s and v = 27 + recovery id, the bytes wallets produce. Plain BigInt
// arithmetic, not constant-time: good for the browser's development keys (ADR 0017), not for
// keys that guard real value on a shared machine.

import { concat, fromBigInt, toBigInt, toHex, utf8 } from "./bytes.js";
import { hmacSha256 } from "./webcrypto.js";
import { keccak256 } from "./keccak.js";

export const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;
export const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const G = [
  0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798n,
  0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8n,
];

function mod(a, m = P) {
  const r = a % m;
  return r >= 0n ? r : r + m;
}

function inv(a, m = P) {
  let [lo, hi, x0, x1] = [mod(a, m), m, 1n, 0n];
  while (lo > 1n) {
    const q = hi / lo;
    [lo, hi] = [hi - q * lo, lo];
    [x0, x1] = [x1 - q * x0, x0];
  }
  return mod(x0, m);
}

function powMod(b, e, m = P) {
  let r = 1n;
  b = mod(b, m);
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

// Jacobian coordinates [X, Y, Z]; Z = 0 is the point at infinity.
function double([x, y, z]) {
  if (z === 0n || y === 0n) return [0n, 1n, 0n];
  const s = mod(4n * x * y * y);
  const m = mod(3n * x * x);
  const x3 = mod(m * m - 2n * s);
  const y3 = mod(m * (s - x3) - 8n * y * y * y * y);
  return [x3, y3, mod(2n * y * z)];
}

function add(p, q) {
  if (p[2] === 0n) return q;
  if (q[2] === 0n) return p;
  const [x1, y1, z1] = p;
  const [x2, y2, z2] = q;
  const z1z1 = mod(z1 * z1);
  const z2z2 = mod(z2 * z2);
  const u1 = mod(x1 * z2z2);
  const u2 = mod(x2 * z1z1);
  const s1 = mod(y1 * z2 * z2z2);
  const s2 = mod(y2 * z1 * z1z1);
  if (u1 === u2) return s1 === s2 ? double(p) : [0n, 1n, 0n];
  const h = mod(u2 - u1);
  const r = mod(s2 - s1);
  const h2 = mod(h * h);
  const h3 = mod(h * h2);
  const x3 = mod(r * r - h3 - 2n * u1 * h2);
  const y3 = mod(r * (u1 * h2 - x3) - s1 * h3);
  return [x3, y3, mod(h * z1 * z2)];
}

function multiply(k, point = G) {
  let acc = [0n, 1n, 0n];
  let base = [point[0], point[1], 1n];
  while (k > 0n) {
    if (k & 1n) acc = add(acc, base);
    base = double(base);
    k >>= 1n;
  }
  return affine(acc);
}

function affine([x, y, z]) {
  if (z === 0n) throw new Error("point at infinity");
  const zi = inv(z);
  const zi2 = mod(zi * zi);
  return [mod(x * zi2), mod(y * zi2 * zi)];
}

function privateScalar(privateKey) {
  const d = toBigInt(privateKey);
  if (privateKey.length !== 32 || d <= 0n || d >= N) throw new Error("invalid private key");
  return d;
}

/** The 33-byte compressed public key of a 32-byte private key. */
export function publicKeyCompressed(privateKey) {
  const [x, y] = multiply(privateScalar(privateKey));
  return concat(new Uint8Array([y & 1n ? 3 : 2]), fromBigInt(x));
}

/** The 64-byte uncompressed public key (x || y) of a compressed one; throws when not on the curve. */
export function decompress(compressed) {
  if (compressed.length !== 33 || (compressed[0] !== 2 && compressed[0] !== 3)) {
    throw new Error("not a compressed secp256k1 key");
  }
  const x = toBigInt(compressed.subarray(1));
  if (x >= P) throw new Error("not on secp256k1");
  const y2 = mod(x * x * x + 7n);
  let y = powMod(y2, (P + 1n) / 4n);
  if (mod(y * y) !== y2) throw new Error("not on secp256k1");
  if ((y & 1n) !== BigInt(compressed[0] & 1)) y = P - y;
  return concat(fromBigInt(x), fromBigInt(y));
}

/** EIP-55 checksummed address of a 20-byte address. */
export function checksumAddress(address20) {
  const hex = toHex(address20);
  const h = toHex(keccak256(utf8(hex)));
  let out = "0x";
  for (let i = 0; i < 40; i++) out += parseInt(h[i], 16) >= 8 ? hex[i].toUpperCase() : hex[i];
  return out;
}

/** The 20-byte Ethereum address of a compressed public key. */
export function addressBytes(compressed) {
  return keccak256(decompress(compressed)).subarray(12);
}

export function addressOf(compressed) {
  return checksumAddress(addressBytes(compressed));
}

/**
 * Signs a 32-byte digest: RFC 6979 nonce (HMAC-SHA256), s in the lower half, and the 65 bytes
 * r || s || v with v = 27 + recovery id.
 */
export async function sign(digest, privateKey) {
  if (digest.length !== 32) throw new Error("digest must be 32 bytes");
  const d = privateScalar(privateKey);
  const x = fromBigInt(d);
  const h = fromBigInt(mod(toBigInt(digest), N));
  const z = mod(toBigInt(digest), N);
  let v = new Uint8Array(32).fill(1);
  let k = new Uint8Array(32);
  k = await hmacSha256(k, v, new Uint8Array([0]), x, h);
  v = await hmacSha256(k, v);
  k = await hmacSha256(k, v, new Uint8Array([1]), x, h);
  v = await hmacSha256(k, v);
  for (;;) {
    v = await hmacSha256(k, v);
    const kk = toBigInt(v);
    if (kk > 0n && kk < N) {
      const [rx, ry] = multiply(kk);
      const r = mod(rx, N);
      if (r !== 0n) {
        let s = mod(inv(kk, N) * (z + r * d), N);
        if (s !== 0n) {
          let recid = (ry & 1n ? 1 : 0) | (rx >= N ? 2 : 0);
          if (s > N / 2n) {
            s = N - s;
            recid ^= 1;
          }
          return concat(fromBigInt(r), fromBigInt(s), new Uint8Array([27 + recid]));
        }
      }
    }
    k = await hmacSha256(k, v, new Uint8Array([0]));
    v = await hmacSha256(k, v);
  }
}

/** A fresh random private key. */
export function randomPrivateKey() {
  for (;;) {
    const k = crypto.getRandomValues(new Uint8Array(32));
    const d = toBigInt(k);
    if (d > 0n && d < N) return k;
  }
}

/**
 * The compressed public key that signed a 32-byte digest (r || s || v, v = 27/28); throws when
 * none recovers. Used to learn a wallet's public key from a signature, since EIP-1193 wallets
 * expose only addresses.
 */
export function recoverCompressed(digest, sig65) {
  const r = toBigInt(sig65.subarray(0, 32));
  const s = toBigInt(sig65.subarray(32, 64));
  const v = sig65[64] >= 27 ? sig65[64] - 27 : sig65[64];
  if (r <= 0n || r >= N || s <= 0n || s >= N || v > 1) throw new Error("malformed signature");
  const x = r;
  const y2 = mod(x * x * x + 7n);
  let y = powMod(y2, (P + 1n) / 4n);
  if (mod(y * y) !== y2) throw new Error("no key recovers from this signature");
  if ((y & 1n) !== BigInt(v)) y = P - y;
  const z = mod(toBigInt(digest), N);
  const ri = inv(r, N);
  // Q = r⁻¹ (sR − zG)
  const q = multiply(ri, affine(add(jacobianMul(s, [x, y]), jacobianMul(mod(-z, N), G))));
  return concat(new Uint8Array([q[1] & 1n ? 3 : 2]), fromBigInt(q[0]));
}

function jacobianMul(k, point) {
  let acc = [0n, 1n, 0n];
  let base = [point[0], point[1], 1n];
  while (k > 0n) {
    if (k & 1n) acc = add(acc, base);
    base = double(base);
    k >>= 1n;
  }
  return acc;
}
