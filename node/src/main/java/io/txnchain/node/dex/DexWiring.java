package io.txnchain.node.dex;

import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.dex.app.DexApp;
import io.txnchain.dex.app.DexConfig;
import io.txnchain.dex.settlement.BatchSigner;
import io.txnchain.dex.settlement.ChainSettlement;
import io.txnchain.node.config.NodeConfig;
import io.txnchain.tee.Enclave;
import io.txnchain.wire.dex.Eip712Domain;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The node's dex app. Without {@code settlement.contract} it is the development network's (faucet
 * open, placeholder domain). With it, the EIP-712 domain is the settlement chain and contract, the
 * faucet is closed, and batches are signed with a key derived inside the enclave from the network
 * secret, so every replica signs alike (docs/settlement.md). The key is derived when a batch is
 * signed, because a joining node receives the network secret only after its apps exist.
 */
public final class DexWiring {
  private final DexConfig dexConfig;
  private final DexApp app;
  private final AtomicReference<Enclave> enclave = new AtomicReference<>();

  /** The dex app {@code config} asks for on network {@code chainId}. */
  public DexWiring(NodeConfig config, String chainId) {
    DexConfig dev = DexConfig.devNetwork(chainId);
    String contract = config.get(NodeConfig.SETTLEMENT_CONTRACT);
    if (contract.isBlank()) {
      this.dexConfig = dev;
      this.app = new DexApp(dev);
      return;
    }
    long settlementChainId = parseChainId(config.get(NodeConfig.SETTLEMENT_CHAIN_ID));
    this.dexConfig =
        new DexConfig(
            dev.tokens(),
            dev.markets(),
            new Eip712Domain(settlementChainId, address(NodeConfig.SETTLEMENT_CONTRACT, contract)),
            false);
    ChainSettlement settlement =
        new ChainSettlement(
            address(NodeConfig.SETTLEMENT_OPERATOR, config.get(NodeConfig.SETTLEMENT_OPERATOR)),
            address(
                NodeConfig.SETTLEMENT_FEE_ADDRESS, config.get(NodeConfig.SETTLEMENT_FEE_ADDRESS)),
            tokens(config.get(NodeConfig.SETTLEMENT_TOKENS)),
            config.get(NodeConfig.SETTLEMENT_MAX_BATCH_CHANGES),
            new EnclaveSigner(enclave, chainId));
    this.app = new DexApp(dexConfig, settlement);
  }

  /** The configuration the app runs. */
  public DexConfig dexConfig() {
    return dexConfig;
  }

  /** The app. */
  public DexApp app() {
    return app;
  }

  /** Gives the settlement signer its enclave, once opened. */
  public void attach(Enclave e) {
    enclave.set(e);
  }

  private static long parseChainId(String s) {
    try {
      long v = Long.parseLong(s.trim());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        NodeConfig.SETTLEMENT_CHAIN_ID.name() + ": expected a positive integer");
  }

  private static EthAddress address(io.txnchain.node.config.ConfigKey<String> key, String value) {
    try {
      return EthAddress.parse(value.trim());
    } catch (CryptoException e) {
      throw new IllegalArgumentException(key.name() + ": expected a 0x address");
    }
  }

  private static Map<String, EthAddress> tokens(String spec) {
    Map<String, EthAddress> out = new TreeMap<>();
    for (String part : spec.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            NodeConfig.SETTLEMENT_TOKENS.name() + ": expected SYMBOL=0xaddress,...");
      }
      out.put(kv[0].trim(), address(NodeConfig.SETTLEMENT_TOKENS, kv[1]));
    }
    return out;
  }

  /** Derives the key from the network secret at each use; the host never holds it. */
  private static final class EnclaveSigner implements BatchSigner {
    private final AtomicReference<Enclave> enclave;
    private final byte[] context;

    EnclaveSigner(AtomicReference<Enclave> enclave, String chainId) {
      this.enclave = enclave;
      this.context = chainId.getBytes(StandardCharsets.UTF_8);
    }

    private Secp256k1KeyPair key() {
      Enclave e = enclave.get();
      if (e == null) {
        throw new IllegalStateException("the enclave is not open yet");
      }
      return Secp256k1KeyPair.fromPrivateKey(
          e.deriveNetworkSecret("settlement-signer", context, 32));
    }

    @Override
    public EthAddress address() {
      return key().address();
    }

    @Override
    public byte[] sign(byte[] digest32) {
      return key().sign(digest32).toBytes65();
    }
  }
}
