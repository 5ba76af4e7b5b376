package io.effortlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.ExitCodes;
import io.effortlens.lake.SparkSessions;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Help, version, usage and configuration errors answer before any Spark session is asked for. The
 * test JVM shares one session, so the check counts the commands' requests for one ({@link
 * SparkSessions#requests()}) instead of looking for a session.
 */
class AnswersWithoutSparkTest {
  @TempDir Path dir;

  private String lake() {
    return dir.resolve("lake").toString();
  }

  private String conf() {
    return TestLakes.repo().resolve("conf/effortlens.yaml").toString();
  }

  /** Runs a command line and asserts its exit code and that it asked for no Spark session. */
  private CliTest.Outcome runWithoutSpark(int expectedCode, String... args) {
    int before = SparkSessions.requests();
    CliTest.Outcome o = CliTest.run(args);
    assertEquals(expectedCode, o.code(), String.join(" ", args) + "\n" + o.out() + o.err());
    assertEquals(before, SparkSessions.requests(), "a Spark session for " + String.join(" ", args));
    assertFalse(Files.exists(dir.resolve("lake")), "the lake was touched");
    return o;
  }

  @Test
  void helpAndVersionStartNoSpark() {
    assertTrue(runWithoutSpark(ExitCodes.OK, "--help").out().contains("Exit codes:"));
    assertTrue(runWithoutSpark(ExitCodes.OK).out().contains("Usage: effortlens"));
    assertTrue(runWithoutSpark(ExitCodes.OK, "help", "train").out().contains("effortlens train"));
    assertTrue(runWithoutSpark(ExitCodes.OK, "score", "--help").out().contains("--as-of"));
    String version = runWithoutSpark(ExitCodes.OK, "--version").out();
    assertTrue(version.matches("(?s)effortlens \\S+\\RSpark 3\\.\\d+\\.\\d+, Java .*"), version);
  }

  @Test
  void withoutTheGeneratorJarThereIsNoGenerateCommand() {
    String help = runWithoutSpark(ExitCodes.OK, "--help").out();
    assertTrue(help.contains("  ingest") && help.contains("  help"), help);
    assertFalse(help.contains("  generate"), "jobs alone lists generate:\n" + help);
    String unknown = runWithoutSpark(ExitCodes.USAGE, "generate").err();
    assertTrue(unknown.contains("Unmatched argument"), unknown);
  }

  @Test
  void usageErrorsStartNoSpark() {
    String date = runWithoutSpark(ExitCodes.USAGE, "features", "--as-of", "2024-13-01").err();
    assertTrue(date.contains("Invalid value for option '--as-of'"), date);
    runWithoutSpark(ExitCodes.USAGE, "no-such-command");
    runWithoutSpark(ExitCodes.USAGE, "ingest", "--lake", lake(), "--source", "web-events");
    String cadence =
        runWithoutSpark(
                ExitCodes.USAGE,
                "features",
                "--lake",
                lake(),
                "--snapshots",
                "weekly",
                "--from",
                "2024-01-01",
                "--to",
                "2024-03-01")
            .err();
    assertTrue(cadence.contains("Cannot use --snapshots weekly: expected 'monthly'"), cadence);
    String range =
        runWithoutSpark(
                ExitCodes.USAGE,
                "features",
                "--lake",
                lake(),
                "--snapshots",
                "monthly",
                "--from",
                "2024-03-02",
                "--to",
                "2024-03-31")
            .err();
    assertTrue(range.contains("a range that contains the first day of a month"), range);
  }

  @Test
  void configurationErrorsStartNoSpark() throws IOException {
    String key =
        runWithoutSpark(ExitCodes.USAGE, "tables", "--lake", lake(), "--set", "x.y=1").err();
    assertTrue(key.contains("unknown key 'x.y'"), key);
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "ingest:\n  max-quarantine-ratio: [0.1\n");
    String yaml =
        runWithoutSpark(ExitCodes.USAGE, "journeys", "--lake", lake(), "--conf", bad.toString())
            .err();
    assertTrue(yaml.contains("bad.yaml"), yaml);
    String value =
        runWithoutSpark(
                ExitCodes.USAGE, "journeys", "--lake", lake(), "--set", "journey.gap-days=soon")
            .err();
    assertTrue(value.contains("journey.gap-days"), value);
  }

  @Test
  void errorsInWhatACommandNamesStartNoSpark() {
    String noKey =
        runWithoutSpark(
                ExitCodes.USAGE,
                "score",
                "--lake",
                lake(),
                "--conf",
                conf(),
                "--as-of",
                "2024-06-01")
            .err();
    assertTrue(noKey.contains("pass --allow-raw-ids"), noKey);
    String mlflow =
        runWithoutSpark(
                ExitCodes.USAGE,
                "train",
                "--lake",
                lake(),
                "--conf",
                conf(),
                "--mlflow-uri",
                "ftp://x")
            .err();
    assertTrue(mlflow.contains("an http(s):// tracking server URL"), mlflow);
    String mapping =
        runWithoutSpark(
                ExitCodes.INPUT_NOT_FOUND,
                "pipeline",
                "--lake",
                lake(),
                "--conf",
                conf(),
                "--allow-raw-ids",
                "--source",
                "no-such-source",
                "--input",
                dir.toString())
            .err();
    assertTrue(mapping.contains("no-such-source"), mapping);
    String snapshots =
        runWithoutSpark(
                ExitCodes.USAGE,
                "pipeline",
                "--lake",
                lake(),
                "--conf",
                conf(),
                "--allow-raw-ids",
                "--snapshots",
                "2024-09-01,2024-10-01",
                "--snapshots",
                "2024-11-01")
            .err();
    assertTrue(
        snapshots.contains("Cannot train on --snapshots 2024-09-01,2024-10-01,2024-11-01"),
        snapshots);
    assertTrue(snapshots.contains("90-day label horizon"), snapshots);
    assertTrue(snapshots.contains("so it needs 3 dates at least 90 days apart"), snapshots);
    String late =
        runWithoutSpark(
                ExitCodes.USAGE,
                "pipeline",
                "--lake",
                lake(),
                "--conf",
                conf(),
                "--allow-raw-ids",
                "--as-of",
                "2024-12-01",
                "--snapshots",
                "2024-01-01,2024-04-01,2024-07-01,2024-12-02")
            .err();
    assertTrue(late.contains("expected dates on or before the score date 2024-12-01"), late);
  }

  @Test
  @ExtendWith(SparkSessionExtension.class)
  void aCommandThatRunsAsksForItsSession(SparkSession spark) {
    // the counter counts: without this, the tests above could pass with a counter that never moves
    int before = SparkSessions.requests();
    CliTest.Outcome o = CliTest.run("tables", "--lake", lake(), "--conf", conf());
    assertEquals(ExitCodes.OK, o.code(), o.err());
    assertEquals(before + 1, SparkSessions.requests());
  }
}
