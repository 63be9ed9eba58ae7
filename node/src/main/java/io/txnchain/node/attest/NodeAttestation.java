package io.txnchain.node.attest;

import io.txnchain.tee.collateral.Collateral;
import io.txnchain.tee.collateral.CollateralFiles;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import io.txnchain.tee.policy.AttestationPolicy;
import io.txnchain.tee.policy.AttestationVerifier;
import io.txnchain.tee.policy.HardwareEvidenceVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence verifiers a node applies to other enclaves (joins, continuous compliance): the
 * simulated format, and SEV-SNP, SGX DCAP and TDX against the pinned vendor roots with the
 * collateral found in the node's collateral directory (VCEK/VLEK certificates and AMD chains, Intel
 * TCB Info, QE Identity, CRLs and issuer chains; any file kind {@code txnchain attest verify}
 * reads). The governance policy decides the rest: simulated evidence, allowed measurements.
 *
 * <p>Collateral is read once, at start; the node does not fetch it from AMD or Intel (it has no
 * network to them by design), so an operator refreshes the directory and restarts the node.
 */
public final class NodeAttestation {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAttestation.class);
  private static final List<String> HARDWARE_FORMATS = List.of("sev-snp", "sgx-dcap", "tdx");

  private final AttestationVerifier verifier = AttestationVerifier.pinned();
  private final Collateral collateral;
  private volatile Cached cached;

  private record Cached(EvidencePolicy policy, EvidenceVerifiers verifiers) {}

  /** Reads every file in {@code collateralDir} (absent: no collateral). */
  public NodeAttestation(Path collateralDir) {
    this.collateral = load(collateralDir);
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
   * Verifiers for every known format under {@code policy}: hardware evidence must also pass the
   * vendor rules of the default attestation policy (signatures and chains to the pinned roots,
   * validity, no revocation, no debug, an acceptable TCB status) and the policy's measurement list.
   */
  public EvidenceVerifiers verifiers(EvidencePolicy policy) {
    Cached c = cached;
    if (c != null && c.policy().equals(policy)) {
      return c.verifiers();
    }
    AttestationPolicy hardware =
        AttestationPolicy.defaults().withAllowSimulated(policy.allowSimulated());
    if (!policy.allowedMeasurements().isEmpty()) {
      hardware = hardware.withMeasurementList(policy.allowedMeasurements());
    }
    EvidenceVerifiers v = EvidenceVerifiers.builtIn();
    for (String format : HARDWARE_FORMATS) {
      v.register(new HardwareEvidenceVerifier(format, verifier, hardware, data -> collateral));
    }
    cached = new Cached(policy, v);
    return v;
  }
}
