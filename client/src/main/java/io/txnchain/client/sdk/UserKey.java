package io.txnchain.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * A user's secp256k1 key and the file that holds it: {@code
 * {"type":"secp256k1","address":"0x..","privateKey":"hex"}}, readable by its owner only.
 *
 * <p>The same key also yields the X25519 {@link #replyKey()} that enclaves seal results to, so a
 * user needs one secret, not two.
 */
public final class UserKey {
  /** The {@code type} a key file must declare. */
  public static final String TYPE = "secp256k1";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");

  private final Secp256k1KeyPair keyPair;

  private UserKey(Secp256k1KeyPair keyPair) {
    this.keyPair = keyPair;
  }

  /** Wraps an existing key pair. */
  public static UserKey of(Secp256k1KeyPair keyPair) {
    return new UserKey(keyPair);
  }

  /** A fresh key that is not stored anywhere. */
  public static UserKey generate(SecureRandom random) {
    return new UserKey(Secp256k1KeyPair.generate(random));
  }

  /** Generates a key and writes it to a new file; refuses to overwrite an existing one. */
  public static UserKey create(Path file) {
    return create(file, new SecureRandom());
  }

  /** Generates a key from {@code random} and writes it to a new file. */
  public static UserKey create(Path file, SecureRandom random) {
    UserKey key = generate(random);
    key.writeTo(file);
    return key;
  }

  /** Reads a key file and checks that its address matches its private key. */
  public static UserKey load(Path file) {
    JsonNode n;
    try {
      n = MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new KeyFileException("cannot read key file " + file + ": " + describe(e), e);
    }
    if (n == null || !n.isObject()) {
      throw new KeyFileException("key file " + file + " is not a JSON object");
    }
    if (!TYPE.equals(n.path("type").asText())) {
      throw new KeyFileException(
          "key file " + file + " has type '" + n.path("type").asText() + "', expected " + TYPE);
    }
    Secp256k1KeyPair pair;
    try {
      String hex = n.path("privateKey").asText("");
      pair =
          Secp256k1KeyPair.fromPrivateKey(
              HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex));
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(
          "key file " + file + " holds no valid secp256k1 private key: " + e.getMessage());
    }
    if (n.hasNonNull("address")
        && !n.get("address").asText().equalsIgnoreCase(pair.address().toChecksumHex())) {
      // A file edited by hand or mixed up with another: signing with it would surprise the user.
      throw new KeyFileException(
          "key file "
              + file
              + " names address "
              + n.get("address").asText()
              + " but its private key belongs to "
              + pair.address());
    }
    return new UserKey(pair);
  }

  /**
   * Writes this key to a new file, readable by its owner only, creating missing parent directories
   * owner-only as well. The file is created exclusively, so an existing key is never replaced.
   */
  public void writeTo(Path file) {
    if (Files.exists(file)) {
      throw new KeyFileException(file + " already exists; refusing to overwrite a key file");
    }
    boolean posix = isPosix(file);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        if (posix) {
          Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
          Files.createDirectories(parent);
        }
      }
      FileAttribute<?>[] attrs =
          posix
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
              : new FileAttribute<?>[0];
      try (OutputStream out =
          Files.newOutputStream(
              Files.createFile(file, attrs), StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
        out.write(toJson().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        Files.deleteIfExists(file);
        throw e;
      }
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException(file + " already exists; refusing to overwrite a key file", e);
    } catch (IOException e) {
      throw new KeyFileException("cannot write key file " + file + ": " + describe(e), e);
    }
  }

  /**
   * Whether only the owner may read {@code file}; true where the file system has no POSIX
   * permissions to check.
   */
  public static boolean isOwnerOnly(Path file) {
    if (!isPosix(file)) {
      return true;
    }
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      return !p.contains(PosixFilePermission.GROUP_READ)
          && !p.contains(PosixFilePermission.OTHERS_READ)
          && !p.contains(PosixFilePermission.GROUP_WRITE)
          && !p.contains(PosixFilePermission.OTHERS_WRITE);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isPosix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private String toJson() {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("type", TYPE);
    n.put("address", keyPair.address().toChecksumHex());
    n.put("privateKey", HexFormat.of().formatHex(keyPair.privateKey()));
    return n.toPrettyString() + "\n";
  }

  private static String describe(IOException e) {
    return e.getMessage() == null || e.getMessage().isEmpty()
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + " " + e.getMessage();
  }

  public Secp256k1KeyPair keyPair() {
    return keyPair;
  }

  public EthAddress address() {
    return keyPair.address();
  }

  /**
   * The X25519 key that sealed results are returned to, derived from the private key so that it
   * needs no storage of its own.
   */
  public X25519KeyPair replyKey() {
    return keyPair.replyKey();
  }

  /**
   * The X25519 key the DEX seals this account's balance snapshots to once it is registered with
   * {@code setViewKey} (docs/dex.md); derived from the private key like {@link #replyKey()}, under
   * its own label, so it needs no storage either.
   */
  public X25519KeyPair viewKey() {
    return X25519KeyPair.derive(
        io.txnchain.crypto.Hashes.sha256(VIEW_KEY_DOMAIN, keyPair.privateKey()));
  }

  private static final byte[] VIEW_KEY_DOMAIN =
      "txnchain/dex/view-key/v1".getBytes(StandardCharsets.US_ASCII);

  /** Shows the address only. */
  @Override
  public String toString() {
    return "UserKey[" + address() + "]";
  }
}
