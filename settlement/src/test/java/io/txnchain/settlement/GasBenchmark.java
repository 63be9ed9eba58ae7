package io.txnchain.settlement;

import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Hashes;
import io.txnchain.dex.settlement.Batch;
import io.txnchain.dex.settlement.BatchEncoder;
import io.txnchain.dex.settlement.BatchSigner;
import io.txnchain.dex.settlement.Delta;
import io.txnchain.settlement.chain.ChainClient;
import io.txnchain.settlement.chain.Transactor;
import io.txnchain.settlement.contract.SettlementContract;
import io.txnchain.settlement.contract.TestTokenContract;
import io.txnchain.settlement.devnode.AnvilNode;
import io.txnchain.wire.dex.Eip712Domain;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;

/**
 * Gas of settlement batches on anvil (deterministic, so one run is the result): per trade for
 * accounts that receive a token for the first time and for returning ones, the fixed cost per
 * batch, and the largest batch under the 16,777,216-gas per-transaction cap. Run with the command
 * in BENCHMARKS.md.
 */
public final class GasBenchmark {
  static final long CAP = 16_777_216L;
  static long seq = 1;

  public static void main(String[] args) throws Exception {
    try (AnvilNode node =
            AnvilNode.start(AnvilNode.findBinary().orElseThrow(), AnvilNode.DEFAULT_CHAIN_ID, 0);
        ChainClient client = ChainClient.connect(node.url())) {
      Transactor owner =
          new Transactor(
              client,
              Credentials.create(AnvilNode.DEV_KEYS.get(0)),
              node.chainId(),
              Duration.ofSeconds(60));
      Transactor maker =
          new Transactor(
              client,
              Credentials.create(AnvilNode.DEV_KEYS.get(1)),
              node.chainId(),
              Duration.ofSeconds(60));
      EthAddress fee = addr(Credentials.create(AnvilNode.DEV_KEYS.get(4)).getAddress());
      SettlementContract s =
          SettlementContract.deploy(owner, owner.address(), fee.toChecksumHex(), 86_400);
      TestTokenContract base = TestTokenContract.deploy(owner, "B", "B", 8);
      TestTokenContract quote = TestTokenContract.deploy(owner, "Q", "Q", 6);
      s.listToken(base.address());
      s.listToken(quote.address());
      BatchSigner signer = BatchSigner.fromSecret(Hashes.sha256("bench".getBytes()));
      s.registerSigner(signer.address().toChecksumHex(), Hashes.sha256("m".getBytes()));
      long big = 1L << 60;
      for (TestTokenContract t : List.of(base, quote)) {
        t.mint(maker.address(), big);
        t.as(maker).approve(s.address(), big);
        s.as(maker).deposit(t.address(), big);
      }
      Eip712Domain domain = new Eip712Domain(node.chainId(), addr(s.address()));
      EthAddress mk = addr(maker.address());
      System.out.println("trades,first-time gas,returning gas");
      long[] first = new long[3];
      long[] again = new long[3];
      int[] sizes = {1, 50, 200};
      int offset = 0;
      for (int i = 0; i < sizes.length; i++) {
        int n = sizes[i];
        // n fresh takers, each buying from the maker: the first batch creates their balances.
        List<EthAddress> takers = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          takers.add(fresh(offset + k));
        }
        offset += n;
        // Fund takers with quote from the maker (that batch is not measured).
        settle(s, signer, domain, transfers(mk, takers, quote, base, fee, false));
        first[i] = settle(s, signer, domain, transfers(mk, takers, quote, base, fee, true));
        again[i] = settle(s, signer, domain, transfers(mk, takers, quote, base, fee, true));
        System.out.println(n + "," + first[i] + "," + again[i]);
      }
      long perFirst = (first[2] - first[1]) / (sizes[2] - sizes[1]);
      long perAgain = (again[2] - again[1]) / (sizes[2] - sizes[1]);
      long fixed = again[1] - perAgain * sizes[1];
      System.out.println("marginal gas per trade, first-time taker: " + perFirst);
      System.out.println("marginal gas per trade, returning taker: " + perAgain);
      System.out.println("fixed gas per batch (returning fit): " + fixed);
      System.out.println(
          "trades per batch under the 16,777,216 cap: first-time ~"
              + (CAP - fixed) / perFirst
              + ", returning ~"
              + (CAP - fixed) / perAgain);
    }
  }

  /**
   * Fund: the maker gives each taker 3,000 quote units (quote: maker -, takers +). Trade: each
   * taker buys 1 base unit for 1,000 quote and pays a 1-unit fee (base: maker -, takers +; quote:
   * takers -, maker +, fee +).
   */
  static List<Delta> transfers(
      EthAddress mk,
      List<EthAddress> takers,
      TestTokenContract quote,
      TestTokenContract base,
      EthAddress fee,
      boolean trade) {
    List<Delta> d = new ArrayList<>();
    EthAddress q = addr(quote.address());
    EthAddress b = addr(base.address());
    long n = takers.size();
    if (!trade) {
      d.add(new Delta(mk, q, -3_000 * n));
      takers.forEach(t -> d.add(new Delta(t, q, 3_000)));
    } else {
      d.add(new Delta(mk, b, -n));
      takers.forEach(t -> d.add(new Delta(t, b, 1)));
      d.add(new Delta(mk, q, 1_000 * n));
      d.add(new Delta(fee, q, n));
      takers.forEach(t -> d.add(new Delta(t, q, -1_001)));
    }
    d.sort(Delta.CHAIN_ORDER);
    return d;
  }

  static long settle(SettlementContract s, BatchSigner signer, Eip712Domain domain, List<Delta> d)
      throws Exception {
    Batch b = new Batch(seq++, new byte[32], d, List.of());
    return s.settle(b, signer.sign(BatchEncoder.digest(domain, b))).getGasUsed().longValueExact();
  }

  static EthAddress fresh(int i) {
    byte[] h =
        Hashes.sha256(
            ByteBuffer.allocate(4).putInt(i).array(), "taker".getBytes(StandardCharsets.UTF_8));
    byte[] a = new byte[20];
    System.arraycopy(h, 0, a, 0, 20);
    return new EthAddress(a);
  }

  static EthAddress addr(String hex) {
    try {
      return EthAddress.parse(hex);
    } catch (io.txnchain.crypto.CryptoException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
