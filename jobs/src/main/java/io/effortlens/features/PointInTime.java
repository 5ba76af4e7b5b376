package io.effortlens.features;

import static io.effortlens.schema.InteractionSchema.ANSWERED_AT;
import static io.effortlens.schema.InteractionSchema.KIND;
import static io.effortlens.schema.InteractionSchema.STARTED_AT;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.unix_seconds;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What is known at an as-of date T: the cutoff instant is T at 00:00 UTC and every cutoff is
 * exclusive. A row is known when it started before T; a survey row only when its answer is known
 * before T ({@code answered_at}, else its started_at).
 *
 * <p>Every as-of date of a run is computed in one plan: rows carry their snapshot as two columns,
 * {@link #AS_OF} and {@link #CUTOFF} ({@link #explodeKnownBefore} tags every row with each as-of
 * date it is known at; {@link #withAsOf} tags rows with one date), and the window and recency
 * expressions here read the cutoff from the row, so one aggregation grouped by (customer_id, as_of)
 * computes all snapshots.
 */
public final class PointInTime {
  /** The snapshot's as-of date T (DATE). */
  public static final String AS_OF = CustomerFeatureSchema.AS_OF;

  /** The snapshot's cutoff instant, T at 00:00 UTC (TIMESTAMP). */
  public static final String CUTOFF = "_cutoff";

  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private PointInTime() {}

  /** T at 00:00 UTC. */
  public static Timestamp cutoff(LocalDate asOf) {
    return Timestamp.from(asOf.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** The instant {@code days} exact days before (negative: after) the cutoff of T. */
  public static Timestamp daysBefore(LocalDate asOf, int days) {
    return Timestamp.from(cutoff(asOf).toInstant().minusSeconds(days * 86_400L));
  }

  /** The as-of dates as a frame (as_of, _cutoff), one row each. */
  public static Dataset<Row> asOfs(SparkSession spark, List<LocalDate> asOfs) {
    StructType schema =
        new StructType()
            .add(AS_OF, DataTypes.DateType, false)
            .add(CUTOFF, DataTypes.TimestampType, false);
    List<Row> rows =
        asOfs.stream().distinct().map(d -> RowFactory.create(Date.valueOf(d), cutoff(d))).toList();
    return spark.createDataFrame(rows, schema);
  }

  /**
   * Every row once per as-of date it is known at, tagged with {@link #AS_OF} and {@link #CUTOFF}: a
   * broadcast cross join with the (few) as-of dates and a filter, no shuffle; the rows keep their
   * partitioning.
   */
  public static Dataset<Row> explodeKnownBefore(Dataset<Row> rows, Dataset<Row> asOfs) {
    return filterKnownBefore(rows.crossJoin(broadcast(asOfs)));
  }

  /** The rows tagged with one as-of date (the single-snapshot form of the tags). */
  public static Dataset<Row> withAsOf(Dataset<Row> rows, LocalDate asOf) {
    return rows.withColumn(AS_OF, lit(Date.valueOf(asOf))).withColumn(CUTOFF, lit(cutoff(asOf)));
  }

  /** Keeps the rows known before their row's cutoff. Row filter, no shuffle. */
  public static Dataset<Row> filterKnownBefore(Dataset<Row> tagged) {
    Column cutoff = col(CUTOFF);
    Column known = col(STARTED_AT).lt(cutoff);
    Column answerKnown =
        col(KIND).notEqual("survey").or(coalesce(col(ANSWERED_AT), col(STARTED_AT)).lt(cutoff));
    return tagged.filter(known.and(answerKnown));
  }

  /** Whether {@code time} lies in the window [T - days, T) of the row's cutoff. */
  static Column within(Column time, int days) {
    Column micros = unix_micros(time);
    Column cutoff = unix_micros(col(CUTOFF));
    return micros.geq(cutoff.minus(lit(days * MICROS_PER_DAY))).and(micros.lt(cutoff));
  }

  /** Days (fractional, whole seconds) from {@code time} to the row's cutoff. */
  static Column daysSince(Column time) {
    return unix_seconds(col(CUTOFF)).cast("double").minus(unix_seconds(time)).divide(86_400.0);
  }

  /** Whole seconds of the row's cutoff (epoch). */
  static Column cutoffSeconds() {
    return unix_seconds(col(CUTOFF));
  }
}
