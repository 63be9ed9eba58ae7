package io.txnchain.dex.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.crypto.EthAddress;
import io.txnchain.wire.dex.OrderVectors;
import io.txnchain.wire.dex.SignedOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoggedCommandTest {
  static final EthAddress CALLER = OrderVectors.address(OrderVectors.TRADER);

  static List<AppCommand> commands() {
    return List.of(
        new AppCommand.Deposit(CALLER, "USDC", 10_000_000_000L),
        new AppCommand.Withdraw(CALLER, "ETH", 1),
        new AppCommand.PlaceOrder(
            CALLER, new SignedOrder(OrderVectors.domain(), OrderVectors.limitBuy(), new byte[65])),
        new AppCommand.PlaceOrder(
            CALLER,
            new SignedOrder(OrderVectors.domain(), OrderVectors.postOnlySell(), new byte[] {1, 2})),
        new AppCommand.PlaceOrder(
            CALLER, new SignedOrder(OrderVectors.domain(), OrderVectors.marketSell(), new byte[0])),
        new AppCommand.Cancel(CALLER, Long.MAX_VALUE),
        new AppCommand.CancelByClientId(CALLER, "ордер-3"),
        new AppCommand.CancelAll(CALLER, "ETH-USDC"),
        new AppCommand.CancelAll(CALLER, null));
  }

  @Test
  void everyKindRoundTrips() {
    for (AppCommand c : commands()) {
      LoggedCommand entry = new LoggedCommand(1_800_000_000_123L, "0xabc", c);
      assertThat(LoggedCommand.decode(entry.encode())).as("%s", c).isEqualTo(entry);
    }
  }

  @Test
  void corruptEntriesAreIllegalStateNotRejections() {
    byte[] good = new LoggedCommand(1, "0x", commands().get(2)).encode();
    assertThatThrownBy(() -> LoggedCommand.decode(Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> LoggedCommand.decode(Arrays.copyOf(good, good.length + 1)))
        .isInstanceOf(IllegalStateException.class);
    byte[] badVersion = good.clone();
    badVersion[0] = 9;
    assertThatThrownBy(() -> LoggedCommand.decode(badVersion))
        .isInstanceOf(IllegalStateException.class);
  }
}
