package io.txnchain.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.tee.evidence.EvidencePolicy;
import io.txnchain.tee.evidence.EvidenceVerifiers;
import io.txnchain.wire.receipt.Receipt;
import io.txnchain.wire.receipt.ReceiptVerifier;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Offline receipt verification ({@link ReceiptVerifier}), the check a client or auditor runs on
 * every receipt: entry decoding and view comparison, the Merkle proof, the header signature, and
 * the signing enclave's sim evidence. Target: at most 1 ms per receipt.
 *
 * <p>Setup verifies the receipt once and throws unless it is valid, so the benchmark cannot
 * silently measure a rejection.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ReceiptVerifyBench {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  ReceiptVerifier verifier;
  Receipt receipt;
  String json;
  Instant now;

  @Setup(Level.Trial)
  public void setup() {
    ReceiptFixture fixture = ReceiptFixture.build();
    receipt = fixture.receipt;
    json = fixture.json;
    verifier = new ReceiptVerifier(EvidenceVerifiers.builtIn(), EvidencePolicy.allowingSimulated());
    now = Instant.now();
    requireValid(verifier.verify(json, now), "JSON");
    requireValid(verifier.verify(receipt, now), "parsed");
  }

  /** The full check from the receipt's JSON text, as {@code txnchain verify-receipt} runs it. */
  @Benchmark
  public ReceiptVerifier.Result verifyFromJson() {
    return verifier.verify(json, now);
  }

  /** The full check of an already parsed receipt. */
  @Benchmark
  public ReceiptVerifier.Result verifyParsed() {
    return verifier.verify(receipt, now);
  }

  /** Baseline: parsing the JSON into a {@link Receipt} alone, no check. */
  @Benchmark
  public Receipt baselineParseJsonOnly() throws JsonProcessingException {
    return MAPPER.readValue(json, Receipt.class);
  }

  static void requireValid(ReceiptVerifier.Result result, String form) {
    if (!result.valid()) {
      throw new IllegalStateException(
          "benchmark receipt (" + form + ") is not valid: " + result.reason());
    }
  }
}
