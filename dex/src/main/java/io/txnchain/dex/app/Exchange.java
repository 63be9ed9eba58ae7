package io.txnchain.dex.app;

import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.engine.Command;
import io.txnchain.dex.engine.DexEvent;
import io.txnchain.dex.engine.Engine;
import io.txnchain.dex.engine.EventSink;
import io.txnchain.dex.engine.RejectReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * The in-memory exchange: the engine, each market's most recent trades, and the position in the
 * command log the engine reflects. Live execution and replay both go through {@link #apply}, which
 * is what makes a rebuilt exchange equal to the one it replaces.
 *
 * <p>Invariant: a refused command leaves the engine unchanged (the engine refuses atomically; the
 * one two-step command, a first deposit that registers the account, is checked up front), except
 * where {@link Outcome#mutated()} says otherwise.
 */
final class Exchange {
  /** How many trades per market the {@code trades} query can show. */
  static final int RECENT_TRADES = 100;

  private final Engine engine;
  private final TreeMap<String, ArrayDeque<RecentTrade>> recent = new TreeMap<>();
  private long seq;
  private byte[] stateHash;

  Exchange(DexConfig config) {
    this.engine = Engine.create(config.engineConfig());
    for (String market : marketSymbols(config)) {
      recent.put(market, new ArrayDeque<>());
    }
  }

  private static List<String> marketSymbols(DexConfig config) {
    List<String> out = new ArrayList<>();
    config.markets().forEach(m -> out.add(m.symbol()));
    return out;
  }

  Engine engine() {
    return engine;
  }

  /** The sequence number of the last logged command the engine reflects; 0 for none. */
  long seq() {
    return seq;
  }

  /** Whether the engine reflects exactly the log whose head is {@code head}. */
  boolean isAt(CommandLog.Head head) {
    return seq == head.seq() && Arrays.equals(stateHash, head.stateHash());
  }

  /** Records that the engine now reflects log entry {@code seq}, with this state hash. */
  void committed(long newSeq, byte[] newStateHash) {
    this.seq = newSeq;
    this.stateHash = newStateHash == null ? null : newStateHash.clone();
  }

  /** Runs one command at block time {@code time} in transaction {@code txId}. */
  Outcome apply(long time, String txId, AppCommand c) {
    List<DexEvent> events = new ArrayList<>();
    EventSink sink = events::add;
    boolean registered = false;
    if (c instanceof AppCommand.Deposit d) {
      long account = engine.accountOf(d.caller());
      if (engine.deposited(d.token()) > Long.MAX_VALUE - d.amount()) {
        // Refused before registering, so that a refused deposit leaves no account behind.
        DexEvent r =
            new DexEvent.TransferRejected(account, d.token(), d.amount(), RejectReason.OVERFLOW);
        return new Outcome(List.of(r), r, false, List.of());
      }
      if (account < 0) {
        engine.apply(time, new Command.Register(d.caller()), sink);
        registered = true;
        account = engine.accountOf(d.caller());
      }
      engine.apply(time, new Command.Deposit(account, d.token(), d.amount()), sink);
    } else if (c instanceof AppCommand.Withdraw w) {
      engine.apply(time, new Command.Withdraw(account(w.caller()), w.token(), w.amount()), sink);
    } else if (c instanceof AppCommand.PlaceOrder p) {
      engine.apply(time, new Command.PlaceSigned(p.order()), sink);
    } else if (c instanceof AppCommand.Cancel x) {
      engine.apply(time, new Command.Cancel(account(x.caller()), x.orderId()), sink);
    } else if (c instanceof AppCommand.CancelByClientId x) {
      engine.apply(
          time, new Command.CancelByClientId(account(x.caller()), x.clientOrderId()), sink);
    } else if (c instanceof AppCommand.CancelAll x) {
      engine.apply(time, new Command.CancelAll(account(x.caller()), x.market()), sink);
    } else if (c instanceof AppCommand.SetFees f) {
      engine.apply(time, new Command.SetFees(f.market(), f.fees()), sink);
    } else {
      throw new IllegalArgumentException("unknown command " + c);
    }
    DexEvent rejection = null;
    List<String> tradeIds = new ArrayList<>();
    for (DexEvent e : events) {
      if (e instanceof DexEvent.OrderRejected || e instanceof DexEvent.TransferRejected) {
        rejection = e;
      } else if (e instanceof DexEvent.Trade) {
        tradeIds.add(txId + "-" + tradeIds.size());
      }
    }
    if (rejection == null) {
      remember(events, tradeIds, time);
    }
    return new Outcome(events, rejection, rejection != null && registered, tradeIds);
  }

  /** The account id of {@code address}, or -1, which owns nothing and no order. */
  private long account(EthAddress address) {
    return engine.accountOf(address);
  }

  private void remember(List<DexEvent> events, List<String> tradeIds, long time) {
    int n = 0;
    for (DexEvent e : events) {
      if (e instanceof DexEvent.Trade t) {
        ArrayDeque<RecentTrade> ring = recent.get(t.market());
        ring.addFirst(
            new RecentTrade(
                tradeIds.get(n++), t.sequence(), t.price(), t.quantity(), t.takerSide(), time));
        if (ring.size() > RECENT_TRADES) {
          ring.removeLast();
        }
      }
    }
  }

  /** Up to {@code limit} of {@code market}'s most recent trades, newest first. */
  List<RecentTrade> recentTrades(String market, int limit) {
    List<RecentTrade> out = new ArrayList<>();
    for (Iterator<RecentTrade> it = recent.get(market).iterator();
        it.hasNext() && out.size() < limit; ) {
      out.add(it.next());
    }
    return out;
  }
}
