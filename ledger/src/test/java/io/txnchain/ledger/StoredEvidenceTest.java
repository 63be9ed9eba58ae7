package io.txnchain.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.ledger.receipt.ReceiptBuilder;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.wire.codec.ByteWriter;
import io.txnchain.wire.receipt.Receipt;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's own receipt evidence, kept in its store, with and without collateral. */
class StoredEvidenceTest {
  @TempDir Path dir;

  @Test
  void hardwareEvidenceKeepsItsCollateralAndTimeAndOldEntriesStillRead() throws Exception {
    try (LedgerStore store = LedgerStore.open(dir, "evidence-chain")) {
      Receipt.EvidenceEntry hardware =
          new Receipt.EvidenceEntry(
              "aa".repeat(32),
              "bb".repeat(32),
              "cc".repeat(32),
              "sgx-dcap",
              "0300",
              1_751_328_000_000L,
              List.of("3082", "7b7d"));
      ReceiptBuilder.storeEvidence(store, hardware);
      assertThat(new ReceiptBuilder(store).evidence("aa".repeat(32))).contains(hardware);

      Receipt.EvidenceEntry sim =
          new Receipt.EvidenceEntry("dd".repeat(32), "ee".repeat(32), "ff", "sim", "01");
      ReceiptBuilder.storeEvidence(store, sim);
      assertThat(new ReceiptBuilder(store).evidence("dd".repeat(32))).contains(sim);

      // As written before entries had a time and collateral.
      store.putMeta(
          "evidence/" + "11".repeat(32),
          new ByteWriter().string("22").string("33").string("sim").string("44").toByteArray());
      assertThat(new ReceiptBuilder(store).evidence("11".repeat(32)))
          .contains(new Receipt.EvidenceEntry("11".repeat(32), "22", "33", "sim", "44"));
    }
  }
}
