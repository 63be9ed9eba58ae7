package io.txnchain.dex.engine;

import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderEncoder;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.SignedOrder;
import io.txnchain.wire.dex.TimeInForce;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded stream of engine commands shaped like the benchmark (mostly GTC limits and cancels, some
 * IOC and cancel-replace) plus FOK, post-only, market orders, client ids, cancel-all, transfers,
 * signed orders (and replays of them), self-trades and invalid input, over three markets with real
 * decimals and fees. The stream learns from the events it is fed which orders rest, so cancels and
 * replaces mostly hit live orders.
 */
final class CommandStream {
  static final int TRADERS = 6;

  private static final String[] MARKETS = {"ETH-USDC", "BTC-USDC", "ETH-BTC"};
  private static final long[] MID = {2_000_000_000L, 60_000_000_000L, 5_000_000};
  private static final long[] TICK = {10_000, 1_000_000, 1_000};
  private static final long[] LOT = {10_000, 1_000, 100_000};
  private static final long[] STEP_TICKS = {100, 5, 10};
  private static final long[] LOTS = {100, 200, 20};
  private static final String[] TOKENS = {"BTC", "ETH", "USDC"};
  private static final long[] FUNDING = {2_000_000_000L, 200_000_000_000L, 50_000_000_000_000L};

  /** ETH-USDC, BTC-USDC, ETH-BTC (a tight 0.5% band) with fees in bps and per lot. */
  static EngineConfig config() {
    return new EngineConfig(
        List.of(
            market(
                "ETH-USDC",
                1_000_000,
                10_000,
                10_000,
                1_000_000,
                500,
                new FeeSchedule(5, 10, 0, 1),
                Harness.FEES),
            market(
                "BTC-USDC",
                1_000_000,
                1_000_000,
                1_000,
                10_000_000,
                300,
                FeeSchedule.bps(0, 25),
                Harness.FEES),
            market("ETH-BTC", 100_000_000, 1_000, 100_000, 0, 50, new FeeSchedule(2, 4, 3, 3), 99)),
        Harness.DOMAIN);
  }

  private static MarketSpec market(
      String symbol,
      long priceScale,
      long tick,
      long lot,
      long minNotional,
      long band,
      FeeSchedule fees,
      long feeAccount) {
    String[] t = symbol.split("-");
    return new MarketSpec(
        symbol,
        t[0],
        t[1],
        priceScale,
        100_000_000,
        tick,
        lot,
        minNotional,
        band,
        fees,
        feeAccount);
  }

  private final Random random;
  private final long[] mid = MID.clone();
  private final Secp256k1KeyPair[] keys = new Secp256k1KeyPair[TRADERS];
  private final List<Long> liveIds = new ArrayList<>();
  private final List<Long> liveOwners = new ArrayList<>();
  private final List<Long> deadIds = new ArrayList<>();
  private final List<SignedOrder> signed = new ArrayList<>();
  private int setup;
  private long nonce;

  CommandStream(long seed) {
    random = new Random(seed);
    for (int i = 0; i < TRADERS; i++) {
      byte[] priv = new byte[32];
      priv[0] = 0x42;
      priv[31] = (byte) (i + 1);
      keys[i] = Secp256k1KeyPair.fromPrivateKey(priv);
    }
  }

  /** Tracks which orders rest. */
  void observe(List<DexEvent> events) {
    for (DexEvent e : events) {
      if (e instanceof DexEvent.OrderAccepted a) {
        liveIds.add(a.orderId());
        liveOwners.add(a.account());
      } else if (e instanceof DexEvent.OrderFilled f) {
        forget(f.orderId());
      } else if (e instanceof DexEvent.OrderCancelled c) {
        forget(c.orderId());
      } else if (e instanceof DexEvent.OrderExpired x) {
        forget(x.orderId());
      }
    }
  }

  private void forget(long orderId) {
    int i = liveIds.indexOf(orderId);
    if (i >= 0) {
      liveIds.remove(i);
      liveOwners.remove(i);
      deadIds.add(orderId);
      if (deadIds.size() > 50) {
        deadIds.remove(0);
      }
    }
  }

