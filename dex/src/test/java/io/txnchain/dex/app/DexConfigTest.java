package io.txnchain.dex.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.wire.dex.OrderVectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class DexConfigTest {
  final DexConfig dev = DexConfig.devNetwork("txnchain-dev");

  @Test
  void theDevelopmentNetworkTradesEthAndBtcForUsdc() {
    assertThat(dev.markets())
        .extracting(MarketSpec::symbol)
        .containsExactly("ETH-USDC", "BTC-USDC");
    assertThat(dev.devFaucet()).isTrue();
    assertThat(dev.domain().chainId()).isEqualTo(31337);
    MarketSpec eth = dev.market("ETH-USDC");
    // The documented vectors are valid orders in these markets.
    assertThat(eth.pricing().onTick(OrderVectors.limitBuy().price())).isTrue();
    assertThat(eth.pricing().onLot(OrderVectors.limitBuy().quantity())).isTrue();
    assertThat(dev.market("BTC-USDC").pricing().onLot(OrderVectors.marketSell().quantity()))
        .isTrue();
    assertThat(eth.fees()).isEqualTo(DexConfig.DEV_FEES);
    assertThat(dev.token("USDC").scale()).isEqualTo(1_000_000);
  }

  @Test
  void thePlaceholderContractIsDerivedFromTheChainId() {
    assertThat(dev.domain().verifyingContract())
        .isEqualTo(DexConfig.placeholderContract("txnchain-dev"))
        .isNotEqualTo(DexConfig.placeholderContract("txnchain-other"));
    assertThat(dev.domain().verifyingContract().isZero()).isFalse();
    assertThat(DexConfig.devNetwork("txnchain-dev").fingerprint()).isEqualTo(dev.fingerprint());
    assertThat(DexConfig.devNetwork("other").fingerprint()).isNotEqualTo(dev.fingerprint());
  }

  @Test
  void refusesInconsistentConfigurations() {
    MarketSpec eth = dev.market("ETH-USDC");
    assertThatThrownBy(
            () ->
                new DexConfig(List.of(new TokenSpec("USDC", 6)), List.of(eth), dev.domain(), true))
        .hasMessageContaining("not listed");
    assertThatThrownBy(
            () ->
                new DexConfig(
                    List.of(new TokenSpec("ETH", 18), new TokenSpec("USDC", 6)),
                    List.of(eth),
                    dev.domain(),
                    true))
        .hasMessageContaining("10^decimals");
    assertThatThrownBy(
            () ->
                new DexConfig(
                    List.of(
                        new TokenSpec("ETH", 8), new TokenSpec("USDC", 6), new TokenSpec("X", 1)),
                    List.of(eth),
                    dev.domain(),
                    true))
        .hasMessageContaining("traded");
    MarketSpec feesToATrader =
        new MarketSpec(
            "ETH-USDC",
            "ETH",
            "USDC",
            1_000_000,
            100_000_000,
            10_000,
            100_000,
            0,
            1_000,
            FeeSchedule.FREE,
            1);
    assertThatThrownBy(
            () ->
                new DexConfig(
                    List.of(new TokenSpec("ETH", 8), new TokenSpec("USDC", 6)),
                    List.of(feesToATrader),
                    dev.domain(),
                    true))
        .hasMessageContaining("fee account");
    assertThatThrownBy(() -> DexConfig.devNetwork("")).isInstanceOf(IllegalArgumentException.class);
  }
}
