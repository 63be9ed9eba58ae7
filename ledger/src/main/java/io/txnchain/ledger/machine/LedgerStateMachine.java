package io.txnchain.ledger.machine;

import io.txnchain.crypto.AesGcm;
import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.merkle.MerkleTree;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.crypto.seal.SealedBoxException;
import io.txnchain.ledger.state.AppStateView;
import io.txnchain.ledger.state.StateColumn;
import io.txnchain.ledger.state.StateReader;
import io.txnchain.ledger.state.StateRoot;
import io.txnchain.ledger.state.WriteSet;
import io.txnchain.tee.Enclave;
import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.wire.block.BlockHeader;
import io.txnchain.wire.block.BlockSignature;
import io.txnchain.wire.block.Event;
import io.txnchain.wire.block.TxRecord;
import io.txnchain.wire.block.TxStatus;
import io.txnchain.wire.codec.WireFormatException;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The replicated state machine, run inside the enclave: it turns an ordered batch of transactions
 * into a signed block.
 *
 * <p>Determinism: the output depends only on the batch, the committed state and the network secret.
 * Time comes from the batch; iteration is over ordered collections; apps are deterministic by
 * construction ({@link io.txnchain.tee.app.EnclaveApp}). Signature checks run in parallel, but each
 * only decides its own transaction, so their scheduling cannot change the result.
 *
 * <p>The host is untrusted, so every check the host made before ordering is made again here.
 * Transactions that fail a check are left out of the block with a reason; nothing they wrote
 * survives.
 *
 * <p>Not thread-safe: batches are applied one at a time, in order.
 */
public final class LedgerStateMachine {
  /**
   * The app whose executions may {@linkplain AppContext#instruct instruct} other apps: the
   * network's governance, whose decisions take effect through it.
   */
  public static final String GOVERNANCE_APP = "gov";

  private static final int MAX_EVENTS_PER_TX = 1_000;
  private static final int MAX_DIRECTIVES_PER_TX = 16;
  private static final int MAX_PREVERIFIED = 200_000;
  private static final byte[] PRIVATE_NONCE_DOMAIN =
      "txnchain/private-state-nonce/v1".getBytes(StandardCharsets.US_ASCII);

  private final Enclave enclave;
  private final String chainId;
  private final AppRegistry apps;
  private final StateReader state;
  private final int maxPayload;
  private final Executor verifyExecutor;
  private final byte[] stateMacKey;
  private final byte[] privateStateKey;
  private final Set<ByteBuffer> preverified = ConcurrentHashMap.newKeySet();
  private ChainHead head;
  private volatile ExecutionObserver observer = (app, nanos) -> {};

  /** Told how long each app execution took; timing only, it never changes an outcome. */
  @FunctionalInterface
  public interface ExecutionObserver {
    void executed(String app, long nanos);
  }

  /**
   * @param head the last committed block, from storage
   * @param maxPayload the largest payload accepted, in bytes
   * @param verifyExecutor runs signature checks in parallel
   */
  public LedgerStateMachine(
      Enclave enclave,
      String chainId,
      AppRegistry apps,
      StateReader state,
      ChainHead head,
      int maxPayload,
      Executor verifyExecutor) {
    this.enclave = enclave;
    this.chainId = chainId;
    this.apps = apps;
    this.state = state;
    this.head = head;
    this.maxPayload = maxPayload;
    this.verifyExecutor = verifyExecutor;
    this.stateMacKey =
        enclave.deriveNetworkSecret("state-root-mac", chainId.getBytes(StandardCharsets.UTF_8), 32);
    this.privateStateKey =
        enclave.deriveNetworkSecret("private-state", chainId.getBytes(StandardCharsets.UTF_8), 32);
  }

