package io.effortlens.cli;

import io.effortlens.EffortLensException;
import io.effortlens.ExitCodes;
import java.io.PrintWriter;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

/**
 * The root command {@code effortlens}; each stage is a subcommand, and the {@link CommandPlugin}s
 * on the classpath (the generator's {@code generate}) add theirs before {@code help}.
 */
@Command(
    name = "effortlens",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = "Customer-effort analytics on Spark and Delta Lake.",
    subcommands = {
      IngestCommand.class,
      JourneysCommand.class,
      FeaturesCommand.class,
      TablesCommand.class,
      PipelineCommand.class,
      TrainCommand.class,
      ScoreCommand.class,
      GoldCommand.class,
      ReportCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:unexpected failure (see the log)",
      "2:usage or configuration error",
      "3:data-quality gate failed; nothing published",
      "4:input not found",
      "5:concurrent write conflict; nothing published, rerun"
    })
public final class EffortLensCommand implements Runnable {
  @Mixin GlobalOptions global = new GlobalOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Parses and runs a command line; returns the process exit code. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Same, printing to the given writers (for embedding and tests). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(EffortLensCommand::onFailure);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The command line of the root command with its plugins' subcommands, then {@code help}. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new EffortLensCommand());
    ServiceLoader<CommandPlugin> plugins =
        ServiceLoader.load(CommandPlugin.class, CommandPlugin.class.getClassLoader());
    for (CommandPlugin plugin : plugins) {
      cli.addSubcommand(plugin.command());
    }
    return cli.addSubcommand(new CommandLine.HelpCommand());
  }

  private static int onFailure(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    if (e instanceof EffortLensException known) {
      err.println("effortlens: " + known.getMessage());
      Log.LOG.debug("Failure detail", known);
      return known.exitCode();
    }
    Log.LOG.error("Unexpected failure", e);
    String message = String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("");
    err.println(
        "effortlens: unexpected failure: "
            + e.getClass().getSimpleName()
            + ": "
            + message
            + " (the log above has the stack trace)");
    return ExitCodes.FAILURE;
  }

  // the logger is created on first use, not with the class: help, version and usage errors need
  // no logging system (~0.7 s to start)
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(EffortLensCommand.class);
  }
}
