package io.txnchain.dex.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Hashes;
import io.txnchain.dex.engine.DexEvent;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.dex.settlement.Batch;
import io.txnchain.dex.settlement.BatchEncoder;
import io.txnchain.dex.settlement.BatchJson;
import io.txnchain.dex.settlement.ChainSettlement;
import io.txnchain.dex.settlement.Delta;
import io.txnchain.dex.settlement.Withdrawal;
import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppHaltedException;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.tee.app.AppState;
import io.txnchain.wire.dex.Side;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settlement on chain, inside the enclave (docs/settlement.md). After every accepted command it
 * nets the command's trades per (account, token) and collects withdrawals into the pending batch;
 * it cuts a batch when the pending one reaches {@code maxDeltas} balance changes or when the bridge
 * asks, and signs it with the enclave's settlement key. The bridge operator reports chain deposits
 * (credited in deposit-id order, each exactly once) and settled batches.
 *
 * <p>Everything here is deterministic: state is read and written in key order, maps are sorted, and
 * signatures use RFC 6979 nonces, so every replica writes the same bytes.
 */
final class ChainHook {
  static final String NOT_OPERATOR = "not_operator";
  static final String DEPOSIT_ALREADY_CREDITED = "deposit_already_credited";
  static final String DEPOSIT_OUT_OF_ORDER = "deposit_out_of_order";
  static final String DEPOSIT_CONFLICT = "deposit_conflict";
  static final String UNKNOWN_BATCH = "unknown_batch";

  private static final List<String> OPS =
      List.of("chainDeposit", "settleBatch", "batchSettled", "settlementStatus");
  private static final byte[] NEXT_DEPOSIT = ascii("settle/next-deposit");
  private static final byte[] PENDING = ascii("settle/pending");
  private static final byte[] NEXT_BATCH = ascii("settle/next-batch");
  private static final byte[] CONFIRMED = ascii("settle/confirmed");
  private static final byte[] ACCOUNT_PREFIX = ascii("settle/account/");
  private static final byte[] BATCH_PREFIX = ascii("settle/batch/");
  private static final byte[] DEPOSIT_PREFIX = ascii("settle/deposit/");

  private final DexConfig config;
  private final ChainSettlement chain;

  ChainHook(DexConfig config, ChainSettlement chain) {
    this.config = config;
    this.chain = chain;
    for (TokenSpec t : config.tokens()) {
      if (!chain.tokens().containsKey(t.symbol())) {
        throw new IllegalArgumentException("token " + t.symbol() + " has no chain address");
      }
    }
  }

  static boolean handles(JsonNode input) {
    return OPS.contains(input.path("op").asText());
  }

  /**
   * For {@code chainDeposit}: checks it and returns the deposit to credit, having advanced the next
   * deposit id in this execution's writes (dropped with them if the deposit is refused). For the
   * other operations: null.
   */
  AppCommand.Deposit depositOf(AppContext ctx, ObjectNode in, EthAddress caller)
      throws AppRejectedException {
    if (!"chainDeposit".equals(in.path("op").asText())) {
      return null;
    }
    requireOperator(caller);
    AppState s = ctx.privateState();
    long id = positive(in, "depositId");
    long next = Math.max(1, readLong(s, NEXT_DEPOSIT));
    EthAddress account = address(in, "account");
    EthAddress token = address(in, "token");
    long amount = positive(in, "amount");
    byte[] fingerprint =
        Hashes.keccak256(
            account.bytes20(), token.bytes20(), ByteBuffer.allocate(8).putLong(amount).array());
    if (id < next) {
      byte[] credited = s.get(CommandLog.key(DEPOSIT_PREFIX, id));
      if (credited != null && !Arrays.equals(credited, fingerprint)) {
        // The chain now holds another deposit under this id: a reorganisation deeper than the
        // bridge's confirmations. What was credited stays; an operator must look.
        throw new AppRejectedException(
            DEPOSIT_CONFLICT, "deposit " + id + " was credited with other details");
      }
      throw new AppRejectedException(
          DEPOSIT_ALREADY_CREDITED, "deposit " + id + " was credited before");
    }
    if (id > next) {
      throw new AppRejectedException(
          DEPOSIT_OUT_OF_ORDER, "deposits are credited in id order; next is " + next);
    }
    String symbol = chain.symbolOf(token);
    if (symbol == null) {
      throw new AppRejectedException("unknown_token", "the token is not settled on this chain");
    }
    writeLong(s, NEXT_DEPOSIT, id + 1);
    s.put(CommandLog.key(DEPOSIT_PREFIX, id), fingerprint);
    return new AppCommand.Deposit(account, symbol, amount);
  }

