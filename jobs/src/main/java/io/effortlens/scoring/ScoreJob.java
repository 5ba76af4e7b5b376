package io.effortlens.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.effortlens.Elapsed;
import io.effortlens.Problems;
import io.effortlens.config.ConfigKeys;
import io.effortlens.features.CustomerFeatureSchema;
import io.effortlens.lake.Lake;
import io.effortlens.lake.RunContext;
import io.effortlens.lake.Table;
import io.effortlens.lake.WriteMetrics;
import io.effortlens.model.ModelPipelines;
import io.effortlens.model.survival.TimeToDefection;
import io.effortlens.model.survival.TimeToDefectionModel;
import io.effortlens.report.CustomerKeys;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code effortlens score --as-of T}: applies the published model to the customer_features snapshot
 * of T and writes {@code customer_risk} for T (its as_of partition replaced on rerun): calibrated
 * probability, risk band, expected months to defection, and the top reasons with sentences and next
 * steps.
 */
public final class ScoreJob {
  private static final Logger LOG = LoggerFactory.getLogger(ScoreJob.class);

  /** The calibrated probability column of a published model's output, when it has one. */
  public static final String CALIBRATED = ModelPipelines.DEFECTION_PROBABILITY;

  /** What a score run wrote. */
  public record Scored(LocalDate asOf, String modelVersion, WriteMetrics written) {}

  private ScoreJob() {}

  /** Scores the snapshot of {@code asOf} with the current model of the registry. */
  public static Scored run(RunContext ctx, LocalDate asOf, CustomerKeys keys) {
    return run(ctx, asOf, Registry.current(ctx.lake()), keys::keyOf);
  }

  /**
   * Scores the snapshot of {@code asOf}.
   *
   * @param customerKey maps customer_id to the published key (pseudonym or, if allowed, raw id)
   */
  public static Scored run(
      RunContext ctx,
      LocalDate asOf,
      PublishedModel published,
      Function<Column, Column> customerKey) {
    long start = System.nanoTime();
    Lake lake = ctx.lake();
    lake.spark().sparkContext().setJobDescription("score " + asOf);
    Dataset<Row> snapshot = snapshot(lake, asOf);
    PipelineModel model = PipelineModel.load(resolve(lake, published.path()));
    RiskBands bands = RiskBands.from(ctx.settings());
    ReasonCatalog catalog = ReasonCatalog.load(Path.of(ctx.settings().confDir()));
    List<Candidate> candidates = candidates(ctx, published, snapshot);
    Dataset<Row> explained =
        Reasons.explain(
            snapshot,
            CustomerFeatureSchema.CUSTOMER_ID,
            model,
            ScoreJob::probability,
            candidates,
            catalog,
            ctx.settings().get(ConfigKeys.SCORE_TOP_REASONS));
    Dataset<Row> withMonths = expectedMonths(lake, published, snapshot, explained);
    Column p = col(CustomerRiskSchema.PROBABILITY);
    Dataset<Row> rows =
        withMonths.select(
            lit(Date.valueOf(asOf)).as(CustomerRiskSchema.AS_OF),
            customerKey
                .apply(col(CustomerFeatureSchema.CUSTOMER_ID))
                .as(CustomerRiskSchema.CUSTOMER_KEY),
            p,
            bands.of(p).as(CustomerRiskSchema.RISK_BAND),
            col(CustomerRiskSchema.EXPECTED_MONTHS),
            lit(published.version()).as(CustomerRiskSchema.MODEL_VERSION),
            col(CustomerRiskSchema.REASONS),
            col(CustomerRiskSchema.NEXT_BEST_ACTION));
    WriteMetrics written =
        lake.replaceWhere(
            Table.CUSTOMER_RISK, rows, CustomerRiskSchema.AS_OF + " = DATE'" + asOf + "'");
    ctx.count("customer_risk." + asOf, written.inserted());
    LOG.info(
        "stage=score as_of={} model_version={} rows={} candidates={} seconds={}",
        asOf,
        published.version(),
        written.inserted(),
        candidates.size(),
        Elapsed.seconds(start));
    return new Scored(asOf, published.version(), written);
  }

  /** The customer_features rows of {@code asOf}; none is an error naming the command to run. */
  private static Dataset<Row> snapshot(Lake lake, LocalDate asOf) {
    Dataset<Row> snapshot =
        lake.read(Table.CUSTOMER_FEATURES, "features")
            .filter(col(CustomerFeatureSchema.AS_OF).equalTo(lit(Date.valueOf(asOf))));
    if (snapshot.isEmpty()) {
      throw Problems.tableMissing(
          "customer_features as_of " + asOf,
          lake.path(Table.CUSTOMER_FEATURES),
          "run 'effortlens features --as-of " + asOf + "' first");
    }
    return snapshot;
  }

  /** The model's reason candidates that the snapshot has, at most score.reason-candidates. */
  private static List<Candidate> candidates(
      RunContext ctx, PublishedModel published, Dataset<Row> snapshot) {
    List<String> columns = List.of(snapshot.columns());
    return published.candidates().stream()
        .filter(c -> columns.contains(c.feature()))
        .limit(ctx.settings().get(ConfigKeys.SCORE_REASON_CANDIDATES))
        .toList();
  }

  /**
   * The calibrated probability when the model has it, else P(class 1) of its probability vector.
   */
  static Column probability(Dataset<Row> scored) {
    if (List.of(scored.columns()).contains(CALIBRATED)) {
      return col(CALIBRATED).cast("double");
    }
    return functions.vector_to_array(col("probability"), "float64").getItem(1);
  }

  private static Dataset<Row> expectedMonths(
      Lake lake, PublishedModel published, Dataset<Row> snapshot, Dataset<Row> explained) {
    if (published.survivalPath() == null) {
      return explained.withColumn(CustomerRiskSchema.EXPECTED_MONTHS, lit(null).cast("double"));
    }
    TimeToDefectionModel survival =
        TimeToDefectionModel.load(resolve(lake, published.survivalPath()));
    Dataset<Row> months =
        survival
            .transform(snapshot)
            .select(
                col(CustomerFeatureSchema.CUSTOMER_ID),
                col(TimeToDefection.EXPECTED_MONTHS)
                    .cast("double")
                    .as(CustomerRiskSchema.EXPECTED_MONTHS));
    return explained.join(months, CustomerFeatureSchema.CUSTOMER_ID);
  }

  private static String resolve(Lake lake, String path) {
    if (path.contains(":/") || path.startsWith("/")) {
      return path;
    }
    return lake.root().replaceAll("/+$", "") + "/" + path;
  }
}
