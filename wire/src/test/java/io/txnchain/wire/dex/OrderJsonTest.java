package io.txnchain.wire.dex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class OrderJsonTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void messagesRoundTripAndMatchTheTypedDataWalletsSign() throws Exception {
    for (Order o : OrderVectors.all()) {
      ObjectNode m = OrderJson.message(o);
      assertThat(OrderJson.parseMessage(MAPPER.readTree(m.toString()))).isEqualTo(o);
      assertThat(m)
          .isEqualTo(
              MAPPER.readTree(Web3jTypedData.json(OrderVectors.domain(), o)).path("message"));
    }
    // As text: the parser reads 31337 as an int node, the writer holds a long.
    assertThat(OrderJson.domain(OrderVectors.domain()).toString())
        .isEqualTo(
            MAPPER
                .readTree(Web3jTypedData.json(OrderVectors.domain(), OrderVectors.limitBuy()))
                .path("domain")
                .toString());
  }

  @Test
  void unsignedIntegersMayBeJsonIntegersOrDigitStrings() {
    ObjectNode m = OrderJson.message(OrderVectors.limitBuy());
    m.put("price", 2_000_500_000L).put("side", "0");
    assertThat(OrderJson.parseMessage(m)).isEqualTo(OrderVectors.limitBuy());
  }

  private static void refused(ObjectNode m, String field) {
    assertThatThrownBy(() -> OrderJson.parseMessage(m))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field);
  }

  @Test
  void readingIsStrict() {
    refused(OrderJson.message(OrderVectors.limitBuy()).put("extra", 1), "order.extra");
    ObjectNode missing = OrderJson.message(OrderVectors.limitBuy());
    missing.remove("expiry");
    refused(missing, "order.expiry");
    refused(OrderJson.message(OrderVectors.limitBuy()).put("side", 2), "'side'");
    refused(OrderJson.message(OrderVectors.limitBuy()).put("orderType", 256), "'orderType'");
    refused(OrderJson.message(OrderVectors.limitBuy()).put("timeInForce", 3), "'timeInForce'");
    refused(
        OrderJson.message(OrderVectors.limitBuy()).put("selfTradePrevention", -1),
        "'selfTradePrevention'");
    refused(OrderJson.message(OrderVectors.limitBuy()).put("price", -1), "'price'");
    refused(OrderJson.message(OrderVectors.limitBuy()).put("price", "1.5"), "'price'");
    refused(OrderJson.message(OrderVectors.limitBuy()).put("price", "+1"), "'price'");
    refused(
        OrderJson.message(OrderVectors.limitBuy()).put("nonce", "9223372036854775808"), "'nonce'");
    refused(OrderJson.message(OrderVectors.limitBuy()).put("postOnly", "false"), "'postOnly'");
    refused(OrderJson.message(OrderVectors.limitBuy()).put("market", 1), "'market'");
    refused(
        OrderJson.message(OrderVectors.limitBuy()).put("clientOrderId", "a\uD800b"),
        "'clientOrderId'");
    refused(
        OrderJson.message(OrderVectors.limitBuy())
            .put("trader", "0x2C7536E3605D9C16a7a3D7b1898e529396a65c23"),
        "'trader'");
    assertThatThrownBy(() -> OrderJson.parseMessage(MAPPER.createArrayNode()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void messagesNeverQuoteValues() {
    ObjectNode m = OrderJson.message(OrderVectors.limitBuy()).put("price", "12345x");
    assertThatThrownBy(() -> OrderJson.parseMessage(m)).hasMessageNotContaining("12345x");
  }

  @Test
  void domainsOtherThanPixieDexV1AreRecognisedAsForeign() {
    ObjectNode d = OrderJson.domain(OrderVectors.domain());
    assertThat(OrderJson.parseDomain(d)).contains(OrderVectors.domain());
    assertThat(OrderJson.parseDomain(d.deepCopy().put("version", "2"))).isEmpty();
    assertThat(OrderJson.parseDomain(d.deepCopy().put("name", "Other"))).isEmpty();
    assertThatThrownBy(() -> OrderJson.parseDomain(d.deepCopy().put("salt", "0x")))
        .hasMessageContaining("domain.salt");
  }

  @Test
  void signaturesAreZeroXHex() {
    byte[] sig = {1, 2, (byte) 0xff};
    assertThat(OrderJson.signature(sig)).isEqualTo("0x0102ff");
    assertThat(OrderJson.parseSignature(MAPPER.getNodeFactory().textNode("0x0102FF")))
        .isEqualTo(sig);
    for (String bad : new String[] {"0102ff", "0x012", "0xgg"}) {
      assertThatThrownBy(() -> OrderJson.parseSignature(MAPPER.getNodeFactory().textNode(bad)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> OrderJson.parseSignature(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
