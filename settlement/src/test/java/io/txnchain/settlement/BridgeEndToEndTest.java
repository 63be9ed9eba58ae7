package io.txnchain.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.dex.app.DexApp;
import io.txnchain.dex.app.DexConfig;
import io.txnchain.dex.settlement.BatchSigner;
import io.txnchain.dex.settlement.ChainSettlement;
import io.txnchain.settlement.bridge.BridgeConfig;
import io.txnchain.settlement.bridge.LedgerPort;
import io.txnchain.settlement.bridge.SettlementBridge;
import io.txnchain.settlement.chain.ChainClient;
import io.txnchain.settlement.chain.Transactor;
import io.txnchain.settlement.contract.SettlementContract;
import io.txnchain.settlement.contract.TestTokenContract;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderEncoder;
import io.txnchain.wire.dex.OrderJson;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * Chain deposits credited after confirmations, trades settled on chain with balances equal to the
 * ledger's, withdrawals paid out, restarts and reorgs: the real dex app (in memory) and the real
 * contract on anvil, joined by the bridge.
 */
class BridgeEndToEndTest {
  static final long USDC = 1_000_000L;
  static final long ETH = 100_000_000L;
  static final int CONFIRMATIONS = 2;

  TestChain chain;
  Transactor owner;
  Transactor alice;
  Transactor bob;
  SettlementContract settlement;
  Map<String, TestTokenContract> tokens = new TreeMap<>();
  EthAddress fee;
  BatchSigner signer =
      BatchSigner.fromSecret(Hashes.sha256("network secret".getBytes(StandardCharsets.UTF_8)));
  DexConfig config;
  InProcessLedger ledger;
  BridgeConfig bridgeConfig;

  @BeforeEach
  void setUp() throws Exception {
    chain = TestChain.start(0);
    assumeTrue(chain.isDevNode(), "mines blocks on demand: needs the development node");
    owner = chain.transactor(0);
    alice = chain.transactor(1);
    bob = chain.transactor(2);
    fee = addr(chain.credentials(4).getAddress());
    settlement = SettlementContract.deploy(owner, owner.address(), fee.toChecksumHex(), 3600);
    for (String symbol : List.of("BTC", "ETH", "USDC")) {
      TestTokenContract t =
          TestTokenContract.deploy(owner, "Test " + symbol, symbol, symbol.equals("USDC") ? 6 : 8);
      settlement.listToken(t.address());
      tokens.put(symbol, t);
    }
    settlement.registerSigner(
        signer.address().toChecksumHex(), Hashes.sha256("measurement".getBytes()));
    DexConfig dev = DexConfig.devNetwork("test");
    config =
        new DexConfig(
            dev.tokens(),
            dev.markets(),
            new Eip712Domain(chain.chainId(), addr(settlement.address())),
            false);
    Map<String, EthAddress> chainTokens = new TreeMap<>();
    tokens.forEach((s, t) -> chainTokens.put(s, addr(t.address())));
    ChainSettlement cs = new ChainSettlement(addr(owner.address()), fee, chainTokens, 400, signer);
    ledger = new InProcessLedger(new DexApp(config, cs), addr(owner.address()).toChecksumHex());
    bridgeConfig =
        new BridgeConfig(
            chain.client().url(),
            chain.chainId(),
            settlement.address(),
            CONFIRMATIONS,
            Duration.ofMillis(100),
            Duration.ofMillis(100),
            Duration.ofSeconds(2),
            0);
  }

  @AfterEach
  void tearDown() {
    if (chain != null) {
      chain.close();
    }
  }

  SettlementBridge bridge() {
    return new SettlementBridge(bridgeConfig, settlement, ledger);
  }

  void depositOnChain(Transactor who, String symbol, long amount) throws Exception {
    TestTokenContract t = tokens.get(symbol).as(who);
    t.mint(who.address(), amount);
    t.approve(settlement.address(), amount);
    settlement.as(who).deposit(t.address(), amount);
  }

  void mine(int blocks) throws Exception {
    for (int i = 0; i < blocks; i++) {
      chain.client().rpc("evm_mine", List.of());
    }
  }

  /** Available + locked on the ledger, in smallest units. */
  long ledgerBalance(Transactor who, String symbol) throws Exception {
    JsonNode b = ledger.run(addr(who.address()).toChecksumHex(), true, "{\"op\":\"balances\"}");
    for (JsonNode x : b.get("balances")) {
      if (x.get("token").asText().equals(symbol)) {
        int decimals = symbol.equals("USDC") ? 6 : 8;
        return new java.math.BigDecimal(x.get("available").asText())
            .add(new java.math.BigDecimal(x.get("locked").asText()))
            .movePointRight(decimals)
            .longValueExact();
      }
    }
    return 0;
  }

