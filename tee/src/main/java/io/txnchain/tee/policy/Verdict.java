package io.txnchain.tee.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.tee.evidence.EvidenceReport;
import java.util.HexFormat;
import java.util.List;

/**
 * The outcome of verifying evidence under a policy: accepted only when no reason was found. Every
 * integrity problem and every policy failure is listed, not only the first.
 *
 * @param accepted true when {@code reasons} is empty
 * @param evidence what was decoded, or null when the evidence could not be parsed at all
 * @param reasons why the evidence is rejected, each a sentence an operator can act on
 */
public record Verdict(boolean accepted, EvidenceReport evidence, List<String> reasons) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public Verdict {
    reasons = List.copyOf(reasons);
    if (accepted != reasons.isEmpty()) {
      throw new IllegalArgumentException("a verdict is accepted exactly when it has no reasons");
    }
  }

  static Verdict of(EvidenceReport evidence, List<String> reasons) {
    return new Verdict(reasons.isEmpty(), evidence, reasons);
  }

  /** A rejection of evidence that could not even be decoded. */
  public static Verdict undecodable(String reason) {
    return new Verdict(false, null, List.of(reason));
  }

  /**
   * The JSON form: {@code accepted}, {@code tee}, {@code measurement}, {@code reportData}, {@code
   * tcbStatus}, {@code advisories}, {@code debug}, {@code reasons}, then {@code validUntil}, {@code
   * tcb} and every decoded field under {@code fields}.
   */
  public ObjectNode toJson() {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("accepted", accepted);
    HexFormat hex = HexFormat.of();
    if (evidence == null) {
      n.putNull("tee");
      n.putNull("measurement");
      n.putNull("reportData");
      n.putNull("tcbStatus");
      n.putArray("advisories");
      n.putNull("debug");
    } else {
      n.put("tee", evidence.tee().id());
      n.put("measurement", hex.formatHex(evidence.measurement()));
      n.put("reportData", hex.formatHex(evidence.reportData()));
      if (evidence.tcbStatus() == null) {
        n.putNull("tcbStatus");
      } else {
        n.put("tcbStatus", evidence.tcbStatus().id());
      }
      evidence.advisories().forEach(n.putArray("advisories")::add);
      n.put("debug", evidence.debug());
    }
    reasons.forEach(n.putArray("reasons")::add);
    if (evidence != null) {
      if (evidence.validUntil().equals(java.time.Instant.MAX)) {
        n.putNull("validUntil");
      } else {
        n.put("validUntil", evidence.validUntil().toString());
      }
      ObjectNode tcb = n.putObject("tcb");
      evidence.tcb().forEach(tcb::put);
      ObjectNode fields = n.putObject("fields");
      evidence.fields().forEach(fields::put);
    }
    return n;
  }
}
