package io.txnchain.dex.app;

import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Hashes;
import io.txnchain.dex.book.StateDigest;
import io.txnchain.dex.engine.EngineConfig;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.wire.dex.Eip712Domain;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a DEX deployment trades: its tokens, its markets (each with tick, lot, minimum notional,
 * price band and fee schedule), the EIP-712 domain orders must be signed under, and whether the
 * development faucet ({@code deposit}) is open.
 *
 * <p>The configuration is not part of the app's measurement, so every node of a network must be
 * given the same one; {@link #fingerprint()} is kept in the app's state and checked when a node
 * rebuilds its engine, so a node started with other markets or fees stops instead of diverging.
 *
 * @param tokens every token of every market, each once
 * @param markets the markets; fee accounts must be &le; 0 so that they never collide with trader
 *     accounts, which are numbered from 1
 * @param domain the EIP-712 domain: settlement chain id and contract
 * @param devFaucet whether {@code deposit} credits balances out of thin air (development only)
 */
public record DexConfig(
    List<TokenSpec> tokens, List<MarketSpec> markets, Eip712Domain domain, boolean devFaucet) {

  /**
   * The EIP-712 chain id of development networks: the one local EVM development chains (Hardhat,
   * Anvil) use, so that a wallet pointed at such a chain signs for it.
   */
  public static final long DEV_CHAIN_ID = 31337;

  /** The fees of the development markets: 2 bps maker, 5 bps taker, no fixed part. */
  public static final FeeSchedule DEV_FEES = FeeSchedule.bps(2, 5);

  /** The account the development markets' fees are credited to. */
  public static final long DEV_FEE_ACCOUNT = 0;

  /** Validates and copies. */
  public DexConfig {
    Objects.requireNonNull(domain, "domain");
    tokens = List.copyOf(tokens);
    markets = List.copyOf(markets);
    TreeMap<String, TokenSpec> bySymbol = new TreeMap<>();
    for (TokenSpec t : tokens) {
      if (bySymbol.put(t.symbol(), t) != null) {
        throw new IllegalArgumentException("token " + t.symbol() + " is listed twice");
      }
    }
    TreeMap<String, Boolean> used = new TreeMap<>();
    for (MarketSpec m : markets) {
      TokenSpec base = bySymbol.get(m.baseToken());
      TokenSpec quote = bySymbol.get(m.quoteToken());
      if (base == null || quote == null) {
        throw new IllegalArgumentException(m.symbol() + " trades a token that is not listed");
      }
      if (!base.hasScale(m.quantityScale()) || !quote.hasScale(m.priceScale())) {
        throw new IllegalArgumentException(
            m.symbol() + ": quantityScale and priceScale must be 10^decimals of base and quote");
      }
      if (m.feeAccount() > 0 || m.feeAccount() == Long.MIN_VALUE) {
        throw new IllegalArgumentException(
            m.symbol() + ": the fee account must be <= 0 (trader accounts are 1, 2, 3, ...)");
      }
      used.put(m.baseToken(), Boolean.TRUE);
      used.put(m.quoteToken(), Boolean.TRUE);
    }
    if (!used.keySet().equals(bySymbol.keySet())) {
      throw new IllegalArgumentException("every token must be traded in some market");
    }
    // Checks the markets themselves: at least one, distinct symbols.
    new EngineConfig(markets, domain);
  }

  /**
   * The development network: tokens BTC and ETH (8 decimals) and USDC (6); markets ETH-USDC (tick
   * 0.01 USDC, lot 0.001 ETH) and BTC-USDC (tick 0.1 USDC, lot 0.0001 BTC), each with a minimum
   * notional of 10 USDC, a 10% price band for market orders and {@link #DEV_FEES}; the faucet is
   * open. The domain is {@link #DEV_CHAIN_ID} with {@link #placeholderContract(String)}: no
   * settlement contract exists yet.
   *
   * @param chainId the TxnChain network's chain id (e.g. {@code txnchain-dev})
   */
  public static DexConfig devNetwork(String chainId) {
    long usdc = 1_000_000L;
    long coin = 100_000_000L;
    MarketSpec eth =
        new MarketSpec(
            "ETH-USDC",
            "ETH",
            "USDC",
            usdc,
            coin,
            10_000L,
            100_000L,
            10 * usdc,
            1_000,
            DEV_FEES,
            DEV_FEE_ACCOUNT);
    MarketSpec btc =
        new MarketSpec(
            "BTC-USDC",
            "BTC",
            "USDC",
            usdc,
            coin,
            100_000L,
            10_000L,
            10 * usdc,
            1_000,
            DEV_FEES,
            DEV_FEE_ACCOUNT);
    return new DexConfig(
        List.of(new TokenSpec("BTC", 8), new TokenSpec("ETH", 8), new TokenSpec("USDC", 6)),
        List.of(eth, btc),
        new Eip712Domain(DEV_CHAIN_ID, placeholderContract(chainId)),
        true);
  }

  /**
   * The stand-in settlement contract address of a development network: the last 20 bytes of {@code
   * keccak256("txnchain/pixie-dex/dev-settlement/v1" || chainId)}. Nothing is deployed there; it
   * only makes orders signed for one development network invalid on another.
   */
  public static EthAddress placeholderContract(String chainId) {
    if (chainId == null || chainId.isEmpty()) {
      throw new IllegalArgumentException("chainId must be set");
    }
    byte[] h =
        Hashes.keccak256(
            "txnchain/pixie-dex/dev-settlement/v1".getBytes(StandardCharsets.UTF_8),
            chainId.getBytes(StandardCharsets.UTF_8));
    return new EthAddress(Arrays.copyOfRange(h, h.length - EthAddress.LENGTH, h.length));
  }

  /** The engine's part of the configuration. */
  public EngineConfig engineConfig() {
    return new EngineConfig(markets, domain);
  }

  /** The token named {@code symbol}, or {@code null}. */
  public TokenSpec token(String symbol) {
    for (TokenSpec t : tokens) {
      if (t.symbol().equals(symbol)) {
        return t;
      }
    }
    return null;
  }

  /** The market named {@code symbol}, or {@code null}. */
  public MarketSpec market(String symbol) {
    for (MarketSpec m : markets) {
      if (m.symbol().equals(symbol)) {
        return m;
      }
    }
    return null;
  }

  /**
   * SHA-256 over everything that changes what the engine computes: tokens, markets with all their
   * parameters, and the domain. The faucet flag is left out: it decides what is admitted, not how
   * logged commands replay.
   */
  public byte[] fingerprint() {
    StateDigest d = new StateDigest("pixie-dex-config-v1");
    d.putLong(tokens.size());
    for (TokenSpec t : tokens) {
      d.putString(t.symbol()).putLong(t.decimals());
    }
    d.putLong(markets.size());
    for (MarketSpec m : markets) {
      d.putString(m.symbol()).putString(m.baseToken()).putString(m.quoteToken());
      d.putLong(m.priceScale()).putLong(m.quantityScale()).putLong(m.tickSize());
      d.putLong(m.lotSize()).putLong(m.minNotional()).putLong(m.priceBandBps());
      FeeSchedule f = m.fees();
      d.putLong(f.makerBps()).putLong(f.takerBps()).putLong(f.makerPerLot());
      d.putLong(f.takerPerLot()).putLong(m.feeAccount());
    }
    d.putLong(domain.chainId()).putBytes(domain.verifyingContract().bytes20());
    return d.finish();
  }
}
