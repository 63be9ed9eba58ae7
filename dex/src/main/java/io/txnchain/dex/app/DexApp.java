package io.txnchain.dex.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.book.FastOrderBook;
import io.txnchain.dex.engine.DexEvent;
import io.txnchain.dex.engine.Engine;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.dex.order.OrderVerifier;
import io.txnchain.dex.settlement.BatchEncoder;
import io.txnchain.dex.settlement.ChainSettlement;
import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppHaltedException;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.tee.app.AppState;
import io.txnchain.tee.app.EnclaveApp;
import io.txnchain.wire.dex.OrderEncoder;
import java.util.List;
import java.util.Objects;

/**
 * Pixie DEX as an enclave app: EIP-712 signed orders, ideally sealed to the enclave so that nobody
 * sees them before their place in the ledger is fixed, matched by the {@link Engine} in ledger
 * order. Inputs and outputs are described in docs/dex.md.
 *
 * <p>The engine lives in memory. Every accepted command is appended, decoded, to a log in private
 * state together with the engine's state hash after it ({@link CommandLog}). Each execution first
 * checks that the in-memory engine is at the log's head; on the first execution after the app was
 * created (a node restart), or whenever they differ, the engine is rebuilt by replaying the log and
 * the recorded state hash is checked. A rebuild that does not reproduce it means this node computes
 * differently from the one that wrote the log: the app then throws {@link AppHaltedException} for
 * this and every later input.
 *
 * <p>Not thread-safe: the ledger executes one input at a time.
 */
public final class DexApp implements EnclaveApp {
  /** The registered name. */
  public static final String NAME = "dex";

  private final DexConfig config;
  private final ChainHook chain;
  private Exchange exchange;
  private String halted;

  /** The app over {@code config}; the engine is built on the first input. */
  public DexApp(DexConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.chain = null;
  }

  /**
   * The app over {@code config}, settling on chain as {@code settlement} says (docs/settlement.md).
   * Settlement must be on from the network's first deposit.
   */
  public DexApp(DexConfig config, ChainSettlement settlement) {
    this.config = Objects.requireNonNull(config, "config");
    this.chain = new ChainHook(config, Objects.requireNonNull(settlement, "settlement"));
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The app's own package and the packages it runs: engine, books, market arithmetic, order
   * verification, and the EIP-712 order format in the wire module.
   */
  @Override
  public List<Class<?>> codeAnchors() {
    return List.of(
        DexApp.class,
        Engine.class,
        FastOrderBook.class,
        MarketSpec.class,
        OrderVerifier.class,
        OrderEncoder.class,
        BatchEncoder.class);
  }

  /** The configuration. */
  public DexConfig config() {
    return config;
  }

  @Override
  public byte[] execute(AppContext ctx, byte[] input) throws AppRejectedException {
    if (halted != null) {
      throw new AppHaltedException(halted);
    }
    ObjectNode json = DexJson.parseObject(input);
    EthAddress caller = callerOf(ctx);
    if (chain != null && ChainHook.handles(json)) {
      AppCommand.Deposit deposit = chain.depositOf(ctx, json, caller);
      if (deposit == null) {
        return chain.execute(ctx, json, caller);
      }
      return run(ctx, current(ctx.privateState()), deposit);
    }
    if (!ctx.fromGovernance() && BalanceSnapshots.OP.equals(json.path("op").asText())) {
      return BalanceSnapshots.register(
          ctx, json, caller, current(ctx.privateState()).engine(), config);
    }
    Request request =
        Requests.parse(json, config, caller, ctx.inputWasSealed(), ctx.fromGovernance());
    Exchange ex = current(ctx.privateState());
    if (request instanceof Query q) {
      return DexJson.write(Queries.answer(q, ex, config, caller));
    }
    return run(ctx, ex, (AppCommand) request);
  }

  private static EthAddress callerOf(AppContext ctx) {
    try {
      return EthAddress.parse(ctx.caller());
    } catch (CryptoException e) {
      throw new AppHaltedException("the caller is not an Ethereum address", e);
    }
  }

  /** The exchange at the log's head, rebuilt when it is not (first use, or a dropped write). */
  private Exchange current(AppState state) {
    CommandLog.Head head = CommandLog.head(state);
    if (exchange != null && exchange.isAt(head)) {
      return exchange;
    }
    exchange = null;
    try {
      exchange = CommandLog.rebuild(config, state, head);
    } catch (IllegalStateException e) {
      halted = e.getMessage();
      throw e;
    }
    return exchange;
  }

  private byte[] run(AppContext ctx, Exchange ex, AppCommand c) throws AppRejectedException {
    Outcome out = ex.apply(ctx.blockTimeMillis(), ctx.txId(), c);
    if (!out.accepted()) {
      if (out.mutated()) {
        exchange = null;
      }
      throw Rejections.of(out.rejection(), config);
    }
    try {
      AppState state = ctx.privateState();
      long seq = ex.seq() + 1;
      byte[] stateHash = ex.engine().stateHash();
      if (seq == 1) {
        state.put(CommandLog.CONFIG, config.fingerprint());
      }
      CommandLog.append(
          state, seq, new LoggedCommand(ctx.blockTimeMillis(), ctx.txId(), c), stateHash);
      recordWithdrawal(ctx, c, out);
      if (chain != null) {
        chain.onAccepted(ctx, out);
      }
      PublicEvents.emit(ctx, out, ex.engine(), config);
      BalanceSnapshots.emitAfter(ctx, out, ex.engine(), config, c.caller());
      byte[] reply = DexJson.write(Replies.of(c, out, ex.engine(), config));
      ex.committed(seq, stateHash);
      return reply;
    } catch (RuntimeException e) {
      // The engine has moved on, but the ledger drops this execution's writes: rebuild next time.
      exchange = null;
      throw e;
    }
  }

  /** Keeps a withdrawal request where the settlement bridge will pick it up. */
  private void recordWithdrawal(AppContext ctx, AppCommand c, Outcome out) {
    if (!(c instanceof AppCommand.Withdraw w)) {
      return;
    }
    for (DexEvent e : out.events()) {
      if (e instanceof DexEvent.WithdrawalRequested r) {
        ObjectNode n = DexJson.object();
        n.put("withdrawalId", r.withdrawalId());
        n.put("address", w.caller().toChecksumHex());
        n.put("token", w.token());
        n.put("amount", Long.toString(w.amount()));
        n.put("txId", ctx.txId());
        n.put("blockHeight", ctx.blockHeight());
        n.put("blockTimeMillis", ctx.blockTimeMillis());
        ctx.privateState()
            .put(CommandLog.key(CommandLog.WITHDRAWAL_PREFIX, r.withdrawalId()), DexJson.write(n));
      }
    }
  }

  /** The in-memory engine's state hash, or {@code null} before the first input; for tests. */
  byte[] engineStateHash() {
    return exchange == null ? null : exchange.engine().stateHash();
  }
}
