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
 * aggregates of the model and gold tables. Rerun replaces the page (written beside, then renamed).
 */
public final class ReportJob {
  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

  /** Where the page went and what it holds. */
  public record Result(String path, int sections, int charts, int unavailable) {}

  /** Counts charts and "not available" notes as sections are drawn. */
  static final class Tally {
    private int charts;
    private int missing;

    void chart(Html html) {
      charts++;
    }

    void missing(Html html) {
      missing++;
    }
  }

  static final int SECTIONS = 9;

  private ReportJob() {}

  public static Result run(RunContext ctx, LocalDate asOf) {
    long start = System.nanoTime();
    Lake lake = ctx.lake();
    lake.spark().sparkContext().setJobDescription("report: read aggregates");
    Tally tally = new Tally();
    Html html = render(lake, asOf, tally);
    String page =
        html.page(
            "EffortLens report " + asOf,
            "As of "
                + asOf
                + " · lake "
                + lake.root()
                + " · EffortLens "
                + Version.current()
                + " · run "
                + ctx.runId());
    String path = lake.path("reports/" + asOf + "/index.html");
    TextFiles.replace(lake, path, page);
    ctx.count("report.charts", tally.charts);
    LOG.info(
        "stage=report rows={} charts={} unavailable={} bytes={} seconds={}",
        SECTIONS,
        tally.charts,
        tally.missing,
        page.length(),
        Elapsed.seconds(start));
    return new Result(path, SECTIONS, tally.charts, tally.missing);
  }

  /** The page body: the sections in reading order. */
  static Html render(Lake lake, LocalDate asOf, Tally tally) {
    Html html = new Html();
    ModelSections.disloyaltyPie(html, lake, tally);
    ModelSections.topDrivers(html, lake, tally);
    ModelSections.delight(html, lake, tally);
    ModelQuality.section(html, lake, tally);
    GoldSections.kpiTrends(html, lake, asOf, tally);
    GoldSections.perceptionGap(html, lake, asOf, tally);
    GoldSections.replication(html, lake, asOf, tally);
    GoldSections.nextIssues(html, lake, asOf, tally);
    ModelSections.riskBands(html, lake, asOf, tally);
    return html;
  }
}
