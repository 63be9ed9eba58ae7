package io.txnchain.client.cli;

import io.txnchain.client.sdk.UserKey;
import java.util.concurrent.Callable;
import org.bouncycastle.util.encoders.Hex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code txnchain gov recovery-key}: registers the member's recovery key (the X25519 key derived
 * from the member key, so there is no second secret to keep) that recovery shares are sealed to.
 */
@Command(
    name = "recovery-key",
    description = "Register your recovery key, to which your share of the ledger secret is sealed.")
final class GovRecoveryKeyCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;

  GovRecoveryKeyCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    UserKey member = key.loadExisting();
    return GovSession.send(
        ctx,
        node,
        output,
        key,
        Output.MAPPER
            .createObjectNode()
            .put("op", "set_recovery_key")
            .put("publicKey", Hex.toHexString(member.replyKey().publicKey())));
  }
}