  Command next() {
    if (setup < TRADERS) {
      // Registration order makes trader i account i + 1.
      return new Command.Register(keys[setup++].address());
    }
    if (setup < TRADERS + TRADERS * TOKENS.length) {
      int k = setup++ - TRADERS;
      int t = k % TOKENS.length;
      return new Command.Deposit(1 + k / TOKENS.length, TOKENS[t], FUNDING[t]);
    }
    long trader = 1 + random.nextInt(TRADERS);
    int m = random.nextInt(MARKETS.length);
    if (random.nextInt(50) == 0) {
      long step = TICK[m] * STEP_TICKS[m];
      mid[m] = Math.max(step * 40, mid[m] + (random.nextInt(3) - 1) * step);
    }
    int roll = random.nextInt(1000);
    if (roll < 400) {
      return limit(trader, m, TimeInForce.GTC, random.nextInt(8) == 0);
    }
    if (roll < 500) {
      return limit(trader, m, TimeInForce.IOC, false);
    }
    if (roll < 530) {
      return limit(trader, m, TimeInForce.FOK, false);
    }
    if (roll < 570) {
      Command.Place p = Command.Place.market(trader, MARKETS[m], side(), lots(m));
      return random.nextBoolean() ? p : p.withTimeInForce(TimeInForce.FOK);
    }
    if (roll < 800) {
      if (!deadIds.isEmpty() && (liveIds.isEmpty() || random.nextInt(10) == 0)) {
        return new Command.Cancel(trader, deadIds.get(random.nextInt(deadIds.size())));
      }
      if (liveIds.isEmpty()) {
        return limit(trader, m, TimeInForce.GTC, false);
      }
      int i = random.nextInt(liveIds.size());
      long owner = random.nextInt(20) == 0 ? trader : liveOwners.get(i);
      return new Command.Cancel(owner, liveIds.get(i));
    }
    if (roll < 900) {
      if (liveIds.isEmpty()) {
        return limit(trader, m, TimeInForce.GTC, false);
      }
      int i = random.nextInt(liveIds.size());
      int index = (int) (liveIds.get(i) & 0xffff);
      // Market indexes follow the sorted symbols: BTC-USDC, ETH-BTC, ETH-USDC.
      int mi = index == 0 ? 1 : index == 1 ? 2 : 0;
      return new Command.Replace(liveOwners.get(i), liveIds.get(i), price(mi, side()), lots(mi));
    }
    if (roll < 930) {
      return new Command.CancelByClientId(trader, "c" + random.nextInt(20));
    }
    if (roll < 935) {
      return new Command.CancelAll(trader, random.nextBoolean() ? null : MARKETS[m]);
    }
    if (roll < 955) {
      return signedOrder(trader, m);
    }
    if (roll < 975) {
      int t = random.nextInt(TOKENS.length);
      long amount = 1 + random.nextInt(1_000_000);
      return random.nextBoolean()
          ? new Command.Deposit(trader, TOKENS[t], amount)
          : new Command.Withdraw(trader, TOKENS[t], amount * 1_000);
    }
    return invalid(trader, m);
  }

  private Command signedOrder(long trader, int m) {
    if (!signed.isEmpty() && random.nextInt(5) == 0) {
      // A replay of an earlier signed order, or a new order reusing its nonce.
      SignedOrder old = signed.get(random.nextInt(signed.size()));
      if (random.nextBoolean()) {
        return new Command.PlaceSigned(old);
      }
      Order o = old.order();
      Order sameNonce =
          new Order(
              o.trader(),
              o.market(),
              o.side(),
              o.orderType(),
              o.price(),
              o.quantity() * 2,
              o.timeInForce(),
              o.postOnly(),
              o.selfTradePrevention(),
              o.payAddress(),
              o.receiveAddress(),
              o.nonce(),
              o.expiry(),
              o.clientOrderId());
      return new Command.PlaceSigned(sign(keyOf(o.trader()), sameNonce));
    }
    Command.Place p = limit(trader, m, TimeInForce.GTC, false);
    Secp256k1KeyPair key = keys[(int) trader - 1];
    EthAddress zero = new EthAddress(new byte[20]);
    long expiry = random.nextInt(10) == 0 ? 1 : 0;
    Order o =
        new Order(
            key.address(),
            p.market(),
            p.side(),
            p.type(),
            p.price(),
            p.quantity(),
            p.timeInForce(),
            p.postOnly(),
            p.selfTradePrevention(),
            zero,
            zero,
            nonce++,
            expiry,
            p.clientOrderId() == null ? "" : p.clientOrderId());
    SignedOrder so = sign(key, o);
    signed.add(so);
    return new Command.PlaceSigned(so);
  }

  private Secp256k1KeyPair keyOf(EthAddress address) {
    for (Secp256k1KeyPair k : keys) {
      if (k.address().equals(address)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no key for " + address);
  }

  private static SignedOrder sign(Secp256k1KeyPair key, Order o) {
    return new SignedOrder(
        Harness.DOMAIN, o, key.sign(OrderEncoder.digest(Harness.DOMAIN, o)).toBytes65());
  }

  private Command invalid(long trader, int m) {
    Side side = side();
    switch (random.nextInt(6)) {
      case 0:
        return Command.Place.limit(trader, MARKETS[m], side, price(m, side) + 1, lots(m));
      case 1:
        return Command.Place.limit(trader, MARKETS[m], side, price(m, side), lots(m) + 1);
      case 2:
        return Command.Place.limit(trader, "XRP-USDC", side, price(m, side), lots(m));
      case 3:
        return Command.Place.limit(
            trader, MARKETS[m], side, Long.MAX_VALUE / TICK[m] * TICK[m], LOT[m] * 100_000_000);
      case 4:
        return Command.Place.limit(
            trader, MARKETS[m], side, price(m, side), LOT[m] * 1_000_000_000L);
      default:
        return Command.Place.limit(trader, MARKETS[m], side, TICK[m], LOT[m]);
    }
  }

  private Command.Place limit(long trader, int m, TimeInForce tif, boolean postOnly) {
    SelfTradePrevention stp = SelfTradePrevention.values()[random.nextInt(3)];
    String clientId = random.nextInt(10) == 0 ? "c" + random.nextInt(20) : null;
    Side side = side();
    return new Command.Place(
        trader,
        MARKETS[m],
        side,
        OrderType.LIMIT,
        price(m, side),
        lots(m),
        tif,
        postOnly,
        stp,
        clientId);
  }

  private Side side() {
    return random.nextBoolean() ? Side.BUY : Side.SELL;
  }

  /** Mostly on the order's own side of the mid, so that the book builds depth; sometimes across. */
  private long price(int m, Side side) {
    long offset = (random.nextInt(24) - 3) * TICK[m] * STEP_TICKS[m];
    return side == Side.BUY ? mid[m] - offset : mid[m] + offset;
  }

  private long lots(int m) {
    return (1 + random.nextInt(30)) * LOTS[m] * LOT[m];
  }
}
