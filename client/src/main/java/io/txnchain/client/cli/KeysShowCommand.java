package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.UserKey;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code txnchain keys show}: the address and reply key of a key file, never the secret. */
@Command(name = "show", description = "Show a key file's address and public reply key.")
final class KeysShowCommand implements Callable<Integer> {
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;

  @Override
  public Integer call() {
    UserKey k = key.loadExisting();
    ObjectNode json = Output.MAPPER.createObjectNode();
    json.put("address", k.address().toChecksumHex());
    json.put("replyKey", HexFormat.of().formatHex(k.replyKey().publicKey()));
    json.put("file", key.path().toString());
    output
        .output()
        .print(
            json,
            () ->
                new TextTable()
                    .row("address", json.get("address").asText())
                    .row("replyKey", json.get("replyKey").asText())
                    .row("file", key.path())
                    .render());
    return ExitCodes.OK;
  }
}
