package io.txnchain.dex.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.dex.market.FixedPoint;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderEncoder;
import io.txnchain.wire.dex.OrderJson;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import java.util.List;
import java.util.TreeMap;

/**
 * A development-network DEX on a {@link TestLedger}, with three traders and shortcuts for their
 * requests. Amounts are written as in the CLI: {@code "2000.5"} USDC, {@code "0.5"} ETH.
 */
final class DexFixture {
  static final String CHAIN = "txnchain-test";
  static final Secp256k1KeyPair ALICE = key(1);
  static final Secp256k1KeyPair BOB = key(2);
  static final Secp256k1KeyPair CAROL = key(3);
  static final EthAddress ZERO = new EthAddress(new byte[20]);

  final DexConfig config;
  final TestLedger ledger = new TestLedger();
  DexApp app;
  private long nonce = 1;

  DexFixture() {
    this(DexConfig.devNetwork(CHAIN));
  }

  DexFixture(DexConfig config) {
    this.config = config;
    this.app = new DexApp(config);
  }

  static Secp256k1KeyPair key(int n) {
    byte[] k = new byte[32];
    k[0] = 0x11;
    k[31] = (byte) n;
    return Secp256k1KeyPair.fromPrivateKey(k);
  }

  static String addr(Secp256k1KeyPair k) {
    return k.address().toChecksumHex();
  }

  /** USDC (and ETH-USDC price) units. */
  static long usdc(String s) {
    return FixedPoint.parse(s, 1_000_000L);
  }

  /** ETH and BTC units. */
  static long coin(String s) {
    return FixedPoint.parse(s, 100_000_000L);
  }

  /** A sealed request by {@code who}. */
  TestLedger.Result run(Secp256k1KeyPair who, String json) throws AppRejectedException {
    return ledger.run(app, addr(who), true, json);
  }

  TestLedger.Result runUnsealed(Secp256k1KeyPair who, String json) throws AppRejectedException {
    return ledger.run(app, addr(who), false, json);
  }

  /** A request that must succeed. */
  TestLedger.Result ok(Secp256k1KeyPair who, String json) {
    try {
      return run(who, json);
    } catch (AppRejectedException e) {
      return fail("refused " + json + ": " + e.reason() + ": " + e.getMessage());
    }
  }

  /** An unsealed request that must succeed. */
  TestLedger.Result runUnsealedOk(Secp256k1KeyPair who, String json) {
    try {
      return runUnsealed(who, json);
    } catch (AppRejectedException e) {
      return fail("refused " + json + ": " + e.reason() + ": " + e.getMessage());
    }
  }

  TestLedger.Result deposit(Secp256k1KeyPair who, String token, String amount) {
    return ok(
        who, "{\"op\":\"deposit\",\"token\":\"" + token + "\",\"amount\":\"" + amount + "\"}");
  }

  /** A GTC limit order on ETH-USDC by {@code who}, with a fresh nonce. */
  Draft limit(Secp256k1KeyPair who, Side side, String price, String quantity) {
    return new Draft(who).side(side).price(usdc(price)).quantity(coin(quantity));
  }

  /** The signed {@code order} request. */
  String orderJson(Secp256k1KeyPair signer, Order o) {
    return orderJson(signer, o, config.domain(), null);
  }

  /** Signed under {@code signedUnder}; {@code envelope} is the domain the request names, if any. */
  static String orderJson(
      Secp256k1KeyPair signer, Order o, Eip712Domain signedUnder, Eip712Domain envelope) {
    ObjectNode n = TestLedger.JSON.createObjectNode();
    n.put("op", "order");
    n.set("order", OrderJson.message(o));
    if (envelope != null) {
      n.set("domain", OrderJson.domain(envelope));
    }
    n.put(
        "signature",
        OrderJson.signature(signer.sign(OrderEncoder.digest(signedUnder, o)).toBytes65()));
    return n.toString();
  }

  TestLedger.Result place(Draft d) {
    return ok(d.who, orderJson(d.who, d.build()));
  }

