// Decimal strings to fixed-point integers and back, exactly, with BigInt. Amounts are never
// converted to floating point (only chart pixel positions are, in charts.js).

/** "2000.5" with 6 decimals → 2000500000n; refuses signs, exponents and excess decimals. */
export function toUnits(text, decimals) {
  const s = String(text).trim();
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) throw new Error("not a plain decimal number: " + s);
  const frac = m[2] ?? "";
  if (frac.length > decimals) throw new Error(s + " has more than " + decimals + " decimals");
  return BigInt(m[1] + frac.padEnd(decimals, "0"));
}

/** 2000500000n with 6 decimals → "2000.5". */
export function fromUnits(units, decimals) {
  const v = BigInt(units);
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(decimals + 1, "0");
  const whole = s.slice(0, s.length - decimals);
  const frac = decimals ? s.slice(s.length - decimals).replace(/0+$/, "") : "";
  return (neg ? "-" : "") + whole + (frac ? "." + frac : "");
}

/**
 * The fee of a fill (docs/dex.md, "Fees"): floor(notional × bps / 10,000) + lots × perLot, in the
 * quote token's units. price is in quote units per whole base token, quantity in base units.
 */
export function feeUnits({ price, quantity, quantityDecimals, bps, perLot = 0n, lotUnits = 1n }) {
  const notional = (BigInt(price) * BigInt(quantity)) / 10n ** BigInt(quantityDecimals);
  return (notional * BigInt(bps)) / 10000n + (BigInt(quantity) / BigInt(lotUnits)) * BigInt(perLot);
}
