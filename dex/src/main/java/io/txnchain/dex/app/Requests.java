package io.txnchain.dex.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.engine.Engine;
import io.txnchain.dex.engine.RejectReason;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderJson;
import io.txnchain.wire.dex.SignedOrder;
import java.util.Optional;

/**
 * Turns a JSON input into a {@link Request}, refusing everything that can be refused without the
 * engine: unknown ops and fields, malformed amounts and orders, an order whose trader is not the
 * caller, a closed faucet, private queries that were not sealed.
 */
final class Requests {
  static final int DEFAULT_DEPTH = 20;
  static final int MAX_DEPTH = 1000;
  static final int DEFAULT_TRADES = 50;

  private Requests() {}

  static Request parse(
      ObjectNode in, DexConfig config, EthAddress caller, boolean sealed, boolean governance)
      throws AppRejectedException {
    String op = DexJson.requiredString(in, "op");
    if (governance != op.equals("setFees")) {
      throw new AppRejectedException(
          Codes.GOVERNANCE_ONLY,
          governance
              ? "governance may only send setFees to the dex"
              : "'setFees' is decided by governance: propose set_fee_schedule");
    }
    switch (op) {
      case "setFees":
        return setFees(in, config, caller);
      case "deposit":
        if (!config.devFaucet()) {
          throw new AppRejectedException(
              Codes.FAUCET_DISABLED,
              "deposits come from the settlement chain on this network (txnchain settlement deposit)");
        }
        return transfer(in, config, caller, true);
      case "withdraw":
        return transfer(in, config, caller, false);
      case "order":
        return order(in, config, caller);
      case "cancel":
        return cancel(in, caller);
      case "cancelAll":
        DexJson.allowOnly(in, "op", "market");
        return new AppCommand.CancelAll(caller, DexJson.optionalString(in, "market"));
      case "markets":
        DexJson.allowOnly(in, "op");
        return new Query.Markets();
      case "book":
        DexJson.allowOnly(in, "op", "market", "depth");
        return new Query.Book(
            market(in, config), DexJson.optionalInt(in, "depth", DEFAULT_DEPTH, 1, MAX_DEPTH));
      case "trades":
        DexJson.allowOnly(in, "op", "market", "limit");
        return new Query.Trades(
            market(in, config),
            DexJson.optionalInt(in, "limit", DEFAULT_TRADES, 1, Exchange.RECENT_TRADES));
      case "orders":
        DexJson.allowOnly(in, "op", "market");
        requireSealed(sealed, op);
        String market = in.has("market") ? market(in, config) : null;
        return new Query.Orders(market);
      case "balances":
        DexJson.allowOnly(in, "op");
        requireSealed(sealed, op);
        return new Query.Balances();
      default:
        throw new AppRejectedException(
            Codes.UNKNOWN_OP,
            "unknown op; expected deposit, withdraw, order, cancel, cancelAll, markets, book,"
                + " trades, orders or balances");
    }
  }

  /** An unsealed result is recorded in plaintext on the ledger, readable by anyone. */
  private static void requireSealed(boolean sealed, String op) throws AppRejectedException {
    if (!sealed) {
      throw new AppRejectedException(
          Codes.PRIVATE_QUERY_REQUIRES_SEAL,
          "'" + op + "' answers with private data, so the request must be sealed");
    }
  }

  private static AppCommand transfer(
      ObjectNode in, DexConfig config, EthAddress caller, boolean deposit)
      throws AppRejectedException {
    DexJson.allowOnly(in, "op", "token", "amount");
    String symbol = DexJson.requiredString(in, "token");
    TokenSpec token = config.token(symbol);
    if (token == null) {
      throw new AppRejectedException(
          RejectReason.UNKNOWN_TOKEN.wireName(), "no such token; see the markets query");
    }
    long amount = Amounts.parse(DexJson.requiredString(in, "amount"), token, "amount");
    return deposit
        ? new AppCommand.Deposit(caller, symbol, amount)
        : new AppCommand.Withdraw(caller, symbol, amount);
  }

