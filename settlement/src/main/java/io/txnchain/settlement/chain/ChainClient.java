package io.txnchain.settlement.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The few Ethereum JSON-RPC calls settlement needs, over web3j, with errors turned into {@link
 * ChainException}s: transport failures are {@linkplain ChainException#unreachable() unreachable},
 * reverts are {@link RevertedException}s with the contract's custom error decoded.
 */
public final class ChainClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Web3j web3;
  private final HttpService service;
  private final String url;

  private ChainClient(String url) {
    this.url = url;
    this.service = new HttpService(url);
    this.web3 = Web3j.build(service);
  }

  /** A client for the JSON-RPC endpoint at {@code url}; nothing is sent yet. */
  public static ChainClient connect(String url) {
    return new ChainClient(url);
  }

  /** The endpoint. */
  public String url() {
    return url;
  }

  /** {@code eth_chainId}. */
  public long chainId() throws ChainException {
    return send(web3.ethChainId(), r -> r.getChainId()).longValueExact();
  }

  /** {@code eth_blockNumber}. */
  public long blockNumber() throws ChainException {
    return send(web3.ethBlockNumber(), r -> r.getBlockNumber()).longValueExact();
  }

  /** The hash of block {@code number}, or empty when the chain is shorter. */
  public Optional<String> blockHash(long number) throws ChainException {
    EthBlock.Block b =
        send(
            web3.ethGetBlockByNumber(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false),
            EthBlock::getBlock);
    return b == null ? Optional.empty() : Optional.of(b.getHash());
  }

  /** {@code eth_gasPrice}. */
  public BigInteger gasPrice() throws ChainException {
    return send(web3.ethGasPrice(), r -> r.getGasPrice());
  }

  /** The gas limit of the latest block. */
  public BigInteger blockGasLimit() throws ChainException {
    return send(
            web3.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false), EthBlock::getBlock)
        .getGasLimit();
  }

  /** The next nonce of {@code address}, counting pending transactions. */
  public BigInteger pendingNonce(String address) throws ChainException {
    return send(
        web3.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING),
        r -> r.getTransactionCount());
  }

  /** The number of transactions of {@code address} included in the latest block. */
  public BigInteger minedNonce(String address) throws ChainException {
    return send(
        web3.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST),
        r -> r.getTransactionCount());
  }

  /** {@code eth_call} at the latest block; a revert is decoded with {@code errors}. */
  public String call(String from, String to, String data, ContractErrors errors)
      throws ChainException {
    Response<String> r =
        raw(
            web3.ethCall(
                Transaction.createEthCallTransaction(from, to, data),
                DefaultBlockParameterName.LATEST));
    if (r.hasError()) {
      throw revert(r.getError(), errors);
    }
    return r.getResult();
  }

  /** {@code eth_estimateGas}; a revert is decoded with {@code errors}. */
  public BigInteger estimateGas(String from, String to, String data, ContractErrors errors)
      throws ChainException {
    Response<String> r =
        raw(web3.ethEstimateGas(Transaction.createEthCallTransaction(from, to, data)));
    if (r.hasError()) {
      throw revert(r.getError(), errors);
    }
    return Numeric.decodeQuantity(r.getResult());
  }

  /**
   * Signs and sends a legacy transaction; returns its hash. The hash is computed locally first, so
   * a caller can record it before the node sees the transaction.
   */
  public String sendSigned(Credentials from, long chainId, RawTransaction tx)
      throws ChainException {
    byte[] signed = TransactionEncoder.signMessage(tx, chainId, from);
    String hex = Numeric.toHexString(signed);
    Response<String> r = raw(web3.ethSendRawTransaction(hex));
    if (r.hasError()) {
      String msg = r.getError().getMessage();
      // A resend of a transaction the node already has is not an error for an idempotent sender.
      if (msg != null && (msg.contains("already known") || msg.contains("nonce too low"))) {
        return Numeric.toHexString(org.web3j.crypto.Hash.sha3(signed));
      }
      throw new ChainException("eth_sendRawTransaction: " + msg, false, null);
    }
    return r.getResult();
  }

  /** The receipt of {@code txHash}, or empty while it is not mined. */
  public Optional<TransactionReceipt> receipt(String txHash) throws ChainException {
    return send(web3.ethGetTransactionReceipt(txHash), r -> r.getTransactionReceipt());
  }

  /** Logs of {@code address} with first topic {@code topic0} in blocks {@code [from, to]}. */
  public List<Log> logs(String address, String topic0, long from, long to) throws ChainException {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
            address);
    filter.addSingleTopic(topic0);
    List<EthLog.LogResult> results = send(web3.ethGetLogs(filter), EthLog::getLogs);
    return results.stream().map(l -> (Log) l.get()).toList();
  }

  /**
   * Calls a method outside the standard set (development nodes: {@code evm_snapshot}, {@code
   * evm_revert}, {@code evm_mine}, ...), returning the raw JSON result.
   */
  public JsonNode rpc(String method, List<?> params) throws ChainException {
    Request<?, RawResponse> req = new Request<>(method, params, service, RawResponse.class);
    RawResponse r = raw(req);
    if (r.hasError()) {
      throw new ChainException(method + ": " + r.getError().getMessage(), false, null);
    }
    return JSON.valueToTree(r.getResult());
  }

  private static <R extends Response<?>> R raw(Request<?, R> request) throws ChainException {
    try {
      return request.send();
    } catch (IOException e) {
      throw new ChainException(
          request.getMethod() + ": chain unreachable: " + e.getMessage(), true, e);
    } catch (RuntimeException e) {
      throw new ChainException(request.getMethod() + ": " + e.getMessage(), true, e);
    }
  }

  private static <R extends Response<?>, T> T send(Request<?, R> request, Function<R, T> get)
      throws ChainException {
    R r = raw(request);
    if (r.hasError()) {
      throw new ChainException(request.getMethod() + ": " + r.getError().getMessage(), false, null);
    }
    return get.apply(r);
  }

  /** Revert data is a hex string on some nodes and an object holding it on others. */
  static RevertedException revert(Response.Error error, ContractErrors errors) {
    String data = error.getData();
    if (data != null && !data.startsWith("0x")) {
      try {
        JsonNode n = JSON.readTree(data);
        data = n.isTextual() ? n.asText() : n.path("data").asText(null);
      } catch (IOException e) {
        data = null;
      }
    }
    String name = errors == null ? null : errors.decode(data);
    String message = error.getMessage() + (name == null ? "" : " (" + name + ")");
    return new RevertedException(message, name, data);
  }

  @Override
  public void close() {
    web3.shutdown();
  }

  /** A response whose result is any JSON value. */
  public static final class RawResponse extends Response<Object> {}
}
