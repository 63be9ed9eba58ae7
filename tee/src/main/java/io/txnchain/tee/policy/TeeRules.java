package io.txnchain.tee.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A policy's rules for one TEE type.
 *
 * @param accept false refuses every piece of evidence of this type
 * @param allow allowed identities: the evidence passes when any one rule matches (an empty list
 *     allows any identity). A rule maps decoded field names to required values: hex or decimal text
 *     compared exactly (case-insensitive), except keys {@code minX}, which require field {@code x}
 *     to be at least the value (for example {@code minIsvSvn}).
 * @param minTcb minimum platform TCB components by name ({@code bootloader}, {@code tee}, {@code
 *     snp}, {@code microcode}, {@code fmc} on SEV-SNP; {@code tcbEvaluationDataNumber}, {@code
 *     pceSvn} on SGX and TDX; {@code tdxModuleSvn} on TDX)
 * @param require decoded fields that must have exactly these values, for example {@code vmpl = 0}
 *     or {@code smtAllowed = false} on SEV-SNP
 */
public record TeeRules(
    boolean accept,
    List<Map<String, String>> allow,
    Map<String, Long> minTcb,
    Map<String, String> require) {

  public TeeRules {
    allow = allow.stream().map(r -> Collections.unmodifiableMap(new TreeMap<>(r))).toList();
    minTcb = Collections.unmodifiableMap(new TreeMap<>(minTcb));
    require = Collections.unmodifiableMap(new TreeMap<>(require));
  }

  /** Accepting rules with these constraints. */
  public TeeRules(
      List<Map<String, String>> allow, Map<String, Long> minTcb, Map<String, String> require) {
    this(true, allow, minTcb, require);
  }

  /** No constraints. */
  public static TeeRules none() {
    return new TeeRules(List.of(), Map.of(), Map.of());
  }

  /** Refuses the type altogether. */
  public static TeeRules refused() {
    return new TeeRules(false, List.of(), Map.of(), Map.of());
  }

  /** These rules with one more allowed identity. */
  public TeeRules allowing(Map<String, String> rule) {
    List<Map<String, String>> more = new java.util.ArrayList<>(allow);
    more.add(rule);
    return new TeeRules(accept, more, minTcb, require);
  }

  /** True when {@code fields} satisfy at least one allow rule, or there are none. */
  boolean allows(Map<String, String> fields) {
    if (allow.isEmpty()) {
      return true;
    }
    for (Map<String, String> rule : allow) {
      if (matches(rule, fields)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(Map<String, String> rule, Map<String, String> fields) {
    for (Map.Entry<String, String> e : rule.entrySet()) {
      String key = e.getKey();
      if (isMinimum(key)) {
        String actual = fields.get(minimumOf(key));
        if (actual == null || !atLeast(actual, e.getValue())) {
          return false;
        }
      } else {
        String actual = fields.get(key);
        if (actual == null || !actual.equalsIgnoreCase(e.getValue())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean atLeast(String actual, String minimum) {
    try {
      return Long.parseLong(actual) >= Long.parseLong(minimum);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static boolean isMinimum(String key) {
    return key.length() > 3 && key.startsWith("min") && Character.isUpperCase(key.charAt(3));
  }

  /** {@code isvSvn} for {@code minIsvSvn}. */
  static String minimumOf(String key) {
    return Character.toLowerCase(key.charAt(3)) + key.substring(4);
  }
}
