package io.txnchain.wire.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.wire.block.Event;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.tx.Transaction;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bouncycastle.util.encoders.Hex;

/**
 * The human-readable view of a ledger entry. It is a pure function of the entry, so a verifier can
 * recompute it and refuse a receipt whose view was edited. Sealed payloads appear only as their
 * size.
 */
public final class ReceiptView {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReceiptView() {}

  /** The view of one record. */
  public static ObjectNode describe(TxRecord record) {
    Transaction tx = record.tx();
    ObjectNode n = MAPPER.createObjectNode();
    n.put("txId", tx.id());
    n.put("kind", tx.kind().name().toLowerCase(java.util.Locale.ROOT));
    n.put("chainId", tx.chainId());
    n.put("clientId", tx.clientId());
    n.put("sender", tx.senderAddress().toChecksumHex());
    if (!tx.app().isEmpty()) {
      n.put("app", tx.app());
    }
    if (tx.appMeasurement().length > 0) {
      n.put("appMeasurement", Hex.toHexString(tx.appMeasurement()));
    }
    n.put("sealed", tx.sealed());
    if (tx.sealed()) {
      n.put("payloadBytes", tx.payload().length);
    } else {
      putBytes(n, "payload", tx.payload());
    }
    n.put("status", record.status().name().toLowerCase(java.util.Locale.ROOT));
    if (!record.errorCode().isEmpty()) {
      n.put("errorCode", record.errorCode());
      n.put("errorMessage", record.errorMessage());
    }
    if (record.outputHash().length > 0) {
      n.put("outputSha256", Hex.toHexString(record.outputHash()));
    }
    if (record.outputSealed()) {
      n.put("outputSealedBytes", record.output().length);
    } else if (record.output().length > 0) {
      putBytes(n, "output", record.output());
    }
    if (!record.events().isEmpty()) {
      ArrayNode events = n.putArray("events");
      for (Event e : record.events()) {
        ObjectNode en = events.addObject();
        en.put("app", e.app());
        en.put("type", e.type());
        putBytes(en, "data", e.data());
      }
    }
    return n;
  }

  /** Puts bytes as JSON when they are a JSON document, as text when UTF-8, else as hex. */
  private static void putBytes(ObjectNode n, String field, byte[] bytes) {
    Optional<String> text = utf8(bytes);
    if (text.isPresent()) {
      Optional<JsonNode> json = json(text.get());
      if (json.isPresent()) {
        n.set(field, json.get());
      } else {
        n.put(field + "Text", text.get());
      }
    } else {
      n.put(field + "Hex", Hex.toHexString(bytes));
    }
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static Optional<JsonNode> json(String text) {
    String t = text.strip();
    if (!(t.startsWith("{") && t.endsWith("}")) && !(t.startsWith("[") && t.endsWith("]"))) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readTree(t));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }
}
