package io.txnchain.client.cli;

import picocli.CommandLine.Command;

/** {@code txnchain attest}: hardware attestation evidence. */
@Command(
    name = "attest",
    description = "Attestation evidence (SEV-SNP, SGX, TDX, sim).",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {AttestVerifyCommand.class})
final class AttestCommand {}
