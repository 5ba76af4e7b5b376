package io.effortlens.journey;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.effortlens.Elapsed;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.lake.WriteMetrics;
import io.effortlens.schema.InteractionSchema;
import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code effortlens journeys}: rebuilds the {@code journeys} table from all of {@code interactions}
 * (stitch, metrics, effort_score) and replaces it whole; the effort model's coefficients go to
 * {@code effort_models} (scope journeys). Journeys are open or not relative to the data's last
 * started_at, so reruns on the same data write identical rows.
 */
public final class JourneyJob {
  private static final Logger LOG = LoggerFactory.getLogger(JourneyJob.class);

  /** What one run wrote. */
  public record Result(WriteMetrics journeys, EffortModel model) {}

  private JourneyJob() {}

  /** Runs the job. */
  public static Result run(RunContext ctx) {
    JourneySettings settings = JourneySettings.from(ctx.settings());
    Lake lake = ctx.lake();
    Dataset<Row> interactions = lake.read(Table.INTERACTIONS, "ingest");
    Timestamp end = dataEnd(interactions);
    describe(ctx, "journeys: stitch and measure");
    Dataset<Row> journeys = JourneyMetrics.measured(interactions, lit(end), settings.gapDays());
    try {
      EffortModel model = fit(ctx, journeys, settings);
      WriteMetrics written = write(ctx, EffortScores.withEffortScore(journeys, model), model);
      return new Result(written, model);
    } finally {
      journeys.unpersist();
    }
  }

  /** The last started_at in the data (the end of observation), or the epoch when empty. */
  public static Timestamp dataEnd(Dataset<Row> interactions) {
    Row row = interactions.agg(max(col(InteractionSchema.STARTED_AT))).first();
    return row.isNullAt(0) ? new Timestamp(0L) : row.getTimestamp(0);
  }

  private static EffortModel fit(RunContext ctx, Dataset<Row> journeys, JourneySettings settings) {
    long start = System.nanoTime();
    describe(ctx, "journeys: fit effort model");
    EffortModel model = EffortModelTrainer.fit(journeys, settings.effortMinAnswers());
    ctx.count("journeys.ces_answers", model.answers());
    LOG.info(
        "stage=journeys-effort-model method={} journeys={} answers={} seconds={}",
        model.method(),
        model.journeys(),
        model.answers(),
        Elapsed.seconds(start));
    return model;
  }

  private static WriteMetrics write(RunContext ctx, Dataset<Row> scored, EffortModel model) {
    long start = System.nanoTime();
    Lake lake = ctx.lake();
    describe(ctx, "journeys: write");
    Column[] columns = JourneySchema.columns().stream().map(c -> col(c)).toArray(Column[]::new);
    WriteMetrics written = lake.replaceWhere(Table.JOURNEYS, scored.select(columns), "true");
    Dataset<Row> coefficients =
        lake.spark()
            .createDataFrame(
                model.toRows(EffortModelSchema.SCOPE_JOURNEYS, null), EffortModelSchema.SCHEMA);
    lake.replaceWhere(
        Table.EFFORT_MODELS,
        coefficients,
        EffortModelSchema.SCOPE + " = '" + EffortModelSchema.SCOPE_JOURNEYS + "'");
    ctx.count("journeys.written", written.inserted());
    LOG.info(
        "stage=journeys-write journeys={} version={} seconds={}",
        written.inserted(),
        written.version(),
        Elapsed.seconds(start));
    return written;
  }

  private static void describe(RunContext ctx, String step) {
    ctx.lake().spark().sparkContext().setJobDescription(step);
  }
}
