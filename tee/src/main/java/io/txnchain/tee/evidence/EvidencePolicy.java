package io.txnchain.tee.evidence;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a verifier accepts. Simulated evidence is refused unless {@code allowSimulated} is set
 * explicitly; an empty measurement set accepts any measurement (the caller then pins it some other
 * way, for example by comparing against the governance list).
 *
 * @param allowSimulated accept evidence from the {@code sim} TEE
 * @param allowedMeasurements hex SHA-256 measurements (either case); empty means any
 */
public record EvidencePolicy(boolean allowSimulated, Set<String> allowedMeasurements) {
  public EvidencePolicy {
    // Measurements are compared as lower-case hex; normalise so that "ABCD..." pins the same code.
    TreeSet<String> normalised = new TreeSet<>();
    for (String m : allowedMeasurements) {
      normalised.add(m.toLowerCase(Locale.ROOT));
    }
    allowedMeasurements = Collections.unmodifiableSet(normalised);
  }

  /** Hardware evidence only, any measurement. */
  public static EvidencePolicy strict() {
    return new EvidencePolicy(false, Set.of());
  }

  /** Also accepts simulated evidence: for development networks only. */
  public static EvidencePolicy allowingSimulated() {
    return new EvidencePolicy(true, Set.of());
  }

  /** The same policy, restricted to the given measurements. */
  public EvidencePolicy withMeasurements(Set<String> measurements) {
    return new EvidencePolicy(allowSimulated, measurements);
  }
}