  /**
   * Checks a transaction's signature as it enters the enclave, before it is ordered, so that the
   * check runs on the submitting threads in parallel with the sequential apply. The result stays
   * inside the enclave, keyed by the SHA-256 of the exact bytes; {@link #apply} uses it and checks
   * every transaction it does not find. Either way the outcome is the same pure function of the
   * bytes, so this changes timing only, never results.
   */
  public void preverify(Transaction tx) {
    if (preverified.size() >= MAX_PREVERIFIED) {
      // Entries for transactions that were never ordered would otherwise pile up.
      preverified.clear();
    }
    if (tx.verifySignature()) {
      preverified.add(ByteBuffer.wrap(Hashes.sha256(tx.encoded())));
    }
  }

  /** Sets who is told how long each app execution took (resource quotas, metrics). */
  public void observeExecutions(ExecutionObserver observer) {
    this.observer = observer;
  }

  public ChainHead head() {
    return head;
  }

  /** Continues from another head, after the store was replaced by a snapshot. */
  public void resetHead(ChainHead head) {
    this.head = head;
  }

  public String chainId() {
    return chainId;
  }

  /**
   * Applies a batch and advances the head. The caller must store the returned commit before
   * applying the next batch; a node that cannot store it must stop.
   */
  public BlockCommit apply(Batch batch) {
    List<byte[]> raw = batch.transactions();
    Transaction[] txs = new Transaction[raw.size()];
    TxOutcome[] outcomes = new TxOutcome[raw.size()];
    for (int i = 0; i < raw.size(); i++) {
      try {
        txs[i] = Transaction.decode(raw.get(i));
      } catch (WireFormatException e) {
        outcomes[i] = TxOutcome.rejected(null, RejectCode.MALFORMED_TRANSACTION, e.getMessage());
      }
    }
    boolean[] signatureOk = verifySignatures(txs);

    WriteSet publicWrites = new WriteSet();
    WriteSet privateWrites = new WriteSet();
    List<byte[]> records = new ArrayList<>();
    List<String> recordIds = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    long height = head.height() + 1;
    long time = Math.max(batch.proposedTimeMillis(), head.timeMillis());

    for (int i = 0; i < txs.length; i++) {
      Transaction tx = txs[i];
      if (tx == null) {
        continue;
      }
      TxOutcome rejected = admit(tx, signatureOk[i], seen);
      if (rejected != null) {
        outcomes[i] = rejected;
        continue;
      }
      Execution ex = new Execution(tx, height, time, publicWrites, privateWrites);
      TxRecord record;
      try {
        record = ex.run();
      } catch (Rejected r) {
        outcomes[i] = TxOutcome.rejected(tx.id(), r.code, r.getMessage());
        continue;
      }
      ex.commitToBlock();
      seen.add(tx.id());
      outcomes[i] = TxOutcome.recorded(tx.id(), records.size());
      records.add(record.encode());
      recordIds.add(tx.id());
    }

    if (records.isEmpty()) {
      return new BlockCommit(
          null, null, List.of(), List.of(), publicWrites, new WriteSet(), List.of(outcomes));
    }
    MerkleTree tree = new MerkleTree();
    for (byte[] r : records) {
      tree.append(r);
    }
    byte[] stateRoot =
        StateRoot.next(head.stateRoot(), height, publicWrites, privateWrites, stateMacKey);
    BlockHeader header =
        new BlockHeader(
            BlockHeader.VERSION,
            chainId,
            height,
            head.hash(),
            tree.root(),
            stateRoot,
            records.size(),
            time);
    BlockSignature signature =
        new BlockSignature(enclave.keys().identityKey(), enclave.sign(header.signingMessage()));
    WriteSet sealedPrivate = new WriteSet();
    for (var e : privateWrites.entries().entrySet()) {
      if (e.getValue() == null) {
        sealedPrivate.delete(e.getKey());
      } else {
        sealedPrivate.put(e.getKey(), sealPrivate(height, e.getKey(), e.getValue()));
      }
    }
    head = new ChainHead(height, header.hash(), stateRoot, time);
    return new BlockCommit(
        header,
        signature,
        List.copyOf(records),
        List.copyOf(recordIds),
        publicWrites,
        sealedPrivate,
        List.of(outcomes));
  }

