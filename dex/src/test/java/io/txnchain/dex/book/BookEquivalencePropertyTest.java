package io.txnchain.dex.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link FastOrderBook} and {@link NaiveOrderBook} driven directly with the same random operations,
 * including books with hundreds of levels so that levels are inserted and removed away from the
 * best price and the level arrays grow: every listener call, outcome, query and hash must agree.
 */
class BookEquivalencePropertyTest {

  @Property(tries = 60)
  void fastAndNaiveBooksAgree(
      @ForAll long seed, @ForAll @IntRange(min = 2, max = 600) int priceLevels) {
    Random random = new Random(seed);
    FastOrderBook fast = new FastOrderBook(4);
    NaiveOrderBook naive = new NaiveOrderBook();
    List<Long> ids = new ArrayList<>();
    long nextId = 1;
    for (int i = 0; i < 4_000; i++) {
      RecordingListener f = new RecordingListener();
      RecordingListener n = new RecordingListener();
      int op = random.nextInt(10);
      long account = random.nextInt(5);
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      // Buys mostly below 1000 + levels/2, sells mostly above: a deep book that still crosses.
      long center = 1_000 + priceLevels / 2;
      long away = random.nextInt(priceLevels) - priceLevels / 10;
      long price = Math.max(1, side == Side.BUY ? center - away : center + away);
      if (op < 6) {
        long qty = 1 + random.nextInt(50);
        boolean rest = random.nextInt(5) != 0;
        SelfTradePrevention stp = SelfTradePrevention.values()[random.nextInt(3)];
        int flags = random.nextInt(8);
        long wanted = 1 + random.nextInt(200);
        assertThat(fast.fillable(account, side, price, stp, wanted))
            .isEqualTo(naive.fillable(account, side, price, stp, wanted));
        assertThat(fast.crosses(side, price)).isEqualTo(naive.crosses(side, price));
        long id = nextId++;
        TakerOutcome a = fast.submit(id, account, side, price, qty, rest, stp, flags, f);
        TakerOutcome b = naive.submit(id, account, side, price, qty, rest, stp, flags, n);
        assertThat(a).isEqualTo(b);
        if (a == TakerOutcome.RESTED) {
          ids.add(id);
        }
      } else if (op < 9 && !ids.isEmpty()) {
        long id = ids.remove(random.nextInt(ids.size()));
        assertThat(fast.cancel(id, f)).isEqualTo(naive.cancel(id, n));
      } else {
        long[] a = fast.orderIdsOf(account);
        assertThat(a).containsExactly(naive.orderIdsOf(account));
        for (long id : a) {
          RestingOrder x = fast.find(id);
          RestingOrder y = naive.find(id);
          assertThat(List.of(x.id(), x.account(), x.price(), x.remaining(), (long) x.flags()))
              .isEqualTo(List.of(y.id(), y.account(), y.price(), y.remaining(), (long) y.flags()));
          assertThat(x.side()).isEqualTo(y.side());
        }
      }
      assertThat(f.calls).as("listener calls of step %d", i).isEqualTo(n.calls);
      assertThat(fast.orderCount()).isEqualTo(naive.orderCount());
      assertThat(fast.bestPrice(Side.BUY)).isEqualTo(naive.bestPrice(Side.BUY));
      assertThat(fast.bestPrice(Side.SELL)).isEqualTo(naive.bestPrice(Side.SELL));
      if (i % 100 == 0) {
        assertThat(fast.stateHash()).isEqualTo(naive.stateHash());
      }
    }
    assertThat(fast.stateHash()).isEqualTo(naive.stateHash());
  }
}
