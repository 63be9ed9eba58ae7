package io.txnchain.client.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.HexFormat;

/**
 * An enclave app registered on the network: {@code app_list}.
 *
 * @param measurement the app's code measurement, hex
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppInfo(String name, String measurement) {

  /** The measurement as the 32 bytes a work order pins. */
  public byte[] measurementBytes() {
    return HexFormat.of().parseHex(measurement);
  }
}
