package io.txnchain.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.UserKey;
import io.txnchain.client.testing.FakeLedger;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderEncoder;
import io.txnchain.wire.dex.OrderJson;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DexCommandTest {
  private final SecureRandom random = new SecureRandom();
  @TempDir Path home;
  private FakeLedger ledger;
  private final FakeDex dex = new FakeDex();
  private Path keyFile;
  private UserKey user;

  @BeforeEach
  void start() throws Exception {
    ledger = new FakeLedger(random).app("dex", dex, random);
    keyFile = home.resolve("alice.key");
    user = UserKey.create(keyFile, random);
  }

  @AfterEach
  void stop() {
    ledger.close();
  }

  private CliRunner.Run cli(String... args) {
    return new CliRunner(home)
        .env("TXNCHAIN_NODE", ledger.url())
        .env("TXNCHAIN_KEY", keyFile.toString())
        .run(args);
  }

  @Test
  void anOrderIsSignedUnderTheAppsDomainSealedAndItsResultOpened() {
    CliRunner.Run run =
        cli(
            "dex",
            "order",
            "--market",
            "ETH-USDC",
            "--side",
            "buy",
            "--type",
            "limit",
            "--price",
            "2000.5",
            "--qty",
            "1.25",
            "--client-id",
            "alice-1");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.json().path("orderId").asLong()).isEqualTo(65537);
    assertThat(run.json().path("status").asText()).isEqualTo("open");

    FakeDex.Seen markets = dex.last("markets");
    assertThat(markets.tx().sealed()).as("the markets query is public").isFalse();
    FakeDex.Seen placed = dex.last("order");
    Transaction tx = placed.tx();
    assertThat(run.json().path("txId").asText()).isEqualTo(tx.id());
    assertThat(tx.kind()).isEqualTo(TxKind.WORK_ORDER);
    assertThat(tx.app()).isEqualTo("dex");
    assertThat(tx.sealed()).isTrue();
    assertThat(tx.payload())
        .as("the host sees ciphertext")
        .isNotEqualTo(ledger.plaintexts.get(tx.id()));
    assertThat(tx.appMeasurement()).isEqualTo(ledger.measurementOf("dex"));
    assertThat(tx.replyKey()).isEqualTo(user.replyKey().publicKey());

    Order order = OrderJson.parseMessage(placed.request().get("order"));
    assertThat(order.trader()).isEqualTo(user.address());
    assertThat(order.market()).isEqualTo("ETH-USDC");
    assertThat(order.side()).isEqualTo(Side.BUY);
    assertThat(order.price()).isEqualTo(2_000_500_000L);
    assertThat(order.quantity()).isEqualTo(125_000_000L);
    assertThat(order.timeInForce()).isEqualTo(TimeInForce.GTC);
    assertThat(order.clientOrderId()).isEqualTo("alice-1");
    assertThat(order.expiry()).isZero();
    assertThat(OrderJson.parseDomain(placed.request().get("domain"))).contains(FakeDex.DOMAIN);
    byte[] expected = user.keyPair().sign(OrderEncoder.digest(FakeDex.DOMAIN, order)).toBytes65();
    assertThat(placed.request().path("signature").asText())
        .isEqualTo(OrderJson.signature(expected));
  }

  @Test
  void noSealSendsThePlaintextAndMarketOrdersDefaultToIoc() {
    CliRunner.Run run =
        cli(
            "dex",
            "order",
            "--market",
            "BTC-USDC",
            "--side",
            "SELL",
            "--type",
            "market",
            "--qty",
            "0.5",
            "--stp",
            "expire-both",
            "--pay",
            "0x1111111111111111111111111111111111111111",
            "--no-seal");

    assertThat(run.exit()).as(run.toString()).isZero();
    FakeDex.Seen placed = dex.last("order");
    assertThat(placed.tx().sealed()).isFalse();
    Order order = OrderJson.parseMessage(placed.request().get("order"));
    assertThat(order.orderType()).isEqualTo(OrderType.MARKET);
    assertThat(order.price()).isZero();
    assertThat(order.quantity()).isEqualTo(50_000_000L);
    assertThat(order.timeInForce()).isEqualTo(TimeInForce.IOC);
    assertThat(order.selfTradePrevention()).isEqualTo(SelfTradePrevention.EXPIRE_BOTH);
    assertThat(order.payAddress())
        .isEqualTo(FakeDex.address("0x1111111111111111111111111111111111111111"));
    assertThat(order.receiveAddress().isZero()).isTrue();
  }

  @Test
  void badOrderArgumentsAreUsageErrorsAndSendNoOrder() {
    String[][] bad = {
      {"--market", "ETH-USDC", "--side", "buy", "--qty", "1"},
      {"--market", "ETH-USDC", "--side", "buy", "--type", "market", "--price", "1", "--qty", "1"},
      {"--market", "ETH-USDC", "--side", "buy", "--type", "market", "--tif", "GTC", "--qty", "1"},
      {
        "--market",
        "ETH-USDC",
        "--side",
        "buy",
        "--price",
        "1",
        "--qty",
        "1",
        "--tif",
        "IOC",
        "--post-only"
      },
      {"--market", "ETH-USDC", "--side", "long", "--price", "1", "--qty", "1"},
      {"--market", "ETH-USDC", "--side", "buy", "--price", "1", "--qty", "1", "--tif", "DAY"},
      {"--market", "ETH-USDC", "--side", "buy", "--price", "1", "--qty", "1", "--pay", "0x12"},
      {
        "--market",
        "ETH-USDC",
        "--side",
        "buy",
        "--price",
        "1",
        "--qty",
        "1",
        "--client-id",
        "x".repeat(65)
      },
      {"--market", "ETH-USDC", "--side", "buy", "--price", "2000.1234567", "--qty", "1"},
      {"--market", "ETH-USDC", "--side", "buy", "--price", "-1", "--qty", "1"},
      {"--market", "DOGE-USDC", "--side", "buy", "--price", "1", "--qty", "1"},
      {"--market", "ETH-USDC", "--side", "buy", "--price", "1"},
    };
    for (String[] args : bad) {
      String[] full = new String[args.length + 2];
      full[0] = "dex";
      full[1] = "order";
      System.arraycopy(args, 0, full, 2, args.length);
      CliRunner.Run run = cli(full);
      assertThat(run.exit()).as("%s\n%s", String.join(" ", args), run).isEqualTo(2);
    }
    assertThat(dex.requests("order")).isEmpty();
  }

  @Test
  void theAppsRefusalIsAFailedRequest() {
    CliRunner.Run run =
        cli(
            "dex",
            "order",
            "--market",
            "ETH-USDC",
            "--side",
            "buy",
            "--price",
            "1",
            "--qty",
            "999");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("APP_REJECTED").contains("insufficient_balance");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void cancelNamesOrdersOneWay() {
    assertThat(cli("dex", "cancel", "--id", "65537").exit()).isZero();
    assertThat(dex.last("cancel").request().toString())
        .isEqualTo("{\"op\":\"cancel\",\"id\":65537}");
    assertThat(dex.last("cancel").tx().sealed()).isTrue();
    assertThat(cli("dex", "cancel", "--client-id", "alice-1").exit()).isZero();
    assertThat(dex.last("cancel").request().path("clientId").asText()).isEqualTo("alice-1");
    assertThat(cli("dex", "cancel", "--all", "--market", "ETH-USDC").exit()).isZero();
    assertThat(dex.last("cancelAll").request().toString())
        .isEqualTo("{\"op\":\"cancelAll\",\"market\":\"ETH-USDC\"}");

    int before = dex.seen.size();
    assertThat(cli("dex", "cancel").exit()).isEqualTo(2);
    assertThat(cli("dex", "cancel", "--id", "1", "--all").exit()).isEqualTo(2);
    assertThat(cli("dex", "cancel", "--id", "1", "--market", "ETH-USDC").exit()).isEqualTo(2);
    assertThat(cli("dex", "cancel", "--id", "0").exit()).isEqualTo(2);
    assertThat(dex.seen).hasSize(before);
  }

  @Test
  void privateQueriesAreAlwaysSealedAndPublicOnesNever() {
    CliRunner.Run balances = cli("dex", "balances");
    assertThat(balances.exit()).as(balances.toString()).isZero();
    assertThat(dex.last("balances").tx().sealed()).isTrue();
    assertThat(balances.json().path("txId").asText()).isEqualTo(dex.last("balances").tx().id());
    assertThat(cli("dex", "orders", "--market", "ETH-USDC").exit()).isZero();
    assertThat(dex.last("orders").tx().sealed()).isTrue();
    assertThat(dex.last("orders").request().path("market").asText()).isEqualTo("ETH-USDC");

    assertThat(cli("dex", "book", "ETH-USDC", "--depth", "5").exit()).isZero();
    assertThat(dex.last("book").tx().sealed()).isFalse();
    assertThat(dex.last("book").request().toString())
        .isEqualTo("{\"op\":\"book\",\"market\":\"ETH-USDC\",\"depth\":5}");
    assertThat(cli("dex", "trades", "BTC-USDC").exit()).isZero();
    assertThat(dex.last("trades").tx().sealed()).isFalse();
    CliRunner.Run markets = cli("dex", "markets");
    assertThat(markets.exit()).isZero();
    assertThat(markets.json().path("markets")).hasSize(2);
  }

  @Test
  void depositsGoAsTypedAndSealedByDefault() {
    assertThat(cli("dex", "deposit", "--token", "USDC", "--amount", "10000").exit()).isZero();
    assertThat(dex.last("deposit").request().toString())
        .isEqualTo("{\"op\":\"deposit\",\"token\":\"USDC\",\"amount\":\"10000\"}");
    assertThat(dex.last("deposit").tx().sealed()).isTrue();
    assertThat(cli("dex", "withdraw", "--token", "ETH", "--amount", "0.5", "--no-seal").exit())
        .isZero();
    assertThat(dex.last("withdraw").tx().sealed()).isFalse();
    assertThat(cli("dex", "deposit", "--token", "USDC").exit()).isEqualTo(2);
  }

  @Test
  void aMissingDexAppIsAFailedRequest() throws Exception {
    try (FakeLedger bare = new FakeLedger(random)) {
      CliRunner.Run run =
          new CliRunner(home)
              .env("TXNCHAIN_NODE", bare.url())
              .env("TXNCHAIN_KEY", keyFile.toString())
              .run("dex", "balances");
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.err()).contains("no enclave app 'dex'");
    }
  }

  /** The documented vector 1 (docs/dex-orders.md), built from the options a user would type. */
  @Test
  void theOptionsOfVectorOneBuildVectorOne() throws Exception {
    CliContext ctx =
        new CliContext(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()),
            Map.of(),
            home,
            false,
            false,
            random);
    DexOrderCommand cmd = new DexOrderCommand(ctx);
    new CommandLine(cmd, new CommandFactory(ctx))
        .parseArgs(
            "--market",
            "ETH-USDC",
            "--side",
            "buy",
            "--price",
            "2000.5",
            "--qty",
            "1.25",
            "--client-id",
            "alice-1",
            "--expires-in",
            "1000");
    Secp256k1KeyPair vectorKey =
        Secp256k1KeyPair.fromPrivateKey(
            HexFormat.of()
                .parseHex("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));
    DexMarkets markets = DexMarkets.parse(FakeDex.markets(), "http://x");
    Order order =
        cmd.build(
            cmd.shape(),
            markets.market("ETH-USDC").orElseThrow(),
            vectorKey.address(),
            1,
            1_900_000_000_000L - 1_000_000L);
    Eip712Domain domain = markets.domain();

    assertThat(HexFormat.of().formatHex(OrderEncoder.digest(domain, order)))
        .isEqualTo("2a9000313fb7dd673dccc3a2d552d107e315189739e4758e6ee1dd797e62dcd5");
    ObjectNode request = DexOrderRequest.signed(order, domain, vectorKey);
    assertThat(request.path("signature").asText())
        .isEqualTo(
            "0x15f5df5e526703536617c3f0025460acbe63177295c690669a5b6c78f06cdd82"
                + "0197b7d27cdf724d6e622742df2b9cd87853ed3ce343266350c1f160550c211c1c");
  }

  @Test
  void decimalsConvertExactly() {
    assertThat(DexOrderRequest.units("2000.5", 6, "--price")).isEqualTo(2_000_500_000L);
    assertThat(DexOrderRequest.units("1.25", 8, "--qty")).isEqualTo(125_000_000L);
    assertThat(DexOrderRequest.units("0.10000000", 6, "--price")).isEqualTo(100_000L);
    assertThat(DexOrderRequest.units(".5", 1, "--qty")).isEqualTo(5);
    for (String bad : new String[] {"1.0000001", "1e3", "-1", "", ".", "1,5", "99999999999999"}) {
      assertThatThrownBy(() -> DexOrderRequest.units(bad, 6, "--price"))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--price");
    }
  }
}
