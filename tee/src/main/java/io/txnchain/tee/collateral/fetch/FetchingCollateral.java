package io.txnchain.tee.collateral.fetch;

import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.evidence.EvidenceReport;
import io.txnchain.tee.policy.AttestationVerifier;
import io.txnchain.tee.policy.CollateralSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collateral from a fixed set (the node's collateral directory) and, for what that set lacks, from
 * AMD's KDS and Intel's PCS through a disk cache, fetched when evidence needs it.
 *
 * <ul>
 *   <li>Evidence that verifies with the fixed set alone fetches nothing.
 *   <li>A cached item is used until {@code refreshAhead} before it expires, then fetched again; if
 *       the service does not answer, the cached item is used while it is still valid, and the
 *       reason is reported with the verdict otherwise.
 *   <li>Fetched items are cached only when the evidence verifies with them (integrity, not policy),
 *       so a corrupted or forged response is never kept. They are verified exactly like the fixed
 *       set: fetching never makes evidence more trusted.
 * </ul>
 *
 * Thread-safe.
 */
public final class FetchingCollateral implements CollateralSource {
  private static final System.Logger LOG = System.getLogger(FetchingCollateral.class.getName());

  private final Collateral fixed;
  private final String amdKds;
  private final String intelPcs;
  private final CollateralFetcher fetcher;
  private final CollateralCache cache;
  private final Duration refreshAhead;
  private final AttestationVerifier verifier;

  /**
   * @param fixed collateral always offered (the directory's), first consulted
   * @param amdKds AMD KDS base URL without a trailing slash, empty for none
   * @param intelPcs Intel PCS base URL without a trailing slash, empty for none
   * @param refreshAhead how long before expiry a cached item is fetched again
   */
  public FetchingCollateral(
      Collateral fixed,
      String amdKds,
      String intelPcs,
      CollateralFetcher fetcher,
      CollateralCache cache,
      Duration refreshAhead,
      AttestationVerifier verifier) {
    this.fixed = fixed;
    this.amdKds = trim(amdKds);
    this.intelPcs = trim(intelPcs);
    this.fetcher = fetcher;
    this.cache = cache;
    this.refreshAhead = refreshAhead;
    this.verifier = verifier;
  }

  private static String trim(String url) {
    String u = url == null ? "" : url.strip();
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }

  @Override
  public Supplied supply(byte[] evidence, Instant now) {
    if (intact(evidence, fixed, now)) {
      return Supplied.of(fixed);
    }
    List<CollateralNeed> needs;
    try {
      needs = CollateralNeeds.of(evidence, amdKds, intelPcs);
    } catch (FetchException e) {
      return new Supplied(fixed, List.of(e.getMessage()));
    }
    List<String> notes = new ArrayList<>();
    Map<String, CollateralFetcher.Response> fresh = new LinkedHashMap<>();
    Collateral.Builder found = Collateral.builder();
    for (CollateralNeed need : needs) {
      Collateral c = satisfy(need, now, fresh, notes);
      if (c != null) {
        found.addAll(c);
      }
    }
    // Fetched items come first: the verifiers take the first matching item, and an old copy in
    // the directory must not shadow a current one.
    Collateral all = found.build().plus(fixed);
    if (!fresh.isEmpty()) {
      if (intact(evidence, all, now)) {
        fresh.forEach(this::store);
      } else {
        notes.add(
            "the fetched collateral does not verify this evidence, so it is not cached ("
                + String.join(", ", fresh.keySet())
                + ")");
      }
    }
    return new Supplied(all, notes);
  }

  /** The collateral of the first alternative that can be had, or null with a note why not. */
  private Collateral satisfy(
      CollateralNeed need,
      Instant now,
      Map<String, CollateralFetcher.Response> fresh,
      List<String> notes) {
    List<String> failures = new ArrayList<>();
    for (List<CollateralRequest> alternative : need.alternatives()) {
      Collateral.Builder b = Collateral.builder();
      Map<String, CollateralFetcher.Response> fetched = new LinkedHashMap<>();
      List<String> stale = new ArrayList<>();
      boolean ok = true;
      for (CollateralRequest r : alternative) {
        CollateralCache.Entry cached = cache.get(r.key());
        if (cached != null && now.isBefore(cached.validUntil().minus(refreshAhead))) {
          b.addAll(cached.collateral());
          continue;
        }
        try {
          CollateralFetcher.Response response = fetcher.fetch(r);
          List<byte[]> files = new ArrayList<>();
          files.add(response.body());
          if (response.chain() != null) {
            files.add(response.chain());
          }
          b.addAll(CollateralCache.entry(files).collateral());
          fetched.put(r.key(), response);
        } catch (FetchException | IllegalArgumentException e) {
          String why =
              e instanceof FetchException
                  ? e.getMessage()
                  : "the response for " + r.what() + " is no collateral: " + e.getMessage();
          if (cached != null && now.isBefore(cached.validUntil())) {
            b.addAll(cached.collateral());
            stale.add(why + "; using the cached copy, valid until " + cached.validUntil());
          } else {
            failures.add(
                cached == null
                    ? why
                    : why + " (the cached copy expired " + cached.validUntil() + ")");
            ok = false;
            break;
          }
        }
      }
      if (ok) {
        fresh.putAll(fetched);
        stale.forEach(m -> LOG.log(System.Logger.Level.WARNING, m));
        notes.addAll(stale);
        return b.build();
      }
    }
    notes.add(
        "cannot obtain "
            + need.what()
            + ": "
            + String.join("; ", failures.isEmpty() ? List.of("no source") : failures));
    return null;
  }

  private void store(String key, CollateralFetcher.Response r) {
    try {
      cache.put(key, r.body(), r.chain());
    } catch (IOException | IllegalArgumentException e) {
      LOG.log(
          System.Logger.Level.WARNING, "cannot cache collateral " + key + ": " + e.getMessage());
    }
  }

  private boolean intact(byte[] evidence, Collateral collateral, Instant now) {
    try {
      EvidenceReport r = verifier.inspect(evidence, collateral, now);
      return r.intact();
    } catch (EvidenceException | RuntimeException e) {
      return false;
    }
  }
}
