package io.txnchain.bench.dex;

import exchange.core2.collections.objpool.ObjectsPool;
import exchange.core2.core.ExchangeApi;
import exchange.core2.core.ExchangeCore;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.CoreWaitStrategy;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.api.ApiAddUser;
import exchange.core2.core.common.api.ApiAdjustUserBalance;
import exchange.core2.core.common.api.ApiCancelOrder;
import exchange.core2.core.common.api.ApiCommand;
import exchange.core2.core.common.api.ApiMoveOrder;
import exchange.core2.core.common.api.ApiNop;
import exchange.core2.core.common.api.ApiPlaceOrder;
import exchange.core2.core.common.api.binary.BatchAddSymbolsCommand;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.ExchangeConfiguration;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.common.config.OrdersProcessingConfiguration;
import exchange.core2.core.common.config.PerformanceConfiguration;
import exchange.core2.core.orderbook.IOrderBook;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import exchange.core2.core.orderbook.OrderBookEventsHelper;
import exchange.core2.core.orderbook.OrderBookNaiveImpl;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.ObjLongConsumer;

/**
 * exchange-core 0.5.3's side: its order book {@link OrderBookDirectImpl} driven directly (as its
 * own {@code ITOrderBookDirectImpl} performance test does), and its whole pipeline (grouping, risk
 * pre-hold R1, matching, risk release R2, results) through {@link ExchangeApi}.
 */
public final class ExchangeCoreRuns {
  /** The symbol id. */
  public static final int SYMBOL = 1;

  /** Currency codes (arbitrary). */
  public static final int BASE_CURRENCY = 10;

  /** See {@link #BASE_CURRENCY}. */
  public static final int QUOTE_CURRENCY = 20;

  /**
   * A spot pair with the same unit scales and per-lot fees as our market: one lot is one base unit,
   * one price step one quote unit, maker fee 1 and taker fee 2 quote units per lot.
   */
  public static final CoreSymbolSpecification SPEC =
      CoreSymbolSpecification.builder()
          .symbolId(SYMBOL)
          .type(SymbolType.CURRENCY_EXCHANGE_PAIR)
          .baseCurrency(BASE_CURRENCY)
          .quoteCurrency(QUOTE_CURRENCY)
          .baseScaleK(1)
          .quoteScaleK(1)
          .makerFee(OurRuns.MAKER_FEE_PER_LOT)
          .takerFee(OurRuns.TAKER_FEE_PER_LOT)
          .build();

  private ExchangeCoreRuns() {}

  // ---------------------------------------------------------------------- (a) order book alone

  /** A fresh {@link OrderBookDirectImpl} with the pool and events helper its own tests use. */
  public static OrderBookDirectImpl newDirectBook() {
    return new OrderBookDirectImpl(
        SPEC,
        ObjectsPool.createDefaultTestPool(),
        OrderBookEventsHelper.NON_POOLED_EVENTS_HELPER,
        LoggingConfiguration.DEFAULT);
  }

  /** A fresh {@link OrderBookNaiveImpl}, its reference implementation. */
  public static OrderBookNaiveImpl newNaiveBook() {
    return new OrderBookNaiveImpl(SPEC, LoggingConfiguration.DEFAULT);
  }

  /** Counts what a book run saw. */
  static final class Tally {
    long trades;
    long volume;
    long failures;
  }

  /** Fills the reused command object {@code cmd} with command {@code i}. */
  static void load(OrderCommand cmd, DexCommandStream s, int i) {
    cmd.matcherEvent = null;
    cmd.marketData = null;
    cmd.orderId = s.orderId[i];
    cmd.uid = s.user[i];
    cmd.symbol = SYMBOL;
    cmd.price = s.price[i];
    cmd.size = s.size[i];
    switch (s.type[i]) {
      case DexCommandStream.GTC, DexCommandStream.IOC -> {
        boolean bid = s.side[i] == DexCommandStream.BUY;
        cmd.command = OrderCommandType.PLACE_ORDER;
        cmd.orderType = s.type[i] == DexCommandStream.GTC ? OrderType.GTC : OrderType.IOC;
        cmd.action = bid ? OrderAction.BID : OrderAction.ASK;
        cmd.reserveBidPrice = bid ? DexCommandStream.RESERVE_BID_PRICE : 0;
        cmd.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
      }
      case DexCommandStream.CANCEL -> {
        cmd.command = OrderCommandType.CANCEL_ORDER;
        cmd.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
      }
      case DexCommandStream.MOVE -> {
        cmd.command = OrderCommandType.MOVE_ORDER;
        cmd.resultCode = CommandResultCode.VALID_FOR_MATCHING_ENGINE;
      }
      default -> throw new IllegalStateException("unknown command type " + s.type[i]);
    }
  }

