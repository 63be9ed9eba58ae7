package io.txnchain.client.cli.bench;

import io.txnchain.client.sdk.Transactions;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transactions of a benchmark run, signed and encoded into {@code txn_submit} batch bodies
 * before any clock starts, so that the run measures the node and not the client's signing.
 *
 * <p>Client ids are a random per-run prefix and the transaction's index: unique within the run and
 * across runs, so no run can collide with another's ids and be refused as duplicates.
 */
public final class SignedLoad {

  /** Seals one payload; called concurrently. */
  @FunctionalInterface
  public interface PayloadSealer {
    byte[] seal(Secp256k1KeyPair sender, String clientId, byte[] plaintext);
  }

  private final String runPrefix;
  private final List<byte[]> bodies;
  private final int[] batchSizes;
  private final Duration signingTime;
  private final int threads;

  private SignedLoad(
      String runPrefix, List<byte[]> bodies, int[] batchSizes, Duration signingTime, int threads) {
    this.runPrefix = runPrefix;
    this.bodies = bodies;
    this.batchSizes = batchSizes;
    this.signingTime = signingTime;
    this.threads = threads;
  }

  /**
   * Signs {@code count} data transactions of {@code payloadBytes} each, round-robin over {@code
   * keys} fresh keys, on {@code threads} threads, and encodes them {@code batch} to a body.
   *
   * @param sealer seals each payload; null for plaintext payloads
   * @param signed counts signed transactions, for progress display
   */
  public static SignedLoad build(
      String chainId,
      int count,
      int batch,
      int payloadBytes,
      int keys,
      PayloadSealer sealer,
      SecureRandom random,
      int threads,
      AtomicInteger signed)
      throws InterruptedException {
    byte[] prefixBytes = new byte[8];
    random.nextBytes(prefixBytes);
    String prefix = "bench-" + HexFormat.of().formatHex(prefixBytes);
    Secp256k1KeyPair[] signers = new Secp256k1KeyPair[keys];
    for (int i = 0; i < keys; i++) {
      signers[i] = Secp256k1KeyPair.generate(random);
    }
    long start = System.nanoTime();
    BatchBuilder.Built batches =
        BatchBuilder.build(
            count,
            batch,
            threads,
            "signing",
            (i, body) -> {
              Secp256k1KeyPair key = signers[i % keys];
              String clientId = prefix + "-" + i;
              byte[] payload = payload(prefix, i, payloadBytes);
              if (sealer != null) {
                payload = sealer.seal(key, clientId, payload);
              }
              Transaction tx = Transactions.data(chainId, clientId, payload, sealer != null, key);
              body.addSubmit(i, tx.encoded());
              signed.incrementAndGet();
            });
    return new SignedLoad(
        prefix,
        batches.bodies(),
        batches.sizes(),
        Duration.ofNanos(System.nanoTime() - start),
        threads);
  }

  /** A printable payload of exactly {@code size} bytes that names its run and index. */
  static byte[] payload(String prefix, int index, int size) {
    byte[] head = (prefix + " " + index + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[size];
    Arrays.fill(out, (byte) 'x');
    System.arraycopy(head, 0, out, 0, Math.min(head.length, size));
    return out;
  }

  public String runPrefix() {
    return runPrefix;
  }

  /** One encoded JSON-RPC batch per element. */
  public List<byte[]> bodies() {
    return bodies;
  }

  /** The number of transactions in each batch. */
  public int[] batchSizes() {
    return batchSizes.clone();
  }

  public int count() {
    return Arrays.stream(batchSizes).sum();
  }

  /** Wall time of signing and encoding. */
  public Duration signingTime() {
    return signingTime;
  }

  public int threads() {
    return threads;
  }
}
