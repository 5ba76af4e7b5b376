package io.effortlens.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.map_keys;

import io.effortlens.schema.RunSchema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.RowFactory;

/** Writes one row per command run to the {@code runs} table. */
public final class Runs {
  private Runs() {}

  /** Appends the run's row; arguments are stored as given (secrets never travel as arguments). */
  public static void record(
      RunContext ctx, Instant endedAt, String status, int exitCode, String message) {
    var row =
        RowFactory.create(
            ctx.runId(),
            ctx.command(),
            scala.collection.JavaConverters.asScalaBuffer(ctx.arguments()).toSeq(),
            ctx.settings().hash(),
            codeVersion(),
            Timestamp.from(ctx.startedAt()),
            Timestamp.from(endedAt),
            status,
            exitCode,
            scala.collection.JavaConverters.mapAsScalaMap(ctx.rowCounts()),
            message);
    ctx.lake()
        .append(Table.RUNS, ctx.lake().spark().createDataFrame(List.of(row), Table.RUNS.schema()));
  }

  /**
   * The row-count names that start with a prefix, over every run recorded so far (none before the
   * first run). A small read: one row per run.
   */
  public static Set<String> countNames(Lake lake, String prefix) {
    if (!lake.exists(Table.RUNS)) {
      return Set.of();
    }
    List<String> names =
        lake.read(Table.RUNS, "ingest")
            .select(explode(map_keys(col(RunSchema.ROW_COUNTS))).as("name"))
            .filter(col("name").startsWith(prefix))
            .distinct()
            .as(Encoders.STRING())
            .collectAsList();
    return new TreeSet<>(names);
  }

  private static String codeVersion() {
    Package pkg = Runs.class.getPackage();
    String version = pkg == null ? null : pkg.getImplementationVersion();
    return version == null ? io.effortlens.Version.current() : version;
  }
}
