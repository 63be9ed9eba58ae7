package io.txnchain.dex.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.crypto.EcdsaSignature;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1;
import io.txnchain.dex.settlement.Batch;
import io.txnchain.dex.settlement.BatchEncoder;
import io.txnchain.dex.settlement.BatchJson;
import io.txnchain.dex.settlement.BatchSigner;
import io.txnchain.dex.settlement.ChainSettlement;
import io.txnchain.dex.settlement.Delta;
import io.txnchain.wire.dex.Side;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Chain deposits, batches and settlements inside the dex app (docs/settlement.md). */
class ChainHookTest {
  static final io.txnchain.crypto.Secp256k1KeyPair OPERATOR = DexFixture.key(9);
  static final EthAddress FEE = address(0xfe);
  static final Map<String, EthAddress> TOKENS =
      new TreeMap<>(Map.of("BTC", address(0xb1), "ETH", address(0xe1), "USDC", address(0xc1)));
  static final BatchSigner SIGNER =
      BatchSigner.fromSecret(Hashes.sha256("secret".getBytes(StandardCharsets.UTF_8)));

  static EthAddress address(int last) {
    byte[] a = new byte[20];
    a[19] = (byte) last;
    return new EthAddress(a);
  }

  static DexFixture fixture() {
    DexConfig dev = DexConfig.devNetwork(DexFixture.CHAIN);
    DexConfig config = new DexConfig(dev.tokens(), dev.markets(), dev.domain(), false);
    DexFixture f = new DexFixture(config);
    f.app = app(config);
    return f;
  }

  static DexApp app(DexConfig config) {
    return new DexApp(config, new ChainSettlement(OPERATOR.address(), FEE, TOKENS, 400, SIGNER));
  }

  static String chainDeposit(
      long id, io.txnchain.crypto.Secp256k1KeyPair who, String token, long amount) {
    return "{\"op\":\"chainDeposit\",\"depositId\":"
        + id
        + ",\"account\":\""
        + DexFixture.addr(who)
        + "\",\"token\":\""
        + TOKENS.get(token).toChecksumHex()
        + "\",\"amount\":\""
        + amount
        + "\"}";
  }

  static void fund(DexFixture f) {
    f.ok(OPERATOR, chainDeposit(1, DexFixture.ALICE, "USDC", DexFixture.usdc("10000")));
    f.ok(OPERATOR, chainDeposit(2, DexFixture.BOB, "ETH", DexFixture.coin("5")));
  }

  static void trade(DexFixture f) {
    f.place(f.limit(DexFixture.BOB, Side.SELL, "2000", "1"));
    f.place(f.limit(DexFixture.ALICE, Side.BUY, "2000", "0.5"));
  }

  @Test
  void chainDepositsAreCreditedOnceInIdOrderAndOnlyFromTheOperator() {
    DexFixture f = fixture();
    fund(f);
    assertThat(f.balances(DexFixture.ALICE).get("USDC").get(0)).isEqualTo("10000");
    f.refused(
        OPERATOR,
        chainDeposit(2, DexFixture.BOB, "ETH", DexFixture.coin("5")),
        "deposit_already_credited");
    // Id 2 now names another deposit on chain: a reorganisation deeper than the confirmations.
    f.refused(OPERATOR, chainDeposit(2, DexFixture.BOB, "ETH", 1), ChainHook.DEPOSIT_CONFLICT);
    f.refused(OPERATOR, chainDeposit(4, DexFixture.BOB, "ETH", 1), "deposit_out_of_order");
    f.refused(DexFixture.BOB, chainDeposit(3, DexFixture.BOB, "ETH", 1), ChainHook.NOT_OPERATOR);
    f.refused(
        OPERATOR,
        chainDeposit(3, DexFixture.BOB, "ETH", 1)
            .replace(TOKENS.get("ETH").toChecksumHex(), FEE.toChecksumHex()),
        "unknown_token");
    f.refused(
        DexFixture.ALICE,
        "{\"op\":\"deposit\",\"token\":\"USDC\",\"amount\":\"1\"}",
        "faucet_disabled");
    f.ok(OPERATOR, chainDeposit(3, DexFixture.BOB, "ETH", DexFixture.coin("1")));
    assertThat(f.balances(DexFixture.BOB).get("ETH").get(0)).isEqualTo("6");
  }

