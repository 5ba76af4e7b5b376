package io.effortlens.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planted-lake cache key changes with the code that builds the lake, and only with it. */
class CodeFingerprintTest {
  @Test
  void changesWhenAClassChangesAndIgnoresTheVersionFile(@TempDir Path dir) throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes/io/effortlens"));
    Files.write(classes.resolve("Stage.class"), new byte[] {1, 2, 3});
    Path root = dir.resolve("classes");
    String before = CodeFingerprint.of(List.of(root));

    Files.writeString(root.resolve("effortlens-version.properties"), "built=now");
    assertEquals(before, CodeFingerprint.of(List.of(root)), "a filtered resource is not code");

    Files.write(classes.resolve("Stage.class"), new byte[] {1, 2, 4});
    assertNotEquals(before, CodeFingerprint.of(List.of(root)), "changed bytecode");
  }

  @Test
  void changesWhenTheConfigurationChanges(@TempDir Path dir) throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("effortlens.yaml"), "ingest:\n  a: 1\n");
    String before = CodeFingerprint.of(List.of(conf));
    Files.writeString(conf.resolve("effortlens.yaml"), "ingest:\n  a: 2\n");
    assertNotEquals(before, CodeFingerprint.of(List.of(conf)));
  }

  @Test
  void theRunningCodeHasAStableFingerprint() {
    String current = CodeFingerprint.current();
    assertEquals(12, current.length());
    assertEquals(
        current,
        CodeFingerprint.of(List.of(classesOf(), TestLakes.repo().resolve("conf"))),
        "same classes, same key");
  }

  private static Path classesOf() {
    return Path.of("target", "classes").toAbsolutePath();
  }
}
