package io.txnchain.settlement;

import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.dex.app.DexApp;
import io.txnchain.dex.app.DexConfig;
import io.txnchain.dex.settlement.BatchSigner;
import io.txnchain.dex.settlement.ChainSettlement;
import io.txnchain.settlement.bridge.BridgeConfig;
import io.txnchain.settlement.bridge.SettlementBridge;
import io.txnchain.settlement.chain.ChainClient;
import io.txnchain.settlement.chain.Transactor;
import io.txnchain.settlement.contract.SettlementContract;
import io.txnchain.settlement.contract.TestTokenContract;
import io.txnchain.settlement.devnode.AnvilNode;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderEncoder;
import io.txnchain.wire.dex.OrderJson;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.crypto.Credentials;

/**
 * Trades settled per second on anvil with 1-second blocks: the real dex app (in memory) matches a
 * stream of crossing orders among {@code traders} accounts for {@code seconds} while the bridge
 * settles on its own thread; reports trades matched, batches, and trades per second from the first
 * trade to the last settlement. Args: traders seconds. Run with the command in BENCHMARKS.md.
 */
public final class SettlementThroughputBenchmark {
  static final long USDC = 1_000_000L;
  static final long ETH = 100_000_000L;

  public static void main(String[] args) throws Exception {
    int traders = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    try (AnvilNode node =
            AnvilNode.start(AnvilNode.findBinary().orElseThrow(), AnvilNode.DEFAULT_CHAIN_ID, 0);
        ChainClient chain = ChainClient.connect(node.url())) {
      Transactor owner = tx(chain, node.chainId(), AnvilNode.DEV_KEYS.get(0));
      EthAddress fee = addr(owner.address());
      SettlementContract s =
          SettlementContract.deploy(owner, owner.address(), owner.address(), 86_400);
      Map<String, TestTokenContract> tokens = new TreeMap<>();
      Map<String, EthAddress> chainTokens = new TreeMap<>();
      for (String sym : List.of("BTC", "ETH", "USDC")) {
        TestTokenContract t = TestTokenContract.deploy(owner, sym, sym, sym.equals("USDC") ? 6 : 8);
        s.listToken(t.address());
        tokens.put(sym, t);
        chainTokens.put(sym, addr(t.address()));
      }
      BatchSigner signer = BatchSigner.fromSecret(Hashes.sha256("bench".getBytes()));
      s.registerSigner(signer.address().toChecksumHex(), Hashes.sha256("m".getBytes()));
      DexConfig dev = DexConfig.devNetwork("bench");
      DexConfig config =
          new DexConfig(
              dev.tokens(),
              dev.markets(),
              new Eip712Domain(node.chainId(), addr(s.address())),
              false);
      Secp256k1KeyPair operator = key(-1);
      InProcessLedger ledger =
          new InProcessLedger(
              new DexApp(
                  config, new ChainSettlement(operator.address(), fee, chainTokens, 400, signer)),
              operator.address().toChecksumHex());
      List<Secp256k1KeyPair> keys = new ArrayList<>();
      for (int i = 0; i < traders; i++) {
        Secp256k1KeyPair k = key(i);
        keys.add(k);
        chain.rpc("anvil_setBalance", List.of(k.address().toChecksumHex(), "0x56bc75e2d63100000"));
        Transactor t = tx(chain, node.chainId(), "0x" + HexFormat.of().formatHex(k.privateKey()));
        for (String sym : List.of("ETH", "USDC")) {
          long amount = sym.equals("ETH") ? 1_000 * ETH : 10_000_000 * USDC;
          TestTokenContract tok = tokens.get(sym).as(t);
          tok.mint(t.address(), amount);
          tok.approve(s.address(), amount);
          s.as(t).deposit(tok.address(), amount);
        }
      }
      SettlementBridge bridge =
          new SettlementBridge(
              new BridgeConfig(
                  node.url(),
                  node.chainId(),
                  s.address(),
                  0,
                  Duration.ofMillis(100),
                  Duration.ofMillis(100),
                  Duration.ofSeconds(5),
                  0),
              s,
              ledger);
      bridge.runOnce();
      chain.rpc("evm_setIntervalMining", List.of(1));
      long startBlock = chain.blockNumber();
      bridge.start();
      long trades = 0;
      long nonce = 1;
      long t0 = System.nanoTime();
      long end = t0 + Duration.ofSeconds(seconds).toNanos();
      for (int i = 0; System.nanoTime() < end; i++) {
        Secp256k1KeyPair seller = keys.get(i % traders);
        Secp256k1KeyPair buyer = keys.get((i + 1 + i / traders) % traders);
        if (seller == buyer) {
          continue;
        }
        ledger.run(
            seller.address().toChecksumHex(), true, order(seller, config, Side.SELL, nonce++));
        ledger.run(buyer.address().toChecksumHex(), true, order(buyer, config, Side.BUY, nonce++));
        trades++;
      }
      double matchSeconds = (System.nanoTime() - t0) / 1e9;
      // Settled when a batch request finds nothing open and nothing pending.
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (System.nanoTime() < deadline
          && !ledger.process("{\"op\":\"settleBatch\"}").get("batch").isNull()) {
        Thread.sleep(50);
      }
      double total = (System.nanoTime() - t0) / 1e9;
      bridge.close();
      long batches = s.lastBatchId();
      System.out.printf(
          "traders=%d trades=%d matched in %.1f s (%.0f trades/s); settled in %.1f s: %.0f trades/s;"
              + " batches=%d (%.0f trades/batch) over %d blocks%n",
          traders,
          trades,
          matchSeconds,
          trades / matchSeconds,
          total,
          trades / total,
          batches,
          (double) trades / batches,
          chain.blockNumber() - startBlock);
    }
  }

  static String order(Secp256k1KeyPair who, DexConfig config, Side side, long nonce) {
    EthAddress zero = new EthAddress(new byte[20]);
    Order o =
        new Order(
            who.address(),
            "ETH-USDC",
            side,
            OrderType.LIMIT,
            2_000 * USDC,
            ETH / 100,
            TimeInForce.GTC,
            false,
            SelfTradePrevention.EXPIRE_TAKER,
            zero,
            zero,
            nonce,
            0,
            "");
    byte[] sig = who.sign(OrderEncoder.digest(config.domain(), o)).toBytes65();
    return "{\"op\":\"order\",\"order\":"
        + OrderJson.message(o)
        + ",\"signature\":\""
        + OrderJson.signature(sig)
        + "\"}";
  }

  static Transactor tx(ChainClient chain, long chainId, String key) {
    return new Transactor(chain, Credentials.create(key), chainId, Duration.ofSeconds(60));
  }

  static Secp256k1KeyPair key(int i) {
    return Secp256k1KeyPair.fromPrivateKey(
        Hashes.sha256(ByteBuffer.allocate(8).putLong(i).array(), "trader".getBytes()));
  }

  static EthAddress addr(String hex) {
    try {
      return EthAddress.parse(hex);
    } catch (io.txnchain.crypto.CryptoException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
