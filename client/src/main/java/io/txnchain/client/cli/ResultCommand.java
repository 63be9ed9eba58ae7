package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.SealedResultException;
import io.txnchain.client.sdk.SealedResults;
import io.txnchain.client.sdk.TxResult;
import io.txnchain.client.sdk.TxnChainClient;
import io.txnchain.client.sdk.UserKey;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code txnchain result ID}: the recorded result of a work order or transaction. A sealed result
 * is opened when the user's key is at hand and is the one it was sealed to.
 */
@Command(name = "result", description = "The recorded result of a work order or transaction.")
final class ResultCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;

  @Parameters(paramLabel = "ID", description = "work-order or transaction id (0x...)")
  private String id;

  ResultCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    TxnChainClient client = node.connect();
    TxResult result = Progress.during(ctx, "waiting for " + client.node(), () -> client.result(id));
    byte[] opened = null;
    Optional<UserKey> user = result.sealed() ? key.loadIfPresent() : Optional.empty();
    if (user.isPresent()) {
      String chainId =
          Progress.during(ctx, "waiting for " + client.node(), () -> client.head().chainId());
      opened = open(user.get(), chainId, result);
    } else if (result.sealed()) {
      ctx.warn("note: the result is sealed and no key file was found at " + key.path());
    }
    ObjectNode json = ResultView.json(result, opened);
    output.output().print(json, () -> ResultView.text(json));
    return ExitCodes.OK;
  }

  private byte[] open(UserKey user, String chainId, TxResult result) {
    try {
      return SealedResults.open(user, chainId, result);
    } catch (SealedResultException e) {
      if (!e.wrongRecipient()) {
        throw e;
      }
      ctx.warn("note: " + e.getMessage() + "; showing it sealed");
      return null;
    }
  }
}
