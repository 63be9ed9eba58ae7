package io.txnchain.dex.settlement;

import io.txnchain.crypto.EthAddress;
import java.util.Objects;

/**
 * A payout of {@code amount} of {@code token} to {@code account} that the ledger already debited.
 */
public record Withdrawal(long withdrawalId, EthAddress account, EthAddress token, long amount) {
  /** Checks the fields. */
  public Withdrawal {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(token, "token");
    if (amount <= 0) {
      throw new IllegalArgumentException("amount must be positive");
    }
  }
}
