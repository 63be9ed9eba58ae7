package io.txnchain.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GovListCommandTest {
  @Test
  void textShowsMembersPolicyNodesAndBallotCounts() throws Exception {
    String json =
        """
        {"members":["0xA","0xB","0xC"],"threshold":2,
         "policy":{"allowSimulated":false,"autoAdmit":false,"measurements":["ab"]},
         "nodes":{"0c0c":"node-7"},
         "proposals":[{"id":"1","proposer":"0xA","status":"open",
           "action":{"type":"set_auto_admit","enabled":true},
           "ballots":[{"member":"0xA","approve":true},{"member":"0xB","approve":false}]}]}
        """;
    String text = GovListCommand.text(Output.MAPPER.readTree(json));
    assertThat(text)
        .contains("members (2 of 3 decide)", "0xC")
        .contains("simulated evidence refused", "auto-admit off", "[\"ab\"]")
        .contains("node-7  0c0c")
        .containsPattern("1\\s+open\\s+1\\s+1\\s+0xA\\s+set_auto_admit \\{\"enabled\":true\\}");
  }

  @Test
  void textSaysWhenRecoverySharesAreStaleAndWhy() throws Exception {
    String stale =
        """
        {"members":["0xA","0xB"],"threshold":2,"policy":{},"proposals":[],
         "recovery":{"issued":true,"threshold":2,"height":41,"shares":3,"holders":2,
           "stale":true,"reason":"0xC is no longer a member but holds a share"}}
        """;
    assertThat(GovListCommand.text(Output.MAPPER.readTree(stale)))
        .contains(
            "recovery shares: any 2 of 3, issued at height 41; stale: 0xC is no longer a member"
                + " but holds a share");
    String none =
        """
        {"members":["0xA"],"threshold":1,"policy":{},"proposals":[],
         "recovery":{"issued":false,"threshold":0,"height":0,"shares":0,"holders":0,
           "stale":false,"reason":null}}
        """;
    assertThat(GovListCommand.text(Output.MAPPER.readTree(none)))
        .contains("recovery shares: none issued\n");
  }
}
