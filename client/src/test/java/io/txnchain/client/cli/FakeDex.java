package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.testing.FakeLedger;
import io.txnchain.client.testing.FakeNode.Failure;
import io.txnchain.crypto.EcdsaSignature;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Secp256k1;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderEncoder;
import io.txnchain.wire.dex.OrderJson;
import io.txnchain.wire.tx.Transaction;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the enclave's {@code dex} app: canned {@code markets}, order checks the real app
 * also makes (EIP-712 signature by the trader, trader = transaction signer), and the requests it
 * saw, by transaction id.
 */
final class FakeDex implements FakeLedger.App {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Eip712Domain DOMAIN =
      new Eip712Domain(31337, address("0xcccccccccccccccccccccccccccccccccccccccc"));

  /** An order of this many base units is refused, as the app refuses an unfunded one. */
  static final long UNFUNDED_QUANTITY = 99_900_000_000L;

  record Seen(Transaction tx, ObjectNode request) {}

  final List<Seen> seen = new CopyOnWriteArrayList<>();

  static EthAddress address(String hex) {
    try {
      return EthAddress.parse(hex);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static ObjectNode markets() {
    ObjectNode n = MAPPER.createObjectNode();
    n.set("domain", OrderJson.domain(DOMAIN));
    n.put("devFaucet", true);
    var markets = n.putArray("markets");
    markets
        .addObject()
        .put("symbol", "ETH-USDC")
        .put("base", "ETH")
        .put("quote", "USDC")
        .put("priceDecimals", 6)
        .put("quantityDecimals", 8)
        .put("tickSize", "0.01");
    markets
        .addObject()
        .put("symbol", "BTC-USDC")
        .put("base", "BTC")
        .put("quote", "USDC")
        .put("priceDecimals", 6)
        .put("quantityDecimals", 8)
        .put("tickSize", "0.1");
    return n;
  }

  List<ObjectNode> requests(String op) {
    return seen.stream().map(Seen::request).filter(r -> op.equals(r.path("op").asText())).toList();
  }

  Seen last(String op) {
    return seen.stream()
        .filter(s -> op.equals(s.request().path("op").asText()))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  @Override
  public JsonNode run(Transaction tx, byte[] input) throws Failure {
    ObjectNode request;
    try {
      request = (ObjectNode) MAPPER.readTree(input);
    } catch (Exception e) {
      throw new Failure(-32022, "APP_REJECTED", "malformed_input: not JSON");
    }
    seen.add(new Seen(tx, request));
    String op = request.path("op").asText();
    if (op.equals("markets")) {
      return markets();
    }
    if (!op.equals("order")) {
      return MAPPER.createObjectNode().put("op", op).set("request", request);
    }
    Order order = OrderJson.parseMessage(request.get("order"));
    Eip712Domain domain = OrderJson.parseDomain(request.get("domain")).orElseThrow();
    byte[] sig = OrderJson.parseSignature(request.get("signature"));
    EthAddress signer;
    try {
      signer =
          EthAddress.fromPublicKey(
              Secp256k1.recoverPublicKey(
                  OrderEncoder.digest(domain, order), EcdsaSignature.fromBytes65(sig)));
    } catch (Exception e) {
      throw new Failure(-32022, "APP_REJECTED", "malformed_signature: " + e.getMessage());
    }
    if (!signer.equals(order.trader()) || !signer.equals(tx.senderAddress())) {
      throw new Failure(-32022, "APP_REJECTED", "signer_mismatch: not the trader's signature");
    }
    if (order.quantity() == UNFUNDED_QUANTITY) {
      throw new Failure(
          -32022, "APP_REJECTED", "insufficient_balance: the available balance does not cover it");
    }
    return MAPPER
        .createObjectNode()
        .put("op", "order")
        .put("orderId", 65537)
        .put("market", order.market())
        .put("status", "open");
  }
}
