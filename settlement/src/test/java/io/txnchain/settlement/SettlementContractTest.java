package io.txnchain.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.dex.settlement.Batch;
import io.txnchain.dex.settlement.BatchEncoder;
import io.txnchain.dex.settlement.Delta;
import io.txnchain.dex.settlement.Withdrawal;
import io.txnchain.settlement.chain.ChainException;
import io.txnchain.settlement.chain.RevertedException;
import io.txnchain.settlement.chain.Transactor;
import io.txnchain.settlement.contract.SettlementContract;
import io.txnchain.settlement.contract.TestTokenContract;
import io.txnchain.wire.dex.Eip712Domain;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** The Settlement contract on a real chain (anvil unless -Dtxnchain.settlement.rpc is set). */
class SettlementContractTest {
  static final long USDC = 1_000_000L;
  static final long ETH = 100_000_000L;

  TestChain chain;
  SettlementContract settlement;
  TestTokenContract eth;
  TestTokenContract usdc;
  Transactor owner;
  Transactor alice;
  Transactor bob;
  EthAddress fee;
  Secp256k1KeyPair enclave = key("enclave");
  byte[] measurement = Hashes.sha256("test measurement".getBytes(StandardCharsets.UTF_8));

  @BeforeEach
  void deploy() throws Exception {
    chain = TestChain.start(0);
    owner = chain.transactor(0);
    alice = chain.transactor(1);
    bob = chain.transactor(2);
    fee = addr(chain.credentials(4).getAddress());
    settlement = SettlementContract.deploy(owner, owner.address(), fee.toChecksumHex(), 3600);
    eth = TestTokenContract.deploy(owner, "Test Ether", "ETH", 8);
    usdc = TestTokenContract.deploy(owner, "Test USD Coin", "USDC", 6);
    settlement.listToken(eth.address());
    settlement.listToken(usdc.address());
    settlement.registerSigner(enclave.address().toChecksumHex(), measurement);
    fund(alice, usdc, 10_000 * USDC);
    fund(bob, eth, 5 * ETH);
  }

  @AfterEach
  void stop() {
    if (chain != null) {
      chain.close();
    }
  }

  void fund(Transactor who, TestTokenContract token, long amount) throws ChainException {
    token.mint(who.address(), amount);
    token.as(who).approve(settlement.address(), amount);
    settlement.as(who).deposit(token.address(), amount);
  }

  /** Alice buys 1 ETH from Bob at 2000 USDC; Alice pays 1 USDC taker fee, Bob 0.4 maker fee. */
  Batch trade(long batchId) {
    List<Delta> deltas = new ArrayList<>();
    deltas.add(new Delta(addr(alice.address()), addr(usdc.address()), -2001 * USDC));
    deltas.add(new Delta(addr(bob.address()), addr(usdc.address()), 1_999_600_000L));
    deltas.add(new Delta(fee, addr(usdc.address()), 1_400_000L));
    deltas.add(new Delta(addr(alice.address()), addr(eth.address()), ETH));
    deltas.add(new Delta(addr(bob.address()), addr(eth.address()), -ETH));
    deltas.sort(Delta.CHAIN_ORDER);
    return new Batch(batchId, Hashes.sha256(new byte[] {(byte) batchId}), deltas, List.of());
  }

  byte[] sign(Secp256k1KeyPair key, Batch b) {
    return key.sign(BatchEncoder.digest(domain(), b)).toBytes65();
  }

  Eip712Domain domain() {
    return new Eip712Domain(chain.chainId(), addr(settlement.address()));
  }

  @Test
  void recordsTheSignersMeasurementAndDeposits() throws Exception {
    assertThat(settlement.signerMeasurement(enclave.address().toChecksumHex()))
        .isEqualTo(measurement);
    assertThat(settlement.depositCount()).isEqualTo(2);
    List<SettlementContract.DepositEvent> deposits =
        settlement.deposits(0, chain.client().blockNumber());
    assertThat(deposits)
        .extracting(SettlementContract.DepositEvent::depositId)
        .containsExactly(1L, 2L);
    assertThat(deposits.get(0).account()).isEqualTo(addr(alice.address()));
    assertThat(deposits.get(0).amount()).isEqualTo(10_000 * USDC);
    assertThat(settlement.balanceOf(eth.address(), bob.address())).isEqualTo(big(5 * ETH));
  }