  private static AppCommand order(ObjectNode in, DexConfig config, EthAddress caller)
      throws AppRejectedException {
    DexJson.allowOnly(in, "op", "order", "signature", "domain");
    Order order;
    Eip712Domain domain = config.domain();
    try {
      order = OrderJson.parseMessage(DexJson.required(in, "order"));
      JsonNode d = in.get("domain");
      if (d != null) {
        Optional<Eip712Domain> named = OrderJson.parseDomain(d);
        if (named.isEmpty()) {
          throw new AppRejectedException(
              RejectReason.WRONG_DOMAIN.wireName(),
              "the domain is not " + Eip712Domain.NAME + " version " + Eip712Domain.VERSION);
        }
        domain = named.get();
      }
    } catch (IllegalArgumentException e) {
      throw DexJson.invalid(e.getMessage());
    }
    byte[] signature;
    try {
      signature = OrderJson.parseSignature(DexJson.required(in, "signature"));
    } catch (IllegalArgumentException e) {
      throw new AppRejectedException(RejectReason.MALFORMED_SIGNATURE.wireName(), e.getMessage());
    }
    if (!order.trader().equals(caller)) {
      throw new AppRejectedException(
          Codes.CALLER_MISMATCH,
          "the order's trader must be the address that signed the transaction");
    }
    return new AppCommand.PlaceOrder(caller, new SignedOrder(domain, order, signature));
  }

  private static AppCommand setFees(ObjectNode in, DexConfig config, EthAddress caller)
      throws AppRejectedException {
    DexJson.allowOnly(in, "op", "market", "makerBps", "takerBps", "makerPerLot", "takerPerLot");
    String symbol = market(in, config);
    MarketSpec spec = config.market(symbol);
    FeeSchedule fees;
    try {
      fees =
          new FeeSchedule(
              DexJson.optionalInt(in, "makerBps", 0, 0, 10_000),
              DexJson.optionalInt(in, "takerBps", 0, 0, 10_000),
              DexJson.optionalInt(in, "makerPerLot", 0, 0, Integer.MAX_VALUE),
              DexJson.optionalInt(in, "takerPerLot", 0, 0, Integer.MAX_VALUE));
    } catch (IllegalArgumentException e) {
      throw DexJson.invalid(e.getMessage());
    }
    if (!fees.fitsUnder(spec.fees())) {
      throw new AppRejectedException(
          Codes.FEE_ABOVE_CAP,
          symbol
              + " lists at most "
              + spec.fees().maxBps()
              + " bps and "
              + spec.fees().maxPerLot()
              + " per lot; resting orders locked for that");
    }
    return new AppCommand.SetFees(caller, symbol, fees);
  }

  private static AppCommand cancel(ObjectNode in, EthAddress caller) throws AppRejectedException {
    DexJson.allowOnly(in, "op", "id", "clientId");
    boolean byId = in.has("id");
    if (byId == in.has("clientId")) {
      throw DexJson.invalid("give exactly one of 'id' and 'clientId'");
    }
    if (byId) {
      return new AppCommand.Cancel(caller, DexJson.positiveLong(in, "id"));
    }
    String clientId = DexJson.requiredString(in, "clientId");
    if (clientId.isEmpty() || clientId.length() > Engine.MAX_CLIENT_ORDER_ID_LENGTH) {
      throw DexJson.invalid(
          "field 'clientId' must be 1 to " + Engine.MAX_CLIENT_ORDER_ID_LENGTH + " characters");
    }
    return new AppCommand.CancelByClientId(caller, clientId);
  }

  /** A query's market, which must exist: an empty book and a missing market are not the same. */
  private static String market(ObjectNode in, DexConfig config) throws AppRejectedException {
    String symbol = DexJson.requiredString(in, "market");
    if (config.market(symbol) == null) {
      throw new AppRejectedException(
          RejectReason.UNKNOWN_MARKET.wireName(), "no such market; see the markets query");
    }
    return symbol;
  }
}
