package io.effortlens.model;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * AUC-ROC and AUC-PR that do not depend on partitioning or task order: a rerun on the same rows
 * gives the same bits. MLlib's evaluator merges floating-point partial areas in the order its tasks
 * finish (and bins the curve to 1000 points), so its last digits vary between runs.
 *
 * <p>The rows are reduced to one point per distinct score with integer counts of positives and
 * negatives, and for each point the counts strictly below its score (a window inside one of {@link
 * #BUCKETS} score ranges, plus the totals of the ranges below: no global sort, no window over a
 * single partition). Then:
 *
 * <ul>
 *   <li>AUC-ROC is the Mann-Whitney statistic (ties count one half) from integer sums: {@code Σ
 *       (2·pos·neg_below + pos·neg) / (2·P·N)}, exact up to the final division;
 *   <li>AUC-PR is the trapezoidal area of the precision-recall curve over the distinct thresholds,
 *       starting at recall 0 with the first threshold's precision (MLlib's definition, without
 *       binning). Each point's term is rounded to a DECIMAL(38, 30) before the sum, and decimal
 *       sums are exact, so their order does not matter.
 * </ul>
 *
 * Both are NaN when the rows have no positive or no negative label: the areas are undefined. This
 * is the product's one AUC-PR: {@link #prByGroup} (permutation importance, one area per scenario)
 * sums the same {@link #trapezoid} terms, and both equal MLlib's {@code
 * BinaryClassificationMetrics(numBins = 0).areaUnderPR} (AreaUnderCurvesTest, with ties).
 */
public final class AreaUnderCurves {
  static final int BUCKETS = 1024;
  private static final String SCORE = "s";
  private static final String POS = "pos";
  private static final String NEG = "neg";
  private static final String BUCKET = "bucket";

  private AreaUnderCurves() {}

  /** Both areas of {@code score} (a double column) against {@link TrainingSet#LABEL} (0 or 1). */
  public record Areas(double roc, double pr, long positives, long negatives) {}

  public static Areas of(Dataset<Row> scored, String score) {
    Column positive = col(TrainingSet.LABEL).equalTo(1.0);
    Dataset<Row> points =
        scored
            .select(col(score).cast(DataTypes.DoubleType).as(SCORE), positive.as("positive"))
            .where(col(SCORE).isNotNull().and(isnan(col(SCORE)).unary_$bang()))
            .groupBy(SCORE)
            .agg(
                sum(when(col("positive"), 1L).otherwise(0L)).as(POS),
                sum(when(col("positive"), 0L).otherwise(1L)).as(NEG))
            .withColumn(
                BUCKET,
                least(greatest(floor(col(SCORE).multiply(BUCKETS)), lit(-1L)), lit((long) BUCKETS)))
            .cache();
    try {
      // one pass over the points: per bucket its counts; the running sums give each bucket the
      // counts of the buckets below, and their ends the totals P and N
      List<Row> buckets =
          points
              .groupBy(BUCKET)
              .agg(sum(POS).as("bucket_pos"), sum(NEG).as("bucket_neg"))
              .orderBy(BUCKET)
              .collectAsList();
      List<Row> before = new ArrayList<>(buckets.size());
      long p = 0;
      long n = 0;
      for (Row b : buckets) {
        before.add(RowFactory.create(b.getLong(0), p, n));
        p += b.getLong(1);
        n += b.getLong(2);
      }
      if (p == 0 || n == 0) {
        return new Areas(Double.NaN, Double.NaN, p, n);
      }
      Row sums = below(points, before).agg(rocNumerator().as("roc"), prTerm(p, n).as("pr")).first();
      double roc = sums.getLong(0) / (2.0 * p * n);
      double pr = sums.getDecimal(1).doubleValue();
      return new Areas(roc, pr, p, n);
    } finally {
      points.unpersist();
    }
  }

