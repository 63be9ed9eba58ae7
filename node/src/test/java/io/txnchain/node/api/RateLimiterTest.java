package io.txnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Token buckets on a clock the test moves. */
class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstThenTheSustainedRate() {
    RateLimiter l = new RateLimiter(10, 20, 1000);
    long t = 5 * SECOND;
    for (int i = 0; i < 20; i++) {
      assertThat(l.acquire("a", t)).as("request %d of the burst", i).isZero();
    }
    assertThat(l.acquire("a", t)).isEqualTo(1);
    // 10 per second: after 0.5 s, five more.
    t += SECOND / 2;
    for (int i = 0; i < 5; i++) {
      assertThat(l.acquire("a", t)).isZero();
    }
    assertThat(l.acquire("a", t)).isPositive();
    // Other keys have their own bucket.
    assertThat(l.acquire("b", t)).isZero();
  }

  @Test
  void retryAfterCoversTheWait() {
    RateLimiter l = new RateLimiter(1, 1, 1000);
    long t = 0;
    assertThat(l.acquire("a", t)).isZero();
    assertThat(l.acquire("a", t)).isEqualTo(1);
    assertThat(l.acquire("a", t + SECOND)).isZero();
    RateLimiter slow = new RateLimiter(1, 1, 1000);
    assertThat(slow.acquire("x", t)).isZero();
    // Refused requests do not push the next grant further out.
    for (int i = 0; i < 10; i++) {
      assertThat(slow.acquire("x", t + i * SECOND / 20)).isEqualTo(1);
    }
    assertThat(slow.acquire("x", t + SECOND)).isZero();
  }

  @Test
  void idleBucketsAreDroppedWhenTheMapIsFull() {
    RateLimiter l = new RateLimiter(100, 1, 10);
    for (int i = 0; i < 50; i++) {
      l.acquire("k" + i, 0);
    }
    // All of them are full again one second later, so they can be forgotten; the newcomer is
    // still served and the map shrinks.
    assertThat(l.keys()).isEqualTo(50);
    assertThat(l.acquire("new", SECOND)).isZero();
    assertThat(l.keys()).isEqualTo(1);
    assertThat(l.acquire("k0", SECOND)).isZero();
  }
}
