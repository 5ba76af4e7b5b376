package io.effortlens.report;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium from the command line: a screenshot, the rendered DOM, and every console
 * message (a page without scripts must log none). Fails, never skips, when Chromium is missing.
 */
final class Chromium {
  static final String BINARY = "/usr/bin/chromium";
  static final String INSTALL = "apt-get install -y chromium chromium-driver";
  private static final Pattern SVG =
      Pattern.compile("<svg class=\"chart\".*?</svg>", Pattern.DOTALL);

  /** What one page load showed. */
  record Rendering(String dom, List<String> console) {}

  private Chromium() {}

  static Rendering render(Path page, Path screenshot) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(BINARY))) {
      fail("Chromium is missing at " + BINARY + ": install it with '" + INSTALL + "'");
    }
    List<String> console = new ArrayList<>();
    run(
        page,
        List.of("--screenshot=" + screenshot.toAbsolutePath(), "--window-size=1280,6000"),
        console);
    String dom = run(page, List.of("--dump-dom"), console);
    assertTrue(Files.isRegularFile(screenshot), "screenshot " + screenshot + " written");
    return new Rendering(dom, console);
  }

  /** The chart SVG elements of a DOM without a drawn mark. */
  static List<String> emptyCharts(String dom) {
    List<String> empty = new ArrayList<>();
    Matcher charts = SVG.matcher(dom);
    while (charts.find()) {
      if (!charts.group().contains("class=\"mark\"")) {
        empty.add(charts.group().substring(0, Math.min(200, charts.group().length())));
      }
    }
    return empty;
  }

  static int charts(String dom) {
    return (int) SVG.matcher(dom).results().count();
  }

  private static String run(Path page, List<String> options, List<String> console)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                BINARY,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--enable-logging=stderr",
                "--v=0",
                "--user-data-dir=" + Files.createTempDirectory("chromium")));
    command.addAll(options);
    command.add(page.toUri().toString());
    Path out = Files.createTempFile("chromium", ".out");
    Path err = Files.createTempFile("chromium", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("Chromium did not finish within 120 s: " + command);
    }
    Files.readAllLines(err, StandardCharsets.UTF_8).stream()
        .filter(line -> line.contains(":CONSOLE"))
        .forEach(console::add);
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
