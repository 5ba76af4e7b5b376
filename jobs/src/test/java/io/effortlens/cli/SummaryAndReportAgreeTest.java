package io.effortlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.model.DisloyaltyPie;
import io.effortlens.model.Driver;
import io.effortlens.model.DriverEffects;
import io.effortlens.model.DriverEffectsSchema;
import io.effortlens.model.TrainResult;
import io.effortlens.report.ReportJob;
import io.effortlens.testing.SparkSessionExtension;
import io.effortlens.testing.TestLakes;
import io.effortlens.testing.TrainResults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One pie: for one model version, the {@code train} summary and the report show the same signed
 * family shares and intervals, both equal to driver_effects' stored {@code share}; and both list a
 * measure's windows once.
 */
@ExtendWith(SparkSessionExtension.class)
class SummaryAndReportAgreeTest {
  private static final String VERSION = "v-one-pie";
  private static final Pattern SUMMARY_FAMILY =
      Pattern.compile("(?m)^  (\\w+)\\s+([+-]\\d+\\.\\d%)  \\(95% (\\S+) to (\\S+);");
  private static final Pattern REPORT_FAMILY =
      Pattern.compile("<tr><td>(\\w+)</td><td>([+-]\\d+\\.\\d%)</td><td>([^<]+) to ([^<]+)</td>");

  private static DriverEffects.Inputs inputs() {
    List<Driver> drivers =
        List.of(
            new Driver("active_days_180d", "engagement", "active days 180", 0.0),
            new Driver("active_days_30d", "engagement", "active days 30", 0.0),
            new Driver("active_days_90d", "engagement", "active days 90", 0.0),
            new Driver("csat_mean_90d", "experience", "csat", null),
            new Driver("gift_actions_90d", "delight", "gifts", 0.0),
            new Driver("repeat_contacts_90d", "effort", "repeats", 0.0));
    Map<String, double[]> avoided = new LinkedHashMap<>();
    avoided.put("active_days_180d", new double[] {12, 10, 14, 11, 13});
    avoided.put("active_days_30d", new double[] {5, 4, 6, 5, 5});
    avoided.put("active_days_90d", new double[] {8, 7, 9, 8, 8});
    avoided.put("gift_actions_90d", new double[] {-10, -12, -8, -9, -11});
    avoided.put("repeat_contacts_90d", new double[] {30, 28, 32, 29, 31});
    // the family scenarios: the 180-day window at 0 empties the 30 and 90, so engagement is its 12
    avoided.put("family:engagement", new double[] {12, 10, 14, 11, 13});
    avoided.put("family:delight", new double[] {-10, -12, -8, -9, -11});
    avoided.put("family:effort", new double[] {30, 28, 32, 29, 31});
    Map<String, Long> support = new LinkedHashMap<>();
    drivers.forEach(d -> support.put(d.name(), 500L));
    return new DriverEffects.Inputs(
        drivers,
        new double[] {0.1, 0.05, 0.08, 0.0, -0.1, 0.3},
        List.of(new double[] {0.1, 0.05, 0.08, 0.0, -0.1, 0.3}),
        Map.of("csat_mean_90d", 0.03, "repeat_contacts_90d", 0.05),
        avoided,
        support,
        null,
        30);
  }

  @Test
  void summaryAndReportShowTheStoredFamilySharesAndOneRowPerMeasure(SparkSession spark)
      throws Exception {
    DriverEffects.Inputs in = inputs();
    List<Row> rows = DriverEffects.toRows(VERSION, in);
    RunContext ctx = TestLakes.newRun(spark);
    Lake lake = ctx.lake();
    spark
        .createDataFrame(rows, Table.DRIVER_EFFECTS.schema())
        .write()
        .format("delta")
        .save(lake.path(Table.DRIVER_EFFECTS));
    String html =
        Files.readString(Path.of(ReportJob.run(ctx, LocalDate.parse("2024-04-01")).path()));
    String summary = summary(in);

    Map<String, List<String>> printed = families(SUMMARY_FAMILY, summary);
    Map<String, List<String>> reported = families(REPORT_FAMILY, html);
    assertEquals(printed, reported, summary);
    Map<String, String> stored = new LinkedHashMap<>();
    for (Row r : rows) {
      Object share = r.get(DriverEffectsSchema.SCHEMA.fieldIndex(DriverEffectsSchema.SHARE));
      if (r.get(DriverEffectsSchema.SCHEMA.fieldIndex(DriverEffectsSchema.LEVEL))
              .equals(DriverEffectsSchema.FAMILY_LEVEL)
          && share != null) {
        stored.put(r.getString(2), DisloyaltyPie.percent((Double) share));
      }
    }
    Map<String, String> shown = new LinkedHashMap<>();
    printed.forEach((family, values) -> shown.put(family, values.get(0)));
    assertEquals(Map.of("effort", "+57.7%", "engagement", "+23.1%", "delight", "-19.2%"), shown);
    assertEquals(stored.keySet(), shown.keySet());
    stored.forEach((family, share) -> assertEquals(share, shown.get(family), family));
    assertTrue(html.contains("No share for experience"), "a family without a share is named");
    assertTrue(
        summary.contains("  experience no share: none of its drivers has a reference value"));
    assertTrue(summary.contains("driver rank stability: not computed (too few snapshots)"));
    assertTrue(
        summary.contains(
            "  1. csat mean within 90 days (experience): permutation importance 0.0300 (what"
                + " customers said is an outcome"),
        "a driver without a reference is in the summary, ranked by permutation importance\n"
            + summary);
    assertTrue(
        html.contains("<td>1</td><td>csat_mean_90d</td><td>experience</td><td>0.0300</td>"),
        "and in the report");

    // 12 (180d, which nests 30d and 90d) over 52 = the families' |avoided|: one denominator
    assertTrue(
        summary.contains(
            "  active days within 180 days (engagement; windows 30/90/180 days grouped): +23.1%"),
        summary);
    assertFalse(summary.contains("within 30 days"), summary);
    assertTrue(html.contains("<td>active_days (30d, 90d, 180d windows)</td>"), "grouped measure");
    assertFalse(html.contains("<td>active_days_30d</td>"), "member windows shown once");
  }

  private static String summary(DriverEffects.Inputs in) {
    TrainResult r =
        TrainResults.first(VERSION)
            .drivers(TrainResult.Drivers.of(in, "too few snapshots"))
            .build();
    StringWriter out = new StringWriter();
    TrainCommand.print(r, new PrintWriter(out, true));
    return out.toString();
  }

  private static Map<String, List<String>> families(Pattern pattern, String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.put(m.group(1), List.of(m.group(2), m.group(3), m.group(4)));
    }
    return out;
  }
}
