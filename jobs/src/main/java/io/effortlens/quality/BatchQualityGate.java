package io.effortlens.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import io.effortlens.schema.QualityResultSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import scala.Function1;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Data-quality gate of an ingest batch: Deequ constraints on the accepted rows (completeness,
 * uniqueness of the key, vocabularies, ranges; computed by Deequ in few aggregation passes) and the
 * quarantined share of the records read.
 */
public final class BatchQualityGate {
  private BatchQualityGate() {}

  /**
   * Checks a batch.
   *
   * @param constraints the Deequ check for the table's accepted rows
   * @param quarantined records quarantined for a defect (where-filtered ones excluded)
   * @param read records read
   */
  public static QualityOutcome verify(
      SparkSession spark,
      Dataset<Row> accepted,
      String table,
      String source,
      Check constraints,
      long quarantined,
      long read,
      double maxRatio,
      String runId) {
    List<Row> rows = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    double ratio = read == 0 ? 0.0 : (double) quarantined / read;
    boolean ratioOk = ratio <= maxRatio;
    String ratioMessage =
        String.format(
            Locale.ROOT,
            "%d of %d records quarantined (%.4f); at most %.4f allowed by ingest.max-quarantine-ratio",
            quarantined,
            read,
            ratio,
            maxRatio);
    rows.add(
        row(runId, table, source, "quarantine ratio", "QuarantineRatio", ratioOk, ratioMessage));
    if (!ratioOk) {
      failures.add(table + ": " + ratioMessage);
    }
    Dataset<Row> results = spark.createDataFrame(rows, QualityResultSchema.SCHEMA);
    if (read - quarantined > 0) {
      Dataset<Row> deequ = runDeequ(spark, accepted, constraints, runId, table, source);
      deequ
          .filter(col(QualityResultSchema.STATUS).notEqual("Success"))
          .collectAsList()
          .forEach(r -> failures.add(table + ": " + r.getString(3) + " " + r.getString(5)));
      results = results.unionByName(deequ);
    }
    return new QualityOutcome(failures.isEmpty(), results, failures);
  }

  private static Dataset<Row> runDeequ(
      SparkSession spark,
      Dataset<Row> accepted,
      Check check,
      String runId,
      String table,
      String source) {
    VerificationResult result = new VerificationSuite().onData(accepted).addCheck(check).run();
    Dataset<Row> frame =
        VerificationResult.checkResultsAsDataFrame(
            spark, result, VerificationResult.checkResultsAsDataFrame$default$3());
    return frame.select(
        lit(runId).as(QualityResultSchema.RUN_ID),
        lit(table).as(QualityResultSchema.TARGET_TABLE),
        col("check").as(QualityResultSchema.CHECK),
        col("constraint").as(QualityResultSchema.CONSTRAINT),
        col("constraint_status").as(QualityResultSchema.STATUS),
        col("constraint_message").as(QualityResultSchema.MESSAGE),
        lit(source).as(QualityResultSchema.SOURCE));
  }

  private static Row row(
      String runId,
      String table,
      String source,
      String check,
      String constraint,
      boolean ok,
      String message) {
    return RowFactory.create(
        runId, table, check, constraint, ok ? "Success" : "Failure", message, source);
  }

  /** A new error-level check. */
  public static Check check(String description) {
    return new Check(
        CheckLevel.Error(),
        description,
        JavaConverters.asScalaBuffer(new ArrayList<com.amazon.deequ.constraints.Constraint>())
            .toSeq());
  }

  /** Requires the columns to be complete (no nulls). */
  public static Check complete(Check check, List<String> columns) {
    Check out = check;
    for (String column : columns) {
      out = out.isComplete(column, Option.empty(), Option.empty());
    }
    return out;
  }

  /** Requires the combination of columns to be unique. */
  public static Check unique(Check check, List<String> columns) {
    Function1<Object, Object> isOne = v -> ((Double) v) == 1.0;
    return check.hasUniqueness(JavaConverters.asScalaBuffer(columns).toSeq(), isOne);
  }

  /** Requires every non-null value of a column to be in a list. */
  public static Check containedIn(Check check, String column, List<String> allowed) {
    return check.isContainedIn(column, allowed.toArray(String[]::new));
  }

  /** Requires every non-null value to lie in [min, max]. */
  public static Check between(Check check, String column, double min, double max) {
    return check.isContainedIn(column, min, max, true, true, Option.empty(), Option.empty());
  }

  /** Requires every non-null value to be at least zero. */
  public static Check nonNegative(Check check, String column) {
    Function1<Object, Object> all = v -> ((Double) v) == 1.0;
    return check.isNonNegative(column, all, Option.empty());
  }
}
