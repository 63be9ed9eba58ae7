package io.txnchain.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.util.encoders.Hex;

/** A 20-byte Ethereum address: the last 20 bytes of Keccak-256 of the public key's X || Y. */
public record EthAddress(byte[] bytes20) {
  /** Address length in bytes. */
  public static final int LENGTH = 20;

  /** Validates the length and copies the array. */
  public EthAddress {
    Objects.requireNonNull(bytes20, "bytes20");
    if (bytes20.length != LENGTH) {
      throw new IllegalArgumentException(
          "Ethereum address must be " + LENGTH + " bytes, got " + bytes20.length);
    }
    bytes20 = bytes20.clone();
  }

  /** The 20 address bytes (a copy). */
  @Override
  public byte[] bytes20() {
    return bytes20.clone();
  }

  /**
   * The address of a 33-byte compressed or 65-byte uncompressed secp256k1 public key; throws {@link
   * IllegalArgumentException} if it is not a valid curve point.
   */
  public static EthAddress fromPublicKey(byte[] publicKey) {
    Objects.requireNonNull(publicKey, "publicKey");
    byte[] uncompressed;
    try {
      uncompressed =
          publicKey.length == 33
              ? Secp256k1.decompress(publicKey)
              : Secp256k1.decodePublicKey(publicKey).getEncoded(false);
    } catch (CryptoException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    byte[] hash = Hashes.keccak256(Arrays.copyOfRange(uncompressed, 1, uncompressed.length));
    return new EthAddress(Arrays.copyOfRange(hash, hash.length - LENGTH, hash.length));
  }

  /**
   * Parses {@code 0x} followed by 40 hex digits. All-lowercase and all-uppercase digits are taken
   * as they are; mixed case must carry a valid EIP-55 checksum.
   */
  public static EthAddress parse(String hex) throws CryptoException {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() != 2 + 2 * LENGTH || !hex.startsWith("0x")) {
      throw new CryptoException(
          "Ethereum address must be \"0x\" followed by " + 2 * LENGTH + " hex digits");
    }
    boolean upper = false;
    boolean lower = false;
    for (int i = 2; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (c >= 'a' && c <= 'f') {
        lower = true;
      } else if (c >= 'A' && c <= 'F') {
        upper = true;
      } else if (c < '0' || c > '9') {
        throw new CryptoException("Ethereum address has a non-hex character at position " + i);
      }
    }
    EthAddress address = new EthAddress(Hex.decode(hex.substring(2)));
    if (upper && lower && !address.toChecksumHex().equals(hex)) {
      throw new CryptoException("Ethereum address has mixed case but an invalid EIP-55 checksum");
    }
    return address;
  }

  /** The EIP-55 mixed-case checksum form, {@code "0x..."}. */
  public String toChecksumHex() {
    String lowerHex = Hex.toHexString(bytes20);
    byte[] hash = Hashes.keccak256(lowerHex.getBytes(StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder(2 + lowerHex.length()).append("0x");
    for (int i = 0; i < lowerHex.length(); i++) {
      char c = lowerHex.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f;
      out.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  /** Whether all 20 bytes are zero. */
  public boolean isZero() {
    for (byte b : bytes20) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Equal when the address bytes are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof EthAddress other && Arrays.equals(bytes20, other.bytes20);
  }

  /** Hash of the address bytes, consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes20);
  }

  /** The EIP-55 checksum form. */
  @Override
  public String toString() {
    return toChecksumHex();
  }
}
