package io.effortlens.features;

import static io.effortlens.schema.InteractionSchema.ANSWERED_AT;
import static io.effortlens.schema.InteractionSchema.KIND;
import static io.effortlens.schema.InteractionSchema.STARTED_AT;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_seconds;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What is known at an as-of date T: the cutoff instant is T at 00:00 UTC and every cutoff is
 * exclusive. A row is known when it started before T; a survey row only when its answer is known
 * before T ({@code answered_at}, else its started_at). Row filter, no shuffle.
 */
public final class PointInTime {
  private PointInTime() {}

  /** T at 00:00 UTC. */
  public static Timestamp cutoff(LocalDate asOf) {
    return Timestamp.from(asOf.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** The instant {@code days} exact days before (negative: after) the cutoff of T. */
  public static Timestamp daysBefore(LocalDate asOf, int days) {
    return Timestamp.from(cutoff(asOf).toInstant().minusSeconds(days * 86_400L));
  }

  /** Keeps the rows known before T. */
  public static Dataset<Row> filterKnownBefore(Dataset<Row> interactions, LocalDate asOf) {
    Timestamp cutoff = cutoff(asOf);
    Column known = col(STARTED_AT).lt(lit(cutoff));
    Column answerKnown =
        col(KIND)
            .notEqual("survey")
            .or(coalesce(col(ANSWERED_AT), col(STARTED_AT)).lt(lit(cutoff)));
    return interactions.filter(known.and(answerKnown));
  }

  /** Whether {@code time} lies in the window [T - days, T). */
  static Column within(Column time, LocalDate asOf, int days) {
    return time.geq(lit(daysBefore(asOf, days))).and(time.lt(lit(cutoff(asOf))));
  }

  /** Days (fractional) from {@code time} to the cutoff of T. */
  static Column daysSince(Column time, LocalDate asOf) {
    return lit(cutoff(asOf).getTime() / 1000.0).minus(unix_seconds(time)).divide(86_400.0);
  }
}
