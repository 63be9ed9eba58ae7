package io.txnchain.node.rpc;

/** A request the node refuses, with the error to return and optional structured data. */
public final class RpcException extends Exception {
  private static final long serialVersionUID = 1L;
  private final RpcError error;
  private final transient Object data;

  public RpcException(RpcError error, String message) {
    this(error, message, null);
  }

  public RpcException(RpcError error, String message, Object data) {
    super(message, null, false, false);
    this.error = error;
    this.data = data;
  }

  public RpcError error() {
    return error;
  }

  public Object data() {
    return data;
  }
}
