package io.txnchain.governance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the recorded recovery shares are stale (members or recovery keys changed since they were
 * issued), and the rule that makes a second node issuing shares for the same state a refusal.
 */
class RecoveryStalenessTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Secp256k1KeyPair alice = Secp256k1KeyPair.generate(RANDOM);
  private final Secp256k1KeyPair bob = Secp256k1KeyPair.generate(RANDOM);
  private final Secp256k1KeyPair carol = Secp256k1KeyPair.generate(RANDOM);
  private final Secp256k1KeyPair dave = Secp256k1KeyPair.generate(RANDOM);
  private final Secp256k1KeyPair node = Secp256k1KeyPair.generate(RANDOM);

  @TempDir Path dir;

  private GovFixture fixture() throws Exception {
    Genesis genesis =
        Genesis.of(
            Arrays.asList(
                alice.address().toChecksumHex(),
                bob.address().toChecksumHex(),
                carol.address().toChecksumHex()),
            true,
            true,
            List.of());
    GovFixture f = new GovFixture(dir, genesis);
    f.gov.authorizeNodes(node.address().toChecksumHex());
    return f;
  }

  private static void registerKey(GovFixture f, Secp256k1KeyPair member, byte[] key)
      throws Exception {
    GovFixture.Result r =
        f.submit(
            member,
            "gov",
            "{\"op\":\"set_recovery_key\",\"publicKey\":\"" + Hex.toHexString(key) + "\"}");
    assertThat(r.rejection()).isNull();
  }

  private static void registerKey(GovFixture f, Secp256k1KeyPair member) throws Exception {
    registerKey(f, member, member.replyKey().publicKey());
  }

  /** A member set change, proposed by alice and approved by bob (a majority of three). */
  private static void decide(
      GovFixture f, String type, Secp256k1KeyPair who, Secp256k1KeyPair... by) throws Exception {
    String action =
        "{\"type\":\"" + type + "\",\"address\":\"" + who.address().toChecksumHex() + "\"}";
    GovFixture.Result r = f.submit(by[0], "gov", "{\"op\":\"propose\",\"action\":" + action + "}");
    assertThat(r.rejection()).isNull();
    String id = JSON.readTree(r.output()).get("proposal").asText();
    for (int i = 1; i < by.length; i++) {
      r = f.submit(by[i], "gov", "{\"op\":\"vote\",\"proposal\":\"" + id + "\",\"approve\":true}");
      assertThat(r.rejection()).isNull();
    }
    assertThat(r.output()).contains("\"status\":\"accepted\"");
  }

  /**
   * What a node submits: one share per current holder. The sealed shares are opaque to the state
   * machine (only members' keys open them), so any hex stands in for them here.
   */
  private static String shares(RecoveryStatus s, Long replaces) {
    ObjectNode in = JSON.createObjectNode();
    in.put("op", "recovery_shares");
    if (replaces != null) {
      in.put("replaces", replaces);
    }
    in.put("threshold", s.expectedThreshold());
    in.put("networkKey", Hex.toHexString(X25519KeyPair.generate(RANDOM).publicKey()));
    ArrayNode a = in.putArray("shares");
    int i = 0;
    for (var e : s.holders().entrySet()) {
      a.addObject()
          .put("member", e.getKey())
          .put("recoveryKey", e.getValue())
          .put("index", ++i)
          .put("sealed", Hex.toHexString(new byte[] {(byte) i, 1, 2, 3}));
    }
    return in.toString();
  }

  /** The node's submission of shares for the committed state, replacing the recorded set. */
  private GovFixture.Result submitShares(GovFixture f, RecoveryStatus s) throws Exception {
    return f.submit(node, "gov", shares(s, s.height()));
  }

  private void issue(GovFixture f) throws Exception {
    GovFixture.Result r = submitShares(f, f.view.recoveryStatus());
    assertThat(r.rejection()).isNull();
  }

  @Test
  void nothingRegisteredIsNotStaleAndKeysWithoutSharesAre() throws Exception {
    try (GovFixture f = fixture()) {
      RecoveryStatus s = f.view.recoveryStatus();
      assertThat(s.issued()).isFalse();
      assertThat(s.stale()).isFalse();
      assertThat(s.reissuable()).isFalse();

      registerKey(f, alice);
      s = f.view.recoveryStatus();
      assertThat(s.stale()).isTrue();
      assertThat(s.reissuable()).isTrue();
      assertThat(s.reason()).contains("no shares issued yet");
      JsonNode listed = f.view.toJson(10).get("recovery");
      assertThat(listed.get("stale").asBoolean()).isTrue();
      assertThat(listed.get("issued").asBoolean()).isFalse();
      assertThat(listed.get("reason").asText()).contains("no shares issued yet");
    }
  }

  @Test
  void sharesForEveryHolderAreCurrentUntilSomethingChanges() throws Exception {
    try (GovFixture f = fixture()) {
      registerKey(f, alice);
      registerKey(f, bob);
      registerKey(f, carol);
      issue(f);
      RecoveryStatus s = f.view.recoveryStatus();
      assertThat(s.issued()).isTrue();
      assertThat(s.stale()).as(String.valueOf(s.reason())).isFalse();
      assertThat(s.shares()).isEqualTo(3);
      assertThat(s.threshold()).isEqualTo(2);

      // Unrelated governance, and registering the same key again, change nothing.
      f.submit(
          alice,
          "gov",
          "{\"op\":\"propose\",\"action\":{\"type\":\"set_auto_admit\",\"enabled\":false}}");
      registerKey(f, bob);
      assertThat(f.view.recoveryStatus().stale()).isFalse();
      JsonNode listed = f.view.toJson(10).get("recovery");
      assertThat(listed.get("stale").asBoolean()).isFalse();
      assertThat(listed.get("reason").isNull()).isTrue();
      assertThat(listed.get("shares").asInt()).isEqualTo(3);
    }
  }

  @Test
  void aRemovedMembersShareMakesTheSetStaleUntilReissued() throws Exception {
    try (GovFixture f = fixture()) {
      registerKey(f, alice);
      registerKey(f, bob);
      registerKey(f, carol);
      issue(f);
      decide(f, "remove_member", carol, alice, bob);

      RecoveryStatus s = f.view.recoveryStatus();
      assertThat(s.stale()).isTrue();
      assertThat(s.reasons())
          .containsExactly(
              carol.address().toChecksumHex() + " is no longer a member but holds a share");
      assertThat(s.holders()).hasSize(2);
      assertThat(s.expectedThreshold()).isEqualTo(2);

      issue(f);
      s = f.view.recoveryStatus();
      assertThat(s.stale()).isFalse();
      assertThat(s.shares()).isEqualTo(2);
      assertThat(s.threshold()).isEqualTo(2);
      assertThat(f.view.recovery().toString()).doesNotContain(carol.address().toChecksumHex());
    }
  }

  @Test
  void anAddedMemberWithAKeyOrANewKeyMakesTheSetStale() throws Exception {
    try (GovFixture f = fixture()) {
      registerKey(f, alice);
      registerKey(f, bob);
      issue(f);

      // A new member without a recovery key can hold no share: nothing to reissue yet.
      decide(f, "add_member", dave, alice, bob);
      assertThat(f.view.recoveryStatus().stale()).isFalse();
      registerKey(f, dave);
      RecoveryStatus s = f.view.recoveryStatus();
      assertThat(s.reasons())
          .containsExactly(dave.address().toChecksumHex() + " has a recovery key but no share");
      issue(f);
      assertThat(f.view.recoveryStatus().stale()).isFalse();

      // Carol registered a key while a member; removed, she holds no share; added again, her
      // key counts again and she needs one.
      registerKey(f, carol);
      issue(f);
      decide(f, "remove_member", carol, alice, bob, dave);
      issue(f);
      assertThat(f.view.recoveryStatus().stale()).isFalse();
      decide(f, "add_member", carol, alice, bob);
      assertThat(f.view.recoveryStatus().reasons())
          .containsExactly(
              carol.address().toChecksumHex() + " has a recovery key but no share",
              "the shares need 2 holders, but a majority of the 4 holders is 3");
      issue(f);

      registerKey(f, alice, X25519KeyPair.generate(RANDOM).publicKey());
      assertThat(f.view.recoveryStatus().reasons())
          .containsExactly(
              alice.address().toChecksumHex()
                  + "'s recovery key changed since the shares were issued");
    }
  }

  @Test
  void theThresholdFollowsTheNumberOfHolders() throws Exception {
    try (GovFixture f = fixture()) {
      registerKey(f, alice);
      issue(f);
      assertThat(f.view.recoveryStatus().threshold()).isEqualTo(1);
      registerKey(f, bob);
      registerKey(f, carol);
      RecoveryStatus s = f.view.recoveryStatus();
      // Reasons come in address order, whatever the order of registration.
      java.util.List<String> expected = new java.util.ArrayList<>();
      new java.util.TreeSet<>(
              List.of(bob.address().toChecksumHex(), carol.address().toChecksumHex()))
          .forEach(a -> expected.add(a + " has a recovery key but no share"));
      expected.add("the shares need 1 holders, but a majority of the 3 holders is 2");
      assertThat(s.reasons()).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void whenNoHolderIsLeftTheSetIsStaleButCannotBeReissued() throws Exception {
    try (GovFixture f = fixture()) {
      registerKey(f, carol);
      issue(f);
      decide(f, "remove_member", carol, alice, bob);
      RecoveryStatus s = f.view.recoveryStatus();
      assertThat(s.stale()).isTrue();
      assertThat(s.reissuable()).isFalse();
      assertThat(s.reason()).contains("no current member has a recovery key");
      GovFixture.Result r = submitShares(f, s);
      assertThat(r.rejection()).startsWith("shares_mismatch:");
    }
  }

  @Test
  void ofTwoShareSetsIssuedForTheSameStateTheSecondIsRefused() throws Exception {
    try (GovFixture f = fixture()) {
      registerKey(f, alice);
      registerKey(f, bob);
      issue(f);
      decide(f, "remove_member", carol, alice, bob);
      registerKey(f, alice, X25519KeyPair.generate(RANDOM).publicKey());
      RecoveryStatus before = f.view.recoveryStatus();
      assertThat(before.stale()).isTrue();
      // Two nodes read the same committed state and each make a set.
      String first = shares(before, before.height());
      String second = shares(before, before.height());

      GovFixture.Result r = f.submit(node, "gov", first);
      assertThat(r.rejection()).isNull();
      JsonNode recorded = f.view.recovery();
      r = f.submit(node, "gov", second);
      assertThat(r.rejection())
          .startsWith("shares_superseded:")
          .contains("replace the share set issued at height " + before.height())
          .contains("the recorded one was issued at height " + recorded.get("height").asLong());
      assertThat(f.view.recovery()).isEqualTo(recorded);
      assertThat(f.view.recoveryStatus().stale()).isFalse();

      // Naming a set that never was is refused too; naming the recorded one replaces it.
      r = f.submit(node, "gov", shares(f.view.recoveryStatus(), 1L));
      assertThat(r.rejection()).startsWith("shares_superseded:");
      r = f.submit(node, "gov", shares(f.view.recoveryStatus(), recorded.get("height").asLong()));
      assertThat(r.rejection()).isNull();
      assertThat(f.view.recovery().get("height").asLong())
          .isGreaterThan(recorded.get("height").asLong());
    }
  }

  @Test
  void theFirstSetNamesNoneAndOnlyNodesRecordShares() throws Exception {
    try (GovFixture f = fixture()) {
      registerKey(f, alice);
      RecoveryStatus s = f.view.recoveryStatus();
      GovFixture.Result r = f.submit(node, "gov", shares(s, 5L));
      assertThat(r.rejection()).startsWith("shares_superseded:");
      r = f.submit(alice, "gov", shares(s, 0L));
      assertThat(r.rejection()).startsWith("not_a_node:");
      r = f.submit(node, "gov", shares(s, 0L));
      assertThat(r.rejection()).isNull();
    }
  }
}
