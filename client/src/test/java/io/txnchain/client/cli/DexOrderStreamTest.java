package io.txnchain.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.client.cli.bench.SignedLoad;
import io.txnchain.client.sdk.UserKey;
import io.txnchain.crypto.EcdsaSignature;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Secp256k1;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderEncoder;
import io.txnchain.wire.dex.OrderJson;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DexOrderStreamTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String CHAIN = "txnchain-test";
  private static final byte[] MEASUREMENT = new byte[32];
  private static final DexMarkets.Market ETH_USDC =
      new DexMarkets.Market("ETH-USDC", "ETH", "USDC", 6, 8);

  private final SecureRandom random = new SecureRandom();

  private List<UserKey> traders(int n) {
    List<UserKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(UserKey.generate(random));
    }
    return keys;
  }

  private DexOrderStream build(List<UserKey> keys, int count, int batch, SignedLoad.PayloadSealer s)
      throws Exception {
    AtomicInteger built = new AtomicInteger();
    DexOrderStream stream =
        DexOrderStream.build(
            new DexOrderStream.Spec(
                CHAIN, FakeDex.DOMAIN, ETH_USDC, MEASUREMENT, keys, count, batch, 2000, 2),
            s,
            random,
            2,
            built);
    assertThat(built.get()).isEqualTo(count);
    return stream;
  }

  /** Every call of every body, decoded, with its id. */
  private static List<JsonNode> calls(DexOrderStream stream) throws Exception {
    List<JsonNode> calls = new ArrayList<>();
    for (byte[] body : stream.bodies()) {
      MAPPER.readTree(body).forEach(calls::add);
    }
    return calls;
  }

  private static Transaction tx(JsonNode call) throws Exception {
    return Transaction.decode(HexFormat.of().parseHex(call.path("params").path("tx").asText()));
  }

  /** Checks the order request: an order signed by {@code trader} under the domain. */
  private static Order checkOrder(JsonNode request, UserKey trader) throws Exception {
    assertThat(request.path("op").asText()).isEqualTo("order");
    assertThat(OrderJson.parseDomain(request.get("domain"))).contains(FakeDex.DOMAIN);
    Order order = OrderJson.parseMessage(request.get("order"));
    byte[] signature = OrderJson.parseSignature(request.get("signature"));
    byte[] signer =
        Secp256k1.recoverPublicKey(
            OrderEncoder.digest(FakeDex.DOMAIN, order), EcdsaSignature.fromBytes65(signature));
    assertThat(EthAddress.fromPublicKey(signer)).isEqualTo(trader.address());
    assertThat(order.trader()).isEqualTo(trader.address());
    return order;
  }

  @Test
  void buildsValidPlaintextOrdersSignedByTheirTraders() throws Exception {
    List<UserKey> keys = traders(4);
    DexOrderStream stream = build(keys, 23, 5, null);

    assertThat(stream.batchSizes()).containsExactly(5, 5, 5, 5, 3);
    List<JsonNode> calls = calls(stream);
    assertThat(calls).hasSize(23);
    Set<String> clientIds = new HashSet<>();
    Set<String> orderIds = new HashSet<>();
    Set<Long> nonces = new HashSet<>();
    int buys = 0;
    for (int i = 0; i < calls.size(); i++) {
      JsonNode call = calls.get(i);
      assertThat(call.path("method").asText()).isEqualTo("txn_process");
      assertThat(call.path("id").asInt()).isEqualTo(i);
      Transaction tx = tx(call);
      UserKey trader = keys.get(stream.traderOf(i));
      assertThat(stream.traderOf(i)).isEqualTo(i % 4);
      assertThat(tx.verifySignature()).isTrue();
      assertThat(tx.senderAddress()).isEqualTo(trader.address());
      assertThat(tx.kind()).isEqualTo(TxKind.WORK_ORDER);
      assertThat(tx.app()).isEqualTo(DexSession.APP);
      assertThat(tx.sealed()).isFalse();
      assertThat(clientIds.add(tx.clientId())).isTrue();

      Order order = checkOrder(MAPPER.readTree(tx.payload()), trader);
      assertThat(order.market()).isEqualTo("ETH-USDC");
      assertThat(order.orderType()).isEqualTo(OrderType.LIMIT);
      assertThat(order.timeInForce()).isEqualTo(TimeInForce.GTC);
      assertThat(order.side()).isEqualTo(i % 2 == 0 ? Side.BUY : Side.SELL);
      buys += order.side() == Side.BUY ? 1 : 0;
      // Whole USDC within mid +- spread; 0.01..0.05 ETH in whole hundredths (on tick and lot).
      assertThat(order.price()).isBetween(1998_000000L, 2002_000000L);
      assertThat(order.price() % 1_000000L).isZero();
      assertThat(order.quantity()).isBetween(1_000000L, 5_000000L);
      assertThat(order.quantity() % 1_000000L).isZero();
      assertThat(order.expiry()).isZero();
      assertThat(order.clientOrderId()).startsWith(stream.runPrefix()).hasSizeLessThan(65);
      assertThat(orderIds.add(order.clientOrderId())).isTrue();
      assertThat(nonces.add(order.nonce())).isTrue();
    }
    assertThat(buys).isEqualTo(12);
  }

  @Test
  void sealsEachInputToTheEnclaveWithTheTradersReplyKey() throws Exception {
    X25519KeyPair enclave = X25519KeyPair.generate(random);
    SignedLoad.PayloadSealer sealer =
        (key, clientId, plaintext) ->
            SealedBox.seal(
                enclave.publicKey(),
                Transaction.payloadInfo(CHAIN),
                Transaction.payloadAad(key.publicKeyCompressed(), clientId),
                plaintext,
                random);
    List<UserKey> keys = traders(3);
    DexOrderStream stream = build(keys, 7, 3, sealer);

    List<JsonNode> calls = calls(stream);
    assertThat(calls).hasSize(7);
    for (int i = 0; i < calls.size(); i++) {
      Transaction tx = tx(calls.get(i));
      UserKey trader = keys.get(stream.traderOf(i));
      assertThat(tx.verifySignature()).isTrue();
      assertThat(tx.senderAddress()).isEqualTo(trader.address());
      assertThat(tx.sealed()).isTrue();
      assertThat(tx.replyKey()).isEqualTo(trader.replyKey().publicKey());
      byte[] plaintext =
          SealedBox.open(
              enclave,
              Transaction.payloadInfo(CHAIN),
              Transaction.payloadAad(tx.sender(), tx.clientId()),
              tx.payload());
      checkOrder(MAPPER.readTree(plaintext), trader);
    }
  }
}
