package io.txnchain.ledger.store;

import io.txnchain.ledger.machine.BlockCommit;
import io.txnchain.ledger.machine.ChainHead;
import io.txnchain.ledger.state.StateColumn;
import io.txnchain.ledger.state.StateReader;
import io.txnchain.ledger.state.WriteSet;
import io.txnchain.wire.block.BlockHeader;
import io.txnchain.wire.block.BlockSignature;
import io.txnchain.wire.codec.ByteReader;
import io.txnchain.wire.codec.ByteWriter;
import io.txnchain.wire.codec.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The ledger on disk: blocks, records, the transaction index and both state maps, in one RocksDB
 * database. A block is stored with all its effects in one synced write batch, so after a crash the
 * store holds either the whole block or none of it, and every acknowledged block survives.
 */
public final class LedgerStore implements StateReader, AutoCloseable {
  /** Written at creation and checked at open; bump on any change to the layout. */
  public static final int FORMAT_VERSION = 1;

  private static final byte[] KEY_FORMAT = ascii("format_version");
  private static final byte[] KEY_HEAD = ascii("head");
  private static final byte[] KEY_CHAIN_ID = ascii("chain_id");
  private static final byte[] KEY_APPLIED = ascii("applied");
  private static final byte HEADER_SUFFIX = 0;
  private static final byte SIGNATURES_SUFFIX = 1;

  static {
    RocksDB.loadLibrary();
  }

  private RocksDB db;
  private DBOptions dbOptions;
  private ColumnFamilyOptions cfOptions;
  private List<ColumnFamilyHandle> handles;
  private final Map<Column, ColumnFamilyHandle> columns = new EnumMap<>(Column.class);
  // Readers and writers share the database; replacing it by a snapshot excludes them all.
  private final java.util.concurrent.locks.ReentrantReadWriteLock lock =
      new java.util.concurrent.locks.ReentrantReadWriteLock();
  private final Path dir;
  private final String chainId;
  private final WriteOptions syncWrite;
  private volatile ChainHead head;
  private volatile long[] applied = {0, 0};

  private LedgerStore(
      Path dir,
      String chainId,
      RocksDB db,
      DBOptions dbOptions,
      ColumnFamilyOptions cfOptions,
      List<ColumnFamilyHandle> handles) {
    this.dir = dir;
    this.chainId = chainId;
    attach(db, dbOptions, cfOptions, handles);
    this.syncWrite = new WriteOptions().setSync(true);
  }

  private void attach(
      RocksDB db,
      DBOptions dbOptions,
      ColumnFamilyOptions cfOptions,
      List<ColumnFamilyHandle> handles) {
    this.db = db;
    this.dbOptions = dbOptions;
    this.cfOptions = cfOptions;
    this.handles = handles;
    Column[] all = Column.values();
    for (int i = 0; i < all.length; i++) {
      columns.put(all[i], handles.get(i + 1));
    }
  }

  /**
   * Opens (or creates) the ledger in {@code dir} for {@code chainId}.
   *
   * @throws LedgerStoreException if the directory holds another format version or another chain
   */
  public static LedgerStore open(Path dir, String chainId) throws LedgerStoreException {
    Handles h = openDb(dir);
    LedgerStore store = new LedgerStore(dir, chainId, h.db, h.options, h.cfOptions, h.handles);
    try {
      store.checkFormat(chainId);
      store.head = store.readHead();
      store.applied = store.readApplied();
    } catch (LedgerStoreException | RocksDBException | RuntimeException e) {
      store.close();
      if (e instanceof LedgerStoreException l) {
        throw l;
      }
      throw new LedgerStoreException("cannot open the ledger in " + dir + ": " + e.getMessage(), e);
    }
    return store;
  }

  private record Handles(
      RocksDB db,
      DBOptions options,
      ColumnFamilyOptions cfOptions,
      List<ColumnFamilyHandle> handles) {}