  @Test
  void javaBatchDigestEqualsTheContracts() throws Exception {
    assertThat(settlement.domainSeparator())
        .isEqualTo(io.txnchain.wire.dex.OrderEncoder.domainSeparator(domain()));
    Batch withWithdrawal =
        new Batch(
            7,
            new byte[32],
            trade(7).deltas(),
            List.of(new Withdrawal(3, addr(bob.address()), addr(usdc.address()), 5 * USDC)));
    for (Batch b :
        List.of(trade(1), withWithdrawal, new Batch(2, new byte[32], List.of(), List.of()))) {
      assertThat(Numeric.toHexString(settlement.hashBatch(b)))
          .isEqualTo(Numeric.toHexString(BatchEncoder.digest(domain(), b)));
    }
  }

  @Test
  void settlesASignedConservingBatch() throws Exception {
    Batch b = trade(1);
    TransactionReceipt r = settlement.as(bob).settle(b, sign(enclave, b));
    assertThat(r.isStatusOK()).isTrue();
    assertThat(settlement.lastBatchId()).isEqualTo(1);
    assertThat(settlement.balanceOf(usdc.address(), alice.address()))
        .isEqualTo(big(10_000 * USDC - 2001 * USDC));
    assertThat(settlement.balanceOf(usdc.address(), bob.address())).isEqualTo(big(1_999_600_000L));
    assertThat(settlement.balanceOf(usdc.address(), fee.toChecksumHex()))
        .isEqualTo(big(1_400_000L));
    assertThat(settlement.balanceOf(eth.address(), alice.address())).isEqualTo(big(ETH));
    assertThat(settlement.balanceOf(eth.address(), bob.address())).isEqualTo(big(4 * ETH));
  }

  @Test
  void refusesABatchSignedByAnUnregisteredKey() throws Exception {
    Batch b = trade(1);
    assertRevert(() -> settlement.settle(b, sign(key("intruder"), b)), "UnknownSigner");
    settlement.revokeSigner(enclave.address().toChecksumHex());
    assertRevert(() -> settlement.settle(b, sign(enclave, b)), "UnknownSigner");
    assertThat(settlement.lastBatchId()).isZero();
  }

  @Test
  void refusesAReplayedOrSkippedBatchId() throws Exception {
    Batch b = trade(1);
    byte[] sig = sign(enclave, b);
    settlement.settle(b, sig);
    assertRevert(() -> settlement.settle(b, sig), "BatchReplayed");
    Batch gap = trade(3);
    assertRevert(() -> settlement.settle(gap, sign(enclave, gap)), "BatchGap");
    assertThat(settlement.lastBatchId()).isEqualTo(1);
  }

  @Test
  void refusesATamperedBatch() throws Exception {
    Batch signed = trade(1);
    byte[] sig = sign(enclave, signed);
    List<Delta> d = new ArrayList<>(signed.deltas());
    // Still conserving: 1 USDC moved from the fee account to Bob, after signing.
    d.replaceAll(
        x ->
            x.account().equals(fee)
                ? new Delta(fee, x.token(), x.amount() - USDC)
                : x.account().equals(addr(bob.address())) && x.token().equals(addr(usdc.address()))
                    ? new Delta(x.account(), x.token(), x.amount() + USDC)
                    : x);
    Batch tampered = new Batch(1, signed.tradesHash(), d, List.of());
    assertRevert(() -> settlement.settle(tampered, sig), "UnknownSigner");
    assertThat(settlement.balanceOf(usdc.address(), bob.address())).isEqualTo(BigInteger.ZERO);
  }

  @Test
  void refusesANonConservingOrUnsortedBatch() throws Exception {
    List<Delta> d = new ArrayList<>(trade(1).deltas());
    d.replaceAll(x -> x.account().equals(fee) ? new Delta(fee, x.token(), x.amount() + 1) : x);
    Batch minted = new Batch(1, new byte[32], d, List.of());
    assertRevert(() -> settlement.settle(minted, sign(enclave, minted)), "NotConserved");

    List<Delta> reversed = new ArrayList<>(trade(1).deltas());
    java.util.Collections.reverse(reversed);
    Batch unsorted = new Batch(1, new byte[32], reversed, List.of());
    assertRevert(() -> settlement.settle(unsorted, sign(enclave, unsorted)), "DeltasNotSorted");

    Batch overdraw =
        new Batch(
            1,
            new byte[32],
            List.of(
                    new Delta(addr(alice.address()), addr(eth.address()), ETH),
                    new Delta(fee, addr(eth.address()), -ETH))
                .stream()
                .sorted(Delta.CHAIN_ORDER)
                .toList(),
            List.of());
    assertRevert(() -> settlement.settle(overdraw, sign(enclave, overdraw)), "InsufficientBalance");
    assertThat(settlement.lastBatchId()).isZero();
  }

