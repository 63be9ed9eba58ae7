package io.txnchain.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.codec.WireFormatException;
import io.txnchain.wire.tx.Transaction;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Function;

/**
 * Sends a signed transaction, resending the same bytes when the node could not be reached or was
 * busy.
 *
 * <p>Resending is safe because a transaction's id is fixed by (chain, sender, client id) and the
 * ledger records an id once. When a resend is answered {@code DUPLICATE_TRANSACTION}, an earlier
 * attempt landed; it counts as success only if the recorded transaction is byte for byte the one
 * sent, otherwise the client id was reused for something else and the error stands.
 */
public final class RetryingSubmitter {
  private final TxnChainClient client;
  private final int maxAttempts;
  private final Duration firstBackoff;

  public RetryingSubmitter(TxnChainClient client, int maxAttempts, Duration firstBackoff) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.client = Objects.requireNonNull(client, "client");
    this.maxAttempts = maxAttempts;
    this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
  }

  /** Three attempts, half a second apart and then a second. */
  public static RetryingSubmitter withDefaults(TxnChainClient client) {
    return new RetryingSubmitter(client, 3, Duration.ofMillis(500));
  }

  /** {@code txn_submit} with retries. */
  public SubmitResult submit(Transaction tx) {
    return send(
        tx,
        client::submit,
        stored -> new SubmitResult(tx.id(), stored.height(), stored.index(), tx.sealed()));
  }

  /** {@code txn_process} with retries; a recovered answer lacks the {@code node} field. */
  public TxResult process(Transaction tx) {
    return send(tx, client::process, stored -> stored);
  }

  private <T> T send(
      Transaction tx, Function<Transaction, T> attempt, Function<TxResult, T> fromStored) {
    boolean mayHaveLanded = false;
    TxnChainException last = null;
    for (int i = 0; i < maxAttempts; i++) {
      if (i > 0) {
        sleep(firstBackoff.multipliedBy(1L << (i - 1)));
      }
      try {
        return attempt.apply(tx);
      } catch (NodeUnreachableException e) {
        mayHaveLanded = true;
        last = e;
      } catch (RpcErrorException e) {
        if (e.code() == RpcErrorException.DUPLICATE_TRANSACTION
            && mayHaveLanded
            && isRecorded(tx)) {
          return fromStored.apply(client.result(tx.id()));
        }
        if (e.code() != RpcErrorException.OVERLOADED && e.code() != RpcErrorException.NOT_READY) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  /** Whether the ledger holds exactly this transaction under its id. */
  private boolean isRecorded(Transaction tx) {
    JsonNode receipt;
    try {
      receipt = client.receiptJson(tx.id());
    } catch (RpcErrorException e) {
      return false;
    }
    try {
      byte[] entry = HexFormat.of().parseHex(receipt.path("entry").asText(""));
      return Arrays.equals(TxRecord.decode(entry).tx().encoded(), tx.encoded());
    } catch (IllegalArgumentException | WireFormatException e) {
      return false;
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TxnChainException("interrupted while waiting to resend", e);
    }
  }
}
