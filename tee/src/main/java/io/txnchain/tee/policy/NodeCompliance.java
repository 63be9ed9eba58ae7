package io.txnchain.tee.policy;

/** Whether one node's evidence passes the current policy, with the reasons when it does not. */
public record NodeCompliance(String nodeId, Verdict verdict) {
  public boolean compliant() {
    return verdict.accepted();
  }
}
