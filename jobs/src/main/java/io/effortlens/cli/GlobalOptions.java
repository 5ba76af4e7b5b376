package io.effortlens.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the subcommand name (picocli inherited scope: the
 * copies on subcommands write to this one object).
 */
public final class GlobalOptions {
  static final String DEFAULT_CONF = "conf/effortlens.yaml";

  @Option(
      names = "--conf",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Configuration file (default: ${DEFAULT-VALUE}; falls back to $EFFORTLENS_HOME/conf).")
  Path conf;

  @Option(
      names = "--set",
      scope = ScopeType.INHERIT,
      paramLabel = "KEY=VALUE",
      description = "Override a configuration key; repeatable. Wins over the file.")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--lake",
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description = "Root of all tables: a folder or any Hadoop URI (default: ${DEFAULT-VALUE}).",
      defaultValue = "./lakehouse")
  String lake;

  Path confFile() {
    return conf == null ? Path.of(DEFAULT_CONF) : conf;
  }

  boolean confExplicit() {
    return conf != null;
  }
}