  long chainBalance(String account, String symbol) throws Exception {
    return settlement.balanceOf(tokens.get(symbol).address(), account).longValueExact();
  }

  JsonNode order(Transactor who, Side side, long price, long qty, long nonce) throws Exception {
    Credentials c = who == alice ? chain.credentials(1) : who == bob ? chain.credentials(2) : null;
    Secp256k1KeyPair key =
        Secp256k1KeyPair.fromPrivateKey(
            c.getEcKeyPair().getPrivateKey().toByteArray().length == 33
                ? java.util.Arrays.copyOfRange(
                    c.getEcKeyPair().getPrivateKey().toByteArray(), 1, 33)
                : org.web3j.utils.Numeric.toBytesPadded(c.getEcKeyPair().getPrivateKey(), 32));
    EthAddress zero = new EthAddress(new byte[20]);
    Order o =
        new Order(
            key.address(),
            "ETH-USDC",
            side,
            OrderType.LIMIT,
            price,
            qty,
            TimeInForce.GTC,
            false,
            SelfTradePrevention.EXPIRE_TAKER,
            zero,
            zero,
            nonce,
            0,
            "");
    byte[] sig = key.sign(OrderEncoder.digest(config.domain(), o)).toBytes65();
    String input =
        "{\"op\":\"order\",\"order\":"
            + OrderJson.message(o)
            + ",\"signature\":\""
            + OrderJson.signature(sig)
            + "\"}";
    return ledger.run(key.address().toChecksumHex(), true, input);
  }

  @Test
  void depositsTradesAndWithdrawalsSettleEndToEnd() throws Exception {
    depositOnChain(alice, "USDC", 10_000 * USDC);
    depositOnChain(bob, "ETH", 5 * ETH);
    SettlementBridge bridge = bridge();
    // The last deposit is not yet CONFIRMATIONS deep.
    assertThat(bridge.runOnce().depositsCredited()).isEqualTo(1);
    assertThat(ledgerBalance(bob, "ETH")).isZero();
    mine(CONFIRMATIONS);
    assertThat(bridge.runOnce().depositsCredited()).isEqualTo(1);
    assertThat(ledgerBalance(alice, "USDC")).isEqualTo(10_000 * USDC);
    assertThat(ledgerBalance(bob, "ETH")).isEqualTo(5 * ETH);
    // A second bridge (a restart) rescans from the start and credits nothing again.
    assertThat(bridge().runOnce().depositsCredited()).isZero();
    assertThat(ledgerBalance(alice, "USDC")).isEqualTo(10_000 * USDC);

    order(bob, Side.SELL, 2000 * USDC, ETH, 1);
    JsonNode fill = order(alice, Side.BUY, 2000 * USDC, ETH / 2, 2);
    assertThat(fill.get("status").asText()).isEqualTo("filled");
    SettlementBridge.Round r = bridge.runOnce();
    assertThat(r.batchSettled()).isEqualTo(1);
    assertThat(settlement.lastBatchId()).isEqualTo(1);
    for (Transactor who : List.of(alice, bob)) {
      for (String symbol : List.of("ETH", "USDC")) {
        assertThat(chainBalance(who.address(), symbol))
            .as("%s %s", who.address(), symbol)
            .isEqualTo(ledgerBalance(who, symbol));
      }
    }
    assertThat(chainBalance(fee.toChecksumHex(), "USDC")).isEqualTo(700_000L); // 0.2 + 0.5 USDC
    assertThat(ledger.events)
        .filteredOn(e -> e.type().equals("settlement"))
        .singleElement()
        .satisfies(e -> assertThat(e.data().get("batchId").asLong()).isEqualTo(1));

    // Nothing new: no batch.
    assertThat(bridge.runOnce().batchSettled()).isZero();

    ledger.run(
        addr(alice.address()).toChecksumHex(),
        true,
        "{\"op\":\"withdraw\",\"token\":\"USDC\",\"amount\":\"100\"}");
    assertThat(bridge.runOnce().batchSettled()).isEqualTo(2);
    assertThat(tokens.get("USDC").balanceOf(alice.address()))
        .isEqualTo(BigInteger.valueOf(100 * USDC));
    assertThat(chainBalance(alice.address(), "USDC")).isEqualTo(ledgerBalance(alice, "USDC"));
  }

