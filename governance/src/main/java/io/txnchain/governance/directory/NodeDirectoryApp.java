package io.txnchain.governance.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.apps.json.AppJson;
import io.txnchain.crypto.Ed25519;
import io.txnchain.crypto.Hashes;
import io.txnchain.ledger.state.AppStateView;
import io.txnchain.ledger.state.StateColumn;
import io.txnchain.ledger.state.StateReader;
import io.txnchain.tee.app.AppContext;
import io.txnchain.tee.app.AppRejectedException;
import io.txnchain.tee.app.EnclaveApp;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The network's directory of nodes on the ledger: for each replication member id, the enclave
 * identity key that runs it and where it is reached (replication address, API URL). Every node
 * reads it to find its peers (routing, compliance checks) and the leader uses it to map a node that
 * governance removed to the replication member it must drop.
 *
 * <p>An entry is signed by the node's own enclave identity key over {@link #signedMessage}, so a
 * host cannot attach another enclave's key to its member id, and submitted by the holders of the
 * network secret only ({@link #authorize}). A member id stays bound to the first identity key that
 * registered it, and an identity key to one member id; addresses may change (same id, same key).
 *
 * <p>State: {@code member/<id>} → the entry's canonical JSON; {@code identity/<key hex>} → id.
 */
public final class NodeDirectoryApp implements EnclaveApp {
  /** The registered name. */
  public static final String NAME = "nodes";

  private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.\\[\\]:_-]{1,255}:[0-9]{1,5}");
  private static final Pattern URL = Pattern.compile("https?://[\\x21-\\x7e]{1,240}");
  private static final HexFormat HEX = HexFormat.of();

  private volatile String submitter;

  /** Creates the app; nobody may submit until {@link #authorize} (after joining). */
  public NodeDirectoryApp() {}

  /** Sets the address derived from the network secret, the only one that may submit. */
  public void authorize(String address) {
    this.submitter = address;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** True if {@code id} may be a replication member id (letters, digits, {@code . _ -}). */
  public static boolean isValidMemberId(String id) {
    return id != null && MEMBER_ID.matcher(id).matches();
  }

  /** True if {@code address} is a {@code host:port} replication address. */
  public static boolean isValidAddress(String address) {
    return address != null && ADDRESS.matcher(address).matches();
  }

  /** One node of the directory. */
  public record Entry(
      String memberId, String raftAddress, String apiUrl, String identityKey, String signature) {

    /** The app's input (and stored form) of this entry. */
    public byte[] encode() {
      ObjectNode n = AppJson.object();
      n.put("memberId", memberId);
      n.put("raftAddress", raftAddress);
      n.put("apiUrl", apiUrl);
      n.put("identityKey", identityKey);
      n.put("signature", signature);
      return AppJson.write(n);
    }

    /** True if both name the same node at the same places (signatures aside). */
    public boolean sameAs(Entry other) {
      return memberId.equals(other.memberId)
          && raftAddress.equals(other.raftAddress)
          && apiUrl.equals(other.apiUrl)
          && identityKey.equals(other.identityKey);
    }
  }

  /**
   * What the node's identity key signs: a domain-separated hash of the fields, each of which is
   * printable ASCII (checked), so NUL separators make the encoding unambiguous.
   */
  public static byte[] signedMessage(
      String memberId, String raftAddress, String apiUrl, String identityKeyHex) {
    String joined =
        "txnchain/node-directory/v1\0"
            + memberId
            + "\0"
            + raftAddress
            + "\0"
            + apiUrl
            + "\0"
            + identityKeyHex;
    return Hashes.sha256(joined.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public byte[] execute(AppContext ctx, byte[] input) throws AppRejectedException {
    if (submitter == null || !submitter.equals(ctx.caller())) {
      throw new AppRejectedException(
          "not_a_node", "directory entries are submitted by the network's nodes only");
    }
    Entry e = parse(AppJson.parseObject(input));
    byte[] key = HEX.parseHex(e.identityKey());
    if (!Ed25519.verify(
        key,
        signedMessage(e.memberId(), e.raftAddress(), e.apiUrl(), e.identityKey()),
        HEX.parseHex(e.signature()))) {
      throw new AppRejectedException(
          "bad_signature", "the entry is not signed by the identity key it names");
    }
    byte[] boundId = ctx.publicState().get(identityKey(e.identityKey()));
    if (boundId != null && !new String(boundId, StandardCharsets.US_ASCII).equals(e.memberId())) {
      throw new AppRejectedException(
          "identity_registered",
          "identity key "
              + e.identityKey()
              + " runs member "
              + new String(boundId, StandardCharsets.US_ASCII)
              + " already");
    }
    byte[] stored = ctx.publicState().get(memberKey(e.memberId()));
    if (stored != null) {
      Entry old = parse((ObjectNode) AppJson.readStored(stored));
      if (!old.identityKey().equals(e.identityKey())) {
        throw new AppRejectedException(
            "member_id_taken",
            "member id " + e.memberId() + " belongs to identity key " + old.identityKey());
      }
      if (old.sameAs(e)) {
        throw new AppRejectedException("unchanged", "the directory holds this entry already");
      }
    }
    byte[] encoded = e.encode();
    ctx.publicState().put(memberKey(e.memberId()), encoded);
    ctx.publicState()
        .put(identityKey(e.identityKey()), e.memberId().getBytes(StandardCharsets.US_ASCII));
    ctx.emit("node.registered", encoded);
    return new byte[0];
  }

  private static Entry parse(ObjectNode n) throws AppRejectedException {
    AppJson.allowOnly(n, "memberId", "raftAddress", "apiUrl", "identityKey", "signature");
    String id = matching(n, "memberId", MEMBER_ID);
    String raft = matching(n, "raftAddress", ADDRESS);
    String url = matching(n, "apiUrl", URL);
    String key = hex(n, "identityKey", 32);
    String sig = hex(n, "signature", 64);
    return new Entry(id, raft, url, key, sig);
  }

  private static String matching(ObjectNode n, String field, Pattern p)
      throws AppRejectedException {
    String v = AppJson.requiredString(n, field);
    if (!p.matcher(v).matches()) {
      throw AppJson.invalid("field '" + field + "' is not a valid " + field);
    }
    return v;
  }

  private static String hex(ObjectNode n, String field, int bytes) throws AppRejectedException {
    String v = AppJson.requiredString(n, field);
    if (v.length() != 2 * bytes || !v.matches("[0-9a-f]+")) {
      throw AppJson.invalid("field '" + field + "' must be " + bytes + " bytes of lower-case hex");
    }
    return v;
  }

  private static byte[] memberKey(String memberId) {
    return ("member/" + memberId).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] identityKey(String identityKeyHex) {
    return ("identity/" + identityKeyHex).getBytes(StandardCharsets.US_ASCII);
  }

  /** The directory as committed: member id to entry, sorted by id. */
  public static SortedMap<String, Entry> read(StateReader state) {
    byte[] prefix = AppStateView.stateKey(NAME, memberKey(""));
    SortedMap<String, Entry> out = new TreeMap<>();
    for (Map.Entry<byte[], byte[]> kv :
        state.scan(StateColumn.PUBLIC, prefix, AppStateView.MAX_SCAN)) {
      try {
        Entry e = parse((ObjectNode) AppJson.readStored(kv.getValue()));
        out.put(e.memberId(), e);
      } catch (AppRejectedException | ClassCastException ex) {
        // Only entries this app validated are stored; anything else is not ours to interpret.
      }
    }
    return out;
  }

  @Override
  public List<Class<?>> codeAnchors() {
    return List.of(NodeDirectoryApp.class, Entry.class);
  }
}