  @Test
  void aRevertedSettlementTransactionChangesNothing() throws Exception {
    Batch b = trade(1);
    byte[] sig = sign(enclave, b);
    settlement.settle(b, sig);
    // Sent without the gas estimate that would have caught it: mined, but with status 0.
    Transactor t = settlement.transactor();
    String hash =
        t.send(
            settlement.address(),
            SettlementContract.settleData(b, sig),
            BigInteger.valueOf(1_000_000),
            chain.client().pendingNonce(t.address()));
    assertThat(t.waitFor(hash).isStatusOK()).isFalse();
    assertThat(settlement.lastBatchId()).isEqualTo(1);
    assertThat(settlement.balanceOf(eth.address(), alice.address())).isEqualTo(big(ETH));
  }

  @Test
  void paysOutAuthorisedWithdrawals() throws Exception {
    Batch b =
        new Batch(
            1,
            new byte[32],
            List.of(),
            List.of(new Withdrawal(1, addr(alice.address()), addr(usdc.address()), 250 * USDC)));
    settlement.settle(b, sign(enclave, b));
    assertThat(usdc.balanceOf(alice.address())).isEqualTo(big(250 * USDC));
    assertThat(settlement.balanceOf(usdc.address(), alice.address())).isEqualTo(big(9_750 * USDC));
    Batch tooMuch =
        new Batch(
            2,
            new byte[32],
            List.of(),
            List.of(new Withdrawal(2, addr(bob.address()), addr(usdc.address()), 1)));
    assertRevert(() -> settlement.settle(tooMuch, sign(enclave, tooMuch)), "InsufficientBalance");
  }

  @Test
  void escapeHatchOpensOnlyAfterTheTimeoutAndFreezes() throws Exception {
    assumeTrue(chain.isDevNode(), "time travel needs the development node");
    assertRevert(() -> settlement.as(bob).escape(eth.address()), "EscapeNotOpen");
    chain.client().rpc("evm_increaseTime", List.of(3601));
    chain.client().rpc("evm_mine", List.of());
    settlement.as(bob).escape(eth.address());
    assertThat(eth.balanceOf(bob.address())).isEqualTo(big(5 * ETH));
    assertThat(settlement.frozen()).isTrue();
    Batch b = trade(1);
    assertRevert(() -> settlement.settle(b, sign(enclave, b)), "IsFrozen");
  }

  @Test
  void theLargestBatchTheEnclaveCutsFitsUnderTheTransactionGasCap() throws Exception {
    // The worst case: every balance change is a first write (a fresh account receiving USDC).
    int n = io.txnchain.dex.settlement.ChainSettlement.DEFAULT_MAX_DELTAS;
    List<Delta> deltas = new ArrayList<>();
    deltas.add(new Delta(addr(alice.address()), addr(usdc.address()), -(n - 1)));
    for (int i = 1; i < n; i++) {
      deltas.add(new Delta(key("fresh " + i).address(), addr(usdc.address()), 1));
    }
    deltas.sort(Delta.CHAIN_ORDER);
    Batch b = new Batch(1, new byte[32], deltas, List.of());
    TransactionReceipt r = settlement.settle(b, sign(enclave, b));
    assertThat(r.isStatusOK()).isTrue();
    assertThat(r.getGasUsed()).isLessThan(BigInteger.valueOf(16_777_216L));
  }

  interface ChainCall {
    void run() throws ChainException;
  }

  static void assertRevert(ChainCall call, String error) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RevertedException.class, e -> assertThat(e.errorName()).isEqualTo(error));
  }

  static Secp256k1KeyPair key(String label) {
    return Secp256k1KeyPair.fromPrivateKey(Hashes.sha256(label.getBytes(StandardCharsets.UTF_8)));
  }

  static EthAddress addr(String hex) {
    try {
      return EthAddress.parse(hex);
    } catch (io.txnchain.crypto.CryptoException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }
}
