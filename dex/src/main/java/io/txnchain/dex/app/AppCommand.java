package io.txnchain.dex.app;

import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.wire.dex.SignedOrder;

/**
 * A decoded command that changes the exchange, on behalf of {@link #caller()}: the signer of the
 * transaction it came in. These, not the raw (possibly sealed) inputs, are what the command log
 * keeps and replays.
 */
sealed interface AppCommand extends Request {
  /** The address the command acts for. */
  EthAddress caller();

  /** A development-faucet credit of {@code amount} smallest units of {@code token}. */
  record Deposit(EthAddress caller, String token, long amount) implements AppCommand {}

  /** A request to pay out {@code amount} of the available balance. */
  record Withdraw(EthAddress caller, String token, long amount) implements AppCommand {}

  /** A signed order whose trader is the caller. */
  record PlaceOrder(EthAddress caller, SignedOrder order) implements AppCommand {}

  /**
   * A governance directive: {@code market} charges {@code fees} from now on. {@code caller} is the
   * member whose ballot enacted it.
   */
  record SetFees(EthAddress caller, String market, FeeSchedule fees) implements AppCommand {}

  /** Cancels one of the caller's resting orders by id. */
  record Cancel(EthAddress caller, long orderId) implements AppCommand {}

  /** Cancels the caller's resting order with this client order id. */
  record CancelByClientId(EthAddress caller, String clientOrderId) implements AppCommand {}

  /** Cancels the caller's resting orders in {@code market}, or in every market if {@code null}. */
  record CancelAll(EthAddress caller, String market) implements AppCommand {}
}
