package io.txnchain.wire.dex;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.util.encoders.Hex;

/**
 * An order as submitted: the domain the client says it signed under, the order, and the 65-byte
 * Ethereum signature {@code r || s || v} over its EIP-712 digest. Nothing is checked here; {@link
 * OrderVerifier} does that.
 */
public record SignedOrder(Eip712Domain domain, Order order, byte[] signature) {
  /** Rejects nulls and copies the signature. */
  public SignedOrder {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(signature, "signature");
    signature = signature.clone();
  }

  /** The signature bytes (a copy). */
  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** Equal when domain, order and signature bytes are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SignedOrder other
        && domain.equals(other.domain)
        && order.equals(other.order)
        && Arrays.equals(signature, other.signature);
  }

  /** Consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return 31 * (31 * domain.hashCode() + order.hashCode()) + Arrays.hashCode(signature);
  }

  /** The order and the signature in hex. */
  @Override
  public String toString() {
    return "SignedOrder[domain="
        + domain
        + ", order="
        + order
        + ", signature="
        + Hex.toHexString(signature)
        + "]";
  }
}
