package io.txnchain.dex.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.wire.dex.Side;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MarketMathTest {
  static final MarketSpec ETH =
      new MarketSpec(
          "ETH-USDC",
          "ETH",
          "USDC",
          1_000_000,
          100_000_000,
          10_000,
          10_000,
          1_000_000,
          500,
          new FeeSchedule(5, 10, 2, 3),
          0);

  @Test
  void parsesAndFormatsDecimals() {
    assertThat(FixedPoint.parse("2000.5", 1_000_000)).isEqualTo(2_000_500_000L);
    assertThat(FixedPoint.parse("1.25", 100_000_000)).isEqualTo(125_000_000L);
    assertThat(FixedPoint.parse("7", 1)).isEqualTo(7);
    assertThat(FixedPoint.parse("0.10", 10)).isEqualTo(1);
    assertThat(FixedPoint.format(2_000_500_000L, 1_000_000)).isEqualTo("2000.5");
    assertThat(FixedPoint.format(5, 1_000)).isEqualTo("0.005");
    assertThat(FixedPoint.format(-1_500, 1_000)).isEqualTo("-1.5");
    assertThatThrownBy(() -> FixedPoint.parse("1.234", 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FixedPoint.parse("1.", 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FixedPoint.parse("-1", 100))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FixedPoint.parse("99999999999", 1_000_000_000))
        .isInstanceOf(ArithmeticException.class);
  }

  @Property
  void formatThenParseRoundTrips(
      @ForAll @LongRange(min = 0) long units, @ForAll @IntRange(min = 0, max = 18) int decimals) {
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    assertThat(FixedPoint.parse(FixedPoint.format(units, scale), scale)).isEqualTo(units);
  }

  @Property
  void bpsOfIsTheExactFloor(
      @ForAll @LongRange(min = 0) long amount, @ForAll @LongRange(min = 0, max = 10_000) long bps) {
    java.math.BigInteger exact =
        java.math.BigInteger.valueOf(amount)
            .multiply(java.math.BigInteger.valueOf(bps))
            .divide(java.math.BigInteger.valueOf(10_000));
    assertThat(FixedPoint.bpsOf(amount, bps)).isEqualTo(exact.longValueExact());
  }

  @Property
  void buyLockIsSuperAdditive(
      @ForAll @LongRange(min = 1, max = 1_000_000) long ticks,
      @ForAll @LongRange(min = 1, max = 1_000_000) long lotsA,
      @ForAll @LongRange(min = 1, max = 1_000_000) long lotsB) {
    Pricing px = ETH.pricing();
    long price = ticks * ETH.tickSize();
    long a = lotsA * ETH.lotSize();
    long b = lotsB * ETH.lotSize();
    assertThat(px.buyLock(price, a + b))
        .isGreaterThanOrEqualTo(px.buyLock(price, a) + px.buyLock(price, b));
    long notional = px.notional(price, a);
    assertThat(px.buyLock(price, a))
        .isGreaterThanOrEqualTo(notional + px.takerFee(notional, a))
        .isGreaterThanOrEqualTo(notional + px.makerFee(notional, a));
  }

  @Test
  void notionalIsPriceTimesQuantityOverScale() {
    Pricing px = ETH.pricing();
    assertThat(px.notional(2_000_500_000L, 125_000_000L)).isEqualTo(2_500_625_000L);
    assertThatThrownBy(() -> px.notional(Long.MAX_VALUE / 10_000 * 10_000, 1_000_000_000))
        .isInstanceOf(ArithmeticException.class);
    assertThat(px.onTick(10_000)).isTrue();
    assertThat(px.onTick(10_001)).isFalse();
    assertThat(px.onTick(0)).isFalse();
    assertThat(px.onLot(20_000)).isTrue();
    assertThat(px.onLot(-10_000)).isFalse();
  }

  @Test
  void bandLimitsRoundTowardsTheReference() {
    Pricing px = ETH.pricing();
    // 5% of 2000.00 = 100.00.
    assertThat(px.bandLimit(Side.BUY, 2_000_000_000L)).isEqualTo(2_100_000_000L);
    assertThat(px.bandLimit(Side.SELL, 2_000_000_000L)).isEqualTo(1_900_000_000L);
    // 5% of 0.33 = 0.0165: buy limit 0.3465 -> 0.34, sell 0.3135 -> 0.32.
    assertThat(px.bandLimit(Side.BUY, 330_000)).isEqualTo(340_000);
    assertThat(px.bandLimit(Side.SELL, 330_000)).isEqualTo(320_000);
    assertThat(px.bandLimit(Side.SELL, 10_000)).isEqualTo(10_000);
  }

  @Test
  void specValidation() {
    assertThatThrownBy(
            () ->
                new MarketSpec(
                    "ETH-USDC",
                    "ETH",
                    "USDC",
                    1_000_000,
                    100_000_000,
                    10_000,
                    1_000,
                    0,
                    500,
                    FeeSchedule.FREE,
                    0))
        .hasMessageContaining("multiple of quantityScale");
    assertThatThrownBy(
            () -> new MarketSpec("ETHUSDC", "ETH", "USDC", 1, 1, 1, 1, 0, 500, FeeSchedule.FREE, 0))
        .hasMessageContaining("BASE-QUOTE");
    assertThatThrownBy(
            () -> new MarketSpec("ETH-ETH", "ETH", "ETH", 1, 1, 1, 1, 0, 500, FeeSchedule.FREE, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new MarketSpec("eth-USDC", "eth", "USDC", 1, 1, 1, 1, 0, 500, FeeSchedule.FREE, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new MarketSpec("ETH-USDC", "ETH", "USDC", 3, 1, 1, 1, 0, 500, FeeSchedule.FREE, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new MarketSpec("ETH-USDC", "ETH", "USDC", 1, 1, 1, 1, 0, 0, FeeSchedule.FREE, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FeeSchedule(10_001, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FeeSchedule(0, 0, -1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ETH.quotePerTickLot()).isEqualTo(1);
  }
}
