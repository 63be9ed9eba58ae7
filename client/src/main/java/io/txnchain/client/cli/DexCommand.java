package io.txnchain.client.cli;

import picocli.CommandLine.Command;

/** {@code txnchain dex}: Pixie DEX, the exchange whose matching engine runs in the enclave. */
@Command(
    name = "dex",
    description = "Trade on Pixie DEX: orders are signed (EIP-712) and sealed to the enclave.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      DexMarketsCommand.class,
      DexDepositCommand.class,
      DexWithdrawCommand.class,
      DexOrderCommand.class,
      DexCancelCommand.class,
      DexBookCommand.class,
      DexTradesCommand.class,
      DexOrdersCommand.class,
      DexBalancesCommand.class,
      DexViewKeyCommand.class
    })
final class DexCommand {}
