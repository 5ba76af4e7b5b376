package io.effortlens.lake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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

  private static String codeVersion() {
    Package pkg = Runs.class.getPackage();
    String version = pkg == null ? null : pkg.getImplementationVersion();
    return version == null ? io.effortlens.Version.current() : version;
  }
}
