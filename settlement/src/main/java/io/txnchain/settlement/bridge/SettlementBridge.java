package io.txnchain.settlement.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.dex.settlement.Batch;
import io.txnchain.dex.settlement.BatchJson;
import io.txnchain.settlement.chain.ChainException;
import io.txnchain.settlement.chain.RevertedException;
import io.txnchain.settlement.contract.SettlementContract;
import io.txnchain.settlement.contract.SettlementContract.DepositEvent;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Moves value between the ledger and the settlement contract (docs/settlement.md):
 *
 * <ul>
 *   <li>deposits logged by the contract, once {@code confirmations} blocks deep, become {@code
 *       chainDeposit} inputs; the enclave credits each deposit id once and in order, so a rescan, a
 *       restart or a shallow reorg never credits twice;
 *   <li>the enclave's next signed batch ({@code settleBatch}) is sent to the contract, its receipt
 *       awaited, and the settlement recorded ({@code batchSettled}). Batch ids follow each other on
 *       the contract, so a batch that reached the chain before a crash is recognised by the
 *       contract's last batch id and only recorded, never sent again.
 * </ul>
 *
 * Everything the bridge knows is re-read from the ledger and the chain on every round, so it keeps
 * no state of its own worth losing. {@link #start()} runs rounds on a thread, backing off
 * exponentially while the chain or the ledger is unreachable.
 */
public final class SettlementBridge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SettlementBridge.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long LOG_RANGE = 5_000;

  private final BridgeConfig config;
  private final SettlementContract contract;
  private final LedgerPort ledger;
  private long scannedTo;
  private volatile boolean running;
  private Thread thread;
  private volatile long failures;

  /** A bridge between {@code ledger} and {@code contract}. */
  public SettlementBridge(BridgeConfig config, SettlementContract contract, LedgerPort ledger) {
    this.config = config;
    this.contract = contract;
    this.ledger = ledger;
    this.scannedTo = config.startBlock() - 1;
  }

  /** What one round did. */
  public record Round(int depositsCredited, long batchSettled) {}

  /** One round: credit confirmed deposits, then settle the next batch if there is one. */
  public Round runOnce()
      throws ChainException,
          LedgerPort.LedgerRejectedException,
          LedgerPort.LedgerUnavailableException {
    return runOnce(true);
  }

  private Round runOnce(boolean askForBatch)
      throws ChainException,
          LedgerPort.LedgerRejectedException,
          LedgerPort.LedgerUnavailableException {
    int credited = creditDeposits();
    long settled = askForBatch ? settleNextBatch() : 0;
    return new Round(credited, settled);
  }

  private int creditDeposits()
      throws ChainException,
          LedgerPort.LedgerRejectedException,
          LedgerPort.LedgerUnavailableException {
    // Nodes limit the block range of one eth_getLogs: scan at most LOG_RANGE blocks per round.
    long safe =
        Math.min(
            contract.transactor().chain().blockNumber() - config.confirmations(),
            scannedTo + LOG_RANGE);
    if (safe <= scannedTo) {
      return 0;
    }
    List<DepositEvent> found = contract.deposits(scannedTo + 1, safe);
    if (found.isEmpty()) {
      scannedTo = safe;
      return 0;
    }
    // Asked only when there is something to credit: every question is a work order on the ledger.
    long next = ledger.process("{\"op\":\"settlementStatus\"}").get("nextDepositId").asLong();
    int credited = 0;
    for (DepositEvent d : found) {
      if (d.depositId() < next) {
        continue;
      }
      ObjectNode in = JSON.createObjectNode();
      in.put("op", "chainDeposit");
      in.put("depositId", d.depositId());
      in.put("account", d.account().toChecksumHex());
      in.put("token", d.token().toChecksumHex());
      in.put("amount", Long.toString(d.amount()));
      in.put("txHash", d.txHash());
      in.put("blockNumber", d.blockNumber());
      try {
        ledger.process(in.toString());
        credited++;
        next = d.depositId() + 1;
      } catch (LedgerPort.LedgerRejectedException e) {
        if (e.reason().equals("deposit_conflict")) {
          // Deeper reorganisation than the confirmations: stop crediting, keep settling, be loud.
          LOG.error(
              "deposit {} on chain differs from the one credited ({}); deposits stop here until"
                  + " an operator resolves it",
              d.depositId(),
              e.getMessage());
          return credited;
        }
        if (!e.reason().equals("deposit_already_credited")) {
          throw e;
        }
      }
    }
    scannedTo = safe;
    return credited;
  }

  /** Settles the enclave's next batch; returns its id, or 0 when there was none. */
  private long settleNextBatch()
      throws ChainException,
          LedgerPort.LedgerRejectedException,
          LedgerPort.LedgerUnavailableException {
    JsonNode answer = ledger.process("{\"op\":\"settleBatch\"}").get("batch");
    if (answer == null || answer.isNull()) {
      return 0;
    }
    Batch batch = BatchJson.read(answer);
    byte[] signature = HexFormat.of().parseHex(answer.get("signature").asText().substring(2));
    TransactionReceipt receipt;
    if (contract.lastBatchId() >= batch.batchId()) {
      // Sent before a crash, not yet recorded: find it instead of sending it again.
      receipt = findSettlement(batch.batchId());
    } else {
      try {
        receipt = contract.settle(batch, signature);
      } catch (RevertedException e) {
        if (!"BatchReplayed".equals(e.errorName())) {
          throw e;
        }
        receipt = findSettlement(batch.batchId());
      }
    }
    ObjectNode in = JSON.createObjectNode();
    in.put("op", "batchSettled");
    in.put("batchId", batch.batchId());
    in.put("txHash", receipt.getTransactionHash());
    in.put("blockNumber", receipt.getBlockNumber().longValueExact());
    ledger.process(in.toString());
    LOG.info(
        "settled batch {} ({} changes, {} withdrawals) in {} at block {}, gas {}",
        batch.batchId(),
        batch.deltas().size(),
        batch.withdrawals().size(),
        receipt.getTransactionHash(),
        receipt.getBlockNumber(),
        receipt.getGasUsed());
    return batch.batchId();
  }

  private TransactionReceipt findSettlement(long batchId) throws ChainException {
    var chain = contract.transactor().chain();
    String topic1 =
        Numeric.toHexStringWithPrefixZeroPadded(java.math.BigInteger.valueOf(batchId), 64);
    List<Log> logs =
        chain.logs(
            contract.address(),
            SettlementContract.BATCH_SETTLED_TOPIC,
            config.startBlock(),
            chain.blockNumber());
    for (Log l : logs) {
      if (l.getTopics().size() > 1 && l.getTopics().get(1).equalsIgnoreCase(topic1)) {
        return chain
            .receipt(l.getTransactionHash())
            .orElseThrow(
                () -> new ChainException("no receipt for a logged settlement", false, null));
      }
    }
    throw new ChainException(
        "batch " + batchId + " is settled but its log was not found", false, null);
  }

  /** Runs rounds on a daemon thread until {@link #close()}. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::loop, "settlement-bridge");
    thread.setDaemon(true);
    thread.start();
  }

  /** Rounds that failed since the start (the chain or ledger unreachable, or an error). */
  public long failures() {
    return failures;
  }

  private void loop() {
    Duration pause = config.pollInterval();
    long lastBatchAsk = System.nanoTime() - config.batchInterval().toNanos();
    while (running) {
      try {
        boolean ask = System.nanoTime() - lastBatchAsk >= config.batchInterval().toNanos();
        runOnce(ask);
        if (ask) {
          lastBatchAsk = System.nanoTime();
        }
        pause = config.pollInterval();
      } catch (ChainException | LedgerPort.LedgerUnavailableException e) {
        failures++;
        LOG.warn("settlement round failed, retrying in {}: {}", pause, e.getMessage());
        pause = min(pause.multipliedBy(2), config.maxBackoff());
      } catch (LedgerPort.LedgerRejectedException | RuntimeException e) {
        failures++;
        LOG.error("settlement round refused, retrying in {}: {}", pause, e.getMessage());
        pause = min(pause.multipliedBy(2), config.maxBackoff());
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