  private boolean[] verifySignatures(Transaction[] txs) {
    boolean[] ok = new boolean[txs.length];
    int chunks = Math.min(4, Math.max(1, txs.length / 64));
    List<CompletableFuture<Void>> work = new ArrayList<>(chunks);
    for (int c = 0; c < chunks; c++) {
      int from = txs.length * c / chunks;
      int to = txs.length * (c + 1) / chunks;
      Runnable task =
          () -> {
            for (int i = from; i < to; i++) {
              ok[i] =
                  txs[i] != null
                      && (preverified.remove(ByteBuffer.wrap(Hashes.sha256(txs[i].encoded())))
                          || txs[i].verifySignature());
            }
          };
      if (chunks == 1) {
        task.run();
      } else {
        work.add(CompletableFuture.runAsync(task, verifyExecutor));
      }
    }
    CompletableFuture.allOf(work.toArray(new CompletableFuture<?>[0])).join();
    return ok;
  }

  private TxOutcome admit(Transaction tx, boolean signatureOk, Set<String> seen) {
    if (!tx.chainId().equals(chainId)) {
      return TxOutcome.rejected(
          tx.id(), RejectCode.WRONG_CHAIN, "transaction is for chain '" + tx.chainId() + "'");
    }
    if (tx.payload().length > maxPayload) {
      return TxOutcome.rejected(
          tx.id(),
          RejectCode.PAYLOAD_TOO_LARGE,
          "payload of " + tx.payload().length + " bytes exceeds the limit of " + maxPayload);
    }
    if (!signatureOk) {
      return TxOutcome.rejected(
          tx.id(), RejectCode.BAD_SIGNATURE, "signature does not verify for the sender's key");
    }
    if (seen.contains(tx.id()) || state.containsTx(tx.id())) {
      return TxOutcome.rejected(
          tx.id(),
          RejectCode.DUPLICATE_TRANSACTION,
          "transaction " + tx.id() + " is already on the ledger");
    }
    return null;
  }

  /**
   * Seals a private value for storage under a key every replica of the network derives alike, so
   * that a snapshot taken on one node opens on another. The nonce is derived from (height, state
   * key): a key is written at most once per block, so no nonce repeats under the key, and every
   * replica stores identical bytes.
   */
  private byte[] sealPrivate(long height, byte[] stateKey, byte[] value) {
    byte[] nonce =
        Arrays.copyOf(
            Hashes.sha256(
                PRIVATE_NONCE_DOMAIN,
                new byte[] {
                  (byte) (height >>> 56),
                  (byte) (height >>> 48),
                  (byte) (height >>> 40),
                  (byte) (height >>> 32),
                  (byte) (height >>> 24),
                  (byte) (height >>> 16),
                  (byte) (height >>> 8),
                  (byte) height
                },
                stateKey),
            12);
    byte[] ct = AesGcm.encrypt(privateStateKey, nonce, stateKey, value);
    byte[] out = Arrays.copyOf(nonce, 12 + ct.length);
    System.arraycopy(ct, 0, out, 12, ct.length);
    return out;
  }

  /** A check that failed while executing one transaction. */
  private static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    final RejectCode code;

