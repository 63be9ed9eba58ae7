package io.txnchain.wire.dex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the EIP-712 typed-data JSON (as wallets and web3j take it) for an order. */
final class Web3jTypedData {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Web3jTypedData() {}

  static String json(Eip712Domain domain, Order o) {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode types = root.putObject("types");
    ArrayNode domainType = types.putArray("EIP712Domain");
    field(domainType, "name", "string");
    field(domainType, "version", "string");
    field(domainType, "chainId", "uint256");
    field(domainType, "verifyingContract", "address");
    ArrayNode orderType = types.putArray("Order");
    field(orderType, "trader", "address");
    field(orderType, "market", "string");
    field(orderType, "side", "uint8");
    field(orderType, "orderType", "uint8");
    field(orderType, "price", "uint256");
    field(orderType, "quantity", "uint256");
    field(orderType, "timeInForce", "uint8");
    field(orderType, "postOnly", "bool");
    field(orderType, "selfTradePrevention", "uint8");
    field(orderType, "payAddress", "address");
    field(orderType, "receiveAddress", "address");
    field(orderType, "nonce", "uint256");
    field(orderType, "expiry", "uint64");
    field(orderType, "clientOrderId", "string");
    root.put("primaryType", "Order");
    ObjectNode d = root.putObject("domain");
    d.put("name", Eip712Domain.NAME);
    d.put("version", Eip712Domain.VERSION);
    d.put("chainId", domain.chainId());
    d.put("verifyingContract", domain.verifyingContract().toChecksumHex());
    ObjectNode m = root.putObject("message");
    m.put("trader", o.trader().toChecksumHex());
    m.put("market", o.market());
    m.put("side", o.side().code());
    m.put("orderType", o.orderType().code());
    m.put("price", Long.toString(o.price()));
    m.put("quantity", Long.toString(o.quantity()));
    m.put("timeInForce", o.timeInForce().code());
    m.put("postOnly", o.postOnly());
    m.put("selfTradePrevention", o.selfTradePrevention().code());
    m.put("payAddress", o.payAddress().toChecksumHex());
    m.put("receiveAddress", o.receiveAddress().toChecksumHex());
    m.put("nonce", Long.toString(o.nonce()));
    m.put("expiry", Long.toString(o.expiry()));
    m.put("clientOrderId", o.clientOrderId());
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void field(ArrayNode type, String name, String solidityType) {
    type.addObject().put("name", name).put("type", solidityType);
  }
}
