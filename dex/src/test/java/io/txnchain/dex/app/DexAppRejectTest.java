package io.txnchain.dex.app;

import static io.txnchain.dex.app.DexFixture.ALICE;
import static io.txnchain.dex.app.DexFixture.BOB;
import static io.txnchain.dex.app.DexFixture.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderJson;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every refusal carries its documented reason code and leaves the app's state and engine exactly as
 * they were ({@link DexFixture#refused} compares full copies of both state maps).
 */
class DexAppRejectTest {
  final DexFixture dex = new DexFixture();
  long restingAsk;

  @BeforeEach
  void market() {
    dex.deposit(ALICE, "USDC", "10000");
    dex.deposit(BOB, "ETH", "1");
    restingAsk =
        dex.place(dex.limit(BOB, Side.SELL, "2000", "1")).output().path("orderId").asLong();
  }

  private static void messageContains(Exception e, String text) {
    assertThat(e.getMessage()).contains(text);
  }

  private void refusedOrder(DexFixture.Draft d, String code) {
    dex.refused(d.who, d.json(), code);
  }

  @Test
  void marketRulesUseTheEnginesCodes() {
    refusedOrder(dex.limit(ALICE, Side.BUY, "2000", "0.01").market("DOGE-USDC"), "unknown_market");
    messageContains(
        dex.refused(ALICE, dex.limit(ALICE, Side.BUY, "1999.999", "0.01").json(), "price_off_tick"),
        "0.01 USDC");
    messageContains(
        dex.refused(ALICE, dex.limit(ALICE, Side.BUY, "1999", "0.0001").json(), "quantity_off_lot"),
        "0.001 ETH");
    refusedOrder(dex.limit(ALICE, Side.BUY, "1999", "0.001"), "below_min_notional");
    refusedOrder(dex.limit(ALICE, Side.BUY, "1999", "10"), "insufficient_balance");
    refusedOrder(
        dex.limit(ALICE, Side.BUY, "1999", "1000").price(Long.MAX_VALUE / 10_000 * 10_000),
        "overflow");
    refusedOrder(dex.limit(ALICE, Side.BUY, "2000", "0.1").postOnly(), "post_only_would_cross");
    refusedOrder(dex.limit(ALICE, Side.BUY, "2000", "2").tif(TimeInForce.FOK), "fok_cannot_fill");
    refusedOrder(
        dex.limit(ALICE, Side.BUY, "2000", "0.1").tif(TimeInForce.IOC).postOnly(), "invalid_order");
    refusedOrder(dex.limit(CAROL, Side.BUY, "1999", "0.1"), "insufficient_balance");
  }

  @Test
  void cancelsOnlyTheCallersOwnOrders() {
    dex.refused(ALICE, "{\"op\":\"cancel\",\"id\":" + restingAsk + "}", "not_owner");
    dex.refused(CAROL, "{\"op\":\"cancel\",\"id\":" + restingAsk + "}", "not_owner");
    dex.refused(BOB, "{\"op\":\"cancel\",\"id\":" + (restingAsk + 65536) + "}", "unknown_order");
    dex.refused(BOB, "{\"op\":\"cancel\",\"clientId\":\"nope\"}", "unknown_order");
    dex.refused(BOB, "{\"op\":\"cancelAll\",\"market\":\"DOGE-USDC\"}", "unknown_market");
    dex.refused(BOB, "{\"op\":\"cancel\",\"id\":1,\"clientId\":\"x\"}", "invalid_field");
    dex.refused(BOB, "{\"op\":\"cancel\",\"id\":0}", "invalid_field");
  }

  @Test
  void theTraderMustBeTheTransactionsSigner() {
    Order alices = dex.limit(ALICE, Side.BUY, "1999", "0.1").build();
    dex.refused(BOB, dex.orderJson(ALICE, alices), "caller_mismatch");
    Order claimsBob = dex.limit(ALICE, Side.BUY, "1999", "0.1").trader(BOB.address()).build();
    dex.refused(BOB, dex.orderJson(ALICE, claimsBob), "signer_mismatch");
  }

  @Test
  void ordersMustBeSignedUnderOurDomain() {
    Order o = dex.limit(ALICE, Side.BUY, "1999", "0.1").build();
    Eip712Domain other = new Eip712Domain(1, dex.config.domain().verifyingContract());
    dex.refused(ALICE, DexFixture.orderJson(ALICE, o, other, other), "wrong_domain");
    dex.refused(ALICE, DexFixture.orderJson(ALICE, o, other, null), "signer_mismatch");
    ObjectNode foreignName = (ObjectNode) TestLedger.parse(dex.orderJson(ALICE, o).getBytes());
    foreignName.set("domain", OrderJson.domain(dex.config.domain()).put("name", "Other DEX"));
    dex.refused(ALICE, foreignName.toString(), "wrong_domain");
  }

  @Test
  void expiryNoncesAndDuplicates() {
    long nextBlockTime = dex.ledger.timeMillis + 1_000;
    refusedOrder(dex.limit(ALICE, Side.BUY, "1999", "0.1").expiry(nextBlockTime), "order_expired");
    dex.place(dex.limit(ALICE, Side.BUY, "1999", "0.1").expiry(nextBlockTime + 60_000).nonce(77));
    refusedOrder(dex.limit(ALICE, Side.BUY, "1998", "0.1").nonce(77), "nonce_reused");
    DexFixture.Draft once = dex.limit(ALICE, Side.BUY, "1997", "0.1").nonce(78);
    String json = once.json();
    dex.ok(ALICE, json);
    dex.refused(ALICE, json, "duplicate_order");
  }

  @Test
  void malformedInputAndSignatures() {
    dex.refused(ALICE, "{\"op\":\"order\"", "malformed_input");
    dex.refused(ALICE, "[1]", "malformed_input");
    dex.refused(ALICE, "{\"op\":\"deposit\",\"op\":\"deposit\"}", "malformed_input");
    dex.refused(ALICE, "{\"op\":\"fly\"}", "unknown_op");
    dex.refused(ALICE, "{\"op\":\"markets\",\"extra\":1}", "invalid_field");
    String good = dex.limit(ALICE, Side.BUY, "1999", "0.1").json();
    ObjectNode n = (ObjectNode) TestLedger.parse(good.getBytes());
    n.put("signature", "0xzz");
    dex.refused(ALICE, n.toString(), "malformed_signature");
    n.put("signature", "0x" + "11".repeat(64));
    dex.refused(ALICE, n.toString(), "malformed_signature");
    String sig = TestLedger.parse(good.getBytes()).path("signature").asText();
    n.put("signature", sig.substring(0, sig.length() - 2) + "1d");
    dex.refused(ALICE, n.toString(), "invalid_v");
    ObjectNode missing = (ObjectNode) TestLedger.parse(good.getBytes());
    ((ObjectNode) missing.get("order")).remove("nonce");
    messageContains(dex.refused(ALICE, missing.toString(), "invalid_field"), "order.nonce");
    ObjectNode badSide = (ObjectNode) TestLedger.parse(good.getBytes());
    ((ObjectNode) badSide.get("order")).put("side", 2);
    dex.refused(ALICE, badSide.toString(), "invalid_field");
  }

  @Test
  void depositsAndWithdrawals() {
    dex.refused(ALICE, "{\"op\":\"deposit\",\"token\":\"DOGE\",\"amount\":\"1\"}", "unknown_token");
    messageContains(
        dex.refused(
            ALICE,
            "{\"op\":\"deposit\",\"token\":\"USDC\",\"amount\":\"1.0000001\"}",
            "invalid_amount"),
        "6");
    dex.refused(
        ALICE,
        "{\"op\":\"deposit\",\"token\":\"USDC\",\"amount\":\"0.0000000\"}",
        "invalid_amount");
    dex.refused(
        ALICE, "{\"op\":\"deposit\",\"token\":\"USDC\",\"amount\":\"0\"}", "invalid_amount");
    dex.refused(
        ALICE, "{\"op\":\"deposit\",\"token\":\"USDC\",\"amount\":\"1e3\"}", "invalid_field");
    dex.refused(
        ALICE, "{\"op\":\"deposit\",\"token\":\"USDC\",\"amount\":\"-1\"}", "invalid_field");
    dex.refused(ALICE, "{\"op\":\"deposit\",\"token\":\"USDC\",\"amount\":1}", "invalid_field");
    dex.refused(
        ALICE,
        "{\"op\":\"deposit\",\"token\":\"USDC\",\"amount\":\"99999999999999999999\"}",
        "overflow");
    dex.refused(
        ALICE,
        "{\"op\":\"withdraw\",\"token\":\"USDC\",\"amount\":\"10000.01\"}",
        "insufficient_balance");
    dex.refused(
        CAROL, "{\"op\":\"withdraw\",\"token\":\"ETH\",\"amount\":\"1\"}", "insufficient_balance");
    dex.refused(
        BOB, "{\"op\":\"withdraw\",\"token\":\"ETH\",\"amount\":\"0.5\"}", "insufficient_balance");
  }

  @Test
  void aDepositThatWouldOverflowTheTotalLeavesNoAccountBehind() {
    dex.deposit(ALICE, "USDC", "9000000000000");
    dex.refused(
        CAROL, "{\"op\":\"deposit\",\"token\":\"USDC\",\"amount\":\"1000000000000\"}", "overflow");
    assertThat(dex.balances(CAROL)).containsEntry("USDC", java.util.List.of("0", "0"));
  }

  @Test
  void theFaucetIsOnlyOpenOnDevelopmentNetworks() {
    DexConfig dev = DexConfig.devNetwork("x");
    DexFixture closed =
        new DexFixture(new DexConfig(dev.tokens(), dev.markets(), dev.domain(), false));
    closed.refused(
        ALICE, "{\"op\":\"deposit\",\"token\":\"USDC\",\"amount\":\"1\"}", "faucet_disabled");
  }

  @Test
  void refusalsBeforeTheFirstCommandChangeNothingEither() {
    DexFixture fresh = new DexFixture();
    fresh.refused(
        ALICE, fresh.limit(ALICE, Side.BUY, "2000", "0.1").json(), "insufficient_balance");
    fresh.refused(ALICE, "{\"op\":\"cancel\",\"id\":1}", "unknown_order");
    assertThat(fresh.ledger.privateState.map).isEmpty();
  }
}
