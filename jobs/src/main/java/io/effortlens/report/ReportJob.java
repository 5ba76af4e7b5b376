package io.effortlens.report;

import io.effortlens.Elapsed;
import io.effortlens.Version;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.TextFiles;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code effortlens report --as-of DATE}: one self-contained HTML page, {@code
 * <lake>/reports/<as_of>/index.html} (inline CSS and SVG, no scripts, no network), from small
 * aggregates of the model and gold tables: the sections' records ({@link ReportPage.Page}) filled
 * into the Mustache template {@code page} ({@link Templates}). Rerun replaces the page (written
 * beside, then renamed).
 */
public final class ReportJob {
  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

  /** Where the page went and what it holds. */
  public record Result(String path, int sections, int charts, int unavailable) {}

  static final int SECTIONS = 9;

  private ReportJob() {}

  public static Result run(RunContext ctx, LocalDate asOf) {
    long start = System.nanoTime();
    Lake lake = ctx.lake();
    lake.spark().sparkContext().setJobDescription("report: read aggregates");
    ReportPage.Page data = page(lake, asOf, ctx.runId());
    String page = Templates.render("page", data);
    String path = lake.path("reports/" + asOf + "/index.html");
    TextFiles.replace(lake, path, page);
    ctx.count("report.charts", data.charts());
    LOG.info(
        "stage=report rows={} charts={} unavailable={} bytes={} seconds={}",
        SECTIONS,
        data.charts(),
        data.notes(),
        page.length(),
        Elapsed.seconds(start));
    return new Result(path, SECTIONS, data.charts(), data.notes());
  }

  /** The page's data: the sections in reading order (the template {@code page} lays them out). */
  static ReportPage.Page page(Lake lake, LocalDate asOf, String runId) {
    return new ReportPage.Page(
        "EffortLens report " + asOf,
        "As of "
            + asOf
            + " · lake "
            + lake.root()
            + " · EffortLens "
            + Version.current()
            + " · run "
            + runId,
        ModelSections.disloyaltyPie(lake),
        ModelSections.topDrivers(lake),
        DelightSection.of(lake),
        ModelQuality.of(lake),
        GoldSections.kpiTrends(lake, asOf),
        GoldSections.perceptionGap(lake, asOf),
        GoldSections.replication(lake, asOf),
        GoldSections.nextIssues(lake, asOf),
        RiskSection.of(lake, asOf));
  }
}
