package io.txnchain.settlement.bridge;

import java.time.Duration;
import java.util.Objects;

/**
 * The bridge's settings: the chain's JSON-RPC URL and id, the settlement contract, how many
 * confirmations a deposit needs before it is credited, how often to poll the chain for deposits,
 * how often to ask the enclave for a batch (each ask is a work order on the ledger), the longest
 * pause between retries while the chain or ledger is down, and the first block to scan.
 */
public record BridgeConfig(
    String rpcUrl,
    long chainId,
    String contract,
    int confirmations,
    Duration pollInterval,
    Duration batchInterval,
    Duration maxBackoff,
    long startBlock) {
  /** Checks the fields. */
  public BridgeConfig {
    Objects.requireNonNull(rpcUrl, "rpcUrl");
    Objects.requireNonNull(contract, "contract");
    if (confirmations < 0) {
      throw new IllegalArgumentException("confirmations must not be negative");
    }
    if (pollInterval.isNegative()
        || pollInterval.isZero()
        || maxBackoff.compareTo(pollInterval) < 0) {
      throw new IllegalArgumentException("pollInterval must be positive and at most maxBackoff");
    }
    if (batchInterval.compareTo(pollInterval) < 0) {
      throw new IllegalArgumentException("batchInterval must be at least pollInterval");
    }
  }
}
