package io.txnchain.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.apps.json.AppJson;
import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * The ledger-secret backup: members register recovery keys, and the network's enclaves record the
 * network keys split among them ({@code threshold} of n, Shamir), each share sealed to one member's
 * key. The share set is public state: only the members' keys open its shares, and only a threshold
 * of them together rebuild the keys ({@code txnchain recover}).
 */
final class Recovery {
  private Recovery() {}

  /** {@code {"op":"set_recovery_key","publicKey":hex}}: a member's own X25519 recovery key. */
  static byte[] setKey(AppContext ctx, GovState.Source src, GovState.Sink sink, ObjectNode in)
      throws AppRejectedException {
    String key = hex(AppJson.requiredString(in, "publicKey"), 32, "publicKey");
    SortedMap<String, String> keys = GovState.recoveryKeys(src);
    keys.put(ctx.caller(), key);
    GovState.putRecoveryKeys(sink, keys);
    ObjectNode event = AppJson.object().put("member", ctx.caller()).put("publicKey", key);
    ctx.emit("recovery.key", AppJson.write(event));
    ObjectNode out = AppJson.object();
    out.put("member", ctx.caller());
    out.put("recoveryKeys", keys.size());
    return AppJson.write(out);
  }

  /**
   * {@code {"op":"recovery_shares","replaces":height,"threshold":k,"networkKey":hex,"shares":
   * [{"member","recoveryKey","index","sealed"}]}}: one share per current member with a recovery
   * key, in address order. {@code replaces} names the recorded set these shares replace (its
   * height, 0 for none): when two nodes issue shares for the same state, the second names a set
   * that is no longer the recorded one and is refused ({@code shares_superseded}) instead of
   * overwriting the first. Entries without it (made before it existed) are not checked.
   */
  static byte[] record(
      AppContext ctx, GovState.Source src, GovState.Sink sink, ObjectNode in, Genesis genesis)
      throws AppRejectedException {
    AppJson.allowOnly(in, "op", "replaces", "threshold", "networkKey", "recipients", "shares");
    JsonNode recorded = GovState.recovery(src);
    long current = recorded == null ? 0 : recorded.get("height").asLong();
    if (in.has("replaces")) {
      JsonNode replaces = in.get("replaces");
      if (!replaces.canConvertToLong() || !replaces.isIntegralNumber()) {
        throw AppJson.invalid("field 'replaces' must be the height of the share set replaced");
      }
      if (replaces.asLong() != current) {
        throw new AppRejectedException(
            GovCodes.SHARES_SUPERSEDED,
            "these shares replace the share set issued at height "
                + replaces.asLong()
                + ", but the recorded one was issued at height "
                + current
                + " (another node issued shares meanwhile)");
      }
    }
    SortedSet<String> members = GovState.members(src, genesis);
    SortedMap<String, String> keys = GovState.recoveryKeys(src);
    keys.keySet().retainAll(members);
    JsonNode shares = AppJson.required(in, "shares");
    if (!shares.isArray() || shares.size() != keys.size() || keys.isEmpty()) {
      throw new AppRejectedException(
          GovCodes.SHARES_MISMATCH,
          "expected one share for each of the " + keys.size() + " members with a recovery key");
    }
    int threshold = AppJson.optionalInt(in, "threshold", 0, 1, keys.size());
    if (threshold != keys.size() / 2 + 1) {
      throw new AppRejectedException(
          GovCodes.SHARES_MISMATCH, "the threshold must be a majority of the share holders");
    }
    ArrayNode stored = AppJson.object().arrayNode();
    int i = 0;
    for (var e : keys.entrySet()) {
      JsonNode s = shares.get(i);
      if (!s.isObject()
          || !e.getKey().equals(s.path("member").asText())
          || !e.getValue().equals(s.path("recoveryKey").asText())
          || s.path("index").asInt() != i + 1) {
        throw new AppRejectedException(
            GovCodes.SHARES_MISMATCH,
            "share " + (i + 1) + " is not for " + e.getKey() + "'s current recovery key");
      }
      ObjectNode o = stored.addObject();
      o.put("member", e.getKey());
      o.put("recoveryKey", e.getValue());
      o.put("index", i + 1);
      o.put("sealed", hex(s.path("sealed").asText(), -1, "sealed"));
      i++;
    }
    ObjectNode set = AppJson.object();
    set.put("threshold", threshold);
    set.put("networkKey", hex(AppJson.requiredString(in, "networkKey"), 32, "networkKey"));
    set.put("height", ctx.blockHeight());
    set.set("shares", stored);
    sink.put(GovState.RECOVERY, AppJson.write(set));
    ObjectNode event = AppJson.object().put("threshold", threshold).put("shares", keys.size());
    event.put("replaces", current);
    ctx.emit("recovery.shares", AppJson.write(event));
    return AppJson.write(event);
  }

  /**
   * Compares the recorded share set with the current members' recovery keys. Reasons come in a
   * fixed order (recorded holders by address, then new holders by address, then the threshold), so
   * that every node words them alike.
   */
  static RecoveryStatus status(GovState.Source src, Genesis genesis) {
    SortedSet<String> members = GovState.members(src, genesis);
    SortedMap<String, String> keys = GovState.recoveryKeys(src);
    keys.keySet().retainAll(members);
    JsonNode set = GovState.recovery(src);
    List<String> reasons = new ArrayList<>();
    if (set == null) {
      if (!keys.isEmpty()) {
        reasons.add(
            "no shares issued yet for the " + keys.size() + " member(s) with a recovery key");
      }
      return new RecoveryStatus(false, 0, 0, 0, keys, reasons);
    }
    SortedMap<String, String> issued = new TreeMap<>();
    for (JsonNode s : set.get("shares")) {
      issued.put(s.get("member").asText(), s.get("recoveryKey").asText());
    }
    for (var e : issued.entrySet()) {
      String held = keys.get(e.getKey());
      if (!members.contains(e.getKey())) {
        reasons.add(e.getKey() + " is no longer a member but holds a share");
      } else if (!e.getValue().equals(held)) {
        reasons.add(e.getKey() + "'s recovery key changed since the shares were issued");
      }
    }
    for (String member : keys.keySet()) {
      if (!issued.containsKey(member)) {
        reasons.add(member + " has a recovery key but no share");
      }
    }
    int threshold = set.get("threshold").asInt();
    int majority = keys.size() / 2 + 1;
    if (keys.isEmpty()) {
      reasons.add("no current member has a recovery key, so no shares can be issued");
    } else if (threshold != majority) {
      reasons.add(
          "the shares need "
              + threshold
              + " holders, but a majority of the "
              + keys.size()
              + " holders is "
              + majority);
    }
    return new RecoveryStatus(
        true, set.get("height").asLong(), threshold, set.get("shares").size(), keys, reasons);
  }

  private static String hex(String s, int bytes, String field) throws AppRejectedException {
    String h = s.toLowerCase(Locale.ROOT);
    boolean ok = h.length() % 2 == 0 && !h.isEmpty() && (bytes < 0 || h.length() == 2 * bytes);
    for (int i = 0; ok && i < h.length(); i++) {
      char c = h.charAt(i);
      ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
    if (!ok) {
      throw AppJson.invalid(
          "field '" + field + "' must be " + (bytes < 0 ? "hex" : bytes + " bytes of hex"));
    }
    return h;
  }
}
