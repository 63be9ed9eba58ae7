package io.txnchain.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.testing.FakeNode;
import io.txnchain.client.testing.FakeNode.Failure;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.block.TxStatus;
import io.txnchain.wire.tx.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryingSubmitterTest {
  private final SecureRandom random = new SecureRandom();
  private final Secp256k1KeyPair key = Secp256k1KeyPair.generate(random);
  private final Transaction tx = tx("payload");
  private FakeNode node;
  private RetryingSubmitter submitter;

  @BeforeEach
  void start() throws Exception {
    node = FakeNode.start();
    submitter = new RetryingSubmitter(TxnChainClient.connect(node.url()), 3, Duration.ofMillis(10));
  }

  @AfterEach
  void stop() {
    node.close();
  }

  private Transaction tx(String payload) {
    return Transactions.data(
        "chain-1", "c-1", payload.getBytes(StandardCharsets.UTF_8), false, key);
  }

  /** The node already holds {@code stored} under the id; every submit is a duplicate. */
  private void ledgerHolds(Transaction stored) {
    node.on(
        "txn_submit",
        p -> {
          throw new Failure(
              -32013,
              "DUPLICATE_TRANSACTION",
              "already on the ledger",
              FakeNode.MAPPER.createObjectNode().put("txId", stored.id()).put("height", 4));
        });
    node.on(
        "txn_getResult",
        p ->
            FakeNode.MAPPER
                .createObjectNode()
                .put("txId", stored.id())
                .put("height", 4)
                .put("index", 2));
    TxRecord record =
        new TxRecord(stored, TxStatus.OK, "", "", new byte[0], new byte[0], false, List.of());
    node.on(
        "txn_getReceipt",
        p ->
            FakeNode.MAPPER
                .createObjectNode()
                .put("entry", HexFormat.of().formatHex(record.encode())));
  }

  @Test
  void aDuplicateAfterALostAnswerMeansTheFirstAttemptLanded() {
    ledgerHolds(tx);
    node.dropNext(1);

    SubmitResult r = submitter.submit(tx);

    assertThat(r).isEqualTo(new SubmitResult(tx.id(), 4, 2, false));
    List<String> submitted =
        node.calls("txn_submit").stream().map(c -> c.path("params").path("tx").asText()).toList();
    assertThat(submitted)
        .hasSize(2)
        .allMatch(hex -> hex.equals(HexFormat.of().formatHex(tx.encoded())));
  }

  @Test
  void aDuplicateOnTheFirstAttemptIsAnError() {
    ledgerHolds(tx);

    assertThatThrownBy(() -> submitter.submit(tx))
        .isInstanceOfSatisfying(
            RpcErrorException.class, e -> assertThat(e.name()).isEqualTo("DUPLICATE_TRANSACTION"));
  }

  @Test
  void aDuplicateOfSomethingElseUnderTheSameClientIdIsAnError() {
    ledgerHolds(tx("another payload"));
    node.dropNext(1);

    assertThatThrownBy(() -> submitter.submit(tx))
        .isInstanceOfSatisfying(
            RpcErrorException.class, e -> assertThat(e.name()).isEqualTo("DUPLICATE_TRANSACTION"));
  }

  @Test
  void retriesWhileTheNodeIsOverloaded() {
    int[] calls = {0};
    node.on(
        "txn_submit",
        p -> {
          if (calls[0]++ == 0) {
            throw new Failure(-32003, "OVERLOADED", "busy");
          }
          return FakeNode.MAPPER
              .createObjectNode()
              .put("txId", tx.id())
              .put("height", 1)
              .put("index", 0);
        });

    assertThat(submitter.submit(tx).height()).isEqualTo(1);
    assertThat(calls[0]).isEqualTo(2);
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    node.dropNext(3);

    assertThatThrownBy(() -> submitter.submit(tx)).isInstanceOf(NodeUnreachableException.class);
    assertThat(node.calls("txn_submit")).hasSize(3);
  }

  @Test
  void doesNotRetryARejection() {
    node.on(
        "txn_submit",
        p -> {
          throw new Failure(-32012, "BAD_SIGNATURE", "bad");
        });

    assertThatThrownBy(() -> submitter.submit(tx)).isInstanceOf(RpcErrorException.class);
    assertThat(node.calls("txn_submit")).hasSize(1);
  }

  @Test
  void recoversAWorkOrderResultFromTheLedger() {
    Transaction order =
        Transactions.workOrder(
            "chain-1", "w-1", "kv", new byte[32], "{}".getBytes(), false, null, key);
    ledgerHolds(order);
    ObjectNode stored =
        FakeNode.MAPPER.createObjectNode().put("workOrderId", order.id()).put("status", "ok");
    node.on(
        "txn_process",
        p -> {
          throw new Failure(-32013, "DUPLICATE_TRANSACTION", "dup");
        });
    node.on("txn_getResult", p -> stored);
    node.dropNext(1);

    assertThat(submitter.process(order).json()).isEqualTo(stored);
  }
}
