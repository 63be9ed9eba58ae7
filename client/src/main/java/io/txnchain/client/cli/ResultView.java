package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.txnchain.client.sdk.TxResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** How {@code process} and {@code result} show a recorded result, opened when it was sealed. */
final class ResultView {
  private static final String[] FIRST = {"workOrderId", "txId", "node", "status", "result"};

  private ResultView() {}

  /**
   * The node's answer, with an opened sealed result in place of the box: {@code result} holds the
   * plaintext and {@code sealed} stays true.
   */
  static ObjectNode json(TxResult r, byte[] opened) {
    ObjectNode n = r.json().deepCopy();
    if (opened != null) {
      n.remove("sealedResult");
      n.set("result", parse(opened));
    }
    return n;
  }

  /** A result as JSON when it is JSON, else as text. */
  static JsonNode parse(byte[] plaintext) {
    try {
      JsonNode n = Output.MAPPER.readTree(plaintext);
      if (n != null && !n.isMissingNode()) {
        return n;
      }
    } catch (IOException e) {
      // Not JSON: shown as text below.
    }
    return TextNode.valueOf(new String(plaintext, StandardCharsets.UTF_8));
  }

  /** The fields people look for first, then the rest in the node's order. */
  static String text(ObjectNode n) {
    ObjectNode ordered = Output.MAPPER.createObjectNode();
    for (String first : FIRST) {
      if (n.has(first)) {
        ordered.set(first, n.get(first));
      }
    }
    ordered.setAll(n);
    return TxCommand.fields(ordered);
  }
}
