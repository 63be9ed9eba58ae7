// The canonical binary encoding (docs/ledger-format.md): big-endian integers, raw fixed fields,
// u32-length-prefixed byte strings and UTF-8 strings. The reader refuses short input, over-long
// fields and trailing bytes, as the Java ByteReader does.

import { concat, decodeUtf8, utf8 } from "../crypto/bytes.js";

export class ByteWriter {
  constructor() {
    this.parts = [];
  }
  u8(v) {
    this.parts.push(new Uint8Array([v & 0xff]));
    return this;
  }
  bool(v) {
    return this.u8(v ? 1 : 0);
  }
  u32(v) {
    this.parts.push(new Uint8Array([(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]));
    return this;
  }
  u64(v) {
    let b = BigInt(v);
    const out = new Uint8Array(8);
    for (let i = 7; i >= 0; i--) {
      out[i] = Number(b & 0xffn);
      b >>= 8n;
    }
    this.parts.push(out);
    return this;
  }
  raw(bytes) {
    this.parts.push(bytes);
    return this;
  }
  bytes(bytes) {
    return this.u32(bytes.length).raw(bytes);
  }
  string(s) {
    return this.bytes(utf8(s));
  }
  toBytes() {
    return concat(...this.parts);
  }
}

export class ByteReader {
  constructor(bytes) {
    this.b = bytes;
    this.o = 0;
  }
  need(n, field) {
    if (n < 0 || this.o + n > this.b.length) throw new Error(field + ": input ends early");
  }
  u8(field) {
    this.need(1, field);
    return this.b[this.o++];
  }
  bool(field) {
    const v = this.u8(field);
    if (v > 1) throw new Error(field + ": not a boolean");
    return v === 1;
  }
  u32(field) {
    this.need(4, field);
    const v =
      ((this.b[this.o] << 24) >>> 0) +
      (this.b[this.o + 1] << 16) +
      (this.b[this.o + 2] << 8) +
      this.b[this.o + 3];
    this.o += 4;
    return v;
  }
  u64(field) {
    this.need(8, field);
    let v = 0n;
    for (let i = 0; i < 8; i++) v = (v << 8n) | BigInt(this.b[this.o + i]);
    this.o += 8;
    return v;
  }
  raw(n, field) {
    this.need(n, field);
    const out = this.b.slice(this.o, this.o + n);
    this.o += n;
    return out;
  }
  bytes(max, field) {
    const n = this.u32(field);
    if (n > max) throw new Error(field + ": longer than " + max + " bytes");
    return this.raw(n, field);
  }
  fixedOrEmpty(size, field) {
    const b = this.bytes(size, field);
    if (b.length !== 0 && b.length !== size) throw new Error(field + ": must be empty or " + size + " bytes");
    return b;
  }
  string(max, field) {
    const s = decodeUtf8(this.bytes(max, field));
    if (s === null) throw new Error(field + ": not UTF-8");
    return s;
  }
  end(what) {
    if (this.o !== this.b.length) throw new Error(what + ": trailing bytes");
  }
}
