package io.txnchain.client.sdk;

import java.net.URI;

/**
 * Something answered at the node's URL, but not with TxnChain JSON-RPC: usually a wrong {@code
 * --node} URL, a proxy error page, or a node of an incompatible version.
 */
public final class UnexpectedResponseException extends TxnChainException {
  private static final long serialVersionUID = 1L;
  private final URI node;

  public UnexpectedResponseException(URI node, String reason) {
    super(node + " did not answer as a TxnChain node: " + reason);
    this.node = node;
  }

  /** The node's base URL. */
  public URI node() {
    return node;
  }
}
