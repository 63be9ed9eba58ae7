package io.txnchain.dex.app;

import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.wire.dex.Eip712Domain;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.SignedOrder;
import io.txnchain.wire.dex.TimeInForce;

/**
 * One entry of the command log: an accepted command with the block time it ran at (signed orders
 * are checked for expiry against it) and its transaction id (trade ids are derived from it).
 *
 * <p>Encoding ({@link LogWriter}): {@code u8 version = 1, u64 blockTimeMillis, string txId, u8
 * kind, raw20 caller}, then per kind: deposit (1) and withdraw (2) {@code string token, u64
 * amount}; order (3) {@code u64 chainId, raw20 contract}, the order's fields in EIP-712 order
 * (addresses raw20, {@code uint8}s and {@code bool} as u8, numbers u64, strings length-prefixed)
 * and {@code bytes signature}; cancel (4) {@code u64 orderId}; cancel by client id (5) {@code
 * string}; cancel all (6) {@code u8 hasMarket [string market]}; set fees (7) {@code string market,
 * u64 makerBps, u64 takerBps, u64 makerPerLot, u64 takerPerLot}.
 */
record LoggedCommand(long blockTimeMillis, String txId, AppCommand command) {
  private static final int VERSION = 1;
  private static final int DEPOSIT = 1;
  private static final int WITHDRAW = 2;
  private static final int ORDER = 3;
  private static final int CANCEL = 4;
  private static final int CANCEL_BY_CLIENT_ID = 5;
  private static final int CANCEL_ALL = 6;
  private static final int SET_FEES = 7;

  byte[] encode() {
    LogWriter w = new LogWriter().u8(VERSION).u64(blockTimeMillis).string(txId);
    AppCommand c = command;
    if (c instanceof AppCommand.Deposit d) {
      w.u8(DEPOSIT).raw(d.caller().bytes20()).string(d.token()).u64(d.amount());
    } else if (c instanceof AppCommand.Withdraw d) {
      w.u8(WITHDRAW).raw(d.caller().bytes20()).string(d.token()).u64(d.amount());
    } else if (c instanceof AppCommand.PlaceOrder p) {
      w.u8(ORDER).raw(p.caller().bytes20());
      SignedOrder s = p.order();
      w.u64(s.domain().chainId()).raw(s.domain().verifyingContract().bytes20());
      Order o = s.order();
      w.raw(o.trader().bytes20()).string(o.market()).u8(o.side().code());
      w.u8(o.orderType().code()).u64(o.price()).u64(o.quantity());
      w.u8(o.timeInForce().code()).u8(o.postOnly() ? 1 : 0).u8(o.selfTradePrevention().code());
      w.raw(o.payAddress().bytes20()).raw(o.receiveAddress().bytes20());
      w.u64(o.nonce()).u64(o.expiry()).string(o.clientOrderId());
      w.bytes(s.signature());
    } else if (c instanceof AppCommand.Cancel x) {
      w.u8(CANCEL).raw(x.caller().bytes20()).u64(x.orderId());
    } else if (c instanceof AppCommand.CancelByClientId x) {
      w.u8(CANCEL_BY_CLIENT_ID).raw(x.caller().bytes20()).string(x.clientOrderId());
    } else if (c instanceof AppCommand.CancelAll x) {
      w.u8(CANCEL_ALL).raw(x.caller().bytes20()).u8(x.market() == null ? 0 : 1);
      if (x.market() != null) {
        w.string(x.market());
      }
    } else if (c instanceof AppCommand.SetFees x) {
      FeeSchedule f = x.fees();
      w.u8(SET_FEES).raw(x.caller().bytes20()).string(x.market());
      w.u64(f.makerBps()).u64(f.takerBps()).u64(f.makerPerLot()).u64(f.takerPerLot());
    } else {
      throw new IllegalArgumentException("unknown command " + c);
    }
    return w.toByteArray();
  }

  static LoggedCommand decode(byte[] bytes) {
    LogReader r = new LogReader(bytes);
    if (r.u8() != VERSION) {
      throw new IllegalStateException("dex: a command log entry has an unknown version");
    }
    long time = r.u64();
    String txId = r.string();
    int kind = r.u8();
    EthAddress caller = address(r);
    AppCommand c;
    switch (kind) {
      case DEPOSIT:
        c = new AppCommand.Deposit(caller, r.string(), r.u64());
        break;
      case WITHDRAW:
        c = new AppCommand.Withdraw(caller, r.string(), r.u64());
        break;
      case ORDER:
        c = new AppCommand.PlaceOrder(caller, signedOrder(r));
        break;
      case CANCEL:
        c = new AppCommand.Cancel(caller, r.u64());
        break;
      case CANCEL_BY_CLIENT_ID:
        c = new AppCommand.CancelByClientId(caller, r.string());
        break;
      case CANCEL_ALL:
        c = new AppCommand.CancelAll(caller, r.bool() ? r.string() : null);
        break;
      case SET_FEES:
        c =
            new AppCommand.SetFees(
                caller, r.string(), new FeeSchedule(r.u64(), r.u64(), r.u64(), r.u64()));
        break;
      default:
        throw new IllegalStateException("dex: a command log entry has an unknown kind");
    }
    r.end();
    return new LoggedCommand(time, txId, c);
  }

  private static SignedOrder signedOrder(LogReader r) {
    Eip712Domain domain = new Eip712Domain(r.u64(), address(r));
    Order o =
        new Order(
            address(r),
            r.string(),
            required(Side.fromCode(r.u8())),
            required(OrderType.fromCode(r.u8())),
            r.u64(),
            r.u64(),
            required(TimeInForce.fromCode(r.u8())),
            r.bool(),
            required(SelfTradePrevention.fromCode(r.u8())),
            address(r),
            address(r),
            r.u64(),
            r.u64(),
            r.string());
    return new SignedOrder(domain, o, r.bytes());
  }

  private static <T> T required(T value) {
    if (value == null) {
      throw new IllegalStateException("dex: a command log entry has an unknown enum code");
    }
    return value;
  }

  private static EthAddress address(LogReader r) {
    return new EthAddress(r.raw(EthAddress.LENGTH));
  }
}
