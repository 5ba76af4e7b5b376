package io.effortlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.ExitCodes;
import io.effortlens.lake.SparkSessions;
import io.effortlens.testing.SparkSessionExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code effortlens generate} is found as a command plugin, writes both vendor formats, customers
 * and truth.json, and rejects bad options and settings before it asks for a Spark session.
 */
@ExtendWith(SparkSessionExtension.class)
class GenerateCommandTest {
  @TempDir Path dir;

  GenerateCommandTest(SparkSession spark) {}

  @Test
  void generateWritesEveryOutputAndSummarizesIt() {
    String out = dir.resolve("gen").toString();
    CliTest.Outcome o =
        CliTest.run("generate", "--customers", "40", "--months", "3", "--seed", "3", "--out", out);
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().contains("generated 40 customers over 3 months (seed 3)"), o.out());
    for (String part : new String[] {"contact_center", "web_events", "customers", "truth.json"}) {
      assertTrue(Files.exists(Path.of(out, part)), part);
    }
  }

  @Test
  void badFormatIsAUsageError() {
    CliTest.Outcome o =
        CliTest.run(
            "generate",
            "--customers",
            "5",
            "--months",
            "1",
            "--format",
            "xml",
            "--out",
            dir.toString());
    assertEquals(ExitCodes.USAGE, o.code());
    assertTrue(o.err().contains("xml"), o.err());
  }

  @Test
  void theRootCommandListsGenerateFoundOnTheClasspath() {
    CliTest.Outcome help = CliTest.run("--help");
    assertEquals(0, help.code(), help.err());
    int generate = help.out().indexOf("  generate  Simulate a subscription business");
    assertTrue(generate > help.out().indexOf("  report  "), help.out());
    assertTrue(generate < help.out().indexOf("  help  "), "generate before help:\n" + help.out());
    CliTest.Outcome own = CliTest.run("generate", "--help");
    assertEquals(0, own.code(), own.err());
    assertTrue(own.out().contains("Usage: effortlens generate"), own.out());
    assertTrue(own.out().contains("--set=KEY=VALUE"), "global options inherited:\n" + own.out());
  }

  @Test
  void badSettingIsAUsageErrorBeforeSpark() {
    int before = SparkSessions.requests();
    CliTest.Outcome o =
        CliTest.run(
            "generate",
            "--set",
            "journey.gap-days=soon",
            "--customers",
            "10",
            "--months",
            "1",
            "--out",
            dir.resolve("gen").toString());
    assertEquals(ExitCodes.USAGE, o.code(), o.out() + o.err());
    assertTrue(o.err().contains("journey.gap-days"), o.err());
    assertEquals(before, SparkSessions.requests(), "generate asked for a Spark session");
    assertFalse(Files.exists(dir.resolve("gen")), "generate wrote output");
  }
}
