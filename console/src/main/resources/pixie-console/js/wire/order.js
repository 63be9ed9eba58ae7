// Pixie DEX orders as EIP-712 typed data (docs/dex-orders.md): the typed-data JSON a wallet signs
// with eth_signTypedData_v4, and the same digest computed here for a key held in the page.

import { concat, fromBigInt, fromHex, utf8 } from "../crypto/bytes.js";
import { keccak256 } from "../crypto/keccak.js";

export const DOMAIN_TYPE =
  "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
export const ORDER_TYPE =
  "Order(address trader,string market,uint8 side,uint8 orderType,uint256 price,uint256 quantity," +
  "uint8 timeInForce,bool postOnly,uint8 selfTradePrevention,address payAddress," +
  "address receiveAddress,uint256 nonce,uint64 expiry,string clientOrderId)";

const ORDER_FIELDS = [
  ["trader", "address"],
  ["market", "string"],
  ["side", "uint8"],
  ["orderType", "uint8"],
  ["price", "uint256"],
  ["quantity", "uint256"],
  ["timeInForce", "uint8"],
  ["postOnly", "bool"],
  ["selfTradePrevention", "uint8"],
  ["payAddress", "address"],
  ["receiveAddress", "address"],
  ["nonce", "uint256"],
  ["expiry", "uint64"],
  ["clientOrderId", "string"],
];

function word(type, value) {
  switch (type) {
    case "address": {
      const a = fromHex(value);
      if (a.length !== 20) throw new Error("not a 20-byte address: " + value);
      return concat(new Uint8Array(12), a);
    }
    case "string":
      return keccak256(utf8(value));
    case "bool":
      return fromBigInt(value ? 1n : 0n);
    default: {
      const v = BigInt(value);
      const bits = BigInt(type.slice(4));
      if (v < 0n || v >= 1n << bits) throw new Error(type + " out of range: " + value);
      return fromBigInt(v);
    }
  }
}

export function domainSeparator(domain) {
  return keccak256(
    keccak256(utf8(DOMAIN_TYPE)),
    keccak256(utf8(domain.name)),
    keccak256(utf8(domain.version)),
    fromBigInt(BigInt(domain.chainId)),
    word("address", domain.verifyingContract)
  );
}

export function structHash(message) {
  return keccak256(keccak256(utf8(ORDER_TYPE)), ...ORDER_FIELDS.map(([n, t]) => word(t, message[n])));
}

/** keccak256(0x19 0x01 || domainSeparator || hashStruct(order)). */
export function orderDigest(domain, message) {
  return keccak256(new Uint8Array([0x19, 0x01]), domainSeparator(domain), structHash(message));
}

/** The typed data exactly as eth_signTypedData_v4 takes it. */
export function typedData(domain, message) {
  return {
    types: {
      EIP712Domain: [
        { name: "name", type: "string" },
        { name: "version", type: "string" },
        { name: "chainId", type: "uint256" },
        { name: "verifyingContract", type: "address" },
      ],
      Order: ORDER_FIELDS.map(([name, type]) => ({ name, type })),
    },
    primaryType: "Order",
    domain,
    message,
  };
}
