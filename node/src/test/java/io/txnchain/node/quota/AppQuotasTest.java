package io.txnchain.node.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class AppQuotasTest {
  @Test
  void parsesPerAppQuotasAndFallsBackToTheDefault() {
    AppQuotas q = AppQuotas.parse("kv=2/100/5, analytics=8/1048576/2000");
    assertThat(q.of("kv")).isEqualTo(new AppQuota(2, 100, 5));
    assertThat(q.of("analytics").maxConcurrent()).isEqualTo(8);
    assertThat(q.of("dex")).isEqualTo(AppQuotas.DEFAULT);
    assertThat(AppQuotas.parse("").of("kv")).isEqualTo(AppQuotas.DEFAULT);
  }

  @Test
  void refusesMalformedSpecifications() {
    assertThatThrownBy(() -> AppQuotas.parse("kv=2/100")).hasMessageContaining("app=concurrent");
    assertThatThrownBy(() -> AppQuotas.parse("kv=0/100/5")).hasMessageContaining("positive");
    assertThatThrownBy(() -> AppQuotas.parse("kv=x/100/5")).hasMessageContaining("kv=x/100/5");
  }

  @Test
  void slotsAreBoundedAndCountedAndSlowExecutionsNoted() {
    AppQuotas q = AppQuotas.parse("kv=2/100/5");
    assertThat(q.tryAcquire("kv")).isTrue();
    assertThat(q.tryAcquire("kv")).isTrue();
    assertThat(q.tryAcquire("kv")).isFalse();
    q.release("kv");
    assertThat(q.tryAcquire("kv")).isTrue();
    q.executed("kv", 1_000_000);
    q.executed("kv", 9_000_000);
    ObjectNode n = new ObjectMapper().createObjectNode();
    q.describe("kv", n);
    assertThat(n.get("inFlight").asInt()).isEqualTo(2);
    assertThat(n.get("refused").asLong()).isEqualTo(1);
    assertThat(n.get("overTime").asLong()).isEqualTo(1);
    assertThat(n.get("slowestMicros").asLong()).isEqualTo(9_000);
  }
}
