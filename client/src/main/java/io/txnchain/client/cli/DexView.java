package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How the {@code dex} commands print the app's answers: JSON with the work-order id, or text. */
final class DexView {
  private DexView() {}

  /** The app's answer with {@code txId} (the work order, for {@code receipt}) in front. */
  static ObjectNode json(DexSession.Reply reply) {
    ObjectNode n = Output.MAPPER.createObjectNode();
    n.put("txId", reply.tx().id());
    if (reply.result().isObject()) {
      n.setAll((ObjectNode) reply.result());
    } else {
      n.set("result", reply.result());
    }
    return n;
  }

  /** Every field, nested values as compact JSON. */
  static String fields(JsonNode n) {
    return TxCommand.fields(n);
  }

  /** Bids and asks side by side, best first. */
  static String book(JsonNode n) {
    TextTable t = new TextTable().row("bid qty", "bid", "ask", "ask qty");
    JsonNode bids = n.path("bids");
    JsonNode asks = n.path("asks");
    for (int i = 0; i < Math.max(bids.size(), asks.size()); i++) {
      t.row(
          bids.path(i).path("quantity").asText(""),
          bids.path(i).path("price").asText(""),
          asks.path(i).path("price").asText(""),
          asks.path(i).path("quantity").asText(""));
    }
    return n.path("market").asText()
        + " (sequence "
        + n.path("sequence").asLong()
        + ")\n"
        + t.render();
  }

  /** One row per element of {@code n.path(list)}, with the given columns. */
  static String table(JsonNode n, String list, String... columns) {
    TextTable t = new TextTable().row((Object[]) columns);
    for (JsonNode item : n.path(list)) {
      Object[] row = new Object[columns.length];
      for (int i = 0; i < columns.length; i++) {
        row[i] = Output.compact(item.path(columns[i]));
      }
      t.row(row);
    }
    return t.render();
  }
}
