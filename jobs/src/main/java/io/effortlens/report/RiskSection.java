package io.effortlens.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;

import io.effortlens.lake.Lake;
import io.effortlens.report.ReportPage.Note;
import io.effortlens.report.Svg.Axis;
import io.effortlens.report.Svg.Bar;
import io.effortlens.report.Svg.BarChart;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The risk section (template {@code risk}): scored customers per risk band at the latest score of
 * customer_risk on or before the report date.
 */
final class RiskSection {
  private RiskSection() {}

  record Risk(Optional<Note> note, Optional<String> scoresAsOf, Optional<BarChart> chart)
      implements ReportPage.ChartSection {}

  static Risk of(Lake lake, LocalDate asOf) {
    Optional<Dataset<Row>> risk = lake.readIfExists("customer_risk");
    Row latest =
        risk.map(
                r ->
                    r.filter(col("as_of").leq(java.sql.Date.valueOf(asOf)))
                        .agg(max(col("as_of")))
                        .first())
            .orElse(null);
    if (latest == null || latest.isNullAt(0)) {
      return new Risk(
          Optional.of(
              new Note(
                  "customer_risk has no scores on or before " + asOf + ".",
                  "effortlens score --as-of " + asOf)),
          Optional.empty(),
          Optional.empty());
    }
    List<Row> bands =
        risk.get()
            .filter(col("as_of").equalTo(latest.get(0)))
            .groupBy(col("risk_band"))
            .agg(count(col("risk_band")).as("customers"))
            .orderBy(col("risk_band"))
            .collectAsList();
    return risk(String.valueOf(latest.get(0)), bands);
  }

  /** The section's record from the customers per risk_band of the scores as of {@code day}. */
  static Risk risk(String day, List<Row> bands) {
    List<Bar> bars = new ArrayList<>();
    double hi = 0;
    for (Row row : bands) {
      double customers = Cells.number(row, "customers");
      bars.add(new Bar(Cells.string(row, "risk_band"), 0, customers, Double.NaN, Double.NaN));
      hi = Math.max(hi, customers);
    }
    Axis axis = new Axis("customers (count)", 0, hi * 1.05 + 1, v -> Cells.fixed(v, 0));
    return new Risk(
        Optional.empty(),
        Optional.of(day),
        Optional.of(Svg.bars("Customers by risk band", axis, bars, List.of("customers"), 0)));
  }
}
