package io.txnchain.dex.book;

import io.txnchain.wire.dex.Side;
import java.util.ArrayList;
import java.util.List;

/** Records every listener call as a string, for comparing two books call by call. */
final class RecordingListener implements MatchListener {
  final List<String> calls = new ArrayList<>();

  @Override
  public void trade(
      long makerOrderId, long makerAccount, long price, long quantity, long makerRemaining) {
    calls.add(
        "trade "
            + makerOrderId
            + " "
            + makerAccount
            + " "
            + price
            + " "
            + quantity
            + " "
            + makerRemaining);
  }

  @Override
  public void makerExpired(long makerOrderId, long makerAccount, long price, long remaining) {
    calls.add("expired " + makerOrderId + " " + makerAccount + " " + price + " " + remaining);
  }

  @Override
  public void levelChanged(Side side, long price, long totalQuantity) {
    calls.add("level " + side + " " + price + " " + totalQuantity);
  }
}
