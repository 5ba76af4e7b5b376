package io.effortlens.cli;

import io.effortlens.ExitCodes;
import io.effortlens.Problems;
import io.effortlens.config.ConfigLoader;
import io.effortlens.config.Settings;
import io.effortlens.generate.Generator;
import io.effortlens.generate.GeneratorOptions;
import io.effortlens.generate.GeneratorResult;
import io.effortlens.generate.OutputFormat;
import io.effortlens.lake.SparkSessions;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code effortlens generate}: synthetic interaction logs with planted truth. A {@link
 * CommandPlugin} of the generator module ({@code jobs/generator}), listed in its {@code
 * META-INF/services}: the root command finds it when the generator's jar is on the classpath.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Simulate a subscription business with a contact centre and web/app self-service, and write"
          + " raw logs in two vendor-like formats plus a customers file and truth.json.",
      "Deterministic for a seed; generated in parallel by Spark."
    })
public final class GenerateCommand implements Callable<Integer>, CommandPlugin {
  @CommandLine.ParentCommand EffortLensCommand root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--customers", required = true, description = "Number of customers.")
  long customers;

  @Option(names = "--months", required = true, description = "Months to simulate.")
  int months;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  String out;

  @Option(
      names = "--format",
      defaultValue = "jsonl",
      description = "jsonl (contact centre JSON lines, web events CSV), csv (same), or parquet.")
  String format;

  @Option(
      names = "--start",
      defaultValue = "2024-01-01",
      description = "First simulated month (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  /** For {@link java.util.ServiceLoader}. */
  public GenerateCommand() {}

  @Override
  public Object command() {
    return this;
  }

  @Override
  public Integer call() {
    GlobalOptions global = root.global;
    Settings settings = ConfigLoader.load(global.confFile(), global.confExplicit(), global.sets);
    GeneratorOptions options;
    try {
      options =
          new GeneratorOptions(customers, months, seed, start, OutputFormat.parse(format), out);
    } catch (IllegalArgumentException e) {
      throw Problems.badArgument(
          "generate",
          String.join(" ", spec.commandLine().getParseResult().originalArgs()),
          e.getMessage());
    }
    GeneratorResult result =
        Generator.run(SparkSessions.create("effortlens generate", settings), options);
    PrintWriter printer = spec.commandLine().getOut();
    printer.printf(
        "generated %d customers over %d months (seed %d) into %s%n",
        result.customers(), months, seed, result.outDir());
    printer.printf(
        "  contact_center: %d records, web_events: %d rows, customers: %d rows, truth.json%n",
        result.contactCenterRecords(), result.webEvents(), result.customerRows());
    printer.flush();
    return ExitCodes.OK;
  }
}
