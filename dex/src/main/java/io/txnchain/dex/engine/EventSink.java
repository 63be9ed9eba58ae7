package io.txnchain.dex.engine;

/** Receives the engine's events in emission order. */
@FunctionalInterface
public interface EventSink {
  /** Discards everything. */
  EventSink NONE =
      new EventSink() {
        @Override
        public void accept(DexEvent event) {}
      };

  /** One event. */
  void accept(DexEvent event);
}
