package io.txnchain.crypto;

import java.util.Arrays;

/**
 * The libsecp256k1 binding (Bitcoin Core's library, through ACINQ's JNI jar which ships the native
 * code for Linux, macOS and Windows), used when it loads: about four times faster than BouncyCastle
 * for recovery, verification and signing (BENCHMARKS.md). When it does not load, or when the system
 * property {@code txnchain.secp256k1.native} is {@code false}, every operation falls back to
 * BouncyCastle; tests check that both give identical answers.
 */
final class NativeSecp256k1 {
  private static final fr.acinq.secp256k1.Secp256k1 LIB = load();

  private NativeSecp256k1() {}

  private static fr.acinq.secp256k1.Secp256k1 load() {
    if ("false".equals(System.getProperty("txnchain.secp256k1.native"))) {
      return null;
    }
    try {
      return fr.acinq.secp256k1.Secp256k1.Companion.get();
    } catch (Throwable t) {
      // Any failure to load native code (missing platform, no temp dir) means the pure-Java path;
      // Secp256k1.backend() tells which one is in use.
      return null;
    }
  }

  static boolean available() {
    return LIB != null;
  }

  /** The 65-byte uncompressed key, or null if the signature does not recover. */
  static byte[] recover(byte[] digest32, byte[] compact64, int recoveryId) {
    try {
      byte[] key = LIB.ecdsaRecover(compact64, digest32, recoveryId);
      return key.length == 65 ? key : LIB.pubkeyParse(key);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The 65-byte uncompressed form of a valid SEC1 key, or null if it is not on the curve. */
  static byte[] parse(byte[] publicKey) {
    try {
      return LIB.pubkeyParse(publicKey);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Verifies a low-s compact signature; libsecp256k1 itself refuses high s. */
  static boolean verify(byte[] publicKey, byte[] digest32, byte[] compact64) {
    try {
      return LIB.verify(compact64, digest32, publicKey);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** RFC 6979 deterministic, low-s compact signature (the same bytes BouncyCastle produces). */
  static byte[] sign(byte[] digest32, byte[] privateKey32) {
    return LIB.sign(digest32, privateKey32);
  }

  static boolean sameKey(byte[] a, byte[] b) {
    return Arrays.equals(a, b);
  }
}
