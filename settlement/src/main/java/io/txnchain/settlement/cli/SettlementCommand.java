package io.txnchain.settlement.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.client.sdk.UserKey;
import io.txnchain.dex.app.DexConfig;
import io.txnchain.dex.app.TokenSpec;
import io.txnchain.settlement.chain.ChainClient;
import io.txnchain.settlement.chain.ChainException;
import io.txnchain.settlement.chain.Transactor;
import io.txnchain.settlement.contract.SettlementContract;
import io.txnchain.settlement.contract.SettlementContract.DepositEvent;
import io.txnchain.settlement.contract.TestTokenContract;
import io.txnchain.settlement.devnode.AnvilNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./txnchain settlement deposit|balance}: deposits on the settlement contract of a network
 * that {@code up --settlement} started, with a {@code txnchain keys new} key as the wallet. On a
 * development chain (id 31337) {@code deposit} first gives the wallet gas and mints the test token.
 */
@Command(
    name = "settlement",
    mixinStandardHelpOptions = true,
    subcommands = {SettlementCommand.Deposit.class, SettlementCommand.Balance.class},
    description = "The settlement chain of a local network (docs/settlement.md).")
public final class SettlementCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Options every subcommand takes. */
  static class Common {
    @Option(names = "--data", defaultValue = "data", description = "the network's data directory")
    Path data;

    @Option(names = "--key", required = true, description = "key file (txnchain keys new)")
    Path key;

    @Option(names = "--rpc", description = "JSON-RPC URL (default: the one up recorded)")
    String rpc;

    JsonNode deployment() throws IOException {
      Path f = data.resolve("settlement").resolve("deployment.json");
      if (!Files.exists(f)) {
        throw new IOException(f + " not found: start the network with up --settlement first");
      }
      return JSON.readTree(f.toFile());
    }
  }

  @Command(name = "deposit", description = "Deposit a DEX token on the settlement contract.")
  static final class Deposit extends Common implements Callable<Integer> {
    @Option(names = "--token", required = true, description = "token symbol, e.g. USDC")
    String token;

    @Option(names = "--amount", required = true, description = "decimal amount, e.g. 1000.5")
    String amount;

    @Override
    public Integer call() {
      try {
        JsonNode d = deployment();
        String tokenAddress = d.path("tokens").path(token).asText("");
        if (tokenAddress.isEmpty()) {
          System.err.println("unknown token " + token);
          return 2;
        }
        long units = units(token, amount);
        try (ChainClient chain =
            ChainClient.connect(rpc != null ? rpc : d.get("rpcUrl").asText())) {
          long chainId = chain.chainId();
          Credentials c =
              Credentials.create(
                  HexFormat.of().formatHex(UserKey.load(key).keyPair().privateKey()));
          Transactor t = new Transactor(chain, c, chainId, Duration.ofSeconds(60));
          if (chainId == AnvilNode.DEFAULT_CHAIN_ID) {
            chain.rpc("anvil_setBalance", List.of(t.address(), "0x56bc75e2d63100000"));
            new TestTokenContract(t, tokenAddress).mint(t.address(), units);
          }
          SettlementContract s = new SettlementContract(t, d.get("contract").asText());
          new TestTokenContract(t, tokenAddress).approve(s.address(), units);
          var receipt = s.deposit(tokenAddress, units);
          long block = receipt.getBlockNumber().longValueExact();
          ObjectNode out = JSON.createObjectNode();
          for (DepositEvent e : s.deposits(block, block)) {
            if (e.txHash().equalsIgnoreCase(receipt.getTransactionHash())) {
              out.put("depositId", e.depositId());
            }
          }
          out.put("account", c.getAddress());
          out.put("token", token);
          out.put("amount", amount);
          out.put("txHash", receipt.getTransactionHash());
          out.put("blockNumber", block);
          System.out.println(out);
          return 0;
        }
      } catch (IllegalArgumentException e) {
        System.err.println(e.getMessage());
        return 2;
      } catch (IOException | ChainException | RuntimeException e) {
        System.err.println("deposit failed: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "balance", description = "Settled balances on the contract and wallet balances.")
  static final class Balance extends Common implements Callable<Integer> {
    @Override
    public Integer call() {
      try {
        JsonNode d = deployment();
        try (ChainClient chain =
            ChainClient.connect(rpc != null ? rpc : d.get("rpcUrl").asText())) {
          Credentials c =
              Credentials.create(
                  HexFormat.of().formatHex(UserKey.load(key).keyPair().privateKey()));
          Transactor t = new Transactor(chain, c, chain.chainId(), Duration.ofSeconds(60));
          SettlementContract s = new SettlementContract(t, d.get("contract").asText());
          ObjectNode out = JSON.createObjectNode();
          out.put("account", c.getAddress());
          var list = out.putArray("balances");
          var it = d.get("tokens").fields();
          while (it.hasNext()) {
            var e = it.next();
            int decimals = decimals(e.getKey());
            ObjectNode b = list.addObject();
            b.put("token", e.getKey());
            b.put(
                "settled",
                new BigDecimal(s.balanceOf(e.getValue().asText(), c.getAddress()), decimals)
                    .toPlainString());
            b.put(
                "wallet",
                new BigDecimal(
                        new TestTokenContract(t, e.getValue().asText()).balanceOf(c.getAddress()),
                        decimals)
                    .toPlainString());
          }
          System.out.println(out);
          return 0;
        }
      } catch (IOException | ChainException | RuntimeException e) {
        System.err.println("balance failed: " + e.getMessage());
        return 1;
      }
    }
  }

  static int decimals(String symbol) {
    for (TokenSpec t : DexConfig.devNetwork("txnchain-dev").tokens()) {
      if (t.symbol().equals(symbol)) {
        return t.decimals();
      }
    }
    throw new IllegalArgumentException("unknown token " + symbol);
  }

  /**
   * {@code amount} in the token's smallest units, exactly; more decimals than it has is refused.
   */
  static long units(String symbol, String amount) {
    BigDecimal v;
    try {
      v = new BigDecimal(amount);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--amount must be a decimal number");
    }
    try {
      long u = v.movePointRight(decimals(symbol)).longValueExact();
      if (u <= 0) {
        throw new IllegalArgumentException("--amount must be positive");
      }
      return u;
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "--amount has more decimals than " + symbol + " has, or is too large");
    }
  }
}
