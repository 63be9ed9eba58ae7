package io.txnchain.dex.engine;

import io.txnchain.dex.book.LongMap;
import io.txnchain.dex.book.StateDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Balances: the accounts by id, and per token what was deposited, withdrawn and charged as fees.
 * Conservation invariant: for every token, the available plus locked balances of all accounts (the
 * fee accounts included) sum to deposited minus withdrawn. Because that sum fits in a {@code long}
 * (deposits are added with {@code Math.addExact}), no single balance can overflow.
 */
final class Ledger {
  final String[] tokens;
  final long[] deposited;
  final long[] withdrawn;
  final long[] feesCollected;
  private final TreeMap<String, Integer> tokenIndex = new TreeMap<>();
  private final LongMap<Account> accounts = new LongMap<>(1024);
  private long nextWithdrawalId = 1;

  /** A ledger over {@code sortedTokens}; a token's index is its position. */
  Ledger(String[] sortedTokens) {
    tokens = sortedTokens.clone();
    for (int i = 0; i < tokens.length; i++) {
      tokenIndex.put(tokens[i], i);
    }
    deposited = new long[tokens.length];
    withdrawn = new long[tokens.length];
    feesCollected = new long[tokens.length];
  }

  /** The index of {@code token}, or -1. */
  int tokenIndex(String token) {
    Integer t = token == null ? null : tokenIndex.get(token);
    return t == null ? -1 : t;
  }

  Account get(long id) {
    return accounts.get(id);
  }

  Account getOrCreate(long id) {
    Account a = accounts.get(id);
    if (a == null) {
      a = new Account(id, tokens.length);
      accounts.put(id, a);
    }
    return a;
  }

  long[] sortedAccountIds() {
    return accounts.sortedKeys();
  }

  /** Credits a deposit, refusing unknown tokens, non-positive amounts and overflowing totals. */
  void deposit(Command.Deposit d, EventSink out) {
    int token = tokenIndex(d.token());
    RejectReason reason = null;
    if (token < 0) {
      reason = RejectReason.UNKNOWN_TOKEN;
    } else if (d.amount() <= 0) {
      reason = RejectReason.INVALID_AMOUNT;
    } else if (deposited[token] > Long.MAX_VALUE - d.amount()) {
      reason = RejectReason.OVERFLOW;
    }
    if (reason != null) {
      out.accept(new DexEvent.TransferRejected(d.account(), d.token(), d.amount(), reason));
      return;
    }
    deposited[token] += d.amount();
    getOrCreate(d.account()).available[token] += d.amount();
    out.accept(new DexEvent.Deposited(d.account(), d.token(), d.amount()));
  }

  /** Debits a withdrawal from the available balance; locked funds cannot be withdrawn. */
  void withdraw(Command.Withdraw w, EventSink out) {
    int token = tokenIndex(w.token());
    Account a = accounts.get(w.account());
    RejectReason reason = null;
    if (token < 0) {
      reason = RejectReason.UNKNOWN_TOKEN;
    } else if (w.amount() <= 0) {
      reason = RejectReason.INVALID_AMOUNT;
    } else if (a == null || a.available[token] < w.amount()) {
      reason = RejectReason.INSUFFICIENT_BALANCE;
    }
    if (reason != null) {
      out.accept(new DexEvent.TransferRejected(w.account(), w.token(), w.amount(), reason));
      return;
    }
    a.available[token] -= w.amount();
    withdrawn[token] += w.amount();
    out.accept(
        new DexEvent.WithdrawalRequested(nextWithdrawalId++, w.account(), w.token(), w.amount()));
  }

  /** Credits a fee to the market's fee account. */
  void creditFee(long feeAccount, int token, long fee) {
    accounts.get(feeAccount).available[token] += fee;
    feesCollected[token] += fee;
  }

  /** Violations of conservation and of non-negative balances, empty when all is well. */
  List<String> conservationViolations() {
    List<String> problems = new ArrayList<>();
    long[] sums = new long[tokens.length];
    for (long id : accounts.sortedKeys()) {
      Account a = accounts.get(id);
      for (int t = 0; t < tokens.length; t++) {
        if (a.available[t] < 0 || a.locked[t] < 0) {
          problems.add("account " + id + " has a negative " + tokens[t] + " balance");
        }
        sums[t] += a.available[t] + a.locked[t];
      }
    }
    for (int t = 0; t < tokens.length; t++) {
      if (sums[t] != deposited[t] - withdrawn[t]) {
        problems.add(
            tokens[t]
                + ": balances sum to "
                + sums[t]
                + " but deposits - withdrawals = "
                + (deposited[t] - withdrawn[t]));
      }
    }
    return problems;
  }

  /** Totals per token, then accounts by ascending id with balances and client order ids. */
  void hashInto(StateDigest d) {
    d.putLong(nextWithdrawalId).putLong(tokens.length);
    for (int t = 0; t < tokens.length; t++) {
      d.putString(tokens[t]).putLong(deposited[t]).putLong(withdrawn[t]);
      d.putLong(feesCollected[t]);
    }
    long[] ids = accounts.sortedKeys();
    d.putLong(ids.length);
    for (long id : ids) {
      Account a = accounts.get(id);
      d.putLong(id);
      for (int t = 0; t < tokens.length; t++) {
        d.putLong(a.available[t]).putLong(a.locked[t]);
      }
      a.hashClientOrders(d);
    }
  }
}
