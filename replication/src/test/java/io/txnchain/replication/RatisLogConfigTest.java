package io.txnchain.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatisLogConfigTest {
  private static final Map<String, String> PEERS = peers();

  @Test
  void derivesTheSameGroupIdFromTheSameNetworkName() {
    assertThat(RatisLogConfig.groupIdFor("prod")).isEqualTo(RatisLogConfig.groupIdFor("prod"));
    assertThat(RatisLogConfig.groupIdFor("prod")).isNotEqualTo(RatisLogConfig.groupIdFor("test"));
    assertThat(config("b").groupId()).isEqualTo(config("a").groupId());
  }

  @Test
  void bindsToThePeerEntryAndUsesTheDefaults() {
    RatisLogConfig c = config("b");
    assertThat(c.host()).isEqualTo("10.0.0.2");
    assertThat(c.port()).isEqualTo(7002);
    assertThat(c.address()).isEqualTo("10.0.0.2:7002");
    assertThat(c.peers().keySet()).containsExactly("a", "b", "c");
    assertThat(c.electionTimeoutMin()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.electionTimeoutMax()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.snapshotThreshold()).isEqualTo(10_000);
    assertThat(c.snapshotRetention()).isEqualTo(2);
  }

  @Test
  void withersChangeOnlyTheirComponent() {
    RatisLogConfig c = config("a").withSnapshots(50, 3).withRequestTimeout(Duration.ofSeconds(2));
    assertThat(c.snapshotThreshold()).isEqualTo(50);
    assertThat(c.snapshotRetention()).isEqualTo(3);
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.electionTimeoutMax()).isEqualTo(RatisLogConfig.DEFAULT_ELECTION_TIMEOUT_MAX);
  }

  @Test
  void rejectsInconsistentSettings() {
    assertThatThrownBy(() -> RatisLogConfig.of("z", "net", PEERS, Path.of("/tmp/x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("z");
    assertThatThrownBy(() -> RatisLogConfig.of("a", "net", Map.of("a", "nohost"), Path.of("/x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RatisLogConfig.of("a", "net", Map.of("a", "h:99999"), Path.of("/x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> config("a").withElectionTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> config("a").withSnapshots(0, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static RatisLogConfig config(String id) {
    return RatisLogConfig.of(id, "net", PEERS, Path.of("/tmp/unused"));
  }

  private static Map<String, String> peers() {
    Map<String, String> peers = new LinkedHashMap<>();
    peers.put("a", "10.0.0.1:7001");
    peers.put("b", "10.0.0.2:7002");
    peers.put("c", "10.0.0.3:7003");
    return peers;
  }
}