  /** Applies commands {@code [from, to)} to {@code book}; counts trades from the event chains. */
  static void apply(
      IOrderBook book, OrderCommand cmd, DexCommandStream s, int from, int to, Tally t) {
    for (int i = from; i < to; i++) {
      load(cmd, s, i);
      CommandResultCode rc = IOrderBook.processCommand(book, cmd);
      if (rc != CommandResultCode.SUCCESS) {
        t.failures++;
      }
      for (MatcherTradeEvent e = cmd.matcherEvent; e != null; e = e.nextEvent) {
        if (e.eventType == MatcherEventType.TRADE) {
          t.trades++;
          t.volume += e.size;
        }
      }
    }
  }

  /** (a) exchange-core's {@link OrderBookDirectImpl}, one thread, no pipeline. */
  public static RunResult directBook(DexCommandStream s) {
    OrderBookDirectImpl book = newDirectBook();
    OrderCommand cmd = new OrderCommand();
    apply(book, cmd, s, 0, s.prefill, new Tally());
    Tally t = new Tally();
    long c0 = RunResult.threadCpu();
    long t0 = System.nanoTime();
    apply(book, cmd, s, s.prefill, s.length, t);
    long nanos = System.nanoTime() - t0;
    long cpu = RunResult.threadCpu() - c0;
    return new RunResult(
        "exchange-core: OrderBookDirectImpl",
        nanos,
        cpu,
        s.timedCommands(),
        t.trades,
        t.volume,
        t.failures,
        book.getOrdersNum(OrderAction.BID) + book.getOrdersNum(OrderAction.ASK));
  }

  // ---------------------------------------------------------------------- (b) full pipeline

