package io.txnchain.wire.dex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code uint8} codes are signed by traders, so they can never change. */
class EnumCodesTest {

  @Test
  void enumCodesAreStable() {
    assertThat(Side.fromCode(0)).isEqualTo(Side.BUY);
    assertThat(Side.fromCode(1)).isEqualTo(Side.SELL);
    assertThat(Side.fromCode(2)).isNull();
    assertThat(Side.BUY.opposite()).isEqualTo(Side.SELL);
    assertThat(OrderType.fromCode(0)).isEqualTo(OrderType.LIMIT);
    assertThat(OrderType.fromCode(1)).isEqualTo(OrderType.MARKET);
    assertThat(OrderType.fromCode(2)).isNull();
    assertThat(TimeInForce.fromCode(2)).isEqualTo(TimeInForce.FOK);
    assertThat(TimeInForce.fromCode(3)).isNull();
    assertThat(SelfTradePrevention.fromCode(2)).isEqualTo(SelfTradePrevention.EXPIRE_BOTH);
    assertThat(SelfTradePrevention.fromCode(-1)).isNull();
  }
}
