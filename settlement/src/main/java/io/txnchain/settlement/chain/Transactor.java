package io.txnchain.settlement.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Sends transactions from one key: gas estimated (a revert surfaces as {@link RevertedException}
 * before anything is sent) with a margin, legacy gas price from the node, and receipts polled with
 * a short interval and a deadline.
 */
public final class Transactor {
  private final ChainClient chain;
  private final Credentials credentials;
  private final long chainId;
  private final Duration receiptTimeout;

  /** A sender of {@code credentials}' transactions on chain {@code chainId}. */
  public Transactor(
      ChainClient chain, Credentials credentials, long chainId, Duration receiptTimeout) {
    this.chain = chain;
    this.credentials = credentials;
    this.chainId = chainId;
    this.receiptTimeout = receiptTimeout;
  }

  /** The sending address (lower-case hex). */
  public String address() {
    return credentials.getAddress();
  }

  /** The client. */
  public ChainClient chain() {
    return chain;
  }

  /** The chain id transactions are signed for. */
  public long chainId() {
    return chainId;
  }

  /** Sends a call of {@code to} with {@code data} and waits for its receipt. */
  public TransactionReceipt execute(String to, String data, ContractErrors errors)
      throws ChainException {
    BigInteger gas = chain.estimateGas(address(), to, data, errors);
    return waitFor(send(to, data, withMargin(gas), chain.pendingNonce(address())));
  }

  /** Deploys {@code bytecodeAndArgs} and waits for the receipt; its contract address is set. */
  public TransactionReceipt deploy(String bytecodeAndArgs) throws ChainException {
    BigInteger gas = chain.estimateGas(address(), null, bytecodeAndArgs, null);
    BigInteger nonce = chain.pendingNonce(address());
    RawTransaction tx =
        RawTransaction.createContractTransaction(
            nonce, chain.gasPrice(), withMargin(gas), BigInteger.ZERO, bytecodeAndArgs);
    return waitFor(chain.sendSigned(credentials, chainId, tx));
  }

  /** Sends without waiting, with an explicit gas limit and nonce; returns the hash. */
  public String send(String to, String data, BigInteger gasLimit, BigInteger nonce)
      throws ChainException {
    RawTransaction tx =
        RawTransaction.createTransaction(
            nonce, chain.gasPrice(), gasLimit, to, BigInteger.ZERO, data);
    return chain.sendSigned(credentials, chainId, tx);
  }

  /** Polls for the receipt of {@code txHash} every 50 ms until the deadline. */
  public TransactionReceipt waitFor(String txHash) throws ChainException {
    long deadline = System.nanoTime() + receiptTimeout.toNanos();
    while (true) {
      Optional<TransactionReceipt> r = chain.receipt(txHash);
      if (r.isPresent()) {
        return r.get();
      }
      if (System.nanoTime() > deadline) {
        throw new ChainException(
            "no receipt for " + txHash + " within " + receiptTimeout, true, null);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChainException("interrupted while waiting for " + txHash, true, e);
      }
    }
  }

  private static BigInteger withMargin(BigInteger gas) {
    return gas.multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(4));
  }
}
