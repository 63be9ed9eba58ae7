package io.txnchain.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserKeyTest {
  private final SecureRandom random = new SecureRandom();
  @TempDir Path dir;

  @Test
  void writesAnOwnerOnlyFileInAnOwnerOnlyDirectory() throws Exception {
    Path file = dir.resolve("fresh").resolve("user.key");

    UserKey.create(file, random);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(UserKey.isOwnerOnly(file)).isTrue();
  }

  @Test
  void roundTripsTheKeyAndItsFileFormat() throws Exception {
    Path file = dir.resolve("user.key");
    UserKey created = UserKey.create(file, random);

    UserKey loaded = UserKey.load(file);

    assertThat(loaded.address()).isEqualTo(created.address());
    assertThat(loaded.keyPair().privateKey()).isEqualTo(created.keyPair().privateKey());
    assertThat(loaded.replyKey().publicKey()).isEqualTo(created.replyKey().publicKey());
    var json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.get("type").asText()).isEqualTo("secp256k1");
    assertThat(json.get("address").asText()).isEqualTo(created.address().toChecksumHex());
    assertThat(json.get("privateKey").asText())
        .isEqualTo(HexFormat.of().formatHex(created.keyPair().privateKey()));
  }

  @Test
  void refusesToOverwriteAnExistingKey() throws Exception {
    Path file = dir.resolve("user.key");
    UserKey.create(file, random);
    byte[] before = Files.readAllBytes(file);

    assertThatThrownBy(() -> UserKey.create(file, random))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("refusing to overwrite");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void refusesAFileWhoseAddressIsNotItsKeys() throws Exception {
    Path file = dir.resolve("user.key");
    UserKey.create(file, random);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode json = (ObjectNode) mapper.readTree(file.toFile());
    json.put("address", UserKey.generate(random).address().toChecksumHex());
    Files.writeString(file, json.toString());

    assertThatThrownBy(() -> UserKey.load(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("belongs to");
  }

  @Test
  void refusesAnotherKeyType() throws Exception {
    Path file = dir.resolve("user.key");
    Files.writeString(file, "{\"type\":\"ed25519\",\"privateKey\":\"00\"}");

    assertThatThrownBy(() -> UserKey.load(file)).hasMessageContaining("expected secp256k1");
  }

  @Test
  void detectsAKeyFileOthersCanRead() throws Exception {
    Path file = dir.resolve("user.key");
    UserKey.create(file, random);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(UserKey.isOwnerOnly(file)).isFalse();
  }

  @Test
  void theViewKeyIsStableForAKeyAndNeitherItsReplyKeyNorAnotherUsers() {
    UserKey user = UserKey.generate(random);
    UserKey again = UserKey.of(user.keyPair());
    assertThat(again.viewKey().publicKey()).isEqualTo(user.viewKey().publicKey());
    assertThat(user.viewKey().publicKey()).isNotEqualTo(user.replyKey().publicKey());
    assertThat(user.viewKey().publicKey())
        .isNotEqualTo(UserKey.generate(random).viewKey().publicKey());
  }

  @Test
  void replyKeysDifferBetweenUsers() {
    assertThat(UserKey.generate(random).replyKey().publicKey())
        .isNotEqualTo(UserKey.generate(random).replyKey().publicKey());
  }
}
