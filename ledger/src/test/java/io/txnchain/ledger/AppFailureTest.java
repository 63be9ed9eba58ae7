package io.txnchain.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.ledger.haltapp.HaltingApp;
import io.txnchain.ledger.machine.AppRegistry;
import io.txnchain.ledger.machine.Batch;
import io.txnchain.ledger.machine.LedgerStateMachine;
import io.txnchain.ledger.machine.RejectCode;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.tee.app.AppHaltedException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An app's bug refuses one input; an app's integrity failure stops the state machine. */
class AppFailureTest {
  @TempDir Path dir;

  @Test
  void aBugRefusesTheInputButAHaltStopsApplying() throws Exception {
    Secp256k1KeyPair key = Secp256k1KeyPair.generate(new SecureRandom());
    try (LedgerFixture f = new LedgerFixture(dir);
        LedgerStore store = LedgerStore.open(dir.resolve("other"), LedgerFixture.CHAIN)) {
      LedgerStateMachine machine =
          new LedgerStateMachine(
              f.enclave,
              LedgerFixture.CHAIN,
              AppRegistry.of(List.of(new HaltingApp())),
              store,
              store.head(),
              1 << 20,
              Runnable::run);
      var bug =
          machine.apply(
              new Batch(1, List.of(LedgerFixture.work(key, "b", "halting", "bug").encoded())));
      assertThat(bug.outcomes().get(0).code()).isEqualTo(RejectCode.APP_REJECTED);
      assertThat(bug.outcomes().get(0).message()).contains("ArithmeticException");

      assertThatThrownBy(
              () ->
                  machine.apply(
                      new Batch(
                          2, List.of(LedgerFixture.work(key, "h", "halting", "halt").encoded()))))
          .isInstanceOf(AppHaltedException.class);
    }
  }
}
