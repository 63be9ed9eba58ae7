package io.txnchain.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Governance through the CLI against a network started with {@code up}: the member key that {@code
 * up} creates proposes, the network enacts, and strangers are refused.
 */
class GovernanceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static JsonNode ok(Cli.Run run) throws Exception {
    assertThat(run.exitCode()).as("stdout %s stderr %s", run.stdout(), run.stderr()).isZero();
    return JSON.readTree(run.stdout());
  }

  private static JsonNode market(JsonNode markets, String symbol) {
    for (JsonNode m : markets.path("markets")) {
      if (m.path("symbol").asText().equals(symbol)) {
        return m;
      }
    }
    throw new AssertionError("no market " + symbol + " in " + markets);
  }

  @Test
  void theMemberChangesFeesAndAdmitsAMemberStrangersCannot() throws Exception {
    Path data = dir.resolve("data");
    try (NodeProcess node = NodeProcess.up(data, NodeProcess.freePort(), dir.resolve("node.log"))) {
      Path memberKey = data.resolve("member.key");
      assertThat(memberKey).exists();
      String member = JSON.readTree(Files.readAllBytes(memberKey)).get("address").asText();
      Path userKey = dir.resolve("user.key");
      Cli cli = new Cli(node.url(), userKey);
      String user =
          ok(cli.run("keys", "new", "--out", userKey.toString(), "--json")).get("address").asText();

      JsonNode gov = ok(cli.run("gov", "list", "--json"));
      assertThat(gov.get("members")).extracting(JsonNode::asText).containsExactly(member);
      assertThat(gov.at("/policy/allowSimulated").asBoolean()).isTrue();

      Cli.Run stranger =
          cli.run("gov", "propose", "add-member", "--address", user, "--key", userKey.toString());
      assertThat(stranger.exitCode()).isEqualTo(1);
      assertThat(stranger.stderr()).contains("not_a_member");

      Cli.Run usage = cli.run("gov", "propose", "add-member", "--key", memberKey.toString());
      assertThat(usage.exitCode()).isEqualTo(2);
      assertThat(usage.stderr()).contains("--address");

      JsonNode fees =
          ok(
              cli.run(
                  "gov",
                  "propose",
                  "set-fee-schedule",
                  "--market",
                  "ETH-USDC",
                  "--maker-bps",
                  "1",
                  "--taker-bps",
                  "3",
                  "--key",
                  memberKey.toString(),
                  "--json"));
      assertThat(fees.get("status").asText()).isEqualTo("accepted");
      JsonNode eth = market(ok(cli.run("dex", "markets", "--json")), "ETH-USDC");
      assertThat(eth.at("/fees/makerBps").asInt()).isEqualTo(1);
      assertThat(eth.at("/fees/takerBps").asInt()).isEqualTo(3);
      JsonNode info =
          JSON.readTree(
              java.net.http.HttpClient.newHttpClient()
                  .send(
                      java.net.http.HttpRequest.newBuilder(
                              java.net.URI.create(node.url() + "/api/v1/exchangeInfo"))
                          .build(),
                      java.net.http.HttpResponse.BodyHandlers.ofString())
                  .body());
      JsonNode listed = null;
      for (JsonNode m : info.path("markets")) {
        if (m.path("market").asText().equals("ETH-USDC")) {
          listed = m;
        }
      }
      assertThat(listed).as(info.toString()).isNotNull();
      assertThat(listed.at("/fees/makerBps").asInt()).isEqualTo(1);
      assertThat(listed.at("/feeCap/makerBps").asInt()).isEqualTo(2);

      ok(cli.run("gov", "propose", "add-member", "--address", user, "--key", memberKey.toString()));
      JsonNode open =
          ok(
              cli.run(
                  "gov",
                  "propose",
                  "set-auto-admit",
                  "--enabled",
                  "false",
                  "--key",
                  userKey.toString(),
                  "--json"));
      // Two members now: one approval of two is not a majority.
      assertThat(open.get("status").asText()).isEqualTo("open");
      String id = open.get("proposal").asText();
      JsonNode decided =
          ok(
              cli.run(
                  "gov",
                  "vote",
                  "--proposal",
                  id,
                  "--approve",
                  "--key",
                  memberKey.toString(),
                  "--json"));
      assertThat(decided.get("status").asText()).isEqualTo("accepted");
      gov = ok(cli.run("gov", "list", "--json"));
      assertThat(gov.at("/policy/autoAdmit").asBoolean()).isFalse();
      assertThat(gov.get("proposals")).hasSize(3);
    }
  }
}
