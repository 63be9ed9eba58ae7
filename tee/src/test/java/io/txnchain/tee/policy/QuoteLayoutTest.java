package io.txnchain.tee.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.txnchain.tee.dcap.Quote;
import io.txnchain.tee.evidence.EvidenceReport;
import io.txnchain.tee.evidence.TcbStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The version 5 layout (a body type and size before the body) parsed from the genuine TDX v4 quote
 * moved into it. Only the quote signature can fail, since the header it covers changed: every other
 * check (QE report, PCK chain, collateral, TCB levels) passes, which shows the v5 offsets are read
 * right. No genuine v5 quote with collateral is among the samples.
 */
class QuoteLayoutTest {

  private static byte[] asVersion5(byte[] v4) {
    ByteBuffer le = ByteBuffer.wrap(v4).order(ByteOrder.LITTLE_ENDIAN);
    int signed = 48 + 584;
    int end = signed + 4 + le.getInt(signed);
    ByteBuffer out = ByteBuffer.allocate(end + 6).order(ByteOrder.LITTLE_ENDIAN);
    out.put(v4, 0, 48);
    out.putShort(0, (short) 5);
    out.putShort((short) 2).putInt(584);
    out.put(v4, 48, end - 48);
    return out.array();
  }

  @Test
  void aTdx10BodyInTheVersion5LayoutDecodesAlike() throws Exception {
    AttestationVerifier verifier = AttestationVerifier.pinned();
    byte[] v4 = Samples.tdxQuote();
    byte[] v5 = asVersion5(v4);

    Quote q = Quote.parse(v5);
    EvidenceReport four = verifier.inspect(v4, Samples.tdxCollateral(), Samples.DCAP_NOW);
    EvidenceReport five = verifier.inspect(v5, Samples.tdxCollateral(), Samples.DCAP_NOW);

    assertThat(q.version()).isEqualTo(5);
    assertThat(q.isTdx()).isTrue();
    assertThat(q.signedBytes()).hasSize(54 + 584);
    assertThat(Arrays.equals(q.body(), Arrays.copyOfRange(v4, 48, 48 + 584))).isTrue();
    assertThat(five.problems())
        .containsExactly("the quote signature does not verify with its attestation key");
    assertThat(five.measurement()).isEqualTo(four.measurement());
    assertThat(five.reportData()).isEqualTo(four.reportData());
    assertThat(five.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
    assertThat(five.fields()).containsEntry("quoteVersion", "5");
    assertThat(AttestationVerifier.detect(v5)).isPresent();
  }
}