  /** The sealed balances of {@code who}: token to {available, locked}. */
  TreeMap<String, List<String>> balances(Secp256k1KeyPair who) {
    TreeMap<String, List<String>> out = new TreeMap<>();
    for (JsonNode b : ok(who, "{\"op\":\"balances\"}").output().path("balances")) {
      out.put(
          b.path("token").asText(),
          List.of(b.path("available").asText(), b.path("locked").asText()));
    }
    return out;
  }

  /**
   * Sends a request that must be refused with {@code code}, and checks that it changed nothing: no
   * write or event was even attempted, the committed states are equal to a full copy taken before,
   * and the in-memory engine still has the state hash the log recorded.
   */
  AppRejectedException refused(Secp256k1KeyPair who, boolean sealed, String json, String code) {
    TreeMap<String, String> pub = ledger.publicState.snapshot();
    TreeMap<String, String> priv = ledger.privateState.snapshot();
    byte[] engineBefore = app.engineStateHash();
    AppRejectedException refusal = null;
    try {
      ledger.run(app, addr(who), sealed, json);
    } catch (AppRejectedException e) {
      refusal = e;
    }
    assertThat(refusal).as("refusal of %s", json).isNotNull();
    assertThat(refusal.reason())
        .as("reason for %s: %s", json, refusal.getMessage())
        .isEqualTo(code);
    assertThat(ledger.droppedWrites).as("writes attempted by %s", json).isZero();
    assertThat(ledger.droppedEvents).as("events emitted by %s", json).isZero();
    assertThat(ledger.publicState.snapshot()).isEqualTo(pub);
    assertThat(ledger.privateState.snapshot()).isEqualTo(priv);
    if (engineBefore != null) {
      assertThat(app.engineStateHash()).isEqualTo(engineBefore);
      CommandLog.Head head = CommandLog.head(ledger.privateState);
      if (head.seq() > 0) {
        assertThat(head.stateHash()).isEqualTo(engineBefore);
      }
    }
    return refusal;
  }

  AppRejectedException refused(Secp256k1KeyPair who, String json, String code) {
    return refused(who, true, json, code);
  }

  /** An order under construction; each draft takes the next nonce. */
  final class Draft {
    final Secp256k1KeyPair who;
    EthAddress trader;
    String market = "ETH-USDC";
    Side side = Side.BUY;
    OrderType type = OrderType.LIMIT;
    long price;
    long quantity;
    TimeInForce tif = TimeInForce.GTC;
    boolean postOnly;
    SelfTradePrevention stp = SelfTradePrevention.EXPIRE_TAKER;
    long nonceValue = nonce++;
    long expiry;
    String clientOrderId = "";

    Draft(Secp256k1KeyPair who) {
      this.who = who;
      this.trader = who.address();
    }

    Draft side(Side s) {
      side = s;
      return this;
    }

    Draft price(long p) {
      price = p;
      return this;
    }

    Draft quantity(long q) {
      quantity = q;
      return this;
    }

    Draft market(String m) {
      market = m;
      return this;
    }

    Draft marketOrder(TimeInForce t) {
      type = OrderType.MARKET;
      price = 0;
      tif = t;
      return this;
    }

    Draft tif(TimeInForce t) {
      tif = t;
      return this;
    }

    Draft postOnly() {
      postOnly = true;
      return this;
    }

    Draft stp(SelfTradePrevention s) {
      stp = s;
      return this;
    }

    Draft nonce(long n) {
      nonceValue = n;
      return this;
    }

    Draft expiry(long e) {
      expiry = e;
      return this;
    }

    Draft clientId(String id) {
      clientOrderId = id;
      return this;
    }

    Draft trader(EthAddress a) {
      trader = a;
      return this;
    }

    Order build() {
      return new Order(
          trader,
          market,
          side,
          type,
          price,
          quantity,
          tif,
          postOnly,
          stp,
          ZERO,
          ZERO,
          nonceValue,
          expiry,
          clientOrderId);
    }

    String json() {
      return orderJson(who, build());
    }
  }
}
