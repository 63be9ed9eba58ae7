package io.txnchain.node.dex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.client.sdk.AppInfo;
import io.txnchain.client.sdk.Transactions;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.client.sdk.UserKey;
import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.node.Node;
import io.txnchain.node.config.NodeConfig;
import io.txnchain.settlement.bridge.NodeLedgerPort;
import io.txnchain.settlement.chain.ChainClient;
import io.txnchain.settlement.chain.Transactor;
import io.txnchain.settlement.contract.ContractArtifact;
import io.txnchain.settlement.contract.SettlementContract;
import io.txnchain.settlement.contract.TestTokenContract;
import io.txnchain.settlement.devnode.AnvilNode;
import io.txnchain.settlement.launch.SettlementLauncher;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderEncoder;
import io.txnchain.wire.dex.OrderJson;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * A node whose dex app settles on a real anvil chain, as {@code up --settlement dev} runs it: chain
 * deposits credited through the node API, a trade settled by the bridge with on-chain balances as
 * the ledger computed them, a withdrawal paid to the wallet.
 */
class SettlementNodeTest {
  static final long USDC = 1_000_000L;
  static final long ETH = 100_000_000L;

  @TempDir Path dir;

  @Test
  void chainDepositsTradesAndWithdrawalsThroughANode() throws Exception {
    assumeTrue(
        ContractArtifact.load("Settlement").isPresent() && AnvilNode.findBinary().isPresent(),
        "settlement contracts or anvil missing (Node.js/npm absent at build time): skipping");
    Map<String, Integer> tokens = new TreeMap<>(Map.of("BTC", 8, "ETH", 8, "USDC", 6));
    try (SettlementLauncher launcher = SettlementLauncher.prepare("dev", dir, tokens, Map.of())) {
      Map<String, String> o = new HashMap<>(launcher.nodeConfig());
      o.put(NodeConfig.DATA_DIR.name(), dir.resolve("node").toString());
      o.put(NodeConfig.PORT.name(), "0");
      o.put(NodeConfig.ALLOW_SIMULATED.name(), "true");
      try (Node node = Node.start(NodeConfig.load(null, Map.of(), o))) {
        launcher.connect(node.url(), true);
        TxnChainClient client = TxnChainClient.connect(URI.create(node.url()));
        NodeLedgerPort operator =
            new NodeLedgerPort(client, UserKey.load(launcher.dir().resolve("operator.key")));
        try (ChainClient chain = ChainClient.connect(launcher.rpcUrl())) {
          Transactor alice = transactor(chain, 1);
          Transactor bob = transactor(chain, 2);
          SettlementContract contract = new SettlementContract(alice, launcher.contract());
          String usdc = launcher.tokens().get("USDC");
          String eth = launcher.tokens().get("ETH");
          deposit(alice, contract, usdc, 10_000 * USDC);
          deposit(bob, contract, eth, 5 * ETH);
          await(() -> status(operator).get("nextDepositId").asLong() == 3, "deposits credited");

          Eip712Domain domain = new Eip712Domain(chain.chainId(), addr(launcher.contract()));
          byte[] measurement =
              client.apps().stream()
                  .filter(a -> a.name().equals("dex"))
                  .findFirst()
                  .map(AppInfo::measurementBytes)
                  .orElseThrow();
          String chainId = client.head().chainId();
          process(client, chainId, measurement, key(2), order(key(2), domain, Side.SELL, ETH, 1));
          JsonNode fill =
              process(
                  client,
                  chainId,
                  measurement,
                  key(1),
                  order(key(1), domain, Side.BUY, ETH / 2, 2));
          assertThat(fill.get("status").asText()).isEqualTo("filled");
          await(() -> lastBatch(contract) >= 1, "the trade settled");
          // 0.5 ETH at 2000 USDC; Alice pays the 5 bps taker fee, Bob the 2 bps maker fee.
          assertThat(contract.balanceOf(usdc, alice.address()))
              .isEqualTo(BigInteger.valueOf(10_000 * USDC - 1_000_500_000L));
          assertThat(contract.balanceOf(eth, alice.address()))
              .isEqualTo(BigInteger.valueOf(ETH / 2));
          assertThat(contract.balanceOf(usdc, bob.address()))
              .isEqualTo(BigInteger.valueOf(999_800_000L));
          assertThat(contract.balanceOf(eth, bob.address()))
              .isEqualTo(BigInteger.valueOf(5 * ETH - ETH / 2));
          assertThat(contract.balanceOf(usdc, o.get("settlement.fee-address")))
              .isEqualTo(BigInteger.valueOf(700_000L));

          process(
              client,
              chainId,
              measurement,
              key(1),
              "{\"op\":\"withdraw\",\"token\":\"USDC\",\"amount\":\"100\"}");
          await(() -> lastBatch(contract) >= 2, "the withdrawal settled");
          assertThat(new TestTokenContract(alice, usdc).balanceOf(alice.address()))
              .isEqualTo(BigInteger.valueOf(100 * USDC));
          // The bridge records the batch after it saw the receipt, a moment after the chain has it.
          await(
              () -> status(operator).get("lastSettledBatch").asLong() >= 2,
              "the bridge recorded the withdrawal's batch");
          assertThat(status(operator).get("lastSettledBatch").asLong()).isEqualTo(2);
        }
      }
    }
  }

  static Secp256k1KeyPair key(int i) {
    return Secp256k1KeyPair.fromPrivateKey(
        HexFormat.of().parseHex(AnvilNode.DEV_KEYS.get(i).substring(2)));
  }

  static Transactor transactor(ChainClient chain, int i) throws Exception {
    return new Transactor(
        chain,
        Credentials.create(AnvilNode.DEV_KEYS.get(i)),
        chain.chainId(),
        Duration.ofSeconds(30));
  }

  static void deposit(Transactor who, SettlementContract contract, String token, long amount)
      throws Exception {
    TestTokenContract t = new TestTokenContract(who, token);
    t.mint(who.address(), amount);
    t.approve(contract.address(), amount);
    contract.as(who).deposit(token, amount);
  }

  static String order(Secp256k1KeyPair who, Eip712Domain domain, Side side, long qty, long nonce) {
    EthAddress zero = new EthAddress(new byte[20]);
    Order o =
        new Order(
            who.address(),
            "ETH-USDC",
            side,
            OrderType.LIMIT,
            2_000 * USDC,
            qty,
            TimeInForce.GTC,
            false,
            SelfTradePrevention.EXPIRE_TAKER,
            zero,
            zero,
            nonce,
            0,
            "");
    byte[] sig = who.sign(OrderEncoder.digest(domain, o)).toBytes65();
    return "{\"op\":\"order\",\"order\":"
        + OrderJson.message(o)
        + ",\"signature\":\""
        + OrderJson.signature(sig)
        + "\"}";
  }

  static JsonNode process(
      TxnChainClient client, String chainId, byte[] measurement, Secp256k1KeyPair who, String in) {
    UserKey user = UserKey.of(who);
    return client
        .process(
            Transactions.workOrder(
                chainId,
                Transactions.randomClientId(new SecureRandom()),
                "dex",
                measurement,
                in.getBytes(StandardCharsets.UTF_8),
                false,
                user.replyKey().publicKey(),
                who))
        .result();
  }

  static JsonNode status(NodeLedgerPort operator) {
    try {
      return operator.process("{\"op\":\"settlementStatus\"}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static long lastBatch(SettlementContract contract) {
    try {
      return contract.lastBatchId();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(100);
    }
  }

  static EthAddress addr(String hex) throws CryptoException {
    return EthAddress.parse(hex);
  }
}
