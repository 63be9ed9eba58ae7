package io.txnchain.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.crypto.Secp256k1KeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Governance through the real state machine: proposals, ballots, majorities and their effects. */
class GovAppTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Secp256k1KeyPair alice = Secp256k1KeyPair.generate(RANDOM);
  private final Secp256k1KeyPair bob = Secp256k1KeyPair.generate(RANDOM);
  private final Secp256k1KeyPair carol = Secp256k1KeyPair.generate(RANDOM);
  private final Secp256k1KeyPair mallory = Secp256k1KeyPair.generate(RANDOM);

  @TempDir Path dir;

  private Genesis genesis(Secp256k1KeyPair... members) {
    return Genesis.of(
        java.util.Arrays.stream(members).map(k -> k.address().toChecksumHex()).toList(),
        true,
        true,
        List.of());
  }

  private static String propose(String actionJson) {
    return "{\"op\":\"propose\",\"action\":" + actionJson + "}";
  }

  private static String vote(String id, boolean approve) {
    return "{\"op\":\"vote\",\"proposal\":\"" + id + "\",\"approve\":" + approve + "}";
  }

  @Test
  void aSoleMembersProposalPassesAtOnce() throws Exception {
    try (GovFixture f = new GovFixture(dir, genesis(alice))) {
      String bobAddress = bob.address().toChecksumHex();
      GovFixture.Result r =
          f.submit(
              alice,
              "gov",
              propose("{\"type\":\"add_member\",\"address\":\"" + bobAddress + "\"}"));
      assertThat(r.rejection()).isNull();
      assertThat(r.output()).contains("\"status\":\"accepted\"");
      assertThat(f.view.members()).contains(bobAddress, alice.address().toChecksumHex());
      assertThat(r.record().events())
          .extracting(e -> e.type())
          .containsExactly("proposal.opened", "ballot", "proposal.accepted");
    }
  }

  @Test
  void aMajorityOfThreeDecidesAndLaterBallotsAreRefused() throws Exception {
    try (GovFixture f = new GovFixture(dir, genesis(alice, bob, carol))) {
      String m = "ab".repeat(32);
      GovFixture.Result r =
          f.submit(
              alice,
              "gov",
              propose("{\"type\":\"allow_measurement\",\"measurement\":\"" + m + "\"}"));
      assertThat(r.output()).contains("\"status\":\"open\"", "\"approvals\":1");
      assertThat(f.view.policy().measurements()).isEmpty();

      assertThat(f.submit(bob, "gov", vote("1", true)).output()).contains("\"accepted\"");
      assertThat(f.view.policy().measurements()).containsExactly(m);
      assertThat(f.view.proposals(10).get(0).ballots()).hasSize(2);

      assertThat(f.submit(carol, "gov", vote("1", false)).rejection()).contains("proposal_closed");
    }
  }

  @Test
  void twoRejectionsOfThreeCloseTheProposalWithoutEffect() throws Exception {
    try (GovFixture f = new GovFixture(dir, genesis(alice, bob, carol))) {
      f.submit(alice, "gov", propose("{\"type\":\"set_simulated_policy\",\"allow\":false}"));
      assertThat(f.submit(bob, "gov", vote("1", false)).output()).contains("\"open\"");
      assertThat(f.submit(carol, "gov", vote("1", false)).output()).contains("\"rejected\"");
      assertThat(f.view.policy().allowSimulated()).isTrue();
    }
  }

  @Test
  void refusesNonMembersDoubleVotesUnknownActionsAndStrangersWithdrawing() throws Exception {
    try (GovFixture f = new GovFixture(dir, genesis(alice, bob, carol))) {
      assertThat(
              f.submit(mallory, "gov", propose("{\"type\":\"set_auto_admit\",\"enabled\":false}"))
                  .rejection())
          .contains("not_a_member");
      assertThat(f.submit(alice, "gov", propose("{\"type\":\"make_me_king\"}")).rejection())
          .contains("unknown_action");
      assertThat(
              f.submit(alice, "gov", propose("{\"type\":\"add_member\",\"address\":\"0x1234\"}"))
                  .rejection())
          .contains("invalid_field");
      f.submit(alice, "gov", propose("{\"type\":\"set_auto_admit\",\"enabled\":false}"));
      assertThat(f.submit(alice, "gov", vote("1", true)).rejection()).contains("already_voted");
      assertThat(f.submit(bob, "gov", vote("7", true)).rejection()).contains("unknown_proposal");
      assertThat(f.submit(bob, "gov", "{\"op\":\"withdraw\",\"proposal\":\"1\"}").rejection())
          .contains("not_proposer");
      assertThat(f.submit(alice, "gov", "{\"op\":\"withdraw\",\"proposal\":\"1\"}").output())
          .contains("\"withdrawn\"");
      assertThat(f.view.policy().autoAdmit()).isTrue();
    }
  }

  @Test
  void nodesAreAdmittedByVoteWhenAutoAdmitIsOff() throws Exception {
    try (GovFixture f = new GovFixture(dir, genesis(alice))) {
      String key = "0c".repeat(32);
      assertThat(f.view.refusalOf(key)).isNull();
      f.submit(alice, "gov", propose("{\"type\":\"set_auto_admit\",\"enabled\":false}"));
      assertThat(f.view.refusalOf(key)).contains("not admitted", key);
      f.submit(
          alice,
          "gov",
          propose("{\"type\":\"add_node\",\"nodeId\":\"node-7\",\"identityKey\":\"" + key + "\"}"));
      assertThat(f.view.refusalOf(key)).isNull();
      assertThat(f.view.admittedNodes()).containsEntry(key, "node-7");
      f.submit(alice, "gov", propose("{\"type\":\"remove_node\",\"identityKey\":\"" + key + "\"}"));
      assertThat(f.view.refusalOf(key)).contains("removed by governance");
      assertThat(f.view.removedNodes()).containsEntry(key, "node-7");
      assertThat(f.view.admittedNodes()).doesNotContainKey(key);
    }
  }

  @Test
  void aRemovedNodeStaysOutUnderAutoAdmitUntilVotedInAgain() throws Exception {
    try (GovFixture f = new GovFixture(dir, genesis(alice))) {
      String key = "0d".repeat(32);
      assertThat(f.view.refusalOf(key)).isNull();
      f.submit(alice, "gov", propose("{\"type\":\"remove_node\",\"identityKey\":\"" + key + "\"}"));
      assertThat(f.view.policy().autoAdmit()).isTrue();
      assertThat(f.view.refusalOf(key)).contains("removed by governance", key);
      assertThat(f.view.removedNodes()).containsEntry(key, "");
      GovFixture.Result again =
          f.submit(
              alice, "gov", propose("{\"type\":\"remove_node\",\"identityKey\":\"" + key + "\"}"));
      assertThat(again.rejection()).contains("removed already");
      f.submit(
          alice,
          "gov",
          propose("{\"type\":\"add_node\",\"nodeId\":\"node-8\",\"identityKey\":\"" + key + "\"}"));
      assertThat(f.view.refusalOf(key)).isNull();
      assertThat(f.view.removedNodes()).isEmpty();
    }
  }

  @Test
  void theLastMemberCannotBeRemoved() throws Exception {
    try (GovFixture f = new GovFixture(dir, genesis(alice))) {
      String self = alice.address().toChecksumHex();
      GovFixture.Result r =
          f.submit(
              alice, "gov", propose("{\"type\":\"remove_member\",\"address\":\"" + self + "\"}"));
      assertThat(r.rejection()).contains("action_invalid", "last member");
      assertThat(f.view.members()).containsExactly(self);
      assertThat(f.view.proposals(10)).isEmpty();
    }
  }

  @Test
  void feeScheduleChangesReachTheDexOnlyThroughGovernance() throws Exception {
    try (GovFixture f = new GovFixture(dir, genesis(alice))) {
      assertThat(f.submit(alice, "dex", "{\"op\":\"setFees\",\"market\":\"ETH-USDC\"}").rejection())
          .contains("governance_only");

      GovFixture.Result lower =
          f.submit(
              alice,
              "gov",
              propose(
                  "{\"type\":\"set_fee_schedule\",\"market\":\"ETH-USDC\",\"makerBps\":1,"
                      + "\"takerBps\":3}"));
      assertThat(lower.rejection()).isNull();
      assertThat(lower.record().events()).anyMatch(e -> e.app().equals("gov"));
      String markets = f.submit(bob, "dex", "{\"op\":\"markets\"}").output();
      assertThat(markets)
          .contains(
              "\"fees\":{\"makerBps\":1,\"takerBps\":3",
              "\"feeCap\":{\"makerBps\":2,\"takerBps\":5");

      GovFixture.Result tooHigh =
          f.submit(
              alice,
              "gov",
              propose("{\"type\":\"set_fee_schedule\",\"market\":\"ETH-USDC\",\"takerBps\":50}"));
      assertThat(tooHigh.rejection()).contains("directive_failed", "fee_above_cap");
      assertThat(f.view.proposals(10)).hasSize(1);
      assertThat(f.view.feeSchedules()).containsOnlyKeys("ETH-USDC");
      assertThat(f.view.feeSchedules().get("ETH-USDC").get("takerBps").asInt()).isEqualTo(3);
    }
  }

  @Test
  void replayingTheSameLedgerGivesTheSameState() throws Exception {
    byte[][] heads = new byte[2][];
    for (int run = 0; run < 2; run++) {
      Path runDir = dir.resolve("run" + run);
      if (run == 1) {
        // A second replica holds the same network keys, as every node of a network does.
        Files.createDirectories(runDir.resolve("enclave"));
        try (var files = Files.list(dir.resolve("run0").resolve("enclave"))) {
          for (Path p : files.toList()) {
            Files.copy(p, runDir.resolve("enclave").resolve(p.getFileName()));
          }
        }
      }
      try (GovFixture f = new GovFixture(runDir, genesis(alice, bob, carol))) {
        f.submit(alice, "gov", propose("{\"type\":\"set_auto_admit\",\"enabled\":false}"));
        f.submit(bob, "gov", vote("1", true));
        f.submit(
            carol,
            "gov",
            propose("{\"type\":\"set_fee_schedule\",\"market\":\"BTC-USDC\",\"makerBps\":0}"));
        f.submit(alice, "gov", vote("2", true));
        heads[run] = f.machine.head().stateRoot();
        assertThat(new String(f.view.toJson(10).toString().getBytes(), StandardCharsets.UTF_8))
            .contains("\"autoAdmit\":false");
      }
    }
    assertThat(heads[0]).isEqualTo(heads[1]);
  }
}
