package io.txnchain.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.tee.policy.AttestationPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code txnchain gov propose ACTION ...}: opens a proposal, with the proposer's approval as its
 * first ballot. The network checks every field again; this only gives early, precise usage errors.
 */
@Command(
    name = "propose",
    description = "Propose a change; your approval counts as the first ballot.",
    footer = {
      "",
      "Actions and their options:",
      "  add-member --address A          remove-member --address A",
      "  allow-measurement --measurement HEX    revoke-measurement --measurement HEX",
      "  set-simulated-policy --allow true|false",
      "  set-attestation-policy --file POLICY.json   (the JSON attest verify --policy reads)",
      "  set-auto-admit --enabled true|false",
      "  add-node --node-id NAME --identity-key HEX    remove-node --identity-key HEX",
      "  set-fee-schedule --market M [--maker-bps N] [--taker-bps N] [--maker-per-lot N]"
          + " [--taker-per-lot N]"
    })
final class GovProposeCommand implements Callable<Integer> {
  private final CliContext ctx;
  @Spec private CommandSpec spec;
  @Mixin private NodeOption node;
  @Mixin private OutputOption output;
  @Mixin private KeyOption key;

  @Parameters(index = "0", paramLabel = "ACTION", description = "what to change (see below)")
  private String action;

  @Option(names = "--address", paramLabel = "A", description = "member address")
  private String address;

  @Option(names = "--measurement", paramLabel = "HEX", description = "enclave measurement")
  private String measurement;

  @Option(names = "--allow", arity = "1", paramLabel = "BOOL", description = "simulated evidence")
  private Boolean allow;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description = "attestation policy (JSON), for set-attestation-policy")
  private Path file;

  @Option(names = "--enabled", arity = "1", paramLabel = "BOOL", description = "auto-admit")
  private Boolean enabled;

  @Option(names = "--node-id", paramLabel = "NAME", description = "node name")
  private String nodeId;

  @Option(names = "--identity-key", paramLabel = "HEX", description = "node identity key")
  private String identityKey;

  @Option(names = "--market", paramLabel = "M", description = "DEX market, e.g. ETH-USDC")
  private String market;

  @Option(names = "--maker-bps", paramLabel = "N", description = "maker fee, basis points")
  private Integer makerBps;

  @Option(names = "--taker-bps", paramLabel = "N", description = "taker fee, basis points")
  private Integer takerBps;

  @Option(names = "--maker-per-lot", paramLabel = "N", description = "maker fee per lot")
  private Integer makerPerLot;

  @Option(names = "--taker-per-lot", paramLabel = "N", description = "taker fee per lot")
  private Integer takerPerLot;

  GovProposeCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ObjectNode request = Output.MAPPER.createObjectNode().put("op", "propose");
    request.set("action", action());
    return GovSession.send(ctx, node, output, key, request);
  }

  private ObjectNode action() {
    String type = action.replace('-', '_');
    ObjectNode a = Output.MAPPER.createObjectNode().put("type", type);
    switch (type) {
      case "add_member", "remove_member" -> a.put("address", required(address, "--address"));
      case "allow_measurement", "revoke_measurement" ->
          a.put("measurement", required(measurement, "--measurement"));
      case "set_simulated_policy" -> a.put("allow", required(allow, "--allow"));
      case "set_auto_admit" -> a.put("enabled", required(enabled, "--enabled"));
      case "set_attestation_policy" -> a.set("policy", policy(required(file, "--file")));
      case "add_node" ->
          a.put("nodeId", required(nodeId, "--node-id"))
              .put("identityKey", required(identityKey, "--identity-key"));
      case "remove_node" -> a.put("identityKey", required(identityKey, "--identity-key"));
      case "set_fee_schedule" -> {
        a.put("market", required(market, "--market"));
        putIfSet(a, "makerBps", makerBps);
        putIfSet(a, "takerBps", takerBps);
        putIfSet(a, "makerPerLot", makerPerLot);
        putIfSet(a, "takerPerLot", takerPerLot);
      }
      default ->
          throw new ParameterException(
              spec.commandLine(), "unknown action '" + action + "'; see the list below --help");
    }
    return a;
  }

  /**
   * The policy file, checked here for early usage errors and sent in its canonical form; the
   * network checks it again, and also refuses policies no node could meet.
   */
  private JsonNode policy(Path path) {
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot read " + path + ": " + e);
    }
    try {
      return Output.MAPPER.readTree(AttestationPolicy.fromJson(text).toJsonString());
    } catch (IllegalArgumentException | IOException e) {
      throw new ParameterException(
          spec.commandLine(), "invalid attestation policy in " + path + ": " + e.getMessage());
    }
  }

  private static void putIfSet(ObjectNode a, String field, Integer value) {
    if (value != null) {
      a.put(field, value);
    }
  }

  private <T> T required(T value, String option) {
    if (value == null) {
      throw new ParameterException(spec.commandLine(), "action '" + action + "' needs " + option);
    }
    return value;
  }
}
