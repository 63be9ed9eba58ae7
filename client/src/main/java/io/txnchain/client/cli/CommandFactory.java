package io.txnchain.client.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates commands and option groups, handing the {@link CliContext} to those whose constructor
 * takes one, so that no command reaches for {@code System.out} or the environment itself.
 */
final class CommandFactory implements CommandLine.IFactory {
  private final CliContext ctx;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  CommandFactory(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Constructor<K> withContext;
    try {
      withContext = type.getDeclaredConstructor(CliContext.class);
    } catch (NoSuchMethodException e) {
      return fallback.create(type);
    }
    return withContext.newInstance(ctx);
  }
}
