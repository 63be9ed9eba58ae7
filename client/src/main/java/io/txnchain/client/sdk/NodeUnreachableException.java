package io.txnchain.client.sdk;

import java.net.URI;

/**
 * The node could not be reached: connection refused, reset or timed out. A transaction sent when
 * this happened may or may not have been recorded; resending the same signed transaction is safe
 * because its id is fixed by its client id (see {@link RetryingSubmitter}).
 */
public final class NodeUnreachableException extends TxnChainException {
  private static final long serialVersionUID = 1L;
  private final URI node;

  public NodeUnreachableException(URI node, String reason, Throwable cause) {
    super("cannot reach the node at " + node + ": " + reason, cause);
    this.node = node;
  }

  /** The node's base URL. */
  public URI node() {
    return node;
  }
}
