package io.txnchain.wire.dex;

import io.txnchain.crypto.Hashes;
import java.nio.charset.StandardCharsets;

/**
 * A direct EIP-712 encoder for {@link Order}: each field is written as one 32-byte word into a
 * single buffer (addresses left-padded, unsigned integers big-endian, {@code bool} as 0/1, {@code
 * string} as its Keccak-256), then hashed once.
 *
 * <pre>
 * typeHash        = keccak256(ORDER_TYPE)
 * hashStruct(o)   = keccak256(typeHash || enc(o.trader) || ... || enc(o.clientOrderId))
 * domainSeparator = keccak256(keccak256(DOMAIN_TYPE) || keccak256("Pixie DEX") || keccak256("1")
 *                             || enc(chainId) || enc(verifyingContract))
 * digest          = keccak256(0x19 0x01 || domainSeparator || hashStruct(o))
 * </pre>
 */
public final class OrderEncoder {
  /** The EIP-712 struct type signed by traders. */
  public static final String ORDER_TYPE =
      "Order(address trader,string market,uint8 side,uint8 orderType,uint256 price,"
          + "uint256 quantity,uint8 timeInForce,bool postOnly,uint8 selfTradePrevention,"
          + "address payAddress,address receiveAddress,uint256 nonce,uint64 expiry,"
          + "string clientOrderId)";

  /** The EIP-712 domain type. */
  public static final String DOMAIN_TYPE =
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

  private static final int WORD = 32;
  private static final int ORDER_WORDS = 15;
  private static final byte[] ORDER_TYPE_HASH = keccak(ORDER_TYPE);
  private static final byte[] DOMAIN_TYPE_HASH = keccak(DOMAIN_TYPE);

  private OrderEncoder() {}

  private static byte[] keccak(String s) {
    return Hashes.keccak256(s.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code keccak256(ORDER_TYPE)}. */
  public static byte[] orderTypeHash() {
    return ORDER_TYPE_HASH.clone();
  }

  /** {@code keccak256(DOMAIN_TYPE)}. */
  public static byte[] domainTypeHash() {
    return DOMAIN_TYPE_HASH.clone();
  }

  /** The domain separator: {@code hashStruct(domain)}. */
  public static byte[] domainSeparator(Eip712Domain domain) {
    byte[] buf = new byte[5 * WORD];
    System.arraycopy(DOMAIN_TYPE_HASH, 0, buf, 0, WORD);
    System.arraycopy(keccak(Eip712Domain.NAME), 0, buf, WORD, WORD);
    System.arraycopy(keccak(Eip712Domain.VERSION), 0, buf, 2 * WORD, WORD);
    putUint(buf, 3, domain.chainId());
    putAddress(buf, 4, domain.verifyingContract().bytes20());
    return Hashes.keccak256(buf);
  }

  /** {@code hashStruct(order)}. */
  public static byte[] hashStruct(Order o) {
    byte[] buf = new byte[ORDER_WORDS * WORD];
    System.arraycopy(ORDER_TYPE_HASH, 0, buf, 0, WORD);
    putAddress(buf, 1, o.trader().bytes20());
    putString(buf, 2, o.market());
    putUint(buf, 3, o.side().code());
    putUint(buf, 4, o.orderType().code());
    putUint(buf, 5, o.price());
    putUint(buf, 6, o.quantity());
    putUint(buf, 7, o.timeInForce().code());
    putUint(buf, 8, o.postOnly() ? 1 : 0);
    putUint(buf, 9, o.selfTradePrevention().code());
    putAddress(buf, 10, o.payAddress().bytes20());
    putAddress(buf, 11, o.receiveAddress().bytes20());
    putUint(buf, 12, o.nonce());
    putUint(buf, 13, o.expiry());
    putString(buf, 14, o.clientOrderId());
    return Hashes.keccak256(buf);
  }

  /** The signed digest {@code keccak256(0x1901 || domainSeparator || hashStruct(order))}. */
  public static byte[] digest(byte[] domainSeparator, Order order) {
    return Hashes.keccak256(new byte[] {0x19, 0x01}, domainSeparator, hashStruct(order));
  }

  /** The signed digest under {@code domain}. */
  public static byte[] digest(Eip712Domain domain, Order order) {
    return digest(domainSeparator(domain), order);
  }

  /** A non-negative integer as a big-endian word; the high 24 bytes stay zero. */
  private static void putUint(byte[] buf, int word, long v) {
    int end = (word + 1) * WORD;
    for (int i = 1; i <= 8; i++) {
      buf[end - i] = (byte) v;
      v >>>= 8;
    }
  }

  private static void putAddress(byte[] buf, int word, byte[] address20) {
    System.arraycopy(address20, 0, buf, (word + 1) * WORD - address20.length, address20.length);
  }

  private static void putString(byte[] buf, int word, String s) {
    System.arraycopy(keccak(s), 0, buf, word * WORD, WORD);
  }
}
