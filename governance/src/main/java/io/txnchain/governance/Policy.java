package io.txnchain.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.apps.json.AppJson;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.TeeType;
import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.policy.TeeRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the network admits: the full attestation policy every node's evidence is judged by (at join
 * and continuously), and whether a node whose evidence passes is admitted at once or only after the
 * members voted it in.
 *
 * <p>The older, flat view, {@link #allowSimulated()} and the allowed-measurement list {@link
 * #measurements()}, is read from and edited into the one attestation policy, so that {@code
 * allow_measurement}, {@code revoke_measurement} and {@code set_simulated_policy} keep working.
 *
 * @param autoAdmit admit any node whose evidence passes, without an {@code add_node} vote
 * @param attestation the attestation policy, as the state machine stores it (canonical JSON)
 */
public record Policy(boolean autoAdmit, AttestationPolicy attestation) {

  /** The decoded field that holds the code measurement of each TEE type, and its length. */
  private static final Map<TeeType, String> CODE_FIELD = new EnumMap<>(TeeType.class);

  static {
    CODE_FIELD.put(TeeType.SGX, "mrenclave");
    CODE_FIELD.put(TeeType.SIM, "measurement");
    CODE_FIELD.put(TeeType.SEV_SNP, "measurement");
    CODE_FIELD.put(TeeType.TDX, "mrtd");
  }

  public Policy {
    Objects.requireNonNull(attestation, "attestation");
  }

  /**
   * The policy a flat configuration describes: the default attestation policy (pinned vendor roots,
   * no debug, the usual TCB statuses) with simulated evidence allowed or not and, when {@code
   * measurements} is not empty, only those measurements (32 bytes: SGX MRENCLAVE and sim; 48 bytes:
   * SEV-SNP measurement and TDX MRTD; other types refused).
   */
  public static Policy of(
      boolean allowSimulated, boolean autoAdmit, Collection<String> measurements) {
    return new Policy(
        autoAdmit,
        AttestationPolicy.defaults()
            .withAllowSimulated(allowSimulated)
            .withMeasurementList(measurements));
  }

  /** Whether simulated evidence is accepted (development networks only). */
  public boolean allowSimulated() {
    return attestation.allowSimulated();
  }

  /**
   * The allowed-measurement list: the code measurements that identity rules of the attestation
   * policy allow on their own (an SGX MRENCLAVE, a sim or SEV-SNP measurement, a TDX MRTD), lower
   * case hex. Empty when no such rule exists.
   */
  public SortedSet<String> measurements() {
    TreeSet<String> out = new TreeSet<>();
    attestation
        .rules()
        .forEach(
            (tee, r) -> {
              String field = CODE_FIELD.get(tee);
              for (Map<String, String> rule : r.allow()) {
                if (rule.size() == 1 && rule.containsKey(field)) {
                  out.add(rule.get(field).toLowerCase(Locale.ROOT));
                }
              }
            });
    return out;
  }

  /** Whether any allow rule names {@code measurement} as its code measurement. */
  boolean names(String measurement) {
    for (Map.Entry<TeeType, TeeRules> e : attestation.rules().entrySet()) {
      String field = CODE_FIELD.get(e.getKey());
      for (Map<String, String> rule : e.getValue().allow()) {
        if (measurement.equalsIgnoreCase(rule.get(field))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The checks every evidence format shares ({@code EvidenceVerifiers}): simulated evidence only if
   * allowed. Identities, TCB and debug are judged by verifiers built for {@link #attestation()}.
   */
  public EvidencePolicy evidencePolicy() {
    return new EvidencePolicy(allowSimulated(), Collections.emptySet());
  }

  Policy withSimulated(boolean allow) {
    return new Policy(autoAdmit, attestation.withAllowSimulated(allow));
  }

  Policy withAutoAdmit(boolean enabled) {
    return new Policy(enabled, attestation);
  }

  Policy withAttestation(AttestationPolicy policy) {
    return new Policy(autoAdmit, policy);
  }

  /**
   * Allows code with this measurement on every TEE type whose measurement has its length (and
   * accepts those types again). Listing code means only listed code may run: every type left
   * without any allow rule is refused, as with a non-empty flat list before.
   */
  Policy withMeasurementAllowed(String measurement) {
    int bytes = HexFormat.of().parseHex(measurement).length;
    AttestationPolicy p = attestation;
    for (TeeType tee : TeeType.values()) {
      TeeRules r = p.rulesFor(tee);
      if (fits(tee, bytes)) {
        List<Map<String, String>> allow = new ArrayList<>(r.allow());
        allow.add(Collections.singletonMap(CODE_FIELD.get(tee), measurement));
        p = p.withRules(tee, new TeeRules(true, allow, r.minTcb(), r.require()));
      } else if (r.allow().isEmpty()) {
        p = p.withRules(tee, new TeeRules(false, List.of(), r.minTcb(), r.require()));
      }
    }
    return withAttestation(p);
  }

  /**
   * Takes every allow rule naming this code measurement out. A type whose last rule goes is refused
   * rather than opened to any code: revoking never widens what is accepted.
   */
  Policy withMeasurementRevoked(String measurement) {
    AttestationPolicy p = attestation;
    for (Map.Entry<TeeType, TeeRules> e : attestation.rules().entrySet()) {
      TeeRules r = e.getValue();
      String field = CODE_FIELD.get(e.getKey());
      List<Map<String, String>> allow = new ArrayList<>();
      for (Map<String, String> rule : r.allow()) {
        if (!measurement.equalsIgnoreCase(rule.get(field))) {
          allow.add(rule);
        }
      }
      if (allow.size() != r.allow().size()) {
        boolean accept = r.accept() && !allow.isEmpty();
        p = p.withRules(e.getKey(), new TeeRules(accept, allow, r.minTcb(), r.require()));
      }
    }
    return withAttestation(p);
  }

  private static boolean fits(TeeType tee, int bytes) {
    return (tee == TeeType.SGX || tee == TeeType.SIM) ? bytes == 32 : bytes == 48;
  }

  /** As {@code gov_list} shows it: the flat view first, then the full attestation policy. */
  ObjectNode toJson() {
    ObjectNode n = AppJson.object();
    n.put("allowSimulated", allowSimulated());
    n.put("autoAdmit", autoAdmit);
    ArrayNode a = n.putArray("measurements");
    measurements().forEach(a::add);
    n.set(
        "attestation",
        AppJson.readStored(attestation.toJsonString().getBytes(StandardCharsets.UTF_8)));
    return n;
  }

  /** As the state machine stores it: nothing derived. */
  ObjectNode toStoredJson() {
    ObjectNode n = AppJson.object();
    n.put("autoAdmit", autoAdmit);
    n.set(
        "attestation",
        AppJson.readStored(attestation.toJsonString().getBytes(StandardCharsets.UTF_8)));
    return n;
  }

  /** Reads the stored form, or the flat form ledgers kept before the full policy existed. */
  static Policy fromJson(JsonNode n) {
    if (n.has("attestation")) {
      return new Policy(
          n.get("autoAdmit").asBoolean(),
          AttestationPolicy.fromJson(n.get("attestation").toString()));
    }
    TreeSet<String> m = new TreeSet<>();
    n.get("measurements").forEach(x -> m.add(x.asText()));
    return of(n.get("allowSimulated").asBoolean(), n.get("autoAdmit").asBoolean(), m);
  }
}
