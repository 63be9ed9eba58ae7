package io.txnchain.dex.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.EthAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A batch as JSON, the form the enclave returns to the bridge: {@code
 * {"batchId","tradesHash","deltas":[{"account","token","amount"}],
 * "withdrawals":[{"withdrawalId","account","token","amount"}]}}, amounts as decimal strings of
 * smallest units.
 */
public final class BatchJson {
  private BatchJson() {}

  /** The JSON of {@code b}. */
  public static ObjectNode write(Batch b) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("batchId", b.batchId());
    n.put("tradesHash", "0x" + HexFormat.of().formatHex(b.tradesHash()));
    var deltas = n.putArray("deltas");
    for (Delta d : b.deltas()) {
      ObjectNode x = deltas.addObject();
      x.put("account", d.account().toChecksumHex());
      x.put("token", d.token().toChecksumHex());
      x.put("amount", Long.toString(d.amount()));
    }
    var withdrawals = n.putArray("withdrawals");
    for (Withdrawal w : b.withdrawals()) {
      ObjectNode x = withdrawals.addObject();
      x.put("withdrawalId", w.withdrawalId());
      x.put("account", w.account().toChecksumHex());
      x.put("token", w.token().toChecksumHex());
      x.put("amount", Long.toString(w.amount()));
    }
    return n;
  }

  /** The batch in {@code n}; throws {@link IllegalArgumentException} when malformed. */
  public static Batch read(JsonNode n) {
    try {
      List<Delta> deltas = new ArrayList<>();
      for (JsonNode x : n.get("deltas")) {
        deltas.add(
            new Delta(
                EthAddress.parse(x.get("account").asText()),
                EthAddress.parse(x.get("token").asText()),
                Long.parseLong(x.get("amount").asText())));
      }
      List<Withdrawal> withdrawals = new ArrayList<>();
      for (JsonNode x : n.get("withdrawals")) {
        withdrawals.add(
            new Withdrawal(
                x.get("withdrawalId").asLong(),
                EthAddress.parse(x.get("account").asText()),
                EthAddress.parse(x.get("token").asText()),
                Long.parseLong(x.get("amount").asText())));
      }
      return new Batch(
          n.get("batchId").asLong(),
          HexFormat.of().parseHex(n.get("tradesHash").asText().substring(2)),
          deltas,
          withdrawals);
    } catch (CryptoException | RuntimeException e) {
      throw new IllegalArgumentException("malformed batch: " + e.getMessage(), e);
    }
  }
}
