package io.effortlens.model;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.to_date;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortlens.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The best AUC any model could reach on generated data: the true probability of defecting within
 * the horizon, {@code 1 - prod(1 - p_defect)} over the planted monthly hazards of the months that
 * start in [as_of, as_of + horizon), from the generator's truth table; and the same from what is
 * known at as_of only ({@link #ORACLE_AS_OF_PROBABILITY}). Grain in: test rows; out: the same rows
 * with both.
 */
public final class Oracle {
  public static final String ORACLE_PROBABILITY = "oracle_probability";

  /**
   * What the planted truth says with only what is known at as_of: the hazard of the month that
   * starts on (or last before) as_of, which depends only on the drivers before as_of, held for
   * every month of the horizon: {@code 1 - (1 - p_now)^months}. The hindsight oracle ({@link
   * #ORACLE_PROBABILITY}) also uses the hazards of later months, which depend on effort that
   * happens after as_of and so is not known to any model that does not leak.
   */
  public static final String ORACLE_AS_OF_PROBABILITY = "oracle_as_of_probability";

  private Oracle() {}

  /** The truth table named by truth.json ({@code truth_table}, relative to its folder). */
  public static Dataset<Row> readMonths(SparkSession spark, String truthJson) {
    Path json = Path.of(truthJson);
    if (!Files.isRegularFile(json)) {
      throw Problems.truthUnreadable(truthJson, "no such file");
    }
    try {
      JsonNode doc = new ObjectMapper().readTree(json.toFile());
      JsonNode table = doc.get("truth_table");
      if (table == null || !table.isTextual()) {
        throw Problems.truthUnreadable(truthJson, "it names no truth_table");
      }
      return spark
          .read()
          .parquet(json.toAbsolutePath().getParent().resolve(table.asText()).toString());
    } catch (IOException e) {
      throw Problems.truthUnreadable(truthJson, e.getMessage());
    }
  }

  /**
   * Adds both oracle probabilities to test rows (as_of, customer_id, ...); 0 without truth rows. A
   * customer who defected inside the horizon has no truth rows after it: those months count at the
   * customer's last planted hazard, so defectors are not favoured by having fewer terms.
   */
  public static Dataset<Row> withOracleProbability(
      Dataset<Row> test, Dataset<Row> months, int horizonDays) {
    Dataset<Row> keys = test.select(TrainingSet.AS_OF, TrainingSet.CUSTOMER_ID).distinct();
    Dataset<Row> m =
        months.select(
            col("customer_id"), to_date(col("month_start")).as("month_start"), col("p_defect"));
    Column inHorizon =
        col("m.month_start")
            .geq(col("k.as_of"))
            .and(col("m.month_start").lt(date_add(col("k.as_of"), horizonDays)));
    Dataset<Row> monthsInHorizon =
        keys.select(TrainingSet.AS_OF)
            .distinct()
            .as("k")
            .join(m.select("month_start").distinct().as("m"), inHorizon)
            .groupBy(col("k.as_of").as(TrainingSet.AS_OF))
            .agg(count(lit(1)).as("horizon_months"));
    Dataset<Row> horizon =
        keys.as("k")
            .join(m.as("m"), col("k.customer_id").equalTo(col("m.customer_id")).and(inHorizon))
            .groupBy(
                col("k.as_of").as(TrainingSet.AS_OF),
                col("k.customer_id").as(TrainingSet.CUSTOMER_ID))
            .agg(
                // summed in sorted order: a sum's value depends on the order its rows arrive in
                aggregate(
                        array_sort(collect_list(log1p(col("m.p_defect").multiply(-1)))),
                        lit(0.0),
                        (total, term) -> total.plus(term))
                    .as("log_survival"),
                count(lit(1)).as("months_seen"),
                max_by(col("m.p_defect"), col("m.month_start")).as("p_last"))
            .join(monthsInHorizon, TrainingSet.AS_OF)
            .join(
                current(keys, m), new String[] {TrainingSet.AS_OF, TrainingSet.CUSTOMER_ID}, "left")
            .select(
                col(TrainingSet.AS_OF),
                col(TrainingSet.CUSTOMER_ID),
                lit(1)
                    .minus(
                        exp(
                            col("log_survival")
                                .plus(
                                    col("horizon_months")
                                        .minus(col("months_seen"))
                                        .multiply(log1p(col("p_last").multiply(-1))))))
                    .as(ORACLE_PROBABILITY),
                lit(1)
                    .minus(
                        exp(
                            col("horizon_months")
                                .multiply(log1p(coalesce(col("p_now"), lit(0.0)).multiply(-1)))))
                    .as(ORACLE_AS_OF_PROBABILITY));
    return test.join(horizon, new String[] {TrainingSet.AS_OF, TrainingSet.CUSTOMER_ID}, "left")
        .withColumn(ORACLE_PROBABILITY, coalesce(col(ORACLE_PROBABILITY), lit(0.0)))
        .withColumn(ORACLE_AS_OF_PROBABILITY, coalesce(col(ORACLE_AS_OF_PROBABILITY), lit(0.0)));
  }

  /** Per key, the planted hazard of the month that starts on or last before as_of (p_now). */
  private static Dataset<Row> current(Dataset<Row> keys, Dataset<Row> m) {
    Column known =
        col("k.customer_id")
            .equalTo(col("m.customer_id"))
            .and(col("m.month_start").leq(col("k.as_of")))
            .and(col("m.month_start").gt(date_sub(col("k.as_of"), 31)));
    return keys.as("k")
        .join(m.as("m"), known)
        .groupBy(
            col("k.as_of").as(TrainingSet.AS_OF), col("k.customer_id").as(TrainingSet.CUSTOMER_ID))
        .agg(max_by(col("m.p_defect"), col("m.month_start")).as("p_now"));
  }
}