    Rejected(RejectCode code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  /** The execution of one transaction against the block's state so far. */
  private final class Execution implements AppContext {
    private final Transaction tx;
    private final String appName;
    private final boolean directive;
    private final long height;
    private final long time;
    private final WriteSet publicWrites;
    private final WriteSet privateWrites;
    private final List<Event> events;
    private final List<Execution> directives = new ArrayList<>();
    private byte[] directiveInput;
    private AppStateView publicView;
    private AppStateView privateView;
    private boolean inputSealed;

    Execution(
        Transaction tx, long height, long time, WriteSet publicWrites, WriteSet privateWrites) {
      this(tx, tx.app(), false, height, time, publicWrites, privateWrites, new ArrayList<>());
    }

    private Execution(
        Transaction tx,
        String appName,
        boolean directive,
        long height,
        long time,
        WriteSet publicWrites,
        WriteSet privateWrites,
        List<Event> events) {
      this.tx = tx;
      this.appName = appName;
      this.directive = directive;
      this.height = height;
      this.time = time;
      this.publicWrites = publicWrites;
      this.privateWrites = privateWrites;
      this.events = events;
      if (tx.kind() == TxKind.WORK_ORDER) {
        publicView =
            new AppStateView(state, StateColumn.PUBLIC, appName, publicWrites, (k, v) -> v);
        privateView =
            new AppStateView(
                state, StateColumn.PRIVATE, appName, privateWrites, this::unsealStored);
      }
    }

    private byte[] unsealStored(byte[] key, byte[] stored) {
      try {
        if (stored.length < 12 + 16) {
          throw new CryptoException("sealed private value is too short");
        }
        return AesGcm.decrypt(
            privateStateKey,
            Arrays.copyOf(stored, 12),
            key,
            Arrays.copyOfRange(stored, 12, stored.length));
      } catch (CryptoException e) {
        // Storage is host-controlled: a value that does not unseal was tampered with, and
        // continuing would compute on wrong state. Fail-stop.
        throw new StateTamperedException("private state under an app key was tampered with", e);
      }
    }

    TxRecord run() throws Rejected {
      byte[] input = tx.payload();
      if (tx.sealed()) {
        input = open(input);
      }
      if (tx.kind() == TxKind.DATA) {
        return new TxRecord(tx, TxStatus.OK, "", "", new byte[0], new byte[0], false, List.of());
      }
      RegisteredApp app = apps.get(tx.app());
      if (app == null) {
        throw new Rejected(RejectCode.UNKNOWN_APP, "no app named '" + tx.app() + "'");
      }
      if (tx.appMeasurement().length > 0
          && !MessageDigest.isEqual(tx.appMeasurement(), app.measurement())) {
        throw new Rejected(
            RejectCode.APP_MEASUREMENT_MISMATCH,
            "app '" + tx.app() + "' has a different measurement than the work order names");
      }
      inputSealed = tx.sealed();
      byte[] output = execute(app, input);
      for (Execution d : directives) {
        RegisteredApp target = apps.get(d.appName);
        if (target == null) {
          throw new Rejected(
              RejectCode.APP_REJECTED,
              "directive_failed: governance instructed an unknown app '" + d.appName + "'");
        }
        try {
          d.execute(target, d.directiveInput);
        } catch (Rejected r) {
          throw new Rejected(r.code, "directive_failed: " + d.appName + ": " + r.getMessage());
        }
      }
      byte[] outputHash = Hashes.sha256(output);
      if (!tx.sealed()) {
        return new TxRecord(
            tx, TxStatus.OK, "", "", output, outputHash, false, List.copyOf(events));
      }
      byte[] sealedOutput = new byte[0];
      if (tx.replyKey().length == 32) {
        byte[] txId = tx.id().getBytes(StandardCharsets.US_ASCII);
        sealedOutput =
            SealedBox.sealDeterministic(
                tx.replyKey(),
                Transaction.resultInfo(chainId),
                txId,
                output,
                enclave.deriveNetworkSecret("result-seal", txId, 32));
      }
      return new TxRecord(
          tx, TxStatus.OK, "", "", sealedOutput, outputHash, true, List.copyOf(events));
    }

    /** Runs the app on the input, turning its failures into rejections of this transaction. */
    private byte[] execute(RegisteredApp app, byte[] input) throws Rejected {
      byte[] output;
      long started = System.nanoTime();
      try {
        output = app.app().execute(this, input);
      } catch (AppRejectedException e) {
        throw new Rejected(RejectCode.APP_REJECTED, e.reason() + ": " + e.getMessage());
      } catch (StateTamperedException | io.txnchain.tee.app.AppHaltedException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new Rejected(RejectCode.APP_REJECTED, "invalid_state_access: " + e.getMessage());
      } catch (RuntimeException e) {
        // An app bug must not stop the node; the class name is deterministic, the message may
        // not be, and may carry private data.
        throw new Rejected(RejectCode.APP_REJECTED, "app_error: " + e.getClass().getName());
      } finally {
        observer.executed(appName, System.nanoTime() - started);
      }
      return output == null ? new byte[0] : output;
    }

    private byte[] open(byte[] box) throws Rejected {
      try {
        return enclave.open(
            box,
            Transaction.payloadInfo(tx.chainId()),
            Transaction.payloadAad(tx.sender(), tx.clientId()));
      } catch (SealedBoxException e) {
        if (e.reason() == SealedBoxException.Reason.WRONG_RECIPIENT) {
          throw new Rejected(
              RejectCode.SEALED_FOR_ANOTHER_KEY,
              "payload is sealed to another key than this network's enclave key");
        }
        throw new Rejected(
            RejectCode.SEALED_PAYLOAD_UNREADABLE, "sealed payload cannot be opened (corrupt)");
      }
    }

    void commitToBlock() {
      if (publicView != null) {
        publicView.commitToBlock();
        privateView.commitToBlock();
      }
      for (Execution d : directives) {
        d.commitToBlock();
      }
    }

    @Override
    public boolean fromGovernance() {
      return directive;
    }

    @Override
    public void instruct(String app, byte[] input) {
      if (directive || !appName.equals(GOVERNANCE_APP)) {
        throw new IllegalArgumentException("only the governance app may instruct other apps");
      }
      if (app.equals(GOVERNANCE_APP)) {
        throw new IllegalArgumentException("governance cannot instruct itself");
      }
      if (directives.size() >= MAX_DIRECTIVES_PER_TX) {
        throw new IllegalArgumentException("more than " + MAX_DIRECTIVES_PER_TX + " directives");
      }
      Execution d = new Execution(tx, app, true, height, time, publicWrites, privateWrites, events);
      d.directiveInput = Arrays.copyOf(input, input.length);
      directives.add(d);
    }

    @Override
    public String txId() {
      return tx.id();
    }

    @Override
    public String caller() {
      return tx.senderAddress().toChecksumHex();
    }

    @Override
    public long blockHeight() {
      return height;
    }

    @Override
    public long blockTimeMillis() {
      return time;
    }

    @Override
    public boolean inputWasSealed() {
      return inputSealed;
    }

    @Override
    public io.txnchain.tee.app.AppState publicState() {
      return publicView;
    }

    @Override
    public io.txnchain.tee.app.AppState privateState() {
      return privateView;
    }

    @Override
    public void emit(String type, byte[] data) {
      if (events.size() >= MAX_EVENTS_PER_TX) {
        throw new IllegalArgumentException("more than " + MAX_EVENTS_PER_TX + " events");
      }
      events.add(new Event(appName, type, Arrays.copyOf(data, data.length)));
    }

    @Override
    public byte[] sealTo(byte[] recipientKey, byte[] info, byte[] aad, byte[] plaintext) {
      if (recipientKey == null || recipientKey.length != 32) {
        throw new IllegalArgumentException("a recipient key is 32 bytes");
      }
      // Bound to the transaction, the app and every input, so the ephemeral key repeats only for
      // an identical box; without the plaintext in it, two boxes to one key in one transaction
      // would reuse the AES-GCM key and nonce.
      byte[] context =
          Hashes.sha256(
              tx.id().getBytes(StandardCharsets.US_ASCII),
              lengthPrefixed(appName.getBytes(StandardCharsets.UTF_8)),
              recipientKey,
              lengthPrefixed(info),
              lengthPrefixed(aad),
              plaintext);
      return SealedBox.sealDeterministic(
          recipientKey, info, aad, plaintext, enclave.deriveNetworkSecret("app-seal", context, 32));
    }
  }

  private static byte[] lengthPrefixed(byte[] bytes) {
    return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
  }
}
