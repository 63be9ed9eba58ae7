package io.txnchain.dex.engine;

import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.book.StateDigest;
import io.txnchain.dex.order.OrderVerifier;
import io.txnchain.dex.order.ReplayGuard;
import io.txnchain.dex.order.Verification;
import io.txnchain.dex.order.VerifyFailure;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.SignedOrder;

/**
 * The front door for signed orders: the address directory, signature and domain checks ({@link
 * OrderVerifier}) and replay protection ({@link ReplayGuard}). An order is recorded as used only
 * after the engine accepted it.
 */
final class SignedOrderIntake {
  private final AccountDirectory directory = new AccountDirectory();
  private final ReplayGuard replay = new ReplayGuard();
  private final OrderVerifier verifier;

  /** The verdict on a signed order: {@code reason == null} means it may be placed. */
  record Admission(RejectReason reason, long account, byte[] digest) {}

  SignedOrderIntake(OrderVerifier verifier) {
    this.verifier = verifier;
  }

  long register(EthAddress address) {
    return directory.register(address);
  }

  /** The address of an account id, or {@code null}. */
  EthAddress addressOf(long account) {
    return directory.address(account);
  }

  /** The trader's account id, or -1. */
  long accountOf(EthAddress address) {
    return directory.find(address);
  }

  /** Checks signature, domain, expiry and replay at {@code blockTimeMillis}. */
  Admission admit(SignedOrder signed, long blockTimeMillis) {
    Order o = signed.order();
    long account = directory.find(o.trader());
    Verification v = verifier.verify(signed, blockTimeMillis);
    VerifyFailure failure = v.ok() ? replay.check(o.trader(), o.nonce(), v.digest()) : v.failure();
    return new Admission(failure == null ? null : reasonFor(failure), account, v.digest());
  }

  /** Marks an accepted order's nonce and digest as used. */
  void record(Order o, byte[] digest) {
    replay.record(o.trader(), o.nonce(), digest);
  }

  void hashInto(StateDigest d) {
    directory.hashInto(d);
    replay.hashInto(d);
  }

  private static RejectReason reasonFor(VerifyFailure failure) {
    switch (failure) {
      case MALFORMED_SIGNATURE:
        return RejectReason.MALFORMED_SIGNATURE;
      case INVALID_V:
        return RejectReason.INVALID_V;
      case HIGH_S_SIGNATURE:
        return RejectReason.HIGH_S_SIGNATURE;
      case ZERO_SIGNER:
        return RejectReason.ZERO_SIGNER;
      case SIGNER_MISMATCH:
        return RejectReason.SIGNER_MISMATCH;
      case WRONG_DOMAIN:
        return RejectReason.WRONG_DOMAIN;
      case ORDER_EXPIRED:
        return RejectReason.ORDER_EXPIRED;
      case NONCE_REUSED:
        return RejectReason.NONCE_REUSED;
      case DUPLICATE_ORDER:
        return RejectReason.DUPLICATE_ORDER;
      default:
        throw new IllegalArgumentException("unmapped " + failure);
    }
  }
}
