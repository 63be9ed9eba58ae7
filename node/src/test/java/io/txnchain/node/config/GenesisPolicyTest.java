package io.txnchain.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.txnchain.governance.Genesis;
import io.txnchain.tee.policy.AttestationPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A network's genesis may carry a whole attestation policy from a file. */
class GenesisPolicyTest {
  private static final String MEMBER = "0x893AA5904B80A0f4b3b1a223b243ccBe84e00486";
  @TempDir Path dir;

  private Genesis genesis(Map<String, String> overrides) throws Exception {
    return NodeConfig.load(null, Map.of(), overrides).genesis();
  }

  @Test
  void readsTheWholePolicyFromTheFile() throws Exception {
    Path file = dir.resolve("policy.json");
    Files.writeString(file, AttestationPolicy.defaults().withAllowSimulated(false).toJsonString());
    Genesis g =
        genesis(
            Map.of(
                "gov.members",
                MEMBER,
                "gov.attestation-policy",
                file.toString(),
                "gov.auto-admit",
                "false",
                "tee.allow-simulated",
                "true"));
    // The file decides, not tee.allow-simulated (which only says what this node runs).
    assertThat(g.policy().allowSimulated()).isFalse();
    assertThat(g.policy().autoAdmit()).isFalse();
    assertThat(g.policy().attestation().toJson())
        .isEqualTo(AttestationPolicy.defaults().withAllowSimulated(false).toJson());
  }

  @Test
  void refusesAPolicyNoNodeCouldPassOrThatClashesWithTheFlatKeys() throws Exception {
    Path revoked = dir.resolve("revoked.json");
    Files.writeString(revoked, "{\"acceptedTcbStatuses\":[\"UpToDate\",\"Revoked\"]}");
    assertRefused(
        Map.of("gov.members", MEMBER, "gov.attestation-policy", revoked.toString()),
        "gov.attestation-policy",
        "Revoked");

    Path good = dir.resolve("good.json");
    Files.writeString(good, AttestationPolicy.defaults().toJsonString());
    assertRefused(
        Map.of(
            "gov.members", MEMBER,
            "gov.attestation-policy", good.toString(),
            "gov.allowed-measurements", "00".repeat(32)),
        "do not also set");
    assertRefused(
        Map.of(
            "gov.members",
            MEMBER,
            "gov.attestation-policy",
            dir.resolve("missing.json").toString()),
        "cannot read");
    Path notJson = dir.resolve("bad.json");
    Files.writeString(notJson, "{not json");
    assertRefused(
        Map.of("gov.members", MEMBER, "gov.attestation-policy", notJson.toString()), "not JSON");
  }

  /** The genesis settings are refused with a message naming each of {@code parts}. */
  private void assertRefused(Map<String, String> settings, String... parts) {
    assertThatThrownBy(() -> genesis(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(parts);
  }
}
