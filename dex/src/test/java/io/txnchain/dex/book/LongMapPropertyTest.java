package io.txnchain.dex.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LongMapPropertyTest {

  @Property(tries = 60)
  void behavesLikeATreeMap(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 5_000) int keySpace) {
    Random random = new Random(seed);
    LongMap<Long> map = new LongMap<>(4);
    TreeMap<Long, Long> model = new TreeMap<>();
    // Sequential keys (like order ids), negative keys and key-space collisions all appear.
    long base = random.nextBoolean() ? 0 : random.nextLong();
    for (int i = 0; i < 20_000; i++) {
      long key = base + random.nextInt(keySpace) * (random.nextBoolean() ? 1L : 1L << 16);
      int op = random.nextInt(10);
      if (op < 5) {
        long value = random.nextLong();
        assertThat(map.put(key, value)).isEqualTo(model.put(key, value));
      } else if (op < 8) {
        assertThat(map.remove(key)).isEqualTo(model.remove(key));
      } else {
        assertThat(map.get(key)).isEqualTo(model.get(key));
        assertThat(map.containsKey(key)).isEqualTo(model.containsKey(key));
      }
      assertThat(map.size()).isEqualTo(model.size());
    }
    long[] keys = map.sortedKeys();
    assertThat(keys).containsExactly(model.keySet().stream().mapToLong(Long::longValue).toArray());
    for (long k : keys) {
      assertThat(map.get(k)).isEqualTo(model.get(k));
    }
  }

  @Test
  void refusesNullValuesAndClears() {
    LongMap<String> map = new LongMap<>();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> map.put(1, null))
        .isInstanceOf(IllegalArgumentException.class);
    map.put(Long.MIN_VALUE, "min");
    map.put(Long.MAX_VALUE, "max");
    map.put(0, "zero");
    assertThat(map.sortedKeys()).containsExactly(Long.MIN_VALUE, 0, Long.MAX_VALUE);
    map.clear();
    assertThat(map.size()).isZero();
    assertThat(map.get(0)).isNull();
  }
}
