package io.effortlens.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.EffortLensException;
import io.effortlens.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precedence (--set > file > default) and the error messages of bad configuration. */
class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsApplyWhenTheDefaultFileIsAbsent() {
    Settings settings = ConfigLoader.load(dir.resolve("absent.yaml"), false, List.of());
    assertEquals(0.05, settings.get(ConfigKeys.INGEST_MAX_QUARANTINE_RATIO));
    assertEquals(24, settings.get(ConfigKeys.INGEST_MAX_FUTURE_HOURS));
  }

  @Test
  void setWinsOverTheFileWhichWinsOverTheDefault() throws IOException {
    Path file = write("ingest:\n  max-quarantine-ratio: 0.2\n  max-future-hours: 48\n");
    Settings settings = ConfigLoader.load(file, true, List.of("ingest.max-quarantine-ratio=0.3"));
    assertEquals(0.3, settings.get(ConfigKeys.INGEST_MAX_QUARANTINE_RATIO));
    assertEquals(48, settings.get(ConfigKeys.INGEST_MAX_FUTURE_HOURS));
  }

  @Test
  void sparkBlockIsPassedThroughWithItsPrefix() throws IOException {
    Path file = write("spark:\n  sql.shuffle.partitions: 4\n");
    Settings settings = ConfigLoader.load(file, true, List.of("spark.executor.memory=2g"));
    assertEquals("4", settings.spark().get("spark.sql.shuffle.partitions"));
    assertEquals("2g", settings.spark().get("spark.executor.memory"));
  }

  @Test
  void unknownKeyNamesTheLineAndTheClosestValidKey() throws IOException {
    Path file = write("ingest:\n  max-quarantine-ratoi: 0.2\n");
    EffortLensException e =
        assertThrows(EffortLensException.class, () -> ConfigLoader.load(file, true, List.of()));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(
        e.getMessage().contains("unknown key 'ingest.max-quarantine-ratoi'"), e.getMessage());
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertTrue(
        e.getMessage().contains("did you mean 'ingest.max-quarantine-ratio'"), e.getMessage());
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() throws IOException {
    Path file = write("ingest:\n  max-quarantine-ratio: 0.2\n   bad: [unclosed\n");
    EffortLensException e =
        assertThrows(EffortLensException.class, () -> ConfigLoader.load(file, true, List.of()));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().matches("(?s).*syntax error at line \\d+.*"), e.getMessage());
  }

  @Test
  void invalidValueSaysWhatIsExpected() {
    EffortLensException e =
        assertThrows(
            EffortLensException.class,
            () ->
                ConfigLoader.load(
                    dir.resolve("absent.yaml"), false, List.of("ingest.max-quarantine-ratio=2")));
    assertTrue(e.getMessage().contains("expected a number from 0.0 to 1.0"), e.getMessage());
    assertTrue(e.getMessage().contains("--set ingest.max-quarantine-ratio=2"), e.getMessage());
  }

  @Test
  void explicitConfigFileMustExist() {
    EffortLensException e =
        assertThrows(
            EffortLensException.class,
            () -> ConfigLoader.load(dir.resolve("missing.yaml"), true, List.of()));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("missing.yaml"), e.getMessage());
  }

  @Test
  void setWithoutEqualsSignIsRejected() {
    EffortLensException e =
        assertThrows(
            EffortLensException.class,
            () -> ConfigLoader.load(dir.resolve("absent.yaml"), false, List.of("ingest")));
    assertTrue(e.getMessage().contains("key=value"), e.getMessage());
  }

  @Test
  void hashChangesWithTheSettings() {
    Settings a = ConfigLoader.load(dir.resolve("x.yaml"), false, List.of());
    Settings b =
        ConfigLoader.load(dir.resolve("x.yaml"), false, List.of("ingest.max-future-hours=1"));
    assertTrue(!a.hash().equals(b.hash()));
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("effortlens.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
