package io.effortlens.testing;

import io.effortlens.config.ConfigLoader;
import io.effortlens.config.Settings;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Temp lakes and run contexts for tests, with the repository's real conf/ and data-samples/. */
public final class TestLakes {
  /** A fixed run start, so plausibility windows do not depend on the wall clock. */
  public static final Instant RUN_START = Instant.parse("2026-01-15T00:00:00Z");

  private TestLakes() {}

  /**
   * The repository root: the nearest folder up from the working one with conf/ (tests run in jobs/
   * or jobs/generator/).
   */
  public static Path repo() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("conf")) && Files.isDirectory(dir.resolve("jobs"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "Cannot find the repository root (conf/, jobs/) above " + start);
  }

  public static Path samples() {
    return repo().resolve("data-samples");
  }

  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Settings from the repository's conf/effortlens.yaml plus --set overrides. */
  public static Settings settings(String... sets) {
    return ConfigLoader.load(repo().resolve("conf/effortlens.yaml"), true, List.of(sets));
  }

  /** A run context on a new temp lake. */
  public static RunContext newRun(SparkSession spark, String... sets) {
    return run(Lake.at(spark, tempDir("lake").toString()), "run-1", sets);
  }

  /** A run context on an existing lake. */
  public static RunContext run(Lake lake, String runId, String... sets) {
    return new RunContext(runId, RUN_START, "test", List.of(), settings(sets), lake);
  }
}