  @Test
  void aBatchSentBeforeACrashIsRecordedNotSentAgain() throws Exception {
    depositOnChain(alice, "USDC", 10_000 * USDC);
    depositOnChain(bob, "ETH", 5 * ETH);
    mine(CONFIRMATIONS);
    bridge().runOnce();
    order(bob, Side.SELL, 2000 * USDC, ETH, 1);
    order(alice, Side.BUY, 2000 * USDC, ETH, 2);
    // The bridge got the batch and sent it, then died before recording it.
    JsonNode batch = ledger.process("{\"op\":\"settleBatch\"}").get("batch");
    settlement.settle(
        io.txnchain.dex.settlement.BatchJson.read(batch),
        HexFormat.of().parseHex(batch.get("signature").asText().substring(2)));
    long aliceEth = chainBalance(alice.address(), "ETH");
    assertThat(bridge().runOnce().batchSettled()).isEqualTo(1);
    assertThat(settlement.lastBatchId()).isEqualTo(1);
    assertThat(chainBalance(alice.address(), "ETH")).isEqualTo(aliceEth).isEqualTo(ETH);
    assertThatThrownBy(
            () ->
                ledger.process(
                    "{\"op\":\"batchSettled\",\"batchId\":1,\"txHash\":\"0x"
                        + "11".repeat(32)
                        + "\",\"blockNumber\":5}"))
        .isInstanceOfSatisfying(
            LedgerPort.LedgerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo("unknown_batch"));
  }

  @Test
  void aReorgedDepositIsNotCreditedTwice() throws Exception {
    depositOnChain(alice, "USDC", 1_000 * USDC);
    mine(CONFIRMATIONS);
    SettlementBridge bridge = bridge();
    assertThat(bridge.runOnce().depositsCredited()).isEqualTo(1);
    String snapshot = chain.client().rpc("evm_snapshot", List.of()).asText();
    depositOnChain(bob, "ETH", ETH);
    // Seen, but only one block deep: not credited.
    assertThat(bridge.runOnce().depositsCredited()).isZero();
    // The block with Bob's deposit is dropped; a different deposit takes its id.
    assertThat(chain.client().rpc("evm_revert", List.of(snapshot)).asBoolean()).isTrue();
    depositOnChain(alice, "USDC", 5 * USDC);
    mine(CONFIRMATIONS);
    assertThat(bridge.runOnce().depositsCredited()).isEqualTo(1);
    assertThat(bridge().runOnce().depositsCredited()).isZero();
    assertThat(ledgerBalance(bob, "ETH")).isZero();
    assertThat(ledgerBalance(alice, "USDC")).isEqualTo(1_005 * USDC);
  }

  @Test
  void onlyTheOperatorMayReportChainEvents() {
    assertThatThrownBy(
            () ->
                ledger.run(
                    addr(alice.address()).toChecksumHex(),
                    false,
                    "{\"op\":\"chainDeposit\",\"depositId\":1,\"account\":\""
                        + alice.address()
                        + "\",\"token\":\""
                        + tokens.get("USDC").address()
                        + "\",\"amount\":\"1000\"}"))
        .isInstanceOfSatisfying(
            LedgerPort.LedgerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo("not_operator"));
  }

  @Test
  void backsOffWhileTheChainIsDownAndCatchesUpAfter() throws Exception {
    depositOnChain(alice, "USDC", 1_000 * USDC);
    mine(CONFIRMATIONS);
    // A bridge whose RPC endpoint is down (nothing listens on the port).
    int deadPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    Transactor down =
        new Transactor(
            ChainClient.connect("http://127.0.0.1:" + deadPort),
            chain.credentials(0),
            chain.chainId(),
            Duration.ofSeconds(5));
    try (SettlementBridge b = new SettlementBridge(bridgeConfig, settlement.as(down), ledger)) {
      b.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (b.failures() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(b.failures()).isGreaterThanOrEqualTo(2);
    }
    assertThat(ledgerBalance(alice, "USDC")).isZero();
    try (SettlementBridge b = bridge()) {
      b.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (ledgerBalance(alice, "USDC") == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
    assertThat(ledgerBalance(alice, "USDC")).isEqualTo(1_000 * USDC);
  }

  static EthAddress addr(String hex) {
    try {
      return EthAddress.parse(hex);
    } catch (io.txnchain.crypto.CryptoException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