  /**
   * Each point with the positives and negatives whose score is strictly lower: a window inside its
   * bucket plus the counts of the buckets below ({@code before}: bucket, pos_before, neg_before; at
   * most {@code BUCKETS + 2} rows).
   */
  private static Dataset<Row> below(Dataset<Row> points, List<Row> before) {
    StructType schema =
        new StructType()
            .add(BUCKET, DataTypes.LongType)
            .add("pos_before", DataTypes.LongType)
            .add("neg_before", DataTypes.LongType);
    Dataset<Row> buckets = points.sparkSession().createDataFrame(before, schema);
    WindowSpec lowerInBucket =
        Window.partitionBy(BUCKET).orderBy(SCORE).rowsBetween(Window.unboundedPreceding(), -1);
    return points
        .join(broadcast(buckets), BUCKET)
        .withColumn(
            "pos_below", col("pos_before").plus(coalesce(sum(POS).over(lowerInBucket), lit(0L))))
        .withColumn(
            "neg_below", col("neg_before").plus(coalesce(sum(NEG).over(lowerInBucket), lit(0L))));
  }

  private static Column rocNumerator() {
    return sum(
        lit(2L).multiply(col(POS)).multiply(col("neg_below")).plus(col(POS).multiply(col(NEG))));
  }

  /**
   * The trapezoid between this threshold's point and the previous (higher) one: recall grows by pos
   * / P; the previous precision is that of the rows strictly above, or this one's precision at the
   * first threshold.
   */
  private static Column prTerm(long p, long n) {
    Column tp = lit(p).minus(col("pos_below"));
    Column fp = lit(n).minus(col("neg_below"));
    return sum(trapezoid(tp, fp, col(POS), col(NEG), lit((double) p)));
  }

  /**
   * The one definition of the AUC-PR's term at a distinct score (MLlib's unbinned curve): {@code
   * pos / P · (precision + previous precision) / 2}, where tp and fp count the rows at or above the
   * score, pos and neg those at it, and the previous precision is that of the rows strictly above
   * (this one's at the first threshold). Rounded to DECIMAL(38, 30) so that a sum of terms does not
   * depend on its order.
   */
  static Column trapezoid(Column tp, Column fp, Column pos, Column neg, Column positives) {
    Column precision = tp.cast("double").divide(tp.plus(fp));
    Column tpAbove = tp.minus(pos);
    Column above = tpAbove.plus(fp.minus(neg));
    Column previous =
        when(above.equalTo(0L), precision).otherwise(tpAbove.cast("double").divide(above));
    return pos.cast("double")
        .divide(positives)
        .multiply(precision.plus(previous))
        .divide(2.0)
        .cast(DataTypes.createDecimalType(38, 30));
  }

  /**
   * The AUC-PR of {@code score} against {@link TrainingSet#LABEL} per value of {@code group}, with
   * the definition of {@link #of}: one window per group ordered by score (rows of a group in one
   * task; meant for a few groups of test rows each, e.g. the scenarios of permutation importance,
   * partitioned by group already). A group without positives or negatives gets NaN.
   */
  public static Map<String, Double> prByGroup(Dataset<Row> scored, String group, Column score) {
    Column positive = col(TrainingSet.LABEL).equalTo(1.0);
    WindowSpec atOrAbove =
        Window.partitionBy(group)
            .orderBy(col(SCORE).desc())
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    WindowSpec whole = Window.partitionBy(group);
    List<Row> rows =
        scored
            .select(col(group), score.cast(DataTypes.DoubleType).as(SCORE), positive.as("positive"))
            .where(col(SCORE).isNotNull().and(isnan(col(SCORE)).unary_$bang()))
            .groupBy(col(group), col(SCORE))
            .agg(
                sum(when(col("positive"), 1L).otherwise(0L)).as(POS),
                sum(when(col("positive"), 0L).otherwise(1L)).as(NEG))
            .withColumn("tp", sum(POS).over(atOrAbove))
            .withColumn("fp", sum(NEG).over(atOrAbove))
            .withColumn("p_total", sum(POS).over(whole))
            .withColumn("n_total", sum(NEG).over(whole))
            .groupBy(col(group))
            .agg(
                sum(trapezoid(col("tp"), col("fp"), col(POS), col(NEG), col("p_total"))).as("pr"),
                min(col("p_total")).as("p"),
                min(col("n_total")).as("n"))
            .collectAsList();
    Map<String, Double> out = new TreeMap<>();
    for (Row r : rows) {
      boolean defined = r.getLong(2) > 0 && r.getLong(3) > 0;
      out.put(r.getString(0), defined ? r.getDecimal(1).doubleValue() : Double.NaN);
    }
    return out;
  }
}
