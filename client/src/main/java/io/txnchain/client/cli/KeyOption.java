package io.txnchain.client.cli;

import io.txnchain.client.sdk.UserKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --key FILE}, else {@code TXNCHAIN_KEY}, else {@code ~/.txnchain/default.key}, which is
 * created on first use so that a first {@code submit} just works.
 */
final class KeyOption {
  private final CliContext ctx;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "user key file (default: $TXNCHAIN_KEY, else ~/.txnchain/default.key, created on first"
              + " use)")
  private Path key;

  KeyOption(CliContext ctx) {
    this.ctx = ctx;
  }

  static Path defaultPath(CliContext ctx) {
    return ctx.home().resolve(".txnchain").resolve("default.key");
  }

  /** The key file this invocation names, explicitly or by default. */
  Path path() {
    if (key != null) {
      return key;
    }
    return ctx.envVar(CliContext.ENV_KEY).map(Path::of).orElseGet(() -> defaultPath(ctx));
  }

  private boolean isDefault() {
    return key == null && ctx.envVar(CliContext.ENV_KEY).isEmpty();
  }

  /** Loads the key, creating the default one if this is its first use. */
  UserKey loadOrCreate() {
    Path file = path();
    if (isDefault() && !Files.exists(file)) {
      UserKey created = UserKey.create(file, ctx.random());
      ctx.warn("note: created a new user key " + created.address() + " in " + file);
      return created;
    }
    return load(file);
  }

  /** Loads the key if its file exists; never creates one. */
  Optional<UserKey> loadIfPresent() {
    Path file = path();
    return Files.exists(file) ? Optional.of(load(file)) : Optional.empty();
  }

  /** Loads the key; a missing file is an error. */
  UserKey loadExisting() {
    return load(path());
  }

  private UserKey load(Path file) {
    UserKey k = UserKey.load(file);
    if (!UserKey.isOwnerOnly(file)) {
      ctx.warn("warning: key file " + file + " is readable by other users; chmod 600 it");
    }
    return k;
  }
}