  /** {@code settleBatch}, {@code batchSettled} and {@code settlementStatus}. */
  byte[] execute(AppContext ctx, ObjectNode in, EthAddress caller) throws AppRejectedException {
    String op = in.path("op").asText();
    AppState s = ctx.privateState();
    if (op.equals("settlementStatus")) {
      ObjectNode out = DexJson.object();
      out.put("signer", chain.signer().address().toChecksumHex());
      out.put("nextDepositId", Math.max(1, readLong(s, NEXT_DEPOSIT)));
      out.put("lastSettledBatch", readLong(s, CONFIRMED));
      out.put("nextBatchId", Math.max(1, readLong(s, NEXT_BATCH)));
      return DexJson.write(out);
    }
    requireOperator(caller);
    if (op.equals("settleBatch")) {
      long wanted = readLong(s, CONFIRMED) + 1;
      byte[] open = s.get(CommandLog.key(BATCH_PREFIX, wanted));
      if (open == null && cut(s)) {
        open = s.get(CommandLog.key(BATCH_PREFIX, wanted));
      }
      ObjectNode out = DexJson.object();
      out.set("batch", open == null ? null : stored(open));
      return DexJson.write(out);
    }
    // batchSettled
    long id = positive(in, "batchId");
    long confirmed = readLong(s, CONFIRMED);
    byte[] stored = s.get(CommandLog.key(BATCH_PREFIX, id));
    if (id != confirmed + 1 || stored == null) {
      throw new AppRejectedException(
          UNKNOWN_BATCH, "the next batch to confirm is " + (confirmed + 1));
    }
    String txHash = in.path("txHash").asText("");
    if (!txHash.matches("0x[0-9a-fA-F]{64}")) {
      throw new AppRejectedException(Codes.INVALID_FIELD, "txHash must be a 32-byte hex hash");
    }
    long block = positive(in, "blockNumber");
    ObjectNode batch = stored(stored);
    batch.put("txHash", txHash);
    batch.put("blockNumber", block);
    s.put(CommandLog.key(BATCH_PREFIX, id), DexJson.write(batch));
    writeLong(s, CONFIRMED, id);
    ObjectNode event = DexJson.object();
    event.put("batchId", id);
    event.put("txHash", txHash);
    event.put("blockNumber", block);
    event.set("txIds", batch.get("txIds"));
    ctx.emit("settlement", DexJson.write(event));
    ObjectNode out = DexJson.object();
    out.put("batchId", id);
    out.put("status", "recorded");
    return DexJson.write(out);
  }

  /** Folds an accepted command's trades and withdrawals into the pending batch. */
  void onAccepted(AppContext ctx, Outcome out) {
    AppState s = ctx.privateState();
    ObjectNode pending = pending(s);
    ObjectNode deltas = (ObjectNode) pending.get("deltas");
    boolean changed = false;
    for (DexEvent e : out.events()) {
      if (e instanceof DexEvent.AccountRegistered r) {
        s.put(CommandLog.key(ACCOUNT_PREFIX, r.account()), r.address().bytes20());
      } else if (e instanceof DexEvent.Trade t) {
        MarketSpec m = config.market(t.market());
        long notional = m.pricing().notional(t.price(), t.quantity());
        boolean takerBuys = t.takerSide() == Side.BUY;
        long buyer = takerBuys ? t.takerAccount() : t.makerAccount();
        long seller = takerBuys ? t.makerAccount() : t.takerAccount();
        long buyerFee = takerBuys ? t.takerFee() : t.makerFee();
        long sellerFee = takerBuys ? t.makerFee() : t.takerFee();
        add(deltas, m.quoteToken(), addressOf(s, buyer, m), -Math.addExact(notional, buyerFee));
        add(deltas, m.baseToken(), addressOf(s, buyer, m), t.quantity());
        add(deltas, m.quoteToken(), addressOf(s, seller, m), notional - sellerFee);
        add(deltas, m.baseToken(), addressOf(s, seller, m), -t.quantity());
        add(deltas, m.quoteToken(), chain.feeAddress(), Math.addExact(buyerFee, sellerFee));
        changed = true;
      } else if (e instanceof DexEvent.WithdrawalRequested w) {
        ObjectNode n = ((ArrayNode) pending.get("withdrawals")).addObject();
        n.put("withdrawalId", w.withdrawalId());
        n.put("account", addressOf(s, w.account(), null).toChecksumHex());
        n.put("token", chain.tokens().get(w.token()).toChecksumHex());
        n.put("amount", Long.toString(w.amount()));
        changed = true;
      }
    }
    if (!changed) {
      return;
    }
    if (!out.tradeIds().isEmpty()) {
      ((ArrayNode) pending.get("txIds")).add(ctx.txId());
      byte[] h = HexFormat.of().parseHex(pending.get("tradesHash").asText().substring(2));
      for (String id : out.tradeIds()) {
        h = Hashes.keccak256(h, id.getBytes(StandardCharsets.UTF_8));
      }
      pending.put("tradesHash", "0x" + HexFormat.of().formatHex(h));
    }
    s.put(PENDING, DexJson.write(pending));
    if (deltas.size() >= chain.maxDeltas()) {
      cut(s);
    }
  }

