package io.txnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.RemoteEndpoint;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.junit.jupiter.api.Test;

/**
 * The bounded outgoing queue of a WebSocket connection, against a stand-in for Jetty's session
 * whose writes complete only when the test says so (a client that stopped reading).
 */
class SlowConsumerTest {
  /** A session whose writes are recorded; completions are up to the test. */
  static final class FakeSession {
    final List<String> written = new ArrayList<>();
    final List<WriteCallback> pending = new ArrayList<>();
    int closeCode;
    String closeReason;
    boolean completeInline;

    Session session() {
      RemoteEndpoint remote =
          (RemoteEndpoint)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {RemoteEndpoint.class},
                  (p, m, args) -> {
                    if (m.getName().equals("sendString") && args.length == 2) {
                      written.add((String) args[0]);
                      WriteCallback cb = (WriteCallback) args[1];
                      if (completeInline) {
                        cb.writeSuccess();
                      } else {
                        pending.add(cb);
                      }
                      return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                  });
      return (Session)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {Session.class},
              (p, m, args) -> {
                switch (m.getName()) {
                  case "getRemote":
                    return remote;
                  case "close":
                    closeCode = (Integer) args[0];
                    closeReason = (String) args[1];
                    return null;
                  default:
                    throw new UnsupportedOperationException(m.getName());
                }
              });
    }
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedAtTheBound() {
    FakeSession fake = new FakeSession();
    MarketStreams.Client c = new MarketStreams.Client(fake.session());
    // One message in flight plus MAX_QUEUED waiting fill the queue; the next one is one too many.
    for (int i = 0; i <= MarketStreams.MAX_QUEUED; i++) {
      c.send("m" + i);
    }
    assertThat(fake.written).containsExactly("m0");
    assertThat(fake.closeCode).isZero();
    c.send("one too many");
    assertThat(fake.closeCode).isEqualTo(StatusCode.POLICY_VIOLATION);
    assertThat(fake.closeReason).isEqualTo(MarketStreams.SLOW);
    c.send("after close");
    fake.pending.get(0).writeSuccess();
    assertThat(fake.written).containsExactly("m0");
  }

  @Test
  void tooManyBytesAlsoCountAsSlow() {
    FakeSession fake = new FakeSession();
    MarketStreams.Client c = new MarketStreams.Client(fake.session());
    String big = "x".repeat(1024 * 1024);
    for (int i = 0; i < 4; i++) {
      c.send(big);
    }
    assertThat(fake.closeCode).isZero();
    c.send(big);
    assertThat(fake.closeCode).isEqualTo(StatusCode.POLICY_VIOLATION);
  }

  @Test
  void messagesGoOutInOrderAsWritesComplete() {
    FakeSession fake = new FakeSession();
    MarketStreams.Client c = new MarketStreams.Client(fake.session());
    for (int i = 0; i < 5; i++) {
      c.send("m" + i);
    }
    for (int i = 0; i < 5; i++) {
      assertThat(fake.written).hasSize(i + 1);
      fake.pending.get(i).writeSuccess();
    }
    assertThat(fake.written).containsExactly("m0", "m1", "m2", "m3", "m4");
    // A connection that keeps up is never closed, however much it gets in total.
    fake.completeInline = true;
    for (int i = 0; i < 5 * MarketStreams.MAX_QUEUED; i++) {
      c.send("n" + i);
    }
    assertThat(fake.written).hasSize(5 + 5 * MarketStreams.MAX_QUEUED);
    assertThat(fake.written.get(fake.written.size() - 1))
        .isEqualTo("n" + (5 * MarketStreams.MAX_QUEUED - 1));
    assertThat(fake.closeCode).isZero();
  }

  @Test
  void aFailedWriteStopsTheConnection() {
    FakeSession fake = new FakeSession();
    MarketStreams.Client c = new MarketStreams.Client(fake.session());
    c.send("a");
    c.send("b");
    fake.pending.get(0).writeFailed(new java.io.IOException("reset"));
    c.send("c");
    assertThat(fake.written).containsExactly("a");
  }
}
