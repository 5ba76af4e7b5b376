package io.effortlens.reliability;

import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command run as its own driver JVM ({@code java -cp <test classpath> io.effortlens.cli.Main}),
 * so it can be killed with SIGKILL or run next to another one. Cheaper than the launcher: no build
 * check, and the classes are already compiled.
 */
final class ChildCli {
  /**
   * Bound of one child run: a whole pipeline on the 800-customer input takes about 10 min on 2 idle
   * cores, and more than 15 when other builds share them.
   */
  private static final long TIMEOUT_MINUTES = Long.getLong("child.timeout.minutes", 45);

  private final Process process;
  private final Path err;
  private final long startNanos = System.nanoTime();

  private ChildCli(Process process, Path err) {
    this.process = process;
    this.err = err;
  }

  /** Starts {@code effortlens <global options for lake> <args>}; output goes to files in logs. */
  static ChildCli start(Path lake, List<String> args, Path logs, String name) {
    return start(lake, args, logs, name, Map.of());
  }

  /** As {@link #start(Path, List, Path, String)}, with extra environment variables. */
  static ChildCli start(
      Path lake, List<String> args, Path logs, String name, Map<String, String> env) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
        command.add(arg);
      }
    }
    command.addAll(
        List.of(
            "-Xmx1g",
            "-XX:+UseSerialGC",
            "-Duser.timezone=UTC",
            "-Dspark.master=local[2]",
            "-Dspark.ui.enabled=false",
            "-Dspark.driver.host=127.0.0.1",
            "-Dspark.driver.bindAddress=127.0.0.1",
            "-Dlog4j2.configurationFile="
                + TestLakes.repo().resolve("conf/log4j2.properties").toUri(),
            "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            "io.effortlens.cli.Main"));
    command.addAll(Stages.global(lake));
    command.addAll(args);
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(env);
      Process process =
          builder
              .directory(logs.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      return new ChildCli(process, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs to the end; returns the exit code. */
  int await() throws InterruptedException {
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          "a child run took more than "
              + TIMEOUT_MINUTES
              + " minutes (raise the bound with -Dchild.timeout.minutes=N on a loaded machine)");
    }
    return process.exitValue();
  }

  /**
   * Waits at most {@code millis}, then kills the JVM with SIGKILL (no shutdown hooks, no finally
   * blocks). Returns true when it was killed, false when it had ended by itself.
   */
  boolean killAfter(long millis) throws InterruptedException {
    if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
      return false;
    }
    process.destroyForcibly().waitFor();
    return true;
  }

  double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Standard output and error, for searching them. */
  String text() {
    try {
      return Files.readString(
              err.resolveSibling(err.getFileName().toString().replace(".err", ".out")),
              StandardCharsets.UTF_8)
          + "\n"
          + err();
    } catch (IOException e) {
      return "(no stdout: " + e + ")\n" + err();
    }
  }

  /** Standard error, for assertion messages. */
  String err() {
    try {
      return Files.readString(err, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no stderr: " + e + ")";
    }
  }
}