  @Test
  void aBatchNetsTheTradesConservesAndIsSignedByTheEnclaveKey() throws Exception {
    DexFixture f = fixture();
    fund(f);
    trade(f);
    JsonNode answer = f.ok(OPERATOR, "{\"op\":\"settleBatch\"}").output().get("batch");
    Batch b = BatchJson.read(answer);
    assertThat(b.batchId()).isEqualTo(1);
    // 0.5 ETH at 2000: Alice (taker) pays 1000 + 0.5 fee, Bob (maker) gets 1000 - 0.2.
    assertThat(b.deltas())
        .contains(
            new Delta(DexFixture.ALICE.address(), TOKENS.get("USDC"), -DexFixture.usdc("1000.5")),
            new Delta(DexFixture.BOB.address(), TOKENS.get("USDC"), DexFixture.usdc("999.8")),
            new Delta(FEE, TOKENS.get("USDC"), DexFixture.usdc("0.7")),
            new Delta(DexFixture.ALICE.address(), TOKENS.get("ETH"), DexFixture.coin("0.5")),
            new Delta(DexFixture.BOB.address(), TOKENS.get("ETH"), -DexFixture.coin("0.5")))
        .hasSize(5)
        .isSortedAccordingTo(Delta.CHAIN_ORDER);
    byte[] digest = BatchEncoder.digest(f.config.domain(), b);
    assertThat(answer.get("digest").asText()).isEqualTo("0x" + HexFormat.of().formatHex(digest));
    byte[] sig = HexFormat.of().parseHex(answer.get("signature").asText().substring(2));
    EthAddress recovered =
        EthAddress.fromPublicKey(
            Secp256k1.recoverPublicKey(digest, EcdsaSignature.fromBytes65(sig)));
    assertThat(recovered).isEqualTo(SIGNER.address());
    // Asked again before it is recorded: the same batch, not a new one.
    assertThat(f.ok(OPERATOR, "{\"op\":\"settleBatch\"}").output().get("batch")).isEqualTo(answer);
  }

  @Test
  void replicasAndARestartedNodeProduceTheSameBatchBytes() {
    DexFixture a = fixture();
    DexFixture b = fixture();
    for (DexFixture f : new DexFixture[] {a, b}) {
      fund(f);
      trade(f);
    }
    // b restarts: a new app object over the same state rebuilds its engine from the log.
    b.app = app(b.config);
    JsonNode fromA = a.ok(OPERATOR, "{\"op\":\"settleBatch\"}").output();
    JsonNode fromB = b.ok(OPERATOR, "{\"op\":\"settleBatch\"}").output();
    assertThat(fromB.toString()).isEqualTo(fromA.toString());
  }

  @Test
  void aSettlementIsRecordedOnceAndWithdrawalsJoinTheNextBatch() {
    DexFixture f = fixture();
    fund(f);
    trade(f);
    f.ok(OPERATOR, "{\"op\":\"settleBatch\"}");
    String hash = "0x" + "ab".repeat(32);
    f.refused(
        OPERATOR,
        "{\"op\":\"batchSettled\",\"batchId\":2,\"txHash\":\"" + hash + "\",\"blockNumber\":9}",
        ChainHook.UNKNOWN_BATCH);
    TestLedger.Result r =
        f.ok(
            OPERATOR,
            "{\"op\":\"batchSettled\",\"batchId\":1,\"txHash\":\""
                + hash
                + "\",\"blockNumber\":9}");
    assertThat(r.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("settlement");
              assertThat(e.data().get("txHash").asText()).isEqualTo(hash);
              assertThat(e.data().get("txIds")).hasSize(1);
            });
    f.refused(
        OPERATOR,
        "{\"op\":\"batchSettled\",\"batchId\":1,\"txHash\":\"" + hash + "\",\"blockNumber\":9}",
        ChainHook.UNKNOWN_BATCH);
    assertThat(f.ok(OPERATOR, "{\"op\":\"settleBatch\"}").output().get("batch").isNull()).isTrue();
    f.ok(DexFixture.ALICE, "{\"op\":\"withdraw\",\"token\":\"USDC\",\"amount\":\"100\"}");
    Batch next = BatchJson.read(f.ok(OPERATOR, "{\"op\":\"settleBatch\"}").output().get("batch"));
    assertThat(next.batchId()).isEqualTo(2);
    assertThat(next.deltas()).isEmpty();
    assertThat(next.withdrawals())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.account()).isEqualTo(DexFixture.ALICE.address());
              assertThat(w.token()).isEqualTo(TOKENS.get("USDC"));
              assertThat(w.amount()).isEqualTo(DexFixture.usdc("100"));
            });
  }
}
