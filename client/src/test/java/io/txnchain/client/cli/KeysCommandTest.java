package io.txnchain.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.client.sdk.UserKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
  @TempDir Path home;

  @Test
  void createsAKeyFileAndPrintsItsAddress() throws Exception {
    Path file = home.resolve("k/alice.key");

    CliRunner.Run run = new CliRunner(home).run("keys", "new", "--out", file.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.json().path("address").asText())
        .isEqualTo(UserKey.load(file).address().toChecksumHex());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void refusesToOverwrite() throws Exception {
    Path file = home.resolve("alice.key");
    new CliRunner(home).run("keys", "new", "--out", file.toString());
    byte[] before = Files.readAllBytes(file);

    CliRunner.Run again = new CliRunner(home).run("keys", "new", "--out", file.toString());

    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("refusing to overwrite");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }

  @Test
  void writesTheDefaultKeyWhenNoFileIsNamed() {
    CliRunner.Run run = new CliRunner(home).terminal(true).run("keys", "new");

    assertThat(run.exit()).isZero();
    Path file = home.resolve(".txnchain/default.key");
    assertThat(run.out()).contains(UserKey.load(file).address().toChecksumHex());
  }

  @Test
  void showsAnAddressWithoutTheSecret() throws Exception {
    Path file = home.resolve("alice.key");
    UserKey key = UserKey.create(file);

    CliRunner.Run run = new CliRunner(home).run("keys", "show", "--key", file.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.json().path("address").asText()).isEqualTo(key.address().toChecksumHex());
    assertThat(run.out())
        .doesNotContain(java.util.HexFormat.of().formatHex(key.keyPair().privateKey()));
  }

  @Test
  void keysWithoutASubcommandIsAUsageError() {
    assertThat(new CliRunner(home).run("keys").exit()).isEqualTo(2);
  }
}