  /** The stream as API commands, built once before any timing. */
  public static ApiCommand[] apiCommands(DexCommandStream s) {
    ApiCommand[] out = new ApiCommand[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] =
          switch (s.type[i]) {
            case DexCommandStream.GTC, DexCommandStream.IOC -> {
              boolean bid = s.side[i] == DexCommandStream.BUY;
              yield ApiPlaceOrder.builder()
                  .symbol(SYMBOL)
                  .uid(s.user[i])
                  .orderId(s.orderId[i])
                  .price(s.price[i])
                  .size(s.size[i])
                  .action(bid ? OrderAction.BID : OrderAction.ASK)
                  .orderType(s.type[i] == DexCommandStream.GTC ? OrderType.GTC : OrderType.IOC)
                  .reservePrice(bid ? DexCommandStream.RESERVE_BID_PRICE : 0)
                  .build();
            }
            case DexCommandStream.CANCEL ->
                ApiCancelOrder.builder()
                    .symbol(SYMBOL)
                    .uid(s.user[i])
                    .orderId(s.orderId[i])
                    .build();
            case DexCommandStream.MOVE ->
                ApiMoveOrder.builder()
                    .symbol(SYMBOL)
                    .uid(s.user[i])
                    .orderId(s.orderId[i])
                    .newPrice(s.price[i])
                    .build();
            default -> throw new IllegalStateException("unknown command type " + s.type[i]);
          };
    }
    return out;
  }

  /**
   * Receives every processed command on exchange-core's results thread: counts trades (from the
   * event chain) and result codes of order commands.
   */
  static final class ResultsCounter implements ObjLongConsumer<OrderCommand> {
    volatile boolean counting;
    long orderCommands;
    long trades;
    long volume;
    long failures;
    final Map<CommandResultCode, Long> failureCodes = new EnumMap<>(CommandResultCode.class);

    @Override
    public void accept(OrderCommand cmd, long seq) {
      OrderCommandType c = cmd.command;
      if (c != OrderCommandType.PLACE_ORDER
          && c != OrderCommandType.CANCEL_ORDER
          && c != OrderCommandType.MOVE_ORDER) {
        return;
      }
      if (cmd.resultCode != CommandResultCode.SUCCESS) {
        failures++;
        failureCodes.merge(cmd.resultCode, 1L, Long::sum);
      }
      if (!counting) {
        return;
      }
      orderCommands++;
      for (MatcherTradeEvent e = cmd.matcherEvent; e != null; e = e.nextEvent) {
        if (e.eventType == MatcherEventType.TRADE) {
          trades++;
          volume += e.size;
        }
      }
    }
  }

  /** Pipeline settings: the defaults of {@code baseBuilder()} except those named here. */
  public record PipelineConfig(int ringBufferSize, CoreWaitStrategy waitStrategy) {
    /** 64 Ki ring (as exchange-core's own throughput tests), YIELDING (best on 2 cores). */
    public static PipelineConfig standard() {
      return new PipelineConfig(64 * 1024, CoreWaitStrategy.YIELDING);
    }
  }

  static ExchangeConfiguration configuration(PipelineConfig pc) {
    return ExchangeConfiguration.defaultBuilder()
        .performanceCfg(
            PerformanceConfiguration.baseBuilder()
                .ringBufferSize(pc.ringBufferSize())
                .matchingEnginesNum(1)
                .riskEnginesNum(1)
                .waitStrategy(pc.waitStrategy())
                .orderBookFactory(OrderBookDirectImpl::new)
                .build())
        .ordersProcessingCfg(
            OrdersProcessingConfiguration.builder()
                .riskProcessingMode(
                    OrdersProcessingConfiguration.RiskProcessingMode.FULL_PER_CURRENCY)
                .marginTradingMode(
                    OrdersProcessingConfiguration.MarginTradingMode.MARGIN_TRADING_DISABLED)
                .build())
        .build();
  }

  /**
   * (b) exchange-core's whole pipeline: a fresh core (so that no idle pipeline thread spins while
   * anything else is measured), the symbol, every account funded, the prefill, all untimed; then
   * the timed commands are published with {@link ExchangeApi#submitCommand} and the clock stops
   * when a final no-op comes back, i.e. when the results stage has seen every command.
   */
  public static RunResult pipeline(DexCommandStream s, ApiCommand[] cmds, PipelineConfig pc) {
    ResultsCounter counter = new ResultsCounter();
    ExchangeCore core =
        ExchangeCore.builder()
            .resultsConsumer(counter)
            .exchangeConfiguration(configuration(pc))
            .build();
    core.startup();
    try {
      ExchangeApi api = core.getApi();
      CommandResultCode added = api.submitBinaryDataAsync(new BatchAddSymbolsCommand(SPEC)).join();
      if (added != CommandResultCode.SUCCESS) {
        throw new IllegalStateException("adding the symbol failed: " + added);
      }
      long tx = 1;
      for (long u = 1; u <= s.params.users(); u++) {
        api.submitCommand(ApiAddUser.builder().uid(u).build());
        api.submitCommand(
            ApiAdjustUserBalance.builder()
                .uid(u)
                .currency(QUOTE_CURRENCY)
                .amount(OurRuns.QUOTE_DEPOSIT)
                .transactionId(tx++)
                .build());
        api.submitCommand(
            ApiAdjustUserBalance.builder()
                .uid(u)
                .currency(BASE_CURRENCY)
                .amount(OurRuns.BASE_DEPOSIT)
                .transactionId(tx++)
                .build());
      }
      for (int i = 0; i < s.prefill; i++) {
        api.submitCommand(cmds[i]);
      }
      api.submitCommandAsync(ApiNop.builder().build()).join();
      if (counter.failures != 0) {
        throw new IllegalStateException("prefill failed: " + counter.failureCodes);
      }
      counter.counting = true;
      ApiNop done = ApiNop.builder().build();
      long c0 = RunResult.processCpu();
      long t0 = System.nanoTime();
      for (int i = s.prefill; i < s.length; i++) {
        api.submitCommand(cmds[i]);
      }
      api.submitCommandAsync(done).join();
      long nanos = System.nanoTime() - t0;
      long cpu = RunResult.processCpu() - c0;
      counter.counting = false;
      if (counter.orderCommands != s.timedCommands()) {
        throw new IllegalStateException(
            "results stage saw " + counter.orderCommands + " of " + s.timedCommands());
      }
      return new RunResult(
          "exchange-core: pipeline",
          nanos,
          cpu,
          s.timedCommands(),
          counter.trades,
          counter.volume,
          counter.failures,
          -1);
    } finally {
      core.shutdown();
    }
  }
}
