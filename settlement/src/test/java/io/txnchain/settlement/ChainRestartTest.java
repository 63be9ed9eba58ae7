package io.txnchain.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Hashes;
import io.txnchain.dex.app.DexApp;
import io.txnchain.dex.app.DexConfig;
import io.txnchain.dex.settlement.BatchSigner;
import io.txnchain.dex.settlement.ChainSettlement;
import io.txnchain.settlement.bridge.BridgeConfig;
import io.txnchain.settlement.bridge.SettlementBridge;
import io.txnchain.settlement.chain.ChainClient;
import io.txnchain.settlement.chain.Transactor;
import io.txnchain.settlement.contract.ContractArtifact;
import io.txnchain.settlement.contract.SettlementContract;
import io.txnchain.settlement.contract.TestTokenContract;
import io.txnchain.settlement.devnode.AnvilNode;
import io.txnchain.wire.dex.Eip712Domain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** The chain stops while the bridge runs and comes back with its state: the bridge catches up. */
class ChainRestartTest {
  @TempDir Path dir;

  @Test
  void theBridgeCatchesUpAfterTheChainRestarts() throws Exception {
    assumeTrue(
        ContractArtifact.load("Settlement").isPresent() && AnvilNode.findBinary().isPresent(),
        "settlement contracts or anvil missing (Node.js/npm absent at build time): skipping");
    Path bin = AnvilNode.findBinary().orElseThrow();
    Path state = dir.resolve("anvil-state.json");
    int port = AnvilNode.freePort();
    AnvilNode anvil = AnvilNode.start(bin, AnvilNode.DEFAULT_CHAIN_ID, 0, port, state);
    ChainClient chain = ChainClient.connect(anvil.url());
    Transactor owner = tx(chain, 0);
    Transactor alice = tx(chain, 1);
    SettlementContract s = SettlementContract.deploy(owner, owner.address(), owner.address(), 3600);
    Map<String, EthAddress> tokens = new TreeMap<>();
    TestTokenContract usdc = null;
    for (String sym : List.of("BTC", "ETH", "USDC")) {
      TestTokenContract t = TestTokenContract.deploy(owner, sym, sym, sym.equals("USDC") ? 6 : 8);
      s.listToken(t.address());
      tokens.put(sym, EthAddress.parse(t.address()));
      usdc = sym.equals("USDC") ? t : usdc;
    }
    DexConfig dev = DexConfig.devNetwork("restart");
    DexConfig config =
        new DexConfig(
            dev.tokens(),
            dev.markets(),
            new Eip712Domain(AnvilNode.DEFAULT_CHAIN_ID, EthAddress.parse(s.address())),
            false);
    EthAddress operator = EthAddress.parse(owner.address());
    BatchSigner signer = BatchSigner.fromSecret(Hashes.sha256("restart".getBytes()));
    InProcessLedger ledger =
        new InProcessLedger(
            new DexApp(config, new ChainSettlement(operator, operator, tokens, 400, signer)),
            operator.toChecksumHex());

    SettlementBridge bridge =
        new SettlementBridge(
            new BridgeConfig(
                anvil.url(),
                AnvilNode.DEFAULT_CHAIN_ID,
                s.address(),
                0,
                Duration.ofMillis(50),
                Duration.ofMillis(50),
                Duration.ofMillis(400),
                0),
            s,
            ledger);
    try {
      usdc.as(alice).mint(alice.address(), 1_000_000_000L);
      usdc.as(alice).approve(s.address(), 1_000_000_000L);
      s.as(alice).deposit(usdc.address(), 1_000_000_000L);
      // The chain goes away (its state written to the file), the bridge keeps trying.
      anvil.close();
      bridge.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (bridge.failures() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(bridge.failures()).isGreaterThanOrEqualTo(3);
      assertThat(nextDeposit(ledger)).isEqualTo(1);
      // Back on the same port with the same chain: the deposit is credited.
      anvil = AnvilNode.start(bin, AnvilNode.DEFAULT_CHAIN_ID, 0, port, state);
      deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (nextDeposit(ledger) == 1 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(nextDeposit(ledger)).isEqualTo(2);
    } finally {
      bridge.close();
      chain.close();
      anvil.close();
    }
  }

  static long nextDeposit(InProcessLedger ledger) throws Exception {
    JsonNode s = ledger.process("{\"op\":\"settlementStatus\"}");
    return s.get("nextDepositId").asLong();
  }

  static Transactor tx(ChainClient chain, int i) {
    return new Transactor(
        chain,
        Credentials.create(AnvilNode.DEV_KEYS.get(i)),
        AnvilNode.DEFAULT_CHAIN_ID,
        Duration.ofSeconds(30));
  }
}
