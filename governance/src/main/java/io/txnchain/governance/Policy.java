package io.txnchain.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.apps.json.AppJson;
import io.txnchain.tee.evidence.EvidencePolicy;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the network admits: which enclave measurements, whether simulated evidence counts, and
 * whether a node whose evidence passes is admitted at once or only after the members voted it in.
 *
 * @param allowSimulated accept evidence from the software TEE (development networks only)
 * @param autoAdmit admit any node whose evidence passes, without an {@code add_node} vote
 * @param measurements allowed measurements as lower-case hex; empty allows any
 */
public record Policy(boolean allowSimulated, boolean autoAdmit, SortedSet<String> measurements) {

  /** Normalises measurements to lower case and freezes the set. */
  public Policy {
    TreeSet<String> m = new TreeSet<>();
    for (String s : measurements) {
      m.add(s.toLowerCase(Locale.ROOT));
    }
    measurements = Collections.unmodifiableSortedSet(m);
  }

  /** The evidence policy joins are checked against. */
  public EvidencePolicy evidencePolicy() {
    return new EvidencePolicy(allowSimulated, measurements);
  }

  Policy withSimulated(boolean allow) {
    return new Policy(allow, autoAdmit, measurements);
  }

  Policy withAutoAdmit(boolean enabled) {
    return new Policy(allowSimulated, enabled, measurements);
  }

  Policy withMeasurement(String measurement, boolean allowed) {
    TreeSet<String> m = new TreeSet<>(measurements);
    if (allowed) {
      m.add(measurement);
    } else {
      m.remove(measurement);
    }
    return new Policy(allowSimulated, autoAdmit, m);
  }

  ObjectNode toJson() {
    ObjectNode n = AppJson.object();
    n.put("allowSimulated", allowSimulated);
    n.put("autoAdmit", autoAdmit);
    ArrayNode a = n.putArray("measurements");
    measurements.forEach(a::add);
    return n;
  }

  static Policy fromJson(JsonNode n) {
    TreeSet<String> m = new TreeSet<>();
    n.get("measurements").forEach(x -> m.add(x.asText()));
    return new Policy(n.get("allowSimulated").asBoolean(), n.get("autoAdmit").asBoolean(), m);
  }
}
