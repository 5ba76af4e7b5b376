package io.effortlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.ExitCodes;
import io.effortlens.testing.SparkSessionExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code effortlens generate} writes both vendor formats, customers and truth.json. */
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
}
