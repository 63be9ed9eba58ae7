package io.txnchain.node.witness;

import io.txnchain.ledger.machine.BlockCommit;
import io.txnchain.ledger.machine.RejectCode;
import io.txnchain.ledger.state.AppStateView;
import io.txnchain.ledger.state.StateColumn;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.ledger.store.StoredBlock;
import io.txnchain.ledger.witness.WitnessApp;
import io.txnchain.node.sequencer.NetworkSubmitter;
import io.txnchain.node.sequencer.Sequencer;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.codec.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.bouncycastle.util.encoders.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both halves of co-signing: submits this node's enclave signature over every header it computed to
 * the {@link WitnessApp} (in batches, every interval), with this enclave's receipt evidence once,
 * and compares every other node's signed header hash, as it reaches the ledger, with the header
 * this node computed at the same height.
 *
 * <p>A replica whose header differs from the one a majority of the network signed has diverged: it
 * computed something else from the same log. It then stops serving ({@link #divergence()}) and says
 * so, rather than answer with state nobody else has. A minority that differs from this node is
 * reported in status instead.
 *
 * <p>Blocks that hold nothing but header signatures are not signed themselves; otherwise signing
 * would produce blocks forever on an idle network. A network of one node signs nothing extra.
 */
public final class HeaderWitness implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HeaderWitness.class);
  private static final int KEPT_HEIGHTS = 1024;

  /**
   * Most signatures waiting to be sent; beyond it the oldest are dropped (their blocks then lack
   * this node's co-signature), so that a node far behind does not queue without bound.
   */
  private static final int MAX_UNSENT = 4096;

  /** How long to wait before resending evidence the network refused (its policy may change). */
  private static final long EVIDENCE_RETRY_NANOS = 30_000_000_000L;

  private static final byte[] SIG_PREFIX =
      AppStateView.stateKey(WitnessApp.NAME, "sig/".getBytes(StandardCharsets.US_ASCII));

  private final byte[] identityKey;
  private final NetworkSubmitter submitter;
  private final LedgerStore store;
  private final Sequencer sequencer;
  private final IntSupplier clusterSize;
  private final ScheduledExecutorService timer;

  private final Object lock = new Object();
  private final SortedMap<Long, WitnessApp.Signature> unsent = new TreeMap<>();
  private long submitted;
  private boolean inFlight;
  private WitnessApp.EvidenceRecord evidence;
  private boolean evidenceOnLedger;
  private boolean evidenceInFlight;
  private long evidenceRetryAt = System.nanoTime();
  private final SortedMap<Long, SortedMap<String, Boolean>> opinions = new TreeMap<>();
  private String divergence;
  private long divergedAt = Long.MAX_VALUE;

  /**
   * @param identityKey this enclave's identity key
   * @param submitter the network-derived key witness transactions are signed with
   * @param replicated false for a network of one, which has nobody to compare with
   * @param clusterSize how many replicas the network has now: a majority of them decides
   */
  public HeaderWitness(
      byte[] identityKey,
      NetworkSubmitter submitter,
      LedgerStore store,
      Sequencer sequencer,
      boolean replicated,
      IntSupplier clusterSize,
      long intervalMillis) {
    this.identityKey = identityKey.clone();
    this.submitter = submitter;
    this.store = store;
    this.sequencer = sequencer;
    this.clusterSize = () -> Math.max(1, clusterSize.getAsInt());
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "header-witness");
              t.setDaemon(true);
              return t;
            });
    // A network of one has nobody to compare with, and its blocks carry its signature already.
    if (replicated) {
      timer.scheduleWithFixedDelay(
          this::submitPending, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Called after each block is stored, on the applying thread. */
  public void onCommit(BlockCommit c) {
    if (!c.hasBlock()) {
      return;
    }
    observe(c.publicWrites().entries());
    if (hasOtherThanSignatures(c.records())) {
      synchronized (lock) {
        unsent.put(
            c.header().height(),
            new WitnessApp.Signature(
                c.header().height(), c.header().hash(), identityKey, c.signature().signature()));
        while (unsent.size() > MAX_UNSENT) {
          unsent.remove(unsent.firstKey());
        }
      }
    }
  }

  private static boolean hasOtherThanSignatures(List<byte[]> records) {
    for (byte[] r : records) {
      try {
        if (!WitnessApp.NAME.equals(TxRecord.decode(r).tx().app())) {
          return true;
        }
      } catch (WireFormatException e) {
        return true;
      }
    }
    return false;
  }

  /** Compares the header signatures this block recorded with this node's own headers. */
  private void observe(NavigableMap<byte[], byte[]> writes) {
    byte[] end = SIG_PREFIX.clone();
    end[end.length - 1]++;
    for (Map.Entry<byte[], byte[]> e : writes.subMap(SIG_PREFIX, true, end, false).entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      String key =
          new String(
              e.getKey(),
              SIG_PREFIX.length,
              e.getKey().length - SIG_PREFIX.length,
              StandardCharsets.US_ASCII);
      int slash = key.indexOf('/');
      long height = Long.parseLong(key.substring(0, slash));
      String signer = key.substring(slash + 1);
      byte[] theirs = Arrays.copyOf(e.getValue(), 32);
      Optional<StoredBlock> ours = store.block(height);
      if (ours.isEmpty()) {
        continue;
      }
      boolean agrees = MessageDigest.isEqual(theirs, ours.get().header().hash());
      record(height, signer, agrees, theirs);
    }
  }

  private void record(long height, String signer, boolean agrees, byte[] theirs) {
    synchronized (lock) {
      SortedMap<String, Boolean> at = opinions.computeIfAbsent(height, h -> new TreeMap<>());
      at.put(signer, agrees);
      while (opinions.size() > KEPT_HEIGHTS) {
        opinions.remove(opinions.firstKey());
      }
      long against = at.values().stream().filter(a -> !a).count();
      if (!agrees) {
        LOG.warn(
            "node {} signed a different header at height {} ({}) than this node computed",
            signer.substring(0, 16),
            height,
            Hex.toHexString(theirs).substring(0, 16));
      }
      int size = clusterSize.getAsInt();
      if (divergence == null && against * 2 > size) {
        divergence =
            "this node diverged from the network at height "
                + height
                + ": "
                + against
                + " of "
                + size
                + " nodes signed a different block header than it computed; it stopped serving."
                + " Restore its data directory from a healthy node (or a snapshot) and restart it";
        LOG.error(divergence);
        divergedAt = height;
        // Its own signature of the disputed block goes on the ledger still, so that the others
        // can name it; nothing after that (see submitPending).
        if (!timer.isShutdown()) {
          timer.execute(this::submitPending);
        }
      }
    }
  }

  /** Why this node stopped serving, or {@code null} while it agrees with the network. */
  public String divergence() {
    synchronized (lock) {
      return divergence;
    }
  }

  /** Identity keys (hex) of nodes that signed a header this node disagrees with, by height. */
  public SortedMap<String, Long> disagreeingNodes() {
    SortedMap<String, Long> out = new TreeMap<>();
    synchronized (lock) {
      for (Map.Entry<Long, SortedMap<String, Boolean>> h : opinions.entrySet()) {
        for (Map.Entry<String, Boolean> s : h.getValue().entrySet()) {
          if (!s.getValue()) {
            out.putIfAbsent(s.getKey(), h.getKey());
          }
        }
      }
    }
    return out;
  }

  /** The highest height this node's signature was sent for. */
  public long signedHeight() {
    synchronized (lock) {
      return submitted;
    }
  }

  /**
   * Records this enclave's evidence over the fixed receipt nonce on the ledger (once), so that
   * receipts of the blocks it signs can be checked from ledger state alone.
   */
  public void publishEvidence(WitnessApp.EvidenceRecord record) {
    synchronized (lock) {
      evidence = record;
    }
  }

  private void submitPending() {
    submitEvidence();
    List<WitnessApp.Signature> batch = new ArrayList<>();
    synchronized (lock) {
      if (inFlight || unsent.isEmpty()) {
        return;
      }
      for (WitnessApp.Signature s : unsent.values()) {
        if (s.height() > divergedAt) {
          break;
        }
        batch.add(s);
        if (batch.size() == WitnessApp.MAX_SIGNATURES) {
          break;
        }
      }
      if (batch.isEmpty()) {
        return;
      }
      inFlight = true;
    }
    long first = batch.get(0).height();
    long last = batch.get(batch.size() - 1).height();
    var committed =
        sequencer.submit(
            submitter.workOrder(
                WitnessApp.NAME,
                "w" + first + "-" + last + "-" + Hex.toHexString(identityKey, 0, 8),
                WitnessApp.encode(batch)));
    if (committed == null) {
      synchronized (lock) {
        inFlight = false;
      }
      return;
    }
    committed.whenComplete(
        (c, failure) -> {
          boolean backlog;
          synchronized (lock) {
            inFlight = false;
            if (failure == null) {
              // Recorded, or refused as already signed after a retry: either way it is done.
              submitted = Math.max(submitted, last);
              for (WitnessApp.Signature s : batch) {
                unsent.remove(s.height());
              }
            }
            backlog = failure == null && unsent.size() >= WitnessApp.MAX_SIGNATURES;
          }
          // More than a full batch waiting (many small blocks): send the next one now rather
          // than one batch per interval, so the backlog cannot grow without bound.
          if (backlog && !timer.isShutdown()) {
            timer.execute(this::submitPending);
          }
        });
  }

  private void submitEvidence() {
    WitnessApp.EvidenceRecord record;
    synchronized (lock) {
      if (evidence == null
          || evidenceOnLedger
          || evidenceInFlight
          || divergence != null
          || System.nanoTime() - evidenceRetryAt < 0) {
        return;
      }
      record = evidence;
    }
    if (store.get(
            StateColumn.PUBLIC,
            AppStateView.stateKey(WitnessApp.NAME, WitnessApp.evidenceKey(identityKey)))
        != null) {
      synchronized (lock) {
        evidenceOnLedger = true;
      }
      return;
    }
    synchronized (lock) {
      evidenceInFlight = true;
    }
    var committed =
        sequencer.submit(
            submitter.workOrder(
                WitnessApp.NAME, "e-" + Hex.toHexString(identityKey, 0, 8), record.encode()));
    if (committed == null) {
      synchronized (lock) {
        evidenceInFlight = false;
      }
      return;
    }
    committed.whenComplete(
        (c, failure) -> {
          synchronized (lock) {
            evidenceInFlight = false;
            if (failure != null) {
              return;
            }
            if (c.outcome().isRecorded()
                || c.outcome().code() == RejectCode.DUPLICATE_TRANSACTION) {
              evidenceOnLedger = true;
            } else {
              LOG.warn(
                  "the network refused this enclave's receipt evidence ({}); receipts of other"
                      + " nodes will not carry this node's co-signatures until it is recorded",
                  c.outcome().message());
              evidenceRetryAt = System.nanoTime() + EVIDENCE_RETRY_NANOS;
            }
          }
        });
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
