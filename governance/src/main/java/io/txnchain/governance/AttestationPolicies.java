package io.txnchain.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.apps.json.AppJson;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.tee.evidence.TcbStatus;
import io.txnchain.tee.evidence.TeeType;
import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.policy.TeeRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks an attestation policy proposed to governance. Beyond what {@link
 * AttestationPolicy#fromJson} refuses (malformed JSON, unknown members, statuses, TEE types, fields
 * and TCB components), a network policy must be one that some node could meet: a policy that
 * refuses everything, or whose rules contradict each other, would take every node out of work at
 * once, so it is refused when proposed, with the reason.
 */
final class AttestationPolicies {
  /** Bounds what one proposal adds to the state every node keeps. */
  static final int MAX_BYTES = 64 * 1024;

  private AttestationPolicies() {}

  /** The policy in {@code json}, or the precise reason it cannot govern a network. */
  static AttestationPolicy parse(JsonNode json) throws AppRejectedException {
    if (!json.isObject()) {
      throw AppJson.invalid("field 'policy' must be an attestation policy object");
    }
    String text = json.toString();
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw AppJson.invalid("field 'policy' is larger than " + MAX_BYTES + " bytes");
    }
    AttestationPolicy p;
    try {
      p = AttestationPolicy.fromJson(text);
    } catch (IllegalArgumentException e) {
      throw AppJson.invalid("field 'policy': " + e.getMessage());
    }
    List<String> contradictions = contradictions(p);
    if (!contradictions.isEmpty()) {
      throw AppJson.invalid("field 'policy': " + String.join("; ", contradictions));
    }
    return p;
  }

  /** Why no node could ever pass {@code p}, or parts of it can never be met; empty when sound. */
  static List<String> contradictions(AttestationPolicy p) {
    List<String> out = new ArrayList<>();
    if (p.toJson().has("reportData")) {
      out.add(
          "reportData cannot be fixed in a network policy: each node's evidence binds its own keys"
              + " and a fresh nonce");
    }
    if (p.acceptedTcbStatuses().contains(TcbStatus.REVOKED)) {
      out.add("acceptedTcbStatuses cannot include Revoked: Intel revoked that platform's keys");
    }
    boolean anyAccepted = false;
    for (TeeType tee : TeeType.values()) {
      TeeRules r = p.rulesFor(tee);
      if (!r.accept() || (tee == TeeType.SIM && !p.allowSimulated())) {
        continue;
      }
      if ((tee == TeeType.SGX || tee == TeeType.TDX) && p.acceptedTcbStatuses().isEmpty()) {
        out.add(
            tee.id()
                + " is accepted but acceptedTcbStatuses is empty, so no "
                + tee.id()
                + " evidence could pass (refuse the type with \"accept\": false instead)");
        continue;
      }
      if (tee == TeeType.SEV_SNP
          && !p.allowDebug()
          && "true".equalsIgnoreCase(r.require().get("debugAllowed"))) {
        out.add("sev-snp requires debugAllowed = true but the policy forbids debug");
        continue;
      }
      if (!r.allow().isEmpty() && r.allow().stream().allMatch(rule -> conflicts(rule, r))) {
        out.add(
            "every "
                + tee.id()
                + " allow rule names a value that 'require' forbids, so no "
                + tee.id()
                + " identity could pass");
        continue;
      }
      anyAccepted = true;
    }
    if (!anyAccepted && out.isEmpty()) {
      out.add(
          "the policy accepts no evidence of any TEE type, so no node could join or stay"
              + " compliant");
    }
    return out;
  }

  private static boolean conflicts(Map<String, String> rule, TeeRules r) {
    for (Map.Entry<String, String> e : rule.entrySet()) {
      String required = r.require().get(e.getKey());
      if (required != null && !required.equalsIgnoreCase(e.getValue())) {
        return true;
      }
    }
    return false;
  }
}
