package io.txnchain.client.sdk;

/**
 * The base of every failure the SDK reports. Failures are unchecked so that calls compose in
 * lambdas and futures; the subclasses say whether the node refused the request ({@link
 * RpcErrorException}), could not be reached ({@link NodeUnreachableException}), or answered
 * something that is not TxnChain JSON-RPC ({@link UnexpectedResponseException}).
 */
public class TxnChainException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TxnChainException(String message) {
    super(message);
  }

  public TxnChainException(String message, Throwable cause) {
    super(message, cause);
  }
}
