package io.txnchain.node.attest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.governance.Policy;
import io.txnchain.tee.collateral.CollateralBundle;
import io.txnchain.tee.collateral.CollateralFiles;
import io.txnchain.tee.evidence.Evidence;
import io.txnchain.tee.evidence.EvidenceException;
import io.txnchain.tee.policy.AttestationPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The ledger's evidence check on genuine SGX evidence, with nothing but the collateral a record
 * carries. The sample quote's report data is "Hello, world!", so it binds that here and the check
 * can accept it.
 */
class LedgerEvidenceCheckTest {
  private static final Path SAMPLES =
      Path.of("..", "tee", "src", "test", "resources", "attestation");
  private static final long PINNED = Instant.parse("2025-07-01T00:00:00Z").toEpochMilli();
  private static final byte[] HELLO =
      Arrays.copyOf("Hello, world!".getBytes(StandardCharsets.US_ASCII), 32);

  private final AtomicReference<Policy> policy =
      new AtomicReference<>(Policy.of(false, true, List.of()));
  private final LedgerEvidenceCheck check = new LedgerEvidenceCheck(policy::get);

  private static Evidence quote() throws Exception {
    return new Evidence("sgx-dcap", Files.readAllBytes(SAMPLES.resolve("dcap-qvl/sgx_quote")));
  }

  private static List<byte[]> collateral() throws Exception {
    return CollateralBundle.encode(
        CollateralFiles.read(
                Files.readAllBytes(SAMPLES.resolve("dcap-qvl/sgx_quote_collateral.json")))
            .collateral());
  }

  @Test
  void acceptsGenuineEvidenceWithTheCollateralItCarriesAtTheBlocksTime() throws Exception {
    assertThatCode(() -> check.verify(quote(), collateral(), HELLO, PINNED))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesWithoutCollateralAfterItExpiredUnderAStricterPolicyOrBoundToAnotherKey()
      throws Exception {
    assertThatThrownBy(() -> check.verify(quote(), List.of(), HELLO, PINNED))
        .isInstanceOf(EvidenceException.class);
    long expired = Instant.parse("2025-08-01T00:00:00Z").toEpochMilli();
    assertThatThrownBy(() -> check.verify(quote(), collateral(), HELLO, expired))
        .hasMessageContaining("collateral expired");
    assertThatThrownBy(() -> check.verify(quote(), collateral(), new byte[32], PINNED))
        .hasMessageContaining("report data");
    assertThatThrownBy(() -> check.verify(quote(), List.of("junk".getBytes()), HELLO, PINNED))
        .hasMessageContaining("collateral item 0");

    policy.set(
        new Policy(true, AttestationPolicy.fromJson("{\"acceptedTcbStatuses\": [\"UpToDate\"]}")));
    assertThatThrownBy(() -> check.verify(quote(), collateral(), HELLO, PINNED))
        .hasMessageContaining("ConfigurationAndSWHardeningNeeded");
  }
}
