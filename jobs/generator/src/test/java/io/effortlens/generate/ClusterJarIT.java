package io.effortlens.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The cluster jar ({@code jobs/target/effortlens-jobs-*-app.jar}, what spark-submit ships) carries
 * no class of the generator, and the generator's own jar carries them all and registers {@code
 * generate} as a command plugin. Runs after {@code package} (failsafe), which builds both jars; the
 * paths come from this module's pom.
 */
class ClusterJarIT {
  private static final String GENERATOR = "io/effortlens/generate/";
  private static final String COMMAND = "io/effortlens/cli/GenerateCommand.class";
  private static final String SERVICE = "META-INF/services/io.effortlens.cli.CommandPlugin";

  private static List<String> entries(String property) throws IOException {
    String path = System.getProperty(property);
    assertTrue(path != null, "Cannot list the jar: system property " + property + " is not set");
    assertTrue(
        Files.isRegularFile(Path.of(path)),
        "Cannot list " + path + ": it does not exist (build it: mvn -o package -DskipTests)");
    try (JarFile jar = new JarFile(path)) {
      return jar.stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void clusterJarCarriesTheProductAndNoGeneratorClass() throws IOException {
    List<String> app = entries("effortlens.app.jar");
    assertTrue(app.contains("io/effortlens/cli/Main.class"), "not the application jar");
    assertTrue(app.contains("io/effortlens/cli/CommandPlugin.class"), "no plugin interface");
    List<String> generator =
        app.stream().filter(e -> e.startsWith(GENERATOR) || e.equals(COMMAND)).toList();
    assertEquals(List.of(), generator, "generator classes in the cluster jar");
    assertFalse(app.contains(SERVICE), "the cluster jar registers a command plugin");
  }

  @Test
  void generatorJarCarriesTheGeneratorAndRegistersGenerate() throws IOException {
    String path = System.getProperty("effortlens.generator.jar");
    List<String> jar = entries("effortlens.generator.jar");
    assertTrue(jar.contains(GENERATOR + "Generator.class"), String.valueOf(jar));
    assertTrue(jar.contains(COMMAND), String.valueOf(jar));
    try (JarFile file = new JarFile(path)) {
      String services =
          new String(
              file.getInputStream(file.getEntry(SERVICE)).readAllBytes(), StandardCharsets.UTF_8);
      assertEquals("io.effortlens.cli.GenerateCommand", services.strip());
    }
  }
}
