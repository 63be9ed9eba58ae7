package io.txnchain.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.crypto.CryptoException;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.crypto.seal.SealedBoxException;
import io.txnchain.governance.GovernanceView;
import io.txnchain.ledger.store.LedgerStore;
import io.txnchain.ledger.store.LedgerStoreException;
import io.txnchain.node.Node;
import io.txnchain.node.config.NodeConfig;
import io.txnchain.tee.Enclave;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.bouncycastle.util.encoders.Hex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code txnchain recover}: rebuilds a network from a copy of its ledger and the recovery shares of
 * a threshold of its governance members, into a new data directory whose enclave holds the
 * network's keys again, so that the ledger's private state opens and the network keeps its identity
 * (chain id, encryption key, receipts). The recovered node starts as a network of one; other nodes
 * join it.
 */
@Command(
    name = "recover",
    description =
        "Restore a network from a copy of its ledger and members' recovery shares into a new"
            + " data directory.")
final class RecoverCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--from",
      required = true,
      paramLabel = "DIR",
      description = "data directory of a stopped node of the network (its ledger is copied)")
  Path from;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "new data directory for the recovered node")
  Path data;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "FILE",
      description = "a member's key file (repeat for each member taking part)")
  List<Path> keys;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "the network's node settings (default: FROM/node.properties if present)")
  Path config;

  @Override
  public Integer call() throws IOException {
    Path source = config != null ? config : from.resolve("node.properties");
    Properties props = new Properties();
    if (Files.exists(source)) {
      try (Reader r = Files.newBufferedReader(source)) {
        props.load(r);
      }
    }
    props.setProperty(NodeConfig.DATA_DIR.name(), data.toAbsolutePath().toString());
    // A recovered network restarts as one node; the others join it again.
    props.remove(NodeConfig.JOIN_URL.name());
    props.remove(NodeConfig.MEMBERS.name());
    Map<String, String> overrides = new TreeMap<>();
    props.stringPropertyNames().forEach(k -> overrides.put(k, props.getProperty(k)));
    NodeConfig settings = NodeConfig.load(null, Map.of(), overrides);
    if (Files.exists(data.resolve("ledger")) || Files.exists(data.resolve("enclave"))) {
      System.err.println("error: " + data + " already holds a node; recover into a new directory");
      return 2;
    }
    String chainId = settings.get(NodeConfig.CHAIN_ID);
    List<byte[]> shares = new ArrayList<>();
    byte[] networkKey;
    long height;
    try (LedgerStore ledger = LedgerStore.open(from.resolve("ledger"), chainId)) {
      JsonNode set = new GovernanceView(settings.genesis(), ledger).recovery();
      if (set == null) {
        System.err.println(
            "error: this ledger holds no recovery shares: members register recovery keys"
                + " (txnchain gov recovery-key) and then ask for shares (txnchain gov"
                + " issue-shares)");
        return 1;
      }
      int threshold = set.get("threshold").asInt();
      networkKey = Hex.decode(set.get("networkKey").asText());
      for (Path keyFile : keys) {
        byte[] share = openShare(set, keyFile);
        if (share == null) {
          return 1;
        }
        shares.add(share);
      }
      if (shares.size() < threshold) {
        System.err.println(
            "error: "
                + threshold
                + " members' shares are needed to recover this network, "
                + shares.size()
                + " given");
        return 1;
      }
      height = ledger.head().height();
      Files.createDirectories(data);
      ledger.checkpoint(data.resolve("ledger"));
    } catch (LedgerStoreException e) {
      System.err.println("error: cannot read the ledger in " + from + ": " + e.getMessage());
      return 1;
    }
    try {
      Node.recoverKeys(settings, shares, networkKey);
    } catch (CryptoException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    }
    Path written = data.resolve("node.properties");
    try (Writer w = Files.newBufferedWriter(written)) {
      props.store(w, "written by txnchain recover");
    }
    System.out.println(
        "recovered chain "
            + chainId
            + " at height "
            + height
            + " into "
            + data
            + "; start it with: ./txnchain node --config "
            + written);
    return 0;
  }

  /** Opens the share of the member whose key is in {@code keyFile}; null after an error. */
  private static byte[] openShare(JsonNode set, Path keyFile) throws IOException {
    JsonNode key = JSON.readTree(Files.readAllBytes(keyFile));
    Secp256k1KeyPair member =
        Secp256k1KeyPair.fromPrivateKey(Hex.decode(key.path("privateKey").asText()));
    String address = member.address().toChecksumHex();
    for (JsonNode s : set.get("shares")) {
      if (s.get("member").asText().equals(address)) {
        X25519KeyPair reply = member.replyKey();
        try {
          return SealedBox.open(
              reply,
              Enclave.RECOVERY_SHARE_INFO,
              reply.publicKey(),
              Hex.decode(s.get("sealed").asText()));
        } catch (SealedBoxException e) {
          System.err.println(
              "error: "
                  + address
                  + "'s share does not open with "
                  + keyFile
                  + " (its recovery key changed after the shares were made?)");
          return null;
        }
      }
    }
    System.err.println("error: " + address + " (" + keyFile + ") holds no recovery share");
    return null;
  }
}
