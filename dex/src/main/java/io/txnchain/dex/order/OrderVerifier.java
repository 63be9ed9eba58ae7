package io.txnchain.dex.order;

import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.EcdsaSignature;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Secp256k1;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderEncoder;
import io.txnchain.wire.dex.SignedOrder;
import java.util.Arrays;

/**
 * Stateless checks of a signed order against this deployment's domain and a block time, in this
 * order: domain, expiry, signature shape (length, v, low s, scalar range), recovery, signer. Replay
 * (nonce, digest) is {@link ReplayGuard}'s, since it needs state.
 */
public final class OrderVerifier {
  private final Eip712Domain domain;
  private final byte[] separator;

  /** A verifier for orders signed under {@code domain}. */
  public OrderVerifier(Eip712Domain domain) {
    this.domain = domain;
    this.separator = OrderEncoder.domainSeparator(domain);
  }

  /** The domain this verifier accepts. */
  public Eip712Domain domain() {
    return domain;
  }

  /** Checks {@code signed} at {@code blockTimeMillis}. */
  public Verification verify(SignedOrder signed, long blockTimeMillis) {
    if (!signed.domain().equals(domain)) {
      return new Verification(VerifyFailure.WRONG_DOMAIN, null);
    }
    Order order = signed.order();
    byte[] digest = OrderEncoder.digest(separator, order);
    if (order.expiry() != 0 && order.expiry() <= blockTimeMillis) {
      return new Verification(VerifyFailure.ORDER_EXPIRED, digest);
    }
    byte[] sig = signed.signature();
    if (sig.length != EcdsaSignature.ENCODED_LENGTH) {
      return new Verification(VerifyFailure.MALFORMED_SIGNATURE, digest);
    }
    int v = sig[64] & 0xff;
    if (v != EcdsaSignature.V_OFFSET && v != EcdsaSignature.V_OFFSET + 1) {
      return new Verification(VerifyFailure.INVALID_V, digest);
    }
    EcdsaSignature parsed =
        new EcdsaSignature(
            Arrays.copyOfRange(sig, 0, 32),
            Arrays.copyOfRange(sig, 32, 64),
            v - EcdsaSignature.V_OFFSET);
    if (!parsed.isLowS()) {
      return new Verification(VerifyFailure.HIGH_S_SIGNATURE, digest);
    }
    EthAddress signer;
    try {
      signer = EthAddress.fromPublicKey(Secp256k1.recoverPublicKey(digest, parsed));
    } catch (CryptoException | IllegalArgumentException e) {
      return new Verification(VerifyFailure.MALFORMED_SIGNATURE, digest);
    }
    if (signer.isZero()) {
      return new Verification(VerifyFailure.ZERO_SIGNER, digest);
    }
    if (!signer.equals(order.trader())) {
      return new Verification(VerifyFailure.SIGNER_MISMATCH, digest);
    }
    return new Verification(null, digest);
  }
}
