package io.effortlens.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The report page in headless Chromium: every section drawn from contract-shaped model tables and
 * the fixture's gold tables, no console message, no empty chart, data escaped; and clear notes
 * where a source table does not exist yet.
 */
@ExtendWith(SparkSessionExtension.class)
class ReportRenderTest {
  private static final Path TARGET = Path.of("target");

  @Test
  void fullReportRendersEveryChartWithoutScriptErrors(SparkSession spark) throws Exception {
    Lake lake = copyOf(GoldFixture.ctx(spark).lake(), spark);
    ModelTables.write(lake);
    RunContext ctx =
        TestLakes.run(
            lake,
            "run-report",
            "labels.horizon-days=30",
            "gold.rules-window-days=10",
            "gold.catalog-database=");
    GoldJob.run(ctx, GoldFixture.AS_OF);
    ReportJob.Result result = ReportJob.run(ctx, GoldFixture.AS_OF);
    assertEquals(0, result.unavailable(), "every source exists");
    Path page = Path.of(result.path());
    Chromium.Rendering rendering = Chromium.render(page, TARGET.resolve("report-screenshot.png"));
    assertEquals(List.of(), rendering.console(), "console messages (script errors)");
    assertEquals(List.of(), Chromium.emptyCharts(rendering.dom()), "charts without marks");
    // pie, drivers, delight, ROC, PR, calibration, lift, 2 KPI trends, CSAT by position, risk
    assertEquals(11, Chromium.charts(rendering.dom()));
    assertEquals(result.charts(), Chromium.charts(rendering.dom()));
    String html = Files.readString(page);
    assertTrue(html.contains("&lt;b&gt;Repeat&lt;/b&gt; contacts &amp; &quot;re-explaining&quot;"));
    assertFalse(html.contains(ModelTables.TRICKY_DESCRIPTION), "raw markup from data");
    assertFalse(html.contains("<script"), "no scripts");
    String withoutNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assertFalse(withoutNamespace.matches("(?s).*(https?://|src=|href=).*"), "no network");
    assertTrue(Files.size(TARGET.resolve("report-screenshot.png")) > 50_000, "screenshot drawn");
    assertTrue(html.contains("odds ratio of defecting per 1 SD"), "axis label with unit");
    Row delight =
        lake.read(Table.RESEARCH_REPLICATION, "gold")
            .filter("statement_id = 'delight_effect'")
            .first();
    assertEquals("estimated", delight.getAs("status"));
    assertEquals(-0.0158, delight.<Double>getAs("estimate"), 1e-12);
    // the verdicts of delight_effects, worded alike in the report and research_replication:
    // 'any' survives Holm's adjustment; refund's own interval excludes 0 but it does not survive
    assertTrue(
        delight.<String>getAs("finding").startsWith("Finding: a delight action changed"),
        delight.<String>getAs("finding"));
    assertTrue(html.contains("finding (Holm-adjusted p 0.024 over 3 actions)"), "any: finding");
    assertTrue(
        html.contains("no distinct effect (Holm-adjusted p 0.060 over 3 actions)"),
        "refund: no distinct effect");
  }

  @Test
  void missingSourcesShowNotesNamingTheCommandNotEmptyCharts(SparkSession spark) throws Exception {
    RunContext ctx = TestLakes.newRun(spark);
    ReportJob.Result result = ReportJob.run(ctx, GoldFixture.AS_OF);
    assertEquals(0, result.charts());
    String html = Files.readString(Path.of(result.path()));
    assertTrue(
        html.contains(
            "Not available: driver_effects does not exist yet. Run <code>effortlens train</code>."));
    assertTrue(html.contains("Run <code>effortlens gold --as-of 2024-04-01</code>"));
    assertTrue(html.contains("Run <code>effortlens score --as-of 2024-04-01</code>"));
    assertEquals(0, Chromium.charts(html));
  }

  @Test
  void consoleCheckCatchesAScriptError() throws Exception {
    Path page = Files.createTempFile("broken", ".html");
    Files.writeString(
        page,
        "<!DOCTYPE html><html><body><svg class=\"chart\"><text>x</text></svg><script>missing();</script></body></html>");
    Chromium.Rendering rendering = Chromium.render(page, TARGET.resolve("broken-screenshot.png"));
    assertTrue(
        rendering.console().stream().anyMatch(l -> l.contains("missing is not defined")),
        rendering.console().toString());
    assertEquals(1, Chromium.emptyCharts(rendering.dom()).size());
  }

  /** A copy of a lake folder (Delta logs use relative paths), so this test's writes stay here. */
  private static Lake copyOf(Lake source, SparkSession spark) throws IOException {
    Path from = Path.of(source.root());
    Path to = TestLakes.tempDir("report-lake");
    try (Stream<Path> paths = Files.walk(from)) {
      paths.forEach(
          p -> {
            try {
              Path target = to.resolve(from.relativize(p).toString());
              if (Files.isDirectory(p)) {
                Files.createDirectories(target);
              } else {
                Files.copy(p, target);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    return Lake.at(spark, to.toString());
  }
}
