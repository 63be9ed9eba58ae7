package io.txnchain.tee.policy;

import io.txnchain.tee.collateral.Collateral;
import java.time.Instant;
import java.util.List;

/**
 * Supplies the collateral to verify one piece of evidence with, for example from a directory and a
 * cache of what was fetched from AMD or Intel. What it supplies is never trusted: the verifiers
 * check every item against the pinned vendor roots, whatever its source.
 */
@FunctionalInterface
public interface CollateralSource {
  /** The collateral for {@code evidence} at {@code now}; never throws. */
  Supplied supply(byte[] evidence, Instant now);

  /**
   * Collateral and notes on what could not be supplied (a service that did not answer, an expired
   * cache), which a rejection reports next to the verifier's reasons.
   */
  record Supplied(Collateral collateral, List<String> notes) {
    public Supplied {
      notes = List.copyOf(notes);
    }

    public static Supplied of(Collateral collateral) {
      return new Supplied(collateral, List.of());
    }
  }
}
