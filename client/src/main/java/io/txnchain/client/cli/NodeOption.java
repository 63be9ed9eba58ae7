package io.txnchain.client.cli;

import io.txnchain.client.sdk.TxnChainClient;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --node URL}, else {@code TXNCHAIN_NODE}, else the local default. */
final class NodeOption {
  private final CliContext ctx;

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(
      names = "--node",
      paramLabel = "URL",
      description = "node to talk to (default: $TXNCHAIN_NODE, else http://127.0.0.1:8080)")
  private String node;

  NodeOption(CliContext ctx) {
    this.ctx = ctx;
  }

  URI uri() {
    String source = node != null ? "--node" : CliContext.ENV_NODE;
    String url = node != null ? node : ctx.envVar(CliContext.ENV_NODE).orElse(null);
    if (url == null) {
      return TxnChainClient.DEFAULT_NODE;
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null) {
        throw new URISyntaxException(url, "expected http://HOST[:PORT]");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ParameterException(
          spec.commandLine(),
          source + ": '" + url + "' is not a node URL (expected http://HOST:PORT)");
    }
  }

  TxnChainClient connect() {
    return TxnChainClient.connect(uri());
  }
}
