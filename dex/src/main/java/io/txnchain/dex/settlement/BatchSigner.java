package io.txnchain.dex.settlement;

import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Secp256k1KeyPair;

/**
 * The enclave's settlement key: signs batch digests. The key is derived inside the enclave from the
 * network secret, so every replica holds the same key and signs the same bytes (RFC 6979), and the
 * host only ever sees the address and signatures.
 */
public interface BatchSigner {
  /** The address the settlement contract registers. */
  EthAddress address();

  /** A 65-byte {@code r || s || v} signature of {@code digest32}, low s, v 27 or 28. */
  byte[] sign(byte[] digest32);

  /** A signer over the secp256k1 key whose private key is {@code secret32}. */
  static BatchSigner fromSecret(byte[] secret32) {
    Secp256k1KeyPair key = Secp256k1KeyPair.fromPrivateKey(secret32);
    return new BatchSigner() {
      @Override
      public EthAddress address() {
        return key.address();
      }

      @Override
      public byte[] sign(byte[] digest32) {
        return key.sign(digest32).toBytes65();
      }

      @Override
      public String toString() {
        return "BatchSigner[" + key.address() + "]";
      }
    };
  }
}
