package io.txnchain.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.apps.json.AppJson;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.tee.policy.AttestationPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A change the members can vote on. {@link #parse} checks the shape when the proposal is made;
 * {@link GovApp} checks against the state of the moment when it is enacted, since other proposals
 * may have passed in between.
 */
sealed interface Action {
  /** The canonical JSON, as stored with the proposal. */
  ObjectNode toJson();

  record AddMember(String address) implements Action {
    public ObjectNode toJson() {
      return typed("add_member").put("address", address);
    }
  }

  record RemoveMember(String address) implements Action {
    public ObjectNode toJson() {
      return typed("remove_member").put("address", address);
    }
  }

  record AllowMeasurement(String measurement) implements Action {
    public ObjectNode toJson() {
      return typed("allow_measurement").put("measurement", measurement);
    }
  }

  record RevokeMeasurement(String measurement) implements Action {
    public ObjectNode toJson() {
      return typed("revoke_measurement").put("measurement", measurement);
    }
  }

  record SetSimulatedPolicy(boolean allow) implements Action {
    public ObjectNode toJson() {
      return typed("set_simulated_policy").put("allow", allow);
    }
  }

  /** Replaces the whole attestation policy; stored in its canonical JSON form. */
  record SetAttestationPolicy(AttestationPolicy policy) implements Action {
    public ObjectNode toJson() {
      ObjectNode n = typed("set_attestation_policy");
      n.set("policy", AppJson.readStored(policy.toJsonString().getBytes(StandardCharsets.UTF_8)));
      return n;
    }
  }

  record SetAutoAdmit(boolean enabled) implements Action {
    public ObjectNode toJson() {
      return typed("set_auto_admit").put("enabled", enabled);
    }
  }

  record AddNode(String nodeId, String identityKey) implements Action {
    public ObjectNode toJson() {
      return typed("add_node").put("nodeId", nodeId).put("identityKey", identityKey);
    }
  }

  record RemoveNode(String identityKey) implements Action {
    public ObjectNode toJson() {
      return typed("remove_node").put("identityKey", identityKey);
    }
  }

  /** Fees of one DEX market; delivered to the DEX as a directive when enacted. */
  record SetFeeSchedule(String market, int makerBps, int takerBps, int makerPerLot, int takerPerLot)
      implements Action {
    public ObjectNode toJson() {
      ObjectNode n = typed("set_fee_schedule").put("market", market);
      return n.put("makerBps", makerBps)
          .put("takerBps", takerBps)
          .put("makerPerLot", makerPerLot)
          .put("takerPerLot", takerPerLot);
    }

    /** The DEX input that carries it out. */
    byte[] dexInput() {
      ObjectNode n = AppJson.object().put("op", "setFees").put("market", market);
      n.put("makerBps", makerBps).put("takerBps", takerBps);
      n.put("makerPerLot", makerPerLot).put("takerPerLot", takerPerLot);
      return AppJson.write(n);
    }
  }

  private static ObjectNode typed(String type) {
    return AppJson.object().put("type", type);
  }

  /** The action a proposal names, with its fields checked. */
  static Action parse(JsonNode node) throws AppRejectedException {
    if (node == null || !node.isObject()) {
      throw AppJson.invalid("field 'action' must be an object with a 'type'");
    }
    ObjectNode a = (ObjectNode) node;
    String type = AppJson.requiredString(a, "type");
    switch (type) {
      case "add_member":
        AppJson.allowOnly(a, "type", "address");
        return new AddMember(address(a));
      case "remove_member":
        AppJson.allowOnly(a, "type", "address");
        return new RemoveMember(address(a));
      case "allow_measurement":
        AppJson.allowOnly(a, "type", "measurement");
        return new AllowMeasurement(measurement(a));
      case "revoke_measurement":
        AppJson.allowOnly(a, "type", "measurement");
        return new RevokeMeasurement(measurement(a));
      case "set_simulated_policy":
        AppJson.allowOnly(a, "type", "allow");
        return new SetSimulatedPolicy(bool(a, "allow"));
      case "set_attestation_policy":
        AppJson.allowOnly(a, "type", "policy");
        return new SetAttestationPolicy(AttestationPolicies.parse(AppJson.required(a, "policy")));
      case "set_auto_admit":
        AppJson.allowOnly(a, "type", "enabled");
        return new SetAutoAdmit(bool(a, "enabled"));
      case "add_node":
        AppJson.allowOnly(a, "type", "nodeId", "identityKey");
        String nodeId = AppJson.requiredString(a, "nodeId");
        if (nodeId.isEmpty() || nodeId.length() > 64) {
          throw AppJson.invalid("field 'nodeId' must be 1 to 64 characters");
        }
        return new AddNode(nodeId, hex32(a, "identityKey"));
      case "remove_node":
        AppJson.allowOnly(a, "type", "identityKey");
        return new RemoveNode(hex32(a, "identityKey"));
      case "set_fee_schedule":
        AppJson.allowOnly(
            a, "type", "market", "makerBps", "takerBps", "makerPerLot", "takerPerLot");
        String market = AppJson.requiredString(a, "market");
        if (market.isEmpty() || market.length() > 40) {
          throw AppJson.invalid("field 'market' must be 1 to 40 characters");
        }
        return new SetFeeSchedule(
            market,
            AppJson.optionalInt(a, "makerBps", 0, 0, 10_000),
            AppJson.optionalInt(a, "takerBps", 0, 0, 10_000),
            AppJson.optionalInt(a, "makerPerLot", 0, 0, Integer.MAX_VALUE),
            AppJson.optionalInt(a, "takerPerLot", 0, 0, Integer.MAX_VALUE));
      default:
        throw new AppRejectedException(
            GovCodes.UNKNOWN_ACTION,
            "unknown action type; expected add_member, remove_member, allow_measurement,"
                + " revoke_measurement, set_simulated_policy, set_attestation_policy,"
                + " set_auto_admit, add_node,"
                + " remove_node or set_fee_schedule");
    }
  }

  private static String address(ObjectNode a) throws AppRejectedException {
    String s = AppJson.requiredString(a, "address");
    try {
      return Genesis.checksummed(s);
    } catch (IllegalArgumentException e) {
      throw AppJson.invalid("field 'address' must be a 0x-prefixed 20-byte hex address");
    }
  }

  /** A code measurement: 32 bytes (SGX MRENCLAVE, sim) or 48 bytes (SEV-SNP, TDX MRTD) of hex. */
  private static String measurement(ObjectNode a) throws AppRejectedException {
    String s = AppJson.requiredString(a, "measurement").toLowerCase(Locale.ROOT);
    if (s.startsWith("0x")) {
      s = s.substring(2);
    }
    if ((s.length() != 64 && s.length() != 96) || !isHex(s)) {
      throw AppJson.invalid(
          "field 'measurement' must be 32 bytes (SGX MRENCLAVE, sim) or 48 bytes (SEV-SNP"
              + " measurement, TDX MRTD) of hex");
    }
    return s;
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static String hex32(ObjectNode a, String field) throws AppRejectedException {
    String s = AppJson.requiredString(a, field).toLowerCase(Locale.ROOT);
    if (s.startsWith("0x")) {
      s = s.substring(2);
    }
    if (s.length() != 64) {
      throw AppJson.invalid("field '" + field + "' must be 32 bytes of hex");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw AppJson.invalid("field '" + field + "' must be 32 bytes of hex");
      }
    }
    return s;
  }

  private static boolean bool(ObjectNode a, String field) throws AppRejectedException {
    JsonNode n = AppJson.required(a, field);
    if (!n.isBoolean()) {
      throw AppJson.invalid("field '" + field + "' must be true or false");
    }
    return n.booleanValue();
  }
}
