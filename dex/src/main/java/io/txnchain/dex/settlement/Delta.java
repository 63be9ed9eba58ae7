package io.txnchain.dex.settlement;

import io.txnchain.crypto.EthAddress;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * A net change of {@code account}'s balance of the chain token {@code token} over one batch, in the
 * token's smallest units; negative when the account paid more than it received.
 */
public record Delta(EthAddress account, EthAddress token, long amount) {
  /**
   * The order the contract requires: by token, then account, each as an unsigned 160-bit number.
   */
  public static final Comparator<Delta> CHAIN_ORDER =
      Comparator.<Delta, byte[]>comparing(d -> d.token().bytes20(), Arrays::compareUnsigned)
          .thenComparing(d -> d.account().bytes20(), Arrays::compareUnsigned);

  /** Checks the fields. */
  public Delta {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(token, "token");
  }
}
