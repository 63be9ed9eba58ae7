package io.txnchain.dex.settlement;

import io.txnchain.crypto.EthAddress;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the dex app settles on chain: the bridge operator (the only caller allowed to report chain
 * deposits and settlements), the chain address that receives fees, each token's contract address,
 * the largest batch (in balance changes) the enclave cuts, and the enclave's signer. The EIP-712
 * domain is the app's own ({@code DexConfig.domain()}: settlement chain id and contract).
 */
public record ChainSettlement(
    EthAddress operator,
    EthAddress feeAddress,
    Map<String, EthAddress> tokens,
    int maxDeltas,
    BatchSigner signer) {
  /**
   * The batch size to use on chains with the 16,777,216-gas per-transaction cap: 400 balance
   * changes that are all first writes stay under it (SettlementContractTest checks this on anvil).
   */
  public static final int DEFAULT_MAX_DELTAS = 400;

  /** Checks the fields and copies the token map in symbol order. */
  public ChainSettlement {
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(feeAddress, "feeAddress");
    Objects.requireNonNull(signer, "signer");
    tokens = Collections.unmodifiableMap(new TreeMap<>(tokens));
    if (maxDeltas < 2) {
      throw new IllegalArgumentException("maxDeltas must be at least 2");
    }
  }

  /** The symbol of the token at {@code address}, or null when it is not settled on chain. */
  public String symbolOf(EthAddress address) {
    for (Map.Entry<String, EthAddress> e : tokens.entrySet()) {
      if (e.getValue().equals(address)) {
        return e.getKey();
      }
    }
    return null;
  }
}
