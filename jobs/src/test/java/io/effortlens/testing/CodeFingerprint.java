package io.effortlens.testing;

import io.effortlens.cli.CommandPlugin;
import io.effortlens.cli.EffortLensCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * A fingerprint of the code and configuration that build a planted lake: SHA-256 over the compiled
 * application classes ({@code jobs/target/classes}, every {@code .class} file, path and bytes), the
 * classes of the command plugins on the classpath (the generator's {@code
 * jobs/generator/target/classes} in its module's tests) and the shipped configuration ({@code
 * conf/}: settings and source mappings), shortened to 12 hex digits. Any change to ingest,
 * journeys, features, the generator or their settings changes it, so a cached lake keyed by it is
 * rebuilt instead of silently reused. javac's output is the same for the same source, so an
 * unchanged tree keeps its fingerprint across builds.
 */
final class CodeFingerprint {
  private static String value;

  private CodeFingerprint() {}

  /** The fingerprint of the classes and configuration this JVM runs with (computed once). */
  static synchronized String current() {
    if (value == null) {
      List<Path> roots = new ArrayList<>();
      roots.add(classesRoot(EffortLensCommand.class));
      for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
        Path root = classesRoot(plugin.getClass());
        if (!roots.contains(root)) {
          roots.add(root);
        }
      }
      roots.add(TestLakes.repo().resolve("conf"));
      value = of(roots);
    }
    return value;
  }

  /** SHA-256 of every regular file under {@code roots}, in path order, as 12 hex digits. */
  static String of(List<Path> roots) {
    MessageDigest digest = sha256();
    for (Path root : roots) {
      if (Files.isRegularFile(root)) { // the application jar: its bytes (timestamps included)
        digest.update(read(root));
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          if (root.endsWith("classes") && !file.toString().endsWith(".class")) {
            continue; // filtered resources (the version file) are not code
          }
          digest.update(root.relativize(file).toString().getBytes());
          digest.update(Files.readAllBytes(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot fingerprint " + root, e);
      }
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot fingerprint " + file, e);
    }
  }

  private static Path classesRoot(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the application classes", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
