package io.txnchain.dex.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The fast engine and the naive engine, fed the same seeded command streams, emit the same events,
 * keep the invariants after every command, and agree on {@link Engine#stateHash()}.
 */
class EngineEquivalencePropertyTest {
  static final int COMMANDS = 1_500;
  static final int HASH_EVERY = 50;

  @Property(tries = 40)
  void fastAndNaiveEnginesAgree(@ForAll long seed) {
    Engine fast = Engine.create(CommandStream.config());
    Engine naive = Engine.naive(CommandStream.config());
    CommandStream stream = new CommandStream(seed);
    int trades = 0;
    for (int i = 1; i <= COMMANDS; i++) {
      Command c = stream.next();
      List<DexEvent> fastEvents = new ArrayList<>();
      List<DexEvent> naiveEvents = new ArrayList<>();
      fast.apply(Harness.NOW + i, c, fastEvents::add);
      naive.apply(Harness.NOW + i, c, naiveEvents::add);
      assertThat(fastEvents).as("events of command %d: %s", i, c).isEqualTo(naiveEvents);
      fast.checkInvariants();
      naive.checkInvariants();
      assertThat(fast.conservationHolds()).isTrue();
      if (i % HASH_EVERY == 0) {
        assertThat(fast.stateHash()).as("state after command %d", i).isEqualTo(naive.stateHash());
      }
      for (DexEvent e : fastEvents) {
        if (e instanceof DexEvent.Trade) {
          trades++;
        }
      }
      stream.observe(fastEvents);
    }
    assertThat(fast.stateHash()).isEqualTo(naive.stateHash());
    assertThat(trades).as("the stream must actually trade").isGreaterThan(50);
  }

  @Property(tries = 5)
  void sameStreamTwiceGivesTheSameStateBitForBit(@ForAll long seed) {
    byte[] first = run(seed);
    byte[] second = run(seed);
    assertThat(second).isEqualTo(first);
  }

  private static byte[] run(long seed) {
    Engine engine = Engine.create(CommandStream.config());
    CommandStream stream = new CommandStream(seed);
    for (int i = 1; i <= COMMANDS; i++) {
      List<DexEvent> events = new ArrayList<>();
      engine.apply(Harness.NOW + i, stream.next(), events::add);
      stream.observe(events);
    }
    return engine.stateHash();
  }
}
