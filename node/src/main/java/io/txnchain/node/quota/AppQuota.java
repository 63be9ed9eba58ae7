package io.txnchain.node.quota;

/**
 * What one enclave app may use on one node.
 *
 * @param maxConcurrent work orders for the app in flight on this node at once (submitted, not yet
 *     answered)
 * @param maxInputBytes the largest work-order payload the app accepts
 * @param maxExecutionMillis how long one execution may take before it is counted as over quota;
 *     observed, not enforced: stopping an execution part-way would make its outcome depend on the
 *     speed of each replica, which must never happen in a replicated state machine
 */
public record AppQuota(int maxConcurrent, int maxInputBytes, long maxExecutionMillis) {
  public AppQuota {
    if (maxConcurrent < 1 || maxInputBytes < 1 || maxExecutionMillis < 1) {
      throw new IllegalArgumentException("quota values must be positive");
    }
  }
}
