package io.txnchain.crypto.seal;

import io.txnchain.crypto.CryptoException;
import java.util.Objects;

/** A sealed box could not be opened; {@link #reason()} says why. */
public final class SealedBoxException extends CryptoException {
  private static final long serialVersionUID = 1L;

  /** Why a box was rejected. */
  public enum Reason {
    /** Too short, unknown version, or an ephemeral key that is not usable. */
    MALFORMED,
    /** Sealed to a different recipient key than the one offered. */
    WRONG_RECIPIENT,
    /** The tag did not verify: tampered box, or different info or aad. */
    AUTHENTICATION_FAILED
  }

  private final Reason reason;

  /** Creates an exception for {@code reason}. */
  public SealedBoxException(Reason reason, String msg) {
    super(msg);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Creates an exception for {@code reason} with a cause. */
  public SealedBoxException(Reason reason, String msg, Throwable cause) {
    super(msg, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the box was rejected. */
  public Reason reason() {
    return reason;
  }
}
