package io.effortlens.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.effortlens.ExitCodes;
import io.effortlens.testing.TestLakes;
import java.nio.file.Path;
import java.util.List;

/**
 * The generated input of the whole pipeline for the reliability harnesses ({@link Stages}): 800
 * customers over ten months from 2024-01-01, seed 7, through the real {@code generate} command,
 * made once per test JVM.
 */
final class ModelInput {
  private static Path input;

  private ModelInput() {}

  /** The input folder, generated on first use. */
  static synchronized Path get() {
    if (input == null) {
      Path out = TestLakes.tempDir("reliability-input").resolve("generated");
      CliRun run =
          CliRun.of(
              List.of(
                  "generate",
                  "--customers",
                  "800",
                  "--months",
                  "10",
                  "--start",
                  "2024-01-01",
                  "--seed",
                  "7",
                  "--out",
                  out.toString()));
      assertEquals(ExitCodes.OK, run.code(), "generate: " + run.text());
      input = out;
    }
    return input;
  }
}
