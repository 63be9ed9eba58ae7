package io.txnchain.tee.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.tee.evidence.EvidenceReport;
import io.txnchain.tee.evidence.TcbStatus;
import io.txnchain.tee.evidence.TeeType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One attestation policy for every TEE type: which identities (measurements) are allowed per type,
 * the minimum platform TCB, the accepted Intel TCB statuses, whether debug-mode and simulated
 * evidence are acceptable, and the report data the evidence must carry. Immutable; its JSON form
 * ({@link #toJson()}, {@link #fromJson(String)}) is canonical, so that governance can store and
 * hash it and every node reads the same policy.
 *
 * <p>Invariant: evidence with any integrity problem (signature, chain, validity, revocation,
 * collateral) is rejected whatever the policy says; a policy can only narrow what is accepted.
 */
public final class AttestationPolicy {
  /** The statuses the default policy accepts. */
  public static final Set<TcbStatus> DEFAULT_STATUSES =
      Collections.unmodifiableSet(
          EnumSet.of(
              TcbStatus.UP_TO_DATE,
              TcbStatus.SW_HARDENING_NEEDED,
              TcbStatus.CONFIGURATION_NEEDED,
              TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED));

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Map<TeeType, Set<String>> TCB_COMPONENTS =
      Map.of(
          TeeType.SEV_SNP, Set.of("fmc", "bootloader", "tee", "snp", "microcode"),
          TeeType.SGX, Set.of("tcbEvaluationDataNumber", "pceSvn"),
          TeeType.TDX, Set.of("tcbEvaluationDataNumber", "pceSvn", "tdxModuleSvn"),
          TeeType.SIM, Set.of());

  /** The decoded field names of each type, which allow rules and requirements may name. */
  static final Map<TeeType, Set<String>> FIELDS =
      Map.of(
          TeeType.SEV_SNP,
          Set.of(
              "version",
              "product",
              "guestSvn",
              "policy",
              "debugAllowed",
              "smtAllowed",
              "migrationAgentAllowed",
              "vmpl",
              "signingKey",
              "measurement",
              "hostData",
              "idKeyDigest",
              "authorKeyDigest",
              "familyId",
              "imageId",
              "reportId",
              "chipId",
              "reportedTcb",
              "currentTcb",
              "committedTcb",
              "launchTcb",
              "firmware",
              "cpuid"),
          TeeType.SGX,
          Set.of(
              "quoteVersion",
              "qeSvn",
              "pceSvn",
              "mrenclave",
              "mrsigner",
              "isvProdId",
              "isvSvn",
              "attributes",
              "miscselect",
              "cpuSvn",
              "reportData",
              "fmspc",
              "pceId",
              "pckPceSvn",
              "pckCpuSvn",
              "qeMrsigner",
              "qeIsvProdId",
              "qeIsvSvn"),
          TeeType.TDX,
          Set.of(
              "quoteVersion",
              "qeSvn",
              "pceSvn",
              "mrtd",
              "rtmr0",
              "rtmr1",
              "rtmr2",
              "rtmr3",
              "mrconfigid",
              "mrowner",
              "mrownerconfig",
              "mrseam",
              "mrsignerseam",
              "seamAttributes",
              "tdAttributes",
              "xfam",
              "teeTcbSvn",
              "teeTcbSvn2",
              "reportData",
              "fmspc",
              "pceId",
              "pckPceSvn",
              "pckCpuSvn",
              "qeMrsigner",
              "qeIsvProdId",
              "qeIsvSvn"),
          TeeType.SIM,
          Set.of("measurement", "platformKey"));

  private final boolean allowSimulated;
  private final boolean allowDebug;
  private final Set<TcbStatus> acceptedTcbStatuses;
  private final byte[] reportData;
  private final Map<TeeType, TeeRules> rules;

  /**
   * @param allowSimulated accept {@code sim} evidence (development networks only)
   * @param allowDebug accept TEEs whose memory a debugger can read
   * @param acceptedTcbStatuses Intel TCB statuses accepted for SGX and TDX
   * @param reportData report data the evidence must carry when the caller gives none, or null
   * @param rules per-type rules; a type without an entry has no further constraints
   */
  public AttestationPolicy(
      boolean allowSimulated,
      boolean allowDebug,
      Set<TcbStatus> acceptedTcbStatuses,
      byte[] reportData,
      Map<TeeType, TeeRules> rules) {
    this.allowSimulated = allowSimulated;
    this.allowDebug = allowDebug;
    this.acceptedTcbStatuses =
        Collections.unmodifiableSet(
            acceptedTcbStatuses.isEmpty()
                ? EnumSet.noneOf(TcbStatus.class)
                : EnumSet.copyOf(acceptedTcbStatuses));
    this.reportData = reportData == null ? null : reportData.clone();
    EnumMap<TeeType, TeeRules> copy = new EnumMap<>(TeeType.class);
    copy.putAll(rules);
    copy.forEach(AttestationPolicy::checkTcbNames);
    this.rules = Collections.unmodifiableMap(copy);
  }

  /**
   * The default: any measurement; valid signatures and chains to the pinned roots, everything
   * current, nothing revoked, no debug, no simulation, and a TCB status of UpToDate,
   * SWHardeningNeeded, ConfigurationNeeded or ConfigurationAndSWHardeningNeeded.
   */
  public static AttestationPolicy defaults() {
    return new AttestationPolicy(false, false, DEFAULT_STATUSES, null, Map.of());
  }

  public boolean allowSimulated() {
    return allowSimulated;
  }

  public boolean allowDebug() {
    return allowDebug;
  }

  public Set<TcbStatus> acceptedTcbStatuses() {
    return acceptedTcbStatuses;
  }

  /** The per-type rules (no entry: no constraints beyond the global ones). */
  public Map<TeeType, TeeRules> rules() {
    return rules;
  }

  /** The rules for {@code tee}, empty when the policy has none. */
  public TeeRules rulesFor(TeeType tee) {
    return rules.getOrDefault(tee, TeeRules.none());
  }

  /** The same policy with simulated evidence allowed or not. */
  public AttestationPolicy withAllowSimulated(boolean allow) {
    return new AttestationPolicy(allow, allowDebug, acceptedTcbStatuses, reportData, rules);
  }

  /** The same policy with debug-mode TEEs allowed or not. */
  public AttestationPolicy withAllowDebug(boolean allow) {
    return new AttestationPolicy(allowSimulated, allow, acceptedTcbStatuses, reportData, rules);
  }

  /** The same policy with these rules for {@code tee}. */
  public AttestationPolicy withRules(TeeType tee, TeeRules teeRules) {
    Map<TeeType, TeeRules> copy = new EnumMap<>(TeeType.class);
    copy.putAll(rules);
    copy.put(tee, teeRules);
    return new AttestationPolicy(allowSimulated, allowDebug, acceptedTcbStatuses, reportData, copy);
  }

  /**
   * The same policy, also allowing one identity of {@code tee}, for example {@code
   * Map.of("mrenclave", hex)} or {@code Map.of("measurement", hex)}.
   */
  public AttestationPolicy allowing(TeeType tee, Map<String, String> identity) {
    return withRules(tee, rulesFor(tee).allowing(identity));
  }

  /**
   * The same policy restricted to a flat list of code measurements, as governance keeps one: each
   * is allowed wherever its length fits (32 bytes: an SGX MRENCLAVE or a sim measurement; 48 bytes:
   * an SEV-SNP measurement or a TDX MRTD), and a type with no measurement in the list is refused.
   * An empty list leaves the policy unchanged (any measurement).
   *
   * @throws IllegalArgumentException when an entry is not 32 or 48 bytes of hex
   */
  public AttestationPolicy withMeasurementList(java.util.Collection<String> measurements) {
    if (measurements.isEmpty()) {
      return this;
    }
    Map<TeeType, List<Map<String, String>>> allowed = new EnumMap<>(TeeType.class);
    for (String m : measurements) {
      String h = (m.startsWith("0x") ? m.substring(2) : m).toLowerCase(java.util.Locale.ROOT);
      int bytes;
      try {
        bytes = HexFormat.of().parseHex(h).length;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a measurement must be hex, got '" + m + "'");
      }
      switch (bytes) {
        case 32 -> {
          allowed.computeIfAbsent(TeeType.SGX, t -> new ArrayList<>()).add(Map.of("mrenclave", h));
          allowed
              .computeIfAbsent(TeeType.SIM, t -> new ArrayList<>())
              .add(Map.of("measurement", h));
        }
        case 48 -> {
          allowed
              .computeIfAbsent(TeeType.SEV_SNP, t -> new ArrayList<>())
              .add(Map.of("measurement", h));
          allowed.computeIfAbsent(TeeType.TDX, t -> new ArrayList<>()).add(Map.of("mrtd", h));
        }
        default ->
            throw new IllegalArgumentException(
                "a measurement is 32 bytes (SGX, sim) or 48 bytes (SEV-SNP, TDX), got " + bytes);
      }
    }
    AttestationPolicy out = this;
    for (TeeType tee : TeeType.values()) {
      TeeRules r = rulesFor(tee);
      List<Map<String, String>> list = allowed.get(tee);
      out =
          out.withRules(
              tee,
              list == null
                  ? TeeRules.refused()
                  : new TeeRules(r.accept(), list, r.minTcb(), r.require()));
    }
    return out;
  }

  /**
   * Judges inspected evidence. The reasons are the evidence's integrity problems followed by each
   * policy failure.
   *
   * @param expectedReportData the binding the evidence must carry (for example the hash of the
   *     enclave key and a nonce), or null to use the policy's own, if any. A shorter binding must
   *     be followed by zero bytes in the evidence's report data.
   */
  public Verdict evaluate(EvidenceReport evidence, byte[] expectedReportData) {
    List<String> reasons = new ArrayList<>(evidence.problems());
    TeeType tee = evidence.tee();
    if (tee == TeeType.SIM && !allowSimulated) {
      reasons.add(
          "evidence is SIMULATED: no hardware protects this enclave; it is accepted only when"
              + " simulated evidence is explicitly allowed");
    }
    if (evidence.debug() && !allowDebug) {
      reasons.add("the " + tee.id() + " TEE runs in debug mode and the policy forbids debug");
    }
    if ((tee == TeeType.SGX || tee == TeeType.TDX)
        && evidence.tcbStatus() != null
        && !acceptedTcbStatuses.contains(evidence.tcbStatus())) {
      reasons.add(
          "TCB status "
              + evidence.tcbStatus().id()
              + " is not accepted (accepted: "
              + acceptedTcbStatuses.stream().map(TcbStatus::id).toList()
              + ")");
    }
    TeeRules r = rulesFor(tee);
    if (!r.accept()) {
      reasons.add(tee.id() + " evidence is not accepted by the policy");
    } else if (!r.allows(evidence.fields())) {
      reasons.add(
          "the "
              + tee.id()
              + " identity (measurement "
              + HexFormat.of().formatHex(evidence.measurement())
              + ") is not allowed by the policy");
    }
    r.minTcb()
        .forEach(
            (name, min) -> {
              Long actual = evidence.tcb().get(name);
              if (actual == null || actual < min) {
                reasons.add(
                    "TCB component " + name + " is " + actual + ", below the minimum " + min);
              }
            });
    r.require()
        .forEach(
            (name, want) -> {
              String actual = evidence.fields().get(name);
              if (actual == null || !actual.equalsIgnoreCase(want)) {
                reasons.add(name + " is " + actual + " but the policy requires " + want);
              }
            });
    byte[] binding = expectedReportData != null ? expectedReportData : reportData;
    if (binding != null && !bindingMatches(evidence.reportData(), binding)) {
      reasons.add(
          "the report data does not carry the expected binding (the evidence belongs to another"
              + " key or nonce)");
    }
    return Verdict.of(evidence, reasons);
  }

  /** Report data equals the binding, or starts with it and continues with zero bytes only. */
  static boolean bindingMatches(byte[] reportData, byte[] binding) {
    if (binding.length > reportData.length) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < reportData.length; i++) {
      diff |= reportData[i] ^ (i < binding.length ? binding[i] : 0);
    }
    return diff == 0;
  }

  private static void checkTcbNames(TeeType tee, TeeRules r) {
    for (String name : r.minTcb().keySet()) {
      if (!TCB_COMPONENTS.get(tee).contains(name)) {
        throw new IllegalArgumentException(
            "unknown "
                + tee.id()
                + " TCB component '"
                + name
                + "' (known: "
                + new TreeSet<>(TCB_COMPONENTS.get(tee))
                + ")");
      }
    }
    for (String name : r.require().keySet()) {
      knownField(tee, name);
    }
    for (Map<String, String> rule : r.allow()) {
      for (Map.Entry<String, String> e : rule.entrySet()) {
        knownField(
            tee, TeeRules.isMinimum(e.getKey()) ? TeeRules.minimumOf(e.getKey()) : e.getKey());
        if (TeeRules.isMinimum(e.getKey())) {
          try {
            Long.parseLong(e.getValue());
          } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(
                e.getKey() + " must be a decimal number, got '" + e.getValue() + "'");
          }
        }
      }
    }
  }

  private static void knownField(TeeType tee, String name) {
    if (!FIELDS.get(tee).contains(name)) {
      throw new IllegalArgumentException(
          "unknown "
              + tee.id()
              + " field '"
              + name
              + "' (known: "
              + new TreeSet<>(FIELDS.get(tee))
              + ")");
    }
  }

  /** The canonical JSON form: fixed member order, sorted maps, values as given (no 0x). */
  public ObjectNode toJson() {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("allowSimulated", allowSimulated);
    n.put("allowDebug", allowDebug);
    ArrayNode statuses = n.putArray("acceptedTcbStatuses");
    acceptedTcbStatuses.forEach(s -> statuses.add(s.id()));
    if (reportData != null) {
      n.put("reportData", HexFormat.of().formatHex(reportData));
    }
    ObjectNode tees = n.putObject("tee");
    rules.forEach(
        (tee, r) -> {
          ObjectNode t = tees.putObject(tee.id());
          t.put("accept", r.accept());
          ArrayNode allow = t.putArray("allow");
          r.allow().forEach(rule -> rule.forEach(allow.addObject()::put));
          ObjectNode min = t.putObject("minTcb");
          r.minTcb().forEach(min::put);
          ObjectNode req = t.putObject("require");
          r.require().forEach(req::put);
        });
    return n;
  }

  /** The canonical JSON text. */
  public String toJsonString() {
    try {
      return MAPPER.writeValueAsString(toJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /**
   * Reads a policy. Members left out take the default's values; unknown members are refused so that
   * a misspelt constraint is never silently ignored.
   *
   * @throws IllegalArgumentException with the reason when the JSON is not a valid policy
   */
  public static AttestationPolicy fromJson(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the policy is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the policy must be a JSON object");
    }
    onlyKnown(
        root, "policy", "allowSimulated", "allowDebug", "acceptedTcbStatuses", "reportData", "tee");
    boolean sim = bool(root, "allowSimulated");
    boolean debug = bool(root, "allowDebug");
    Set<TcbStatus> statuses = EnumSet.noneOf(TcbStatus.class);
    if (root.has("acceptedTcbStatuses")) {
      for (JsonNode s : array(root, "acceptedTcbStatuses")) {
        statuses.add(TcbStatus.fromId(s.asText()));
      }
    } else {
      statuses.addAll(DEFAULT_STATUSES);
    }
    byte[] reportData = null;
    if (root.hasNonNull("reportData")) {
      reportData = hex(root.get("reportData").asText(), "reportData");
      if (reportData.length > 64) {
        throw new IllegalArgumentException("reportData is at most 64 bytes");
      }
    }
    Map<TeeType, TeeRules> rules = new EnumMap<>(TeeType.class);
    JsonNode tees = root.path("tee");
    if (!tees.isMissingNode() && !tees.isObject()) {
      throw new IllegalArgumentException("'tee' must be an object keyed by TEE type");
    }
    Iterator<Map.Entry<String, JsonNode>> it = tees.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      TeeType tee = TeeType.fromId(e.getKey());
      rules.put(tee, teeRules(tee, e.getValue()));
    }
    return new AttestationPolicy(sim, debug, statuses, reportData, rules);
  }

  private static TeeRules teeRules(TeeType tee, JsonNode n) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("rules for " + tee.id() + " must be an object");
    }
    onlyKnown(n, tee.id(), "accept", "allow", "minTcb", "require");
    boolean accept = !n.has("accept") || bool(n, "accept");
    List<Map<String, String>> allow = new ArrayList<>();
    if (n.has("allow")) {
      for (JsonNode rule : array(n, "allow")) {
        if (!rule.isObject() || rule.isEmpty()) {
          throw new IllegalArgumentException(
              "each " + tee.id() + " allow rule must be a non-empty object");
        }
        allow.add(stringMap(rule));
      }
    }
    Map<String, Long> min = new LinkedHashMap<>();
    JsonNode minNode = n.path("minTcb");
    minNode
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().canConvertToLong() || e.getValue().asLong() < 0) {
                throw new IllegalArgumentException(
                    "minTcb." + e.getKey() + " must be a non-negative integer");
              }
              min.put(e.getKey(), e.getValue().asLong());
            });
    Map<String, String> require = n.has("require") ? stringMap(n.get("require")) : Map.of();
    return new TeeRules(accept, allow, min, require);
  }

  private static Map<String, String> stringMap(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    n.fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              if (!v.isValueNode() || v.isNull()) {
                throw new IllegalArgumentException(
                    "'" + e.getKey() + "' must be a string, number or boolean");
              }
              String text = v.asText();
              out.put(e.getKey(), text.startsWith("0x") ? text.substring(2) : text);
            });
    return out;
  }

  private static void onlyKnown(JsonNode n, String where, String... known) {
    List<String> names = Arrays.asList(known);
    n.fieldNames()
        .forEachRemaining(
            f -> {
              if (!names.contains(f)) {
                throw new IllegalArgumentException(
                    "unknown member '" + f + "' in " + where + " (known: " + names + ")");
              }
            });
  }

  private static boolean bool(JsonNode n, String name) {
    JsonNode v = n.path(name);
    if (v.isMissingNode()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(name + " must be true or false");
    }
    return v.booleanValue();
  }

  private static JsonNode array(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (!v.isArray()) {
      throw new IllegalArgumentException(name + " must be an array");
    }
    return v;
  }

  private static byte[] hex(String s, String name) {
    try {
      return HexFormat.of().parseHex(s.startsWith("0x") ? s.substring(2) : s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be hex");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttestationPolicy p && toJsonString().equals(p.toJsonString());
  }

  @Override
  public int hashCode() {
    return toJsonString().hashCode();
  }

  @Override
  public String toString() {
    return toJsonString();
  }
}