  /** Turns the pending changes into the next signed batch; false when there is nothing to cut. */
  private boolean cut(AppState s) {
    ObjectNode pending = pending(s);
    List<Delta> deltas = new ArrayList<>();
    Map<String, Long> sums = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = pending.get("deltas").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      long amount = Long.parseLong(e.getValue().asText());
      if (amount == 0) {
        continue;
      }
      String[] key = e.getKey().split("/", 2);
      deltas.add(new Delta(parse(key[1]), chain.tokens().get(key[0]), amount));
      sums.merge(key[0], amount, Math::addExact);
    }
    List<Withdrawal> withdrawals = new ArrayList<>();
    for (JsonNode w : pending.get("withdrawals")) {
      withdrawals.add(
          new Withdrawal(
              w.get("withdrawalId").asLong(),
              parse(w.get("account").asText()),
              parse(w.get("token").asText()),
              Long.parseLong(w.get("amount").asText())));
    }
    if (deltas.isEmpty() && withdrawals.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, Long> e : sums.entrySet()) {
      if (e.getValue() != 0) {
        // Trades move value between accounts; a net creation is an engine bug, never signed.
        throw new AppHaltedException("settlement batch does not conserve " + e.getKey());
      }
    }
    deltas.sort(Delta.CHAIN_ORDER);
    long id = Math.max(1, readLong(s, NEXT_BATCH));
    byte[] tradesHash = HexFormat.of().parseHex(pending.get("tradesHash").asText().substring(2));
    Batch batch = new Batch(id, tradesHash, deltas, withdrawals);
    byte[] digest = BatchEncoder.digest(config.domain(), batch);
    ObjectNode json = BatchJson.write(batch);
    json.set("txIds", pending.get("txIds"));
    json.put("digest", "0x" + HexFormat.of().formatHex(digest));
    json.put("signature", "0x" + HexFormat.of().formatHex(chain.signer().sign(digest)));
    s.put(CommandLog.key(BATCH_PREFIX, id), DexJson.write(json));
    writeLong(s, NEXT_BATCH, id + 1);
    s.delete(PENDING);
    return true;
  }

  private static ObjectNode stored(byte[] raw) {
    try {
      return DexJson.parseObject(raw);
    } catch (AppRejectedException e) {
      throw new AppHaltedException("corrupt settlement state", e);
    }
  }

  private static ObjectNode pending(AppState s) {
    byte[] raw = s.get(PENDING);
    if (raw != null) {
      return stored(raw);
    }
    ObjectNode p = DexJson.object();
    p.putObject("deltas");
    p.putArray("withdrawals");
    p.putArray("txIds");
    p.put("tradesHash", "0x" + "00".repeat(32));
    return p;
  }

  private static void add(ObjectNode deltas, String token, EthAddress account, long amount) {
    String key = token + "/" + account.toChecksumHex();
    long now = deltas.has(key) ? Long.parseLong(deltas.get(key).asText()) : 0;
    deltas.put(key, Long.toString(Math.addExact(now, amount)));
  }

  private EthAddress addressOf(AppState s, long account, MarketSpec m) {
    if (m != null && account == m.feeAccount()) {
      return chain.feeAddress();
    }
    byte[] a = s.get(CommandLog.key(ACCOUNT_PREFIX, account));
    if (a == null) {
      throw new AppHaltedException(
          "account " + account + " has no address: settlement must be on from the first deposit");
    }
    return new EthAddress(a);
  }

  private void requireOperator(EthAddress caller) throws AppRejectedException {
    if (!chain.operator().equals(caller)) {
      throw new AppRejectedException(NOT_OPERATOR, "only the settlement bridge may do this");
    }
  }

  private static long positive(ObjectNode in, String field) throws AppRejectedException {
    JsonNode n = in.get(field);
    long v;
    if (n != null && n.isIntegralNumber() && n.canConvertToLong()) {
      v = n.asLong();
    } else if (n != null && n.isTextual() && n.asText().matches("[0-9]{1,19}")) {
      try {
        v = Long.parseLong(n.asText());
      } catch (NumberFormatException e) {
        v = -1;
      }
    } else {
      v = -1;
    }
    if (v <= 0) {
      throw new AppRejectedException(Codes.INVALID_FIELD, field + " must be a positive integer");
    }
    return v;
  }

  private static EthAddress address(ObjectNode in, String field) throws AppRejectedException {
    try {
      return EthAddress.parse(in.path(field).asText(""));
    } catch (CryptoException e) {
      throw new AppRejectedException(Codes.INVALID_FIELD, field + " must be an address");
    }
  }

  private static EthAddress parse(String hex) {
    try {
      return EthAddress.parse(hex);
    } catch (CryptoException e) {
      throw new AppHaltedException("corrupt settlement state", e);
    }
  }

  private static long readLong(AppState s, byte[] key) {
    byte[] v = s.get(key);
    return v == null ? 0 : java.nio.ByteBuffer.wrap(v).getLong();
  }

  private static void writeLong(AppState s, byte[] key, long v) {
    s.put(key, ByteBuffer.allocate(8).putLong(v).array());
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
