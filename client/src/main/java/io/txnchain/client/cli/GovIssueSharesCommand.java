package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.client.sdk.TxnChainClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code txnchain gov issue-shares}: asks the network's enclave to split the ledger secret among
 * the members' registered recovery keys (a majority of them needed to recover) and record the
 * sealed shares on the ledger, now. The network's leader does the same by itself whenever members
 * or recovery keys change, so this is a manual "reissue now" (fresh shares).
 */
@Command(
    name = "issue-shares",
    description =
        "Split the ledger secret among members' recovery keys, on the ledger, now (the leader"
            + " also does this by itself when members or keys change).")
final class GovIssueSharesCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;

  GovIssueSharesCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    TxnChainClient client = node.connect();
    JsonNode r =
        Progress.during(
            ctx,
            "waiting for " + client.node(),
            () -> client.call("gov_issueRecoveryShares", Output.MAPPER.createObjectNode()));
    output
        .output()
        .print(
            r,
            () ->
                "recovery shares recorded: "
                    + r.at("/result/shares").asInt()
                    + " shares, any "
                    + r.at("/result/threshold").asInt()
                    + " recover the network (height "
                    + r.path("height").asLong()
                    + ")");
    return ExitCodes.OK;
  }
}
