package io.txnchain.node.attest;

import io.txnchain.node.config.NodeConfig;
import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.collateral.CollateralBundle;
import io.txnchain.tee.collateral.CollateralFiles;
import io.txnchain.tee.collateral.fetch.CollateralCache;
import io.txnchain.tee.collateral.fetch.CollateralFetcher;
import io.txnchain.tee.collateral.fetch.FetchingCollateral;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.policy.AttestationVerifier;
import io.txnchain.tee.policy.CollateralSource;
import io.txnchain.tee.policy.HardwareEvidenceVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence verifiers a node applies to other enclaves (joins, continuous compliance), under the
 * attestation policy governance holds: simulated evidence, and SEV-SNP, SGX DCAP and TDX against
 * the pinned vendor roots. Collateral comes from the node's collateral directory (read once, at
 * start; any file kind {@code txnchain attest verify} reads) and, for what it lacks, from AMD's KDS
 * and Intel's PCS when their URLs are configured, cached under {@code DATA_DIR/collateral-cache}
 * until it expires (see docs/attestation.md).
 */
public final class NodeAttestation {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAttestation.class);
  private static final List<String> FORMATS = List.of("sim", "sev-snp", "sgx-dcap", "tdx");

  /** Cached collateral is fetched again this long before it expires. */
  static final Duration REFRESH_AHEAD = Duration.ofHours(24);

  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

  private final AttestationVerifier verifier = AttestationVerifier.pinned();
  private final CollateralSource collateral;
  private volatile Cached cached;

  private record Cached(AttestationPolicy policy, EvidenceVerifiers verifiers) {}

  /** Reads every file in {@code collateralDir} (absent: no collateral); fetches nothing. */
  public NodeAttestation(Path collateralDir) {
    this(collateralDir, collateralDir, "", "");
  }

  /**
   * The directory's collateral, and what it lacks fetched from {@code amdKdsUrl} and {@code
   * intelPcsUrl} (empty: not fetched) into {@code cacheDir}.
   */
  public NodeAttestation(Path collateralDir, Path cacheDir, String amdKdsUrl, String intelPcsUrl) {
    Collateral fixed = load(collateralDir);
    this.collateral =
        amdKdsUrl.isBlank() && intelPcsUrl.isBlank()
            ? (evidence, now) -> CollateralSource.Supplied.of(fixed)
            : new FetchingCollateral(
                fixed,
                amdKdsUrl,
                intelPcsUrl,
                new CollateralFetcher(FETCH_TIMEOUT),
                new CollateralCache(cacheDir),
                REFRESH_AHEAD,
                verifier);
  }

  /**
   * The collateral a receipt carries with this node's own hardware evidence, so that anyone can
   * check it offline later: what the directory and the fetch cache supply for it at {@code now}, as
   * {@link CollateralBundle} items. Empty for simulated evidence, and (with a warning) when there
   * is more than a receipt verifier reads.
   */
  public List<byte[]> collateralToCarry(Evidence evidence, Instant now) {
    if (evidence.format().equals("sim")) {
      return List.of();
    }
    CollateralSource.Supplied supplied = collateral.supply(evidence.data(), now);
    supplied.notes().forEach(n -> LOG.warn("collateral for this node's evidence: {}", n));
    List<byte[]> items = CollateralBundle.encode(supplied.collateral());
    try {
      CollateralBundle.checkLimits(items);
    } catch (IllegalArgumentException tooMuch) {
      LOG.warn(
          "receipts carry no collateral for this node's evidence ({}); keep only this platform's"
              + " files in the collateral directory",
          tooMuch.getMessage());
      return List.of();
    }
    return items;
  }

  /** As a node's configuration sets it up. */
  public static NodeAttestation of(NodeConfig config, Path dataDir) {
    String dir = config.get(NodeConfig.COLLATERAL_DIR);
    return new NodeAttestation(
        dir.isEmpty() ? dataDir.resolve("collateral") : Path.of(dir),
        dataDir.resolve("collateral-cache"),
        config.get(NodeConfig.AMD_KDS_URL),
        config.get(NodeConfig.INTEL_PCS_URL));
  }

  private static Collateral load(Path dir) {
    Collateral all = Collateral.empty();
    if (dir == null || !Files.isDirectory(dir)) {
      return all;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        try {
          all = all.plus(CollateralFiles.read(Files.readAllBytes(f)).collateral());
        } catch (IOException | RuntimeException e) {
          LOG.warn("collateral file {} is not usable: {}", f.getFileName(), e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list the collateral directory {}: {}", dir, e.getMessage());
    }
    return all;
  }

  /**
   * The checks {@link EvidenceVerifiers} applies to every format besides its verifier: simulated
   * evidence only when {@code policy} allows it. Identities, TCB, debug and statuses are judged by
   * the verifiers from {@link #verifiers}.
   */
  public static EvidencePolicy commonChecks(AttestationPolicy policy) {
    return new EvidencePolicy(policy.allowSimulated(), Set.of());
  }

  /** Verifiers for every known format, each judging evidence under the whole of {@code policy}. */
  public EvidenceVerifiers verifiers(AttestationPolicy policy) {
    Cached c = cached;
    if (c != null && c.policy().equals(policy)) {
      return c.verifiers();
    }
    EvidenceVerifiers v = EvidenceVerifiers.builtIn();
    for (String format : FORMATS) {
      v.register(new HardwareEvidenceVerifier(format, verifier, policy, collateral));
    }
    cached = new Cached(policy, v);
    return v;
  }
}
