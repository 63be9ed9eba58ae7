// Enclave evidence as the browser checks it (docs/tee.md). Only the `sim` format is decoded here;
// its platform key is self-asserted, so it proves nothing and passes only when the viewer allows
// simulated evidence, as `txnchain verify --allow-simulated` does.

import { concat, equal, toHex, utf8 } from "../crypto/bytes.js";
import { ed25519Verify, sha256 } from "../crypto/webcrypto.js";

const MAGIC = utf8("TXSIMEV1");

/** reportData = sha256("txnchain/report-data/v1" || identityKey || encryptionKey || nonce). */
export function reportData(identityKey, encryptionKey, nonce) {
  return sha256(utf8("txnchain/report-data/v1"), identityKey, encryptionKey, nonce);
}

/** The fields of sim evidence; throws on any other layout. */
export function decodeSim(data) {
  if (data.length !== 168) throw new Error("sim evidence must be 168 bytes, got " + data.length);
  if (!equal(data.subarray(0, 8), MAGIC)) throw new Error("sim evidence has a bad magic number");
  return {
    measurement: data.slice(8, 40),
    reportData: data.slice(40, 72),
    platformKey: data.slice(72, 104),
    signature: data.slice(104, 168),
  };
}

/**
 * Checks evidence that should bind the given enclave keys and nonce.
 *
 * @returns {{valid, simulated, reason, claims}} where claims holds the decoded fields
 */
export async function verifyEvidence(
  { format, data, identityKey, encryptionKey, nonce },
  { allowSimulated = false, measurements = null } = {}
) {
  if (format !== "sim") {
    return { valid: false, simulated: false, reason: "evidence format " + format + " is not supported in the browser", claims: null };
  }
  let ev;
  try {
    ev = decodeSim(data);
  } catch (e) {
    return { valid: false, simulated: true, reason: e.message, claims: null };
  }
  const claims = {
    teeType: "sim",
    measurement: toHex(ev.measurement),
    reportData: toHex(ev.reportData),
    platformKey: toHex(ev.platformKey),
  };
  const fail = (reason) => ({ valid: false, simulated: true, reason, claims });
  const signed = concat(utf8("txnchain/sim-evidence/v1"), data.subarray(0, 104));
  if (!(await ed25519Verify(ev.platformKey, signed, ev.signature))) {
    return fail("sim evidence signature does not verify");
  }
  if (!allowSimulated) return fail("evidence is SIMULATED and simulated evidence is not allowed");
  if (measurements && !measurements.includes(claims.measurement)) {
    return fail("measurement " + claims.measurement + " is not in the allowed list");
  }
  const expected = await reportData(identityKey, encryptionKey, nonce);
  if (!equal(expected, ev.reportData)) {
    return fail("report data does not bind the enclave keys and nonce");
  }
  return { valid: true, simulated: true, reason: "valid (SIMULATED)", claims };
}
