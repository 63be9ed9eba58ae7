package io.txnchain.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.testing.FakeNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputModeTest {
  @TempDir Path home;

  @Test
  void jsonWhenAskedOrWhenStdoutIsNotATerminal() {
    assertThat(OutputMode.select(true, true)).isEqualTo(OutputMode.JSON);
    assertThat(OutputMode.select(true, false)).isEqualTo(OutputMode.JSON);
    assertThat(OutputMode.select(false, false)).isEqualTo(OutputMode.JSON);
    assertThat(OutputMode.select(false, true)).isEqualTo(OutputMode.TEXT);
  }

  @Test
  void commandsFollowTheSelectedMode() throws Exception {
    try (FakeNode node = FakeNode.start()) {
      ObjectNode head =
          FakeNode.MAPPER
              .createObjectNode()
              .put("chainId", "c1")
              .put("height", 12)
              .put("hash", "ab")
              .put("stateRoot", "cd")
              .put("timeMillis", 0);
      node.on("chain_head", p -> head);
      String url = node.url().toString();

      CliRunner.Run piped = new CliRunner(home).terminal(false).run("head", "--node", url);
      CliRunner.Run terminal = new CliRunner(home).terminal(true).run("head", "--node", url);
      CliRunner.Run forced =
          new CliRunner(home).terminal(true).run("head", "--node", url, "--json");

      assertThat(piped.json()).isEqualTo(head);
      assertThat(forced.json()).isEqualTo(head);
      assertThat(terminal.out()).contains("height").contains("12").doesNotContain("{");
    }
  }
}
