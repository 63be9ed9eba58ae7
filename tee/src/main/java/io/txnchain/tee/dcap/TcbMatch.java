package io.txnchain.tee.dcap;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.tee.evidence.TcbStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Intel's TCB level matching: the first level (levels are ordered newest first) whose every
 * component is at most the platform's gives the platform's status and advisories. The QE Identity's
 * and the TDX module's statuses then lower the result, as Intel's Quote Verification Library does.
 *
 * @param status the status, or null when no level matches (the TCB is not supported)
 * @param advisories advisory ids of the matched levels, in order of first appearance
 */
record TcbMatch(TcbStatus status, List<String> advisories) {

  /** The platform's level in an SGX or TDX TCB Info (version 2 or 3). */
  static TcbMatch platform(JsonNode tcbInfo, PckExtensions pck, byte[] teeTcbSvn) {
    int version = tcbInfo.path("version").asInt();
    for (JsonNode level : tcbInfo.path("tcbLevels")) {
      JsonNode tcb = level.path("tcb");
      if (!sgxComponentsMet(tcb, version, pck)) {
        continue;
      }
      if (teeTcbSvn != null && !tdxComponentsMet(tcb, teeTcbSvn)) {
        continue;
      }
      return of(level);
    }
    return new TcbMatch(null, List.of());
  }

  private static boolean sgxComponentsMet(JsonNode tcb, int version, PckExtensions pck) {
    for (int i = 0; i < 16; i++) {
      int required =
          version >= 3
              ? tcb.path("sgxtcbcomponents").path(i).path("svn").asInt()
              : tcb.path(String.format("sgxtcbcomp%02dsvn", i + 1)).asInt();
      if (pck.compSvn()[i] < required) {
        return false;
      }
    }
    return pck.pceSvn() >= tcb.path("pcesvn").asInt();
  }

  /**
   * TEE TCB SVN components. When byte 1 (the TDX module's major version) is non-zero, bytes 0 and 1
   * are judged by the TDX module identity instead, so the comparison starts at 2.
   */
  private static boolean tdxComponentsMet(JsonNode tcb, byte[] teeTcbSvn) {
    int start = (teeTcbSvn[1] & 0xff) > 0 ? 2 : 0;
    for (int i = start; i < 16; i++) {
      if ((teeTcbSvn[i] & 0xff) < tcb.path("tdxtcbcomponents").path(i).path("svn").asInt()) {
        return false;
      }
    }
    return true;
  }

  /** The first level of {@code levels} whose {@code tcb.isvsvn} is at most {@code isvSvn}. */
  static TcbMatch byIsvSvn(JsonNode levels, int isvSvn) {
    for (JsonNode level : levels) {
      if (isvSvn >= level.path("tcb").path("isvsvn").asInt()) {
        return of(level);
      }
    }
    return new TcbMatch(null, List.of());
  }

  private static TcbMatch of(JsonNode level) {
    List<String> advisories = new ArrayList<>();
    level.path("advisoryIDs").forEach(a -> advisories.add(a.asText()));
    return new TcbMatch(TcbStatus.fromId(level.path("tcbStatus").asText()), advisories);
  }

  /**
   * Lowers the platform status by a component's (QE or TDX module): out of date there makes the
   * whole out of date, revoked there makes it revoked.
   */
  TcbMatch convergeWith(TcbMatch component) {
    Set<String> merged = new LinkedHashSet<>(advisories);
    merged.addAll(component.advisories);
    TcbStatus s = status;
    if (component.status == TcbStatus.REVOKED) {
      s = TcbStatus.REVOKED;
    } else if (component.status == TcbStatus.OUT_OF_DATE && s != null) {
      s =
          switch (s) {
            case UP_TO_DATE, SW_HARDENING_NEEDED -> TcbStatus.OUT_OF_DATE;
            case CONFIGURATION_NEEDED, CONFIGURATION_AND_SW_HARDENING_NEEDED ->
                TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED;
            default -> s;
          };
    }
    return new TcbMatch(s, List.copyOf(merged));
  }
}