  private static Handles openDb(Path dir) throws LedgerStoreException {
    try {
      Files.createDirectories(dir);
      DBOptions options =
          new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
      ColumnFamilyOptions cfOptions = new ColumnFamilyOptions();
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
      for (Column c : Column.values()) {
        descriptors.add(new ColumnFamilyDescriptor(c.idBytes(), cfOptions));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles);
      return new Handles(db, options, cfOptions, handles);
    } catch (RocksDBException | java.io.IOException e) {
      throw new LedgerStoreException("cannot open the ledger in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the whole ledger with a checkpoint written by {@link #checkpoint} (on this or another
   * replica of the same chain): the database is closed, its files are replaced, and it is opened
   * again. Readers wait meanwhile.
   */
  public void replaceWith(Path checkpoint) throws LedgerStoreException {
    lock.writeLock().lock();
    try {
      closeDb();
      try {
        deleteTree(dir);
        Files.createDirectories(dir);
        try (java.util.stream.Stream<Path> files = Files.list(checkpoint)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Files.copy(f, dir.resolve(f.getFileName()));
          }
        }
      } catch (java.io.IOException e) {
        throw new LedgerStoreException("cannot install the checkpoint " + checkpoint, e);
      }
      Handles h = openDb(dir);
      attach(h.db, h.options, h.cfOptions, h.handles);
      try {
        checkFormat(chainId);
        head = readHead();
        applied = readApplied();
      } catch (RocksDBException e) {
        throw new LedgerStoreException("the installed checkpoint cannot be read", e);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private void checkFormat(String chainId) throws RocksDBException, LedgerStoreException {
    ColumnFamilyHandle meta = columns.get(Column.META);
    byte[] version = db.get(meta, KEY_FORMAT);
    if (version == null) {
      try (WriteBatch batch = new WriteBatch()) {
        batch.put(meta, KEY_FORMAT, new ByteWriter(4).u32(FORMAT_VERSION).toByteArray());
        batch.put(meta, KEY_CHAIN_ID, chainId.getBytes(StandardCharsets.UTF_8));
        db.write(syncWrite, batch);
      }
      return;
    }
    int found;
    try {
      found = new ByteReader(version).u32("format version");
    } catch (WireFormatException e) {
      throw new LedgerStoreException("ledger format version is unreadable");
    }
    if (version.length != 4 || found != FORMAT_VERSION) {
      throw new LedgerStoreException(
          "ledger format version " + found + " is not supported (expected " + FORMAT_VERSION + ")");
    }
    String stored = new String(db.get(meta, KEY_CHAIN_ID), StandardCharsets.UTF_8);
    if (!stored.equals(chainId)) {
      throw new LedgerStoreException(
          "this data directory belongs to chain '" + stored + "', not '" + chainId + "'");
    }
  }

  private ChainHead readHead() throws RocksDBException {
    byte[] raw = db.get(columns.get(Column.META), KEY_HEAD);
    if (raw == null) {
      return ChainHead.genesis();
    }
    try {
      ByteReader r = new ByteReader(raw);
      ChainHead h =
          new ChainHead(r.u64("height"), r.raw(32, "hash"), r.raw(32, "stateRoot"), r.u64("time"));
      r.end("head");
      return h;
    } catch (WireFormatException e) {
      throw new IllegalStateException("the stored chain head is corrupt: " + e.getMessage());
    }
  }

  /** The last stored block. */
  public ChainHead head() {
    return head;
  }

  /** Stores a block and all its effects atomically, synced to disk before returning. */
  public void commit(BlockCommit commit) throws LedgerStoreException {
    commit(commit, 0, 0);
  }

  /**
   * Stores a block and all its effects, together with the position of the log entry that produced
   * it, in one synced write: after a crash the store knows exactly which entries it has applied. A
   * commit without a block records only the position.
   *
   * @param logIndex the replicated log's index of the entry (0 when there is no log)
   * @param logTerm the entry's term
   */
  public void commit(BlockCommit commit, long logIndex, long logTerm) throws LedgerStoreException {
    lock.readLock().lock();
    try {
      if (!commit.hasBlock()) {
        if (logIndex > 0) {
          try (WriteBatch batch = new WriteBatch()) {
            putApplied(batch, logIndex, logTerm);
            db.write(syncWrite, batch);
            applied = new long[] {logIndex, logTerm};
          } catch (RocksDBException e) {
            throw new LedgerStoreException("cannot record applied entry " + logIndex, e);
          }
        }
        return;
      }
      BlockHeader header = commit.header();
      long height = header.height();
      if (height != head.height() + 1) {
        throw new LedgerStoreException(
            "block " + height + " does not follow the stored head " + head.height());
      }
      try (WriteBatch batch = new WriteBatch()) {
        ColumnFamilyHandle blocks = columns.get(Column.BLOCKS);
        batch.put(blocks, blockKey(height, HEADER_SUFFIX), header.encode());
        batch.put(
            blocks,
            blockKey(height, SIGNATURES_SUFFIX),
            encodeSignatures(List.of(commit.signature())));
        ColumnFamilyHandle records = columns.get(Column.RECORDS);
        ColumnFamilyHandle index = columns.get(Column.TX_INDEX);
        for (int i = 0; i < commit.records().size(); i++) {
          byte[] location = recordKey(height, i);
          batch.put(records, location, commit.records().get(i));
          batch.put(index, txKey(commit.recordTxIds().get(i)), location);
        }
        write(batch, Column.STATE_PUBLIC, commit.publicWrites());
        write(batch, Column.STATE_PRIVATE, commit.sealedPrivateWrites());
        ChainHead next =
            new ChainHead(height, header.hash(), header.stateRoot(), header.timeMillis());
        batch.put(
            columns.get(Column.META),
            KEY_HEAD,
            new ByteWriter(80)
                .u64(next.height())
                .raw(next.hash())
                .raw(next.stateRoot())
                .u64(next.timeMillis())
                .toByteArray());
        if (logIndex > 0) {
          putApplied(batch, logIndex, logTerm);
        }
        db.write(syncWrite, batch);
        head = next;
        if (logIndex > 0) {
          applied = new long[] {logIndex, logTerm};
        }
      } catch (RocksDBException e) {
        throw new LedgerStoreException("cannot store block " + height + ": " + e.getMessage(), e);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  private void putApplied(WriteBatch batch, long index, long term) throws RocksDBException {
    batch.put(
        columns.get(Column.META),
        KEY_APPLIED,
        new ByteWriter(16).u64(index).u64(term).toByteArray());
  }

  /** The log index and term of the last applied entry; zeros when none. */
  public long[] applied() {
    return applied.clone();
  }

  private long[] readApplied() throws RocksDBException {
    byte[] raw = db.get(columns.get(Column.META), KEY_APPLIED);
    if (raw == null) {
      return new long[] {0, 0};
    }
    try {
      ByteReader r = new ByteReader(raw);
      long[] a = {r.u64("index"), r.u64("term")};
      r.end("applied");
      return a;
    } catch (WireFormatException e) {
      throw new IllegalStateException("the stored applied position is corrupt: " + e.getMessage());
    }
  }

  private void write(WriteBatch batch, Column column, WriteSet writes) throws RocksDBException {
    ColumnFamilyHandle cf = columns.get(column);
    for (Map.Entry<byte[], byte[]> e : writes.entries().entrySet()) {
      if (e.getValue() == null) {
        batch.delete(cf, e.getKey());
      } else {
        batch.put(cf, e.getKey(), e.getValue());
      }
    }
  }

  /** The block at {@code height}, if stored. */
  public Optional<StoredBlock> block(long height) {
    lock.readLock().lock();
    try {
      try {
        byte[] h = db.get(columns.get(Column.BLOCKS), blockKey(height, HEADER_SUFFIX));
        if (h == null) {
          return Optional.empty();
        }
        byte[] s = db.get(columns.get(Column.BLOCKS), blockKey(height, SIGNATURES_SUFFIX));
        return Optional.of(new StoredBlock(BlockHeader.decode(h), decodeSignatures(s)));
      } catch (RocksDBException | WireFormatException e) {
        throw new IllegalStateException(
            "block " + height + " cannot be read: " + e.getMessage(), e);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The encoded records of the block at {@code height}, in order. */
  public List<byte[]> records(long height) {
    lock.readLock().lock();
    try {
      List<byte[]> out = new ArrayList<>();
      byte[] prefix = new ByteWriter(8).u64(height).toByteArray();
      try (RocksIterator it = db.newIterator(columns.get(Column.RECORDS))) {
        for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
          out.add(it.value());
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Where the transaction with this id is recorded. */
  public Optional<TxLocation> locate(String txId) {
    lock.readLock().lock();
    try {
      byte[] key = txKeyOrNull(txId);
      if (key == null) {
        return Optional.empty();
      }
      try {
        byte[] v = db.get(columns.get(Column.TX_INDEX), key);
        if (v == null) {
          return Optional.empty();
        }
        ByteReader r = new ByteReader(v);
        return Optional.of(new TxLocation(r.u64("height"), r.u32("index")));
      } catch (RocksDBException | WireFormatException e) {
        throw new IllegalStateException("transaction index cannot be read: " + e.getMessage(), e);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /** One encoded record. */
  public Optional<byte[]> record(TxLocation location) {
    lock.readLock().lock();
    try {
      try {
        return Optional.ofNullable(
            db.get(columns.get(Column.RECORDS), recordKey(location.height(), location.index())));
      } catch (RocksDBException e) {
        throw new IllegalStateException("record cannot be read: " + e.getMessage(), e);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public boolean containsTx(String txId) {
    return locate(txId).isPresent();
  }

  @Override
  public byte[] get(StateColumn column, byte[] key) {
    lock.readLock().lock();
    try {
      try {
        return db.get(columns.get(stateColumn(column)), key);
      } catch (RocksDBException e) {
        throw new IllegalStateException("state cannot be read: " + e.getMessage(), e);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<Map.Entry<byte[], byte[]>> scan(StateColumn column, byte[] prefix, int limit) {
    lock.readLock().lock();
    try {
      List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
      try (RocksIterator it = db.newIterator(columns.get(stateColumn(column)))) {
        for (it.seek(prefix);
            it.isValid() && out.size() < limit && startsWith(it.key(), prefix);
            it.next()) {
          out.add(new AbstractMap.SimpleImmutableEntry<>(it.key(), it.value()));
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A metadata value, such as stored enclave evidence. */
  public Optional<byte[]> meta(String key) {
    lock.readLock().lock();
    try {
      try {
        return Optional.ofNullable(db.get(columns.get(Column.META), ascii("x/" + key)));
      } catch (RocksDBException e) {
        throw new IllegalStateException("metadata cannot be read: " + e.getMessage(), e);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Stores a metadata value durably. */
  public void putMeta(String key, byte[] value) throws LedgerStoreException {
    lock.readLock().lock();
    try {
      try {
        db.put(columns.get(Column.META), syncWrite, ascii("x/" + key), value);
      } catch (RocksDBException e) {
        throw new LedgerStoreException("cannot store metadata: " + e.getMessage(), e);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Writes a consistent copy of the whole database into {@code target} (which must not exist), as
   * hard links where the file system allows: a snapshot for a replica that is too far behind.
   */
  public void checkpoint(Path target) throws LedgerStoreException {
    lock.readLock().lock();
    try {
      try (org.rocksdb.Checkpoint checkpoint = org.rocksdb.Checkpoint.create(db)) {
        checkpoint.createCheckpoint(target.toString());
      } catch (RocksDBException e) {
        throw new LedgerStoreException("cannot write a checkpoint to " + target, e);
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  private static Column stateColumn(StateColumn c) {
    return c == StateColumn.PUBLIC ? Column.STATE_PUBLIC : Column.STATE_PRIVATE;
  }

  private static byte[] blockKey(long height, byte suffix) {
    return new ByteWriter(9).u64(height).u8(suffix).toByteArray();
  }

  private static byte[] recordKey(long height, int index) {
    return new ByteWriter(12).u64(height).u32(index).toByteArray();
  }

  private static byte[] txKey(String txId) {
    byte[] k = txKeyOrNull(txId);
    if (k == null) {
      throw new IllegalArgumentException("malformed transaction id " + txId);
    }
    return k;
  }

  private static byte[] txKeyOrNull(String txId) {
    if (txId == null || !txId.startsWith("0x") || txId.length() != 66) {
      return null;
    }
    try {
      return Hex.decodeStrict(txId.substring(2));
    } catch (DecoderException e) {
      return null;
    }
  }

  private static byte[] encodeSignatures(List<BlockSignature> sigs) {
    ByteWriter w = new ByteWriter(4 + sigs.size() * 96).u32(sigs.size());
    for (BlockSignature s : sigs) {
      w.raw(s.enclaveKey()).raw(s.signature());
    }
    return w.toByteArray();
  }

  private static List<BlockSignature> decodeSignatures(byte[] raw) throws WireFormatException {
    if (raw == null) {
      return List.of();
    }
    ByteReader r = new ByteReader(raw);
    int n = r.u32("signature count");
    if (n < 0 || n > 1024) {
      throw new WireFormatException("bad signature count " + n);
    }
    List<BlockSignature> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new BlockSignature(r.raw(32, "enclave key"), r.raw(64, "signature")));
    }
    r.end("signatures");
    return out;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closeDb();
      syncWrite.close();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void closeDb() {
    for (ColumnFamilyHandle h : handles) {
      h.close();
    }
    db.close();
    dbOptions.close();
    cfOptions.close();
  }
}
