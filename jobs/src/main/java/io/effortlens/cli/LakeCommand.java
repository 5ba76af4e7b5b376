package io.effortlens.cli;

import io.effortlens.EffortLensException;
import io.effortlens.ExitCodes;
import io.effortlens.config.ConfigLoader;
import io.effortlens.config.Settings;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Runs;
import io.effortlens.lake.SparkSessions;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Base of commands that work on the lake: loads settings once and checks the arguments against
 * them, then creates the Spark session and the run context, runs the command, and records the run
 * (status, exit code, row counts) in {@code runs}, on failure too. A configuration or usage error
 * found before the session starts answers without one and records no run.
 */
abstract class LakeCommand implements Callable<Integer> {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @CommandLine.ParentCommand EffortLensCommand root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command; returns the exit code. */
  abstract int execute(RunContext ctx, PrintWriter out);

  /**
   * Checks what can be checked without Spark (arguments, settings, files they name) before the
   * session starts, throwing the operator-facing error; nothing by default.
   */
  void check(Settings settings) {}

  /** Whether the run is recorded in the runs table (read-only commands are not). */
  boolean recordsRun() {
    return true;
  }

  @Override
  public final Integer call() {
    GlobalOptions global = root.global;
    Settings settings = ConfigLoader.load(global.confFile(), global.confExplicit(), global.sets);
    check(settings);
    Instant started = Instant.now();
    String runId = RUN_TIME.format(started) + "-" + UUID.randomUUID().toString().substring(0, 8);
    SparkSession spark = SparkSessions.create("effortlens " + spec.name(), settings, global.lake);
    spark.conf().set("spark.databricks.delta.commitInfo.userMetadata", runId);
    Lake lake = Lake.at(spark, global.lake);
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    RunContext ctx = new RunContext(runId, started, spec.name(), args, settings, lake);
    Log.LOG.info(
        "run={} command={} lake={} config_hash={}",
        runId,
        spec.name(),
        lake.root(),
        settings.hash());
    try {
      int code = execute(ctx, spec.commandLine().getOut());
      record(ctx, code == ExitCodes.OK ? "succeeded" : "failed", code, null);
      return code;
    } catch (EffortLensException e) {
      record(
          ctx,
          e.exitCode() == ExitCodes.QUALITY_GATE ? "quality_failed" : "failed",
          e.exitCode(),
          e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      record(ctx, "failed", ExitCodes.FAILURE, String.valueOf(e));
      throw e;
    } finally {
      spec.commandLine().getOut().flush();
    }
  }

  private void record(RunContext ctx, String status, int exitCode, String message) {
    if (!recordsRun()) {
      return;
    }
    try {
      Runs.record(ctx, Instant.now(), status, exitCode, message);
    } catch (RuntimeException e) {
      // the run's own outcome matters more than its bookkeeping; say so and keep that outcome
      Log.LOG.warn("Cannot record run {} in the runs table: {}", ctx.runId(), e.toString());
    }
  }

  // the logger is created on first use, not with the class: picocli creates every command object
  // up front, also for help and usage errors, which need no logging system (~0.7 s to start)
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(LakeCommand.class);
  }
}
