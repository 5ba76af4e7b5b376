package io.effortlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.ExitCodes;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real command line, in process: exit codes and messages that name the file, key and fix. */
@ExtendWith(SparkSessionExtension.class)
class CliTest {
  @TempDir Path dir;

  CliTest(SparkSession spark) {
    // the shared session exists before any command runs, so commands use it as it is
  }

  record Outcome(int code, String out, String err) {}

  static Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = EffortLensCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Outcome(code, out.toString(), err.toString());
  }

  private String conf() {
    return TestLakes.repo().resolve("conf/effortlens.yaml").toString();
  }

  @Test
  void helpAndVersionWorkOnEveryCommand() {
    for (String command : new String[] {"ingest", "tables", "pipeline"}) {
      Outcome help = run(command, "--help");
      assertEquals(0, help.code(), command);
      assertTrue(help.out().contains("Usage: effortlens " + command), help.out());
      Outcome version = run(command, "--version");
      assertEquals(0, version.code());
      assertTrue(version.out().startsWith("effortlens "), version.out());
    }
    assertTrue(run("--help").out().contains("Exit codes:"));
  }

  @Test
  void globalOptionsWorkBeforeAndAfterTheSubcommand() {
    String lake = dir.resolve("lake").toString();
    Outcome before = run("--lake", lake, "--conf", conf(), "tables");
    Outcome after = run("tables", "--lake", lake, "--conf", conf());
    assertEquals(0, before.code(), before.err());
    assertEquals(0, after.code(), after.err());
    assertTrue(before.out().contains("lake " + lake), before.out());
    assertTrue(after.out().contains("lake " + lake), after.out());
  }

  @Test
  void unknownConfigKeyExitsTwoWithTheClosestKey() {
    Outcome o = run("tables", "--conf", conf(), "--set", "ingest.max-future-hour=3");
    assertEquals(ExitCodes.USAGE, o.code());
    assertTrue(o.err().contains("did you mean 'ingest.max-future-hours'"), o.err());
  }

  @Test
  void brokenYamlExitsTwoWithTheLine() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "ingest:\n  max-quarantine-ratio: [0.1\n");
    Outcome o = run("tables", "--conf", bad.toString());
    assertEquals(ExitCodes.USAGE, o.code());
    assertTrue(o.err().contains("bad.yaml"), o.err());
    assertTrue(o.err().matches("(?s).*line \\d+.*"), o.err());
  }

  @Test
  void mappingExpressionThatDoesNotParseIsShown() throws IOException {
    Path mapping = mapping("interaction_id: \"concat(id, \"\n  customer_id: cust\n");
    Outcome o = ingest(mapping, csv());
    assertEquals(ExitCodes.USAGE, o.code());
    assertTrue(o.err().contains("the expression for 'interaction_id'"), o.err());
    assertTrue(o.err().contains("\"concat(id,\""), o.err());
  }

  @Test
  void mappingExpressionOverAnUnknownColumnListsTheRawColumns() throws IOException {
    Path mapping = mapping("interaction_id: id\n  customer_id: no_such_column\n");
    Outcome o = ingest(mapping, csv());
    assertEquals(ExitCodes.USAGE, o.code());
    assertTrue(o.err().contains("no_such_column"), o.err());
    assertTrue(o.err().contains("raw columns: id, cust, at"), o.err());
  }

  @Test
  void inputThatMatchesNoFileExitsFour() throws IOException {
    Path mapping = mapping("interaction_id: id\n");
    String missing = dir.resolve("nothing-here/*.csv").toString();
    Outcome o = ingest(mapping, missing);
    assertEquals(ExitCodes.INPUT_NOT_FOUND, o.code());
    assertTrue(o.err().contains("'" + missing + "' matches no file"), o.err());
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    Outcome o = run("ingest", "--source", "web-events");
    assertEquals(ExitCodes.USAGE, o.code());
    assertTrue(o.err().contains("--input"), o.err());
  }

  @Test
  void failedQualityGateExitsThreeAndIsRecordedInRuns(SparkSession spark) {
    String lake = dir.resolve("lake").toString();
    String bad = TestLakes.samples().resolve("bad/web-events-bad.csv").toString();
    Outcome o =
        run("ingest", "--lake", lake, "--conf", conf(), "--source", "web-events", "--input", bad);
    assertEquals(ExitCodes.QUALITY_GATE, o.code(), o.err());
    assertTrue(o.err().contains("6 of 8 records quarantined"), o.err());
    var run = spark.read().format("delta").load(lake + "/runs").first();
    assertEquals("quality_failed", run.getAs("status"));
    assertEquals(3, (int) run.getAs("exit_code"));
  }

  private Outcome ingest(Path mapping, String input) {
    return run(
        "ingest",
        "--lake",
        dir.resolve("lake").toString(),
        "--conf",
        conf(),
        "--source",
        mapping.toString(),
        "--input",
        input);
  }

  private Path mapping(String columns) throws IOException {
    Path file = dir.resolve("m.yaml");
    Files.writeString(
        file, "name: m\nformat: csv\noptions:\n  header: \"true\"\ncolumns:\n  " + columns);
    return file;
  }

  private String csv() throws IOException {
    Path file = dir.resolve("in.csv");
    Files.writeString(file, "id,cust,at\n1,C1,2024-01-01T00:00:00Z\n");
    return file.toString();
  }
}
